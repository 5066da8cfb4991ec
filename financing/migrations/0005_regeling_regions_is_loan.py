"""Regelingen get the regions where they apply and a loan flag."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('financing', '0004_parameters_2026'),
    ]

    operations = [
        migrations.AddField(
            model_name='regeling',
            name='is_loan',
            field=models.BooleanField(default=False, help_text='Een lening wordt terugbetaald: Loopbrug stelt haar nooit zelf voor als bijdrage.', verbose_name='lening'),
        ),
        migrations.AddField(
            model_name='regeling',
            name='regions',
            field=models.JSONField(blank=True, default=list, help_text="Codes van de regio's waar de regeling geldt. Leeg: heel Nederland.", verbose_name="arbeidsmarktregio's"),
        ),
    ]
