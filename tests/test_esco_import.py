"""Importing the ESCO CSV download: counts, idempotency, labels, links and clear errors."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from taxonomy.esco import esco_import
from taxonomy.models import Beroep, BeroepSkill, Skill, SkillKind

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "esco"

PATIENTEN_ONDERSTEUNEN = "esco:5be06ee0-9937-4e89-b9ca-ec4d1830f12e"
SAMENWERKEN = "esco:a82ff49d-d386-4db5-b915-5a0b5f4d715e"
MEDICATIE = "esco:739081cb-f8df-4690-af23-b421f7cf6148"
EMPATHIE = "esco:48af9ddb-49d5-454f-bd89-66b3f8091d08"
VERPLEEGKUNDIGE = "esco:67ec18bc-02c4-414b-98c6-7d6872d93a9a"
THUISZORG = "esco:e226f5f5-4cca-42cb-bd32-b49b39baf087"
UNKNOWN_SKILL_URI = "http://data.europa.eu/esco/skill/f4f65d64-9385-45c0-ad2c-ca3157688e70"

FIRST_RUN = {
    "skills_created": 12,
    "skills_updated": 0,
    "beroepen_created": 4,
    "beroepen_updated": 0,
    "relations_created": 20,
    "relations_updated": 0,
    "relations_skipped": 1,
}


def esco_counts() -> tuple[int, int, int]:
    return (
        Skill.objects.filter(code__startswith="esco:").count(),
        Beroep.objects.filter(code__startswith="esco:").count(),
        BeroepSkill.objects.filter(beroep__code__startswith="esco:").count(),
    )


@pytest.fixture
def esco_copy(tmp_path) -> Path:
    folder = tmp_path / "esco"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_import_creates_the_skills_beroepen_and_links_of_the_download():
    counts = esco_import(folder=FIXTURE)

    assert counts == FIRST_RUN
    assert esco_counts() == (12, 4, 20)


def test_a_second_run_creates_nothing_and_changes_nothing():
    esco_import(folder=FIXTURE)

    counts = esco_import(folder=FIXTURE)

    assert counts == FIRST_RUN | {
        "skills_created": 0,
        "beroepen_created": 0,
        "relations_created": 0,
    }
    assert esco_counts() == (12, 4, 20)


def test_labels_are_the_dutch_preferred_labels_and_searchable_without_accents():
    esco_import(folder=FIXTURE)

    skill = Skill.objects.get(code=PATIENTEN_ONDERSTEUNEN)
    assert skill.label_nl == "Patiënten ondersteunen"
    assert skill.esco_uri == "http://data.europa.eu/esco/skill/5be06ee0-9937-4e89-b9ca-ec4d1830f12e"
    assert skill.label_en == ""
    assert Skill.objects.filter(search_text__contains="patienten ondersteunen").get() == skill
    beroep = Beroep.objects.get(code=VERPLEEGKUNDIGE)
    assert beroep.label_nl == "verpleegkundige algemene zorg"
    assert beroep.esco_uri.endswith("/occupation/67ec18bc-02c4-414b-98c6-7d6872d93a9a")


def test_transversal_skills_are_soft_and_the_rest_hard():
    esco_import(folder=FIXTURE)

    assert Skill.objects.get(code=SAMENWERKEN).kind == SkillKind.SOFT
    assert Skill.objects.get(code=PATIENTEN_ONDERSTEUNEN).kind == SkillKind.HARD
    esco = Skill.objects.filter(code__startswith="esco:")
    assert esco.filter(kind=SkillKind.SOFT).count() == 3


def test_essential_and_optional_relations_are_mapped():
    esco_import(folder=FIXTURE)

    links = BeroepSkill.objects.filter(beroep__code=VERPLEEGKUNDIGE)
    assert links.get(skill__code=MEDICATIE).essential is True
    assert links.get(skill__code=EMPATHIE).essential is False
    esco_links = BeroepSkill.objects.filter(beroep__code__startswith="esco:")
    assert esco_links.filter(essential=True).count() == 12
    assert esco_links.filter(essential=False).count() == 8


def test_a_relation_to_an_unknown_skill_is_skipped():
    esco_import(folder=FIXTURE)

    assert not Skill.objects.filter(esco_uri=UNKNOWN_SKILL_URI).exists()
    assert BeroepSkill.objects.filter(beroep__code=THUISZORG).count() == 4


def test_changed_labels_and_relation_types_are_updated_and_label_en_is_kept(esco_copy):
    esco_import(folder=esco_copy)
    Skill.objects.filter(code=PATIENTEN_ONDERSTEUNEN).update(label_en="support patients")
    edit(esco_copy / "skills_nl.csv", ",Patiënten ondersteunen,", ",Cliënten ondersteunen,")
    edit(
        esco_copy / "occupations_nl.csv",
        ",leerkracht basisonderwijs,",
        ",leraar primair onderwijs,",
    )
    edit(
        esco_copy / "occupationSkillRelations_nl.csv",
        "algemene zorg,optional,skill/competence,http://data.europa.eu/esco/skill/48af9ddb",
        "algemene zorg,essential,skill/competence,http://data.europa.eu/esco/skill/48af9ddb",
    )

    counts = esco_import(folder=esco_copy)

    assert counts["skills_created"] == counts["beroepen_created"] == 0
    assert counts["skills_updated"] == counts["beroepen_updated"] == 1
    assert counts["relations_created"] == 0
    assert counts["relations_updated"] == 1
    skill = Skill.objects.get(code=PATIENTEN_ONDERSTEUNEN)
    assert (skill.label_nl, skill.label_en) == ("Cliënten ondersteunen", "support patients")
    # The search text is the labels, then the alternative labels (issue 13).
    assert skill.search_text.startswith("clienten ondersteunen | support patients | ")
    assert "zorgvragers ondersteunen" in skill.search_text
    assert Beroep.objects.filter(label_nl="leraar primair onderwijs", code__startswith="esco:")
    assert BeroepSkill.objects.get(beroep__code=VERPLEEGKUNDIGE, skill__code=EMPATHIE).essential
    assert esco_counts() == (12, 4, 20)


def test_curated_rows_are_left_alone():
    curated = Skill(code="curated-luisteren", label_nl="Actief luisteren", kind=SkillKind.SOFT)
    curated.save()

    esco_import(folder=FIXTURE)

    curated.refresh_from_db()
    assert curated.label_nl == "Actief luisteren"


def test_a_bom_and_the_v1_1_relations_file_without_language_are_read(esco_copy):
    skills = esco_copy / "skills_nl.csv"
    skills.write_bytes(b"\xef\xbb\xbf" + skills.read_bytes())
    # ESCO v1.1: no label columns, other order, file name without a language.
    v12 = (esco_copy / "occupationSkillRelations_nl.csv").read_text(encoding="utf-8")
    v11 = ["occupationUri,relationType,skillType,skillUri"]
    for line in v12.splitlines()[1:]:
        occupation, _, relation, skill_type, skill, _ = line.split(",")
        v11.append(",".join([occupation, relation, skill_type, skill]))
    (esco_copy / "occupationSkillRelations_nl.csv").unlink()
    (esco_copy / "occupationSkillRelations.csv").write_text("\n".join(v11) + "\n")

    assert esco_import(folder=esco_copy) == FIRST_RUN


def test_a_missing_file_names_the_file_in_dutch_and_changes_nothing(esco_copy):
    (esco_copy / "occupations_nl.csv").unlink()

    with pytest.raises(ValidationError) as excinfo:
        esco_import(folder=esco_copy)

    assert excinfo.value.messages == [
        f"Het ESCO-bestand occupations_nl.csv ontbreekt in de map {esco_copy}."
    ]
    assert esco_counts() == (0, 0, 0)


def test_a_missing_relations_file_mentions_the_other_names_tried(esco_copy):
    (esco_copy / "occupationSkillRelations_nl.csv").unlink()

    with pytest.raises(ValidationError, match="occupationSkillRelations_nl.csv ontbreekt"):
        esco_import(folder=esco_copy)

    assert esco_counts() == (0, 0, 0)


def test_a_missing_column_names_the_column_in_dutch_and_changes_nothing(esco_copy):
    edit(esco_copy / "occupationSkillRelations_nl.csv", "relationType", "relation")

    with pytest.raises(ValidationError) as excinfo:
        esco_import(folder=esco_copy)

    assert excinfo.value.messages == [
        "In het ESCO-bestand occupationSkillRelations_nl.csv ontbreekt de kolom relationType."
    ]
    assert esco_counts() == (0, 0, 0)


def test_the_command_prints_the_counts_in_dutch():
    out = StringIO()

    call_command("import_esco", str(FIXTURE), "--language", "nl", stdout=out)

    output = out.getvalue()
    assert "Skills:   12 nieuw, 0 bijgewerkt" in output
    assert "Beroepen: 4 nieuw, 0 bijgewerkt" in output
    assert "Relaties: 20 nieuw, 0 bijgewerkt, 1 overgeslagen" in output


def test_the_command_turns_a_bad_folder_into_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="skills_nl.csv ontbreekt"):
        call_command("import_esco", str(tmp_path), stdout=StringIO())
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_esco", str(tmp_path / "nergens"), stdout=StringIO())
