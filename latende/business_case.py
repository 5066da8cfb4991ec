"""The business case of a switch route against forced redundancy (issue 16, doorbraak 10).

Pure: no queries. The callers hand in the beheerder's assumptions, the campaign's pledge and,
for the public purse, each traject's WW figures from its financing plan (financing.pledges).

For the leaving employer, per person:
- the switch route costs what it pledges: oriëntatietijd with salary (days x daily wage x
  werkgeverslasten), the scholingsbudget, coaching, and the statutory transitievergoeding
  unless the switch goes without redundancy (policy "geen");
- forced redundancy costs the statutory transitievergoeding (1/3 monthly wage per year of
  service, at most the year's maximum or a year's wage when that is higher, BW 7:673), the
  salary during the notice period (with werkgeverslasten) and its own process costs.
For the public purse, per traject: the WW the person would have had without the switch
against the WW the plan still pays, minus the public money in the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from loopbrug.money import cents

ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Assumptions:
    monthly_salary: Decimal
    years_of_service: Decimal
    notice_months: Decimal
    employer_charges_pct: Decimal
    working_days_per_month: Decimal
    transitievergoeding_max: Decimal
    expected_ww_months: int

    @classmethod
    def of(cls, row) -> Assumptions:
        """From a BusinessCaseAssumptions row (or anything with the same attributes)."""
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class PledgeTerms:
    orientatie_days: int
    scholingsbudget: Decimal
    coaching_budget: Decimal
    transitievergoeding_policy: str  # latende.models.TransitievergoedingPolicy
    process_costs: Decimal

    @classmethod
    def of(cls, pledge) -> PledgeTerms:
        return cls(**{name: getattr(pledge, name) for name in cls.__dataclass_fields__})


NO_PLEDGE = PledgeTerms(
    orientatie_days=0,
    scholingsbudget=ZERO,
    coaching_budget=ZERO,
    transitievergoeding_policy="geen",
    process_costs=ZERO,
)


@dataclass(frozen=True)
class PlanFigures:
    """One traject's WW figures, read from its financing plan."""

    ww_without_months: int  # WW months the person would have had after forced redundancy
    ww_without_amount: Decimal
    ww_paid_months: int  # WW months the switch plan still counts on
    ww_paid_amount: Decimal
    public_contributions: Decimal  # active contributions of UWV, gemeente, ministerie, RMT


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal
    how: str = ""  # the calculation, so every figure can be checked


@dataclass(frozen=True)
class EmployerCase:
    switch: list[Line]
    redundancy: list[Line]

    @property
    def switch_total(self) -> Decimal:
        return sum((line.amount for line in self.switch), ZERO)

    @property
    def redundancy_total(self) -> Decimal:
        return sum((line.amount for line in self.redundancy), ZERO)

    @property
    def saving(self) -> Decimal:
        """What the switch route saves the employer (negative: it costs more)."""
        return self.redundancy_total - self.switch_total

    def times(self, n: int) -> EmployerCase:
        return EmployerCase(
            switch=[Line(ln.label, cents(ln.amount * n), ln.how) for ln in self.switch],
            redundancy=[Line(ln.label, cents(ln.amount * n), ln.how) for ln in self.redundancy],
        )


def _num(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def statutory_transitievergoeding(
    *, monthly_salary: Decimal, years: Decimal, maximum: Decimal
) -> Decimal:
    """BW 7:673 as financing.rules.transitie: a third of a monthly wage per year of service,
    capped at the maximum or one year's wage when that is higher."""
    statutory = cents(monthly_salary / 3 * years)
    return min(statutory, max(maximum, monthly_salary * 12))


def employer_case(a: Assumptions, pledge: PledgeTerms) -> EmployerCase:
    """Per person: what the switch route costs the employer against forced redundancy."""
    load = 1 + a.employer_charges_pct / HUNDRED
    daily = a.monthly_salary / a.working_days_per_month
    tv = statutory_transitievergoeding(
        monthly_salary=a.monthly_salary,
        years=a.years_of_service,
        maximum=a.transitievergoeding_max,
    )
    tv_how = _("%(years)s dienstjaren × 1/3 van %(salary)s, hooguit %(max)s") % {
        "years": _num(a.years_of_service),
        "salary": _num(a.monthly_salary),
        "max": _num(max(a.transitievergoeding_max, a.monthly_salary * 12)),
    }
    switch = [
        Line(
            _("Oriëntatietijd met behoud van salaris"),
            cents(daily * pledge.orientatie_days * load),
            _("%(days)s dagen × %(salary)s / %(wd)s werkdagen × %(load)s (werkgeverslasten)")
            % {
                "days": pledge.orientatie_days,
                "salary": _num(a.monthly_salary),
                "wd": _num(a.working_days_per_month),
                "load": _num(load),
            },
        ),
        Line(_("Scholingsbudget"), cents(pledge.scholingsbudget), _("toezegging per persoon")),
        Line(_("Coaching"), cents(pledge.coaching_budget), _("toezegging per persoon")),
        Line(
            _("Transitievergoeding"),
            ZERO if pledge.transitievergoeding_policy == "geen" else tv,
            _("niet van toepassing: overstap zonder ontslag")
            if pledge.transitievergoeding_policy == "geen"
            else tv_how,
        ),
    ]
    redundancy = [
        Line(_("Transitievergoeding (wettelijk)"), tv, tv_how),
        Line(
            _("Loon tijdens de opzegtermijn"),
            cents(a.monthly_salary * a.notice_months * load),
            _("%(months)s maanden × %(salary)s × %(load)s (werkgeverslasten)")
            % {
                "months": _num(a.notice_months),
                "salary": _num(a.monthly_salary),
                "load": _num(load),
            },
        ),
        Line(
            _("Eigen proceskosten van het ontslag"),
            cents(pledge.process_costs),
            _("opgegeven door de werkgever"),
        ),
    ]
    return EmployerCase(switch=switch, redundancy=redundancy)


@dataclass(frozen=True)
class PublicReturn:
    trajecten: int = 0
    ww_without_months: int = 0
    ww_without_amount: Decimal = ZERO
    ww_paid_months: int = 0
    ww_paid_amount: Decimal = ZERO
    public_contributions: Decimal = ZERO
    per_traject: list[Decimal] = field(default_factory=list)

    @property
    def months_avoided(self) -> int:
        return self.ww_without_months - self.ww_paid_months

    @property
    def amount_avoided(self) -> Decimal:
        return self.ww_without_amount - self.ww_paid_amount

    @property
    def net_return(self) -> Decimal:
        """WW avoided minus the public money the switch costs."""
        return self.amount_avoided - self.public_contributions


def traject_return(figures: PlanFigures) -> Decimal:
    """What one switch returns to the public purse."""
    return figures.ww_without_amount - figures.ww_paid_amount - figures.public_contributions


def public_return(figures: Iterable[PlanFigures]) -> PublicReturn:
    rows = list(figures)
    return PublicReturn(
        trajecten=len(rows),
        ww_without_months=sum(f.ww_without_months for f in rows),
        ww_without_amount=sum((f.ww_without_amount for f in rows), ZERO),
        ww_paid_months=sum(f.ww_paid_months for f in rows),
        ww_paid_amount=sum((f.ww_paid_amount for f in rows), ZERO),
        public_contributions=sum((f.public_contributions for f in rows), ZERO),
        per_traject=[traject_return(f) for f in rows],
    )
