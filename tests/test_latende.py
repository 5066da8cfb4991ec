"""The leaving employer's side (issue 16): verdwijnbanen, confidential invitations, aggregates
with suppression, and the overstapper's consent to be known, tested as a confidentiality
matrix over every page and API answer the employer can reach."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, Role, User
from accounts.services import user_confirm_email
from accounts.tokens import email_confirmation_token
from financing import selectors as financing_selectors
from journeys.models import EntryRoute, Phase, Traject
from latende import selectors, services
from latende.models import (
    Campaign,
    ConsentLevel,
    EmployerConsent,
    InvitationCode,
    Participation,
    Reason,
    Verdwijnbaan,
)
from loopbrug.models import AuditEvent

from .factories import OrganisationFactory, UserFactory, make_traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def ing(amsterdam):
    org = OrganisationFactory(name="ING", sector="financieel", region=amsterdam)
    return UserFactory(
        email="hr@ing.example", full_name="Ingrid HR", role=Role.WERKGEVER, organisation=org
    )


@pytest.fixture
def baan(ing):
    return services.verdwijnbaan_create(
        by=ing,
        function_title="Klantadviseur",
        department="Service",
        headcount=40,
        expected_date=date(2027, 6, 1),
        reason=Reason.AUTOMATISERING,
    )


@pytest.fixture
def campaign(ing, baan):
    return services.campaign_create(by=ing, verdwijnbaan=baan, name="Voorjaar 2027")


def _participant(campaign, *, name, email, amsterdam, phase=None) -> User:
    user = UserFactory(full_name=name, email=email, home_region=amsterdam)
    make_traject(overstapper=user, region=amsterdam, phase=phase)
    (code,) = services.codes_generate(
        by=campaign.verdwijnbaan.organisation.members.first(), campaign=campaign, count=1
    )
    services.invitation_redeem(code=code, user=user)
    return user


def _api(user) -> Client:
    from .conftest import verified_client

    return verified_client(user)


# --- 1. verdwijnbanen --------------------------------------------------------------------


def test_a_werkgever_registers_a_verdwijnbaan_on_the_page_and_in_the_api(ing, as_user):
    client = as_user(ing)
    response = client.post(
        "/verdwijnbanen/nieuw/",
        {
            "function_title": "Postsorteerder",
            "department": "Logistiek",
            "headcount": "12",
            "expected_date": "2027-03-01",
            "reason": "reorganisatie",
        },
    )
    assert response.status_code == 302
    baan = Verdwijnbaan.objects.get(function_title="Postsorteerder")
    assert baan.organisation == ing.organisation and baan.headcount == 12
    assert "Postsorteerder" in client.get("/verdwijnbanen/").content.decode()

    listing = client.get("/api/v1/verdwijnbanen/")
    assert [b["function_title"] for b in listing.json()["results"]] == ["Postsorteerder"]
    created = client.post(
        "/api/v1/verdwijnbanen/",
        {
            "function_title": "Kassamedewerker",
            "headcount": 8,
            "expected_date": "2027-09-01",
            "reason": "sluiting",
            "skills": [],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    patched = client.patch(
        f"/api/v1/verdwijnbanen/{pk}/", {"headcount": 9}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["headcount"] == 9


def test_bad_verdwijnbaan_input_changes_nothing(ing, as_user):
    client = as_user(ing)
    response = client.post(
        "/api/v1/verdwijnbanen/",
        {"function_title": "X", "headcount": 0, "expected_date": "2027-01-01", "reason": "ai"},
        content_type="application/json",
    )
    assert response.status_code == 400
    page = client.post(
        "/verdwijnbanen/nieuw/",
        {"function_title": "X", "headcount": "0", "expected_date": "2027-01-01", "reason": "x"},
    )
    assert page.status_code == 200
    assert not Verdwijnbaan.objects.exists()


def test_only_the_own_organisation_sees_a_verdwijnbaan(baan, wim, anna, as_user):
    assert as_user(wim).get(f"/verdwijnbanen/{baan.pk}/").status_code == 404
    assert as_user(wim).get(f"/api/v1/verdwijnbanen/{baan.pk}/").status_code == 404
    assert as_user(anna).get("/verdwijnbanen/").status_code == 403
    assert as_user(anna).get("/api/v1/verdwijnbanen/").status_code == 403


# --- 2. invitations ----------------------------------------------------------------------


def test_codes_are_long_random_and_stored_only_hashed(ing, campaign):
    codes = services.codes_generate(by=ing, campaign=campaign, count=3)
    assert len(set(codes)) == 3 and all(len(c) >= 32 for c in codes)
    stored = set(InvitationCode.objects.values_list("token_hash", flat=True))
    assert not stored & set(codes)


def test_a_new_person_signs_up_with_a_code_and_is_anonymous_towards_the_employer(
    ing, campaign, amsterdam, as_user
):
    (code,) = services.codes_generate(by=ing, campaign=campaign, count=1)
    response = Client().post(
        "/uitnodiging/",
        {
            "code": code,
            "full_name": "Rosa Rijnders",
            "email": "rosa@example.nl",
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 200, response.content
    rosa = User.objects.get(email="rosa@example.nl")
    assert Participation.objects.get(user=rosa).campaign == campaign
    user_confirm_email(user=rosa, token=email_confirmation_token.make_token(rosa))
    traject = Traject.objects.get(overstapper=rosa)
    assert traject.entry_route == EntryRoute.LATENDE_WERKGEVER
    assert traject.latende_werkgever == ing.organisation
    body = as_user(ing).get(f"/verdwijnbanen/campagnes/{campaign.pk}/").content.decode()
    assert "Rosa" not in body and "rosa@example.nl" not in body


@pytest.mark.parametrize("case", ["reused", "guessed", "expired"])
def test_a_code_used_twice_guessed_or_expired_is_refused_and_changes_nothing(
    case, ing, campaign, amsterdam, as_user
):
    first = UserFactory(home_region=amsterdam)
    make_traject(overstapper=first, region=amsterdam)
    (code,) = services.codes_generate(by=ing, campaign=campaign, count=1)
    if case == "reused":
        services.invitation_redeem(code=code, user=first)
    elif case == "guessed":
        code = code[:-4] + "abcd"
    else:
        InvitationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    second = UserFactory(home_region=amsterdam)
    traject = make_traject(overstapper=second, region=amsterdam)
    before = Participation.objects.count()
    response = as_user(second).post("/uitnodiging/", {"code": code})
    assert response.status_code == 200
    assert "klopt niet, is al gebruikt of is verlopen" in response.content.decode()
    api = as_user(second).post(
        "/api/v1/invitations/redeem/", {"code": code}, content_type="application/json"
    )
    assert api.status_code == 400 and "verlopen" in api.json()["message"]
    assert Participation.objects.count() == before
    traject.refresh_from_db()
    assert traject.entry_route == EntryRoute.ZELF and traject.latende_werkgever is None


def test_a_code_signup_with_a_known_address_answers_the_same_and_keeps_the_code(
    ing, campaign, anna, amsterdam, mailoutbox
):
    (code,) = services.codes_generate(by=ing, campaign=campaign, count=1)
    response = Client().post(
        "/uitnodiging/",
        {
            "code": code,
            "full_name": "Iemand Anders",
            "email": anna.email.upper(),
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    # The page a new address gets; the owner gets a mail; nothing is made, the code stays free.
    assert response.status_code == 200
    assert "registration/signup_sent.html" in [t.name for t in response.templates]
    assert [m.to for m in mailoutbox] == [[anna.email]]
    assert not Participation.objects.exists()
    assert User.objects.filter(email__iexact=anna.email).count() == 1
    assert InvitationCode.objects.get().used_at is None
    anna_traject = make_traject(overstapper=anna, region=amsterdam)
    services.invitation_redeem(code=code, user=anna)  # she logs in and uses it
    anna_traject.refresh_from_db()
    assert anna_traject.latende_werkgever == ing.organisation


def test_the_code_page_offers_someone_with_an_account_to_log_in_first(db):
    page = Client().get("/uitnodiging/").content.decode()
    assert 'href="/account/inloggen/?next=/uitnodiging/"' in page


def test_a_new_signup_with_a_bad_code_creates_no_account(amsterdam):
    response = Client().post(
        "/uitnodiging/",
        {
            "code": "geraden",
            "full_name": "Gert Gok",
            "email": "gert@example.nl",
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="gert@example.nl").exists()


def test_redemption_is_rate_limited_per_address(settings, ing, campaign, amsterdam):
    settings.LATENDE_REDEEM_LIMIT = 3
    client = Client()
    for _i in range(3):
        assert client.post("/uitnodiging/", {"code": "fout"}).status_code == 200
    (code,) = services.codes_generate(by=ing, campaign=campaign, count=1)
    blocked = client.post(
        "/uitnodiging/",
        {
            "code": code,
            "full_name": "Teun Te Laat",
            "email": "teun@example.nl",
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.content.decode()
    assert not User.objects.filter(email="teun@example.nl").exists()
    assert InvitationCode.objects.get().used_at is None


# --- 3. aggregates only, and the confidentiality matrix --------------------------------


def test_aggregates_suppress_cells_under_five(ing, campaign, amsterdam):
    services.codes_generate(by=ing, campaign=campaign, count=10)
    for i in range(5):
        _participant(campaign, name=f"Oriënteerder {i}", email=f"o{i}@x.nl", amsterdam=amsterdam)
    _participant(campaign, name="Matcher", email="m@x.nl", amsterdam=amsterdam, phase=Phase.MATCH)
    aggregates = selectors.campaign_aggregates(campaign=campaign)
    assert aggregates == {
        "codes_issued": "16",
        "codes_used": "6",
        "orienting": "5",
        "in_traject": "<5",
        "switched": "0",
    }


def _employer_answers(ing, campaign, traject) -> list[str]:
    """Every page and API answer the employer can reach about this campaign and traject."""
    client = _api(ing)
    baan = campaign.verdwijnbaan_id
    answers = []
    for url in [
        "/verdwijnbanen/",
        f"/verdwijnbanen/{baan}/",
        f"/verdwijnbanen/{baan}/bewerken/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/",
        "/api/v1/verdwijnbanen/",
        f"/api/v1/verdwijnbanen/{baan}/",
        f"/api/v1/campaigns/{campaign.pk}/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/toezegging/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/businesscase/",
        f"/api/v1/campaigns/{campaign.pk}/pledge/",
        f"/api/v1/campaigns/{campaign.pk}/business-case/",
        f"/api/v1/verdwijnbanen/{baan}/destinations/",
        "/financiering/",
        f"/trajecten/{traject.pk}/financiering/",
        f"/api/v1/trajecten/{traject.pk}/financiering/",
        f"/api/v1/trajecten/{traject.pk}/",
        "/api/v1/trajecten/",
    ]:
        response = client.get(url)
        answers.append((url, response.status_code, response.content.decode()))
    return answers


def test_without_consent_the_employer_cannot_identify_a_participant(
    ing, campaign, amsterdam, carla
):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    traject = Traject.objects.get(overstapper=rosa)
    joined = Participation.objects.get(user=rosa).joined_at
    for url, status, body in _employer_answers(ing, campaign, traject):
        assert "Rosa" not in body and "rosa@x.nl" not in body, url
        assert joined.date().isoformat() not in body or "campagne" not in url, url
        if "/trajecten/" in url and url != "/api/v1/trajecten/":
            assert status in (403, 404), url
    campaign_api = _api(ing).get(f"/api/v1/campaigns/{campaign.pk}/").json()
    assert campaign_api["aggregates"]["codes_used"] == "<5"
    assert campaign_api["known_participants"] == []


@pytest.mark.parametrize("level", [ConsentLevel.DEELNAME, ConsentLevel.FASE, ConsentLevel.PLAN])
def test_with_consent_the_employer_sees_exactly_what_it_allows(
    level, ing, campaign, amsterdam, carla
):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    traject = Traject.objects.get(overstapper=rosa)
    services.consent_set(user=rosa, organisation=ing.organisation, level=level)
    known = _api(ing).get(f"/api/v1/campaigns/{campaign.pk}/").json()["known_participants"]
    assert known == [
        {
            "name": "Rosa Rijnders",
            "phase": "Aanmelding" if level != ConsentLevel.DEELNAME else "",
            "traject_id": traject.pk if level == ConsentLevel.PLAN else None,
        }
    ]
    page = _api(ing).get(f"/verdwijnbanen/campagnes/{campaign.pk}/").content.decode()
    assert "Rosa Rijnders" in page and "rosa@x.nl" not in page
    may_see = financing_selectors.latende_werkgever_may_see(traject, None)
    assert may_see is (level == ConsentLevel.PLAN)
    listed = financing_selectors.trajecten_for_financing(user=ing)
    assert list(listed) == ([traject] if level == ConsentLevel.PLAN else [])


def test_a_withdrawn_consent_takes_effect_on_the_next_request(ing, campaign, amsterdam):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    client = _api(ing)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.FASE)
    assert "Rosa" in client.get(f"/verdwijnbanen/campagnes/{campaign.pk}/").content.decode()
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.GEEN)
    assert "Rosa" not in client.get(f"/verdwijnbanen/campagnes/{campaign.pk}/").content.decode()
    assert client.get(f"/api/v1/campaigns/{campaign.pk}/").json()["known_participants"] == []


def test_entry_route_alone_no_longer_opens_the_plan_to_the_latende_werkgever(ing, amsterdam):
    person = UserFactory(home_region=amsterdam)
    traject = make_traject(overstapper=person, region=amsterdam)
    Traject.objects.filter(pk=traject.pk).update(
        entry_route=EntryRoute.LATENDE_WERKGEVER, latende_werkgever=ing.organisation
    )
    traject.refresh_from_db()
    assert not financing_selectors.latende_werkgever_may_see(traject, None)
    assert not financing_selectors.trajecten_for_financing(user=ing).exists()


# --- 4. consent ------------------------------------------------------------------------


def test_the_overstapper_sets_consent_per_employer_audited_and_listed(
    ing, campaign, amsterdam, as_user
):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    client = as_user(rosa)
    got = client.get("/api/v1/profiles/me/employer-consent/").json()
    assert got["employers"][0]["organisation_name"] == "ING"
    assert got["employers"][0]["level"] == "geen" and got["history"] == []
    put = client.put(
        "/api/v1/profiles/me/employer-consent/",
        {"organisation": ing.organisation_id, "level": "fase"},
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["employers"][0]["level"] == "fase"
    page = client.post(
        "/mijn-werkgever/",
        {"organisation": str(ing.organisation_id), f"org{ing.organisation_id}-level": "geen"},
    )
    assert page.status_code == 302
    history = client.get("/api/v1/profiles/me/employer-consent/").json()["history"]
    assert [(h["before"], h["after"]) for h in history] == [("fase", "geen"), ("geen", "fase")]
    assert AuditEvent.objects.filter(action="latende.consent").count() == 2
    assert "ING" in client.get("/mijn-werkgever/").content.decode()


def test_consent_for_another_employer_is_refused(ing, campaign, amsterdam, wim, as_user):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    response = as_user(rosa).put(
        "/api/v1/profiles/me/employer-consent/",
        {"organisation": wim.organisation_id, "level": "plan"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not EmployerConsent.objects.exists()
    assert as_user(ing).get("/api/v1/profiles/me/employer-consent/").status_code == 403


def test_campaign_api_creates_and_makes_codes(ing, baan, wim, as_user):
    client = as_user(ing)
    created = client.post(
        "/api/v1/campaigns/",
        {"verdwijnbaan": baan.pk, "name": "Najaar"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    codes = client.post(
        f"/api/v1/campaigns/{pk}/codes/", {"count": 5}, content_type="application/json"
    )
    assert codes.status_code == 201 and len(codes.json()["codes"]) == 5
    assert as_user(wim).get(f"/api/v1/campaigns/{pk}/").status_code == 404
    assert (
        as_user(wim)
        .post(
            "/api/v1/campaigns/",
            {"verdwijnbaan": baan.pk, "name": "Kaping"},
            content_type="application/json",
        )
        .status_code
        == 400
    )
    assert Campaign.objects.count() == 1
    assert Organisation.objects.filter(pk=ing.organisation_id).exists()


def test_pledge_business_case_and_destinations_name_nobody_even_with_plan_consent(
    ing, campaign, amsterdam
):
    rosa = _participant(campaign, name="Rosa Rijnders", email="rosa@x.nl", amsterdam=amsterdam)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    client = _api(ing)
    baan = campaign.verdwijnbaan_id
    for url in [
        f"/verdwijnbanen/campagnes/{campaign.pk}/toezegging/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/businesscase/",
        f"/api/v1/campaigns/{campaign.pk}/pledge/",
        f"/api/v1/campaigns/{campaign.pk}/business-case/",
        f"/api/v1/verdwijnbanen/{baan}/destinations/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Rosa" not in body and "rosa@x.nl" not in body, url
    # The business case counts one traject as a hidden cell, never as "1".
    public = client.get(f"/api/v1/campaigns/{campaign.pk}/business-case/").json()["public"]
    assert public["trajecten"] in ("0", "<5")
