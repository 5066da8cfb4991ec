"""Pages for intervisiegroepen (with their meetings) and for linking a buddy to a participant."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from loopbrug.views import add_service_errors, role_required

from . import intervisie
from .forms import IntervisiegroepForm, MeetingForm

coach_only = role_required(
    Role.COACH, message=gettext_lazy("Alleen coaches werken met intervisie en buddy's.")
)


def _group_or_404(request, pk: int):
    group = intervisie.group_for(coach=request.user, pk=pk)
    if group is None:
        raise Http404(_("Deze intervisiegroep bestaat niet of is niet van jou."))
    return group


def _group_form(request, data=None, group=None) -> IntervisiegroepForm:
    initial = None
    if group is not None and data is None:
        initial = {"name": group.name, "members": [str(t.pk) for t in group.members.all()]}
    return IntervisiegroepForm(
        data,
        initial=initial,
        candidates=intervisie.member_candidates(coach=request.user),
    )


@coach_only
@require_http_methods(["GET", "POST"])
def group_list(request):
    form = _group_form(request, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                group = intervisie.group_create(
                    coach=request.user,
                    name=form.cleaned_data["name"],
                    member_ids=form.cleaned_data["members"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Intervisiegroep aangemaakt."))
                return redirect("intervisie_detail", pk=group.pk)
        status = 400
    groups = list(intervisie.groups_for(coach=request.user))
    return render(
        request, "journeys/intervisie_list.html", {"groups": groups, "form": form}, status=status
    )


def _detail(request, group, *, form=None, meeting_form=None, status=200):
    context = {
        "group": group,
        "members": list(group.members.all()),
        "meetings": list(intervisie.meetings_of(group=group)),
        "form": form or _group_form(request, group=group),
        "meeting_form": meeting_form or MeetingForm(),
    }
    return render(request, "journeys/intervisie_detail.html", context, status=status)


@coach_only
@require_http_methods(["GET", "POST"])
def group_detail(request, pk: int):
    group = _group_or_404(request, pk)
    if request.method == "GET":
        return _detail(request, group)
    form = _group_form(request, request.POST)
    if form.is_valid():
        try:
            intervisie.group_update(
                group=group,
                by=request.user,
                name=form.cleaned_data["name"],
                member_ids=form.cleaned_data["members"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Groep bijgewerkt."))
            return redirect("intervisie_detail", pk=group.pk)
    return _detail(request, group, form=form, status=400)


@coach_only
@require_POST
def group_meeting(request, pk: int):
    group = _group_or_404(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            intervisie.meeting_plan(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Bijeenkomst gepland. De deelnemers krijgen een herinnering.")
            )
            return redirect("intervisie_detail", pk=group.pk)
    return _detail(request, group, meeting_form=form, status=400)


@coach_only
@require_POST
def group_delete(request, pk: int):
    group = _group_or_404(request, pk)
    intervisie.group_delete(group=group, by=request.user)
    messages.success(request, _("Intervisiegroep verwijderd."))
    return redirect("intervisie_list")
