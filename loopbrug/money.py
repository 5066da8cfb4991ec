"""Money the Dutch way: € 1.234,56 (thousands with a dot, cents with a comma), shown and typed.

In the core so every app's forms read amounts alike (financing, matching, profiles)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


# The largest amount a form accepts (a typo guard, not a rule).
MAX_AMOUNT = Decimal("250000")


THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_euro(text: str) -> Decimal:
    """Read an amount the way people type it: 2500, 2.500, 2500,50, € 2.500,50 or 2500.50."""
    value = (text or "").replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if "," in value and "." in value:
        decimal_sep = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal_sep == "," else ",", "").replace(decimal_sep, ".")
    elif "," in value:
        value = value.replace(",", ".")
    elif THOUSANDS.match(value):
        value = value.replace(".", "")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidOperation
    return number


def euro_input(value) -> str:
    """An amount as it appears in an input: 2500,50 (no thousands dot, so it reads back)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):.2f}".replace(".", ",")


class EuroInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return euro_input(value)
        return super().format_value(value)


class EuroField(forms.Field):
    widget = EuroInput
    default_error_messages = {
        "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 2.500 of 2500,50."),
        "min_value": _("Vul een bedrag van € 0 of meer in."),
        "max_value": _("Dit bedrag is onwaarschijnlijk hoog (meer dan %(max)s). Klopt het?"),
        "decimals": _("Gebruik hooguit twee cijfers achter de komma."),
    }

    def __init__(self, *, max_value: Decimal = MAX_AMOUNT, **kwargs):
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_euro(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if number.adjusted() > 12:  # 1e999 and friends: far too high, and not quantizable
            raise ValidationError(
                self.error_messages["max_value"] % {"max": format_euro(self.max_value)},
                code="max_value",
            )
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["decimals"], code="decimals")
        return number.quantize(Decimal("0.01")) + 0  # + 0 turns -0.00 into 0.00

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0:
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        if value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"] % {"max": format_euro(self.max_value)},
                code="max_value",
            )
