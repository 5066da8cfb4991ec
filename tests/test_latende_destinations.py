# ruff: noqa: F811 - the ing fixture comes from test_latende_pledges
"""Where a verdwijnbaan's skills are wanted (issue 16): the destinations are the right ones in
the right order, not just a 200. The documented rule (latende.selectors.DESTINATION_METHOD):
only tekortberoepen (krap or zeer krap in the employer's region, else landelijk) and open
vacatures in the employer's region or landelijk; the most skill overlap on top (then the
score); something that shares none of the function's skills is not a destination. The same
list on the verdwijnbaan's page and in GET /api/v1/verdwijnbanen/{id}/destinations/, and the
answer names no person."""

from __future__ import annotations

import json
from datetime import date

import pytest

from latende import selectors, services
from latende.models import ConsentLevel, Reason
from matching import services as matching_services
from matching.models import Vacature
from taxonomy.models import Beroep, Skill, Spanning, Tekort

from .factories import BeroepFactory, SkillFactory, make_vacature
from .test_latende_pledges import ing, join  # noqa: F401 - a fixture and a helper

pytestmark = pytest.mark.django_db


def _skill(code: str, label: str) -> Skill:
    # Fresh skills, so that no beroep or vacature of the migrations' data shares them.
    return SkillFactory(code=f"test:bestemming:{code}", label_nl=label)


def _beroep(label: str, skills, *, landelijk=None, regio=None, region=None) -> Beroep:
    beroep = BeroepFactory(code=f"test:{label}", label_nl=label, sector="zorg", skills=skills)
    for spanning, where in ((landelijk, None), (regio, region)):
        if spanning is not None:
            Tekort.objects.create(
                beroep=beroep,
                region=where,
                spanning=spanning,
                source="UWV spanningsindicator (test)",
                measured_on=date(2026, 1, 1),
            )
    return beroep


def _vacature(wim, title: str, skills, *, region, landelijk=False, status="open") -> Vacature:
    vacature = make_vacature(
        by=wim,
        title=title,
        skills=skills,
        region=region,
        landelijk=landelijk,
        publish=status in ("open", "gesloten"),
    )
    if status == "gesloten":
        vacature = matching_services.vacature_close(vacature=vacature, by=wim)
    return vacature


@pytest.fixture
def world(ing, wim, amsterdam, limburg):
    """A verdwijnbaan with skills A, B, C; beroepen and vacatures sharing 3, 2, 1 and 0 of
    them, and ones that share them but must not appear (no shortage, not open, elsewhere)."""
    a = _skill("a", "Klantgesprekken voeren")
    b = _skill("b", "Afspraken plannen")
    c = _skill("c", "Dossiers bijhouden")
    d = _skill("d", "Heftruck besturen")
    e = _skill("e", "Medicatie toedienen")
    baan = services.verdwijnbaan_create(
        by=ing,
        function_title="Klantadviseur",
        headcount=40,
        expected_date=date(2027, 6, 1),
        reason=Reason.AUTOMATISERING,
        skills=[a, b, c],
    )
    beroepen = {
        # All three skills, and two more the function lacks: a lower score than "een"
        # (one skill, all of it held), so the order below is by overlap, not by score.
        "drie": _beroep("Zorgadministrateur", [a, b, c, d, e], landelijk=Spanning.KRAP),
        # Gemiddeld landelijk, zeer krap in the employer's region: the region counts.
        "twee": _beroep(
            "Planner thuiszorg",
            [a, b],
            landelijk=Spanning.GEMIDDELD,
            regio=Spanning.ZEER_KRAP,
            region=amsterdam,
        ),
        "een": _beroep("Receptionist zorg", [a], landelijk=Spanning.ZEER_KRAP),
        "geen": _beroep("Heftruckchauffeur", [d], landelijk=Spanning.ZEER_KRAP),
        # Sharing the skills is not enough without a shortage:
        "gemiddeld": _beroep("Baliemedewerker", [a, b, c], landelijk=Spanning.GEMIDDELD),
        "ruim_in_regio": _beroep(
            "Telefonist",
            [a, b, c],
            landelijk=Spanning.ZEER_KRAP,
            regio=Spanning.RUIM,
            region=amsterdam,
        ),
        "geen_cijfer": _beroep("Secretaresse", [a, b, c]),
    }
    vacatures = {
        "drie": _vacature(wim, "Klantcontactmedewerker zorg", [a, b, c, d, e], region=amsterdam),
        # In Zuid-Limburg but open to people from anywhere: landelijk counts.
        "twee": _vacature(wim, "Planner wijkteam", [a, b], region=limburg, landelijk=True),
        "een": _vacature(wim, "Gastvrouw polikliniek", [a], region=amsterdam),
        "geen": _vacature(wim, "Magazijnmedewerker", [d], region=amsterdam),
        "gesloten": _vacature(
            wim, "Gesloten klantenservice", [a, b, c], region=amsterdam, status="gesloten"
        ),
        "concept": _vacature(
            wim, "Concept klantenservice", [a, b, c], region=amsterdam, status="concept"
        ),
        "elders": _vacature(wim, "Klantenservice Maastricht", [a, b, c], region=limburg),
    }
    return {"baan": baan, "skills": [a, b, c], "beroepen": beroepen, "vacatures": vacatures}


