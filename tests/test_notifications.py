"""Notifications (issue 12): every hand-off tells the one who acts next, in the inbox and by
e-mail, once, and only after the change commits. The inbox, the header count, the preferences
and the API."""

from __future__ import annotations

import smtplib
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.db.transaction import on_commit as DJANGO_ON_COMMIT
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Organisation, Role
from accounts.tokens import email_confirmation_token
from journeys import intervisie, notes
from journeys.models import Phase
from journeys.services import traject_assign_coach
from matching import services as matching
from matching.models import Application
from notifications import ics, selectors
from notifications.models import KINDS_BY_ROLE, Kind, Notification, NotificationPreference
from notifications.services import notify, preferences_update
from notifications.tasks import send_notification_email
from onboarding import services as onboarding
from onboarding.models import CheckIn
from profiles.services import profile_get_or_create

from .factories import OrganisationFactory, UserFactory, VacatureFactory, make_traject

pytestmark = pytest.mark.django_db

S = Application.Status


# --- Helpers of this module ------------------------------------------------------------------


def inbox(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


def kinds_of(user) -> list[str]:
    return [n.kind for n in inbox(user)]


def mails_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def only_one(user, kind: str) -> Notification:
    """Exactly one notification of this kind in the user's inbox, and exactly one e-mail."""
    rows = [n for n in inbox(user) if n.kind == kind]
    assert len(rows) == 1, (user, kind, rows)
    sent = [m for m in mails_to(user) if m.subject == rows[0].title]
    assert len(sent) == 1, (user, kind, [m.subject for m in mails_to(user)])
    return rows[0]


def nothing_for(*users) -> None:
    for user in users:
        assert inbox(user) == [] and mails_to(user) == [], user


@pytest.fixture
def vacature(wim, amsterdam):
    return VacatureFactory(
        organisation=wim.organisation,
        title="Helpende zorg",
        region=amsterdam,
        hours_per_week=28,
        salary_min=Decimal("2300"),
        salary_max=Decimal("2800"),
        created_by=wim,
        published_at=None,
    )


@pytest.fixture
def application(anna, carla, amsterdam, vacature):
    """anna (coach carla) showed interest in wim's vacature; the mail of that is cleared."""
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    application = matching.application_show_interest(
        profile=profile_get_or_create(user=anna), vacature=vacature, by=anna
    )
    mail.outbox.clear()
    Notification.objects.all().delete()
    return application


def move(application, to_status, by, **extra):
    return matching.application_move(application=application, to_status=to_status, by=by, **extra)


def plan_meeloopdag(application, wim):
    return move(
        application,
        S.MEELOOPDAG,
        wim,
        meeloopdag_on=timezone.localdate() + timedelta(days=7),
        meeloopdag_days=2,
    )


@pytest.fixture
def working(anna, carla, amsterdam):
    """anna at work (nazorg runs), coached by carla."""
    return make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.NAZORG)


# --- Every kind: who gets it, inbox and e-mail, once --------------------------------------


def test_interest_tells_the_werkgever(anna, carla, wim, amsterdam, vacature):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    matching.application_show_interest(
        profile=profile_get_or_create(user=anna), vacature=vacature, by=anna
    )
    note = only_one(wim, Kind.INTERESSE)
    assert "Helpende zorg" in note.title
    assert note.link == f"/vacatures/{vacature.pk}/kandidaten/"
    nothing_for(anna, carla)


def test_a_planned_meeloopdag_tells_the_candidate_and_the_coach(application, anna, carla, wim):
    plan_meeloopdag(application, wim)
    for person in (anna, carla):
        note = only_one(person, Kind.MEELOOPDAG)
        assert "Zorggroep" in note.title and "2 dag" in note.body
    nothing_for(wim)


def test_a_contract_offer_tells_the_candidate(application, anna, carla, wim):
    plan_meeloopdag(application, wim)
    move(application, S.SELECTIE, wim)
    mail.outbox.clear()
    Notification.objects.all().delete()
    move(application, S.CONTRACT, wim, conditions="Diploma behaald vóór 1 september.")
    note = only_one(anna, Kind.CONTRACT_AANGEBODEN)
    assert note.link == f"/sollicitaties/{application.pk}/contract/"  # where to read and sign
    nothing_for(carla, wim)


