"""Template filters for money and percentages, the Dutch way (€ 1.234,56 and 34,9%)."""

from __future__ import annotations

from django import template

from loopbrug.money import format_euro, format_pct

register = template.Library()


@register.filter
def euro(value, empty: str = "—") -> str:
    return format_euro(value, empty=empty)


@register.filter
def pct(value, decimals: int = 1) -> str:
    return format_pct(value, decimals=int(decimals))
