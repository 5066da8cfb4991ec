"""Nieuwe aanmeldingen (issue 12): someone who signs up alone reaches a coach, with consent,
without anyone opening the admin; the loket sees only this list of names, audited."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Organisation, Role, User
from journeys.models import Phase, Traject
from journeys.services import traject_assign_coach
from loopbrug.models import AuditEvent

from .conftest import verified_client
from .factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/account/aanmelden/"


def _sign_up(client, region, *, email="jitske@example.nl", consent=True) -> User:
    data = {
        "full_name": "Jitske Zelfmelder",
        "email": email,
        "region": region.pk,
        "password1": "een-lang-wachtwoord",
        "password2": "een-lang-wachtwoord",
    }
    if consent:
        data["intake_consent"] = "on"
    assert client.post(SIGNUP, data).status_code == 200
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    client.get(
        link.split("testserver")[-1]
        if "testserver" in link
        else re.sub(r"^https?://[^/]+", "", link)
    )
    return User.objects.get(email=email)


@pytest.fixture
def limburg_coach(limburg):
    org = OrganisationFactory(kind=Organisation.Kind.COACHBUREAU, region=limburg)
    return UserFactory(full_name="Lieke Limburg", role=Role.COACH, organisation=org)


def test_a_self_registered_person_lands_in_the_regions_intake_list(client, amsterdam, carla, lars):
    jitske = _sign_up(client, amsterdam)
    assert jitske.is_active and jitske.intake_consent_at is not None
    for staff in (carla, lars):
        body = verified_client(staff).get("/aanmeldingen/").content.decode()
        assert "Jitske Zelfmelder" in body and "jitske@example.nl" in body
        assert "0 dagen" in body
    assert AuditEvent.objects.filter(action="intake.list", actor=lars).exists()


def test_the_intake_list_of_another_region_does_not_show_them(client, amsterdam, limburg_coach):
    _sign_up(client, amsterdam)
    body = verified_client(limburg_coach).get("/aanmeldingen/").content.decode()
    assert "Jitske" not in body


def test_without_consent_staff_see_a_count_and_the_person_can_consent_later(
    client, amsterdam, carla
):
    jitske = _sign_up(client, amsterdam, consent=False)
    body = verified_client(carla).get("/aanmeldingen/").content.decode()
    assert "Jitske" not in body and "1 aanmelding wacht zonder toestemming" in body
    own = verified_client(jitske)
    start = own.get("/").content.decode()
    assert "Geef het loket en de coaches van je regio toestemming" in start
    assert "Je coach neemt contact" not in start
    own.post("/aanmeldingen/toestemming/")
    assert "Jitske" in verified_client(carla).get("/aanmeldingen/").content.decode()


def test_a_coach_claims_and_the_list_empties_and_the_start_page_names_the_coach(
    client, amsterdam, carla
):
    jitske = _sign_up(client, amsterdam)
    traject = Traject.objects.get(overstapper=jitske)
    coach = verified_client(carla)
    response = coach.post(f"/aanmeldingen/{traject.pk}/oppakken/")
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.coach == carla
    assert response["Location"] == f"/trajecten/{traject.pk}/"
    assert coach.get(response["Location"]).status_code == 200  # shows the flash message
    assert "Jitske" not in coach.get("/aanmeldingen/").content.decode()
    start = verified_client(jitske).get("/").content.decode()
    assert "Je coach Carla Coach neemt contact met je op" in start


def test_the_loket_assigns_a_coach_of_the_region_by_name(client, amsterdam, carla, lars):
    jitske = _sign_up(client, amsterdam)
    traject = Traject.objects.get(overstapper=jitske)
    loket = verified_client(lars)
    page = loket.get("/aanmeldingen/").content.decode()
    assert "Carla Coach (Coachbureau)" in page
    loket.post(f"/aanmeldingen/{traject.pk}/toewijzen/", {"coach": carla.pk})
    traject.refresh_from_db()
    assert traject.coach == carla
    # The loket still cannot open the traject itself.
    assert loket.get(f"/trajecten/{traject.pk}/").status_code == 404


def test_a_coach_from_another_region_cannot_be_assigned(client, amsterdam, lars, limburg_coach):
    jitske = _sign_up(client, amsterdam)
    traject = Traject.objects.get(overstapper=jitske)
    response = verified_client(lars).post(
        f"/api/v1/trajecten/{traject.pk}/assign/",
        {"coach": limburg_coach.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "regio" in response.json()["extra"]["fields"]["coach"][0]
    traject.refresh_from_db()
    assert traject.coach is None
    with pytest.raises(Exception, match="andere regio"):
        traject_assign_coach(traject=traject, coach=limburg_coach, by=lars)


def test_the_first_claim_stands(client, amsterdam, carla, chris):
    jitske = _sign_up(client, amsterdam)
    traject = Traject.objects.get(overstapper=jitske)
    assert (
        verified_client(carla)
        .post(f"/api/v1/trajecten/{traject.pk}/assign/", {}, content_type="application/json")
        .status_code
        == 200
    )
    late = verified_client(chris).post(
        f"/api/v1/trajecten/{traject.pk}/assign/", {}, content_type="application/json"
    )
    assert late.status_code == 404  # no longer in the intake list
    with pytest.raises(Exception, match="net opgepakt"):
        traject_assign_coach(traject=traject, coach=chris, by=chris)
    traject.refresh_from_db()
    assert traject.coach == carla


def test_the_intake_api_lists_name_email_region_and_days(client, amsterdam, lars, anna):
    _sign_up(client, amsterdam)
    body = verified_client(lars).get("/api/v1/intake/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert set(row) == {"id", "name", "email", "region", "days_waiting"}
    assert row["name"] == "Jitske Zelfmelder" and row["days_waiting"] == 0
    assert verified_client(anna).get("/api/v1/intake/").status_code == 403


def test_the_profiles_doelsector_goes_to_the_traject_and_the_coach_may_change_it(
    client, amsterdam, carla
):
    from profiles.services import profile_get_or_create, profile_save_doel

    jitske = _sign_up(client, amsterdam)
    traject = Traject.objects.get(overstapper=jitske)
    profile_save_doel(
        profile=profile_get_or_create(user=jitske),
        ambition="Leraar worden",
        motivation="",
        target_sectors=["onderwijs", "zorg"],
        target_beroepen=[],
        min_net_income=None,
        hours_per_week=None,
    )
    traject.refresh_from_db()
    assert traject.target_sector == "onderwijs"
    traject_assign_coach(traject=traject, coach=carla, by=carla)
    verified_client(carla).post(f"/trajecten/{traject.pk}/doelsector/", {"target_sector": "zorg"})
    traject.refresh_from_db()
    assert traject.target_sector == "zorg"
    assert traject.phase == Phase.AANMELDING
