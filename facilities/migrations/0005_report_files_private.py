"""The room booking reports become jobs of core's report pipeline: their files move
from MEDIA_ROOT to the private storage, which only the download views reach. The table
and its rows stay; the file column's storage and requested_by's blank (as in the other
reports) change no SQL."""

import core.models
import core.uploads
from core.uploads import move_to_media_root, move_to_private_storage
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def files_to_private_storage(apps, schema_editor):
    move_to_private_storage(apps.get_model("facilities", "Report"))


def files_to_media_root(apps, schema_editor):
    move_to_media_root(apps.get_model("facilities", "Report"))


class Migration(migrations.Migration):

    dependencies = [
        ('facilities', '0004_alter_bookingnotification_options'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='file',
            field=models.FileField(blank=True, storage=core.uploads.private_storage, upload_to=core.models.report_file_path, verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='report',
            name='requested_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
        ),
        migrations.RunPython(files_to_private_storage, files_to_media_root),
    ]
