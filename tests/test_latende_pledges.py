"""The leaving employer's co-financing (issue 16): a pledge per campaign reaches the plans of
the participants who let the employer see their plan's posts, as proposed contributions, and
nowhere else; withdrawing that consent takes the unconfirmed ones out again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from financing.models import Contribution, ContributionStatus, FunderType, PostKind
from journeys.models import Traject
from latende import services
from latende.models import CampaignPledge, ConsentLevel, Reason
from loopbrug.models import AuditEvent
from notifications.models import Kind, Notification

from .factories import OrganisationFactory, UserFactory, make_traject
from .financing_helpers import catalogue_fixture, save_plan, start_plan  # noqa: F401

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def ing(amsterdam):
    org = OrganisationFactory(name="ING", sector="financieel", region=amsterdam)
    return UserFactory(
        email="hr@ing.example", full_name="Ingrid HR", role=Role.WERKGEVER, organisation=org
    )


@pytest.fixture
def campaign(ing):
    baan = services.verdwijnbaan_create(
        by=ing,
        function_title="Klantadviseur",
        headcount=40,
        expected_date=date(2027, 6, 1),
        reason=Reason.AUTOMATISERING,
    )
    return services.campaign_create(by=ing, verdwijnbaan=baan, name="Voorjaar 2027")


def join(campaign, ing, *, coach, amsterdam, name="Rosa Rijnders", email="rosa@x.nl"):
    person = UserFactory(full_name=name, email=email, home_region=amsterdam)
    make_traject(overstapper=person, coach=coach, region=amsterdam)
    (code,) = services.codes_generate(by=ing, campaign=campaign, count=1)
    services.invitation_redeem(code=code, user=person)
    return person, Traject.objects.get(overstapper=person)


def plan_for(traject, carla):
    """A plan with room: oriëntatietijd 5000, vakopleiding 8000, begeleiding 3000; wage 3480,
    10 years of service (transitievergoeding 11.600)."""
    plan = start_plan(traject, carla, sector="zorg")
    return save_plan(
        plan,
        carla,
        posts={"orientatietijd": 5000, "vakopleiding": 8000, "persoonlijke_begeleiding": 3000},
        income_before=D("3480"),
        income_before_source="loon",
        dienstjaren=D("10"),
        arbeidsverleden_years=20,
    )


def pledge(ing, campaign, **changes):
    fields = {
        "orientatie_days": 10,
        "scholingsbudget": D("2500"),
        "coaching_budget": D("1200"),
        "transitievergoeding_policy": "geen",
        "process_costs": D("4000"),
    }
    fields.update(changes)
    return services.pledge_save(by=ing, campaign=campaign, **fields)


def proposed(traject) -> dict[tuple[str, str], Decimal]:
    return {
        (c.post.kind, c.funder_type): c.amount
        for c in Contribution.objects.filter(post__plan__traject=traject, pledge__isnull=False)
    }


def test_without_consent_the_pledge_stays_the_campaigns(ing, campaign, carla, amsterdam, as_user):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    pledge(ing, campaign)
    assert proposed(traject) == {}
    assert not Notification.objects.filter(recipient=rosa).exists()
    page = as_user(ing).get(f"/verdwijnbanen/campagnes/{campaign.pk}/").content.decode()
    assert "10 dagen oriëntatietijd" in page and "Rosa" not in page
    # Knowing only that she takes part, or her phase, is no consent to the plan's posts.
    for level in (ConsentLevel.DEELNAME, ConsentLevel.FASE):
        services.consent_set(user=rosa, organisation=ing.organisation, level=level)
        assert proposed(traject) == {}


def test_consent_to_see_the_plan_applies_the_pledge_and_tells_the_overstapper(
    ing, campaign, carla, amsterdam, as_user
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    pledge(ing, campaign)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    # 10 days x 3480 / 21,75 working days = 1600,00
    assert proposed(traject) == {
        (PostKind.ORIENTATIETIJD, FunderType.LATENDE_WERKGEVER): D("1600.00"),
        (PostKind.VAKOPLEIDING, FunderType.LATENDE_WERKGEVER): D("2500.00"),
        (PostKind.PERSOONLIJKE_BEGELEIDING, FunderType.LATENDE_WERKGEVER): D("1200.00"),
    }
    rows = Contribution.objects.filter(pledge__isnull=False)
    assert {c.status for c in rows} == {ContributionStatus.VOORGESTELD}
    assert {c.funder_organisation_id for c in rows} == {ing.organisation_id}
    note = Notification.objects.get(recipient=rosa)
    assert note.kind == Kind.BIJDRAGE_VOORGESTELD
    assert note.link == f"/trajecten/{traject.pk}/financiering/"
    assert "€ 2.500,00" in note.body
    page = as_user(rosa).get(f"/trajecten/{traject.pk}/financiering/").content.decode()
    assert "Toezegging: scholingsbudget" in page
    assert AuditEvent.objects.filter(action="financing.pledge_apply").exists()


def test_a_pledge_saved_after_consent_is_applied_updated_and_never_doubled(
    ing, campaign, carla, amsterdam
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    pledge(ing, campaign)
    assert len(proposed(traject)) == 3
    assert Notification.objects.filter(recipient=rosa).count() == 1
    pledge(ing, campaign, scholingsbudget=D("3000"), coaching_budget=D("0"))
    assert proposed(traject) == {
        (PostKind.ORIENTATIETIJD, FunderType.LATENDE_WERKGEVER): D("1600.00"),
        (PostKind.VAKOPLEIDING, FunderType.LATENDE_WERKGEVER): D("3000.00"),
    }
    assert Contribution.objects.filter(pledge__isnull=False).count() == 2
    assert CampaignPledge.objects.get().version == 2
    # Updating an amount is no new contribution: no second message.
    assert Notification.objects.filter(recipient=rosa).count() == 1


def test_withdrawn_consent_removes_the_unconfirmed_proposals_only(ing, campaign, carla, amsterdam):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    pledge(ing, campaign)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    confirmed = Contribution.objects.get(post__kind=PostKind.VAKOPLEIDING, pledge__isnull=False)
    Contribution.objects.filter(pk=confirmed.pk).update(status=ContributionStatus.TOEGEZEGD)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.FASE)
    assert list(Contribution.objects.filter(pledge__isnull=False)) == [confirmed]
    assert AuditEvent.objects.filter(action="financing.pledge_withdraw").exists()
    # Consent again: the pledge returns, the confirmed one is not doubled.
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    assert Contribution.objects.filter(pledge__isnull=False).count() == 3


def test_a_pledge_that_exceeds_a_post_is_refused_and_changes_nothing(
    ing, campaign, carla, amsterdam, as_user
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    pledge(ing, campaign)
    before = proposed(traject)
    with pytest.raises(ValidationError) as refused:
        pledge(ing, campaign, scholingsbudget=D("9000"))
    message = " ".join(refused.value.messages)
    assert "meer dan de post kost" in message and "Er is niets opgeslagen" in message
    assert CampaignPledge.objects.get().scholingsbudget == D("2500")
    assert proposed(traject) == before
    client = as_user(ing)
    page = client.post(
        f"/verdwijnbanen/campagnes/{campaign.pk}/toezegging/",
        {
            "orientatie_days": "10",
            "scholingsbudget": "9.000",
            "coaching_budget": "1200",
            "transitievergoeding_policy": "geen",
            "process_costs": "4000",
        },
    )
    assert page.status_code == 200 and "meer dan de post kost" in page.content.decode()
    api = client.put(
        f"/api/v1/campaigns/{campaign.pk}/pledge/",
        {
            "orientatie_days": 10,
            "scholingsbudget": "9000",
            "coaching_budget": "1200",
            "transitievergoeding_policy": "geen",
            "process_costs": "4000",
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert CampaignPledge.objects.get().scholingsbudget == D("2500")
    assert proposed(traject) == before


def test_the_transitievergoeding_policy_pays_the_rest_of_the_vakopleiding(
    ing, campaign, carla, amsterdam
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    pledge(ing, campaign, transitievergoeding_policy="scholing")
    # Transitievergoeding 3480 / 3 x 10 = 11.600; the vakopleiding has 8000 - 2500 left.
    assert proposed(traject)[(PostKind.VAKOPLEIDING, FunderType.TRANSITIEVERGOEDING)] == D(
        "5500.00"
    )


def test_a_plan_started_after_consent_gets_the_pledge(ing, campaign, carla, amsterdam):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    pledge(ing, campaign, orientatie_days=0)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    start_plan(traject, carla, sector="zorg")
    # The zorg norms give the transitieactiviteiten an estimate at once.
    assert (PostKind.VAKOPLEIDING, FunderType.LATENDE_WERKGEVER) in proposed(traject)


def test_bad_pledge_input_gets_a_dutch_message_and_changes_nothing(ing, campaign, as_user):
    client = as_user(ing)
    for bad in [
        {"orientatie_days": -1},
        {"orientatie_days": 400},
        {"scholingsbudget": "-5"},
        {"scholingsbudget": "1e9"},
        {"transitievergoeding_policy": "alles"},
    ]:
        body = {
            "orientatie_days": 5,
            "scholingsbudget": "100",
            "coaching_budget": "0",
            "transitievergoeding_policy": "geen",
            "process_costs": "0",
            **bad,
        }
        response = client.put(
            f"/api/v1/campaigns/{campaign.pk}/pledge/", body, content_type="application/json"
        )
        assert response.status_code == 400, bad
    with pytest.raises(ValidationError) as refused:
        pledge(ing, campaign, scholingsbudget=D("0.001"))
    assert "komma" in " ".join(refused.value.messages)
    assert not CampaignPledge.objects.exists()


def test_the_pledge_api_and_who_may_use_it(ing, campaign, wim, anna, as_user):
    client = as_user(ing)
    empty = client.get(f"/api/v1/campaigns/{campaign.pk}/pledge/").json()
    assert empty["version"] == 0 and empty["scholingsbudget"] == "0.00"
    body = {
        "orientatie_days": 5,
        "scholingsbudget": "2500,00".replace(",", "."),
        "coaching_budget": "0",
        "transitievergoeding_policy": "uitbetalen",
        "process_costs": "3000",
    }
    put = client.put(
        f"/api/v1/campaigns/{campaign.pk}/pledge/", body, content_type="application/json"
    )
    assert put.status_code == 200, put.content
    assert put.json()["version"] == 1 and put.json()["scholingsbudget"] == "2500.00"
    stale = client.put(
        f"/api/v1/campaigns/{campaign.pk}/pledge/",
        {**body, "version": 7},
        content_type="application/json",
    )
    assert stale.status_code == 400
    assert client.get(f"/api/v1/campaigns/{campaign.pk}/pledge/").json()["version"] == 1
    assert as_user(wim).get(f"/api/v1/campaigns/{campaign.pk}/pledge/").status_code == 404
    assert as_user(anna).get(f"/api/v1/campaigns/{campaign.pk}/pledge/").status_code == 403
    assert (
        as_user(wim)
        .put(f"/api/v1/campaigns/{campaign.pk}/pledge/", body, content_type="application/json")
        .status_code
        == 404
    )
    page = client.get(f"/verdwijnbanen/campagnes/{campaign.pk}/toezegging/")
    assert page.status_code == 200 and "2500,00" in page.content.decode()


def test_the_plan_page_tells_the_participant_truly_whether_the_employer_sees_it(
    ing, campaign, carla, amsterdam, as_user
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    url = f"/trajecten/{traject.pk}/financiering/"
    # Invited by ING, no consent: ING cannot open the plan, and the page says so.
    page = as_user(rosa).get(url).content.decode()
    assert "ING ziet dit plan niet." in page and "ING ziet dit plan (zonder" not in page
    assert as_user(ing).get(url).status_code in (403, 404)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)
    page = as_user(rosa).get(url).content.decode()
    assert "ING ziet dit plan (zonder je inkomensgegevens)" in page
    assert "Dat komt door je toestemming." in page and 'href="/mijn-werkgever/"' in page
    assert as_user(ing).get(url).status_code == 200
