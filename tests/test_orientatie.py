"""Oriëntatie (issue 15): events with sessions, a public agenda and sign-up without an account,
the waiting list, signed cancel links, reminders, attendance by the organiser only, privacy of
confidential sign-ups, sign-up limits, linking to a later account, the report's conversion
figures, the beroepen-verkenner with the shortlist, and the regional catalogue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, Role
from journeys.models import Traject
from orientatie import selectors, services
from orientatie.models import Event, Registration, ShortlistItem
from orientatie.ratelimit import signup_reset
from orientatie.tokens import cancel_token
from taxonomy.models import Skill

from .factories import (
    BeroepFactory,
    OrganisationFactory,
    SkillFactory,
    TrajectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _at(days: float, hour: int = 19):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def publish(by, *, capacity=20, days=14, **fields) -> Event:
    kwargs = {
        "kind": Event.Kind.INFORMATIEBIJEENKOMST,
        "title": "Zij-instroom in het onderwijs",
        "sectors": ["onderwijs"],
        "sessions": [(_at(days), _at(days) + timedelta(hours=2))],
        "capacity": capacity,
        "place": "Stadhuis, Amstel 1, Amsterdam",
    } | fields
    return services.event_create(by=by, **kwargs)


def sign_up(event, name="Jitske Jansen", email="jitske@example.nl", **fields):
    return services.registration_create(event=event, name=name, email=email, **fields)


def _cancel_url(message) -> str:
    return re.search(r"https?://\S+/orientatie/annuleren/\S+/", message.body).group(0)


# --- publishing --------------------------------------------------------------------------


def test_loket_publishes_an_event_that_the_agenda_shows_without_names(lars, client):
    event = publish(lars)
    sign_up(event)
    page = client.get("/orientatie/agenda/").content.decode()
    assert "Zij-instroom in het onderwijs" in page and "Nog 19 plaatsen vrij" in page
    assert "Jitske" not in page and "jitske@example.nl" not in page
    detail = client.get(f"/orientatie/bijeenkomsten/{event.pk}/").content.decode()
    assert "Jitske" not in detail and "Nog 19 plaatsen vrij" in detail


def test_the_agenda_filters_per_region_sector_and_kind(lars, client, limburg):
    event = publish(lars)
    assert (
        client.get(f"/orientatie/agenda/?region={event.region_id}")
        .content.decode()
        .count("Zij-instroom")
    )
    assert (
        "Zij-instroom"
        not in client.get(f"/orientatie/agenda/?region={limburg.pk}").content.decode()
    )
    assert "Zij-instroom" not in client.get("/orientatie/agenda/?sector=zorg").content.decode()
    assert "Zij-instroom" in client.get("/orientatie/agenda/?sector=onderwijs").content.decode()
    assert "Zij-instroom" not in client.get("/orientatie/agenda/?kind=bootcamp").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sessions": [(_at(-1), _at(-1) + timedelta(hours=2))]}, "in het verleden"),
        ({"capacity": 0}, "minstens 1 plaats"),
        ({"sessions": [(_at(5), _at(5) - timedelta(hours=1))]}, "eindigen na het begin"),
        ({"sessions": []}, "minstens één sessie"),
        ({"place": "", "online_url": ""}, "plaats of een link"),
        ({"online_url": "javascript:alert(1)"}, "geldige link"),
        ({"kind": Event.Kind.MEELOOPDAG}, "werkgever"),
    ],
)
def test_bad_event_input_is_refused_and_changes_nothing(lars, fields, message):
    with pytest.raises(ValidationError) as error:
        publish(lars, **fields)
    assert message in " ".join(error.value.messages)
    assert not Event.objects.exists()


def test_an_overstapper_cannot_publish(anna):
    with pytest.raises(PermissionDenied):
        publish(anna)


def test_publishing_on_the_page_with_an_expeditie_of_two_sessions(as_user, olga):
    client = as_user(olga)
    first, second = _at(10), _at(17)
    response = client.post(
        "/orientatie/mijn-bijeenkomsten/",
        {
            "kind": "expeditie",
            "title": "Expeditie Leerkracht",
            "sectors": ["onderwijs"],
            "region": olga.organisation.region_id,
            "place": "Hogeschool",
            "capacity": 12,
            "confidential_ok": "on",
            "start_1": first.strftime("%Y-%m-%dT%H:%M"),
            "end_1": (first + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "start_2": second.strftime("%Y-%m-%dT%H:%M"),
            "end_2": (second + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.sessions.count() == 2 and event.organisation == olga.organisation
    response = client.post(
        "/orientatie/mijn-bijeenkomsten/",
        {"kind": "bootcamp", "title": "Oud", "sectors": ["ict"], "capacity": 0},
    )
    assert response.status_code == 400 and Event.objects.count() == 1
    assert "minstens 1 plaats" in response.content.decode()


# --- signing up, waiting list, cancelling --------------------------------------------------


def test_anonymous_sign_up_gets_a_confirmation_with_an_ics(lars, client):
    event = publish(lars)
    response = client.post(
        f"/orientatie/bijeenkomsten/{event.pk}/",
        {"name": "Jitske Jansen", "email": "Jitske@Example.nl"},
        follow=True,
    )
    assert "Je bent aangemeld" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.email == "jitske@example.nl"
    assert registration.status == Registration.Status.CONFIRMED
    (message,) = mail.outbox
    assert message.to == ["jitske@example.nl"] and "Je bent aangemeld" in message.subject
    name, ics, kind = message.attachments[0]
    assert name == "bijeenkomst.ics" and kind.startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Zij-instroom in het onderwijs" in ics
    assert "\r\n" in ics and "/orientatie/annuleren/" in message.body


def test_signing_up_twice_with_the_same_address_is_refused(lars, client):
    event = publish(lars)
    sign_up(event)
    response = client.post(
        f"/orientatie/bijeenkomsten/{event.pk}/",
        {"name": "Jitske", "email": "JITSKE@example.nl "},
    )
    assert response.status_code == 400
    assert "al aangemeld" in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_full_event_puts_you_on_the_waiting_list_and_says_so(lars, client):
    event = publish(lars, capacity=1)
    sign_up(event)
    response = client.post(
        f"/orientatie/bijeenkomsten/{event.pk}/",
        {"name": "Kees", "email": "kees@example.nl"},
        follow=True,
    )
    assert "Je staat op de wachtlijst (plaats 1)" in response.content.decode()
    assert Registration.objects.get(email="kees@example.nl").status == "wachtlijst"
    assert "Wachtlijst" in mail.outbox[-1].subject


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list(lars, client):
    event = publish(lars, capacity=1)
    first = sign_up(event)
    second = sign_up(event, name="Kees", email="kees@example.nl")
    sign_up(event, name="Lies", email="lies@example.nl")
    url = _cancel_url(mail.outbox[0])
    page = client.get(url)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and "Ja, meld me af" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "aangemeld"
    mail.outbox.clear()

    response = client.post(url)
    assert response.status_code == 200 and "Je bent afgemeld" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "geannuleerd"
    assert second.status == "aangemeld" and second.promoted_at is not None
    told = [m for m in mail.outbox if m.to == ["kees@example.nl"]]
    assert told and "plek vrij" in told[0].subject and told[0].attachments
    assert Registration.objects.get(email="lies@example.nl").status == "wachtlijst"


def test_a_reused_or_tampered_cancel_link_changes_nothing(lars, client):
    event = publish(lars, capacity=1)
    first = sign_up(event)
    waiting = sign_up(event, name="Kees", email="kees@example.nl")
    token = cancel_token(first)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    response = client.post(f"/orientatie/annuleren/{tampered}/")
    assert response.status_code == 400 and "klopt niet" in response.content.decode()
    forged = cancel_token(Registration(pk=waiting.pk, nonce="geraden"))
    assert client.post(f"/orientatie/annuleren/{forged}/").status_code == 400
    assert client.post(f"/orientatie/annuleren/{token}/").status_code == 200
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    response = client.post(f"/orientatie/annuleren/{token}/")
    assert response.status_code == 400 and "maar één keer" in response.content.decode()
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == statuses


def test_sign_up_closes_once_the_event_began(lars, client):
    event = publish(lars)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    response = client.post(
        f"/orientatie/bijeenkomsten/{event.pk}/", {"name": "Te laat", "email": "laat@example.nl"}
    )
    assert response.status_code == 400 and "Aanmelden kan niet meer" in response.content.decode()
    with pytest.raises(ValidationError):
        sign_up(Event.objects.get(pk=event.pk))
    assert not Registration.objects.exists()


def test_sign_up_is_limited_per_address_and_per_ip(lars, settings):
    settings.ORIENTATIE_SIGNUP_LIMITS = {"email": 2, "ip": 3, "window": 60}
    signup_reset(email="veel@example.nl", ip="10.9.8.7")
    signup_reset(email="ander@example.nl", ip="10.9.8.7")
    event = publish(lars)
    client = Client(REMOTE_ADDR="10.9.8.7")
    url = f"/orientatie/bijeenkomsten/{event.pk}/"
    for _ in range(2):
        client.post(url, {"name": "", "email": "veel@example.nl"})
    response = client.post(url, {"name": "Veel", "email": "veel@example.nl"})
    assert response.status_code == 429 and "Te veel aanmeldingen" in response.content.decode()
    response = client.post(url, {"name": "Ander", "email": "ander@example.nl"})
    assert response.status_code == 429  # the fourth from this address
    assert not Registration.objects.exists()
    api = Client(REMOTE_ADDR="10.9.8.7").post(
        f"/api/v1/events/{event.pk}/registrations/",
        {"name": "Ander", "email": "ander@example.nl"},
        content_type="application/json",
    )
    assert api.status_code == 429 and api.json()["message"].startswith("Te veel")
    signup_reset(email="veel@example.nl", ip="10.9.8.7")
    signup_reset(email="ander@example.nl", ip="10.9.8.7")


def test_the_reminder_goes_out_once_the_day_before(lars):
    tomorrow = publish(lars, days=1)
    later = publish(lars, days=5, title="Later")
    sign_up(tomorrow)
    sign_up(later)
    mail.outbox.clear()
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    (message,) = mail.outbox
    assert message.subject.startswith("Morgen") and "Zij-instroom" in message.subject
    from orientatie.tasks import reminders

    assert reminders.delay().get() == 0


# --- attendance and privacy ----------------------------------------------------------------


def test_the_organiser_marks_attendance_and_sees_who_came(lars, as_user):
    event = publish(lars)
    jitske = sign_up(event)
    kees = sign_up(event, name="Kees Klaassen", email="kees@example.nl")
    client = as_user(lars)
    url = f"/orientatie/mijn-bijeenkomsten/{event.pk}/"
    response = client.post(url, {"present": [jitske.pk]})
    assert response.status_code == 400 and "vanaf de dag" in response.content.decode()
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    response = client.post(url, {"present": [jitske.pk]})
    assert response.status_code == 302
    jitske.refresh_from_db()
    kees.refresh_from_db()
    assert jitske.attended is True and kees.attended is False
    page = client.get(url).content.decode()
    assert "Jitske Jansen" in page and "1 aanwezig" in page


def test_another_organiser_can_neither_see_nor_mark_attendance(lars, wim, as_user):
    event = publish(lars)
    jitske = sign_up(event)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    client = as_user(wim)
    url = f"/orientatie/mijn-bijeenkomsten/{event.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"present": [jitske.pk]}).status_code == 404
    with pytest.raises(PermissionDenied, match="niet een bijeenkomst van jouw organisatie"):
        services.attendance_mark(event=event, by=wim, marks={jitske.pk: True})
    api = client.post(
        f"/api/v1/events/{event.pk}/attendance/",
        {"marks": [{"registration": jitske.pk, "attended": True}]},
        content_type="application/json",
    )
    assert api.status_code == 404 and api.json()["message"] == "Niet gevonden."
    jitske.refresh_from_db()
    assert jitske.attended is None


def test_a_confidential_sign_up_is_never_shown_to_the_current_employer(wim, as_user):
    event = publish(wim, kind=Event.Kind.MEELOOPDAG, title="Meelopen in de zorg", sectors=["zorg"])
    sign_up(
        event,
        name="Geheime Gerda",
        email="gerda@example.nl",
        confidential=True,
        employer=wim.organisation,
    )
    sign_up(event, name="Open Olaf", email="olaf@example.nl")
    page = as_user(wim).get(f"/orientatie/mijn-bijeenkomsten/{event.pk}/").content.decode()
    assert "Open Olaf" in page and "Geheime Gerda" not in page
    assert "vertrouwelijk aan en wordt jouw organisatie niet getoond" in page
    names = [r.name for r in selectors.attendees_for(event=event, viewer=wim)]
    assert names == ["Open Olaf"]


def test_confidential_sign_up_where_the_event_does_not_allow_it(lars):
    event = publish(lars, confidential_ok=False)
    with pytest.raises(ValidationError, match="niet vertrouwelijk"):
        sign_up(event, confidential=True)
    assert not Registration.objects.exists()


# --- API -----------------------------------------------------------------------------------


def test_api_agenda_is_public_paginated_and_without_names(lars, client):
    event = publish(lars)
    sign_up(event)
    body = client.get("/api/v1/events/?sector=onderwijs").json()
    assert body["count"] == 1 and body["results"][0]["places_left"] == 19
    assert "Jitske" not in str(body)
    assert client.get("/api/v1/events/?date_from=0001-01-01").status_code == 400


def test_api_publish_sign_up_cancel_and_attendance(lars, as_user, client):
    organiser = as_user(lars)
    start = _at(20)
    response = organiser.post(
        "/api/v1/events/",
        {
            "kind": "bootcamp",
            "title": "Bootcamp ICT",
            "sectors": ["ict"],
            "online_url": "https://meet.example.nl/bootcamp",
            "capacity": 1,
            "sessions": [
                {
                    "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(hours=4)).isoformat(),
                }
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    bad = organiser.patch(f"/api/v1/events/{pk}/", {"capacity": 0}, content_type="application/json")
    assert bad.status_code == 400
    url = f"/api/v1/events/{pk}/registrations/"
    first = client.post(
        url, {"name": "Ali", "email": "ali@example.nl"}, content_type="application/json"
    )
    assert first.status_code == 201 and first.json()["status"] == "aangemeld"
    second = client.post(
        url, {"name": "Bo", "email": "bo@example.nl"}, content_type="application/json"
    )
    assert second.json() == {
        "status": "wachtlijst",
        "waiting_position": 1,
        "message": "De bijeenkomst is vol: je staat op de wachtlijst.",
    }
    twice = client.post(
        url, {"name": "Ali", "email": "ali@example.nl"}, content_type="application/json"
    )
    assert twice.status_code == 400 and "al aangemeld" in twice.json()["message"]
    token = cancel_token(Registration.objects.get(email="ali@example.nl"))
    assert client.delete(f"/api/v1/events/{pk}/registrations/{token}/").status_code == 204
    again = client.delete(f"/api/v1/events/{pk}/registrations/{token}/")
    assert again.status_code == 400 and "maar één keer" in again.json()["message"]
    assert Registration.objects.get(email="bo@example.nl").status == "aangemeld"
    Event.objects.filter(pk=pk).update(starts_at=timezone.now() - timedelta(hours=1))
    bo = Registration.objects.get(email="bo@example.nl")
    marked = organiser.post(
        f"/api/v1/events/{pk}/attendance/",
        {"marks": [{"registration": bo.pk, "attended": True}]},
        content_type="application/json",
    )
    assert marked.status_code == 200 and marked.json()[0]["attended"] is True


# --- conversion ----------------------------------------------------------------------------


def _confirm_link() -> str:
    return re.search(r"https?://\S+/bevestigen/\S+", mail.outbox[-1].body).group(0)


def test_an_attendee_who_later_signs_up_is_linked_with_consent(lars, client, amsterdam):
    event = publish(lars)
    with_consent = sign_up(event, link_consent=True)
    other = publish(lars, title="Tweede avond", days=20)
    without = sign_up(other)
    client.post(
        "/account/aanmelden/",
        {
            "full_name": "Jitske Jansen",
            "email": "jitske@example.nl",
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
        },
    )
    with_consent.refresh_from_db()
    assert with_consent.user is None  # not before the address is confirmed
    link = mail.outbox[-1].body
    path = re.search(r"/account/\S+", link).group(0)
    client.get(path)
    with_consent.refresh_from_db()
    without.refresh_from_db()
    assert with_consent.user is not None and with_consent.user.email == "jitske@example.nl"
    assert without.user is None
    # Without consent at sign-up, the person can still link it on their own page.
    client.force_login(with_consent.user)
    page = client.get("/orientatie/mijn-orientatie/").content.decode()
    assert "Koppel aan mijn account: Tweede avond" in page
    client.post(f"/orientatie/aanmeldingen/{without.pk}/koppelen/")
    without.refresh_from_db()
    assert without.user_id == with_consent.user_id


def test_the_report_shows_sign_ups_attendance_and_trajecten_per_event_and_kind(lars, amsterdam):
    from reports.selectors import orientatie as report_orientatie

    event = publish(lars)
    people = []
    for n in range(6):
        registration = sign_up(
            event, name=f"Persoon {n}", email=f"p{n}@example.nl", link_consent=True
        )
        people.append(registration)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(days=2))
    event.refresh_from_db()
    services.attendance_mark(event=event, by=lars, marks={r.pk: True for r in people[:5]})
    for registration in people[:5]:
        user = UserFactory(
            email=registration.email, role=Role.OVERSTAPPER, email_confirmed_at=timezone.now()
        )
        user.save(update_fields=["email_confirmed_at"])
        TrajectFactory(overstapper=user, region=amsterdam)
    start = timezone.now() - timedelta(days=30)
    tables = report_orientatie(
        region=amsterdam, start=start, end=timezone.now() + timedelta(days=1)
    )
    per_kind, per_event = tables
    row = next(r for r in per_kind["rows"] if r[0] == "Informatiebijeenkomst")
    assert row[1:] == [1, 6, 5, 5]
    assert per_event["rows"][0][-3:] == [6, 5, 5]
    # One fewer traject: 4 is a small cell and is hidden.
    Traject.objects.filter(overstapper__email="p0@example.nl").delete()
    per_kind, per_event = report_orientatie(
        region=amsterdam, start=start, end=timezone.now() + timedelta(days=1)
    )
    assert per_event["rows"][0][-1] == "<5"


# --- beroepen-verkenner --------------------------------------------------------------------


@pytest.fixture(name="leraar")
def leraar_fixture(db):
    plannen = SkillFactory(code="test:plannen", label_nl="Lessen plannen")
    uitleggen = SkillFactory(code="test:uitleggen", label_nl="Uitleggen", kind="soft")
    return BeroepFactory(
        code="test:leraar",
        label_nl="Leraar basisonderwijs",
        sector="onderwijs",
        skills=[plannen, uitleggen],
    )


def test_the_verkenner_shows_an_overstapper_the_skills_brought_and_to_learn(
    anna, as_user, client, leraar
):
    from profiles import services as profile_services

    profile = profile_services.profile_get_or_create(user=anna)
    profile_services.profile_skill_upsert(
        profile=profile,
        skill=Skill.objects.get(code="test:uitleggen"),
        level=4,
        evidence_type="zelf",
        evidence_note="",
    )
    public = client.get(f"/orientatie/beroepen/{leraar.pk}/").content.decode()
    assert "Lessen plannen" in public and "Skills die je meebrengt" not in public
    page = as_user(anna).get(f"/orientatie/beroepen/{leraar.pk}/").content.decode()
    brought = page.split("Skills die je meebrengt")[1].split("Skills om te leren")[0]
    to_learn = page.split("Skills om te leren")[1].split("</ul>")[0]
    assert "Uitleggen" in brought and "Lessen plannen" not in brought
    assert "Lessen plannen" in to_learn and "Uitleggen" not in to_learn
    fit = as_user(anna).get(f"/api/v1/beroepen/{leraar.pk}/").json()["fit"]
    assert [s["label"] for s in fit["brought"]] == ["Uitleggen"]
    assert [s["label"] for s in fit["to_learn"]] == ["Lessen plannen"]
    assert client.get(f"/api/v1/beroepen/{leraar.pk}/").json()["fit"] is None


def test_the_shortlist_is_saved_and_the_coach_sees_it(
    anna, carla, chris, annas_traject, as_user, leraar
):
    client = as_user(anna)
    assert client.post(f"/orientatie/beroepen/{leraar.pk}/shortlist/").status_code == 302
    assert (
        client.post(
            "/api/v1/profiles/me/shortlist/", {"beroep": leraar.pk}, content_type="application/json"
        ).status_code
        == 201
    )
    assert ShortlistItem.objects.filter(user=anna).count() == 1
    assert (
        client.get("/api/v1/profiles/me/shortlist/").json()["results"][0]["label"]
        == "Leraar basisonderwijs"
    )
    url = f"/orientatie/trajecten/{annas_traject.pk}/"
    assert "Leraar basisonderwijs" in as_user(carla).get(url).content.decode()
    assert as_user(chris).get(url).status_code == 404


# --- regional catalogue --------------------------------------------------------------------


def test_the_loket_keeps_the_regions_catalogue(lars, as_user, client, wim):
    from financing.models import Regeling

    Regeling.objects.get_or_create(name="STAP-budget", defaults={"issuer": "UWV"})
    loket = as_user(lars)
    response = loket.post(
        "/orientatie/initiatieven/",
        {
            "name": "Mobiliteitsteam Amsterdam",
            "kind": "mobiliteitsteam",
            "regelingen": ["STAP-budget"],
        },
    )
    assert response.status_code == 302
    assert "Mobiliteitsteam Amsterdam" in client.get("/orientatie/initiatieven/").content.decode()
    again = loket.post(
        "/orientatie/initiatieven/", {"name": "mobiliteitsteam amsterdam", "kind": "overig"}
    )
    assert again.status_code == 400 and "staat al in de catalogus" in again.content.decode()
    assert (
        as_user(wim).post("/orientatie/initiatieven/", {"name": "X", "kind": "overig"}).status_code
        == 403
    )
    assert client.get("/api/v1/initiatives/").json()["count"] == 1


def test_a_werkgever_outside_the_platform_can_be_left_out(lars):
    event = publish(lars)
    opleider = OrganisationFactory(name="School", kind=Organisation.Kind.OPLEIDER)
    with pytest.raises(ValidationError, match="vertrouwelijk"):
        sign_up(event, employer=opleider)
