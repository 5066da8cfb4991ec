"""Issue 14 through the database, the pages and the API: the seeds' people with their real
situation (WW, ontheffing, contract), the catalogue's fixes, bad input, the dated tables for
staff, reports without income pictures and erased accounts. The rules themselves are tested
with hand-computed figures in test_financing_rules.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from financing import selectors, services
from financing.models import Contribution, FinancingPlan, Post
from journeys.models import Phase, Traject

from .factories import UserFactory, make_traject
from .financing_helpers import (
    D,
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    employer,
    give_contract,
    jennys_plan,
    period,
    save_plan,
    start_plan,
)

pytestmark = pytest.mark.django_db


def bundle_of(plan):
    plan = FinancingPlan.objects.get(pk=plan.pk)
    return selectors.plan_bundle(traject=plan.traject, plan=plan)


def test_jenny_needs_the_ontheffing_and_a_contract_beyond_the_leerwerktraject(
    catalogue, carla, amsterdam
):
    plan, jenny = jennys_plan(carla, amsterdam=amsterdam)
    verdict = bundle_of(plan).verdict
    # WW pays during her overstaptijd: a fourth condition, not met until UWV grants it.
    ontheffing = verdict.condition("ontheffing")
    assert not ontheffing.holds and "vraag bij UWV ontheffing" in ontheffing.missing[0]
    save_plan(plan, carla, ontheffing_status="verleend", ontheffing_date=plan.start_month)
    assert bundle_of(plan).verdict.condition("ontheffing").holds

    # The school's contract is temporary and ends with her leerwerktraject (003 L8049–8056):
    # 3 + 6 + 24 months from the first month, so the last day is the day before month 34.
    application = give_contract(jenny, employer("Middelbare school", "onderwijs"))
    plan.refresh_from_db()
    last_day = selectors.add_months(plan.start_month, 33) - timedelta(days=1)
    save_plan(plan, carla, contract_type="tijdelijk", contract_end=last_day)
    contract = bundle_of(plan).verdict.condition("contract")
    assert not contract.holds and "niet na het leerwerktraject" in contract.missing[0]
    save_plan(plan, carla, contract_type="vast", contract_end=None)
    assert bundle_of(plan).verdict.condition("contract").holds
    assert application.status == "getekend"


def test_orientatietijd_is_prefilled_as_twenty_working_days(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(plan, carla, income_before=D("4000"))
    # 4.000 × 20 / 21,75 = 3.678,16.
    assert Post.objects.get(plan=plan, kind="orientatietijd").estimate == D("3678.16")


def test_stap_budget_is_not_suggested_in_2026(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(plan, carla, income_before_source="ww", posts={"vakopleiding": 10000})
    names = {
        s.regeling.name
        for item in selectors.suggestions_for(bundle_of(plan))
        for s in item.suggestions
    }
    assert names and "STAP-budget" not in names


def test_the_timeline_shows_net_income_and_the_ww_month(as_user, catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(
        plan,
        carla,
        start_month=date(2026, 3, 1),
        income_before=D("4100"),
        income_before_source="loon",
        arbeidsverleden_years=18,
        orientatie_months=0,
        overstap_months=3,
        leertijd_months=0,
        periods=[period("ww", 1, 3, payer="UWV")],
    )
    body = as_user(carla).get(f"/trajecten/{annas_traject.pk}/financiering/").content.decode()
    assert "WW maand 3 van 14: 70% van € 4.100,00" in body
    assert "Netto is een schatting" in body and "WW-recht: 14 maanden" in body
    # 70% × 4.100 = 2.870 WW, 34.440 a year: tax 34.440 × 35,75% = 12.312,30;
    # AHK 3.115 − (34.440 − 29.736) × 6,398% = 2.814,04; no arbeidskorting on WW;
    # (12.312,30 − 2.814,04) / 12 = 791,52; net 2.870 − 791,52 = 2.078,48.
    assert "€ 2.078,48" in body


def test_a_plan_without_income_periods_says_so(as_user, catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(plan, carla, income_before=D("3000"), minimum_income=D("2500"))
    body = as_user(carla).get(f"/trajecten/{annas_traject.pk}/financiering/").content.decode()
    assert "Nog geen inkomensplaatje" in body
    assert "100%" not in body and "onder het minimum" not in body


# --- Bad input: a clear message, nothing changed -------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"arbeidsverleden_years": 4, "ww_months_before": 5}, "ww_months_before", "WW-recht 4"),
        ({"ontheffing_date": date(2000, 1, 1)}, "ontheffing_date", "vóór het begin van het plan"),
        (
            {"toeslagen": [{"kind": "zorgtoeslag", "amount": "veel"}]},
            "toeslagen",
            "vul een bedrag per maand in",
        ),
        ({"dienstjaren": D("-1")}, "dienstjaren", ""),
    ],
)
def test_bad_plan_fields_are_refused(catalogue, carla, annas_traject, fields, field, message):
    plan = start_plan(annas_traject, carla, sector="zorg")
    with pytest.raises(ValidationError) as error:
        save_plan(plan, carla, **fields)
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert FinancingPlan.objects.get(pk=plan.pk).version == plan.version


def test_a_transitievergoeding_beyond_the_statute_is_refused(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    # 3 years at € 3.000: 3.000 / 3 × 3 = 3.000; € 500 IOB set off: 2.500 left.
    save_plan(
        plan,
        carla,
        income_before=D("3000"),
        dienstjaren=D("3"),
        iob_received=D("500"),
        posts={"vakopleiding": 10000},
    )
    with pytest.raises(ValidationError) as error:
        services.contribution_create(
            plan=plan,
            by=carla,
            post_kind="vakopleiding",
            funder_type="transitievergoeding",
            amount=D("2600"),
            status="toegezegd",
        )
    assert "hooguit € 2.500,00" in error.value.message_dict["amount"][0]
    assert not Contribution.objects.exists()
    services.contribution_create(
        plan=plan,
        by=carla,
        post_kind="vakopleiding",
        funder_type="transitievergoeding",
        amount=D("2500"),
        status="toegezegd",
    )
    # As income the rest is gone too: one more month of € 100 is refused.
    with pytest.raises(ValidationError) as error:
        save_plan(plan, carla, periods=[period("transitievergoeding", 1, 1, 100)])
    assert "hooguit € 2.500,00" in error.value.message_dict["dienstjaren"][0]


# --- API -----------------------------------------------------------------------------------


def test_the_plan_api_carries_the_new_fields(as_user, catalogue, carla, annas_traject):
    start_plan(annas_traject, carla, sector="zorg")
    client = as_user(carla)
    url = f"/api/v1/trajecten/{annas_traject.pk}/financing/"
    version = client.get(url).json()["version"]
    response = client.put(
        url,
        {
            "version": version,
            "income_before": "4100.00",
            "ww_months_before": 2,
            "arbeidsverleden_years": 18,
            "household": "alleenstaande_ouder",
            "toeslagen": [{"kind": "kinderopvangtoeslag", "amount": "450.00"}],
            "ontheffing_status": "aangevraagd",
            "contract_type": "vast",
            "dienstjaren": "12.5",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["ww_entitlement_months"] == 14  # 10 + 8 × 0,5
    assert data["toeslagen"] == [
        {"kind": "kinderopvangtoeslag", "amount": "450.00", "last_month": None}
    ]
    assert data["has_income"] is False and data["ontheffing_status"] == "aangevraagd"
    # 4.100 / 3 × 12,5 = 17.083,33.
    assert data["transitievergoeding"]["available"] == "17083.33"
    bad = client.put(
        url,
        {"version": data["version"], "arbeidsverleden_years": -3},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "niet negatief" in bad.content.decode()


def test_parameters_are_listed_for_staff_only(as_user, catalogue, carla, anna):
    response = as_user(carla).get("/api/v1/parameters/")
    assert response.status_code == 200
    data = response.json()
    assert [row["year"] for row in data["loonheffing"]] == [2026]
    assert {row["household"] for row in data["bijstandsnormen"]} == {
        "alleenstaand",
        "alleenstaande_ouder",
        "gehuwd",
    }
    assert data["transitievergoeding"][0]["max_amount"] == "102000.00"
    assert data["ww"][0]["duration_max_months"] == 24
    assert as_user(anna).get("/api/v1/parameters/").status_code == 403


# --- Reports -------------------------------------------------------------------------------


def test_reports_leave_out_plans_without_income_and_erased_accounts(catalogue, carla, amsterdam):
    from profiles.services import account_erase
    from reports import selectors as reports

    for _ in range(2):
        traject = make_traject(overstapper=UserFactory(), coach=carla, region=amsterdam)
        plan = start_plan(traject, carla, sector="zorg")
        save_plan(plan, carla, income_before=D("3000"))  # no income periods
    FinancingPlan.objects.update(created_at=timezone.make_aware(datetime(2026, 2, 1)))
    erased = UserFactory(home_region=amsterdam)
    make_traject(overstapper=erased, coach=carla, region=amsterdam)
    account_erase(user=erased)
    assert Traject.objects.filter(phase=Phase.VERWIJDERD).count() == 1

    report = reports.compute_report(
        region=amsterdam,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        breakdown="none",
    )
    tables = {t["key"]: t for t in report["tables"]}
    rows = {r[0]: r for r in tables["financing_income"]["rows"]}
    assert rows["Plannen met een inkomensplaatje"][1] == 0
    assert rows["Plannen zonder inkomensplaatje (niet meegeteld)"][1] == "<5"  # 2, hidden
    retention = {r[0]: r for r in tables["retention"]["rows"]}
    assert retention["Account verwijderd (niet meegeteld)"][1] == "<5"  # 1, hidden
