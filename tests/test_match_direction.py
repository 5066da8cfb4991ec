"""Matches in the person's direction (matching/direction.py, issue 13): doelberoep, doelsector,
shortage work, the rest, krimpsector, and the person's own current or previous beroep last;
the selection keeps the best within that order, not the best by score alone."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from matching import direction, engine, selectors, services
from matching.direction import Direction, WorkFacts
from matching.models import Match
from profiles.models import Experience
from profiles.services import profile_get_or_create, profile_save_doel, profile_skill_upsert
from taxonomy.models import Beroep, Skill, Tekort

CASTING = Direction.of(target_sectors=["onderwijs"], own_titles=["Casting director"])


def facts(sector, *, beroep=None, names=(), spanning=None, krimp=False) -> WorkFacts:
    return WorkFacts.of(
        sector=sector, beroep_id=beroep, names=names, spanning=spanning, krimp=krimp
    )


def test_each_tier_in_order():
    person = Direction.of(
        target_sectors=["onderwijs"], target_beroepen=[7], own_titles=["Klantadviseur bank"]
    )
    cases = [
        (facts("financieel", names=["Klantadviseur bank"]), direction.TIER_OWN),
        (facts("onderwijs", beroep=7, names=["Leraar economie"]), direction.TIER_DOELBEROEP),
        (facts("onderwijs", names=["Onderwijsassistent"]), direction.TIER_DOELSECTOR),
        (facts("zorg", names=["Verzorgende IG"]), direction.TIER_TEKORT),
        (facts("overig", names=["Kok"], spanning=5), direction.TIER_TEKORT),
        (facts("zorg", names=["Helpende"], spanning=3), direction.TIER_OTHER),
        (facts("overig", names=["Winkelmedewerker"]), direction.TIER_OTHER),
        (
            facts("financieel", names=["Bankmedewerker"], spanning=1, krimp=True),
            direction.TIER_KRIMP,
        ),
    ]
    for work, expected in cases:
        assert direction.tier(person, work) == expected, work
    # A krimp beroep the person chose stays their doelberoep; the own beroep stays last.
    assert direction.tier(person, facts("x", beroep=7, krimp=True)) == direction.TIER_DOELBEROEP
    assert direction.tier(person, facts("onderwijs", beroep=7, names=["Klantadviseur bank"])) == (
        direction.TIER_OWN
    )


def test_own_beroep_by_the_words_of_title_or_beroep_name():
    own = Direction.of(own_titles=["Casting director", "Klantadviseur particulieren bij de bank"])
    assert direction.is_own(own, facts("overig", names=["Senior casting director"]))
    assert direction.is_own(own, facts("overig", names=["Vacature X", "Casting Director"]))
    assert direction.is_own(own, facts("financieel", names=["Klantadviseur bank"]))
    assert not direction.is_own(own, facts("onderwijs", names=["Leraar basisonderwijs"]))
    assert not direction.is_own(own, facts("ict", names=["Bankmedewerker"]))
    assert not direction.is_own(Direction.of(own_titles=["de"]), facts("x", names=["De Bank"]))
    assert direction.name_words("Zij-instromer crèche") == {"zij", "instromer", "creche"}


def test_order_puts_the_own_job_last_whatever_its_score():
    work = {
        1: facts("overig", names=["Casting director"]),
        2: facts("onderwijs", names=["Leraar basisonderwijs"]),
        3: facts("zorg", names=["Verzorgende"]),
        4: facts("overig", names=["Evenementenplanner"]),
    }
    scored = [(1, 95), (2, 40), (3, 60), (4, 70)]
    ordered = direction.order(
        scored, direction=CASTING, facts=work, score=lambda s: s[1], vacature_id=lambda s: s[0]
    )
    assert [vid for vid, _s in ordered] == [2, 3, 4, 1]
    # Without a direction: shortage work first, then by score; ties by vacature id.
    plain = direction.order(
        [(4, 70), (3, 60), (5, 70)],
        direction=Direction(),
        facts={**work, 5: facts("overig")},
        score=lambda s: s[1],
        vacature_id=lambda s: s[0],
    )
    assert [vid for vid, _s in plain] == [3, 4, 5]


def _person(skills) -> engine.ProfileInput:
    return engine.ProfileInput(
        id=1,
        skills={s: (3, "werkervaring", False) for s in skills},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=1,
        reach={1},
        hours=None,
        min_net_income=None,
    )


def _vacature(vid, skills, region=1) -> engine.VacatureInput:
    return engine.VacatureInput(
        id=vid,
        skills={s: (3, True) for s in skills},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=region,
        landelijk=False,
        hours=None,
        salary_min=None,
        salary_max=None,
    )


def test_selection_keeps_the_best_within_the_direction_not_by_score():
    person = _person([1, 2, 3, 4])
    own_jobs = [_vacature(v, [1, 2, 3, 4]) for v in range(1, 6)]  # perfect scores
    teaching = [_vacature(v, [1, 9]) for v in range(6, 9)]  # half the skills
    work = {v.id: facts("overig", names=["Casting director"]) for v in own_jobs}
    work |= {v.id: facts("onderwijs", names=["Leraar"]) for v in teaching}
    by_score = engine.match_profile(person, own_jobs + teaching, top_k=3)
    assert {r.vacature_id for r in by_score} <= {1, 2, 3, 4, 5}
    chosen = direction.select_for_profile(
        person, own_jobs + teaching, direction=CASTING, facts=work, top_k=3
    )
    assert [r.vacature_id for r in chosen] == [6, 7, 8]
    chosen = direction.select_for_profile(
        person, own_jobs + teaching, direction=CASTING, facts=work, top_k=5
    )
    assert [r.vacature_id for r in chosen] == [6, 7, 8, 1, 2]
    # A vacature outside the person's region is still left out (the engine's filter).
    assert (
        direction.select_for_profile(
            person, [_vacature(9, [1], region=2)], direction=CASTING, facts=work, top_k=3
        )
        == []
    )


def test_selection_equals_ordering_every_scored_pair_then_cutting():
    rng = random.Random(13)
    sectors = ["zorg", "onderwijs", "overig", "financieel", "techniek"]
    for _round in range(30):
        person = _person(rng.sample(range(1, 20), 6))
        vacatures = [_vacature(v, rng.sample(range(1, 20), 4)) for v in range(1, 40)]
        work = {
            v.id: facts(
                rng.choice(sectors),
                beroep=rng.choice([None, 1, 2]),
                names=[rng.choice(["Kok", "Leraar", "Casting director"])],
                spanning=rng.choice([None, 1, 3, 5]),
                krimp=rng.random() < 0.1,
            )
            for v in vacatures
        }
        who = Direction.of(
            target_sectors=rng.sample(sectors, rng.randint(0, 2)),
            target_beroepen=rng.sample([1, 2], rng.randint(0, 1)),
            own_titles=["Casting director"],
        )
        k = rng.randint(1, 15)
        index = engine.VacatureIndex(rng.sample(vacatures, len(vacatures)))
        every = [r for r in (engine.score_pair(person, v) for v in vacatures) if r is not None]
        expected = direction.order(
            every,
            direction=who,
            facts=work,
            score=lambda r: r.score,
            vacature_id=lambda r: r.vacature_id,
        )[:k]
        want = [(r.vacature_id, r.score) for r in expected]
        got = direction.select_for_profile(person, vacatures, direction=who, facts=work, top_k=k)
        assert [(r.vacature_id, r.score) for r in got] == want
        # The same with a prebuilt index, reused (as matching.open_work keeps one).
        for _again in range(2):
            got = direction.select_for_profile(person, index, direction=who, facts=work, top_k=k)
            assert [(r.vacature_id, r.score) for r in got] == want


def test_bulk_widening_adds_the_best_of_the_doelsector_and_the_shortage():
    person = _person([1, 2, 3, 4])
    own_jobs = [_vacature(v, [1, 2, 3, 4]) for v in range(1, 6)]
    teaching = [_vacature(v, [1, 9]) for v in range(6, 9)]
    work = {v.id: facts("overig", names=["Casting director"]) for v in own_jobs}
    work |= {v.id: facts("onderwijs", names=["Leraar"]) for v in teaching}
    everything = own_jobs + teaching
    # Two teachers fill the teaching vacatures' own top 2, so only the widening adds them.
    teachers = [_person([1, 9]), _person([1, 9])]
    teachers[0].id, teachers[1].id = 2, 3
    people = [person, *teachers]
    bulk = engine.match_all(people, everything, top_k=2)
    assert {r.vacature_id for r in bulk if r.profile_id == 1} <= {1, 2, 3, 4, 5}
    widened = direction.widen_bulk(
        people, everything, bulk, directions={1: CASTING}, facts=work, top_k=2
    )
    kept = {r.vacature_id for r in widened if r.profile_id == 1}
    assert {6, 7} <= kept and len(widened) == len({(r.profile_id, r.vacature_id) for r in widened})
    widened = [r for r in widened if r.profile_id == 1]
    ordered = direction.order(
        widened,
        direction=CASTING,
        facts=work,
        score=lambda r: r.score,
        vacature_id=lambda r: r.vacature_id,
    )
    assert [r.vacature_id for r in ordered][:2] == [6, 7]


# --- In the product ------------------------------------------------------------------------


def _skill(label: str) -> Skill:
    return Skill.objects.get(label_nl=label)


@pytest.mark.django_db
def test_my_matches_lead_with_the_doelsector_and_end_with_the_own_job(
    anna, wim, amsterdam, monkeypatch, django_assert_num_queries
):
    own_skills = ["Castingprocessen coördineren", "Actief luisteren", "Plannen en organiseren"]
    profile = profile_get_or_create(user=anna)
    for label in own_skills:
        profile_skill_upsert(
            profile=profile, skill=_skill(label), level=4, evidence_type="werkervaring"
        )
    Experience.objects.create(profile=profile, kind="werk", title="Casting director")
    profile_save_doel(
        profile=profile,
        ambition="Juf worden",
        motivation="",
        target_sectors=["onderwijs"],
        target_beroepen=[],
        min_net_income=Decimal("2000"),
        hours_per_week=32,
    )

    def publish(title, sector, labels, **fields):
        v = services.vacature_save(
            by=wim,
            organisation=wim.organisation,
            title=title,
            sector=sector,
            region=amsterdam,
            hours_per_week=32,
            salary_min=Decimal("3000"),
            salary_max=Decimal("4000"),
            skills=[(_skill(label), 3, True) for label in labels],
            **fields,
        )
        return services.vacature_publish(vacature=v, by=wim)

    casting = publish("Casting director", "overig", own_skills)
    juf = publish("Leraar basisonderwijs", "onderwijs", ["Plannen en organiseren", "Lessen geven"])
    zorg = publish("Helpende", "zorg", ["Actief luisteren", "Persoonlijke verzorging bieden"])
    # A beroep the shortage table marks as krimp (taxonomy/data/tekorten.csv).
    bank = publish(
        "Medewerker klantcontact",
        "financieel",
        ["Actief luisteren"],
        beroep=Beroep.objects.get(code="lb:bankmedewerker"),
    )
    assert Tekort.objects.get(beroep__code="lb:bankmedewerker", region=None).krimpsector
    services.rescore_profile(profile_id=profile.pk)
    scores = dict(Match.objects.filter(profile=profile).values_list("vacature_id", "score"))
    assert scores[casting.pk] > scores[juf.pk]  # the own job scores best on skills ...
    with django_assert_num_queries(3):  # matches, doelberoepen, werkervaring: however many
        shown = [m.vacature_id for m in selectors.matches_for_profile(profile=profile)]
    assert shown == [juf.pk, zorg.pk, bank.pk, casting.pk]  # ... and is shown last
    assert [m.vacature_id for m in selectors.matches_for_profile(profile=profile, limit=1)] == [
        juf.pk
    ]

    # With room for one match only, the one kept for the person is in the doelsector (the
    # others stay as matches their vacatures keep: she is among each one's best candidates).
    monkeypatch.setattr(services, "TOP_K", 1)
    services.rescore_profile(profile_id=profile.pk)
    mine = Match.objects.filter(profile=profile, for_profile=True)
    assert list(mine.values_list("vacature_id", flat=True)) == [juf.pk]


def test_match_all_without_the_per_vacature_side_is_each_profiles_top_k():
    rng = random.Random(7)
    people = []
    for pid in range(1, 30):
        p = _person(rng.sample(range(1, 25), 5))
        p.id = pid
        people.append(p)
    vacatures = [_vacature(v, rng.sample(range(1, 25), 4)) for v in range(1, 60)]
    got = engine.match_all(people, vacatures, top_k=4, per_vacature=False)
    expected = [r for p in people for r in engine.match_profile(p, vacatures, top_k=4)]
    assert [(r.profile_id, r.vacature_id, r.score) for r in got] == [
        (r.profile_id, r.vacature_id, r.score) for r in expected
    ]
    assert len(engine.match_all(people, vacatures, top_k=4)) > len(got)
