"""The pilot reports become jobs of core's report pipeline: their files move from MEDIA_ROOT
to the private storage, which only the download views reach. The table and its rows stay;
only the file column's storage changes (no SQL)."""

import core.models
import core.uploads
from core.uploads import move_to_media_root, move_to_private_storage
from django.db import migrations, models


def files_to_private_storage(apps, schema_editor):
    move_to_private_storage(apps.get_model("pilots", "PilotReport"))


def files_to_media_root(apps, schema_editor):
    move_to_media_root(apps.get_model("pilots", "PilotReport"))


class Migration(migrations.Migration):

    dependencies = [
        ('pilots', '0002_alter_pilotreminder_options'),
    ]

    operations = [
        migrations.AlterField(
            model_name='pilotreport',
            name='file',
            field=models.FileField(blank=True, storage=core.uploads.private_storage, upload_to=core.models.report_file_path, verbose_name='file'),
        ),
        migrations.RunPython(files_to_private_storage, files_to_media_root),
    ]
