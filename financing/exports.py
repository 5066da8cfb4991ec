"""The financieringsplan as a PDF: verdict, the eight posts, who pays what and the income."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from profiles.exports import _fonts

from .money import format_euro, format_pct
from .selectors import PlanAccess, PlanBundle, funder_summary, norm_summary


def plan_pdf(bundle: PlanBundle, *, access: PlanAccess) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = _fonts()
    brand = colors.HexColor("#0b6570")
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName=bold)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=19, leading=23, textColor=brand, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2", fontName=bold, fontSize=12, leading=15, textColor=brand, spaceBefore=10, spaceAfter=4
    )
    muted = ParagraphStyle("muted", parent=body, textColor=colors.HexColor("#4a5560"), fontSize=8.5)

    def para(text, style=body):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def table(rows, widths, header=True):
        data = [
            [para(c, cell_bold if header and i == 0 else cell) for c in row]
            for i, row in enumerate(rows)
        ]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b9c3c9")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9f7f8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    traject, plan, verdict = bundle.traject, bundle.plan, bundle.verdict
    name = traject.overstapper.full_name if traject.overstapper else _("(account verwijderd)")
    story = [
        para(_("Financieringsplan"), h1),
        para(name, ParagraphStyle("name", parent=body, fontName=bold, fontSize=12, leading=16)),
        para(
            _("Doelsector: %(sector)s · versie %(version)s · gemaakt op %(date)s")
            % {
                "sector": traject.get_target_sector_display() or "—",
                "version": plan.version,
                "date": date_format(timezone.localdate(), "j F Y"),
            },
            muted,
        ),
        Spacer(1, 3 * mm),
        para(_("Oordeel"), h2),
        para(
            _("Financieel veilig") if verdict.veilig else _("Nog niet financieel veilig"),
            ParagraphStyle("verdict", parent=body, fontName=bold, fontSize=11),
        ),
    ]
    for condition in verdict.conditions:
        hidden = condition.key == "inkomen" and not access.sees_income
        mark = _("in orde") if condition.holds else _("nog niet in orde")
        story.append(para(f"{condition.label}: {mark}", cell_bold))
        if hidden:
            story.append(
                para(_("De inkomensgegevens ziet alleen de overstapper en de coach."), muted)
            )
            continue
        items = condition.missing or [condition.summary]
        story.append(
            ListFlowable(
                [para(i, cell) for i in items],
                bulletType="bullet",
                leftIndent=10,
                bulletFontName=regular,
            )
        )

    story.append(para(_("De acht posten"), h2))
    rows = [
        [
            _("Post"),
            _("Norm"),
            _("Raming"),
            _("Toegezegd"),
            _("Voorgesteld of aangevraagd"),
            _("Nog niet toegezegd"),
        ]
    ]
    for view in bundle.views:
        post = view.post
        norm = norm_summary(post) or "—"
        rows.append(
            [
                view.label,
                norm,
                format_euro(view.estimate, empty=_("nog niet geraamd")),
                format_euro(view.committed),
                format_euro(view.pending),
                format_euro(view.gap, empty="—"),
            ]
        )
    rows.append(
        [
            _("Totaal"),
            "",
            format_euro(bundle.total_estimate),
            format_euro(bundle.total_committed),
            "",
            format_euro(bundle.total_gap),
        ]
    )
    story.append(table(rows, [38, 34, 24, 24, 28, 26]))

    story.append(para(_("Wie betaalt wat"), h2))
    summary = funder_summary(bundle.views)
    if summary:
        rows = [[_("Financier"), _("Toegezegd"), _("Voorgesteld of aangevraagd"), _("Posten")]]
        for total in summary:
            posts = "; ".join(
                f"{label}: {format_euro(c.amount)} ({c.get_status_display().lower()})"
                + (f", {c.regeling.name}" if c.regeling_id else "")
                for label, c in total.lines
            )
            rows.append(
                [total.label, format_euro(total.committed), format_euro(total.pending), posts]
            )
        story.append(table(rows, [42, 24, 28, 80]))
    else:
        story.append(para(_("Nog geen bijdragen."), muted))

    if access.sees_income:
        timeline = bundle.timeline
        story.append(para(_("Inkomen tijdens de overstap"), h2))
        story.append(
            para(
                _(
                    "Inkomen vóór de overstap: %(before)s per maand. "
                    "Grens voor de daling: %(limit)s."
                )
                % {
                    "before": format_euro(timeline.income_before, empty=_("onbekend")),
                    "limit": format_pct(timeline.threshold),
                },
                body,
            )
        )
        rows = [[_("Maanden"), _("Fase"), _("Inkomen"), _("Totaal"), _("Daling")]]
        for segment in timeline.segments:
            months = (
                f"{segment.first.number}"
                if segment.months == 1
                else f"{segment.first.number}–{segment.last.number}"
            )
            months += " (" + date_format(segment.first.month, "M Y")
            if segment.months > 1:
                months += " – " + date_format(segment.last.month, "M Y")
            months += ")"
            lines = "; ".join(
                f"{ln.label}{' (' + ln.payer + ')' if ln.payer else ''}: {format_euro(ln.amount)}"
                + (f" [{ln.note}]" if ln.note else "")
                for ln in segment.lines
            ) or _("geen inkomen")
            drop = "—"
            if segment.drop is not None:
                drop = f"{format_euro(segment.drop)} ({format_pct(segment.drop_pct)})"
            rows.append([months, segment.phase_label, lines, format_euro(segment.total), drop])
        story.append(table(rows, [34, 22, 70, 22, 30]))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Financieringsplan"),
        author="Loopbrug",
    )
    doc.build(story)
    return buffer.getvalue()
