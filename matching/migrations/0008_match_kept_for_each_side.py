# Matches say why they are kept. Rows from before keep both reasons until the next full run
# decides (nothing is removed by the migration itself).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0007_match_run_scope'),
    ]

    operations = [
        migrations.AddField(
            model_name='match',
            name='for_profile',
            field=models.BooleanField(default=True, verbose_name='bij de beste van het profiel'),
        ),
        migrations.AddField(
            model_name='match',
            name='for_vacature',
            field=models.BooleanField(default=True, verbose_name='bij de beste kandidaten van de vacature'),
        ),
        migrations.AlterField(
            model_name='match',
            name='for_vacature',
            field=models.BooleanField(default=False, verbose_name='bij de beste kandidaten van de vacature'),
        ),
        migrations.CreateModel(
            name='MatchCandidate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('vacature_id', models.IntegerField(verbose_name='vacature')),
                ('profile_id', models.IntegerField(verbose_name='profiel')),
                ('score', models.PositiveSmallIntegerField(verbose_name='score')),
                ('stored', models.BooleanField(default=False, verbose_name='al opgeslagen als match')),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='candidates', to='matching.matchrun', verbose_name='herberekening')),
            ],
            options={
                'verbose_name': 'kandidaat tijdens een herberekening',
                'verbose_name_plural': 'kandidaten tijdens een herberekening',
                'indexes': [models.Index(fields=['run', 'profile_id', 'vacature_id'], name='matching_ma_run_id_44a214_idx')],
            },
        ),
    ]
