"""Checks on the new plan fields that need no query: the WW already received, the ontheffing
date, the toeslagen and the transitievergoeding. Each returns {field: [messages]}."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from loopbrug.money import format_euro

from ..models import IncomeKind, ToeslagKind
from .limits import MAX_MONTHLY, MAX_MONTHS
from .transitie import Transitievergoeding
from .ww import ww_entitlement_months, ww_parameter_on

ZERO = Decimal("0")


def ww_before_problems(plan, ww_params: Sequence) -> dict[str, list[str]]:
    """Years of work history are not negative; WW already received fits the entitlement."""
    years = plan.arbeidsverleden_years
    if years is not None and years < 0:
        return {"arbeidsverleden_years": [_("Het arbeidsverleden kan niet negatief zijn.")]}
    before = plan.ww_months_before or 0
    if before < 0:
        return {"ww_months_before": [_("Het aantal maanden WW kan niet negatief zijn.")]}
    param = ww_parameter_on(ww_params, plan.start_month) if plan.start_month else None
    if years is None or param is None or not before:
        return {}
    entitlement = ww_entitlement_months(years=years, param=param)
    if before > entitlement:
        return {
            "ww_months_before": [
                _(
                    "Met %(years)s jaar arbeidsverleden is het WW-recht %(months)s maanden; er "
                    "kunnen geen %(before)s maanden al ontvangen zijn."
                )
                % {"years": years, "months": entitlement, "before": before}
            ]
        }
    return {}


def ontheffing_problems(plan) -> dict[str, list[str]]:
    if plan.ontheffing_date and plan.start_month and plan.ontheffing_date < plan.start_month:
        return {
            "ontheffing_date": [
                _("De datum van de ontheffing ligt vóór het begin van het plan (%(start)s).")
                % {"start": f"{plan.start_month:%d-%m-%Y}"}
            ]
        }
    return {}


def clean_toeslagen(items) -> tuple[list[dict], list[str]]:
    """Toeslagen as typed (kind, amount per month net, last month or empty) → stored rows."""
    if items in (None, ""):
        return [], []
    if not isinstance(items, list):
        return [], [_("Geef de toeslagen als een lijst.")]
    rows, problems = [], []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or item.get("kind") not in ToeslagKind.values:
            problems.append(_("Toeslag %(n)s: kies de soort toeslag.") % {"n": index})
            continue
        try:
            amount = Decimal(str(item.get("amount")))
        except (InvalidOperation, ValueError):
            amount = None
        if amount is None or not amount.is_finite() or not ZERO <= amount <= MAX_MONTHLY:
            problems.append(_("Toeslag %(n)s: vul een bedrag per maand in.") % {"n": index})
            continue
        if amount != amount.quantize(Decimal("0.01")):
            problems.append(
                _("Toeslag %(n)s: hooguit twee cijfers achter de komma.") % {"n": index}
            )
            continue
        last = item.get("last_month")
        if last not in (None, ""):
            if not isinstance(last, int) or not 0 <= last <= MAX_MONTHS:
                problems.append(
                    _("Toeslag %(n)s: de laatste maand is een getal van 0 tot %(max)s.")
                    % {"n": index, "max": MAX_MONTHS}
                )
                continue
        else:
            last = None
        rows.append({"kind": item["kind"], "amount": f"{amount:.2f}", "last_month": last})
    return rows, problems


def transitievergoeding_problems(
    tv: Transitievergoeding | None, *, used: Decimal, field: str
) -> dict[str, list[str]]:
    """What the plan takes from the transitievergoeding may not exceed what the statute gives
    (after IOB set off)."""
    if not used:
        return {}
    if tv is None:
        return {
            field: [
                _(
                    "Vul het loon vóór de overstap en de dienstjaren in: daaruit volgt hoeveel "
                    "transitievergoeding er is."
                )
            ]
        }
    if used > tv.available:
        return {
            field: [
                _(
                    "Uit de transitievergoeding kan hooguit %(available)s (wettelijk %(amount)s, "
                    "min %(iob)s IOB); in het plan staat %(used)s."
                )
                % {
                    "available": format_euro(tv.available),
                    "amount": format_euro(tv.amount),
                    "iob": format_euro(tv.iob),
                    "used": format_euro(used),
                }
            ]
        }
    return {}


def tv_used_by_periods(periods) -> Decimal:
    return sum(
        (
            (p.amount or ZERO) * (p.last_month - p.first_month + 1)
            for p in periods
            if p.kind == IncomeKind.TRANSITIEVERGOEDING
        ),
        ZERO,
    )
