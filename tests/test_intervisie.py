"""Intervisiegroepen with their meetings, and a buddy linked to a participant: pages, API,
permissions, reminders, the timeline and erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from journeys import notes
from journeys.models import Appointment, Buddy, Intervisiegroep, Note
from profiles.services import account_erase
from workspace import selectors as workspace

from .factories import AppointmentFactory, NoteFactory, UserFactory, make_traject

pytestmark = pytest.mark.django_db


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def bram(carla, amsterdam):
    person = UserFactory(email="bram@example.nl", full_name="Bram Overstapper")
    return make_traject(overstapper=person, coach=carla, region=amsterdam)


def test_coach_creates_a_group_from_own_caseload(as_user, carla, annas_traject, bram):
    client = as_user(carla)
    page = client.get("/intervisie/").content.decode()
    assert "Anna Overstapper" in page and "Bram Overstapper" in page

    response = client.post(
        "/intervisie/",
        {"name": "Zorg-overstappers", "members": [annas_traject.pk, bram.pk]},
    )
    group = Intervisiegroep.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intervisie/{group.pk}/"
    assert set(group.members.all()) == {annas_traject, bram}
    assert "Zorg-overstappers" in client.get("/intervisie/").content.decode()


def test_someone_elses_participant_cannot_join(as_user, carla, annas_traject, ottos_traject):
    response = as_user(carla).post(
        "/intervisie/", {"name": "Groep", "members": [annas_traject.pk, ottos_traject.pk]}
    )
    assert response.status_code == 400
    assert "Kies alleen deelnemers uit de lijst." in response.content.decode()
    assert not Intervisiegroep.objects.exists()


def test_bad_group_input_changes_nothing(as_user, carla, annas_traject):
    client = as_user(carla)
    response = client.post("/intervisie/", {"name": "  ", "members": [annas_traject.pk]})
    assert response.status_code == 400 and "Geef de groep een naam." in response.content.decode()
    client.post("/intervisie/", {"name": "Dinsdag", "members": []})
    response = client.post("/intervisie/", {"name": "dinsdag"})
    assert "Je hebt al een groep met deze naam." in response.content.decode()
    assert Intervisiegroep.objects.count() == 1


def test_meetings_remind_every_member_once(as_user, carla, annas_traject, bram):
    group = Intervisiegroep.objects.create(coach=carla, name="Dinsdag")
    group.members.set([annas_traject, bram])
    client = as_user(carla)
    past = timezone.now() - timedelta(days=1)
    response = client.post(f"/intervisie/{group.pk}/bijeenkomsten/", {"starts_at": _local(past)})
    assert response.status_code == 400
    assert "Plan een bijeenkomst in de toekomst." in response.content.decode()
    assert not Appointment.objects.exists()

    soon = timezone.now() + timedelta(hours=20)
    response = client.post(
        f"/intervisie/{group.pk}/bijeenkomsten/",
        {"starts_at": _local(soon), "location": "Buurthuis De Pijp"},
    )
    assert response.status_code == 302
    meeting = Appointment.objects.get()
    assert meeting.group == group and meeting.kind == Appointment.Kind.INTERVISIE
    # Planning announces the meeting to every member (issue 12); then the reminders.
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bram@example.nl"]
    mail.outbox.clear()

    assert notes.send_appointment_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bram@example.nl"]
    assert "Buurthuis De Pijp" in mail.outbox[0].body
    assert notes.send_appointment_reminders() == 0  # once

    events = workspace.participant_timeline(traject=annas_traject, viewer=carla)
    assert any(e.kind == "intervisie" and "Dinsdag" in e.text for e in events)


def test_only_the_groups_coach_sees_it(as_user, carla, chris, anna, annas_traject, lars):
    group = Intervisiegroep.objects.create(coach=carla, name="Dinsdag")
    assert as_user(chris).get(f"/intervisie/{group.pk}/").status_code == 404
    assert as_user(chris).post(f"/intervisie/{group.pk}/verwijderen/").status_code == 404
    assert as_user(anna).get("/intervisie/").status_code == 403
    assert as_user(lars).get("/intervisie/").status_code == 403
    assert Intervisiegroep.objects.filter(pk=group.pk).exists()


def test_group_list_queries_do_not_grow(as_user, carla, django_assert_max_num_queries):
    client = as_user(carla)
    for i in range(10):
        members = [make_traject(overstapper=UserFactory(), coach=carla) for _ in range(3)]
        group = Intervisiegroep.objects.create(coach=carla, name=f"Groep {i}")
        group.members.set(members)
        AppointmentFactory(
            traject=None,
            group=group,
            coach=carla,
            kind=Appointment.Kind.INTERVISIE,
            starts_at=timezone.now() + timedelta(days=i + 1),
        )
    with django_assert_max_num_queries(14):
        response = client.get("/intervisie/")
    assert response.content.decode().count("/intervisie/") >= 10


def test_group_api(as_user, carla, chris, annas_traject, bram, ottos_traject):
    client = as_user(carla)
    response = client.post(
        "/api/v1/intervisiegroepen/",
        {"name": "Dinsdag", "member_ids": [annas_traject.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    group_id = response.json()["id"]
    assert [m["traject"] for m in response.json()["members"]] == [annas_traject.pk]

    response = client.patch(
        f"/api/v1/intervisiegroepen/{group_id}/",
        {"member_ids": [annas_traject.pk, ottos_traject.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "eigen caseload" in response.json()["message"] + str(response.json()["extra"])
    response = client.patch(
        f"/api/v1/intervisiegroepen/{group_id}/",
        {"member_ids": [annas_traject.pk, bram.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200 and len(response.json()["members"]) == 2

    when = (timezone.now() + timedelta(days=7)).isoformat()
    response = client.post(
        f"/api/v1/intervisiegroepen/{group_id}/meetings/",
        {"starts_at": when, "location": "Online"},
        content_type="application/json",
    )
    assert response.status_code == 201
    meetings = client.get(f"/api/v1/intervisiegroepen/{group_id}/meetings/").json()["results"]
    assert [m["location"] for m in meetings] == ["Online"]

    assert as_user(chris).get(f"/api/v1/intervisiegroepen/{group_id}/").status_code == 404
    assert as_user(chris).delete(f"/api/v1/intervisiegroepen/{group_id}/").status_code == 404
    assert client.delete(f"/api/v1/intervisiegroepen/{group_id}/").status_code == 204
    assert not Intervisiegroep.objects.exists()


def test_coach_links_a_buddy_the_participant_sees_it(as_user, carla, anna, annas_traject):
    client = as_user(carla)
    response = client.post(
        f"/trajecten/{annas_traject.pk}/buddy/", {"name": "Bea Buddy", "email": "geen-adres"}
    )
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in, of laat het leeg." in response.content.decode()
    assert not Buddy.objects.exists()

    response = client.post(
        f"/trajecten/{annas_traject.pk}/buddy/", {"name": "Bea Buddy", "email": "bea@zorg.nl"}
    )
    assert response.status_code == 302
    assert "Bea Buddy" in client.get(f"/trajecten/{annas_traject.pk}/").content.decode()
    assert "Je buddy:" in as_user(anna).get("/").content.decode()
    assert "bea@zorg.nl" in as_user(anna).get("/").content.decode()

    buddy = Buddy.objects.get()
    assert client.post(f"/buddys/{buddy.pk}/ontkoppelen/").status_code == 302
    assert not Buddy.objects.exists()


def test_buddy_only_by_the_participants_coach(as_user, chris, anna, annas_traject, wim):
    assert as_user(chris).post(
        f"/trajecten/{annas_traject.pk}/buddy/", {"name": "X"}
    ).status_code in (403, 404)
    assert (
        as_user(anna).post(f"/trajecten/{annas_traject.pk}/buddy/", {"name": "X"}).status_code
        == 403
    )
    response = as_user(chris).post(
        f"/api/v1/trajecten/{annas_traject.pk}/buddies/",
        {"name": "X"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert not Buddy.objects.exists()


def test_buddy_api(as_user, carla, anna, annas_traject):
    client = as_user(carla)
    response = client.post(
        f"/api/v1/trajecten/{annas_traject.pk}/buddies/",
        {"name": "Bea Buddy"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [
        b["name"]
        for b in as_user(anna)
        .get(f"/api/v1/trajecten/{annas_traject.pk}/buddies/")
        .json()["results"]
    ] == ["Bea Buddy"]
    assert client.delete(f"/api/v1/buddies/{response.json()['id']}/").status_code == 204


def test_erasure_removes_notes_buddy_and_membership(carla, anna, annas_traject):
    NoteFactory(traject=annas_traject, author=carla, text="Anna twijfelt nog")
    Buddy.objects.create(traject=annas_traject, name="Bea Buddy")
    group = Intervisiegroep.objects.create(coach=carla, name="Dinsdag")
    group.members.set([annas_traject])
    account_erase(user=anna)
    assert not Note.objects.exists() and not Buddy.objects.exists()
    assert group.members.count() == 0


def test_an_over_long_place_is_refused_not_cut_short(as_user, carla, annas_traject):
    group = Intervisiegroep.objects.create(coach=carla, name="Woensdag")
    group.members.set([annas_traject])
    soon = timezone.now() + timedelta(days=3)
    response = as_user(carla).post(
        f"/intervisie/{group.pk}/bijeenkomsten/", {"starts_at": _local(soon), "location": "z" * 201}
    )
    assert response.status_code == 400
    assert not Appointment.objects.exists()
