"""Users, organisations and regions moved from the app `profiles` to `accounts` (issue 18):
their content types (permissions, admin log) and audit entries follow."""

from django.db import migrations

from loopbrug.relabel import relabel_models

MODELS = ["user", "organisation", "region"]


def forwards(apps, schema_editor):
    relabel_models(apps, old="profiles", new="accounts", models=MODELS)


def backwards(apps, schema_editor):
    relabel_models(apps, old="accounts", new="profiles", models=MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_regions"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("loopbrug", "0002_initial"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
