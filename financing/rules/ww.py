"""The WW rule: a dated cap (maximum maandloon) and two percentages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from loopbrug.money import cents

HUNDRED = Decimal("100")


def ww_parameter_on(params: Sequence, on: date):
    """The parameters valid on a date: the latest that started on or before it (else the
    earliest known, so a plan that starts before the first row still gets a figure)."""
    ordered = sorted(params, key=lambda p: p.valid_from)
    valid = [p for p in ordered if p.valid_from <= on]
    if valid:
        return valid[-1]
    return ordered[0] if ordered else None


def ww_pct(*, ww_month: int, first_months: int, pct_first_months: Decimal, pct_after: Decimal):
    """The percentage for the n-th month of unemployment."""
    return pct_first_months if ww_month <= first_months else pct_after


def ww_monthly(
    *,
    wage: Decimal,
    max_monthly_wage: Decimal,
    ww_month: int,
    first_months: int = 2,
    pct_first_months: Decimal = Decimal("75"),
    pct_after: Decimal = Decimal("70"),
) -> Decimal:
    """WW for the n-th month of unemployment: 75% of the capped wage for the first two
    months, then 70% (003 L8069–8073)."""
    capped = min(wage, max_monthly_wage)
    pct = ww_pct(
        ww_month=ww_month,
        first_months=first_months,
        pct_first_months=pct_first_months,
        pct_after=pct_after,
    )
    return cents(capped * pct / HUNDRED)


def ww_entitlement_months(*, years: int, param) -> int:
    """How many months of WW a work history of `years` years gives (UWV): one month per year
    for the first 10 years, half a month per year after that, at least 3 and at most 24
    months; the figures come from the dated WW table. Half months round down."""
    first = min(years, param.duration_first_years)
    after = max(0, years - param.duration_first_years)
    months = int(
        first * param.duration_months_per_year_first + after * param.duration_months_per_year_after
    )
    return max(param.duration_min_months, min(param.duration_max_months, months))
