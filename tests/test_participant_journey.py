"""The participant sees their own journey (issue 12): shared notes, appointments with an .ics,
intervisie with first names only, the buddy, every pipeline step and the phases (never a
reason staff typed), newest first; the coach moves and cancels appointments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from journeys import intervisie, notes
from journeys.models import Appointment, Phase, PhaseChange, Traject
from matching.models import ApplicationEvent, Vacature
from notifications.models import Notification

from .factories import (
    ApplicationFactory,
    ProfileFactory,
    UserFactory,
    VacatureFactory,
    make_traject,
)

pytestmark = pytest.mark.django_db


def _at(days: int) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


@pytest.fixture
def journey(anna, carla, wim, annas_traject):
    """Anna's traject with something of every kind on it."""
    traject = annas_traject
    notes.note_add(traject=traject, author=carla, text="Gedeeld: mooi gesprek", shared=True)
    notes.note_add(traject=traject, author=carla, text="PRIVE twijfel", shared=False)
    appointment = notes.appointment_add(
        traject=traject,
        coach=carla,
        kind=Appointment.Kind.GESPREK,
        starts_at=timezone.now() + timedelta(days=7),
        location="Kantoor",
    )
    bert = make_traject(overstapper=UserFactory(full_name="Bert Achternaamgeheim"), coach=carla)
    group = intervisie.group_create(
        coach=carla, name="Vrijdaggroep", member_ids=[traject.pk, bert.pk]
    )
    intervisie.meeting_plan(
        group=group, by=carla, starts_at=timezone.now() + timedelta(days=10), location="Zaal 1"
    )
    intervisie.buddy_link(traject=traject, by=carla, name="Barbara Buddy")
    PhaseChange.objects.create(
        traject=traject,
        from_phase=Phase.AANMELDING,
        to_phase=Phase.PROFIEL,
        by=carla,
        reason="Demo: INTERNE REDEN",
    )
    PhaseChange.objects.create(
        traject=traject,
        from_phase=Phase.PROFIEL,
        to_phase=Phase.MATCH,
        reason="profiel compleet",
    )
    vacature = VacatureFactory(
        organisation=wim.organisation,
        title="Verpleegkundige",
        sector="zorg",
        region=traject.region,
        status=Vacature.Status.CONCEPT,
    )
    application = ApplicationFactory(
        profile=ProfileFactory(user=anna),
        vacature=vacature,
        meeloopdag_on=timezone.localdate() + timedelta(days=3),
    )
    for n, status in enumerate(["interesse", "meeloopdag", "contract", "getekend"]):
        ApplicationEvent.objects.create(
            application=application,
            to_status=status,
            at=timezone.now() - timedelta(hours=10 - n),
            note="WERKGEVER-NOTITIE",
        )
    return {"traject": traject, "appointment": appointment, "group": group}


def test_the_participant_sees_their_journey_on_the_timeline_page_and_start_page(
    as_user, anna, journey
):
    client = as_user(anna)
    page = client.get("/mijn-tijdlijn/").content.decode()
    for text in (
        "Gedeeld: mooi gesprek",
        "Coachingsgesprek",
        "Kantoor",
        "Vrijdaggroep met Bert",
        "Barbara Buddy",
        "Interesse getoond",
        "Meeloopdag gepland",
        "Voorwaardelijk contract aangeboden",
        "Contract getekend",
        "profiel compleet",
        f"/afspraken/{journey['appointment'].pk}/agenda.ics",
    ):
        assert text in page, text
    for secret in ("PRIVE twijfel", "INTERNE REDEN", "Achternaamgeheim", "WERKGEVER-NOTITIE"):
        assert secret not in page, secret
    # Newest first: the pipeline steps in reverse order.
    assert page.index("Contract getekend") < page.index("Interesse getoond")

    home = client.get("/").content.decode()
    assert "Nieuw in mijn traject" in home and "/mijn-tijdlijn/" in home
    assert "PRIVE twijfel" not in home and "INTERNE REDEN" not in home


def test_the_timeline_api_is_the_overstappers_own_and_paginated(as_user, anna, carla, journey):
    client = as_user(anna)
    body = client.get("/api/v1/me/timeline/?limit=3").json()
    assert body["count"] > 10 and len(body["results"]) == 3 and body["next"]
    everything = client.get("/api/v1/me/timeline/?limit=200").json()["results"]
    texts = " ".join(e["text"] for e in everything)
    assert "Gedeeld: mooi gesprek" in texts and "PRIVE" not in texts and "INTERNE" not in texts
    ats = [e["at"] for e in everything]
    assert ats == sorted(ats, reverse=True)
    assert any(e["appointment_id"] == journey["appointment"].pk for e in everything)
    assert client.get("/api/v1/me/timeline/?limit=0").status_code == 400
    assert as_user(carla).get("/api/v1/me/timeline/").status_code == 403
    assert as_user(carla).get("/mijn-tijdlijn/").status_code == 403


