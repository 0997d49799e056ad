"""The searched document becomes a stored generated column with its own GIN index
(ranking tens of thousands of matches must not compute each row's document again), and
the expression index of 0002, which only the database knew of, is dropped."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            "name_fi", "name_sv", "name_en", config="finnish", weight="A"
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "short_description_fi",
                            "short_description_sv",
                            "short_description_en",
                            config="finnish",
                            weight="B",
                        ),
                        django.contrib.postgres.search.SearchConfig("finnish"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "description_fi",
                        "description_sv",
                        "description_en",
                        config="finnish",
                        weight="C",
                    ),
                    django.contrib.postgres.search.SearchConfig("finnish"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="event_search_vector"
            ),
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS event_search_document",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
