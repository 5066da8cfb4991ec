"""Oriëntatiegroepen (issue 15, "orientation with peers"): forming, members, sessions, first
names only, notifications and reminders, who may do what, the API and erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from journeys.models import Phase
from notifications.models import Kind, Notification
from orientatie import groepen
from orientatie.models import GroepSessie, Orientatiegroep
from profiles.services import account_erase

from .factories import UserFactory, make_traject

pytestmark = pytest.mark.django_db


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def bram(carla, amsterdam):
    person = UserFactory(email="bram@example.nl", full_name="Bram de Vries", home_region=amsterdam)
    return make_traject(overstapper=person, coach=carla, region=amsterdam, phase=Phase.ORIENTATIE)


@pytest.fixture
def group(carla, annas_traject, bram):
    return groepen.group_create(
        by=carla, name="Zorg verkennen", member_ids=[annas_traject.pk, bram.pk]
    )


def _plan(group, by, *, hours=72, place="Bibliotheek Oost", online_url=""):
    start = timezone.now() + timedelta(hours=hours)
    return groepen.session_plan(
        group=group,
        by=by,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place=place,
        online_url=online_url,
    )


def test_coach_forms_a_group_from_own_orienting_participants(as_user, carla, annas_traject, bram):
    client = as_user(carla)
    page = client.get("/orientatie/groepen/").content.decode()
    assert "Anna Overstapper" in page and "Bram de Vries" in page
    response = client.post(
        "/orientatie/groepen/",
        {"name": "Techniek proeven", "members": [annas_traject.pk, bram.pk]},
    )
    assert response.status_code == 302
    group = Orientatiegroep.objects.get()
    assert set(group.members.all()) == {annas_traject, bram}
    # Both are told they were added (inbox and e-mail).
    assert Notification.objects.filter(title__contains="toegevoegd").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bram@example.nl"]
    detail = client.get(response["Location"]).content.decode()
    assert "Techniek proeven" in detail and "Anna Overstapper" in detail


def test_only_people_still_orienting_and_own_can_be_added(as_user, carla, chris, amsterdam):
    ahead = make_traject(
        overstapper=UserFactory(full_name="Petra Profiel"),
        coach=carla,
        region=amsterdam,
        phase=Phase.PROFIEL,
    )
    other = make_traject(overstapper=UserFactory(full_name="Olaf Ander"), coach=chris)
    page = as_user(carla).get("/orientatie/groepen/").content.decode()
    assert "Petra Profiel" not in page and "Olaf Ander" not in page
    for traject in (ahead, other):
        with pytest.raises(Exception) as excinfo:
            groepen.group_create(by=carla, name="X", member_ids=[traject.pk])
        assert "nog oriënteren" in str(excinfo.value)
    response = as_user(carla).post("/orientatie/groepen/", {"name": "X", "members": [other.pk]})
    assert response.status_code == 400
    assert not Orientatiegroep.objects.exists()


def test_members_see_each_others_first_names_only(as_user, anna, group):
    _plan(group, group.owner)
    page = as_user(anna).get("/orientatie/mijn-orientatie/").content.decode()
    assert "Zorg verkennen" in page
    assert "Bram" in page and "de Vries" not in page
    assert "Bibliotheek Oost" in page
    api = as_user(anna).get("/api/v1/me/orientatiegroepen/").json()
    assert api["count"] == 1
    row = api["results"][0]
    assert row["first_names"] == ["Bram"]
    assert "de Vries" not in str(api)
    assert row["upcoming"][0]["place"] == "Bibliotheek Oost"


def test_a_participant_not_in_a_group_is_told_so_truthfully(as_user, otto):
    page = as_user(otto).get("/orientatie/mijn-orientatie/").content.decode()
    assert "Je zit nog niet in een oriëntatiegroep." in page
    assert "<title>Mijn oriëntatie · Loopbrug</title>" in page  # the group text is not in it
    assert as_user(otto).get("/api/v1/me/orientatiegroepen/").json()["count"] == 0


def test_with_nobody_to_add_the_form_says_where_it_looked(as_user, chris, lars):
    # chris has no participants; the loket's region has nobody who let the loket see them.
    coach_page = as_user(chris).get("/orientatie/groepen/").content.decode()
    assert "geen deelnemers in je caseload die nog oriënteren" in coach_page
    assert "in je regio die" not in coach_page
    loket_page = as_user(lars).get("/orientatie/groepen/").content.decode()
    assert "geen deelnemers in je regio die nog oriënteren en het loket" in loket_page
    assert "in je caseload die" not in loket_page


def test_planning_a_session_tells_every_member_and_reminds_once(as_user, carla, group, anna):
    mail.outbox.clear()
    client = as_user(carla)
    start = timezone.now() + timedelta(hours=20)
    response = client.post(
        f"/orientatie/groepen/{group.pk}/bijeenkomsten/",
        {
            "starts_at": _local(start),
            "ends_at": _local(start + timedelta(hours=2)),
            "online_url": "https://meet.example.nl/groep",
        },
    )
    assert response.status_code == 302
    planned = Notification.objects.filter(recipient=anna, kind=Kind.AFSPRAAK, ics__gt="")
    assert planned.filter(title__contains="gepland").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bram@example.nl"]
    mail.outbox.clear()
    assert groepen.send_session_reminders() == 2
    assert groepen.send_session_reminders() == 0  # once
    reminder = Notification.objects.get(recipient=anna, kind=Kind.HERINNERING)
    assert "Zorg verkennen" in reminder.title and "https://meet.example.nl/groep" in reminder.body
    assert len(mail.outbox) == 2


def test_a_session_far_ahead_is_not_reminded_yet(carla, group):
    _plan(group, carla, hours=72)
    assert groepen.send_session_reminders() == 0
    assert GroepSessie.objects.get().reminded_at is None


@pytest.mark.parametrize(
    "change, message",
    [
        ({"starts_at": -2}, "Plan een bijeenkomst in de toekomst."),
        ({"ends_at": -1}, "Een bijeenkomst eindigt na het begin."),
        ({"place": ""}, "Geef een plaats of een link voor online deelname."),
    ],
)
def test_a_bad_session_is_refused_with_a_message(as_user, carla, group, change, message):
    start = timezone.now() + timedelta(days=3 if change.get("starts_at", 0) >= 0 else -2)
    end = start + timedelta(hours=-1 if change.get("ends_at", 0) < 0 else 2)
    data = {"starts_at": _local(start), "ends_at": _local(end), "place": change.get("place", "Hal")}
    response = as_user(carla).post(f"/orientatie/groepen/{group.pk}/bijeenkomsten/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GroepSessie.objects.exists()


def test_planning_with_htmx_swaps_the_session_panel(as_user, carla, group):
    start = timezone.now() + timedelta(days=4)
    response = as_user(carla).post(
        f"/orientatie/groepen/{group.pk}/bijeenkomsten/",
        {"starts_at": _local(start), "ends_at": _local(start + timedelta(hours=1)), "place": "Hal"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="sessies",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="sessies"' in body and "<html" not in body and "Hal" in body


def test_removing_a_member_tells_that_member(as_user, carla, group, annas_traject, bram, anna):
    Notification.objects.all().delete()
    response = as_user(carla).post(
        f"/orientatie/groepen/{group.pk}/", {"name": group.name, "members": [bram.pk]}
    )
    assert response.status_code == 302
    assert list(group.members.all()) == [bram]
    told = Notification.objects.get()
    assert told.recipient == anna and "niet meer" in told.title


def test_others_cannot_see_or_change_a_group(as_user, group, chris, anna, lars, wim):
    for user in (chris, lars):
        assert as_user(user).get(f"/orientatie/groepen/{group.pk}/").status_code == 404
        assert as_user(user).get(f"/api/v1/orientatiegroepen/{group.pk}/").status_code == 404
        assert (
            as_user(user)
            .patch(
                f"/api/v1/orientatiegroepen/{group.pk}/",
                {"name": "Weg"},
                content_type="application/json",
            )
            .status_code
            == 404
        )
    for user in (anna, wim):
        assert as_user(user).get("/orientatie/groepen/").status_code == 403
        assert as_user(user).get("/api/v1/orientatiegroepen/").status_code == 403
    assert as_user(wim).get("/api/v1/me/orientatiegroepen/").status_code == 403
    group.refresh_from_db()
    assert group.name == "Zorg verkennen"


def test_loket_forms_a_group_for_its_region_with_consenting_people(as_user, lars, anna, otto):
    waiting = make_traject(overstapper=anna)  # no coach yet, aanmelding
    elsewhere = make_traject(overstapper=otto, region=otto.home_region)
    client = as_user(lars)
    assert "Anna Overstapper" not in client.get("/orientatie/groepen/").content.decode()
    anna.intake_consent_at = otto.intake_consent_at = timezone.now()
    anna.save()
    otto.save()
    page = client.get("/orientatie/groepen/").content.decode()
    assert "Anna Overstapper" in page and "Otto Overstapper" not in page
    response = client.post(
        "/api/v1/orientatiegroepen/",
        {"name": "Open oriëntatie", "member_ids": [elsewhere.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "message" in response.json()
    response = client.post(
        "/api/v1/orientatiegroepen/",
        {"name": "Open oriëntatie", "member_ids": [waiting.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["region"] == lars.organisation.region_id


def test_the_api_lists_creates_patches_and_plans(as_user, carla, chris, annas_traject, bram):
    client = as_user(carla)
    created = client.post(
        "/api/v1/orientatiegroepen/",
        {"name": "ICT verkennen", "member_ids": [annas_traject.pk]},
        content_type="application/json",
    )
    assert created.status_code == 201
    group_id = created.json()["id"]
    listing = client.get("/api/v1/orientatiegroepen/").json()
    assert listing["count"] == 1 and listing["results"][0]["name"] == "ICT verkennen"
    patched = client.patch(
        f"/api/v1/orientatiegroepen/{group_id}/",
        {"member_ids": [annas_traject.pk, bram.pk]},
        content_type="application/json",
    )
    assert patched.status_code == 200 and len(patched.json()["members"]) == 2
    start = timezone.now() + timedelta(days=5)
    planned = client.post(
        f"/api/v1/orientatiegroepen/{group_id}/sessions/",
        {
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "place": "Wijkcentrum",
        },
        content_type="application/json",
    )
    assert planned.status_code == 201
    sessions = client.get(f"/api/v1/orientatiegroepen/{group_id}/sessions/").json()
    assert sessions["count"] == 1 and sessions["results"][0]["place"] == "Wijkcentrum"
    bad = client.post(
        f"/api/v1/orientatiegroepen/{group_id}/sessions/",
        {"starts_at": start.isoformat(), "ends_at": start.isoformat(), "place": "X"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "message" in bad.json()
    assert GroepSessie.objects.count() == 1
    other = as_user(chris).get(f"/api/v1/orientatiegroepen/{group_id}/sessions/")
    assert other.status_code == 404


def test_the_endpoints_are_in_the_schema(as_user, carla):
    schema = as_user(carla).get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/orientatiegroepen/",
        "/api/v1/orientatiegroepen/{id}/",
        "/api/v1/orientatiegroepen/{id}/sessions/",
        "/api/v1/me/orientatiegroepen/",
    ):
        assert path in schema


def test_attendance_is_marked_for_members_of_a_session_that_began(carla, group, bram):
    session = _plan(group, carla)
    with pytest.raises(Exception, match="pas vanaf het begin"):
        groepen.session_attendance(session=session, by=carla, present_ids=[bram.pk])
    GroepSessie.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    session.refresh_from_db()
    groepen.session_attendance(session=session, by=carla, present_ids=[bram.pk])
    assert list(session.present.all()) == [bram]


def test_erasure_removes_the_membership(group, anna, annas_traject, bram, carla):
    session = _plan(group, carla)
    session.present.set([annas_traject])
    account_erase(user=anna)
    assert list(group.members.all()) == [bram]
    assert not session.present.exists()


def test_the_group_list_has_a_fixed_number_of_queries(
    as_user, carla, amsterdam, django_assert_max_num_queries
):
    for n in range(6):
        people = [
            make_traject(
                overstapper=UserFactory(full_name=f"Deelnemer {n}{i}"),
                coach=carla,
                region=amsterdam,
            )
            for i in range(3)
        ]
        group = groepen.group_create(by=carla, name=f"Groep {n}", member_ids=[t.pk for t in people])
        _plan(group, carla)
    client = as_user(carla)
    with django_assert_max_num_queries(20):
        assert client.get("/orientatie/groepen/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/api/v1/orientatiegroepen/").json()["count"] == 6


def test_only_the_members_own_coach_gets_a_link_to_their_traject(
    as_user, carla, chris, amsterdam, group, annas_traject, bram
):
    # Chris coaches a third member; in Carla's group only Carla's own people are links for her.
    person = UserFactory(email="cor@example.nl", full_name="Cor Jansen", home_region=amsterdam)
    cors = make_traject(overstapper=person, coach=chris, region=amsterdam, phase=Phase.ORIENTATIE)
    group.members.add(cors)
    page = as_user(carla).get(f"/orientatie/groepen/{group.pk}/").content.decode()
    assert f'href="/trajecten/{annas_traject.pk}/">Anna Overstapper</a>' in page
    assert f'href="/trajecten/{bram.pk}/">Bram de Vries</a>' in page
    assert "Cor Jansen" in page and f'href="/trajecten/{cors.pk}/"' not in page
