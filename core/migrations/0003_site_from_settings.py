"""The sites framework's row (which allauth reads) names the portal at SITE_URL instead
of Django's default "example.com". Pages and emails take the centre's name from
CentreSettings; this keeps anything that still reads the Site row honest too."""

from urllib.parse import urlparse

from django.conf import settings
from django.db import migrations


def site_from_settings(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    domain = urlparse(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": "Yhteisökeskus"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_centre_settings"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(site_from_settings, migrations.RunPython.noop)]
