"""The voorwaardelijk contract as a PDF, for the werkgever and the overstapper alike."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from profiles.exports import _fonts

from .models import Contract
from .selectors import contract_rows


def contract_pdf(contract: Contract) -> bytes:
    """The same rows as the contract page, as a document. The one place that knows the PDF
    library: when the project renders PDFs from HTML, this becomes a render of the page's
    contract-document partial."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    brand = colors.HexColor("#0b6570")
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    label = ParagraphStyle("label", parent=body, fontName=bold)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=19, leading=23, textColor=brand)

    def para(text, style=body):
        # Escape everything people typed: the markup must never break on it.
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    table = Table(
        [[para(k, label), para(v)] for k, v in contract_rows(contract)],
        colWidths=[45 * mm, 125 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b9c3c9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Voorwaardelijk arbeidscontract"), author="Loopbrug"
    )
    document.build(
        [
            para(_("Voorwaardelijk arbeidscontract"), h1),
            Spacer(1, 6 * mm),
            table,
        ]
    )
    return buffer.getvalue()
