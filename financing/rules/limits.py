"""The bounds of a plan, written once: models, forms and the API all read them from here."""

from __future__ import annotations

from decimal import Decimal

# Months per phase (the norm for oriëntatie is about 3 months, overstaptijd 0 to 4, leertijd up
# to 2 years; these maxima only catch typing errors).
ORIENTATIE_MAX_MONTHS = 12
OVERSTAP_MAX_MONTHS = 24
LEERTIJD_MAX_MONTHS = 60
# A month number in an income period (month 1 = start oriëntatie).
MAX_MONTHS = 96
# How many income periods one plan may have.
MAX_INCOME_PERIODS = 24

# A monthly amount or a post's cost above this is a typing error, not a plan (one definition,
# in the core, where the euro form field reads it too).
from loopbrug.money import MAX_AMOUNT  # noqa: E402, F401

MAX_MONTHLY = Decimal("100000")

# The longest WW there is (months); the entitlement itself comes from the dated WW table.
WW_MAX_MONTHS = 38