def test_the_destinations_are_the_shortage_beroepen_and_open_vacatures_most_overlap_first(world):
    out = selectors.destinations(baan=world["baan"])
    beroepen, vacatures = world["beroepen"], world["vacatures"]
    assert [b["id"] for b in out["beroepen"]] == [
        beroepen["drie"].pk,
        beroepen["twee"].pk,
        beroepen["een"].pk,
    ]
    assert [v["id"] for v in out["vacatures"]] == [
        vacatures["drie"].pk,
        vacatures["twee"].pk,
        vacatures["een"].pk,
    ]
    a, b, c = (s.label_nl for s in world["skills"])
    assert [row["matched"] for row in out["beroepen"]] == [[a, b, c], [a, b], [a]]
    assert [row["matched"] for row in out["vacatures"]] == [[a, b, c], [a, b], [a]]
    # The rule is overlap first: the one-skill beroep scores higher yet comes last.
    scores = {row["id"]: row["score"] for row in out["beroepen"]}
    assert scores[beroepen["een"].pk] > scores[beroepen["drie"].pk]
    assert [row["spanning"] for row in out["beroepen"]] == ["krap", "zeer krap", "zeer krap"]
    assert [row["organisation"] for row in out["vacatures"]] == ["Zorggroep"] * 3


def test_the_verdwijnbaan_page_lists_the_destinations_in_the_same_order(world, ing, as_user):
    page = as_user(ing).get(f"/verdwijnbanen/{world['baan'].pk}/").content.decode()
    start = page.index('id="bestemmingen"')
    section = page[start : page.index("Uitnodigingscampagnes", start)]
    beroepen, vacatures = world["beroepen"], world["vacatures"]
    shown = [beroepen[k].label_nl for k in ("drie", "twee", "een")]
    assert [section.index(label) for label in shown] == sorted(
        section.index(label) for label in shown
    )
    shown = [vacatures[k].title for k in ("drie", "twee", "een")]
    assert [section.index(title) for title in shown] == sorted(
        section.index(title) for title in shown
    )
    for key in ("geen", "gemiddeld", "ruim_in_regio", "geen_cijfer"):
        assert beroepen[key].label_nl not in section, key
    for key in ("geen", "gesloten", "concept", "elders"):
        assert vacatures[key].title not in section, key


def test_the_destinations_api_answers_the_same_order_and_names_no_person(
    world,
    ing,
    carla,
    amsterdam,
    wim,
    as_user,
):
    # Someone of the campaign even lets the employer see the plan's posts: still nobody is
    # named in the destinations (nor the vacatures' author).
    campaign = services.campaign_create(by=ing, verdwijnbaan=world["baan"], name="Voorjaar 2027")
    rosa, _traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)

    response = as_user(ing).get(f"/api/v1/verdwijnbanen/{world['baan'].pk}/destinations/")
    assert response.status_code == 200
    body = response.json()
    beroepen, vacatures = world["beroepen"], world["vacatures"]
    assert [b["label"] for b in body["beroepen"]] == [
        beroepen[k].label_nl for k in ("drie", "twee", "een")
    ]
    assert [v["title"] for v in body["vacatures"]] == [
        vacatures[k].title for k in ("drie", "twee", "een")
    ]
    assert body["method"] == str(selectors.DESTINATION_METHOD)
    assert {tuple(sorted(row)) for row in body["beroepen"]} == {
        ("id", "label", "matched", "score", "spanning")
    }
    assert {tuple(sorted(row)) for row in body["vacatures"]} == {
        ("id", "matched", "organisation", "score", "title")
    }
    text = json.dumps(body, ensure_ascii=False)
    for person in (rosa, wim, carla, ing):
        assert person.full_name not in text and person.email not in text, person.email


def test_a_verdwijnbaan_without_skills_has_no_destinations(ing, wim, amsterdam, as_user):
    skill = _skill("a", "Klantgesprekken voeren")
    _beroep("Receptionist zorg", [skill], landelijk=Spanning.ZEER_KRAP)
    _vacature(wim, "Gastvrouw polikliniek", [skill], region=amsterdam)
    baan = services.verdwijnbaan_create(
        by=ing,
        function_title="Klantadviseur",
        headcount=4,
        expected_date=date(2027, 6, 1),
        reason=Reason.REORGANISATIE,
    )
    body = as_user(ing).get(f"/api/v1/verdwijnbanen/{baan.pk}/destinations/").json()
    assert (body["beroepen"], body["vacatures"]) == ([], [])
