"""AuditEntry now lives in core (core.0001); the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("yhteisokeskus", "0002_annual_report"),
        ("core", "0001_auditentry_moved_from_yhteisokeskus"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
