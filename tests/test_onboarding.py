"""Superscholing, onboarding and nazorg: the route, the daily job, alerts, retention and who
sees what in the driehoek."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from journeys.models import Phase, PhaseChange
from journeys.services import traject_change_phase
from onboarding import selectors, services
from onboarding.models import Alert, CheckIn, Inschrijving, Leeruitkomst, Validation
from onboarding.tasks import daily

from .factories import SkillFactory, make_traject
from .onboarding_helpers import enrol, make_offer, working_traject

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 3, 10, 9, 0, tzinfo=AMS)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def offer(olga):
    return make_offer(olga, first=date(2027, 4, 1))


@pytest.fixture
def traject(anna, carla, amsterdam):
    return working_traject(anna, carla, amsterdam)


@pytest.fixture
def inschrijving(traject, offer, anna, wim):
    return enrol(traject=traject, lwt=offer, by=anna, werkgever=wim.organisation)


def _validate(olga, inschrijving, module_title):
    outcome = Leeruitkomst.objects.get(module__title=module_title)
    return services.validation_record(
        by=olga, inschrijving=inschrijving, leeruitkomst=outcome, method="assessment"
    )


# --- The route ---------------------------------------------------------------------------


def test_monthly_start_moments_are_generated(offer):
    assert [m.starts_on for m in offer.start_moments.all()] == [
        date(2027, 4, 1),
        date(2027, 5, 1),
        date(2027, 6, 1),
    ]


def test_two_validated_leeruitkomsten_remove_exactly_their_modules(olga, inschrijving):
    full = selectors.route_for(inschrijving)
    assert full.hours == 160
    _validate(olga, inschrijving, "Hygiëne")
    _validate(olga, inschrijving, "Dossier")
    route = selectors.route_for(inschrijving)
    assert [m.module.title for m in route.to_follow] == ["Zorg basis"]
    assert sorted(m.module.title for m in route.recognised) == ["Dossier", "Hygiëne"]
    assert route.hours == 80 and route.hours_saved == 80


def test_planned_end_follows_start_moment_and_module_hours(olga, inschrijving):
    # 160 hours at 8 hours a week: 20 weeks after 1 April 2027.
    assert selectors.route_for(inschrijving).planned_end == date(2027, 4, 1) + timedelta(weeks=20)
    _validate(olga, inschrijving, "Zorg basis")
    assert selectors.route_for(inschrijving).planned_end == date(2027, 4, 1) + timedelta(weeks=10)


def test_pausing_shifts_the_planned_end(olga, inschrijving):
    before = selectors.route_for(inschrijving).planned_end
    services.inschrijving_pause(by=olga, inschrijving=inschrijving, reason="Zwangerschap")
    with time_machine.travel(NOW + timedelta(days=21), tick=False):
        services.inschrijving_resume(by=olga, inschrijving=inschrijving)
    assert selectors.route_for(inschrijving).planned_end == before + timedelta(days=21)


def test_a_pause_on_a_finished_route_changes_nothing(olga, inschrijving):
    inschrijving.status = Inschrijving.Status.AFGEROND
    inschrijving.save()
    with pytest.raises(ValidationError, match="afgelopen"):
        services.inschrijving_pause(by=olga, inschrijving=inschrijving, reason="Ziek")
    inschrijving.refresh_from_db()
    assert inschrijving.paused_since is None


def test_enrolment_on_a_full_or_past_start_moment_is_refused(offer, traject, anna):
    moment = offer.start_moments.first()
    moment.places = 0
    moment.save()
    with pytest.raises(ValidationError, match="vol"):
        services.inschrijving_create(by=anna, traject=traject, start_moment=moment)
    moment.places = 5
    moment.starts_on = date(2027, 3, 1)
    moment.save()
    with pytest.raises(ValidationError, match="voorbij"):
        services.inschrijving_create(by=anna, traject=traject, start_moment=moment)
    assert not Inschrijving.objects.exists()


def test_only_the_opleider_validates(inschrijving, wim, carla, anna):
    outcome = Leeruitkomst.objects.first()
    for user in (wim, carla, anna):
        with pytest.raises(PermissionDenied):
            services.validation_record(
                by=user, inschrijving=inschrijving, leeruitkomst=outcome, method="assessment"
            )
    assert not Validation.objects.exists()


# --- Uploads -----------------------------------------------------------------------------


def test_bewijslast_must_be_a_pdf_or_image_and_small(olga, inschrijving, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    outcome = Leeruitkomst.objects.first()
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Alleen een PDF"):
        services.validation_record(
            by=olga,
            inschrijving=inschrijving,
            leeruitkomst=outcome,
            method="bewijslast",
            evidence=fake,
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="te groot"):
        services.validation_record(
            by=olga,
            inschrijving=inschrijving,
            leeruitkomst=outcome,
            method="bewijslast",
            evidence=big,
        )
    assert not Validation.objects.exists()
    good = SimpleUploadedFile("diploma.pdf", b"%PDF-1.4 certificaat")
    validation = services.validation_record(
        by=olga,
        inschrijving=inschrijving,
        leeruitkomst=outcome,
        method="bewijslast",
        evidence=good,
    )
    assert validation.evidence.path.startswith(str(tmp_path))
    assert validation.evidence.name.endswith(".pdf")


def test_bewijslast_is_served_only_to_the_driehoek_minus_the_werkgever(
    olga, inschrijving, settings, tmp_path, as_user, anna, wim, otto
):
    settings.MEDIA_ROOT = tmp_path
    validation = services.validation_record(
        by=olga,
        inschrijving=inschrijving,
        leeruitkomst=Leeruitkomst.objects.first(),
        method="bewijslast",
        evidence=SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n rest"),
    )
    url = f"/bewijslast/{validation.pk}/"
    assert as_user(olga).get(url).status_code == 200
    assert as_user(anna).get(url).status_code == 200
    assert as_user(wim).get(url).status_code == 404
    assert as_user(otto).get(url).status_code == 404


# --- The daily job -----------------------------------------------------------------------


def test_daily_job_twice_a_day_gives_one_checkin_and_one_mail(traject, ottos_traject, mailoutbox):
    daily.delay()
    daily.delay()
    assert CheckIn.objects.filter(traject=traject).count() == 1
    assert CheckIn.objects.count() == 1  # otto is not yet in a leerwerktraject
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@example.nl"]
    assert "/check-in/" in mailoutbox[0].body


def test_checkin_link_works_once_without_password(traject, mailoutbox, client):
    daily.delay()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/check-in/" in line)
    path = link[link.index("/check-in/") :]
    assert client.get(path).status_code == 200
    data = {"motivatie": 4, "betrokkenheid": 4, "team": 5, "uitdaging": 3, "comment": ""}
    response = client.post(path, data)
    assert response.status_code == 200 and "Bedankt" in response.content.decode()
    again = client.post(path, data | {"motivatie": 1})
    assert again.status_code == 400 and "al gebruikt" in again.content.decode()
    assert CheckIn.objects.get().motivatie == 4


def test_checkin_link_expires(traject, mailoutbox, client):
    daily.delay()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/check-in/" in line)
    with time_machine.travel(NOW + timedelta(days=15), tick=False):
        response = client.get(link[link.index("/check-in/") :])
    assert response.status_code == 400 and "verlopen" in response.content.decode()


def test_low_werkgeluk_raises_one_alert_for_the_right_coach(traject, carla, chris):
    daily.delay()
    checkin = CheckIn.objects.get()
    services.checkin_submit(
        checkin=checkin, scores={"motivatie": 2, "betrokkenheid": 4, "team": 4, "uitdaging": 4}
    )
    daily.delay()
    alert = Alert.objects.get()
    assert alert.kind == Alert.Kind.LOW_WERKGELUK and alert.coach == carla
    assert list(selectors.alerts_for_coach(coach=chris)) == []


def test_a_missed_checkin_raises_one_alert(traject, carla):
    daily.delay()
    later = NOW + timedelta(days=20)
    with time_machine.travel(later, tick=False):
        daily.delay()
        daily.delay()
    missed = Alert.objects.filter(kind=Alert.Kind.MISSED_CHECKIN)
    assert missed.count() == 1 and missed.get().coach == carla


def test_overdue_onboarding_items_and_a_stalled_route_raise_alerts(inschrijving, traject, wim):
    services.onboarding_plan_create(by=wim, traject=traject, starts_on=date(2027, 3, 1))
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=AMS), tick=False):
        daily.delay()
        daily.delay()
    kinds = list(Alert.objects.values_list("kind", flat=True))
    assert kinds.count(Alert.Kind.STALLED_ROUTE) == 1
    assert kinds.count(Alert.Kind.OVERDUE_ITEM) >= 5


# --- Retention ---------------------------------------------------------------------------


def _history(traject, *moves):
    PhaseChange.objects.filter(traject=traject).delete()
    for to_phase, at in moves:
        PhaseChange.objects.create(traject=traject, to_phase=to_phase, at=at)


def test_retention_at_100_days_6_and_12_months(anna, carla, amsterdam):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
    start = datetime(2026, 1, 5, 10, tzinfo=AMS)
    _history(traject, (Phase.LEERWERKTRAJECT, start))
    statuses = [r["status"] for r in selectors.retention_for(traject=traject, on=date(2026, 8, 1))]
    assert statuses == ["behouden", "behouden", "nog_niet"]
    _history(
        traject,
        (Phase.LEERWERKTRAJECT, start),
        (Phase.UITGEVALLEN, start + timedelta(days=150)),
    )
    statuses = [r["status"] for r in selectors.retention_for(traject=traject, on=date(2027, 2, 1))]
    assert statuses == ["behouden", "uitgevallen", "uitgevallen"]


def test_coach_registers_uitval_with_phase_and_reason(traject, carla, as_user):
    response = as_user(carla).post(
        f"/begeleiding/{traject.pk}/", {"outcome": "uitval", "reason": "", "text": ""}
    )
    assert response.status_code == 400 and "Kies een reden" in response.content.decode()
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
    response = as_user(carla).post(
        f"/begeleiding/{traject.pk}/",
        {"outcome": "uitval", "reason": "opleiding", "text": "Te zwaar"},
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.phase == Phase.UITGEVALLEN
    assert traject.uitval.phase == Phase.LEERWERKTRAJECT and traject.uitval.reason == "opleiding"


def test_coach_registers_a_successful_landing(traject, carla):
    for phase in (Phase.ONBOARDING, Phase.NAZORG):
        traject_change_phase(traject=traject, to_phase=phase, by=carla, reason="verder")
    services.traject_close(by=carla, traject=traject, outcome="landing")
    assert traject.phase == Phase.AFGEROND


# --- Permissions across the driehoek -----------------------------------------------------


def test_schoolbegeleider_and_werkbegeleider_see_the_route_not_the_financing(
    inschrijving, traject, olga, wim, otto, as_user
):
    url = f"/leerroutes/{inschrijving.pk}/"
    for user in (olga, wim):
        client = as_user(user)
        assert client.get(url).status_code == 200
        assert client.get(f"/trajecten/{traject.pk}/financiering/").status_code in (403, 404)
    assert as_user(otto).get(url).status_code == 404


def test_werkgever_never_sees_a_hidden_hulplijn_question(
    inschrijving, traject, anna, wim, carla, as_user
):
    as_user(anna).post(
        "/mijn-leerroute/hulplijn/",
        {
            "to": "coach",
            "question": "Mijn leidinggevende zit me dwars",
            "hide_from_werkgever": "on",
        },
    )
    as_user(anna).post(
        "/mijn-leerroute/hulplijn/", {"to": "coach", "question": "Wanneer is de toets?"}
    )
    page = as_user(wim).get(f"/onboarding/{traject.pk}/").content.decode()
    assert "Wanneer is de toets?" in page
    assert "zit me dwars" not in page
    assert "zit me dwars" in as_user(carla).get(f"/begeleiding/{traject.pk}/").content.decode()


def test_werkgever_ticks_off_onboarding_items_with_htmx(inschrijving, traject, wim, otto, as_user):
    client = as_user(wim)
    assert client.post(f"/onboarding/{traject.pk}/", {"starts_on": "2027-03-01"}).status_code == 302
    item = traject.onboarding_plan.items.first()
    response = client.post(
        f"/onboarding/acties/{item.pk}/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="plan-items"
    )
    assert response.status_code == 200 and 'id="plan-items"' in response.content.decode()
    item.refresh_from_db()
    assert item.done_at is not None
    assert as_user(otto).post(f"/onboarding/acties/{item.pk}/").status_code == 403


def test_pages_render_for_each_role(inschrijving, traject, olga, anna, wim, carla, as_user, offer):
    assert as_user(olga).get("/superscholing/").status_code == 200
    assert as_user(olga).get(f"/superscholing/{offer.pk}/").status_code == 200
    assert as_user(anna).get("/mijn-leerroute/").status_code == 200
    assert as_user(anna).get("/superscholing/").status_code == 200
    assert as_user(wim).get("/onboarding/").status_code == 200
    assert as_user(carla).get("/signalen/").status_code == 200
    assert as_user(carla).get(f"/begeleiding/{traject.pk}/").status_code == 200
    assert as_user(anna).get(f"/superscholing/{offer.pk}/").status_code == 403


def test_overstapper_enrols_on_a_start_moment_in_the_browser_flow(offer, traject, anna, as_user):
    client = as_user(anna)
    page = client.get("/superscholing/").content.decode()
    assert "Inschrijven voor 1 april 2027" in page
    moment = offer.start_moments.first()
    response = client.post("/superscholing/inschrijven/", {"start_moment": moment.pk})
    assert response.status_code == 302 and response.url == "/mijn-leerroute/"
    again = client.post("/superscholing/inschrijven/", {"start_moment": moment.pk}, follow=True)
    assert "al ingeschreven" in again.content.decode()
    assert Inschrijving.objects.count() == 1


def test_a_checkin_without_all_scores_is_refused_with_a_message(traject, anna, as_user):
    daily.delay()
    response = as_user(anna).post("/mijn-leerroute/check-in/", {"motivatie": "3"})
    assert response.status_code == 400
    assert "Kies een score van 1 tot en met 5." in response.content.decode()
    assert CheckIn.objects.get().filled_at is None


def test_still_to_learn_skills_link_to_modules_that_teach_them(offer):
    from django.template.loader import render_to_string

    from matching.selectors import Explanation

    skill = SkillFactory(code="t:hygiene", label_nl="Hygiënisch werken")
    Leeruitkomst.objects.filter(module__title="Hygiëne").update(skill=skill)
    html = render_to_string(
        "matching/explanation.html",
        {"ex": Explanation(missing_essential=["Hygiënisch werken"]), "vacature": None},
    )
    assert "Hier kun je het leren:" in html
    assert "Hygiëne bij Hogeschool (40 uur, ongeveer 5 weken extra)" in html


def test_admission_is_on_the_profile_not_a_diploma(olga, anna, carla, amsterdam):
    from profiles.services import profile_get_or_create, profile_save_niveau, profile_skill_upsert
    from taxonomy.models import Skill

    lwt = make_offer(olga, first=date.today() + timedelta(days=20))
    skill = Skill.objects.get(label_nl="Plannen en organiseren")
    lwt.required_niveau = "mbo3"
    lwt.save()
    lwt.required_skills.set([skill])
    traject = working_traject(anna, carla, amsterdam)
    with pytest.raises(ValidationError, match="Plannen en organiseren") as error:
        enrol(traject=traject, lwt=lwt, by=carla)
    assert "mbo 3" in str(error.value)
    assert not traject.inschrijvingen.exists()
    profile = profile_get_or_create(user=anna)
    profile_save_niveau(profile=profile, niveau="mbo4", basis="informeel", evidence="Teamleider")
    profile_skill_upsert(profile=profile, skill=skill, level=3)
    assert enrol(traject=traject, lwt=lwt, by=carla).start_moment.leerwerktraject == lwt


def test_over_long_text_is_refused_not_cut_short(olga, inschrijving, traject):
    """No service shortens what a person typed without saying so (issue 18)."""
    with pytest.raises(ValidationError, match="hooguit 300 tekens"):
        services.inschrijving_pause(by=olga, inschrijving=inschrijving, reason="x" * 301)
    inschrijving.refresh_from_db()
    assert inschrijving.status != "gepauzeerd" and inschrijving.pause_reason == ""
    daily.delay()
    checkin = CheckIn.objects.get()
    scores = {"motivatie": 4, "betrokkenheid": 4, "team": 4, "uitdaging": 4}
    with pytest.raises(ValidationError, match="hooguit 2000 tekens"):
        services.checkin_submit(checkin=checkin, scores=scores, comment="y" * 2001)
    checkin.refresh_from_db()
    assert checkin.filled_at is None