def test_a_signed_contract_tells_the_werkgever_and_the_coach(application, anna, carla, wim):
    plan_meeloopdag(application, wim)
    move(application, S.SELECTIE, wim)
    move(application, S.CONTRACT, wim, conditions="Diploma behaald vóór 1 september.")
    mail.outbox.clear()
    Notification.objects.all().delete()
    move(application, S.GETEKEND, anna)
    assert only_one(wim, Kind.CONTRACT_GETEKEND).link.endswith("/kandidaten/")
    assert only_one(carla, Kind.CONTRACT_GETEKEND).link.startswith("/trajecten/")
    nothing_for(anna)


def test_a_planned_appointment_tells_the_participant_with_a_calendar_file(
    annas_traject, anna, carla
):
    starts = timezone.now() + timedelta(days=3)
    notes.appointment_add(
        traject=annas_traject, coach=carla, kind="gesprek", starts_at=starts, location="Kantoor"
    )
    note = only_one(anna, Kind.AFSPRAAK)
    assert "BEGIN:VEVENT" in note.ics
    (message,) = mails_to(anna)
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "DTSTART:" + starts.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in content
    nothing_for(carla)  # the coach planned it


def test_a_moved_or_cancelled_appointment_updates_the_calendar_entry(annas_traject, anna, carla):
    appointment = notes.appointment_add(
        traject=annas_traject,
        coach=carla,
        kind="gesprek",
        starts_at=timezone.now() + timedelta(days=3),
    )
    notes.appointment_announce(appointment=appointment, change=notes.MOVED)
    notes.appointment_announce(appointment=appointment, change=notes.CANCELLED)
    planned, moved, cancelled = sorted(inbox(anna), key=lambda n: n.pk)
    assert "verzet" in moved.title and "afgezegd" in cancelled.title
    uid = f"UID:afspraak-{appointment.pk}@loopbrug"
    assert uid in planned.ics and uid in moved.ics and uid in cancelled.ics
    assert "METHOD:CANCEL" in cancelled.ics and "METHOD:CANCEL" not in moved.ics
    assert len(mails_to(anna)) == 3


def test_an_appointment_recorded_afterwards_announces_nothing(annas_traject, anna, carla):
    notes.appointment_add(
        traject=annas_traject,
        coach=carla,
        kind="gesprek",
        starts_at=timezone.now() - timedelta(days=2),
    )
    nothing_for(anna, carla)


def test_a_planned_intervisie_meeting_tells_every_member(annas_traject, anna, carla, amsterdam):
    bram = UserFactory(email="bram@example.nl", home_region=amsterdam)
    brams = make_traject(overstapper=bram, coach=carla, region=amsterdam)
    group = intervisie.group_create(
        coach=carla, name="Dinsdag", member_ids=[annas_traject.pk, brams.pk]
    )
    intervisie.meeting_plan(
        group=group, by=carla, starts_at=timezone.now() + timedelta(days=5), location="Zaal 1"
    )
    for person in (anna, bram):
        note = only_one(person, Kind.INTERVISIE)
        assert "Dinsdag" in note.body and note.ics
        assert mails_to(person)[0].attachments
    nothing_for(carla)


def test_the_reminder_the_day_before_reaches_each_participant_once(annas_traject, anna, carla):
    notes.appointment_add(
        traject=annas_traject,
        coach=carla,
        kind="meeloopdag",
        starts_at=timezone.now() + timedelta(hours=20),
        location="Ziekenhuis",
    )
    assert notes.send_appointment_reminders() == 1
    assert notes.send_appointment_reminders() == 0
    note = only_one(anna, Kind.HERINNERING)
    assert "Meeloopdag" in note.title and "Ziekenhuis" in note.body and note.ics


