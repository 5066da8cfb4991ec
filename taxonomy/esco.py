"""Import of the official ESCO CSV download (occupations, skills and their relations)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Beroep, BeroepSkill, Skill, SkillKind, skill_search_text, skill_words_add

CODE_PREFIX = "esco:"
BATCH_SIZE = 1000

SKILL_COLUMNS = ("conceptUri", "preferredLabel", "reuseLevel")
OCCUPATION_COLUMNS = ("conceptUri", "preferredLabel")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")


def esco_code(uri: str) -> str:
    """The taxonomy code of an ESCO concept: "esco:" plus the UUID at the end of its URI."""
    return CODE_PREFIX + uri.strip().rstrip("/").rsplit("/", 1)[-1]


def _label(text: str, max_length: int) -> str:
    return " ".join(text.split())[:max_length]


def _find_file(folder: Path, names: list[str]) -> Path:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    if len(names) == 1:
        message = _("Het ESCO-bestand %(file)s ontbreekt in de map %(folder)s.")
    else:
        message = _(
            "Het ESCO-bestand %(file)s ontbreekt in de map %(folder)s "
            "(ook gezocht naar %(others)s)."
        )
    raise ValidationError(
        message % {"file": names[0], "folder": folder, "others": " en ".join(names[1:])},
        code="esco_missing_file",
    )


def _read_rows(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Rows of an ESCO CSV file by header name; a UTF-8 BOM and extra columns are fine."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            if not header:
                raise ValidationError(
                    _("Het ESCO-bestand %(file)s is leeg.") % {"file": path.name},
                    code="esco_empty_file",
                )
            missing = [name for name in required if name not in header]
            if missing:
                if len(missing) == 1:
                    message = _("In het ESCO-bestand %(file)s ontbreekt de kolom %(columns)s.")
                else:
                    message = _("In het ESCO-bestand %(file)s ontbreken de kolommen %(columns)s.")
                raise ValidationError(
                    message % {"file": path.name, "columns": ", ".join(missing)},
                    code="esco_missing_column",
                )
            reader.fieldnames = header
            for row in reader:
                yield {key: (value or "").strip() for key, value in row.items() if key}
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Het ESCO-bestand %(file)s is geen UTF-8-tekst.") % {"file": path.name},
            code="esco_encoding",
        ) from exc
    except csv.Error as exc:
        raise ValidationError(
            _("Het ESCO-bestand %(file)s is geen geldig CSV-bestand: %(error)s")
            % {"file": path.name, "error": exc},
            code="esco_csv",
        ) from exc


def _read_concepts(path: Path, required: tuple[str, ...]) -> dict[str, dict[str, str]]:
    # Keyed on our code, so a concept listed twice is imported once.
    return {
        esco_code(row["conceptUri"]): row
        for row in _read_rows(path, required)
        if row["conceptUri"] and row["preferredLabel"]
    }


def _upsert(model, wanted: dict[str, dict[str, str]], fields: list[str]) -> tuple[int, int]:
    """Write new and changed ESCO rows in bulk, keyed on code; return (created, updated)."""
    existing = {
        row["code"]: row
        for row in model.objects.filter(code__startswith=CODE_PREFIX).values("code", *fields)
    }
    created = updated = 0
    to_write = []
    for code, values in wanted.items():
        current = existing.get(code)
        if current is None:
            created += 1
        elif any(current[field] != values[field] for field in fields):
            updated += 1
        else:
            continue
        to_write.append(model(code=code, **values))
    # Bulk writes skip save() and full_clean(): values are built from the choices here, and
    # Skill.search_text is computed by the caller. Fields left out (label_en, sector, niveau,
    # sectors) keep what a curator entered.
    model.objects.bulk_create(
        to_write,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=fields,
    )
    return created, updated


def _import_skills(rows: dict[str, dict[str, str]]) -> tuple[int, int]:
    label_en = dict(
        Skill.objects.filter(code__startswith=CODE_PREFIX).values_list("code", "label_en")
    )
    wanted = {}
    for code, row in rows.items():
        label = _label(row["preferredLabel"], Skill._meta.get_field("label_nl").max_length)
        alt_labels = _alt_labels(row.get("altLabels", ""))
        wanted[code] = {
            "label_nl": label,
            "kind": SkillKind.SOFT if row["reuseLevel"] == "transversal" else SkillKind.HARD,
            "esco_uri": row["conceptUri"],
            "alt_labels": alt_labels,
            "search_text": skill_search_text(label, label_en.get(code, ""), alt_labels),
        }
    skill_words_add(values["search_text"] for values in wanted.values())
    return _upsert(Skill, wanted, ["label_nl", "kind", "esco_uri", "alt_labels", "search_text"])


def _alt_labels(text: str) -> str:
    """ESCO's altLabels (one per line in the download; some tools use "|"), one per line,
    each once, in their order."""
    parts = [" ".join(part.split()) for part in re.split(r"[\n|]", text or "")]
    return "\n".join(dict.fromkeys(part for part in parts if part))


def _import_beroepen(rows: dict[str, dict[str, str]]) -> tuple[int, int]:
    max_length = Beroep._meta.get_field("label_nl").max_length
    wanted = {
        code: {"label_nl": _label(row["preferredLabel"], max_length), "esco_uri": row["conceptUri"]}
        for code, row in rows.items()
    }
    return _upsert(Beroep, wanted, ["label_nl", "esco_uri"])


def _import_relations(pairs: dict[tuple[str, str], bool]) -> tuple[int, int, int]:
    """Link beroepen to skills; return (created, updated, skipped)."""
    skill_ids = dict(Skill.objects.filter(code__startswith=CODE_PREFIX).values_list("code", "pk"))
    beroep_ids = dict(Beroep.objects.filter(code__startswith=CODE_PREFIX).values_list("code", "pk"))
    existing = {
        (beroep_id, skill_id): essential
        for beroep_id, skill_id, essential in BeroepSkill.objects.filter(
            beroep__code__startswith=CODE_PREFIX
        ).values_list("beroep_id", "skill_id", "essential")
    }
    created = updated = skipped = 0
    to_write = []
    for (beroep_code, skill_code), essential in pairs.items():
        beroep_id, skill_id = beroep_ids.get(beroep_code), skill_ids.get(skill_code)
        if beroep_id is None or skill_id is None:
            skipped += 1
            continue
        current = existing.get((beroep_id, skill_id))
        if current is None:
            created += 1
        elif current != essential:
            updated += 1
        else:
            continue
        to_write.append(BeroepSkill(beroep_id=beroep_id, skill_id=skill_id, essential=essential))
    BeroepSkill.objects.bulk_create(
        to_write,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["beroep", "skill"],
        update_fields=["essential"],
    )
    return created, updated, skipped


def _read_relations(path: Path) -> dict[tuple[str, str], bool]:
    pairs: dict[tuple[str, str], bool] = {}
    for row in _read_rows(path, RELATION_COLUMNS):
        if not (row["occupationUri"] and row["skillUri"]):
            continue
        key = (esco_code(row["occupationUri"]), esco_code(row["skillUri"]))
        # A pair listed twice counts as essential if either line says so.
        pairs[key] = pairs.get(key, False) or row["relationType"].lower() == "essential"
    return pairs


@transaction.atomic
def esco_import(*, folder: Path, language: str = "nl") -> dict[str, int]:
    """Create or update ESCO skills, beroepen and their links from an ESCO CSV download."""
    folder = Path(folder)
    if not re.fullmatch(r"[a-z]{2}(-[a-z]{2,4})?", language):
        raise ValidationError(
            _("Onbekende taalcode %(language)s; gebruik bijvoorbeeld nl of en.")
            % {"language": language},
            code="esco_language",
        )
    if not folder.is_dir():
        raise ValidationError(
            _("De map %(folder)s bestaat niet.") % {"folder": folder}, code="esco_missing_folder"
        )
    skills_path = _find_file(folder, [f"skills_{language}.csv"])
    occupations_path = _find_file(folder, [f"occupations_{language}.csv"])
    relations_path = _find_file(
        folder,
        # Older downloads name the relations file without a language, or in English only.
        list(
            dict.fromkeys(
                [
                    f"occupationSkillRelations_{language}.csv",
                    "occupationSkillRelations.csv",
                    "occupationSkillRelations_en.csv",
                ]
            )
        ),
    )
    # Read and check every file before the first write.
    skills = _read_concepts(skills_path, SKILL_COLUMNS)
    occupations = _read_concepts(occupations_path, OCCUPATION_COLUMNS)
    pairs = _read_relations(relations_path)

    skills_created, skills_updated = _import_skills(skills)
    beroepen_created, beroepen_updated = _import_beroepen(occupations)
    relations_created, relations_updated, relations_skipped = _import_relations(pairs)
    return {
        "skills_created": skills_created,
        "skills_updated": skills_updated,
        "beroepen_created": beroepen_created,
        "beroepen_updated": beroepen_updated,
        "relations_created": relations_created,
        "relations_updated": relations_updated,
        "relations_skipped": relations_skipped,
    }
