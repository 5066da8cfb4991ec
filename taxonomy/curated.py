"""Loopbrug's curated Dutch taxonomy (taxonomy/data/*.csv): skills, beroepen, talents and
drijfveren. Loaded by a data migration; `load_curated_taxonomy` is safe to run again."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data"
PREFIX = "lb:"


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


@transaction.atomic
def load_curated_taxonomy(models=None) -> dict[str, int]:
    """Create or update every curated entry. `models` lets a migration pass historical models."""
    if models is None:
        from . import models as app_models

        models = {
            name: getattr(app_models, name)
            for name in ("Skill", "Beroep", "BeroepSkill", "Talent", "Drijfveer", "SkillWord")
        }
    from .models import skill_search_text

    counts = {}
    for name, model in (("talents.csv", models["Talent"]), ("drijfveren.csv", models["Drijfveer"])):
        for row in _rows(name):
            model.objects.update_or_create(
                code=row["code"],
                defaults={"label": row["label"], "description": row["description"]},
            )
        counts[name] = model.objects.count()

    Skill = models["Skill"]
    has_alt_labels = any(f.name == "alt_labels" for f in Skill._meta.get_fields())
    synonyms = {row["code"]: _split(row["synonyms"]) for row in _rows("skill_synonyms.csv")}
    skills = {}
    for row in _rows("skills.csv"):
        alt_labels = "\n".join(synonyms.get(row["code"], []))
        defaults = {
            "label_nl": row["label_nl"],
            "label_en": row["label_en"],
            "kind": row["kind"],
            "sectors": _split(row["sectors"]),
            # Historical models in migrations have no custom save(): fill it here too.
            "search_text": skill_search_text(row["label_nl"], row["label_en"], alt_labels),
        }
        if has_alt_labels:  # migrations from before the field existed load without them
            defaults["alt_labels"] = alt_labels
        skill, _created = Skill.objects.update_or_create(
            code=PREFIX + row["code"], defaults=defaults
        )
        skills[row["code"]] = skill
    counts["skills"] = len(skills)
    if "SkillWord" in models:  # migrations from before the vocabulary existed skip it
        from .models import skill_words_add

        skill_words_add(
            Skill.objects.filter(code__startswith=PREFIX).values_list("search_text", flat=True),
            model=models["SkillWord"],
        )

    Beroep, BeroepSkill = models["Beroep"], models["BeroepSkill"]
    for row in _rows("beroepen.csv"):
        beroep, _created = Beroep.objects.update_or_create(
            code=PREFIX + row["code"],
            defaults={
                "label_nl": row["label_nl"],
                "label_en": row["label_en"],
                "sector": row["sector"],
                "niveau": row["niveau"],
            },
        )
        wanted = {code: True for code in _split(row["essential_skills"])}
        wanted |= {code: False for code in _split(row["optional_skills"]) if code not in wanted}
        BeroepSkill.objects.filter(beroep=beroep).exclude(
            skill__code__in=[PREFIX + c for c in wanted]
        ).delete()
        for code, essential in wanted.items():
            BeroepSkill.objects.update_or_create(
                beroep=beroep, skill=skills[code], defaults={"essential": essential}
            )
    counts["beroepen"] = Beroep.objects.filter(code__startswith=PREFIX).count()
    return counts