def test_a_hulplijn_question_tells_the_coach(working, anna, carla, wim):
    onboarding.hulplijn_ask(
        by=anna, traject=working, question="Hoe nu verder?", to="coach", hide_from_werkgever=True
    )
    note = only_one(carla, Kind.HULPLIJN)
    # The question itself stays in Loopbrug; the e-mail only says there is one.
    assert "Hoe nu verder?" not in note.body + note.title
    assert "Hoe nu verder?" not in mails_to(carla)[0].body
    nothing_for(anna, wim)


def test_low_werkgeluk_tells_the_coach_once(working, anna, carla, chris):
    checkin = CheckIn.objects.create(traject=working, due_on=timezone.localdate().replace(day=1))
    onboarding.checkin_submit(
        checkin=checkin, scores={"motivatie": 1, "betrokkenheid": 4, "team": 4, "uitdaging": 4}
    )
    note = only_one(carla, Kind.SIGNAAL)
    assert "Laag werkgeluk" in note.title and "motivatie" not in note.body.lower()
    nothing_for(anna, chris)


def test_a_missed_checkin_tells_the_coach_once(working, anna, carla):
    checkin = CheckIn.objects.create(
        traject=working,
        due_on=timezone.localdate().replace(day=1),
        emailed_at=timezone.now() - timedelta(days=20),
    )
    onboarding.daily_run()
    onboarding.daily_run()
    note = only_one(carla, Kind.SIGNAAL)
    assert "Check-in gemist" in note.title
    assert checkin.pk


def test_a_new_sign_up_tells_the_intake_staff_of_the_region(amsterdam, carla, lars, limburg):
    other_loket = UserFactory(
        role=Role.LOKET,
        organisation=OrganisationFactory(
            name="Loket Zuid-Limburg", kind=Organisation.Kind.LOKET, region=limburg
        ),
    )
    newcomer = account_services.user_signup(
        email="nieuw@example.nl", full_name="Nina Nieuw", password="lang-genoeg-1", region=amsterdam
    )
    mail.outbox.clear()
    account_services.user_confirm_email(
        user=newcomer, token=email_confirmation_token.make_token(newcomer)
    )
    for person in (lars, carla):
        note = only_one(person, Kind.AANMELDING)
        assert "Nina" not in note.title + note.body  # no name: the intake list shows who
        assert note.link == "/aanmeldingen/"
    nothing_for(other_loket, newcomer)


def _waiting(overstapper, region):
    return make_traject(overstapper=overstapper, region=region)  # signed up alone: no coach


def test_a_claim_tells_the_overstapper_who_the_coach_is(anna, carla, amsterdam):
    traject = _waiting(anna, amsterdam)
    traject_assign_coach(traject=traject, coach=carla, by=carla)
    note = only_one(anna, Kind.COACH_GEKOPPELD)
    assert note.title == "Carla Coach is je coach" and note.link == "/"
    nothing_for(carla)  # she claimed it herself


def test_an_assignment_by_the_loket_tells_the_overstapper_and_the_coach(
    anna, carla, lars, amsterdam
):
    traject = _waiting(anna, amsterdam)
    traject_assign_coach(traject=traject, coach=carla, by=lars)
    only_one(anna, Kind.COACH_GEKOPPELD)
    assert only_one(carla, Kind.COACH_GEKOPPELD).link == f"/trajecten/{traject.pk}/"
    nothing_for(lars)


def test_a_refused_claim_tells_nobody(anna, carla, chris, amsterdam):
    traject = _waiting(anna, amsterdam)
    traject_assign_coach(traject=traject, coach=carla, by=carla)
    mail.outbox.clear()
    Notification.objects.all().delete()
    with pytest.raises(ValidationError):
        traject_assign_coach(traject=traject, coach=chris, by=chris)
    nothing_for(anna, carla, chris)


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_reaches_inbox_and_mail_once(kind, anna):
    notify(recipients=[anna, anna, None], kind=kind, title="Stap", body="Tekst", link="/")
    note = only_one(anna, kind)
    (message,) = mails_to(anna)
    assert str(Kind(kind).label) in message.body  # the e-mail names the step
    assert note.title == message.subject == "Stap"


