"""A stored report as CSV, XLSX and PDF: the same suppressed tables, nothing else."""

from __future__ import annotations

import copy
import csv
import io
import re
from datetime import date

from django.utils.translation import gettext as _

from loopbrug.formats import decimal_comma
from loopbrug.pdf import render_pdf

# A cell that starts with one of these is a formula to Excel and LibreOffice (CSV injection,
# OWASP): region names and labels are text, so such a cell gets a leading quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?%?$")


def spreadsheet_safe(value):
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    if not isinstance(value, str) or value in ("-", "+"):
        return value
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _safe_row(row) -> list:
    # Decimals with a comma, as a Dutch spreadsheet reads them (the CSV uses ';').
    return [spreadsheet_safe(decimal_comma(cell)) for cell in row]


def _title(result: dict) -> str:
    return _("Monitoring %(region)s, %(start)s t/m %(end)s") % {
        "region": result["region"],
        "start": result["period_start"],
        "end": result["period_end"],
    }


def report_csv(result: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_safe_row([_title(result)]))
    writer.writerow(_safe_row([_("Uitsplitsing"), result["breakdown_label"]]))
    for table in result["tables"]:
        writer.writerow([])
        writer.writerow(_safe_row([table["title"]]))
        writer.writerow(_safe_row(table["headers"]))
        writer.writerows(_safe_row(row) for row in table["rows"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(result: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in result["tables"]:
        sheet = book.create_sheet(title=table["key"][:31])
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_title(result)])
        sheet.append(table["headers"])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    # openpyxl reads "=…" as a formula; in a report it is always text.
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(result: dict) -> bytes:
    """The report as its page shows it (templates/reports/detail.html), as a PDF."""
    context = {
        "result": with_chart_widths(result),
        "period_start": date.fromisoformat(result["period_start"]),
        "period_end": date.fromisoformat(result["period_end"]),
    }
    return render_pdf(template="reports/report_pdf.html", context=context)


def with_chart_widths(result: dict | None) -> dict | None:
    """A copy of the result with each chart bar's width, in % of the largest bar."""
    if not result:
        return result
    result = copy.deepcopy(result)
    for table in result.get("tables", []):
        values = [b["value"] for b in table.get("chart", []) if isinstance(b["value"], int)]
        top = max(values, default=0) or 1
        for bar in table.get("chart", []):
            bar["width"] = round(100 * bar["value"] / top) if isinstance(bar["value"], int) else 0
    return result
