"""A rescore run writes only what changed, prunes per chunk, and can cover only the profiles
changed since the last finished run (issue 13: the end-to-end rescore)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from matching import engine, services
from matching.adapters import profile_inputs, vacature_inputs
from matching.models import Match, MatchCandidate, MatchRun, Vacature, VacatureSkill
from profiles.models import Profile
from profiles.services import profile_skill_upsert
from tests.factories import (
    OrganisationFactory,
    ProfileFactory,
    SkillFactory,
    UserFactory,
    VacatureFactory,
)


@pytest.fixture
def world(db, amsterdam):
    zorg, plannen = SkillFactory(), SkillFactory()
    organisation = OrganisationFactory(region=amsterdam)
    vacatures = [
        VacatureFactory(organisation=organisation, skills=[(zorg, 3, True), (plannen, 2, False)])
        for _ in range(3)
    ]
    profiles = [ProfileFactory(user=UserFactory(home_region=amsterdam)) for _ in range(3)]
    for profile in profiles:
        profile_skill_upsert(profile=profile, skill=zorg, level=3)
    Match.objects.all().delete()  # the saves above rescored at once; start from none
    return {"zorg": zorg, "plannen": plannen, "vacatures": vacatures, "profiles": profiles}


@pytest.fixture
def crowd(db, amsterdam, monkeypatch):
    """Nine profiles and five vacatures with different fits, and a top 2 per side, so that
    which matches a vacature keeps is a real choice."""
    monkeypatch.setattr(services, "TOP_K", 2)
    rng = random.Random(13)
    skills = [SkillFactory() for _ in range(5)]
    organisation = OrganisationFactory(region=amsterdam)
    vacatures = [
        VacatureFactory(
            organisation=organisation,
            skills=[(s, rng.randint(1, 4), rng.random() < 0.5) for s in rng.sample(skills, 3)],
        )
        for _ in range(5)
    ]
    profiles = [ProfileFactory(user=UserFactory(home_region=amsterdam)) for _ in range(9)]
    for profile in profiles:
        for skill in rng.sample(skills, rng.randint(1, 4)):
            profile_skill_upsert(profile=profile, skill=skill, level=rng.randint(1, 5))
    Match.objects.all().delete()
    return {"skills": skills, "vacatures": vacatures, "profiles": profiles}


def _kept():
    return set(
        Match.objects.values_list(
            "profile_id", "vacature_id", "score", "for_profile", "for_vacature"
        )
    )


def _each_vacatures_best(top_k: int) -> set[tuple[int, int]]:
    """The engine in one call over every profile: each vacature's best top_k."""
    found = engine.match_all(
        profile_inputs(Profile.objects.values_list("pk", flat=True)),
        vacature_inputs(Vacature.objects.open().values_list("pk", flat=True)),
        top_k=top_k,
    )
    pairs = zip(found.profile_ids.tolist(), found.vacature_ids.tolist(), strict=True)
    return {pair for pair, kept in zip(pairs, found.vacature_side, strict=True) if kept}


def test_the_stored_matches_do_not_depend_on_how_the_run_is_chunked(bea, crowd, monkeypatch):
    # Before: every chunk kept each vacature's best of its own profiles, so the stored rows
    # grew with the number of chunks (one profile per chunk kept every pair).
    monkeypatch.setattr(services, "CHUNK_SIZE", 100)
    _run(bea)
    whole = _kept()
    Match.objects.all().delete()
    monkeypatch.setattr(services, "CHUNK_SIZE", 1)
    _run(bea)
    assert _kept() == whole
    best = {(p, v) for p, v, _score, _own, for_vacature in whole if for_vacature}
    assert best == _each_vacatures_best(2)
    assert len(best) == 2 * 5
    assert all(own or for_vacature for *_pair, own, for_vacature in whole)
    assert not MatchCandidate.objects.exists()  # the run's scratch rows are gone
    assert _run(bea).matches_written == 0  # and nothing changes a second time


