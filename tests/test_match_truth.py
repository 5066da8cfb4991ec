"""Every sentence of a match explanation is true: one rule per sentence (matching/explanations.py),
each checked with Hypothesis over random profiles and vacatures, and on the page and the API."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import engine, explanations
from matching.explanations import (
    FILL_IN,
    FIT,
    LOOK_THRESHOLD,
    NIVEAU_CLOSE,
    NIVEAU_FIT,
    NIVEAU_HIGHER,
    NOT_ASKED,
    REGION_LANDELIJK,
    REGION_OWN,
    REGION_REACH,
    SECTION_FIT,
    SECTION_LOOK,
    explain_pair,
)

from .test_match_engine import profiles, vacatures

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LABELS = {i: f"Skill {i}" for i in range(1, 13)}


def explained(p, v):
    result = engine.score_pair(p, v)
    score = result.score if result is not None else 0
    return result, explain_pair(p, v, score=score, labels=LABELS)


def has(p, v, part) -> tuple[bool, bool]:
    return {
        "drijfveren": (bool(p.drijfveren), bool(v.drijfveren)),
        "talenten": (bool(p.talents), bool(v.talents)),
        "niveau": (p.nlqf is not None, v.nlqf is not None),
    }[part]


PART_SENTENCES = {
    "drijfveren": set(FIT["drijfveren"]),
    "talenten": set(FIT["talenten"]),
    "niveau": {NIVEAU_FIT, NIVEAU_CLOSE, NIVEAU_HIGHER},
}


# --- Drijfveren, talenten, niveau ---------------------------------------------------------------


@PROPS
@given(profiles(), vacatures(), st.sampled_from(["drijfveren", "talenten", "niveau"]))
def test_a_fit_sentence_appears_only_when_both_sides_have_the_part(p, v, part):
    _result, ex = explained(p, v)
    mine, theirs = has(p, v, part)
    fit = PART_SENTENCES[part] & set(ex.sentences)
    assert bool(fit) == (mine and theirs)
    assert len(fit) <= 1
    assert (FILL_IN[part] in ex.to_fill_in) == (not mine)
    assert (NOT_ASKED[part] in ex.sentences) == (mine and not theirs)


@PROPS
@given(profiles(), vacatures(), st.lists(st.integers(1, 6), min_size=1, max_size=5))
def test_a_part_one_side_lacks_does_not_change_the_score(p, v, other):
    """Left out and renormalised: whatever the other side has there, the score is the same."""
    lacking = replace(p, drijfveren=[], talents=[], nlqf=None)
    base = engine.score_pair(lacking, v)
    changed = engine.score_pair(
        lacking, replace(v, drijfveren=other, talents=other, nlqf=(v.nlqf or 3) % 8 + 1)
    )
    assert (base is None) == (changed is None)
    if base is not None:
        assert base.score == changed.score


def test_with_only_skills_and_praktisch_the_score_is_their_weighted_mean():
    p = engine.ProfileInput(
        id=1,
        skills={1: (3, "diploma", False)},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=1,
        reach={1},
        hours=None,
        min_net_income=None,
    )
    v = engine.VacatureInput(
        id=1,
        skills={1: (3, True)},
        drijfveren=[1, 2],
        talents=[1],
        nlqf=4,
        region_id=1,
        landelijk=False,
        hours=None,
        salary_min=None,
        salary_max=None,
    )
    result = engine.score_pair(p, v)
    # skills 1.0 (weight 0.5), praktisch neutral 0.5 (weight 0.1): (0.5 + 0.05) / 0.6
    assert result.score == round(100 * 0.55 / 0.6)


# --- Region ---------------------------------------------------------------------------------------


@PROPS
@given(profiles(), vacatures())
def test_region_sentences_say_own_region_landelijk_or_reach_and_nothing_else(p, v):
    _result, ex = explained(p, v)
    region = {REGION_OWN, REGION_LANDELIJK, REGION_REACH} & set(ex.sentences)
    same = p.region_id is not None and v.region_id == p.region_id
    assert (REGION_OWN in region) == same
    assert (REGION_LANDELIJK in region) == (v.landelijk and not same)
    in_reach = v.region_id is not None and v.region_id in p.reach and not same
    assert (REGION_REACH in region) == (in_reach and not v.landelijk)
    assert len(region) <= 1


def test_a_landelijke_vacature_elsewhere_is_not_in_your_region():
    p = engine.ProfileInput(1, {}, [], [], None, 1, {1}, None, None)
    v = engine.VacatureInput(1, {}, [], [], None, 2, True, None, None, None)
    _result, ex = explained(p, v)
    assert REGION_LANDELIJK in ex.sentences and REGION_OWN not in ex.sentences


# --- Skills ---------------------------------------------------------------------------------------


@PROPS
@given(profiles(), vacatures())
def test_every_asked_skill_is_in_exactly_one_list(p, v):
    _result, ex = explained(p, v)
    below = [b["skill"] for b in ex.below_level]
    lists = [ex.matched, below, ex.missing_essential, ex.missing_optional]
    flat = [label for items in lists for label in items]
    assert sorted(flat) == sorted(LABELS[s] for s in v.skills)
    assert len(flat) == len(set(flat))
    for b in ex.below_level:
        skill = int(b["skill"].split()[1])
        assert b["level"] == p.skills[skill][0] < b["asked"] == v.skills[skill][0]
        assert explanations.below_level_sentence(**b) == (
            f"je hebt {b['skill']} op niveau {b['level']}, gevraagd {b['asked']}"
        )
    for label in ex.matched:
        skill = int(label.split()[1])
        assert p.skills[skill][0] >= v.skills[skill][0]


@PROPS
@given(profiles(), vacatures(), st.integers(1, 12), st.integers(2, 5), st.booleans())
def test_the_score_reflects_the_gap_below_the_asked_level(p, v, skill, asked, essential):
    v = replace(v, skills={**v.skills, skill: (asked, essential)})
    below = engine.score_pair(
        replace(p, skills={**p.skills, skill: (asked - 1, "diploma", False)}), v
    )
    at = engine.score_pair(replace(p, skills={**p.skills, skill: (asked, "diploma", False)}), v)
    if below is not None:
        assert below.parts["skills"] < at.parts["skills"]
        assert below.score <= at.score


# --- Section: passend or ook het bekijken waard ---------------------------------------------------


@PROPS
@given(profiles(), vacatures())
def test_without_an_essential_skill_in_common_and_a_low_score_it_is_only_worth_a_look(p, v):
    result, ex = explained(p, v)
    if result is None:
        return
    essential = [s for s, (_m, e) in v.skills.items() if e] or list(v.skills)
    common = any(s in p.skills for s in essential)
    look = not common and result.score < LOOK_THRESHOLD
    assert ex.section == (SECTION_LOOK if look else SECTION_FIT)
    assert bool(ex.section_reason) == look


# --- Salary ---------------------------------------------------------------------------------------


@PROPS
@given(profiles(), vacatures())
def test_the_salary_sentence_compares_net_with_net_and_says_it_is_an_estimate(p, v):
    _result, ex = explained(p, v)
    salary = [s for s in ex.sentences if "netto" in s]
    low = v.salary_min if v.salary_min is not None else v.salary_max
    if p.min_net_income is None or low is None:
        assert salary == []
        assert (FILL_IN["inkomen"] in ex.to_fill_in) == (p.min_net_income is None)
        return
    (sentence,) = salary
    assert "geschat netto" in sentence.lower()
    enough = engine.NET_FACTOR * low >= p.min_net_income
    assert sentence.startswith("Geschat netto") == (enough or not _top_covers(p, v))
    assert ("genoeg voor je minimale netto inkomen" in sentence) == enough


def _top_covers(p, v) -> bool:
    return v.salary_max is not None and engine.NET_FACTOR * v.salary_max >= p.min_net_income


# --- The page and the API -------------------------------------------------------------------------


@pytest.fixture
def truth_world(db, anna, carla, wim, amsterdam):
    from accounts.models import Region
    from journeys.models import Phase
    from matching import services
    from profiles.services import profile_get_or_create, profile_skill_upsert
    from taxonomy.models import Skill

    from .factories import make_traject

    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    profile = profile_get_or_create(user=anna)
    plan, listen, team = (
        Skill.objects.get(label_nl=label)
        for label in ("Plannen en organiseren", "Actief luisteren", "Samenwerken in een team")
    )
    profile_skill_upsert(profile=profile, skill=plan, level=2, evidence_type="werkervaring")
    elsewhere = Region.objects.exclude(pk=amsterdam.pk).first()

    def publish(title, region, skills, landelijk=False):
        vacature = services.vacature_save(
            by=wim,
            organisation=wim.organisation,
            title=title,
            sector="zorg",
            region=region,
            landelijk=landelijk,
            hours_per_week=28,
            salary_min=Decimal("2300"),
            salary_max=Decimal("2800"),
            skills=skills,
        )
        return services.vacature_publish(vacature=vacature, by=wim)

    publish("Planner zorg", amsterdam, [(plan, 3, True), (listen, 3, False)])
    publish("Teamwerker landelijk", elsewhere, [(team, 3, True), (listen, 3, True)], True)
    return profile


def test_the_page_tells_the_truth_for_an_empty_profile(as_user, anna, truth_world):
    page = as_user(anna).get("/mijn-matches/").content.decode()
    assert "Je drijfveren passen" not in page and "Het niveau ligt dicht" not in page
    assert "Vul je drijfveren in, dan zie je of ze passen." in page
    assert "je hebt Plannen en organiseren op niveau 2, gevraagd 3" in page
    fit, look = page.split("Ook het bekijken waard", 1)
    assert "Planner zorg" in fit and "Teamwerker landelijk" in look
    assert "landelijke vacature" in look and "Het werk is in jouw regio." not in look


def test_the_api_gives_sections_gaps_and_what_to_fill_in(as_user, anna, truth_world):
    body = as_user(anna).get("/api/v1/profiles/me/matches/").json()["results"]
    by_title = {row["title"]: row for row in body}
    planner = by_title["Planner zorg"]
    assert planner["section"] == "passend"
    assert planner["matched"] == []
    assert planner["below_level"][0]["sentence"] == (
        "je hebt Plannen en organiseren op niveau 2, gevraagd 3"
    )
    assert "Plannen en organiseren" not in planner["missing_essential"]
    assert "Vul je drijfveren in, dan zie je of ze passen." in planner["to_fill_in"]
    assert "Het werk is in jouw regio." in planner["reasons"]
    other = by_title["Teamwerker landelijk"]
    assert other["section"] == "bekijken" and other["section_reason"]
