"""GIN index over the calendar's full-text search document.

The expression must stay identical to events.search.search_vector(), or the planner
cannot use the index (tests/events/test_search.py checks the plan). The index lives only
in the database: the model does not declare it, so the state is left alone."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def search_index():
    return GinIndex(
        SearchVector("name_fi", "name_sv", "name_en", weight="A", config="finnish")
        + SearchVector(
            "short_description_fi",
            "short_description_sv",
            "short_description_en",
            weight="B",
            config="finnish",
        )
        + SearchVector(
            "description_fi", "description_sv", "description_en", weight="C", config="finnish"
        ),
        name="event_search_document",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AddIndex(model_name="event", index=search_index())],
            state_operations=[],
        ),
    ]
