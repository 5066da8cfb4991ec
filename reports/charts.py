"""Report charts as server-side SVG: horizontal bars, readable without JavaScript, in the page
and in the PDF alike.

A chart is described in the stored result by its table (selectors), as figures already
suppressed:

    {"unit": "count" | "days" | "pct",
     "series": ["Behouden", "Uitgevallen"],           # one label per bar of an item
     "norm_label": "Norm",                             # optional: a marker per item
     "items": [{"label": "Na 100 dagen", "values": [6, "<5"], "norm": None}, ...]}

A value is a number, "<5" (a small cell), "*" (a total or complement left out so it does not
give a small cell away) or "–" (no figure). Hidden values are drawn as hatched bars labelled
"<5" or "verborgen", never as a length that would tell the hidden number.

Each SVG has role="img" with a <title> and a <desc> that reads every figure in words, and the
table with the same figures stands beside it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

HIDDEN = "<5"
LEFT_OUT = "*"

WIDTH = 640
FONT = 13
ROW = 22  # height of one bar row
GAP = 10  # between items
VALUE_SPACE = 86  # room right of the longest bar for its figure
COLOURS = ["#0b6570", "#8a4b08"]  # 3:1 or more against white (WCAG non-text contrast)
TEXT = "#1a1a1a"
HATCH = "#595959"


def nl_number(value, decimals: int | None = None) -> str:
    """A number the Dutch way: 1.234 and 34,8 (thousands with a dot, decimals with a comma)."""
    if decimals is None:
        decimals = 0 if float(value) == int(value) else 1
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_value(value, unit: str) -> str:
    """A figure as its bar's label shows it."""
    if value == HIDDEN:
        return HIDDEN
    if value == LEFT_OUT:
        return _("verborgen")
    if not is_number(value):
        return "–"
    if unit == "pct":
        return f"{nl_number(value, 0)}%"
    if unit == "days":
        return nl_number(value, 1 if float(value) != int(value) else 0)
    return nl_number(value, 0)


def spoken_value(value, unit: str) -> str:
    """A figure in words for the text alternative."""
    if value == HIDDEN:
        return _("minder dan 5 (verborgen)")
    if value == LEFT_OUT:
        return _("verborgen, omdat het een klein aantal zou onthullen")
    if not is_number(value):
        return _("geen gegevens")
    text = format_value(value, unit)
    if unit == "days":
        return _("%(n)s dagen") % {"n": text} if text != "1" else _("1 dag")
    return text


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def normalise(chart) -> dict | None:
    """A chart spec; the bars of reports stored before the charts (a list of label and value)
    become a one-series chart."""
    if not chart:
        return None
    if isinstance(chart, list):
        return {
            "unit": "count",
            "series": [_("Totaal")],
            "items": [{"label": b["label"], "values": [b["value"]]} for b in chart],
        }
    return chart


@dataclass
class Bar:
    item: str
    series: str
    value: object
    text: str  # the label beside the bar
    width: float  # in SVG units
    hidden: bool  # drawn hatched: "<5" or left out


def bars(chart: dict) -> list[Bar]:
    """Every bar of a chart with its length, for drawing and for tests."""
    chart = normalise(chart)
    unit = chart.get("unit", "count")
    top, room = _scale(chart)
    out = []
    for item in chart["items"]:
        for series, value in zip(chart["series"], item["values"], strict=False):
            hidden = value in (HIDDEN, LEFT_OUT)
            if is_number(value):
                width = room * max(float(value), 0) / top
            elif hidden:
                # A short fixed bar: long enough to see the hatching, tells nothing.
                width = 28
            else:
                width = 0
            out.append(Bar(item["label"], series, value, format_value(value, unit), width, hidden))
    return out


def _scale(chart: dict) -> tuple[float, float]:
    """The largest figure (bars and norms) and the room its bar gets, in SVG units."""
    numbers = [float(v) for item in chart["items"] for v in item["values"] if is_number(v)]
    numbers += [float(i["norm"]) for i in chart["items"] if is_number(i.get("norm"))]
    return max(max(numbers, default=0), 0) or 1, WIDTH - _label_width(chart) - VALUE_SPACE


def _label_width(chart: dict) -> int:
    longest = max((len(str(i["label"])) for i in chart["items"]), default=4)
    return min(220, 16 + int(longest * FONT * 0.56))


