"""The 2026 rows of the dated tables (loonheffing, bijstandsnormen, transitievergoeding), the
oriëntatietijd norm in working days (20 / 21,75 of a month) and the end of STAP-budget."""

from django.db import migrations

from financing.catalogue import (
    DURATION_NL,
    DURATION_WORKING_DAYS,
    REGELING_ENDED,
    ensure_parameters,
)


def forward(apps, schema_editor):
    ensure_parameters(
        loonheffing=apps.get_model("financing", "LoonheffingParameter"),
        bijstandsnorm=apps.get_model("financing", "Bijstandsnorm"),
        transitievergoeding=apps.get_model("financing", "TransitievergoedingParameter"),
    )
    sector_norm = apps.get_model("financing", "SectorNorm")
    for duration, days in DURATION_WORKING_DAYS.items():
        sector_norm.objects.filter(
            duration=DURATION_NL.get(duration, duration), duration_working_days__isnull=True
        ).update(duration_working_days=days)
    regeling = apps.get_model("financing", "Regeling")
    for name, ended in REGELING_ENDED.items():
        regeling.objects.filter(name=name, valid_to__isnull=True).update(valid_to=ended)


def backward(apps, schema_editor):
    regeling = apps.get_model("financing", "Regeling")
    for name, ended in REGELING_ENDED.items():
        regeling.objects.filter(name=name, valid_to=ended).update(valid_to=None)


class Migration(migrations.Migration):
    dependencies = [("financing", "0003_ww_net_transitie_ontheffing")]
    operations = [migrations.RunPython(forward, backward)]
