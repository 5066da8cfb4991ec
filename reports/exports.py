"""A stored report as CSV, XLSX and PDF: the same suppressed tables, nothing else."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from profiles.exports import _fonts

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
    return [spreadsheet_safe(cell) for cell in row]


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
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    brand = colors.HexColor("#0b6570")
    body = ParagraphStyle("body", fontName=regular, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, textColor=brand)
    h2 = ParagraphStyle(
        "h2", fontName=bold, fontSize=11, leading=14, textColor=brand, spaceBefore=8
    )

    def para(text, style=body):
        return Paragraph(escape(str(text)), style)

    story = [
        para(_title(result), h1),
        para(_("Uitsplitsing: %(b)s") % {"b": result["breakdown_label"]}),
        para(_("Aantallen onder de 5 staan als <5; een * is een onderdrukt totaal.")),
        Spacer(1, 3 * mm),
    ]
    for table in result["tables"]:
        story.append(para(table["title"], h2))
        data = [[para(h) for h in table["headers"]]] + [
            [para(c) for c in row] for row in table["rows"]
        ]
        grid = Table(data, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6f0f1")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=landscape(A4), title=_title(result), leftMargin=12 * mm, rightMargin=12 * mm
    ).build(story)
    return out.getvalue()