def description(chart: dict) -> str:
    """The chart's figures in words (its <desc>), item by item."""
    chart = normalise(chart)
    unit = chart.get("unit", "count")
    parts = []
    for item in chart["items"]:
        figures = [
            (f"{s}: " if len(chart["series"]) > 1 else "") + spoken_value(v, unit)
            for s, v in zip(chart["series"], item["values"], strict=False)
        ]
        if is_number(item.get("norm")):
            figures.append(
                f"{chart.get('norm_label', _('norm'))}: {spoken_value(item['norm'], unit)}"
            )
        parts.append(f"{item['label']}: {', '.join(figures)}")
    return "; ".join(parts) + "."


def svg(chart, *, key: str, title: str) -> SafeString:
    """The chart as an accessible inline SVG (role="img", <title> and <desc>)."""
    chart = normalise(chart)
    if not chart or not chart.get("items"):
        return mark_safe("")
    series = chart["series"]
    label_w = _label_width(chart)
    bar_x = label_w + 8
    has_norm = any(is_number(i.get("norm")) for i in chart["items"])
    legend = len(series) > 1 or has_norm
    y = 30 if legend else 6
    item_h = ROW * len(series) + GAP
    height = y + item_h * len(chart["items"]) + 4
    drawn = bars(chart)
    top, room = _scale(chart)
    ident = f"chart-{key}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lb-chart-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="{FONT}" '
        f'font-family="Noto Sans, sans-serif" data-chart="{escape(key)}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description(chart))}</desc>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{HATCH}"/></pattern></defs>',
    ]
    if legend:
        x = bar_x
        for index, name in enumerate(series):
            out.append(
                f'<rect x="{x}" y="6" width="14" height="14" fill="{COLOURS[index % 2]}"/>'
                f'<text x="{x + 20}" y="18" fill="{TEXT}">{escape(name)}</text>'
            )
            x += 34 + int(len(str(name)) * FONT * 0.56)
        out.append(
            f'<rect x="{x}" y="6" width="14" height="14" fill="url(#{ident}-hatch)" '
            f'stroke="{HATCH}"/><text x="{x + 20}" y="18" fill="{TEXT}">'
            f"{escape(_('verborgen (<5)'))}</text>"
        )
        x += 34 + int(len(_("verborgen (<5)")) * FONT * 0.56)
        if has_norm:
            out.append(
                f'<line x1="{x + 7}" y1="4" x2="{x + 7}" y2="22" stroke="{TEXT}" '
                f'stroke-width="2" stroke-dasharray="4 2"/><text x="{x + 20}" y="18" '
                f'fill="{TEXT}">{escape(chart.get("norm_label", _("Norm")))}</text>'
            )
    per_item = len(series)
    for index, item in enumerate(chart["items"]):
        top_y = y + index * item_h
        mid = top_y + (ROW * per_item) / 2
        out.append(
            f'<g class="lb-chart-item"><text x="{label_w}" y="{mid + FONT / 3:.1f}" '
            f'text-anchor="end" fill="{TEXT}">{escape(item["label"])}</text>'
        )
        norm = item.get("norm")  # under the bars and figures, which stay readable
        if is_number(norm):
            nx = bar_x + room * float(norm) / top
            out.append(
                f'<line class="lb-chart-norm" x1="{nx:.1f}" y1="{top_y}" x2="{nx:.1f}" '
                f'y2="{top_y + ROW * per_item}" stroke="{TEXT}" stroke-width="2" '
                f'stroke-dasharray="4 2"/>'
            )
        for s_index, bar in enumerate(drawn[index * per_item : (index + 1) * per_item]):
            by = top_y + s_index * ROW + 3
            if bar.hidden:
                fill = f'fill="url(#{ident}-hatch)" stroke="{HATCH}"'
            else:
                fill = f'fill="{COLOURS[s_index % 2]}"'
            if bar.width:
                out.append(
                    f'<rect class="lb-chart-bar" x="{bar_x}" y="{by}" width="{bar.width:.1f}" '
                    f'height="{ROW - 6}" {fill}/>'
                )
            out.append(
                f'<text class="lb-chart-value" x="{bar_x + bar.width + 6:.1f}" '
                f'y="{by + ROW / 2 + 1:.1f}" fill="{TEXT}">{escape(bar.text)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("".join(out))
