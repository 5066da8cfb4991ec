"""'Andere mogelijkheden' led by the shortage (issue 13): never the person's own job, ranked
by skill overlap and regional scarcity, krimpsector last; the shortage table with source and
date, imported from a CSV that is refused whole when one line is wrong."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from matching.options import SHORTAGE_POINTS, is_own_beroep, options_for_profile, rank_key
from profiles.services import (
    profile_experience_add,
    profile_get_or_create,
    profile_save_doel,
    profile_skill_upsert,
)
from taxonomy.models import Beroep, Tekort
from taxonomy.tekorten import DEFAULT_CSV, tekorten_import

from .onboarding_helpers import make_offer

pytestmark = pytest.mark.django_db

HEADER = "beroep,regio,spanning,krimp,bron,peildatum\n"


def beroep(code: str) -> Beroep:
    return Beroep.objects.get(code=f"lb:{code}")


def give_skills_of(profile, code: str, *, level: int = 4) -> None:
    for bs in beroep(code).beroep_skills.select_related("skill"):
        profile_skill_upsert(
            profile=profile, skill=bs.skill, level=level, evidence_type="werkervaring"
        )


# --- The shortage table ---------------------------------------------------------------------


def test_the_table_is_loaded_with_a_source_and_a_date_for_every_curated_beroep():
    curated = Beroep.objects.filter(code__startswith="lb:")
    landelijk = Tekort.objects.filter(region=None)
    assert set(landelijk.values_list("beroep_id", flat=True)) == set(
        curated.values_list("pk", flat=True)
    )
    assert not landelijk.filter(source="").exists()
    assert landelijk.filter(beroep__code="lb:verpleegkundige").get().spanning == 5
    assert landelijk.filter(beroep__code="lb:bankmedewerker").get().krimpsector
    assert Tekort.objects.filter(region__code="groot-amsterdam").exists()


def test_the_command_imports_the_repository_csv_again():
    before = Tekort.objects.count()
    call_command("import_tekorten")
    assert Tekort.objects.count() == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("bestaat-niet,,4,nee,bron,2026-12-01", "Regel 3: onbekend beroep 'bestaat-niet'"),
        ("kok,,9,nee,bron,2026-12-01", "Regel 3: spanning '9'"),
        ("kok,,0,nee,bron,2026-12-01", "Regel 3: spanning '0'"),
        ("kok,,krap,nee,bron,2026-12-01", "Regel 3: spanning 'krap'"),
        ("kok,nergens,4,nee,bron,2026-12-01", "Regel 3: onbekende regio 'nergens'"),
        ("kok,,4,misschien,bron,2026-12-01", "krimp moet ja of nee zijn"),
        ("kok,,4,nee,,2026-12-01", "de bron ontbreekt"),
        ("kok,,4,nee,bron,1 december", "peildatum '1 december'"),
        ("verpleegkundige,,4,nee,bron,2026-12-01", "Regel 3: staat al op regel 2"),
    ],
)
def test_a_bad_line_refuses_the_whole_file_with_its_line_number(tmp_path, line, message):
    path = tmp_path / "tekorten.csv"
    path.write_text(HEADER + "verpleegkundige,,5,nee,bron,2026-12-01\n" + line + "\n")
    before = list(Tekort.objects.values_list("pk", "spanning"))
    with pytest.raises(ValidationError) as error:
        tekorten_import(path=path)
    assert any(message in m for m in error.value.messages), error.value.messages
    assert "niets veranderd" in error.value.messages[0]
    assert list(Tekort.objects.values_list("pk", "spanning")) == before
    with pytest.raises(CommandError, match="Regel 3"):
        call_command("import_tekorten", str(path))


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "tekorten.csv"
    path.write_text("beroep,waarde\nkok,4\n")
    with pytest.raises(ValidationError, match="ontbreken de kolommen"):
        tekorten_import(path=path)


def test_a_good_file_replaces_the_table(tmp_path):
    path = tmp_path / "tekorten.csv"
    path.write_text(HEADER + "kok,,5,nee,Eigen meting,2026-11-01\n")
    assert tekorten_import(path=path)["imported"] == 1
    (row,) = Tekort.objects.all()
    assert (row.beroep.code, row.spanning, row.source) == ("lb:kok", 5, "Eigen meting")
    tekorten_import(path=DEFAULT_CSV)


def test_the_beheerder_edits_a_figure_in_the_admin(as_user, bea):
    row = Tekort.objects.get(beroep__code="lb:kok", region=None)
    client = as_user(bea)
    page = client.get(f"/beheer/taxonomy/tekort/{row.pk}/change/")
    assert page.status_code == 200 and "peildatum" in page.content.decode().lower()


# --- Ranking ------------------------------------------------------------------------------------


def test_scarcity_lifts_an_option_and_a_krimpsector_comes_last():
    assert SHORTAGE_POINTS[5] > SHORTAGE_POINTS[3] > SHORTAGE_POINTS[1]
    scarce = rank_key(score=50, spanning=5, krimp=False, label="B")
    plenty = rank_key(score=60, spanning=1, krimp=False, label="A")
    shrinking = rank_key(score=95, spanning=5, krimp=True, label="C")
    assert sorted([shrinking, plenty, scarce]) == [scarce, plenty, shrinking]


def test_own_beroep_is_matched_on_the_werkervaring_title():
    assert is_own_beroep("Casting director", ["casting director"])
    assert is_own_beroep("Casting director", ["senior casting director"])
    assert not is_own_beroep("Kok", ["casting director"])


@pytest.fixture
def caster(anna):
    profile = profile_get_or_create(user=anna)
    give_skills_of(profile, "casting-director")
    profile_experience_add(
        profile=profile, kind="werk", title="Casting director", organisation="Groen Casting"
    )
    return profile


def test_options_never_offer_the_current_job(caster):
    options = options_for_profile(profile=caster)
    assert options
    assert "Casting director" not in [o["beroep"].label_nl for o in options]


def test_options_rank_by_overlap_and_shortage_and_put_a_krimpsector_last(anna):
    profile = profile_get_or_create(user=anna)
    give_skills_of(profile, "bankmedewerker")
    options = options_for_profile(profile=profile)
    krimp = [o["krimpsector"] for o in options]
    assert krimp == sorted(krimp), "a krimpsector beroep comes after all others"
    keys = [
        rank_key(score=o["score"], spanning=o["spanning"], krimp=o["krimpsector"], label="")
        for o in options
    ]
    assert [k[:2] for k in keys] == sorted(k[:2] for k in keys)
    assert len({o["sector"] for o in options}) >= 2
    for o in options:
        assert not set(o["matched"]) & set(o["to_learn"])
        assert o["shortage_source"] and o["shortage_date"]


def test_the_regional_figure_wins_over_the_landelijke(anna, amsterdam):
    profile = profile_get_or_create(user=anna)
    give_skills_of(profile, "leraar-basisonderwijs")
    profile.experiences.all().delete()
    options = {o["beroep"].code: o for o in options_for_profile(profile=profile, limit=80)}
    assert options["lb:leraar-basisonderwijs"]["spanning"] == 5
    assert options["lb:leraar-basisonderwijs"]["spanning_where"] == "in jouw regio"


def test_an_option_shows_superscholing_wage_and_whether_it_covers_the_need(
    anna, olga, wim, amsterdam
):
    from matching import services

    profile = profile_get_or_create(user=anna)
    give_skills_of(profile, "helpende-zorg-en-welzijn", level=2)
    profile_save_doel(
        profile=profile,
        ambition="Zorg",
        motivation="",
        target_sectors=["zorg"],
        target_beroepen=[],
        min_net_income=Decimal("1800"),
        hours_per_week=None,
    )
    make_offer(olga, first=date.today() + timedelta(days=20))  # 160 hours at 8 a week
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Helpende",
        sector="zorg",
        region=amsterdam,
        hours_per_week=32,
        salary_min=Decimal("2200"),
        salary_max=Decimal("2600"),
        beroep=beroep("helpende-zorg-en-welzijn"),
        skills=[
            (bs.skill, 2, True) for bs in beroep("helpende-zorg-en-welzijn").beroep_skills.all()
        ],
    )
    services.vacature_publish(vacature=vacature, by=wim)
    options = {o["beroep"].code: o for o in options_for_profile(profile=profile, limit=80)}
    helpende = options["lb:helpende-zorg-en-welzijn"]
    (route,) = helpende["superscholing"]
    assert route["months"] == 5  # 160 h / 8 h a week = 20 weeks, about 4.6 months
    assert (helpende["wage_min"], helpende["wage_max"]) == (Decimal("2200"), Decimal("2600"))
    assert helpende["income"] == "bovenin"  # 0.75 x 2200 = 1650 < 1800 <= 0.75 x 2600
    assert "Geschat netto" in helpende["income_sentence"]


def test_the_page_and_the_api_show_the_options(as_user, anna, caster):
    page = as_user(anna).get("/mijn-matches/").content.decode()
    section = page.split("Andere mogelijkheden voor jou", 1)[1]
    assert "Casting director" not in section
    assert "Tekort:" in section and "Superscholing:" in section and "Bron tekort:" in section
    body = as_user(anna).get("/api/v1/profiles/me/options/").json()["results"]
    assert body and {"spanning", "krimpsector", "superscholing", "wage_min", "income"} <= set(
        body[0]
    )
    assert "Casting director" not in [o["beroep"] for o in body]
