from __future__ import annotations

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


@register.simple_tag
def field_widget(field: forms.BoundField):
    """Render a form widget with NL Design System classes and ARIA links to help and errors."""
    widget = field.field.widget
    css = next(
        (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required:
        # aria-required, not required: the server validates, in plain Dutch.
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def duration(value, empty: str = "—") -> str:
    """{{ run.duration|duration }}: "23 ms", "4 min" (loopbrug.formats.format_duration)."""
    from loopbrug.formats import format_duration

    return format_duration(value, empty=empty)


@register.filter
def count(value):
    """{{ figure.value|count }}: a whole number with the language's grouping ("1.057" in
    Dutch, "1,057" in English); anything else (such as "<5") as it is."""
    from django.utils.formats import number_format

    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return value
