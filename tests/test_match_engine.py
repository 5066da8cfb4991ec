"""The match engine (matching/engine.py): the reference `score_pair`, and the bulk functions
held to it. Plain Python and NumPy, no database."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import (
    EVIDENCE_WEIGHTS,
    NET_FACTOR,
    PART_NAMES,
    PART_WEIGHTS,
    MatchResult,
    ProfileIndex,
    ProfileInput,
    VacatureIndex,
    VacatureInput,
    match_all,
    match_profile,
    match_vacature,
    score_pair,
    score_pairs,
    vacature_floors,
)

FULL_CREDIT = [e for e, w in EVIDENCE_WEIGHTS.items() if w == 1.0]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def person(**kw) -> ProfileInput:
    base = dict(
        id=1,
        skills={},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=1,
        reach={1},
        hours=None,
        min_net_income=None,
    )
    return ProfileInput(**{**base, **kw})


def vacature(**kw) -> VacatureInput:
    base = dict(
        id=1,
        skills={},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=1,
        landelijk=False,
        hours=None,
        salary_min=None,
        salary_max=None,
    )
    return VacatureInput(**{**base, **kw})


# --- Strategies ------------------------------------------------------------------------------

skill_ids = st.integers(1, 12)
levels = st.integers(1, 5)
evidence = st.sampled_from([*EVIDENCE_WEIGHTS, "onbekend"])
profile_skills = st.dictionaries(skill_ids, st.tuples(levels, evidence, st.booleans()), max_size=8)
vacature_skills = st.dictionaries(skill_ids, st.tuples(levels, st.booleans()), max_size=7)
ids6 = st.lists(st.integers(1, 6), max_size=5)
maybe_nlqf = st.none() | st.integers(1, 8)
maybe_hours = st.none() | st.sampled_from([8, 16, 24, 28, 32, 36, 40])
maybe_income = st.none() | st.sampled_from([1500.0, 2000.0, 2500.0, 3000.0, 3500.0])
maybe_salary = st.none() | st.sampled_from([2000.0, 2800.0, 3400.0, 4000.0, 4800.0])


@st.composite
def profiles(draw, pid: int = 1) -> ProfileInput:
    region = draw(st.none() | st.integers(1, 4))
    reach = draw(st.sets(st.integers(1, 4), max_size=2))
    return ProfileInput(
        id=pid,
        skills=draw(profile_skills),
        drijfveren=draw(ids6),
        talents=draw(ids6),
        nlqf=draw(maybe_nlqf),
        region_id=region,
        reach=reach | ({region} if region else set()),
        hours=draw(maybe_hours),
        min_net_income=draw(maybe_income),
    )


@st.composite
def vacatures(draw, vid: int = 1) -> VacatureInput:
    low, high = draw(maybe_salary), draw(maybe_salary)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return VacatureInput(
        id=vid,
        skills=draw(vacature_skills),
        drijfveren=draw(ids6),
        talents=draw(ids6),
        nlqf=draw(maybe_nlqf),
        region_id=draw(st.none() | st.integers(1, 4)),
        landelijk=draw(st.booleans()),
        hours=draw(maybe_hours),
        salary_min=low,
        salary_max=high,
    )


@st.composite
def populations(draw):
    n_p, n_v = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    p_ids = draw(st.lists(st.integers(1, 500), min_size=n_p, max_size=n_p, unique=True))
    v_ids = draw(st.lists(st.integers(1, 500), min_size=n_v, max_size=n_v, unique=True))
    return [draw(profiles(pid=i)) for i in p_ids], [draw(vacatures(vid=i)) for i in v_ids]


def brute_force(ps, vs, top_k):
    """Every pair through score_pair; the expected top_k per profile and per vacature."""
    scored = {}
    for p in ps:
        for v in vs:
            result = score_pair(p, v)
            if result is not None:
                scored[p.id, v.id] = result
    by_profile, by_vacature = defaultdict(list), defaultdict(list)
    for (pid, vid), r in scored.items():
        by_profile[pid].append((-r.score, vid))
        by_vacature[vid].append((-r.score, pid))
    expected = set()
    for pid, ranked in by_profile.items():
        expected |= {(pid, vid) for _, vid in sorted(ranked)[:top_k]}
    for vid, ranked in by_vacature.items():
        expected |= {(pid, vid) for _, pid in sorted(ranked)[:top_k]}
    return scored, expected, by_profile, by_vacature


# --- Examples: the reference ------------------------------------------------------------------


def test_part_weights_sum_to_one():
    assert sum(PART_WEIGHTS.values()) == pytest.approx(1.0)
    assert set(PART_NAMES) == {"skills", "drijfveren", "talenten", "niveau", "praktisch"}


def test_a_perfect_fit_scores_100_with_every_part_full():
    p = person(
        skills={10: (4, "diploma", False), 11: (3, "zelf", True)},
        drijfveren=[7, 8],
        talents=[3],
        nlqf=4,
        hours=32,
        min_net_income=2000.0,
    )
    v = vacature(
        skills={10: (3, True), 11: (3, False)},
        drijfveren=[7, 8],
        talents=[3],
        nlqf=4,
        hours=32,
        salary_min=3000.0,
        salary_max=3600.0,
    )
    result = score_pair(p, v)
    assert result.score == 100
    assert result.parts == dict.fromkeys(PART_NAMES, 1.0)
    assert result.matched == [10, 11]
    assert result.missing_essential == result.missing_optional == []
    assert result.practical == {"regio": True, "uren": True, "inkomen": True}


def test_a_self_assessed_skill_counts_less_than_the_same_skill_with_a_diploma():
    v = vacature(skills={10: (3, True)})
    zelf = score_pair(person(skills={10: (3, "zelf", False)}), v)
    diploma = score_pair(person(skills={10: (3, "diploma", False)}), v)
    validated = score_pair(person(skills={10: (3, "zelf", True)}), v)
    assert zelf.parts["skills"] == pytest.approx(EVIDENCE_WEIGHTS["zelf"])
    assert diploma.parts["skills"] == validated.parts["skills"] == 1.0
    assert zelf.score < diploma.score


def test_a_skill_below_the_minimum_level_earns_partial_credit_and_is_listed_missing():
    v = vacature(skills={10: (4, True), 11: (2, False)})
    result = score_pair(person(skills={10: (2, "assessment", False), 11: (1, "diploma", False)}), v)
    # (2 x 2/4 + 1 x 1/2) / 3
    assert result.parts["skills"] == pytest.approx(0.5)
    assert result.matched == [10, 11]
    assert result.missing_essential == [10]
    assert result.missing_optional == [11]


def test_unknown_evidence_counts_like_self_assessment():
    v = vacature(skills={10: (1, True)})
    odd = score_pair(person(skills={10: (1, "horoscoop", False)}), v)
    assert odd.parts["skills"] == EVIDENCE_WEIGHTS["zelf"]


def test_a_vacature_without_skills_and_unknown_facts_is_neutral():
    result = score_pair(person(region_id=None, reach=set()), vacature(region_id=None))
    assert result.parts == dict.fromkeys(PART_NAMES, 0.5)
    assert result.score == 50
    assert result.practical == {"regio": None, "uren": None, "inkomen": None}


def test_a_fit_on_the_first_drijfveer_weighs_more_than_on_the_fifth():
    ranked = [1, 2, 3, 4, 5]
    first = score_pair(person(drijfveren=ranked), vacature(drijfveren=[1]))
    fifth = score_pair(person(drijfveren=ranked), vacature(drijfveren=[5]))
    assert first.parts["drijfveren"] == 1.0
    assert fifth.parts["drijfveren"] == pytest.approx(1 / 5)
    assert first.score > fifth.score


def test_talents_count_the_share_of_the_vacatures_talents_the_person_has():
    result = score_pair(person(talents=[1, 2, 9]), vacature(talents=[1, 2, 3, 4]))
    assert result.parts["talenten"] == 0.5


@pytest.mark.parametrize(
    ("mine", "asked", "part"),
    [(4, 4, 1.0), (6, 4, 1.0), (3, 4, 0.75), (2, 4, 0.5), (1, 6, 0.0), (None, 4, 0.5)],
)
def test_niveau_drops_a_quarter_for_every_level_short(mine, asked, part):
    assert score_pair(person(nlqf=mine), vacature(nlqf=asked)).parts["niveau"] == part


def test_region_filter_keeps_reach_landelijk_and_unknown_and_drops_the_rest():
    p = person(region_id=1, reach={1, 2})
    assert score_pair(p, vacature(region_id=2)).practical["regio"] is True
    assert score_pair(p, vacature(region_id=3)) is None
    assert score_pair(p, vacature(region_id=3, landelijk=True)).practical["regio"] is True
    assert score_pair(person(region_id=None, reach=set()), vacature(region_id=3)) is not None
    # The home region counts even when reach leaves it out.
    assert score_pair(person(region_id=3, reach=set()), vacature(region_id=3)) is not None


def test_hours_filter_allows_up_to_eight_hours_more_than_wanted():
    p = person(hours=24)
    assert score_pair(p, vacature(hours=24)).practical["uren"] is True
    eight_more = score_pair(p, vacature(hours=32))
    assert eight_more.practical["uren"] is False
    assert eight_more.parts["praktisch"] == pytest.approx((0.5 + 0.5) / 2)
    assert score_pair(p, vacature(hours=33)) is None
    assert score_pair(person(hours=None), vacature(hours=40)).practical["uren"] is None


def test_income_filter_uses_the_estimated_net_of_the_top_of_the_scale():
    need = 2400.0
    p = person(min_net_income=need)
    top = need / NET_FACTOR  # exactly enough at the top of the scale
    only_top = score_pair(p, vacature(salary_min=top - 500, salary_max=top))
    assert only_top.practical["inkomen"] is False
    assert score_pair(p, vacature(salary_min=top - 500, salary_max=top - 1)) is None
    assert score_pair(p, vacature(salary_min=top, salary_max=top + 500)).practical["inkomen"]
    assert score_pair(p, vacature()).practical["inkomen"] is None
    assert score_pair(person(min_net_income=None), vacature(salary_max=1000.0)) is not None


def test_decimal_salaries_from_the_database_are_accepted():
    v = vacature(salary_min=Decimal("3200.00"), salary_max=Decimal("4100.00"))
    assert score_pair(person(min_net_income=2000.0), v).practical["inkomen"] is True
    assert match_all([person(min_net_income=2000.0)], [v])[0].practical["inkomen"] is True


# --- Examples: the bulk functions -------------------------------------------------------------


def test_ties_go_to_the_lower_id():
    p = person(skills={1: (3, "diploma", False)})
    twins = [vacature(id=i, skills={1: (3, True)}) for i in (9, 4, 7)]
    assert [r.vacature_id for r in match_profile(p, twins, top_k=2)] == [4, 7]
    people = [replace(p, id=i) for i in (5, 2, 8)]
    assert [r.profile_id for r in match_vacature(twins[0], people, top_k=2)] == [2, 5]
    kept = match_all(people, twins, top_k=1)
    assert {(r.profile_id, r.vacature_id) for r in kept} == {(2, 4), (5, 4), (8, 4), (2, 7), (2, 9)}


def test_match_all_results_are_plain_python_and_serialise_to_json():
    p = person(skills={1: (2, "zelf", False)}, hours=32)
    v = vacature(skills={1: (3, True), 2: (1, False)}, hours=36)
    (result,) = match_all([p], [v])
    assert isinstance(result, MatchResult)
    assert result == score_pair(p, v)
    for value in (result.matched, result.missing_essential, result.parts, result.practical):
        json.dumps(value)
    assert type(result.profile_id) is int and type(result.score) is int


def test_match_all_results_read_like_a_list_and_offer_arrays_for_bulk_use():
    ps = [person(id=i, skills={1: (i % 5 + 1, "zelf", False)}) for i in range(1, 6)]
    vs = [vacature(id=i, skills={1: (i, True)}) for i in range(1, 4)]
    results = match_all(ps, vs, top_k=2)
    as_list = list(results)
    assert len(results) == len(as_list) > 0
    assert results[-1] == as_list[-1]
    assert results[1:3] == as_list[1:3]
    assert results.scores.tolist() == [r.score for r in as_list]
    assert results.vacature_ids.tolist() == [r.vacature_id for r in as_list]
    with pytest.raises(IndexError):
        results[len(results)]


def test_match_all_reports_progress_after_every_chunk():
    ps = [person(id=i, skills={1: (3, "zelf", False)}) for i in range(1, 8)]
    vs = [vacature(id=i, skills={1: (2, True)}) for i in range(1, 4)]
    calls = []
    match_all(ps, vs, chunk_size=2, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls == [(i, total) for i in range(1, total + 1)]
    assert total >= 4  # 7 profiles in chunks of 2, and the explanations


def test_empty_inputs_give_empty_results():
    assert len(match_all([], [vacature()])) == 0
    assert len(match_all([person()], [])) == 0
    assert match_profile(person(), []) == []
    assert match_vacature(vacature(), []) == []


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError):
        VacatureIndex([vacature(id=1), vacature(id=1)])


def test_prebuilt_indexes_give_the_same_results_as_lists():
    rng = random.Random(5)
    ps = [
        person(
            id=i,
            skills={s: (rng.randint(1, 5), "zelf", False) for s in rng.sample(range(30), 6)},
            reach={1, 2},
        )
        for i in range(1, 40)
    ]
    vs = [
        vacature(id=i, skills={s: (rng.randint(1, 5), True) for s in rng.sample(range(30), 4)})
        for i in range(1, 30)
    ]
    vindex, pindex = VacatureIndex(vs), ProfileIndex(ps)
    assert match_profile(ps[0], vindex, top_k=5) == match_profile(ps[0], vs, top_k=5)
    # A vacature asking a skill no profile has: it counts in the weights and shows as missing.
    new = vacature(id=99, skills={1000: (2, True), **vs[0].skills})
    from_index = match_vacature(new, pindex, top_k=5)
    assert from_index == match_vacature(new, ps, top_k=5)
    assert all(1000 in r.missing_essential for r in from_index)
    assert list(match_all(ps, vindex, top_k=3)) == list(match_all(ps, vs, top_k=3))
    assert list(match_all(pindex, vindex, top_k=3)) == list(match_all(ps, vs, top_k=3))


def test_match_all_agrees_with_score_pair_on_a_larger_random_population():
    rng = random.Random(11)
    ev = list(EVIDENCE_WEIGHTS)
    ps = []
    for i in range(1, 161):
        home = rng.randint(1, 5)
        ps.append(
            ProfileInput(
                id=i * 3,
                skills={
                    s: (rng.randint(1, 5), rng.choice(ev), rng.random() < 0.1)
                    for s in rng.sample(range(60), rng.randint(3, 15))
                },
                drijfveren=rng.sample(range(8), rng.randint(0, 5)),
                talents=rng.sample(range(10), rng.randint(0, 4)),
                nlqf=rng.choice([None, *range(1, 9)]),
                region_id=None if i % 25 == 0 else home,
                reach=set() if i % 25 == 0 else {home, home % 5 + 1},
                hours=rng.choice([None, 24, 32, 36, 40]),
                min_net_income=rng.choice([None, 1800.0, 2400.0, 3000.0]),
            )
        )
    vs = []
    for i in range(1, 91):
        low = rng.choice([None, 2600.0, 3200.0, 3800.0])
        vs.append(
            VacatureInput(
                id=i * 7,
                skills={
                    s: (rng.randint(1, 5), rng.random() < 0.5)
                    for s in rng.sample(range(60), rng.randint(0, 9))
                },
                drijfveren=rng.sample(range(8), rng.randint(0, 3)),
                talents=rng.sample(range(10), rng.randint(0, 3)),
                nlqf=rng.choice([None, *range(1, 9)]),
                region_id=rng.choice([None, 1, 2, 3, 4, 5]),
                landelijk=rng.random() < 0.1,
                hours=rng.choice([None, 24, 32, 40]),
                salary_min=low,
                salary_max=None if low is None else low * 1.25,
            )
        )
    scored, expected, *_ = brute_force(ps, vs, top_k=7)
    results = match_all(ps, vs, top_k=7, chunk_size=16)
    got = {(r.profile_id, r.vacature_id): r for r in results}
    assert len(got) == len(results)
    assert set(got) == expected
    assert all(r == scored[key] for key, r in got.items())


# --- Properties ------------------------------------------------------------------------------


@FAST
@given(profiles(), vacatures(), skill_ids, levels, st.booleans(), st.sampled_from(FULL_CREDIT))
def test_adding_a_required_skill_the_person_has_never_lowers_the_score(
    p, v, skill, min_level, essential, how
):
    p.skills.pop(skill, None)
    v.skills.pop(skill, None)
    before = score_pair(p, v)
    held = replace(
        p, skills={**p.skills, skill: (min_level + 1 if min_level < 5 else 5, how, False)}
    )
    after = score_pair(held, replace(v, skills={**v.skills, skill: (min_level, essential)}))
    assert (before is None) == (after is None)
    if before is not None:
        assert after.score >= before.score
        assert after.parts["skills"] >= before.parts["skills"] - 1e-12


@FAST
@given(profiles(), vacatures(), skill_ids, levels, st.booleans(), evidence, st.booleans())
def test_asking_a_skill_the_person_has_scores_at_least_as_high_as_one_they_lack(
    p, v, skill, min_level, essential, how, validated
):
    # With self-assessed evidence a held skill can pull the average down (0.7 < 1), so the
    # monotone promise for any evidence is: having it never scores below lacking it.
    p.skills.pop(skill, None)
    asked = replace(v, skills={**v.skills, skill: (min_level, essential)})
    lacking = score_pair(p, asked)
    having = score_pair(replace(p, skills={**p.skills, skill: (5, how, validated)}), asked)
    if lacking is not None:
        assert having.score >= lacking.score


@FAST
@given(profiles(), vacatures())
def test_missing_every_essential_skill_scores_lower_than_having_them_all(p, v):
    essential = {s: m for s, (m, e) in v.skills.items() if e}
    if not essential:
        v = replace(v, skills={**v.skills, 99: (3, True)})
        essential = {99: 3}
    others = {s: lv for s, lv in p.skills.items() if s not in essential}
    having = replace(p, skills={**others, **{s: (m, "zelf", False) for s, m in essential.items()}})
    lacking = replace(p, skills=others)
    with_all, without = score_pair(having, v), score_pair(lacking, v)
    if with_all is not None:
        assert without.score < with_all.score
        assert without.missing_essential == sorted(essential)
        assert with_all.missing_essential == []


@FAST
@given(profiles(), vacatures())
def test_matched_and_missing_lists_are_exactly_the_overlap_and_the_shortfall(p, v):
    result = score_pair(p, v)
    if result is None:
        return
    held = {s: lv for s, (lv, _e, _val) in p.skills.items()}
    assert result.matched == sorted(set(held) & set(v.skills))
    short = {s for s, (m, _e) in v.skills.items() if held.get(s, 0) < m}
    assert result.missing_essential == sorted(s for s in short if v.skills[s][1])
    assert result.missing_optional == sorted(s for s in short if not v.skills[s][1])


@FAST
@given(profiles(), vacatures())
def test_scores_stay_within_0_and_100_and_parts_within_0_and_1(p, v):
    result = score_pair(p, v)
    if result is not None:
        assert 0 <= result.score <= 100
        assert set(result.parts) == set(PART_NAMES)
        assert all(0.0 <= x <= 1.0 for x in result.parts.values())


@FAST
@given(profiles(), vacatures())
def test_hard_filters_exclude_the_pair(p, v):
    result = score_pair(p, v)
    reach = p.reach | ({p.region_id} if p.region_id else set())
    out_of_region = (
        not v.landelijk and v.region_id is not None and reach and v.region_id not in reach
    )
    too_many_hours = p.hours is not None and v.hours is not None and v.hours > p.hours + 8
    too_little = (
        p.min_net_income is not None
        and v.salary_max is not None
        and NET_FACTOR * v.salary_max < p.min_net_income
    )
    assert (result is None) == bool(out_of_region or too_many_hours or too_little)
    kept = {(r.profile_id, r.vacature_id) for r in match_all([p], [v])}
    assert kept == (set() if result is None else {(p.id, v.id)})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.integers(1, 4), st.integers(1, 5))
def test_match_all_agrees_with_score_pair_and_keeps_top_k_per_profile_and_vacature(
    population, top_k, chunk_size
):
    ps, vs = population
    scored, expected, by_profile, by_vacature = brute_force(ps, vs, top_k)
    results = match_all(ps, vs, top_k=top_k, chunk_size=chunk_size)
    got = [(r.profile_id, r.vacature_id) for r in results]
    assert len(got) == len(set(got))
    assert set(got) == expected
    for r in results:
        assert r == scored[r.profile_id, r.vacature_id]
    # Ordered by profile, best first, ties by vacature id.
    assert [(r.profile_id, -r.score, r.vacature_id) for r in results] == sorted(
        (r.profile_id, -r.score, r.vacature_id) for r in results
    )
    for p in ps:
        single = match_profile(p, vs, top_k=top_k)
        assert [(-r.score, r.vacature_id) for r in single] == sorted(by_profile[p.id])[:top_k]
        assert all(r == scored[r.profile_id, r.vacature_id] for r in single)
    for v in vs:
        single = match_vacature(v, ps, top_k=top_k)
        assert [(-r.score, r.profile_id) for r in single] == sorted(by_vacature[v.id])[:top_k]


@FAST
@given(populations(), st.integers(1, 3), st.integers(1, 4))
def test_match_all_says_why_each_pair_is_kept(population, top_k, chunk_size):
    ps, vs = population
    _scored, _expected, by_profile, by_vacature = brute_force(ps, vs, top_k)
    results = match_all(ps, vs, top_k=top_k, chunk_size=chunk_size)
    pairs = list(zip(results.profile_ids.tolist(), results.vacature_ids.tolist(), strict=True))
    own = {pair for pair, kept in zip(pairs, results.profile_side, strict=True) if kept}
    candidates = {pair for pair, kept in zip(pairs, results.vacature_side, strict=True) if kept}
    assert own == {
        (pid, vid) for pid, ranked in by_profile.items() for _, vid in sorted(ranked)[:top_k]
    }
    assert candidates == {
        (pid, vid) for vid, ranked in by_vacature.items() for _, pid in sorted(ranked)[:top_k]
    }
    # select() keeps the order and the reasons of what it keeps.
    kept = results.select(results.vacature_side)
    assert [(r.profile_id, r.vacature_id) for r in kept] == [
        pair for pair, side in zip(pairs, results.vacature_side, strict=True) if side
    ]
    assert kept.vacature_side.all()


@FAST
@given(populations(), st.data())
def test_score_pairs_scores_given_pairs_exactly_as_score_pair(population, data):
    ps, vs = population
    p_ids, v_ids = [p.id for p in ps] + [999], [v.id for v in vs] + [998]  # 99x: unknown ids
    asked = data.draw(st.lists(st.tuples(st.sampled_from(p_ids), st.sampled_from(v_ids))))
    by_id_p, by_id_v = {p.id: p for p in ps}, {v.id: v for v in vs}
    expected = {}
    for pid, vid in asked:
        if pid in by_id_p and vid in by_id_v:
            result = score_pair(by_id_p[pid], by_id_v[vid])
            if result is not None:
                expected[pid, vid] = result
    got = list(score_pairs(ps, vs, asked))
    assert {(r.profile_id, r.vacature_id): r for r in got} == expected
    assert len(got) == len(expected)


@FAST
@given(populations(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(population, rnd):
    ps, vs = population
    first = list(match_all(ps, vs, top_k=2))
    rnd.shuffle(ps)
    rnd.shuffle(vs)
    assert list(match_all(ps, vs, top_k=2)) == first


@FAST
@given(populations(), st.integers(1, 3), st.integers(1, 4), st.data())
def test_a_vacature_floor_leaves_out_only_the_vacatures_candidates_below_it(
    population, top_k, chunk_size, data
):
    # A rescore in chunks hands on a vacature's candidates only from the best score a chunk
    # already done could not keep: the floor drops those below it and nothing else.
    ps, vs = population
    floor = {v.id: data.draw(st.integers(0, 101)) for v in vs if data.draw(st.booleans())}
    floor[10_000] = 50  # a vacature not among the inputs changes nothing
    plain = match_all(ps, vs, top_k=top_k, chunk_size=chunk_size)
    floored = match_all(ps, vs, top_k=top_k, chunk_size=chunk_size, vacature_floor=floor)

    def side(results, mask):
        rows = zip(results.profile_ids.tolist(), results.vacature_ids.tolist(), strict=True)
        scores = results.scores.tolist()
        return {(p, v, s) for (p, v), s, kept in zip(rows, scores, mask, strict=True) if kept}

    assert side(floored, floored.profile_side) == side(plain, plain.profile_side)
    assert side(floored, floored.vacature_side) == {
        (p, v, s) for p, v, s in side(plain, plain.vacature_side) if s >= floor.get(v, 0)
    }


@FAST
@given(populations(), st.integers(1, 3))
def test_a_vacature_floor_is_its_top_k_th_best_score_where_it_has_top_k(population, top_k):
    ps, vs = population
    _scored, _expected, _by_profile, by_vacature = brute_force(ps, vs, top_k)
    found = match_all(ps, vs, top_k=top_k)
    side = found.select(found.vacature_side)
    floors = vacature_floors(side.vacature_ids, side.scores, top_k)
    assert floors == {
        vid: -sorted(ranked)[top_k - 1][0]
        for vid, ranked in by_vacature.items()
        if len(ranked) >= top_k
    }
