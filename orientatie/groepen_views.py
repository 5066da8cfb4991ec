"""Pages for oriëntatiegroepen: the coach's or loket's list, a group with its members and
sessions (planning a session swaps the session panel with htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from journeys.access import is_assigned_coach
from loopbrug.htmx import render_page_or_partial
from loopbrug.views import add_service_errors, role_required

from . import groepen
from .forms import GroepAanwezigForm, GroepSessieForm, OrientatiegroepForm

former_only = role_required(
    Role.COACH,
    Role.LOKET,
    message=gettext_lazy("Alleen een coach of het loket werkt met oriëntatiegroepen."),
)


def _get_group_for_user(request, pk: int):
    group = groepen.group_for(user=request.user, pk=pk)
    if group is None:
        raise Http404(_("Deze oriëntatiegroep bestaat niet of is niet van jou."))
    return group


def _group_form(request, data=None, group=None) -> OrientatiegroepForm:
    current = list(group.members.all()) if group is not None else []
    initial = None
    if group is not None and data is None:
        initial = {"name": group.name, "members": [str(t.pk) for t in current]}
    return OrientatiegroepForm(
        data,
        initial=initial,
        candidates=groepen.member_candidates(user=request.user),
        current=current,
    )


@former_only
@require_http_methods(["GET", "POST"])
def group_list(request):
    form = _group_form(request, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                group = groepen.group_create(
                    by=request.user,
                    name=form.cleaned_data["name"],
                    member_ids=form.cleaned_data["members"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Oriëntatiegroep aangemaakt. De deelnemers zijn op de hoogte gebracht."),
                )
                return redirect("orientatiegroep_detail", pk=group.pk)
        status = 400
    groups = list(groepen.groups_for(user=request.user))
    context = {
        "groups": groups,
        "form": form,
        "no_candidates": groepen.member_candidates_none_text(user=request.user),
    }
    return render(request, "orientatie/groepen_list.html", context, status=status)


def _detail(request, group, *, form=None, session_form=None, status=200):
    sessions = list(groepen.sessions_of(group=group))
    members = list(group.members.all())
    context = {
        "group": group,
        "members": members,
        # The member's own coach may open the traject from here; nobody else gets a link.
        "own_trajecten": {t.pk for t in members if is_assigned_coach(request.user, t)},
        "sessions": sessions,
        "form": form or _group_form(request, group=group),
        "session_form": session_form or GroepSessieForm(),
        "attendance_forms": {
            s.pk: GroepAanwezigForm(
                prefix=f"sessie-{s.pk}",
                members=members,
                initial={"present": [str(t.pk) for t in s.present.all()]},
            )
            for s in sessions
            if s.has_begun
        },
    }
    return render_page_or_partial(
        request, "orientatie/groep_detail.html", context, partial="sessies", status=status
    )


@former_only
@require_http_methods(["GET", "POST"])
def group_detail(request, pk: int):
    group = _get_group_for_user(request, pk)
    if request.method == "GET":
        return _detail(request, group)
    form = _group_form(request, request.POST, group=group)
    if form.is_valid():
        try:
            groepen.group_update(
                group=group,
                by=request.user,
                name=form.cleaned_data["name"],
                member_ids=form.cleaned_data["members"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Groep bijgewerkt."))
            return redirect("orientatiegroep_detail", pk=group.pk)
    return _detail(request, group, form=form, status=400)


@former_only
@require_POST
def group_session(request, pk: int):
    group = _get_group_for_user(request, pk)
    form = GroepSessieForm(request.POST)
    if form.is_valid():
        try:
            groepen.session_plan(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Bijeenkomst gepland. De deelnemers weten het en krijgen een herinnering."),
            )
            if request.htmx:
                return _detail(request, group)
            return redirect("orientatiegroep_detail", pk=group.pk)
    # htmx swaps only a 2xx answer: the panel with the errors comes back as 200 to it.
    return _detail(request, group, session_form=form, status=200 if request.htmx else 400)


@former_only
@require_POST
def group_attendance(request, pk: int, session_pk: int):
    group = _get_group_for_user(request, pk)
    session = group.sessions.filter(pk=session_pk).first()
    if session is None:
        raise Http404(_("Deze bijeenkomst hoort niet bij deze groep."))
    members = list(group.members.all())
    form = GroepAanwezigForm(request.POST, prefix=f"sessie-{session.pk}", members=members)
    if form.is_valid():
        try:
            groepen.session_attendance(
                session=session, by=request.user, present_ids=form.cleaned_data["present"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Aanwezigheid opgeslagen."))
    else:
        messages.error(request, _("Kies alleen leden van deze groep."))
    return redirect("orientatiegroep_detail", pk=group.pk)


@former_only
@require_POST
def group_delete(request, pk: int):
    group = _get_group_for_user(request, pk)
    groepen.group_delete(group=group, by=request.user)
    messages.success(
        request, _("Oriëntatiegroep opgeheven. De deelnemers zijn op de hoogte gebracht.")
    )
    return redirect("orientatiegroep_list")
