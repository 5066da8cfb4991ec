"""A stored report as CSV, XLSX and PDF: the same suppressed tables, nothing else."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from profiles.exports import _fonts


def _title(result: dict) -> str:
    return _("Monitoring %(region)s, %(start)s t/m %(end)s") % {
        "region": result["region"],
        "start": result["period_start"],
        "end": result["period_end"],
    }


def report_csv(result: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_title(result)])
    writer.writerow([_("Uitsplitsing"), result["breakdown_label"]])
    for table in result["tables"]:
        writer.writerow([])
        writer.writerow([table["title"]])
        writer.writerow(table["headers"])
        writer.writerows(table["rows"])
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