def test_later_chunks_hand_on_only_candidates_that_can_still_be_among_a_vacatures_best(
    bea, crowd, monkeypatch
):
    # Each chunk handed on each vacature's best of its own profiles, so the candidates grew
    # with the chunks (at 100,000 x 20,000 in chunks of 2,000: 50 million rows). Now a chunk
    # leaves out what scores below a vacature's TOP_K-th best candidate so far.
    handed_on = []
    save = services._candidates_save

    def counting(run_id, profile_ids, found):
        handed_on.append(0 if found is None else len(found))
        save(run_id, profile_ids, found)

    monkeypatch.setattr(services, "_candidates_save", counting)
    monkeypatch.setattr(services, "CHUNK_SIZE", 100)
    _run(bea)
    whole = _kept()
    Match.objects.all().delete()
    monkeypatch.setattr(services, "CHUNK_SIZE", 3)
    floors = services._floors
    monkeypatch.setattr(services, "_floors", lambda run_id: {})  # as before: no floor
    handed_on.clear()
    _run(bea)
    without = sum(handed_on)
    assert _kept() == whole
    Match.objects.all().delete()
    monkeypatch.setattr(services, "_floors", floors)
    handed_on.clear()
    _run(bea)
    assert _kept() == whole  # the same matches
    assert len(handed_on) == 3 and sum(handed_on) < without  # from fewer candidates
    assert not MatchCandidate.objects.exists()


def test_a_profile_that_got_better_takes_a_vacatures_place_in_a_run_of_changed_profiles(
    bea, crowd, monkeypatch
):
    monkeypatch.setattr(services, "CHUNK_SIZE", 1)
    first = _run(bea)
    long_ago = timezone.now() - timedelta(days=2)
    Profile.objects.update(updated_at=long_ago)
    MatchRun.objects.filter(pk=first.pk).update(started_at=long_ago + timedelta(hours=1))
    star = crowd["profiles"][4]
    places = Match.objects.filter(profile=star, for_vacature=True)
    before = set(places.values_list("vacature_id", flat=True))
    for skill in crowd["skills"]:
        star.profile_skills.update_or_create(skill=skill, defaults={"level": 5})
    Profile.objects.filter(pk=star.pk).update(updated_at=timezone.now())

    run = _run(bea, MatchRun.Scope.GEWIJZIGD)

    assert run.profiles == 1
    kept = _kept()
    assert {(p, v) for p, v, *_rest, for_vacature in kept if for_vacature} == (
        _each_vacatures_best(2)
    )
    assert set(places.values_list("vacature_id", flat=True)) > before
    # The same rows as a full run would store.
    Match.objects.all().delete()
    _run(bea)
    assert _kept() == kept


def test_a_vacature_edit_keeps_its_best_and_a_persons_own_matches_say_so(bea, crowd):
    vacature = crowd["vacatures"][0]
    services.rescore_vacature(vacature_id=vacature.pk)
    rows = Match.objects.filter(vacature=vacature)
    assert rows.count() == 2 and all(rows.values_list("for_vacature", flat=True))
    assert not any(rows.values_list("for_profile", flat=True))


def test_a_persons_save_keeps_the_matches_vacatures_keep_scored_afresh(bea, crowd):
    _run(bea)
    pid, vid = (
        Match.objects.filter(for_vacature=True, for_profile=False)
        .order_by("profile_id", "vacature_id")
        .values_list("profile_id", "vacature_id")
        .first()
    )
    profile = Profile.objects.get(pk=pid)
    asked = set(VacatureSkill.objects.filter(vacature_id=vid).values_list("skill_id", flat=True))
    held = sorted(profile.profile_skills.select_related("skill"), key=lambda h: h.skill_id)
    held = next((h for h in held if h.skill_id in asked), held[0])
    before = Match.objects.get(profile_id=pid, vacature_id=vid).score
    # The save rescores the person at once (the tests run tasks eagerly).
    profile_skill_upsert(profile=profile, skill=held.skill, level=1 if held.level > 1 else 5)
    row = Match.objects.get(profile_id=pid, vacature_id=vid)
    assert row.for_vacature and not row.for_profile
    fresh = engine.score_pair(profile_inputs([pid])[0], vacature_inputs([vid])[0])
    assert row.score == fresh.score
    assert held.skill_id not in asked or row.score != before


def _run(by, scope=MatchRun.Scope.ALLE) -> MatchRun:
    run = services.match_run_start(by=by, scope=scope)  # tasks run at once in the tests
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE, run.error
    return run


def _rows():
    return set(Match.objects.values_list("profile_id", "vacature_id", "score", "computed_at"))


def test_a_second_run_with_nothing_changed_writes_no_row(bea, world):
    first = _run(bea)
    assert first.matches_written == Match.objects.count() == 9
    rows = _rows()
    second = _run(bea)
    assert second.matches_written == 0
    assert _rows() == rows  # not rewritten: computed_at is still the first run's


def test_a_run_writes_only_the_matches_that_came_out_different(bea, world):
    _run(bea)
    changed = world["profiles"][0]
    Profile.objects.filter(pk=changed.pk).update(niveau="")  # no rescore of its own
    changed.profile_skills.update(level=1)  # below the asked 3: a gap, a lower score
    before = {(p, v): (s, at) for p, v, s, at in _rows()}
    run = _run(bea)
    assert run.matches_written == 3
    for p, v, score, at in _rows():
        if p == changed.pk:
            assert at > before[(p, v)][1]
        else:
            assert (score, at) == before[(p, v)]


