"""Import of the shortage table (taxonomy/data/tekorten.csv) into Tekort.

The CSV has one line per beroep (landelijk: `regio` empty) or per beroep and region:

    beroep,regio,spanning,krimp,bron,peildatum
    verpleegkundige,,5,nee,"...",2026-12-01

`beroep` is the code of a curated beroep (without "lb:") or any Beroep code, `regio` the code
of an arbeidsmarktregio, `spanning` 1 (zeer ruim) to 5 (zeer krap) as in UWV's
spanningsindicator, `krimp` ja or nee, `bron` where the figure comes from, `peildatum` ISO.

Every line is checked before anything is written: one bad line (unknown beroep or region, a
value out of range, a line twice) refuses the whole file with the line numbers, and the table
stays as it was. A good file replaces the table, so the CSV in the repository is the truth a
new deployment starts from; a beheerder's corrections in the admin last until the next import.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Region

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "tekorten.csv"
COLUMNS = ("beroep", "regio", "spanning", "krimp", "bron", "peildatum")
CURATED_PREFIX = "lb:"


def _models(models):
    if models is not None:
        return models
    from .models import Beroep, Tekort

    return {"Beroep": Beroep, "Region": Region, "Tekort": Tekort}


def _parse(text: str, models) -> list[dict]:
    """The rows of the file, checked; a ValidationError lists every bad line."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("In het tekortenbestand ontbreken de kolommen: %(columns)s.")
            % {"columns": ", ".join(missing)},
            code="tekorten_columns",
        )
    reader.fieldnames = header
    beroepen = dict(models["Beroep"].objects.values_list("code", "pk"))
    regions = dict(models["Region"].objects.values_list("code", "pk"))
    rows, errors, seen = [], [], {}
    for line, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        problems = []
        code = row["beroep"]
        beroep = beroepen.get(CURATED_PREFIX + code, beroepen.get(code))
        if beroep is None:
            problems.append(_("onbekend beroep '%(code)s'") % {"code": code})
        region = None
        if row["regio"]:
            region = regions.get(row["regio"])
            if region is None:
                problems.append(_("onbekende regio '%(code)s'") % {"code": row["regio"]})
        try:
            spanning = int(row["spanning"])
        except ValueError:
            spanning = None
        if spanning is None or not 1 <= spanning <= 5:
            problems.append(
                _("spanning '%(value)s' is geen geheel getal van 1 (zeer ruim) tot 5 (zeer krap)")
                % {"value": row["spanning"]}
            )
        if row["krimp"].lower() not in ("ja", "nee"):
            problems.append(
                _("krimp moet ja of nee zijn, niet '%(value)s'") % {"value": row["krimp"]}
            )
        if not row["bron"]:
            problems.append(_("de bron ontbreekt"))
        try:
            measured_on = date.fromisoformat(row["peildatum"])
        except ValueError:
            measured_on = None
            problems.append(
                _("peildatum '%(value)s' is geen datum als 2026-12-01")
                % {"value": row["peildatum"]}
            )
        key = (beroep, region)
        if beroep is not None and key in seen:
            problems.append(_("staat al op regel %(line)s") % {"line": seen[key]})
        seen.setdefault(key, line)
        if problems:
            errors.append(
                _("Regel %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        rows.append(
            {
                "beroep_id": beroep,
                "region_id": region,
                "spanning": spanning,
                "krimpsector": row["krimp"].lower() == "ja",
                "source": row["bron"][:300],
                "measured_on": measured_on,
            }
        )
    if errors:
        raise ValidationError(
            [_("Het tekortenbestand is niet ingelezen; er is niets veranderd.")] + errors,
            code="tekorten_invalid",
        )
    return rows


@transaction.atomic
def tekorten_import(*, path: Path | str = DEFAULT_CSV, models=None) -> dict[str, int]:
    """Replace the shortage table by the CSV file, or refuse it whole (see module docstring).
    `models` lets a migration pass historical models."""
    models = _models(models)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError(
            _("Het bestand %(path)s bestaat niet.") % {"path": path}, code="tekorten_missing"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Het tekortenbestand is geen UTF-8-tekst."), code="tekorten_encoding"
        ) from exc
    rows = _parse(text, models)
    Tekort = models["Tekort"]
    removed, _detail = Tekort.objects.all().delete()
    Tekort.objects.bulk_create([Tekort(**row) for row in rows])
    return {"imported": len(rows), "removed": removed}
