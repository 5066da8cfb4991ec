"""Figures latende shows but another app computes. The business case needs each traject's WW
figures from its financing plan; financing sits above latende, so it registers the function
that reads them here when it starts (financing.apps)."""

from __future__ import annotations

from collections.abc import Callable

from .business_case import PlanFigures

PlanFiguresProvider = Callable[..., dict[int, PlanFigures]]
_providers: dict[str, PlanFiguresProvider] = {}


def register_plan_figures(provider: PlanFiguresProvider) -> None:
    _providers["plan_figures"] = provider


def plan_figures(*, user_ids: list[int], organisation_id: int, expected_ww_months: int):
    """Per overstapper (user id) with a financing plan: the WW figures of their plan. Empty
    when no app provides them."""
    provider = _providers.get("plan_figures")
    if provider is None or not user_ids:
        return {}
    return provider(
        user_ids=user_ids,
        organisation_id=organisation_id,
        expected_ww_months=expected_ww_months,
    )
