"""GIN index over the directory's full-text search document.

The expression must stay identical to organisations.search.search_vector(), or the
planner cannot use the index (tests/organisations/test_search.py checks the plan).
The index lives only in the database: the model does not declare it, so the state is
left alone."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations


def search_index():
    return django.contrib.postgres.indexes.GinIndex(
        django.contrib.postgres.search.SearchVector(
            "name_fi", "name_sv", "name_en", weight="A", config="finnish"
        )
        + django.contrib.postgres.search.SearchVector("description_fi", weight="C", config="finnish"),
        name="organisation_search_document",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_reference_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AddIndex(model_name="organisation", index=search_index())],
            state_operations=[],
        ),
    ]
