"""The 35 arbeidsmarktregio's of the Netherlands."""

from django.db import migrations
from django.utils.text import slugify

from profiles.regions import REGIONS, ensure_regions



def load(apps, schema_editor):
    ensure_regions(apps.get_model("profiles", "Region"))


def unload(apps, schema_editor):
    apps.get_model("profiles", "Region").objects.filter(
        code__in=[slugify(name) for name in REGIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
