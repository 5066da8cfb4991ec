from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest, template: str, context: dict, *, partial: str, status: int = 200
) -> HttpResponse:
    """Render the whole page, or only the partial named after the htmx swap target."""
    if getattr(request, "htmx", False) and request.htmx.target == partial:
        return render(request, f"{template}#{partial}", context, status=status)
    return render(request, template, context, status=status)