def test_the_mail_has_an_absolute_link_and_the_step(settings, anna):
    settings.SITE_URL = "https://loopbrug.example"
    notify(recipients=[anna], kind=Kind.AFSPRAAK, title="Afspraak", body="", link="/meldingen/")
    body = mail.outbox[0].body
    assert "https://loopbrug.example/meldingen/" in body
    assert "Afspraak gepland, verzet of afgezegd" in body
    assert "https://loopbrug.example/meldingen/instellingen/" in body


def test_a_link_outside_the_site_is_refused(anna):
    for link in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            notify(recipients=[anna], kind=Kind.AFSPRAAK, title="x", body="", link=link)
    assert not Notification.objects.exists() and not mail.outbox


def test_an_inactive_account_gets_nothing(anna):
    anna.is_active = False
    anna.save(update_fields=["is_active"])
    assert notify(recipients=[anna], kind=Kind.AFSPRAAK, title="x", body="", link="/") == []
    nothing_for(anna)


# --- After commit only -----------------------------------------------------------------------


@pytest.fixture
def real_on_commit(monkeypatch):
    # tests/conftest.py runs on-commit work at once; these tests need Django's own behaviour.
    monkeypatch.setattr("django.db.transaction.on_commit", DJANGO_ON_COMMIT)


def test_a_rolled_back_change_sends_nothing(
    real_on_commit, django_capture_on_commit_callbacks, application, anna, wim
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                plan_meeloopdag(application, wim)
                assert len(inbox(anna)) == 1  # written inside the transaction ...
                raise RuntimeError("rolled back")
    assert callbacks == []  # ... and nothing was queued
    assert mail.outbox == [] and not Notification.objects.exists()


def test_the_mail_waits_for_the_commit(
    real_on_commit, django_capture_on_commit_callbacks, application, anna, carla, wim
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_meeloopdag(application, wim)
    assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mails_to(anna)) == 1 and len(mails_to(carla)) == 1


# --- Preferences ---------------------------------------------------------------------------


def test_switching_email_off_keeps_the_inbox(annas_traject, anna, carla):
    preferences_update(user=anna, email={Kind.AFSPRAAK: False})
    notes.appointment_add(
        traject=annas_traject,
        coach=carla,
        kind="gesprek",
        starts_at=timezone.now() + timedelta(days=3),
    )
    assert kinds_of(anna) == [Kind.AFSPRAAK]
    assert mails_to(anna) == []


def test_the_preferences_page_offers_the_kinds_of_the_role(as_user, anna, wim):
    page = as_user(wim).get("/meldingen/instellingen/").content.decode()
    assert "Interesse in een vacature" in page and "Herinnering" not in page
    client = as_user(anna)
    page = client.get("/meldingen/instellingen/").content.decode()
    assert "Herinnering de dag van tevoren" in page and "Interesse in een vacature" not in page
    assert 'for="id_email_0"' in page  # every checkbox has its label
    keep = [k for k in KINDS_BY_ROLE[Role.OVERSTAPPER] if k != Kind.HERINNERING]
    response = client.post("/meldingen/instellingen/", {"email": keep})
    assert response.status_code == 302
    off = NotificationPreference.objects.get(user=anna, email=False)
    assert off.kind == Kind.HERINNERING
    assert NotificationPreference.objects.filter(user=anna, email=True).count() == len(keep)


def test_unticking_every_box_switches_every_email_off(as_user, carla):
    assert as_user(carla).post("/meldingen/instellingen/", {}).status_code == 302
    assert NotificationPreference.objects.filter(user=carla, email=False).count() == len(
        KINDS_BY_ROLE[Role.COACH]
    )


def test_a_kind_of_another_role_is_refused_and_changes_nothing(as_user, anna):
    response = as_user(anna).post("/meldingen/instellingen/", {"email": ["interesse"]})
    assert response.status_code == 400
    assert "hoort niet bij jouw rol" in response.content.decode()
    assert not NotificationPreference.objects.exists()


# --- The inbox page ---------------------------------------------------------------------------


def _notes(user, n: int) -> list[Notification]:
    return [
        notify(recipients=[user], kind=Kind.AFSPRAAK, title=f"Melding {i}", body="", link="/")[0]
        for i in range(n)
    ]


def test_the_inbox_shows_newest_first_with_unread_marked(as_user, anna):
    first, second = _notes(anna, 2)
    Notification.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(hours=1), read_at=timezone.now()
    )
    page = as_user(anna).get("/meldingen/").content.decode()
    assert page.index("Melding 1") < page.index("Melding 0")
    assert page.count("lb-notification--unread") == 1
    assert 'aria-label="Meldingen, 1 ongelezen melding"' in page


