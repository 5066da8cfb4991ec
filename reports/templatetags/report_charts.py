"""{% report_chart table %}: a report table's chart as inline SVG (reports.charts)."""

from django import template

from reports import charts

register = template.Library()


@register.simple_tag
def report_chart(table: dict):
    return charts.svg(table.get("chart"), key=table["key"], title=table["title"])
