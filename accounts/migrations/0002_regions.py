"""The 35 arbeidsmarktregio's of the Netherlands."""

from django.db import migrations

from accounts.regions import ensure_regions



def load(apps, schema_editor):
    ensure_regions(apps.get_model("accounts", "Region"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    replaces = [("profiles", "0002_regions")]
    # Rolled back, the regions stay: users, organisations and trajecten refer to them (deleting
    # them failed, or would take those rows along), and loading them again changes nothing.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
