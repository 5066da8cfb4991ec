"""Vacatures, matches with reasons, the candidate pipeline and rescore runs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from journeys.models import Phase
from matching import services
from matching.models import Application, Match, MatchRun, Vacature
from profiles.models import ProfileShare
from profiles.services import (
    profile_get_or_create,
    profile_save_doel,
    profile_share_revoke,
    profile_skill_upsert,
)
from taxonomy.models import Skill

from .factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProfileFactory,
    UserFactory,
    VacatureFactory,
    make_traject,
)

pytestmark = pytest.mark.django_db

SKILLS = [
    "Plannen en organiseren",
    "Actief luisteren",
    "Samenwerken in een team",
    "Persoonlijke verzorging bieden",
]


def skill(label: str) -> Skill:
    return Skill.objects.get(label_nl=label)


@pytest.fixture
def zorg_vacature(wim, amsterdam):
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Helpende zorg",
        sector="zorg",
        region=amsterdam,
        hours_per_week=28,
        salary_min=Decimal("2300"),
        salary_max=Decimal("2800"),
        skills=[
            (skill(SKILLS[0]), 3, True),
            (skill(SKILLS[1]), 3, True),
            (skill(SKILLS[3]), 3, False),
        ],
    )
    return services.vacature_publish(vacature=vacature, by=wim)


@pytest.fixture
def annas_profile(anna, carla, amsterdam):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    profile = profile_get_or_create(user=anna)
    profile_skill_upsert(
        profile=profile, skill=skill(SKILLS[0]), level=4, evidence_type="werkervaring"
    )
    profile_skill_upsert(profile=profile, skill=skill(SKILLS[2]), level=3)
    return profile


def test_a_published_vacature_is_scored_against_profiles_with_reasons(annas_profile, zorg_vacature):
    match = Match.objects.get(profile=annas_profile, vacature=zorg_vacature)
    assert 0 < match.score <= 100
    assert match.explanation["matched"] == [skill(SKILLS[0]).pk]
    assert match.explanation["missing_essential"] == [skill(SKILLS[1]).pk]
    assert match.explanation["missing_optional"] == [skill(SKILLS[3]).pk]


def test_a_changed_profile_is_rescored(annas_profile, zorg_vacature):
    before = Match.objects.get(profile=annas_profile, vacature=zorg_vacature).score
    profile_skill_upsert(
        profile=annas_profile, skill=skill(SKILLS[1]), level=4, evidence_type="werkervaring"
    )
    after = Match.objects.get(profile=annas_profile, vacature=zorg_vacature)
    assert after.score > before
    assert after.explanation["missing_essential"] == []


def test_the_overstapper_sees_matches_with_reasons_and_options_across_sectors(
    as_user, anna, annas_profile, zorg_vacature
):
    page = as_user(anna).get("/mijn-matches/").content.decode()
    assert (
        "Helpende zorg" in page and "Wat je meebrengt:" in page and "Plannen en organiseren" in page
    )
    assert "Wat je nog leert:" in page and "Actief luisteren" in page
    options = as_user(anna).get("/api/v1/profiles/me/options/").json()["results"]
    assert len(options) >= 3
    assert len({o["sector"] for o in options}) >= 2


def test_matches_api_lists_best_first_with_reasons(as_user, anna, annas_profile, zorg_vacature):
    body = as_user(anna).get("/api/v1/profiles/me/matches/").json()["results"]
    assert body[0]["title"] == "Helpende zorg"
    assert body[0]["matched"] == ["Plannen en organiseren"]
    assert body[0]["reasons"]


def test_a_closed_vacature_leaves_matching(wim, annas_profile, zorg_vacature, as_user, anna):
    services.vacature_close(vacature=zorg_vacature, by=wim)
    assert not Match.objects.filter(vacature=zorg_vacature).exists()
    with pytest.raises(ValidationError, match="niet \\(meer\\) open"):
        services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    assert as_user(anna).get(f"/vacatures/{zorg_vacature.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "skills", "message"),
    [
        (
            {"salary_min": Decimal("3000"), "salary_max": Decimal("2000")},
            None,
            "hoger dan het maximum",
        ),
        ({}, "twice", "twee keer"),
        ({}, "level9", "1, 2, 3, 4 of 5"),
    ],
)
def test_bad_vacature_input_is_refused_and_changes_nothing(wim, amsterdam, fields, skills, message):
    s = skill(SKILLS[0])
    skill_list = {"twice": [(s, 3, True), (s, 4, False)], "level9": [(s, 9, True)], None: []}[
        skills
    ]
    data = {
        "title": "X",
        "sector": "zorg",
        "region": amsterdam,
        "hours_per_week": 20,
        "salary_min": Decimal("2000"),
        "salary_max": Decimal("2500"),
    } | fields
    with pytest.raises(ValidationError, match=message):
        services.vacature_save(by=wim, organisation=wim.organisation, skills=skill_list, **data)
    assert not Vacature.objects.exists()


def test_only_the_werkgevers_own_people_manage_a_vacature(zorg_vacature, amsterdam):
    other = UserFactory(
        role=Role.WERKGEVER, organisation=OrganisationFactory(name="Ander", region=amsterdam)
    )
    with pytest.raises(PermissionDenied):
        services.vacature_close(vacature=zorg_vacature, by=other)


def test_job_carving_splits_tasks_by_level(wim, amsterdam):
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Onderwijs",
        sector="onderwijs",
        region=amsterdam,
        hours_per_week=32,
        salary_min=Decimal("2500"),
        salary_max=Decimal("4000"),
        skills=[(skill(SKILLS[0]), 3, True)],
        tasks=[("Lessen geven", "hbo"), ("Klas begeleiden", "mbo4"), ("Toetsen nakijken", "hbo")],
    )
    [split] = services.vacature_split_by_level(vacature=vacature, by=wim)
    vacature.refresh_from_db()
    assert {t.niveau for t in vacature.tasks.all()} == {vacature.niveau}
    assert {t.niveau for t in split.tasks.all()} == {split.niveau}
    assert {vacature.niveau, split.niveau} == {"hbo", "mbo4"}
    assert split.vacature_skills.count() == 1 and split.status == Vacature.Status.CONCEPT


def test_interest_shares_the_profile_and_the_werkgever_sees_only_candidates_who_shared(
    as_user, anna, otto, wim, annas_profile, zorg_vacature
):
    ottos = profile_get_or_create(user=otto)
    profile_skill_upsert(profile=ottos, skill=skill(SKILLS[0]), level=5)
    services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    assert ProfileShare.objects.get(profile=annas_profile).grantee == wim
    client = as_user(wim)
    page = client.get(f"/vacatures/{zorg_vacature.pk}/kandidaten/").content.decode()
    assert "Anna Overstapper" in page and "Otto Overstapper" not in page
    api = client.get(f"/api/v1/vacatures/{zorg_vacature.pk}/candidates/").json()["results"]
    assert [c["application"]["candidate"] for c in api] == ["Anna Overstapper"]
    profile_share_revoke(share=ProfileShare.objects.get(profile=annas_profile), by=anna)
    assert client.get(f"/api/v1/vacatures/{zorg_vacature.pk}/candidates/").json()["results"] == []


def test_the_overstapper_never_sees_other_people(as_user, otto, annas_profile, zorg_vacature):
    client = as_user(otto)
    assert client.get(f"/api/v1/vacatures/{zorg_vacature.pk}/candidates/").status_code == 404
    assert client.get(f"/vacatures/{zorg_vacature.pk}/kandidaten/").status_code == 403
    assert "Anna" not in client.get(f"/vacatures/{zorg_vacature.pk}/").content.decode()


def test_the_pipeline_from_interest_to_signed_contract_moves_the_traject(
    anna, wim, annas_profile, zorg_vacature
):
    app = services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    tomorrow = timezone.localdate() + timedelta(days=1)
    services.application_move(
        application=app, to_status="meeloopdag", by=wim, meeloopdag_on=tomorrow, meeloopdag_days=2
    )
    traject = anna.trajecten.get()
    assert traject.phase == Phase.SELECTIE
    services.application_move(application=app, to_status="onderzoek", by=wim)
    services.application_move(application=app, to_status="selectie", by=wim)
    services.application_move(
        application=app, to_status="contract", by=wim, conditions="Diploma vóór 1 september"
    )
    with pytest.raises(PermissionDenied):
        services.application_move(application=app, to_status="getekend", by=wim)
    services.application_move(application=app, to_status="getekend", by=anna)
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
    app.refresh_from_db()
    assert [e.to_status for e in app.events.all()] == [
        "interesse",
        "meeloopdag",
        "onderzoek",
        "selectie",
        "contract",
        "getekend",
    ]


def test_a_rejection_returns_the_traject_to_match(anna, wim, annas_profile, zorg_vacature):
    app = services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    services.application_move(
        application=app,
        to_status="meeloopdag",
        by=wim,
        meeloopdag_on=timezone.localdate(),
        meeloopdag_days=1,
    )
    with pytest.raises(ValidationError, match="reden"):
        services.application_move(application=app, to_status="afgewezen", by=wim)
    services.application_move(
        application=app, to_status="afgewezen", by=wim, note="Past niet bij het team"
    )
    assert anna.trajecten.get().phase == Phase.MATCH


@pytest.mark.parametrize(
    ("to_status", "kwargs", "message"),
    [
        ("contract", {"conditions": "x"}, "geen toegestane stap"),
        ("meeloopdag", {}, "Plan de meeloopdag"),
        ("meeloopdag", {"meeloopdag_on": "today", "meeloopdag_days": 8}, "1 tot 5 dagen"),
        ("meeloopdag", {"meeloopdag_on": "past", "meeloopdag_days": 1}, "vanaf vandaag"),
        ("vakantie", {}, "Onbekende stap"),
    ],
)
def test_illegal_pipeline_moves_are_refused_and_change_nothing(
    anna, wim, annas_profile, zorg_vacature, to_status, kwargs, message
):
    app = services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    day = {"today": timezone.localdate(), "past": timezone.localdate() - timedelta(days=3)}
    if "meeloopdag_on" in kwargs:
        kwargs["meeloopdag_on"] = day[kwargs["meeloopdag_on"]]
    with pytest.raises(ValidationError, match=message):
        services.application_move(application=app, to_status=to_status, by=wim, **kwargs)
    app.refresh_from_db()
    assert app.status == "interesse" and app.events.count() == 1
    assert anna.trajecten.get().phase == Phase.MATCH


def test_a_candidate_who_did_not_share_cannot_be_moved(anna, wim, annas_profile, zorg_vacature):
    app = services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    profile_share_revoke(share=ProfileShare.objects.get(profile=annas_profile), by=anna)
    with pytest.raises(PermissionDenied, match="niet \\(meer\\) met je gedeeld"):
        services.application_move(
            application=app,
            to_status="meeloopdag",
            by=wim,
            meeloopdag_on=timezone.localdate(),
            meeloopdag_days=1,
        )


def test_geschiktheidsonderzoek_over_five_weeks_is_flagged(anna, wim, annas_profile, zorg_vacature):
    app = services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    services.application_move(
        application=app,
        to_status="meeloopdag",
        by=wim,
        meeloopdag_on=timezone.localdate(),
        meeloopdag_days=1,
    )
    services.application_move(application=app, to_status="onderzoek", by=wim)
    Application.objects.filter(pk=app.pk).update(
        onderzoek_started_at=timezone.now() - timedelta(weeks=5, days=1)
    )
    app.refresh_from_db()
    assert app.onderzoek_overdue


def test_a_full_rescore_runs_to_done_and_a_second_one_is_refused(bea, annas_profile, zorg_vacature):
    Match.objects.all().delete()
    run = services.match_run_start(by=bea)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE and run.progress == 100
    assert Match.objects.filter(profile=annas_profile, vacature=zorg_vacature).count() == 1
    MatchRun.objects.create(status=MatchRun.Status.RUNNING)
    with pytest.raises(ValidationError, match="al een herberekening"):
        services.match_run_start(by=bea)


def test_a_chunk_run_twice_leaves_the_same_rows(bea, annas_profile, zorg_vacature):
    run = MatchRun.objects.create(status=MatchRun.Status.QUEUED)
    chunks = services.match_run_plan(run_id=run.pk)
    services.match_run_chunk(run_id=run.pk, index=0, profile_ids=chunks[0])
    rows = list(Match.objects.values_list("profile_id", "vacature_id", "score"))
    services.match_run_chunk(run_id=run.pk, index=0, profile_ids=chunks[0])
    assert list(Match.objects.values_list("profile_id", "vacature_id", "score")) == rows
    run.refresh_from_db()
    assert run.chunks_done == 1
    assert services.match_run_finish(run_id=run.pk).status == MatchRun.Status.DONE


def test_a_run_missing_a_chunk_is_not_marked_done(bea, annas_profile, zorg_vacature):
    run = MatchRun.objects.create(status=MatchRun.Status.QUEUED)
    services.match_run_plan(run_id=run.pk)
    MatchRun.objects.filter(pk=run.pk).update(chunks_total=2)
    assert services.match_run_finish(run_id=run.pk).status == MatchRun.Status.FAILED


def test_match_runs_api_and_page(as_user, bea, lars, wim, annas_profile, zorg_vacature):
    client = as_user(bea)
    body = client.post("/api/v1/match-runs/").json()
    assert body["status"] == "done" and body["progress"] == 100
    assert client.get(f"/api/v1/match-runs/{body['id']}/").json()["id"] == body["id"]
    assert "Alles opnieuw berekenen" in as_user(lars).get("/herberekeningen/").content.decode()
    assert as_user(wim).post("/api/v1/match-runs/").status_code == 403


def test_income_need_above_salary_filters_the_vacature_out(anna, annas_profile, zorg_vacature):
    profile_save_doel(
        profile=annas_profile,
        ambition="Zorg",
        motivation="",
        target_sectors=["zorg"],
        target_beroepen=[],
        min_net_income=Decimal("4000"),
        hours_per_week=32,
    )
    assert not Match.objects.filter(profile=annas_profile, vacature=zorg_vacature).exists()


def test_vacature_list_page_keeps_a_fixed_query_budget(
    as_user, wim, amsterdam, django_assert_max_num_queries
):
    for n in range(200):
        VacatureFactory(
            organisation=wim.organisation,
            created_by=wim,
            title=f"V{n}",
            region=amsterdam,
            status=Vacature.Status.CONCEPT,
        )
    client = as_user(wim)
    with django_assert_max_num_queries(10):
        assert client.get("/vacatures/").status_code == 200


def test_candidates_page_keeps_a_fixed_query_budget(
    as_user, wim, amsterdam, zorg_vacature, django_assert_max_num_queries
):
    for _n in range(200):
        profile = ProfileFactory(user__home_region=amsterdam)
        ApplicationFactory(profile=profile, vacature=zorg_vacature)
        ProfileShare.objects.create(profile=profile, grantee=wim, purpose="vacature", vacature="x")
    client = as_user(wim)
    with django_assert_max_num_queries(12):
        page = client.get(f"/vacatures/{zorg_vacature.pk}/kandidaten/")
    assert page.content.decode().count(">Persoonlijk Profiel bekijken</a>") == 200


def test_werkgever_creates_a_vacature_from_a_beroep_in_the_browser_form(as_user, wim, amsterdam):
    from taxonomy.models import Beroep

    beroep = Beroep.objects.get(code="lb:helpende-zorg-en-welzijn")
    client = as_user(wim)
    response = client.post(
        f"/vacatures/nieuw/?beroep={beroep.pk}",
        {
            "title": "Helpende",
            "sector": "zorg",
            "region": amsterdam.pk,
            "hours_per_week": "24",
            "salary_min": "2200",
            "salary_max": "2600",
            "niveau": "mbo2",
        },
    )
    vacature = Vacature.objects.get(title="Helpende")
    assert response.status_code == 302
    assert vacature.vacature_skills.count() == beroep.beroep_skills.count() > 0
    client.post(f"/vacatures/{vacature.pk}/publiceren/")
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN


def test_the_vacature_form_explains_salary_min_above_max(as_user, wim, amsterdam):
    body = (
        as_user(wim)
        .post(
            "/vacatures/nieuw/",
            {
                "title": "X",
                "sector": "zorg",
                "region": amsterdam.pk,
                "hours_per_week": "24",
                "salary_min": "3000",
                "salary_max": "2000",
            },
        )
        .content.decode()
    )
    assert "hoger dan het maximum" in body
    assert not Vacature.objects.exists()


def test_the_coach_sees_matches_and_pipeline_on_the_traject(
    as_user, anna, carla, annas_profile, zorg_vacature
):
    services.application_show_interest(profile=annas_profile, vacature=zorg_vacature, by=anna)
    traject = anna.trajecten.get()
    page = as_user(carla).get(f"/trajecten/{traject.pk}/").content.decode()
    assert "Matches en selectie" in page and "Helpende zorg" in page and "Interesse getoond" in page


def test_api_vacature_crud_and_bad_input(as_user, wim, amsterdam):
    client = as_user(wim)
    s = skill(SKILLS[0]).pk
    base = {
        "title": "Monteur",
        "sector": "techniek",
        "region": amsterdam.pk,
        "hours_per_week": 38,
        "salary_min": "2800.00",
        "salary_max": "3400.00",
        "skills": [{"skill": s, "min_level": 3}],
    }
    response = client.post("/api/v1/vacatures/", base, content_type="application/json")
    assert response.status_code == 201
    vid = response.json()["id"]
    bad = client.post(
        "/api/v1/vacatures/", base | {"salary_min": "5000.00"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "hoger dan het maximum" in bad.json()["message"]
    twice = client.post(
        "/api/v1/vacatures/",
        base | {"skills": [{"skill": s}, {"skill": s}]},
        content_type="application/json",
    )
    assert twice.status_code == 400 and "twee keer" in twice.json()["message"]
    level = client.post(
        "/api/v1/vacatures/",
        base | {"skills": [{"skill": s, "min_level": 7}]},
        content_type="application/json",
    )
    assert level.status_code == 400
    assert client.post(f"/api/v1/vacatures/{vid}/publish/").json()["status"] == "open"
    assert Vacature.objects.count() == 1


def test_my_matches_page_costs_the_same_queries_for_one_match_or_eleven(
    as_user, anna, annas_profile, zorg_vacature, wim, amsterdam
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(anna)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get("/mijn-matches/").status_code == 200
        return len(seen.captured_queries)

    one = queries()
    # The profile, its engine input and its werkervaring are each read once (39 before).
    assert one <= 31, one
    for n in range(10):
        vacature = services.vacature_save(
            by=wim,
            organisation=wim.organisation,
            title=f"Zorgfunctie {n}",
            sector="zorg",
            region=amsterdam,
            hours_per_week=28,
            salary_min=Decimal("2300"),
            salary_max=Decimal("2800"),
            skills=[(skill(SKILLS[0]), 3, True), (skill(SKILLS[n % 2 + 1]), 2, False)],
        )
        services.vacature_publish(vacature=vacature, by=wim)
    assert Match.objects.filter(profile=annas_profile).count() == 11
    assert queries() == one
