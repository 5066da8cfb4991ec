# ruff: noqa: F811 - the fixtures come from test_latende_pledges
"""The leaving employer pledges co-financing for a campaign and sees the business case; a
participant who lets the employer see the plan's posts finds the proposal in the plan."""

from __future__ import annotations

import pytest

from latende import services
from latende.models import ConsentLevel

from ..factories import make_totp
from ..financing_helpers import catalogue_fixture  # noqa: F401 - fixture
from ..test_latende_pledges import campaign, ing, join, plan_for  # noqa: F401
from .test_financing_plan import _log_in, _new_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_employer_pledges_sees_business_case_and_participant_sees_proposal(
    page,
    chromium,
    live_server,
    catalogue,
    ing,
    campaign,
    carla,
    amsterdam,
    assert_accessible,  # noqa: F811
):
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.PLAN)

    _log_in(page, ing, make_totp(ing) if ing.requires_two_factor else None)
    page.goto(f"/verdwijnbanen/campagnes/{campaign.pk}/")
    page.get_by_role("link", name="Toezegging doen").click()
    page.get_by_role("heading", level=1).filter(has_text="Toezegging").wait_for()
    assert_accessible(page)
    page.get_by_label("Oriëntatietijd met behoud van salaris (dagen per persoon)").fill("10")
    page.get_by_label("Scholingsbudget per persoon (euro)").fill("2.500")
    page.get_by_label("Coaching per persoon (euro)").fill("1200")
    page.get_by_label("Jullie eigen kosten van een gedwongen ontslag per persoon (euro)").fill(
        "4000"
    )
    page.get_by_role("button", name="Toezegging opslaan").click()
    page.get_by_text("De toezegging is opgeslagen.").wait_for()
    table = page.locator("#bc-persoon").inner_text()
    assert "Overstaproute" in table and "Gedwongen ontslag" in table
    assert "€ 2.500,00" in table
    assert "Rosa" not in page.content()
    assert_accessible(page)

    context, rosa_page = _new_page(chromium, live_server)
    try:
        _log_in(rosa_page, rosa, make_totp(rosa) if rosa.requires_two_factor else None)
        rosa_page.goto(f"/trajecten/{traject.pk}/financiering/")
        rosa_page.get_by_text("Toezegging: scholingsbudget").first.wait_for()
        assert_accessible(rosa_page)
    finally:
        context.close()
