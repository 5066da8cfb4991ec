"""The coach workspace: attention first, filters, timeline, notes, appointments, API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from journeys import notes
from journeys.models import Appointment, Note, Phase, Traject
from onboarding.models import Alert
from workspace import selectors as workspace

from .factories import (
    ApplicationFactory,
    ProfileFactory,
    UserFactory,
    VacatureFactory,
    make_traject,
)

pytestmark = pytest.mark.django_db


def _alert(traject, kind, key="1"):
    return Alert.objects.create(
        traject=traject, coach=traject.coach, kind=kind, key=key, message=f"Signaal {kind}"
    )


def test_dashboard_puts_attention_first(as_user, carla, amsterdam, annas_traject):
    calm = make_traject(overstapper=UserFactory(full_name="Rustige Ruud"), coach=carla)
    stalled = make_traject(overstapper=UserFactory(full_name="Stille Sam"), coach=carla)
    Traject.objects.filter(pk=stalled.pk).update(phase_since=timezone.now() - timedelta(days=30))
    _alert(annas_traject, Alert.Kind.LOW_WERKGELUK)
    _alert(annas_traject, Alert.Kind.MISSED_CHECKIN)

    rows = workspace.caseload_rows(trajecten=Traject.objects.filter(coach=carla))
    assert [r.traject.pk for r in rows] == [annas_traject.pk, stalled.pk, calm.pk]
    assert rows[0].attention == [
        workspace.Attention.LOW_WERKGELUK,
        workspace.Attention.MISSED_CHECKIN,
    ]
    assert rows[1].attention == [workspace.Attention.STALLED]
    assert rows[2].attention == []

    page = as_user(carla).get("/caseload/?attention=stilstand").content.decode()
    assert "Stille Sam" in page and "Rustige Ruud" not in page and "Te lang in deze fase" in page
    page = as_user(carla).get("/caseload/").content.decode()
    assert page.index("Anna Overstapper") < page.index("Stille Sam") < page.index("Rustige Ruud")
    assert "Laag werkgeluk" in page


def test_onderzoek_over_five_weeks_and_overdue_items(carla, annas_traject, wim):
    from matching.models import Application, Vacature
    from onboarding.models import OnboardingItem, OnboardingPlan

    ApplicationFactory(
        profile=ProfileFactory(user=annas_traject.overstapper),
        vacature=VacatureFactory(
            organisation=wim.organisation,
            title="Verpleegkundige",
            region=annas_traject.region,
            status=Vacature.Status.CONCEPT,
        ),
        status=Application.Status.ONDERZOEK,
        onderzoek_started_at=timezone.now() - timedelta(weeks=6),
    )
    plan = OnboardingPlan.objects.create(
        traject=annas_traject, werkgever=wim.organisation, starts_on=timezone.localdate()
    )
    OnboardingItem.objects.create(
        plan=plan,
        title="Buddy",
        owner_role="werkgever",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    (row,) = workspace.caseload_rows(trajecten=Traject.objects.filter(coach=carla))
    assert workspace.Attention.ONDERZOEK in row.attention
    assert workspace.Attention.OVERDUE_ITEM in row.attention


def test_caseload_with_300_participants_has_a_fixed_query_count(
    as_user, carla, amsterdam, django_assert_max_num_queries
):
    overstappers = [
        UserFactory.build(full_name=f"P {n}", email=f"p{n}@example.nl") for n in range(300)
    ]
    from accounts.models import User

    User.objects.bulk_create(overstappers)
    trajecten = Traject.objects.bulk_create(
        Traject(overstapper=u, coach=carla, region=amsterdam)
        for u in User.objects.filter(email__startswith="p")
    )
    Alert.objects.bulk_create(
        Alert(traject=t, coach=carla, kind=Alert.Kind.LOW_WERKGELUK, key="x", message="laag")
        for t in trajecten[:50]
    )
    client = as_user(carla)
    with django_assert_max_num_queries(12):
        response = client.get("/caseload/")
    assert response.content.decode().count("/trajecten/") >= 300


def test_notes_private_or_shared(as_user, carla, chris, anna, annas_traject):
    notes.note_add(traject=annas_traject, author=carla, text="Twijfelt over de zorg", shared=False)
    notes.note_add(traject=annas_traject, author=carla, text="Goed gesprek gehad", shared=True)
    coach_view = [
        e.text for e in workspace.participant_timeline(traject=annas_traject, viewer=carla)
    ]
    own_view = [e.text for e in workspace.participant_timeline(traject=annas_traject, viewer=anna)]
    assert "Twijfelt over de zorg" in coach_view and "Goed gesprek gehad" in coach_view
    assert "Twijfelt over de zorg" not in own_view and "Goed gesprek gehad" in own_view

    api = as_user(anna).get(f"/api/v1/trajecten/{annas_traject.pk}/notes/").json()["results"]
    assert [n["text"] for n in api] == ["Goed gesprek gehad"]
    refused = as_user(anna).post(
        f"/api/v1/trajecten/{annas_traject.pk}/notes/",
        {"text": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    # Another coach does not even see the traject.
    assert as_user(chris).get(f"/api/v1/trajecten/{annas_traject.pk}/timeline/").status_code == 404
    assert Note.objects.count() == 2


def test_coach_adds_a_note_and_resolves_an_alert_on_the_page(as_user, carla, annas_traject):
    alert = _alert(annas_traject, Alert.Kind.LOW_WERKGELUK)
    client = as_user(carla)
    page = client.get(f"/trajecten/{annas_traject.pk}/").content.decode()
    assert "Open signalen" in page and "Tijdlijn" in page
    response = client.post(
        f"/trajecten/{annas_traject.pk}/notities/", {"text": "Gebeld", "shared": "on"}
    )
    assert response.status_code == 302
    assert Note.objects.get().shared is True
    empty = client.post(f"/trajecten/{annas_traject.pk}/notities/", {"text": ""})
    assert empty.status_code == 400 and "Schrijf een notitie." in empty.content.decode()
    assert client.post(f"/signalen/{alert.pk}/afhandelen/").status_code == 302
    alert.refresh_from_db()
    assert alert.resolved_at is not None
    timeline = client.get(f"/api/v1/trajecten/{annas_traject.pk}/timeline/").json()["results"]
    kinds = {e["kind"] for e in timeline}
    assert {"fase", "notitie", "signaal"} <= kinds


def test_caseload_api_only_own_caseload(as_user, carla, annas_traject, ottos_traject, lars):
    rows = as_user(carla).get("/api/v1/caseload/").json()["results"]
    assert [r["id"] for r in rows] == [annas_traject.pk]
    assert as_user(lars).get("/api/v1/caseload/").status_code == 403
    assert as_user(carla).get("/api/v1/caseload/?phase=nope").status_code == 400


def test_appointments_and_reminders(as_user, carla, annas_traject):
    starts = timezone.now() + timedelta(hours=20)
    response = as_user(carla).post(
        f"/api/v1/trajecten/{annas_traject.pk}/appointments/",
        {"kind": "meeloopdag", "starts_at": starts.isoformat(), "location": "Ziekenhuis"},
        content_type="application/json",
    )
    assert response.status_code == 201
    # Planning announces the appointment (issue 12); the reminder is the second e-mail.
    assert len(mail.outbox) == 1 and "Afspraak gepland" in mail.outbox[0].subject
    mail.outbox.clear()
    assert notes.send_appointment_reminders() == 1
    assert notes.send_appointment_reminders() == 0
    assert len(mail.outbox) == 1 and "Meeloopdag" in mail.outbox[0].subject
    assert Appointment.objects.get().reminded_at is not None
    assert annas_traject.phase == Phase.AANMELDING


def test_financing_not_veilig_needs_attention(carla, annas_traject):
    from .financing_helpers import start_plan

    start_plan(annas_traject, carla, sector="zorg")
    (row,) = workspace.caseload_rows(trajecten=Traject.objects.filter(coach=carla))
    assert workspace.Attention.FINANCING in row.attention
    (row,) = workspace.caseload_rows(
        trajecten=Traject.objects.filter(coach=carla), attention=workspace.Attention.FINANCING
    )
    assert row.traject == annas_traject


def test_report_financing_figures(carla, annas_traject, amsterdam):
    from datetime import date

    from reports.selectors import compute_report

    from .financing_helpers import start_plan

    start_plan(annas_traject, carla, sector="zorg")
    today = timezone.localdate()
    result = compute_report(region=amsterdam, period_start=date(2020, 1, 1), period_end=today)
    table = next(t for t in result["tables"] if t["key"] == "financing")
    assert table["rows"][0] == ["Financieringsplannen", "<5"]
    assert table["rows"][1] == ["Financieel veilig", 0]
    assert table["rows"][2] == ["Niet (nog niet) veilig", "<5"]


def test_the_reminder_task_is_scheduled_and_sends_once(settings, as_user, carla, annas_traject):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from journeys import notes
    from journeys.tasks import appointment_reminders

    assert any(
        entry["task"] == "journeys.appointment_reminders"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    notes.appointment_add(
        traject=annas_traject,
        coach=carla,
        kind="gesprek",
        starts_at=timezone.now() + timedelta(hours=2),
        location="Loket",
    )
    mail.outbox.clear()  # the announcement of the appointment (issue 12)
    assert appointment_reminders.delay().get() == 1
    assert appointment_reminders.delay().get() == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("when", ["1999-05-01T10:00", "2099-05-01T10:00", "0001-01-01T00:00"])
def test_an_appointment_far_away_is_a_form_error_not_a_server_error(
    as_user, carla, annas_traject, when
):
    from journeys.models import Appointment

    response = as_user(carla).post(
        f"/trajecten/{annas_traject.pk}/afspraken/",
        {"kind": "gesprek", "starts_at": when, "location": "Kantoor"},
    )
    assert response.status_code == 400
    assert "Kies een moment vanaf een jaar geleden tot twee jaar vooruit." in (
        response.content.decode()
    )
    assert not Appointment.objects.exists()
