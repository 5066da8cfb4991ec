"""Dutch formats shared by pages, PDF and CSV: durations in words and decimals with a comma."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils.translation import ngettext


def format_duration(value: timedelta | None, *, empty: str = "—") -> str:
    """A duration in words: "23 ms", "4 s", "4 min", "2 uur 5 min", never "0:00:00.023288"."""
    if value is None:
        return empty
    seconds = value.total_seconds()
    if seconds < 1:
        return f"{round(seconds * 1000)} ms"
    if seconds < 60:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    text = ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours}
    return f"{text} {minutes} min" if minutes else text


def decimal_comma(value) -> str:
    """A number for a Dutch spreadsheet: 12,5 instead of 12.5 (integers unchanged)."""
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return value
