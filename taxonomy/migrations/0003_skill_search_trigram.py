"""Skill search a person can use (issue 13): alternative labels (synonyms of the curated
taxonomy, ESCO altLabels) in the searched text, and on PostgreSQL the pg_trgm extension with
a GIN trigram index, so the search finds text inside words; and the vocabulary of the
skills' words (SkillWord, trigram-indexed) that a misspelt query word is corrected against. SQLite has no
pg_trgm: there the search falls back to LIKE (taxonomy/selectors.py)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on another database (SQLite has no GIN index)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def load_synonyms(apps, schema_editor):
    from taxonomy.curated import load_curated_taxonomy
    from taxonomy.models import skill_search_text, skill_words_add

    models = {
        name: apps.get_model("taxonomy", name)
        for name in ("Skill", "Beroep", "BeroepSkill", "Talent", "Drijfveer", "SkillWord")
    }
    load_curated_taxonomy(models)
    # Every other skill (ESCO): its search text as before, and its words in the vocabulary.
    Skill = models["Skill"]
    for skill in Skill.objects.exclude(code__startswith="lb:").iterator():
        text = skill_search_text(skill.label_nl, skill.label_en, skill.alt_labels)
        if text != skill.search_text:
            Skill.objects.filter(pk=skill.pk).update(search_text=text)
    skill_words_add(Skill.objects.values_list("search_text", flat=True), model=models["SkillWord"])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_relabel")]

    operations = [
        migrations.AddField(
            model_name="skill",
            name="alt_labels",
            field=models.TextField(
                blank=True,
                help_text="Eén per regel: synoniemen en andere namen (ESCO altLabels).",
                verbose_name="andere namen",
            ),
        ),
        migrations.AlterField(
            model_name="skill",
            name="search_text",
            field=models.TextField(editable=False),
        ),
        migrations.CreateModel(
            name="SkillWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=100, unique=True)),
            ],
            options={"verbose_name": "zoekwoord", "verbose_name_plural": "zoekwoorden"},
        ),
        TrigramExtension(),
        PostgresOnlySQL(
            "CREATE INDEX skill_search_text_trgm ON profiles_skill "
            "USING gin (search_text gin_trgm_ops)",
            "DROP INDEX IF EXISTS skill_search_text_trgm",
        ),
        PostgresOnlySQL(
            "CREATE INDEX skillword_word_trgm ON taxonomy_skillword USING gin (word gin_trgm_ops)",
            "DROP INDEX IF EXISTS skillword_word_trgm",
        ),
        migrations.RunPython(load_synonyms, migrations.RunPython.noop),
    ]
