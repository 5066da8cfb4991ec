"""Net income from gross: the year's loonheffing brackets minus the algemene heffingskorting
and the arbeidskorting (below AOW age, without vakantiegeld or pension premium). An estimate,
shown with its formula on the page; the figures per year live in a table a beheerder keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loopbrug.money import cents

ZERO = Decimal("0")
HUNDRED = Decimal("100")
TWELVE = Decimal("12")

FORMULA = gettext_lazy(
    "netto per maand ≈ bruto − (loonheffing over 12 × bruto volgens de schijven − algemene "
    "heffingskorting − arbeidskorting (alleen over loon)) ÷ 12"
)


class MissingParameters(Exception):
    """No loonheffing table for a year (nor an earlier one)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("Er zijn geen loonheffingsgegevens voor %(year)s; een beheerder vult die in.")
            % {"year": year}
        )


def parameters_for_year(params: Sequence, year: int):
    """The table of that year, else of the latest year before it (a later year is estimated
    with the newest known figures); MissingParameters when there is none at all."""
    known = sorted((p for p in params if p.year <= year), key=lambda p: p.year)
    if not known:
        raise MissingParameters(year)
    return known[-1]


def bracket_tax(year_income: Decimal, p) -> Decimal:
    """Tax over a year's income in three brackets."""
    one = min(year_income, p.bracket1_upto)
    two = min(max(ZERO, year_income - p.bracket1_upto), p.bracket2_upto - p.bracket1_upto)
    three = max(ZERO, year_income - p.bracket2_upto)
    return (one * p.bracket1_pct + two * p.bracket2_pct + three * p.bracket3_pct) / HUNDRED


def algemene_heffingskorting(year_income: Decimal, p) -> Decimal:
    reduction = max(ZERO, year_income - p.ahk_phaseout_from) * p.ahk_phaseout_pct / HUNDRED
    return max(ZERO, p.ahk_max - reduction)


def arbeidskorting(work_income: Decimal, p) -> Decimal:
    """The step that work income falls in: its base plus its percentage of what lies above."""
    if work_income <= 0:
        return ZERO
    steps = sorted(p.arbeidskorting, key=lambda s: Decimal(str(s["from"])))
    step = [s for s in steps if Decimal(str(s["from"])) <= work_income][-1]
    above = work_income - Decimal(str(step["from"]))
    return max(ZERO, Decimal(str(step["base"])) + above * Decimal(str(step["pct"])) / HUNDRED)


def arbeidskorting_error(steps) -> str | None:
    """What is wrong with the arbeidskorting steps a beheerder typed, or None."""
    if not isinstance(steps, list) or not steps:
        return _("Geef minstens één trap, vanaf 0.")
    try:
        froms = [Decimal(str(s["from"])) for s in steps]
        for s in steps:
            Decimal(str(s["base"]))
            Decimal(str(s["pct"]))
    except (KeyError, TypeError, InvalidOperation):
        return _('Elke trap heeft "from", "base" en "pct" als getal.')
    if min(froms) != 0:
        return _("De eerste trap begint bij 0.")
    return None


@dataclass(frozen=True)
class NetEstimate:
    year: int
    table_year: int
    gross: Decimal  # per month, taxed
    work: Decimal  # per month, of which from work
    tax: Decimal  # per year, before the heffingskortingen
    ahk: Decimal  # per year
    arbeidskorting: Decimal  # per year
    loonheffing: Decimal  # per month
    net: Decimal  # per month


def net_from_gross(*, gross: Decimal, work: Decimal, year: int, params: Sequence) -> NetEstimate:
    """Net per month of a gross monthly income (of which `work` is wage, for arbeidskorting)."""
    p = parameters_for_year(params, year)
    year_income = gross * TWELVE
    tax = bracket_tax(year_income, p)
    ahk = algemene_heffingskorting(year_income, p)
    ak = arbeidskorting(work * TWELVE, p)
    loonheffing = cents(max(ZERO, tax - ahk - ak) / TWELVE)
    return NetEstimate(
        year=year,
        table_year=p.year,
        gross=gross,
        work=work,
        tax=cents(tax),
        ahk=cents(ahk),
        arbeidskorting=cents(ak),
        loonheffing=loonheffing,
        net=cents(gross - loonheffing),
    )
