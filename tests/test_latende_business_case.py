"""The business case of a switch route against forced redundancy (issue 16): the pure
calculation against a hand-computed example, the page and API per campaign (aggregates only),
the beheerder's assumptions and the region's report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from latende import hooks, services
from latende.business_case import (
    Assumptions,
    PlanFigures,
    PledgeTerms,
    employer_case,
    public_return,
    statutory_transitievergoeding,
)
from latende.models import BusinessCaseAssumptions, ConsentLevel
from reports import selectors as report_selectors

from .financing_helpers import catalogue_fixture, pay  # noqa: F401
from .test_latende_pledges import campaign, ing, join, plan_for  # noqa: F401

D = Decimal

HAND = Assumptions(
    monthly_salary=D("3000"),
    years_of_service=D("12"),
    notice_months=D("3"),
    employer_charges_pct=D("25"),
    working_days_per_month=D("20"),
    transitievergoeding_max=D("102000"),
    expected_ww_months=12,
)
TERMS = PledgeTerms(
    orientatie_days=10,
    scholingsbudget=D("5000"),
    coaching_budget=D("1500"),
    transitievergoeding_policy="geen",
    process_costs=D("4000"),
)


def _amounts(lines) -> list[Decimal]:
    return [line.amount for line in lines]


# --- The pure calculation, by hand -----------------------------------------------------------


def test_the_employer_case_matches_the_hand_computed_example():
    case = employer_case(HAND, TERMS)
    # Switch: 3000 / 20 days x 10 days x 1,25 = 1875; scholing 5000; coaching 1500; no tv.
    assert _amounts(case.switch) == [D("1875.00"), D("5000.00"), D("1500.00"), D("0")]
    assert case.switch_total == D("8375.00")
    # Redundancy: tv 3000 / 3 x 12 = 12.000; notice 3 x 3000 x 1,25 = 11.250; process 4000.
    assert _amounts(case.redundancy) == [D("12000.00"), D("11250.00"), D("4000.00")]
    assert case.redundancy_total == D("27250.00")
    assert case.saving == D("18875.00")
    # The whole verdwijnbaan of 40 people.
    total = case.times(40)
    assert total.switch_total == D("335000.00") and total.redundancy_total == D("1090000.00")
    # Paid out at departure, the transitievergoeding is a cost of the switch route too.
    paid = employer_case(
        HAND, PledgeTerms(**{**TERMS.__dict__, "transitievergoeding_policy": "uitbetalen"})
    )
    assert paid.switch_total == D("20375.00") and paid.saving == D("6875.00")
    assert "10 dagen" in case.switch[0].how and "1,25" in case.switch[0].how


def test_the_transitievergoeding_is_capped_at_the_maximum_or_a_years_wage():
    assert statutory_transitievergoeding(
        monthly_salary=D("3000"), years=D("40"), maximum=D("30000")
    ) == D("36000")  # 40.000 statutory, capped at a year's wage (36.000 > 30.000)
    assert statutory_transitievergoeding(
        monthly_salary=D("9000"), years=D("40"), maximum=D("102000")
    ) == D("108000")  # 120.000 statutory, a year's wage 108.000 > 102.000
    assert statutory_transitievergoeding(
        monthly_salary=D("2400"), years=D("2.5"), maximum=D("102000")
    ) == D("2000.00")


def test_the_public_return_matches_the_hand_computed_example():
    figures = [
        PlanFigures(12, D("29580.00"), 0, D("0"), D("1000")),
        PlanFigures(6, D("12000.00"), 2, D("4500.00"), D("0")),
    ]
    result = public_return(figures)
    assert result.trajecten == 2
    assert result.months_avoided == 16  # 18 - 2
    assert result.amount_avoided == D("37080.00")  # 41.580 - 4.500
    assert result.net_return == D("36080.00")  # minus 1.000 public money
    assert result.per_traject == [D("28580.00"), D("7500.00")]


# --- From the financing plan -------------------------------------------------------------


@pytest.mark.django_db
def test_plan_figures_come_from_the_financing_plan(ing, campaign, carla, amsterdam):  # noqa: F811
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan = plan_for(traject, carla)
    pay(plan, carla, "vakopleiding", "uwv", 1000)
    figures = hooks.plan_figures(
        user_ids=[rosa.pk], organisation_id=ing.organisation_id, expected_ww_months=12
    )
    # 20 years of work: 15 months of WW, the expected 12 fit. Wage 3480 (below the cap):
    # 2 x 75% = 2 x 2610 + 10 x 70% = 10 x 2436 -> 29.580. The plan itself pays no WW.
    assert figures == {
        rosa.pk: PlanFigures(
            ww_without_months=12,
            ww_without_amount=D("29580.00"),
            ww_paid_months=0,
            ww_paid_amount=D("0"),
            public_contributions=D("1000.00"),
        )
    }
    # Another employer's figures never include her.
    assert hooks.plan_figures(user_ids=[rosa.pk], organisation_id=0, expected_ww_months=12) == {}


# --- The page and the API: both columns, the assumptions, aggregates only --------------------


@pytest.mark.django_db
def test_the_business_case_page_and_api_show_both_columns_and_every_assumption(
    ing,  # noqa: F811
    campaign,  # noqa: F811
    carla,
    amsterdam,
    as_user,
):
    BusinessCaseAssumptions.objects.create(
        monthly_salary=D("3000"),
        years_of_service=D("12"),
        notice_months=D("3"),
        employer_charges_pct=D("25"),
        working_days_per_month=D("20"),
    )
    services.pledge_save(
        by=ing,
        campaign=campaign,
        orientatie_days=10,
        scholingsbudget=D("5000"),
        coaching_budget=D("1500"),
        transitievergoeding_policy="geen",
        process_costs=D("4000"),
    )
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    client = as_user(ing)
    page = client.get(f"/verdwijnbanen/campagnes/{campaign.pk}/businesscase/").content.decode()
    for text in ["Overstaproute", "Gedwongen ontslag", "€ 8.375,00", "€ 27.250,00"]:
        assert text in page, text
    assert "€ 335.000,00" in page and "€ 1.090.000,00" in page
    assert "Werkdagen per maand" in page and "Opzegtermijn (maanden)" in page
    assert "Rosa" not in page and "rosa@x.nl" not in page
    data = client.get(f"/api/v1/campaigns/{campaign.pk}/business-case/").json()
    assert data["per_person"]["switch_total"] == "8375.00"
    assert data["per_person"]["redundancy_total"] == "27250.00"
    assert data["per_person"]["saving"] == "18875.00"
    assert data["campaign_total"]["switch_total"] == "335000.00"
    assert data["headcount"] == 40
    # One traject: the public side is a hidden cell, no sums that could be her plan.
    assert data["public"]["trajecten"] == "<5" and data["public"]["shown"] is False
    assert data["public"]["ww_without_amount"] is None
    assert {a["name"] for a in data["assumptions"]} >= {"monthly_salary", "expected_ww_months"}
    assert "Rosa" not in str(data)


@pytest.mark.django_db
def test_the_public_side_is_shown_from_five_trajecten(ing, campaign, carla, amsterdam, as_user):  # noqa: F811
    for i in range(5):
        _person, traject = join(
            campaign, ing, coach=carla, amsterdam=amsterdam, name=f"P{i}", email=f"p{i}@x.nl"
        )
        plan_for(traject, carla)
    public = as_user(ing).get(f"/api/v1/campaigns/{campaign.pk}/business-case/").json()["public"]
    assert public["trajecten"] == "5" and public["shown"] is True
    assert public["ww_without_months"] == 60
    assert public["ww_without_amount"] == "147900.00"  # 5 x 29.580
    assert public["net_return"] == "147900.00"


@pytest.mark.django_db
def test_the_beheerder_edits_the_assumptions_in_the_admin(bea, ing, campaign, as_user):  # noqa: F811
    client = as_user(bea)
    assert client.get("/beheer/latende/businesscaseassumptions/add/").status_code == 200
    response = client.post(
        "/beheer/latende/businesscaseassumptions/add/",
        {
            "monthly_salary": "4000",
            "years_of_service": "20",
            "notice_months": "4",
            "employer_charges_pct": "30",
            "working_days_per_month": "21.75",
            "transitievergoeding_max": "102000",
            "expected_ww_months": "18",
            "source_note": "CAO 2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BusinessCaseAssumptions.objects.get().expected_ww_months == 18
    # Only one row: a second cannot be added.
    assert client.get("/beheer/latende/businesscaseassumptions/add/").status_code == 403
    data = as_user(ing).get(f"/api/v1/campaigns/{campaign.pk}/business-case/").json()
    # Redundancy: tv 4000 / 3 x 20 = 26.666,67; notice 4 x 4000 x 1,3 = 20.800; no process costs.
    assert data["per_person"]["redundancy_total"] == "47466.67"


# --- The region's report --------------------------------------------------------------------


def _table(result, key):
    return next(t for t in result["tables"] if t["key"] == key)


@pytest.mark.django_db
def test_the_region_report_adds_the_totals_with_small_cells_suppressed(
    ing,  # noqa: F811
    campaign,  # noqa: F811
    carla,
    amsterdam,
):
    services.pledge_save(
        by=ing,
        campaign=campaign,
        orientatie_days=0,
        scholingsbudget=D("1000"),
        coaching_budget=D("0"),
        transitievergoeding_policy="geen",
        process_costs=D("0"),
    )
    rosa, traject = join(campaign, ing, coach=carla, amsterdam=amsterdam)
    plan_for(traject, carla)
    services.consent_set(user=rosa, organisation=ing.organisation, level=ConsentLevel.FASE)

    def report():
        return report_selectors.compute_report(
            region=amsterdam, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
        )

    table = _table(report(), "businesscase")
    assert "los van de periode" in str(table["title"])  # the totals cover every campaign
    rows = dict((r[0], r[1]) for r in table["rows"])
    assert rows["Campagnes van latende werkgevers"] == 1
    assert rows["Mensen in verdwijnbanen"] == 40
    assert rows["Kosten overstaproutes voor de werkgevers"] == "€ 40.000,00"
    assert rows["Trajecten met een financieringsplan"] == "<5"
    assert rows["WW voorkomen"] == "<5" and rows["Opbrengst voor de overheid"] == "<5"
    for i in range(4):
        _p, other = join(
            campaign, ing, coach=carla, amsterdam=amsterdam, name=f"Q{i}", email=f"q{i}@x.nl"
        )
        plan_for(other, carla)
    rows = dict((r[0], r[1]) for r in _table(report(), "businesscase")["rows"])
    assert rows["Trajecten met een financieringsplan"] == 5
    assert rows["WW voorkomen"] == "€ 147.900,00"
    assert rows["WW-maanden voorkomen"] == 60
