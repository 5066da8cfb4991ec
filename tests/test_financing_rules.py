"""The financing rules on plain values: no database, every figure computed by hand in a comment.

The rules live in financing/rules/ and take any object with the right attributes, so these
tests build plans, periods and parameters with SimpleNamespace (or unsaved model rows)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from financing.models import Regeling
from financing.rules import (
    contributions,
    income,
    limits,
    net,
    plan_checks,
    posts,
    subsidies,
    transitie,
    verdict,
    ww,
)

D = Decimal

WW_2023 = SimpleNamespace(
    valid_from=date(2023, 1, 1),
    max_monthly_wage=D("5579.66"),
    first_months=2,
    pct_first_months=D("75"),
    pct_after=D("70"),
)


def plan(**fields):
    base = {
        "start_month": date(2026, 1, 1),
        "orientatie_months": 3,
        "overstap_months": 0,
        "leertijd_months": 12,
        "income_before": D("3000"),
        "income_before_source": "loon",
        "new_wage": None,
        "minimum_income": None,
    }
    return SimpleNamespace(**(base | fields))


def period(kind, first, last, amount=None, payer="", ww_wage=None):
    return SimpleNamespace(
        kind=kind, payer=payer, first_month=first, last_month=last, amount=amount, ww_wage=ww_wage
    )


def contribution(amount, status="toegezegd", regeling=None):
    return SimpleNamespace(
        amount=D(amount),
        status=status,
        regeling=regeling,
        regeling_id=regeling.pk if regeling else None,
    )


# --- Limits --------------------------------------------------------------------------------


def test_the_limits_are_written_once_and_used_by_model_form_and_api():
    from financing.api import PlanPutInputSerializer
    from financing.forms import PlanForm
    from financing.models import FinancingPlan

    assert (
        limits.ORIENTATIE_MAX_MONTHS,
        limits.OVERSTAP_MAX_MONTHS,
        limits.LEERTIJD_MAX_MONTHS,
    ) == (12, 24, 60)
    for name, maximum in (
        ("orientatie_months", limits.ORIENTATIE_MAX_MONTHS),
        ("overstap_months", limits.OVERSTAP_MAX_MONTHS),
        ("leertijd_months", limits.LEERTIJD_MAX_MONTHS),
    ):
        field = FinancingPlan._meta.get_field(name)
        assert maximum in [v.limit_value for v in field.validators if hasattr(v, "limit_value")]
        assert PlanForm.base_fields[name].max_value == maximum
        assert PlanPutInputSerializer().fields[name].max_value == maximum


# --- Posts ---------------------------------------------------------------------------------


def test_gap_counts_only_promised_money():
    paid = [
        contribution("600"),
        contribution("300", "aangevraagd"),
        contribution("99", "afgewezen"),
    ]
    # 1.000 - 600 promised = 400 missing; 300 is pending, 99 refused counts nowhere.
    assert posts.post_gap(D("1000"), paid) == D("400")
    assert posts.pending_amount(paid) == D("300")
    assert posts.active_amount(paid) == D("900")
    assert not posts.post_is_covered(D("1000"), paid)
    assert posts.post_is_covered(D("600"), paid)
    view = posts.PostView(
        post=SimpleNamespace(kind="vakopleiding", estimate=D("1000")), contributions=paid
    )
    assert view.open_amount == D("100")  # 1.000 - 900 active
    assert view.group == "activiteiten"


def test_income_post_estimates_from_the_norm():
    norm = SimpleNamespace(
        duration_months=D("3"), improductivity_year1_pct=D("30"), improductivity_year2_pct=D("10")
    )
    p = plan(income_before=D("4000"), new_wage=D("3000"), overstap_months=2, leertijd_months=10)
    # Overstaptijd: 2 months × € 4.000 = € 8.000.
    assert posts.income_post_norm_estimate(kind="overstaptijd", plan=p, norm=norm) == D("8000.00")
    # Leertijd: one leerdag a week = 20% of € 3.000 × 10 months = € 6.000.
    assert posts.income_post_norm_estimate(kind="leertijd", plan=p, norm=norm) == D("6000.00")
    # Improductiviteit: (30% + 10%) × € 3.000 × 12 = € 14.400.
    assert posts.income_post_norm_estimate(kind="improductiviteit", plan=p, norm=norm) == D(
        "14400.00"
    )
    # Someone on bijstand has no old wage to continue.
    bijstand = plan(income_before_source="bijstand")
    assert posts.income_post_norm_estimate(kind="overstaptijd", plan=bijstand, norm=norm) is None


# --- WW ------------------------------------------------------------------------------------


def test_ww_is_75_then_70_percent_of_the_capped_wage():
    cap = D("5579.66")
    # 75% × 5.579,66 = 4.184,745 → 4.184,75; 70% × 5.579,66 = 3.905,762 → 3.905,76.
    assert ww.ww_monthly(wage=D("6000"), max_monthly_wage=cap, ww_month=2) == D("4184.75")
    assert ww.ww_monthly(wage=D("6000"), max_monthly_wage=cap, ww_month=3) == D("3905.76")
    # Below the cap: 70% × 3.000 = 2.100.
    assert ww.ww_monthly(wage=D("3000"), max_monthly_wage=cap, ww_month=3) == D("2100.00")


def test_ww_parameters_are_picked_by_date():
    later = SimpleNamespace(**(vars(WW_2023) | {"valid_from": date(2024, 1, 1)}))
    assert ww.ww_parameter_on([later, WW_2023], date(2023, 12, 31)) is WW_2023
    assert ww.ww_parameter_on([later, WW_2023], date(2024, 1, 1)) is later
    # Before the first row: the earliest known, so there is still a figure.
    assert ww.ww_parameter_on([later, WW_2023], date(2020, 1, 1)) is WW_2023
    assert ww.ww_parameter_on([], date(2020, 1, 1)) is None


# --- Income timeline -----------------------------------------------------------------------


def test_the_timeline_adds_up_each_month_and_measures_the_drop():
    p = plan(orientatie_months=1, overstap_months=2, leertijd_months=1, minimum_income=D("2200"))
    periods = [
        period("salaris_latende_werkgever", 1, 1, D("3000"), "ING"),
        period("ww", 2, 3, payer="UWV"),
        period("salaris_nieuwe_werkgever", 4, 4, D("2900"), "Inergy"),
    ]
    timeline = income.income_timeline(
        plan=p, periods=periods, ww_params=[WW_2023], threshold=D("10")
    )
    assert [m.phase for m in timeline.months] == ["orientatie", "overstap", "overstap", "leertijd"]
    # WW month 1 and 2: 75% × 3.000 = 2.250.
    assert [m.total for m in timeline.months] == [D("3000"), D("2250.00"), D("2250.00"), D("2900")]
    # 3.000 - 2.250 = 750 = 25,0% > 10%: over the threshold; 2.250 ≥ 2.200: not below minimum.
    assert timeline.months[1].drop == D("750.00") and timeline.months[1].drop_pct == D("25.0")
    assert timeline.months[1].over_threshold and not timeline.months[1].below_minimum
    assert timeline.largest_drop.number == 2
    # Each WW month says which it is, so the two WW months are two segments.
    assert [m.lines[0].note for m in timeline.months[1:3]] == [
        "WW maand 1: 75% van € 3.000,00",
        "WW maand 2: 75% van € 3.000,00",
    ]
    assert income.add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)


def test_bijstand_is_the_floor_of_the_minimum():
    # Shirin: she says € 1.200 is enough, but her bijstand is € 1.500: the minimum is € 1.500.
    p = plan(income_before_source="bijstand", income_before=D("1500"), minimum_income=D("1200"))
    assert income.effective_minimum(p) == D("1500")
    assert income.effective_minimum(plan(minimum_income=None, income_before_source="loon")) is None


# --- Verdict -------------------------------------------------------------------------------


def test_the_income_condition_explains_the_largest_drop():
    p = plan(orientatie_months=0, overstap_months=3, leertijd_months=0, income_before=D("6000"))
    timeline = income.income_timeline(
        plan=p, periods=[period("ww", 1, 3)], ww_params=[WW_2023], threshold=D("10")
    )
    condition = verdict.income_condition(timeline)
    assert not condition.holds
    # Month 3: 6.000 - 3.905,76 = 2.094,24 = 34,9%.
    assert "€ 2.094,24 (34,9%) in maand 3" in condition.missing[0]


def test_the_contract_condition_wants_a_signed_contract():
    assert not verdict.contract_condition(SimpleNamespace(signed=[], offered=[])).holds


# --- Subsidiewijzer ------------------------------------------------------------------------


def regeling(pk, name, posts_, amount_max, *, stackable=False, sectors=(), **extra):
    return Regeling(
        pk=pk,
        name=name,
        issuer="SZW",
        posts=list(posts_),
        sectors=list(sectors),
        amount_max=D(amount_max),
        valid_from=extra.pop("valid_from", date(2022, 6, 1)),
        stackable=stackable,
        **extra,
    )


def test_a_regeling_is_refused_outside_its_post_sector_dates_and_target_group():
    r = regeling(1, "X", ["vakopleiding"], 1000, sectors=["zorg"], valid_to=date(2024, 12, 31))
    refuse = subsidies.regeling_refusal
    on = date(2024, 6, 1)
    args = {"sector": "zorg", "target_group": "werkenden"}
    assert refuse(r, post_kind="vakopleiding", on=on, **args) is None
    assert "betaalt niet mee aan leertijd" in refuse(r, post_kind="leertijd", on=on, **args)
    assert "geldt niet voor de sector" in refuse(
        r, post_kind="vakopleiding", sector="ict", target_group="werkenden", on=on
    )
    assert "is verlopen" in refuse(r, post_kind="vakopleiding", on=date(2025, 1, 1), **args)
    assert "geldt pas vanaf" in refuse(r, post_kind="vakopleiding", on=date(2022, 1, 1), **args)
    r.target_group = "werkzoekenden"
    assert "alleen voor" in refuse(r, post_kind="vakopleiding", on=on, **args)


def test_suggestions_fill_the_gap_largest_first_within_maxima_and_stacking():
    a = regeling(1, "A", ["vakopleiding"], 1000)
    b = regeling(2, "B", ["vakopleiding"], 3000, stackable=True)
    c = regeling(3, "C", ["vakopleiding"], 2000, stackable=True)
    view = posts.PostView(
        post=SimpleNamespace(kind="vakopleiding", estimate=D("4500")), contributions=[]
    )
    [item] = subsidies.suggest_regelingen(
        views=[view],
        regelingen=[a, b, c],
        pairs=set(),
        sector="zorg",
        target_group="werkenden",
        on=date(2024, 1, 1),
    )
    # B (3.000) first, then C: 4.500 - 3.000 = 1.500 of its 2.000; A does not stack with B.
    assert [(s.regeling.name, s.amount) for s in item.suggestions] == [
        ("B", D("3000")),
        ("C", D("1500")),
    ]
    assert item.remaining_gap == D("0")
    assert [r.name for r, _reason in item.not_combinable] == ["A"]
    assert subsidies.stacks(a, b, {frozenset((1, 2))})


# --- One contribution ----------------------------------------------------------------------


def test_contribution_checks_on_plain_values():
    assert (
        contributions.basic_error(funder_type="fonds", status="toegezegd", amount=D("10")) is None
    )
    assert (
        "groter dan € 0"
        in contributions.basic_error(funder_type="fonds", status="toegezegd", amount=D("0"))[
            "amount"
        ]
    )
    assert (
        "twee cijfers"
        in contributions.basic_error(funder_type="fonds", status="toegezegd", amount=D("1.001"))[
            "amount"
        ]
    )
    # 6.000 + 4.500 = 10.500 > 10.000: 4.000 can still be added.
    room = contributions.post_room_error(
        post_label="vakopleiding", estimate=D("10000"), others=[D("6000")], amount=D("4500")
    )
    assert "op € 10.500,00" in room["amount"] and "nog € 4.000,00 bij" in room["amount"]
    assert (
        "Raam eerst"
        in contributions.post_room_error(
            post_label="vakopleiding", estimate=None, others=[], amount=D("1")
        )["post"]
    )
    r = regeling(1, "RMT", ["vakopleiding"], 13250)
    # 10.000 used + 4.000 = 14.000 > 13.250: 3.250 left.
    too_much = contributions.regeling_maximum_error(regeling=r, used=D("10000"), amount=D("4000"))
    assert "Er kan nog € 3.250,00 bij" in too_much["amount"]
    other = regeling(2, "STAP", ["vakopleiding"], 1000)
    clash = contributions.stacking_error(
        regeling=other, others=[r], pairs=set(), post_label="vakopleiding"
    )
    assert "niet te combineren met RMT" in clash["regeling"]


# --- Issue 14: the WW clock and duration ---------------------------------------------------

WW_PARAM = SimpleNamespace(
    **vars(WW_2023),
    duration_min_months=3,
    duration_max_months=24,
    duration_first_years=10,
    duration_months_per_year_first=D("1"),
    duration_months_per_year_after=D("0.5"),
)


def ww_plan(**fields):
    base = {
        "orientatie_months": 0,
        "overstap_months": 6,
        "leertijd_months": 0,
        "income_before": D("4100"),
        "ww_months_before": 0,
        "arbeidsverleden_years": None,
        "toeslagen": [],
        "household": "",
    }
    return plan(**(base | fields))


def test_ww_entitlement_follows_the_arbeidsverleden():
    def months(years):
        return ww.ww_entitlement_months(years=years, param=WW_PARAM)

    assert months(4) == 4  # 4 × 1 month
    assert months(12) == 11  # 10 × 1 + 2 × 0,5 = 11
    assert months(30) == 20  # 10 × 1 + 20 × 0,5 = 20
    assert months(1) == 3  # at least 3
    assert months(11) == 10  # 10 + 0,5 = 10,5: half months round down
    assert months(60) == 24  # 10 + 50 × 0,5 = 35, at most 24


def test_ww_months_count_across_periods_not_rows():
    # WW in months 1–2 and again 4–5 (a short job in month 3): months 4 and 5 are WW months
    # 3 and 4, so 70% × 4.100 = 2.870, not 75% × 4.100 = 3.075 again.
    periods = [
        period("ww", 1, 2),
        period("salaris_nieuwe_werkgever", 3, 3, D("4100")),
        period("ww", 4, 5),
    ]
    months = income.income_timeline(
        plan=ww_plan(arbeidsverleden_years=18),
        periods=periods,
        ww_params=[WW_PARAM],
        threshold=D("10"),
    ).months
    assert [m.total for m in months[:5]] == [
        D("3075.00"),
        D("3075.00"),
        D("4100"),
        D("2870.00"),
        D("2870.00"),
    ]
    # 18 years: 10 × 1 + 8 × 0,5 = 14 months of WW.
    assert months[3].lines[0].note == "WW maand 3 van 14: 70% van € 4.100,00"


def test_ww_already_received_before_the_plan_counts():
    # Two months of WW before the plan: month 1 is WW month 3, at 70%: 0,70 × 4.100 = 2.870.
    months = income.income_timeline(
        plan=ww_plan(ww_months_before=2),
        periods=[period("ww", 1, 2)],
        ww_params=[WW_PARAM],
        threshold=D("10"),
    ).months
    assert months[0].total == D("2870.00")
    assert months[0].lines[0].note == "WW maand 3: 70% van € 4.100,00"


def test_ww_past_the_entitlement_pays_nothing_and_says_when_it_ended():
    # 4 years of work: 4 months of WW; a WW period of 6 months pays in months 1–4 only.
    timeline = income.income_timeline(
        plan=ww_plan(arbeidsverleden_years=4),
        periods=[period("ww", 1, 6)],
        ww_params=[WW_PARAM],
        threshold=D("10"),
    )
    assert [m.total for m in timeline.months] == [D("3075.00")] * 2 + [D("2870.00")] * 2 + [
        D("0")
    ] * 2
    assert timeline.ww_end_month == date(2026, 4, 1)
    assert [m.ww_ended for m in timeline.months] == [False] * 4 + [True] * 2
    condition = verdict.income_condition(timeline)
    assert any("Vanaf maand 5 is er geen WW meer" in text for text in condition.missing)


# --- Net income ----------------------------------------------------------------------------

TAX_2026 = SimpleNamespace(
    year=2026,
    bracket1_upto=D("38883"),
    bracket1_pct=D("35.75"),
    bracket2_upto=D("78426"),
    bracket2_pct=D("37.56"),
    bracket3_pct=D("49.50"),
    ahk_max=D("3115"),
    ahk_phaseout_from=D("29736"),
    ahk_phaseout_pct=D("6.398"),
    arbeidskorting=[
        {"from": "0", "base": "0", "pct": "8.324"},
        {"from": "11965", "base": "996", "pct": "31.009"},
        {"from": "25845", "base": "5300", "pct": "1.950"},
        {"from": "45592", "base": "5685", "pct": "-6.510"},
        {"from": "132920", "base": "0", "pct": "0"},
    ],
)


def test_the_seeded_2026_table_is_the_one_these_cases_use():
    from financing.catalogue import LOONHEFFING_SEED

    seeded = LOONHEFFING_SEED[0]
    assert {k: v for k, v in seeded.items() if k != "source_note"} == vars(TAX_2026)


def net_of(gross, work=None, year=2026):
    gross = D(gross)
    return net.net_from_gross(
        gross=gross, work=gross if work is None else D(work), year=year, params=[TAX_2026]
    )


def test_net_from_gross_at_three_wages():
    # € 1.380 a month (Shirin's leerwerkbaan): 16.560 a year.
    #   tax 16.560 × 35,75% = 5.920,20; algemene heffingskorting full 3.115;
    #   arbeidskorting 996 + (16.560 − 11.965) × 31,009% = 2.420,86;
    #   (5.920,20 − 3.115 − 2.420,86) / 12 = 32,03 loonheffing; net 1.380 − 32,03 = 1.347,97.
    low = net_of("1380")
    assert (low.loonheffing, low.net) == (D("32.03"), D("1347.97"))
    # € 3.000: 36.000 a year. tax 36.000 × 35,75% = 12.870;
    #   AHK 3.115 − (36.000 − 29.736) × 6,398% = 2.714,23;
    #   AK 5.300 + (36.000 − 25.845) × 1,95% = 5.498,02;
    #   (12.870 − 2.714,23 − 5.498,02) / 12 = 388,15; net 2.611,85.
    mid = net_of("3000")
    assert (mid.ahk, mid.arbeidskorting, mid.net) == (D("2714.23"), D("5498.02"), D("2611.85"))
    # € 6.000: 72.000 a year. tax 38.883 × 35,75% + 33.117 × 37,56% = 26.339,42;
    #   AHK 3.115 − 42.264 × 6,398% = 410,95; AK 5.685 − 26.408 × 6,51% = 3.965,84;
    #   (26.339,42 − 410,95 − 3.965,84) / 12 = 1.830,22; net 4.169,78.
    high = net_of("6000")
    assert (high.tax, high.net) == (D("26339.42"), D("4169.78"))
    # WW is no work: no arbeidskorting. € 3.000 WW: (12.870 − 2.714,23) / 12 = 846,31.
    assert net_of("3000", work="0").net == D("2153.69")


def test_a_year_without_loonheffing_figures_is_named():
    with pytest.raises(net.MissingParameters) as missing:
        net_of("3000", year=2025)
    assert "2025" in str(missing.value)
    # A later year is estimated with the newest figures known.
    assert net_of("3000", year=2028).table_year == 2026


def test_net_income_is_compared_with_the_net_minimum():
    # Shirin: € 1.500 bijstand (net); the leerwerkbaan pays € 1.380 gross = € 1.347,97 net.
    p = plan(
        income_before_source="bijstand",
        income_before=D("1500"),
        orientatie_months=0,
        overstap_months=0,
        leertijd_months=1,
        toeslagen=[],
    )
    timeline = income.income_timeline(
        plan=p,
        periods=[period("salaris_nieuwe_werkgever", 1, 1, D("1380"))],
        ww_params=[],
        threshold=D("10"),
        tax_params=[TAX_2026],
    )
    month = timeline.months[0]
    assert (month.total, month.net, month.below_minimum) == (D("1380"), D("1347.97"), True)
    assert "€ 1.347,97 netto (€ 1.380,00 bruto)" in verdict.income_condition(timeline).missing[0]


def test_a_bijstand_household_under_the_norm():
    # Alleenstaand on € 1.300 bijstand, norm € 1.401,50: the floor is the norm.
    norms = [
        SimpleNamespace(household="alleenstaand", valid_from=date(2026, 1, 1), amount=D("1401.50"))
    ]
    p = plan(
        income_before_source="bijstand",
        income_before=D("1300"),
        household="alleenstaand",
        orientatie_months=0,
        overstap_months=0,
        leertijd_months=1,
        toeslagen=[],
    )
    assert income.effective_minimum(p, norms=norms) == D("1401.50")
    # € 1.400 gross: 16.800 a year; tax 6.006; AHK 3.115; AK 996 + 4.835 × 31,009% = 2.495,29;
    # (6.006 − 3.115 − 2.495,29) / 12 = 32,98; net 1.367,02 < 1.401,50: under the norm,
    # though the gross wage is more than the bijstand.
    timeline = income.income_timeline(
        plan=p,
        periods=[period("salaris_nieuwe_werkgever", 1, 1, D("1400"))],
        ww_params=[],
        threshold=D("10"),
        tax_params=[TAX_2026],
        norms=norms,
    )
    assert timeline.months[0].net == D("1367.02")
    assert timeline.months[0].below_minimum


def test_a_kinderopvangtoeslag_stops_after_three_months_of_ww():
    p = ww_plan(toeslagen=[{"kind": "kinderopvangtoeslag", "amount": "450.00", "last_month": None}])
    months = income.income_timeline(
        plan=p,
        periods=[period("ww", 1, 6)],
        ww_params=[WW_PARAM],
        threshold=D("10"),
        tax_params=[TAX_2026],
    ).months
    assert [bool(m.toeslagen) for m in months] == [True] * 3 + [False] * 3
    assert [t.kind for t in months[3].stopped] == ["kinderopvangtoeslag"]
    # Month 3 and 4 both pay 70% WW = 2.870 gross; the net drops by exactly the toeslag.
    assert months[2].net - months[3].net == D("450.00")


# --- Transitievergoeding -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wage", "years", "iob", "amount", "available"),
    [
        # 3 years at € 3.000: 3.000 / 3 × 3 = 3.000.
        ("3000", "3", None, "3000.00", "3000.00"),
        # 3 years at € 6.000: 6.000 / 3 × 3 = 6.000; € 1.000 IOB set off: 5.000 left.
        ("6000", "3", "1000", "6000.00", "5000.00"),
        # 25 years at € 3.000: 1.000 × 25 = 25.000.
        ("3000", "25", None, "25000.00", "25000.00"),
        # 25 years at € 6.000: 2.000 × 25 = 50.000 (under the cap 102.000); IOB 5.000: 45.000.
        ("6000", "25", "5000", "50000.00", "45000.00"),
        # 60 years at € 6.000: 120.000, capped at max(102.000, 12 × 6.000) = 102.000.
        ("6000", "60", None, "102000", "102000"),
        # 60 years at € 9.000: 180.000, capped at a year's wage 12 × 9.000 = 108.000.
        ("9000", "60", None, "108000", "108000"),
    ],
)
def test_transitievergoeding_by_statute_with_iob_set_off(wage, years, iob, amount, available):
    tv = transitie.transitievergoeding(
        monthly_wage=D(wage),
        years=D(years),
        iob=D(iob) if iob else None,
        max_amount=D("102000"),
    )
    assert (tv.amount, tv.available) == (D(amount), D(available))


# --- Contract certainty --------------------------------------------------------------------


def signed_contract():
    application = SimpleNamespace(
        pk=1,
        status="getekend",
        contract_signed_at=None,
        vacature=SimpleNamespace(organisation=SimpleNamespace(pk=1, __str__=lambda s: "School")),
    )
    return SimpleNamespace(signed=[application], offered=[])


def test_a_temporary_contract_ending_with_the_leerwerktraject_is_no_certainty():
    # 3 + 0 + 12 months from January 2026: the leerwerktraject runs to 31 March 2027.
    p = plan(contract_type="tijdelijk", contract_end=date(2027, 3, 31))
    condition = verdict.contract_condition(signed_contract(), p)
    assert not condition.holds
    assert "eindigt op 31-03-2027, niet na het leerwerktraject" in condition.missing[0]
    p.contract_end = date(2027, 4, 1)
    assert verdict.contract_condition(signed_contract(), p).holds
    p.contract_type, p.contract_end = "vast", None
    assert verdict.contract_condition(signed_contract(), p).holds


# --- Oriëntatietijd, no income picture, validity -------------------------------------------


def test_orientatietijd_is_twenty_working_days_exactly():
    # 4.000 × 20 / 21,75 = 3.678,16 (with 0,92 of a month it was 3.680).
    norm = SimpleNamespace(duration_working_days=D("20"), duration_months=D("0.92"))
    p = plan(income_before=D("4000"))
    assert posts.income_post_norm_estimate(kind="orientatietijd", plan=p, norm=norm) == D("3678.16")


def test_a_plan_without_income_periods_has_no_income_picture():
    timeline = income.income_timeline(plan=plan(), periods=[], ww_params=[], threshold=D("10"))
    assert not timeline.has_income
    assert all(
        m.drop is None and not m.over_threshold and not m.below_minimum for m in timeline.months
    )
    assert timeline.largest_drop is None
    condition = verdict.income_condition(timeline)
    assert condition.missing[0].startswith("Nog geen inkomensplaatje")


def test_an_ended_regeling_is_not_suggested_for_a_plan_that_starts_after_it():
    ends = regeling(1, "Ends", ["vakopleiding"], 1000, valid_to=date(2026, 12, 31))
    view = posts.PostView(
        post=SimpleNamespace(kind="vakopleiding", estimate=D("500")), contributions=[]
    )

    def suggest(start):
        return subsidies.suggest_regelingen(
            views=[view],
            regelingen=[ends],
            pairs=set(),
            sector="zorg",
            target_group="werkenden",
            on=date(2026, 6, 1),
            plan_start=start,
        )[0].suggestions

    assert [s.regeling.name for s in suggest(date(2026, 7, 1))] == ["Ends"]
    assert suggest(date(2027, 1, 1)) == []


# --- Plan checks ---------------------------------------------------------------------------


def test_bad_plan_values_get_a_clear_message():
    p = ww_plan(arbeidsverleden_years=4, ww_months_before=5, ontheffing_date=date(2025, 12, 1))
    # 4 years: 4 months of WW; 5 cannot have been received.
    assert (
        "WW-recht 4 maanden" in plan_checks.ww_before_problems(p, [WW_PARAM])["ww_months_before"][0]
    )
    p.arbeidsverleden_years = -1
    assert (
        "niet negatief" in plan_checks.ww_before_problems(p, [WW_PARAM])["arbeidsverleden_years"][0]
    )
    assert "vóór het begin van het plan" in plan_checks.ontheffing_problems(p)["ontheffing_date"][0]
    tv = transitie.transitievergoeding(
        monthly_wage=D("3000"), years=D("3"), iob=None, max_amount=None
    )
    problems = plan_checks.transitievergoeding_problems(tv, used=D("3500"), field="amount")
    assert "hooguit € 3.000,00" in problems["amount"][0]
    rows, problems = plan_checks.clean_toeslagen([{"kind": "huurtoeslag", "amount": "-1"}])
    assert rows == [] and "bedrag" in problems[0]
