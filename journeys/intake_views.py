"""Nieuwe aanmeldingen: the region's intake list, claiming and assigning a coach (issue 12)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.services import user_give_intake_consent
from loopbrug.views import form_error_text, role_required

from . import selectors
from .access import (
    INTAKE_ROLES,
    can_assign_coach,
    can_claim_intake,
    intake_get_for_user,
    traject_get_for_user,
)
from .forms import AssignCoachForm, TargetSectorForm
from .services import traject_assign_coach, traject_set_target_sector


@role_required(*INTAKE_ROLES)
@require_GET
def intake_list(request):
    user = request.user
    region = selectors.intake_region_for(user=user)
    coaches = selectors.coaches_for_region(region=region) if can_assign_coach(user) else []
    return render(
        request,
        "journeys/intake.html",
        {
            "rows": selectors.intake_list_for(user=user),
            "without_consent": selectors.intake_without_consent_count(user=user),
            "region": region,
            "assign_form": AssignCoachForm(coaches=coaches) if coaches else None,
            "may_claim": can_claim_intake(user),
        },
    )


@role_required(Role.COACH, message=_("Alleen een coach pakt een aanmelding op."))
@require_POST
def intake_claim(request, pk: int):
    traject = intake_get_for_user(user=request.user, pk=pk)
    try:
        traject_assign_coach(traject=traject, coach=request.user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("intake_list")
    messages.success(
        request,
        _("Je bent nu de coach van %(name)s. Neem contact op voor een kennismaking.")
        % {"name": traject.overstapper.full_name},
    )
    return redirect("traject_detail", pk=traject.pk)


@role_required(Role.LOKET, Role.BEHEERDER, message=_("Alleen het loket wijst een coach toe."))
@require_POST
def intake_assign(request, pk: int):
    traject = intake_get_for_user(user=request.user, pk=pk)
    region = selectors.intake_region_for(user=request.user)
    form = AssignCoachForm(request.POST, coaches=selectors.coaches_for_region(region=region))
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("intake_list")
    coach = form.cleaned_data["coach"]
    try:
        traject_assign_coach(traject=traject, coach=coach, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(coach)s is nu de coach van %(name)s.")
            % {"coach": coach.full_name, "name": traject.overstapper.full_name},
        )
    return redirect("intake_list")


@role_required(Role.OVERSTAPPER)
@require_POST
def intake_consent(request):
    user_give_intake_consent(user=request.user)
    messages.success(
        request,
        _("Dank je. Het loket en de coaches van je regio zien nu je aanmelding."),
    )
    return redirect("home")


@role_required(Role.COACH, Role.BEHEERDER)
@require_POST
def traject_target_sector(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    form = TargetSectorForm(request.POST)
    if form.is_valid():
        try:
            traject_set_target_sector(
                traject=traject, sector=form.cleaned_data["target_sector"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Doelsector opgeslagen."))
    else:
        messages.error(request, form_error_text(form))
    return redirect("traject_detail", pk=traject.pk)
