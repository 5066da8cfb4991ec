"""A stored report as CSV, XLSX and PDF: the same suppressed tables, nothing else."""

from __future__ import annotations

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


# The sheets by table, in Dutch as the report is (at most 31 characters, no []:*?/\\).
SHEET_NAMES = {
    "funnel": "Trechter",
    "lead_time": "Doorlooptijd",
    "uitval": "Uitval",
    "retention": "Behoud",
    "financing": "Financiering",
    "financing_posts": "Kosten per post",
    "financing_coverage": "Dekking per post",
    "financing_funders": "Financiers",
    "financing_income": "Inkomensdaling",
    "matching": "Matching",
    "orientatie-soort": "Oriëntatie per soort",
    "orientatie-bijeenkomst": "Oriëntatie per bijeenkomst",
    "businesscase": "Businesscase",
}
UNIT_TITLES = {"count": "Aantal", "days": "Dagen", "pct": "Procent"}
NOT_A_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_name(table: dict, taken: set[str]) -> str:
    base = SHEET_NAMES.get(table["key"]) or NOT_A_SHEET_NAME.sub(" ", str(table["title"]))
    name, n = base[:31], 2
    while name in taken:
        name = f"{base[:27]} ({n})"
        n += 1
    taken.add(name)
    return name


def _chart_block(sheet, table: dict) -> None:
    """The chart's figures below the table (numbers, hidden ones left empty and named in
    "Weergave") and a native bar chart of them beside the table."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.styles import Font

    from .charts import format_value, is_number, normalise

    chart = normalise(table.get("chart"))
    if not chart or not chart.get("items"):
        return
    unit = chart.get("unit", "count")
    with_norm = any(is_number(i.get("norm")) for i in chart["items"])
    series = [*chart["series"], *([chart.get("norm_label", "Norm")] if with_norm else [])]
    sheet.append([])
    sheet.append([_("Grafiekgegevens")])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([table["headers"][0], *series, _("Weergave")])
    header_row = sheet.max_row
    for c in sheet[header_row]:
        c.font = Font(bold=True)
    for item in chart["items"]:
        values = list(item["values"])[: len(chart["series"])]
        if with_norm:
            values.append(item.get("norm"))
        shown = ", ".join(format_value(v, unit) for v in item["values"])
        sheet.append(
            [
                spreadsheet_safe(str(item["label"])),
                *[float(v) if is_number(v) else None for v in values],
                shown,
            ]
        )
    last_row = sheet.max_row
    bar = BarChart()
    bar.type = "bar"
    bar.grouping = "clustered"
    bar.title = str(table["title"])
    bar.y_axis.title = UNIT_TITLES.get(unit, "")
    bar.x_axis.scaling.orientation = "maxMin"  # the first item on top, as in the table
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.width, bar.height = 18, max(6, 1.2 * len(chart["items"]) + 3)
    data = Reference(
        sheet, min_col=2, max_col=1 + len(series), min_row=header_row, max_row=last_row
    )
    bar.add_data(data, titles_from_data=True)
    # The categories are labels: a string reference, so Excel names the bars by them.
    labels = Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    for one in bar.series:
        one.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    anchor = sheet.cell(row=3, column=len(table["headers"]) + 2).coordinate
    sheet.add_chart(bar, anchor)


def report_xlsx(result: dict) -> bytes:
    """One sheet per table with a Dutch name; a table with a chart gets its figures and a
    native Excel bar chart."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in result["tables"]:
        sheet = book.create_sheet(title=sheet_name(table, taken))
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_title(result)])
        sheet.append(table["headers"])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(row)
        _chart_block(sheet, table)
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
        "result": result,
        "period_start": date.fromisoformat(result["period_start"]),
        "period_end": date.fromisoformat(result["period_end"]),
    }
    return render_pdf(template="reports/report_pdf.html", context=context)
