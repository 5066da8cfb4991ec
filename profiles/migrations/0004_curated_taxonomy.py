"""Loopbrug's curated Dutch taxonomy: skills, beroepen, talents, drijfveren."""

from django.db import migrations

from taxonomy.curated import load_curated_taxonomy


def load(apps, schema_editor):
    load_curated_taxonomy(
        {
            name: apps.get_model("profiles", name)
            for name in ("Skill", "Beroep", "BeroepSkill", "Talent", "Drijfveer")
        }
    )


class Migration(migrations.Migration):
    dependencies = [("profiles", "0003_profile_and_taxonomy")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
