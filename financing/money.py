"""Money the Dutch way: € 1.234,56 (thousands with a dot, cents with a comma)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def cents(value: Decimal | int | float | str) -> Decimal:
    """Round to whole cents, half up, as payslips and the UWV do."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def format_euro(value, *, empty: str = "—") -> str:
    if value is None or value == "":
        return empty
    try:
        amount = cents(value)
    except (InvalidOperation, ValueError):
        return empty
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"€ {sign}{'.'.join(groups)},{fraction}"


def format_pct(value, *, decimals: int = 1, empty: str = "—") -> str:
    if value is None or value == "":
        return empty
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return empty
    text = f"{number:.{decimals}f}".replace(".", ",")
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return f"{text}%"