def test_marking_read_without_javascript(as_user, anna):
    (note,) = _notes(anna, 1)
    response = as_user(anna).post(f"/meldingen/{note.pk}/gelezen/")
    assert response.status_code == 302 and response["Location"] == "/meldingen/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_marking_read_with_htmx_swaps_the_list_and_the_count(as_user, anna):
    first, _second = _notes(anna, 2)
    response = as_user(anna).post(
        f"/meldingen/{first.pk}/gelezen/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="meldingen"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.startswith('<div id="meldingen">')
    assert 'hx-swap-oob="true"' in html and "Meldingen, 1 ongelezen melding" in html
    assert selectors.unread_count(user=anna) == 1


def test_mark_all_read(as_user, anna):
    _notes(anna, 3)
    client = as_user(anna)
    response = client.post(
        "/meldingen/alles-gelezen/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="meldingen"
    )
    assert response.status_code == 200 and "ongelezen" not in response.content.decode()
    assert selectors.unread_count(user=anna) == 0
    assert client.post("/meldingen/alles-gelezen/").status_code == 302


def test_someone_elses_notification_cannot_be_marked_read(as_user, anna, otto):
    (note,) = _notes(otto, 1)
    assert as_user(anna).post(f"/meldingen/{note.pk}/gelezen/").status_code == 404
    response = as_user(anna).post(f"/api/v1/notifications/{note.pk}/read/")
    assert response.status_code == 404 and response.json()["message"] == "Niet gevonden."
    note.refresh_from_db()
    assert note.read_at is None
    assert "Melding 0" not in as_user(anna).get("/meldingen/").content.decode()


def test_the_header_count_is_one_cheap_query(as_user, anna, django_assert_max_num_queries):
    client = as_user(anna)
    client.get("/meldingen/instellingen/")  # warm the session
    with django_assert_max_num_queries(10) as few:
        client.get("/meldingen/instellingen/")
    _notes(anna, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/meldingen/instellingen/").content.decode()
    assert "Meldingen, 40 ongelezen meldingen" in page
    with django_assert_max_num_queries(len(few.captured_queries) + 3):
        page = client.get("/meldingen/").content.decode()  # a page of 25, not 40 queries
    assert page.count("lb-notification--unread") == 25


def test_no_count_for_anonymous_visitors(client):
    page = client.get("/account/inloggen/").content.decode()
    assert "meldingen-link" not in page


# --- A failing mail server -------------------------------------------------------------------


class FlakySMTP(LocmemBackend):
    """Refuses the first `failures` messages, as a mail server that is down for a while."""

    failures = 0

    def send_messages(self, messages):
        if FlakySMTP.failures > 0:
            FlakySMTP.failures -= 1
            raise smtplib.SMTPServerDisconnected("mail server down")
        return super().send_messages(messages)


def test_a_failing_mail_server_never_breaks_the_page(
    settings, monkeypatch, as_user, working, anna, carla
):
    settings.EMAIL_BACKEND = "tests.test_notifications.FlakySMTP"
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker and a worker, as in production
    FlakySMTP.failures = 2
    queued = []
    # As in production: the request only puts the task on the queue (no SMTP in the request).
    monkeypatch.setattr(
        send_notification_email, "apply_async", lambda args, **kw: queued.append(args)
    )
    response = as_user(anna).post("/mijn-leerroute/hulplijn/", {"to": "coach", "question": "Hulp"})
    assert response.status_code == 302
    note = Notification.objects.get(recipient=carla)
    assert queued == [[note.pk]] and mail.outbox == [] and note.emailed_at is None

    # The worker: the first two attempts meet the broken server and are retried (eagerly here,
    # so errors stay in the result as in a worker instead of reaching the test).
    from loopbrug.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    result = send_notification_email.apply(args=[note.pk])
    assert result.successful() and FlakySMTP.failures == 0
    assert len(mails_to(carla)) == 1
    note.refresh_from_db()
    assert note.emailed_at is not None
    # Running it again (a task may run twice) sends nothing twice.
    send_notification_email.apply(args=[note.pk])
    assert len(mails_to(carla)) == 1


def test_without_a_broker_a_failing_mail_server_is_logged_not_raised(
    settings, as_user, working, anna, carla
):
    # No REDIS_URL: tasks run inside the request; the question still arrives, in the inbox.
    settings.EMAIL_BACKEND = "tests.test_notifications.FlakySMTP"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    FlakySMTP.failures = 1
    response = as_user(anna).post("/mijn-leerroute/hulplijn/", {"to": "coach", "question": "Hulp"})
    assert response.status_code == 302
    note = Notification.objects.get(recipient=carla)
    assert note.emailed_at is None and mail.outbox == []


def test_the_mail_task_retries_smtp_errors_with_backoff():
    assert smtplib.SMTPException in send_notification_email.autoretry_for
    assert send_notification_email.retry_backoff and send_notification_email.max_retries >= 5


# --- The API -----------------------------------------------------------------------------------


def test_api_lists_my_notifications_paginated(as_user, anna, otto):
    _notes(anna, 3)
    _notes(otto, 1)
    data = as_user(anna).get("/api/v1/notifications/?limit=2").json()
    assert data["count"] == 3 and len(data["results"]) == 2
    assert data["results"][0]["title"] == "Melding 2"
    assert data["results"][0]["is_read"] is False and data["results"][0]["kind"] == "afspraak"


def test_api_marks_my_notification_read(as_user, anna):
    (note,) = _notes(anna, 1)
    response = as_user(anna).post(f"/api/v1/notifications/{note.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True


def test_api_preferences(as_user, wim):
    client = as_user(wim)
    data = client.get("/api/v1/notifications/preferences/").json()
    assert [p["kind"] for p in data["preferences"]] == ["interesse", "contract_getekend"]
    assert all(p["email"] for p in data["preferences"])
    response = client.patch(
        "/api/v1/notifications/preferences/",
        {"preferences": [{"kind": "interesse", "email": False}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["preferences"][0] == {
        "kind": "interesse",
        "label": "Interesse in een vacature",
        "email": False,
    }
    refused = client.patch(
        "/api/v1/notifications/preferences/",
        {"preferences": [{"kind": "herinnering", "email": False}]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "hoort niet bij jouw rol" in refused.json()["message"]
    assert NotificationPreference.objects.filter(user=wim).count() == 1


def test_the_api_is_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/notifications/",
        "/api/v1/notifications/{id}/read/",
        "/api/v1/notifications/preferences/",
    ):
        assert path + ":" in schema


# --- The calendar file -------------------------------------------------------------------------


def test_the_calendar_file_escapes_and_folds():
    starts = timezone.now() + timedelta(days=1)
    text = ics.calendar_event(
        uid="afspraak-1@loopbrug",
        starts_at=starts,
        summary="Gesprek; met, koffie",
        location="Kantoor " + "x" * 120,
    )
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Gesprek\\; met\\, koffie" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cancelled = ics.calendar_event(
        uid="afspraak-1@loopbrug", starts_at=starts, summary="x", cancelled=True
    )
    assert "METHOD:CANCEL" in cancelled and "STATUS:CANCELLED" in cancelled
