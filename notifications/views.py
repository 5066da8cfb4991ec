"""The inbox of every role and the e-mail preferences: thin views over the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loopbrug.htmx import render_page_or_partial

from . import selectors, services
from .access import notification_get_for_user
from .forms import PreferencesForm

PAGE_SIZE = 25


def _inbox_context(request) -> dict:
    page = Paginator(selectors.inbox_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return {"page": page, "notifications": list(page.object_list)}


def _inbox_response(request):
    if not request.htmx:
        return redirect("notification_inbox")
    return render_page_or_partial(
        request, "notifications/inbox.html", _inbox_context(request), partial="meldingen"
    )


@login_required
@require_GET
def inbox(request):
    return render(request, "notifications/inbox.html", _inbox_context(request))


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification, by=request.user)
    if not request.htmx:
        messages.success(request, _("De melding is gelezen."))
    return _inbox_response(request)


@login_required
@require_POST
def mark_all_read(request):
    services.notification_mark_all_read(by=request.user)
    if not request.htmx:
        messages.success(request, _("Alle meldingen zijn gelezen."))
    return _inbox_response(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    kinds = selectors.kinds_for(user=request.user)
    initial = [k for k, _label, on in selectors.email_preferences(user=request.user) if on]
    # Not `request.POST or None`: with every box unticked the form still has to be bound.
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, kinds=kinds, initial={"email": initial})
    if request.method == "POST":
        if form.is_valid():
            services.preferences_update(user=request.user, email=form.email_by_kind())
            messages.success(request, _("Je meldingsinstellingen zijn bewaard."))
            return redirect("notification_preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})