def test_each_chunk_removes_the_matches_its_profiles_no_longer_have(bea, world, settings):
    _run(bea)
    closed = world["vacatures"][0]
    Vacature.objects.filter(pk=closed.pk).update(status=Vacature.Status.GESLOTEN)
    _run(bea)
    assert not Match.objects.filter(vacature=closed).exists()
    assert Match.objects.count() == 6


def test_the_changed_scope_covers_only_profiles_saved_since_the_last_finished_run(bea, world):
    first = _run(bea, MatchRun.Scope.GEWIJZIGD)  # no run finished before: all profiles
    assert first.profiles == 3
    long_ago = timezone.now() - timedelta(days=2)
    Profile.objects.update(updated_at=long_ago)
    MatchRun.objects.filter(pk=first.pk).update(started_at=long_ago + timedelta(hours=1))
    changed = world["profiles"][1]
    Profile.objects.filter(pk=changed.pk).update(updated_at=timezone.now())
    changed.profile_skills.update(level=1)
    untouched = Match.objects.exclude(profile=changed).order_by("pk")
    kept = list(untouched.values_list("pk", "score", "computed_at"))

    run = _run(bea, MatchRun.Scope.GEWIJZIGD)

    assert run.profiles == 1 and run.matches_written == 3
    assert list(untouched.values_list("pk", "score", "computed_at")) == kept


def test_the_api_starts_a_run_of_the_changed_profiles_and_refuses_an_unknown_scope(
    as_user, bea, world
):
    client = as_user(bea)
    refused = client.post(
        "/api/v1/match-runs/", {"scope": "sommige"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "scope" in str(refused.json())
    assert not MatchRun.objects.exists()
    body = client.post(
        "/api/v1/match-runs/", {"scope": "gewijzigd"}, content_type="application/json"
    ).json()
    assert body["scope"] == "gewijzigd" and body["status"] == "done"
    assert client.post("/api/v1/match-runs/").json()["scope"] == "alle"


def test_the_page_offers_both_scopes_and_a_wrong_one_changes_nothing(as_user, bea, world):
    client = as_user(bea)
    page = client.get("/herberekeningen/").content.decode()
    assert "Alles opnieuw berekenen" in page and "Alleen gewijzigde profielen" in page
    response = client.post("/herberekeningen/", {"scope": "sommige"}, follow=True)
    assert "Kies alle profielen of de gewijzigde profielen." in response.content.decode()
    assert not MatchRun.objects.exists()
    client.post("/herberekeningen/", {"scope": "gewijzigd"})
    run = MatchRun.objects.get()
    assert run.scope == MatchRun.Scope.GEWIJZIGD and run.started_by == bea
    page = client.get("/herberekeningen/").content.decode()
    assert "Profielen gewijzigd sinds de vorige herberekening" in page


def test_a_werkgever_cannot_start_a_run(as_user, wim, world):
    assert wim.role == Role.WERKGEVER
    assert as_user(wim).post("/api/v1/match-runs/", {"scope": "gewijzigd"}).status_code == 403
    assert not MatchRun.objects.exists()


def test_the_bulk_write_keeps_any_text_and_number_exactly(world):
    """The rows go through COPY text: backslashes, tabs, quotes and non-ASCII survive."""
    from matching.engine import MatchResult

    profile, vacature = world["profiles"][0], world["vacatures"][0]
    odd = {"regio": True, "uitleg": 'tab\there "ë" \\ new\nline'}
    result = MatchResult(
        profile_id=profile.pk,
        vacature_id=vacature.pk,
        score=73,
        parts={"skills": 0.123456789, "niveau": 1.0},
        matched=[world["zorg"].pk],
        missing_essential=[],
        missing_optional=[world["plannen"].pk],
        practical=odd,
    )
    assert services.matches_upsert([result]) == 1
    match = Match.objects.get(profile=profile, vacature=vacature)
    assert match.score == 73 and match.parts == {"skills": 0.123456789, "niveau": 1.0}
    assert match.explanation["practical"] == odd
    assert services.matches_upsert([result]) == 0  # the same again: nothing written


def test_the_run_page_says_how_long_it_took_in_words(as_user, bea, world):
    run = _run(bea)
    MatchRun.objects.filter(pk=run.pk).update(finished_at=run.started_at + timedelta(seconds=4.2))
    page = as_user(bea).get(f"/herberekeningen/{run.pk}/").content.decode()
    assert "4 s" in page
    assert "0:00:04" not in page