def test_ics_download_for_participant_group_member_and_coach_only(
    as_user, anna, carla, chris, otto, journey
):
    appointment = journey["appointment"]
    response = as_user(anna).get(f"/afspraken/{appointment.pk}/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and f"UID:afspraak-{appointment.pk}@loopbrug" in body
    assert as_user(carla).get(f"/afspraken/{appointment.pk}/agenda.ics").status_code == 200
    assert as_user(chris).get(f"/afspraken/{appointment.pk}/agenda.ics").status_code == 404
    assert as_user(otto).get(f"/afspraken/{appointment.pk}/agenda.ics").status_code == 404
    meeting = journey["group"].meetings.first()
    assert as_user(anna).get(f"/afspraken/{meeting.pk}/agenda.ics").status_code == 200
    assert as_user(otto).get(f"/afspraken/{meeting.pk}/agenda.ics").status_code == 404


def test_coach_moves_and_cancels_an_appointment_and_the_participant_is_told(
    as_user, anna, carla, journey
):
    traject, appointment = journey["traject"], journey["appointment"]
    client = as_user(carla)
    page = client.get(f"/trajecten/{traject.pk}/").content.decode()
    assert "Afspraak verzetten" in page and "Afspraak afzeggen" in page
    prefix = f"afspraak-{appointment.pk}"
    Notification.objects.all().delete()
    response = client.post(
        f"/trajecten/{traject.pk}/afspraken/{appointment.pk}/verzetten/",
        {f"{prefix}-starts_at": _at(14), f"{prefix}-location": "Bibliotheek"},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.location == "Bibliotheek" and appointment.reminded_at is None
    assert timezone.localtime(appointment.starts_at).date() == (
        timezone.localdate() + timedelta(days=14)
    )
    told = Notification.objects.get(recipient=anna)
    assert "verzet" in told.title and "METHOD:PUBLISH" in told.ics

    response = client.post(f"/trajecten/{traject.pk}/afspraken/{appointment.pk}/afzeggen/")
    assert response.status_code == 302
    assert not Appointment.objects.filter(pk=appointment.pk).exists()
    cancelled = Notification.objects.filter(recipient=anna).latest("pk")
    assert "afgezegd" in cancelled.title and "STATUS:CANCELLED" in cancelled.ics


@pytest.mark.parametrize("days", [-400, 800, 365 * 100])
def test_moving_far_away_is_a_form_error_and_changes_nothing(as_user, carla, journey, days):
    traject, appointment = journey["traject"], journey["appointment"]
    before = appointment.starts_at
    prefix = f"afspraak-{appointment.pk}"
    response = as_user(carla).post(
        f"/trajecten/{traject.pk}/afspraken/{appointment.pk}/verzetten/",
        {f"{prefix}-starts_at": _at(days), f"{prefix}-location": ""},
    )
    assert response.status_code == 400
    assert (
        "Kies een moment vanaf een jaar geleden tot twee jaar vooruit." in response.content.decode()
    )
    appointment.refresh_from_db()
    assert appointment.starts_at == before

    api = as_user(carla).patch(
        f"/api/v1/trajecten/{traject.pk}/appointments/{appointment.pk}/",
        {"starts_at": (timezone.now() + timedelta(days=days)).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 400 and "twee jaar vooruit" in api.json()["message"]
    appointment.refresh_from_db()
    assert appointment.starts_at == before


def test_a_garbled_date_is_a_form_error(as_user, carla, journey):
    traject, appointment = journey["traject"], journey["appointment"]
    prefix = f"afspraak-{appointment.pk}"
    response = as_user(carla).post(
        f"/trajecten/{traject.pk}/afspraken/{appointment.pk}/verzetten/",
        {f"{prefix}-starts_at": "99999-01-01T10:00"},
    )
    assert response.status_code == 400


def test_someone_elses_appointment_is_not_found_and_nothing_changes(
    as_user, carla, chris, anna, ottos_traject, journey
):
    traject, appointment = journey["traject"], journey["appointment"]
    other = notes.appointment_add(
        traject=ottos_traject,
        coach=ottos_traject.coach,
        kind="gesprek",
        starts_at=timezone.now() + timedelta(days=5),
    )
    client = as_user(carla)
    # carla's traject in the URL, someone else's appointment: 404.
    url = f"/trajecten/{traject.pk}/afspraken/{other.pk}"
    assert client.post(f"{url}/afzeggen/").status_code == 404
    assert client.post(f"{url}/verzetten/", {}).status_code == 404
    api = f"/api/v1/trajecten/{traject.pk}/appointments/{other.pk}/"
    assert client.delete(api).status_code == 404
    assert (
        client.patch(
            api, {"starts_at": timezone.now().isoformat()}, content_type="application/json"
        ).status_code
        == 404
    )
    # Another coach, and the participant herself, cannot change anna's appointment.
    mine = f"/api/v1/trajecten/{traject.pk}/appointments/{appointment.pk}/"
    assert as_user(chris).delete(mine).status_code == 404
    assert as_user(anna).delete(mine).status_code == 403
    assert Appointment.objects.filter(pk__in=[other.pk, appointment.pk]).count() == 2


def test_api_moves_and_cancels(as_user, carla, journey):
    traject, appointment = journey["traject"], journey["appointment"]
    url = f"/api/v1/trajecten/{traject.pk}/appointments/{appointment.pk}/"
    client = as_user(carla)
    moved = client.patch(
        url,
        {"starts_at": (timezone.now() + timedelta(days=20)).isoformat(), "location": "Online"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["location"] == "Online"
    assert client.delete(url).status_code == 204
    assert not Traject.objects.get(pk=traject.pk).appointments.exists()
