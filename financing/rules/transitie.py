"""The transitievergoeding (BW 7:673): one third of a monthly wage per year of service, pro
rata, at most the year's maximum or one year's wage when that is higher; IOB the employer
already paid may be set off against it (003 L4761–4763, L6452–6453)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from loopbrug.money import cents

from ..models import IncomeBefore

ZERO = Decimal("0")


def cap_on(params: Sequence, on: date):
    """The maximum valid on a date (the latest that started on or before it)."""
    valid = sorted((p for p in params if p.valid_from <= on), key=lambda p: p.valid_from)
    return valid[-1] if valid else None


@dataclass(frozen=True)
class Transitievergoeding:
    statutory: Decimal  # before the cap
    cap: Decimal | None  # the year's maximum, or a year's wage when higher
    amount: Decimal  # capped
    iob: Decimal
    available: Decimal  # after IOB set off


def transitievergoeding(
    *, monthly_wage: Decimal, years: Decimal, iob: Decimal | None, max_amount: Decimal | None
) -> Transitievergoeding:
    statutory = cents(monthly_wage / 3 * years)
    cap = None if max_amount is None else max(max_amount, monthly_wage * 12)
    amount = statutory if cap is None else min(statutory, cap)
    iob = iob or ZERO
    return Transitievergoeding(
        statutory=statutory,
        cap=cap,
        amount=amount,
        iob=iob,
        available=max(ZERO, amount - iob),
    )


def plan_transitievergoeding(plan, params: Sequence) -> Transitievergoeding | None:
    """The statutory transitievergoeding of a plan: from the wage before the switch (when it
    is a wage) and the years of service, capped by the maximum valid at the plan's start."""
    if plan.dienstjaren is None or plan.income_before is None:
        return None
    if plan.income_before_source != IncomeBefore.LOON:
        return None
    cap = cap_on(params, plan.start_month)
    return transitievergoeding(
        monthly_wage=plan.income_before,
        years=plan.dienstjaren,
        iob=plan.iob_received,
        max_amount=cap.max_amount if cap else None,
    )
