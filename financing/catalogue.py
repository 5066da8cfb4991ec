"""The starting catalogue: sector norms, regelingen (June 2022), the WW cap and the threshold.

Loaded by migration 0002 and by `ensure_catalogue` (tests that flush the database call it).
Rows that exist are left alone, so a beheerder's corrections survive.

The CSV files are copies of ../shared/data/ (the app must not read shared/ at run time). The
source gives amounts, issuers and sectors, but NOT which posts a regeling may pay for, nor
which regelingen stack. `REGELING_DEFAULTS` below is our reasoned starting point; a beheerder
changes it in the admin (README, "Financieringsplan").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# The subsidy table is "Bestaande subsidies per juni 2022" (003 L8196–8219).
REGELINGEN_VALID_FROM = date(2022, 6, 1)

# 003 L8069–8073 gives the cap €5.579,66 without a date. It is the maximum dagloon of
# 1 January 2023 (€ 256,54) times 21,75 days a month, rounded down by the source, so the row is
# dated from then. UWV changes the cap every January and July: the beheerder adds new rows.
WW_SEED = {
    "valid_from": date(2023, 1, 1),
    "max_monthly_wage": Decimal("5579.66"),
    "first_months": 2,
    "pct_first_months": Decimal("75"),
    "pct_after": Decimal("70"),
    "source_note": "003 L8069–8073 (maximum maandloon; maximum dagloon per 1-1-2023 × 21,75)",
}

# Norms given in working days, counted exactly (a month has 21,75 working days): oriëntatietijd
# is "20 working days of the old wage", 20 / 21,75 of a month, not a rounded 0,92.
DURATION_WORKING_DAYS = {"12-20 days": Decimal("20")}

# Regelingen of the 2022 table that have ended (the 2022 table stays as history). STAP-budget:
# the last application period closed in 2023 and the scheme ended on 1 January 2024
# (Rijksoverheid, "STAP-budget stopt", checked by a beheerder before use).
REGELING_ENDED = {"STAP-budget": date(2023, 12, 31)}

# --- Dated parameters, 2026 -------------------------------------------------------------------
# Figures as published for 2026 (Belastingplan 2026; Rijksoverheid). They are starting values: a
# beheerder checks them against the source and adds a row for each new year in the admin.
CHECK = "controleren door een beheerder"

LOONHEFFING_SEED = [
    {
        "year": 2026,
        "bracket1_upto": Decimal("38883"),
        "bracket1_pct": Decimal("35.75"),
        "bracket2_upto": Decimal("78426"),
        "bracket2_pct": Decimal("37.56"),
        "bracket3_pct": Decimal("49.50"),
        "ahk_max": Decimal("3115"),
        "ahk_phaseout_from": Decimal("29736"),
        "ahk_phaseout_pct": Decimal("6.398"),
        "arbeidskorting": [
            {"from": "0", "base": "0", "pct": "8.324"},
            {"from": "11965", "base": "996", "pct": "31.009"},
            {"from": "25845", "base": "5300", "pct": "1.950"},
            {"from": "45592", "base": "5685", "pct": "-6.510"},
            {"from": "132920", "base": "0", "pct": "0"},
        ],
        "source_note": (
            "Belastingplan 2026 (Belastingdienst: tarieven en heffingskortingen 2026, "
            f"jonger dan AOW-leeftijd); {CHECK}"
        ),
    }
]

# Netto per maand incl. vakantietoeslag, 21 jaar tot AOW-leeftijd (Participatiewet art. 21).
# Indicative figures: these were NOT verified against the half-yearly publication of SZW.
BIJSTANDSNORM_SEED = [
    {
        "valid_from": date(2026, 1, 1),
        "household": household,
        "amount": amount,
        "source_note": f"Normbedragen Participatiewet 1-1-2026 (SZW), indicatief; {CHECK}",
    }
    for household, amount in (
        ("alleenstaand", Decimal("1401.50")),
        ("alleenstaande_ouder", Decimal("1401.50")),
        ("gehuwd", Decimal("2002.14")),
    )
]

TRANSITIEVERGOEDING_SEED = [
    {
        "valid_from": date(2026, 1, 1),
        "max_amount": Decimal("102000"),
        "source_note": f"Rijksoverheid, maximum transitievergoeding 2026; {CHECK}",
    }
]

# Durations in the norm table as months (upper end of the range), so a plan can start from
# them. 20 working days is 20 / 21,75 of a month.
DURATION_MONTHS = {
    "12 days over about 3 months": Decimal("3"),
    "about 1 year": Decimal("12"),
    "about 2 years": Decimal("24"),
    "about 100 days": Decimal("3.3"),
    "12-20 days": Decimal("0.92"),
    "0-4 months": Decimal("4"),
    "1 day per week for 2 years": Decimal("24"),
    "about 3 months": Decimal("3"),
    "2-5 months": Decimal("5"),
}

# Dutch wording of the durations in the CSV.
DURATION_NL = {
    "12 days over about 3 months": "12 dagen verspreid over ongeveer 3 maanden",
    "about 1 year": "ongeveer 1 jaar",
    "about 2 years": "ongeveer 2 jaar",
    "about 100 days": "ongeveer 100 dagen",
    "12-20 days": "12 tot 20 dagen",
    "0-4 months": "0 tot 4 maanden",
    "1 day per week for 2 years": "1 dag per week, 2 jaar lang",
    "about 3 months": "ongeveer 3 maanden",
    "2-5 months": "2 tot 5 maanden",
}


@dataclass(frozen=True)
class RegelingDefault:
    posts: tuple[str, ...]
    funder_type: str
    stackable: bool
    target_group: str = "iedereen"
    conditions: str = ""


# Posts: what the scheme is for, in the words of the seed (003 L4363–4441, L8140–8190).
# Stacking: the seed lists per sector (1) the generic national SZW schemes and (2) sector
# additions, and says many schemes do not stack (L8185–8188). Careful default: the generic
# schemes combine with nothing on the same post; sector additions combine with each other.
# Never promise money that may have to be paid back.
REGELING_DEFAULTS: dict[str, RegelingDefault] = {
    "STAP-budget": RegelingDefault(
        ("vakopleiding",),
        "uwv",
        False,
        conditions=(
            "Aanvragen met een inschrijvingsbewijs van een opleiding. Het budget is beperkt: "
            "vooraf is niet zeker dat er nog geld is (003 L8136–8139)."
        ),
    ),
    "STAP ontwikkeladvies": RegelingDefault(("orientatieprogramma",), "ministerie", False),
    "SLIM-subsidie": RegelingDefault(
        ("persoonlijke_begeleiding", "vakopleiding"),
        "ministerie",
        False,
        target_group="werkenden",
        conditions="Vraagt de werkgever aan, voor leren en ontwikkelen van eigen medewerkers.",
    ),
    "NL leert door - regionale SMR (NLLDR-SMR)": RegelingDefault(
        ("orientatieprogramma", "persoonlijke_begeleiding", "vakopleiding"), "ministerie", False
    ),
    "NL leert door - scholing (NLLDS)": RegelingDefault(("vakopleiding",), "ministerie", False),
    "Praktijkleren": RegelingDefault(
        ("onboarding", "leertijd"),
        "ministerie",
        False,
        conditions="Voor de werkgever die een praktijkleerplaats biedt en begeleidt.",
    ),
    "Regionale Mobiliteitsteams": RegelingDefault(
        ("orientatieprogramma", "persoonlijke_begeleiding", "vakopleiding"), "rmt", False
    ),
    "SectorplanPlus (A en B)": RegelingDefault(("vakopleiding", "onboarding"), "ministerie", False),
    "SectorplanPlus (C D en E)": RegelingDefault(
        ("vakopleiding", "onboarding"), "ministerie", False
    ),
    "Stagefonds zorg": RegelingDefault(("onboarding",), "ministerie", True),
    "Praktijkleren extra subsidie": RegelingDefault(("onboarding", "leertijd"), "ministerie", True),
    "Subsidie zij-instroom": RegelingDefault(
        ("persoonlijke_begeleiding", "vakopleiding", "leertijd"),
        "ministerie",
        True,
        conditions=(
            "De school vraagt aan als de zij-instromer een contract heeft en met de opleiding "
            "start (003 L8120–8131)."
        ),
    ),
    "Tegemoetkoming leraren": RegelingDefault(("vakopleiding",), "ministerie", True),
    "TeamWork regeling": RegelingDefault(("onboarding",), "fonds", True),
    "Jobstart (OOM)": RegelingDefault(("onboarding",), "fonds", True),
    "Leerwerkbijdrage": RegelingDefault(("leertijd",), "fonds", True),
    "A+O bijscholen zij-instromers": RegelingDefault(("vakopleiding",), "fonds", True),
    "A+O financieringsreglement": RegelingDefault(("vakopleiding",), "fonds", True),
    "A+O NL leert door (SZW)": RegelingDefault(
        ("orientatieprogramma", "persoonlijke_begeleiding", "vakopleiding"), "fonds", False
    ),
    "Omscholingsregeling": RegelingDefault(("vakopleiding",), "ministerie", True),
}

# Exceptions to the flags above: pairs that do combine. Praktijkleren extra comes on top of
# Praktijkleren, as its name says; the two SectorplanPlus tiers are variants of one scheme
# and do not combine with each other, but do with the other zorg additions.
STACKABLE_PAIRS = [
    ("Praktijkleren", "Praktijkleren extra subsidie"),
    ("SectorplanPlus (A en B)", "Stagefonds zorg"),
    ("SectorplanPlus (A en B)", "Praktijkleren extra subsidie"),
    ("SectorplanPlus (C D en E)", "Stagefonds zorg"),
    ("SectorplanPlus (C D en E)", "Praktijkleren extra subsidie"),
]


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _decimal(text: str) -> Decimal | None:
    text = (text or "").strip()
    return Decimal(text) if text else None


def sector_norm_rows() -> list[dict]:
    rows = []
    for row in _rows("sector_norms.csv"):
        duration = row["duration"].strip()
        rows.append(
            {
                "sector": row["sector"].strip(),
                "item": row["post"].strip(),
                "cost_min": _decimal(row["cost_min_eur"]),
                "cost_max": _decimal(row["cost_max_eur"]),
                "duration": DURATION_NL.get(duration, duration),
                "duration_months": DURATION_MONTHS.get(duration),
                "duration_working_days": DURATION_WORKING_DAYS.get(duration),
                "improductivity_year1_pct": _decimal(row["improductivity_year1_pct"]),
                "improductivity_year2_pct": _decimal(row["improductivity_year2_pct"]),
                "certain": row["certain"].strip().lower() == "yes",
            }
        )
    return rows


def regeling_rows() -> list[dict]:
    rows = []
    for row in _rows("regelingen_2022.csv"):
        name = row["name"].strip()
        default = REGELING_DEFAULTS[name]
        sectors = row["sectors"].strip()
        note = "003 L8196–8219, bedragen per juni 2022"
        if row["source_note"].strip():
            note += f" ({row['source_note'].strip()})"
        rows.append(
            {
                "name": name,
                "issuer": row["issuer"].strip(),
                "funder_type": default.funder_type,
                "sectors": [] if sectors == "all" else sectors.split(";"),
                "posts": list(default.posts),
                "target_group": default.target_group,
                "amount_min": _decimal(row["amount_min_eur"]),
                "amount_max": _decimal(row["amount_max_eur"]),
                "valid_from": REGELINGEN_VALID_FROM,
                "valid_to": REGELING_ENDED.get(name),
                "stackable": default.stackable,
                "conditions": default.conditions,
                "source_note": note,
            }
        )
    return rows


def current_regeling_rows() -> list[dict]:
    """The schemes that run now (regelingen_2026.csv), with their regions and dates."""
    rows = []
    for row in _rows("regelingen_2026.csv"):
        sectors, regions = row["sectors"].strip(), row["regions"].strip()
        rows.append(
            {
                "name": row["name"].strip(),
                "issuer": row["issuer"].strip(),
                "funder_type": row["funder_type"].strip(),
                "sectors": [] if sectors == "all" else sectors.split(";"),
                "regions": regions.split(";") if regions else [],
                "posts": row["posts"].strip().split(";"),
                "target_group": "iedereen",
                "amount_min": _decimal(row["amount_min_eur"]),
                "amount_max": _decimal(row["amount_max_eur"]),
                "valid_from": date.fromisoformat(row["valid_from"].strip()),
                "valid_to": (
                    date.fromisoformat(row["valid_to"].strip()) if row["valid_to"].strip() else None
                ),
                "stackable": row["stackable"].strip() == "yes",
                "is_loan": row["loan"].strip() == "yes",
                "conditions": row["conditions"].strip(),
                "source_note": row["source_note"].strip(),
            }
        )
    return rows


def ensure_current_regelingen(regeling) -> None:
    """The schemes of regelingen_2026.csv, when missing (a beheerder's corrections survive)."""
    for row in current_regeling_rows():
        regeling.objects.get_or_create(name=row.pop("name"), defaults=row)


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def ensure_catalogue(regeling, sector_norm, ww_parameter, financing_settings, **tables) -> None:
    """Create the starting rows that are missing (model classes passed in, for migrations; the
    dated parameter tables of 2026 are loaded too when their models are given or, outside a
    migration, always)."""
    if not tables and _has_field(sector_norm, "duration_working_days"):
        from . import models

        tables = {
            "loonheffing": models.LoonheffingParameter,
            "bijstandsnorm": models.Bijstandsnorm,
            "transitievergoeding": models.TransitievergoedingParameter,
        }
    for row in sector_norm_rows():
        if not _has_field(sector_norm, "duration_working_days"):
            row.pop("duration_working_days")
        sector_norm.objects.get_or_create(
            sector=row.pop("sector"), item=row.pop("item"), defaults=row
        )
    created = {}
    for row in regeling_rows():
        obj, was_created = regeling.objects.get_or_create(name=row.pop("name"), defaults=row)
        if was_created:
            created[obj.name] = obj
    for a, b in STACKABLE_PAIRS:
        if a in created or b in created:
            first = regeling.objects.filter(name=a).first()
            second = regeling.objects.filter(name=b).first()
            if first and second:
                # Both ways: historical models in a migration do not mirror a symmetrical M2M.
                first.stackable_with.add(second)
                second.stackable_with.add(first)
    if _has_field(regeling, "is_loan"):
        ensure_current_regelingen(regeling)
    seed = dict(WW_SEED)
    ww_parameter.objects.get_or_create(valid_from=seed.pop("valid_from"), defaults=seed)
    if not financing_settings.objects.exists():
        financing_settings.objects.create()
    ensure_parameters(**tables)


def ensure_parameters(*, loonheffing=None, bijstandsnorm=None, transitievergoeding=None) -> None:
    """The 2026 rows of the dated tables, when missing (a beheerder's corrections survive)."""
    if loonheffing is not None:
        for row in LOONHEFFING_SEED:
            row = dict(row)
            loonheffing.objects.get_or_create(year=row.pop("year"), defaults=row)
    if bijstandsnorm is not None:
        for row in BIJSTANDSNORM_SEED:
            row = dict(row)
            bijstandsnorm.objects.get_or_create(
                valid_from=row.pop("valid_from"), household=row.pop("household"), defaults=row
            )
    if transitievergoeding is not None:
        for row in TRANSITIEVERGOEDING_SEED:
            row = dict(row)
            transitievergoeding.objects.get_or_create(
                valid_from=row.pop("valid_from"), defaults=row
            )
