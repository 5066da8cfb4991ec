"""The starting catalogue: sector norms, regelingen of June 2022, the WW cap, the threshold."""

from django.db import migrations

from financing.catalogue import ensure_catalogue


def load(apps, schema_editor):
    ensure_catalogue(
        apps.get_model("financing", "Regeling"),
        apps.get_model("financing", "SectorNorm"),
        apps.get_model("financing", "WwParameter"),
        apps.get_model("financing", "FinancingSettings"),
    )


class Migration(migrations.Migration):
    dependencies = [("financing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
