"""The financing rules on plain values: no database, every figure computed by hand in a comment.

The rules live in financing/rules/ and take any object with the right attributes, so these
tests build plans, periods and parameters with SimpleNamespace (or unsaved model rows)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from financing.models import Regeling
from financing.rules import contributions, income, limits, posts, subsidies, verdict, ww

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
