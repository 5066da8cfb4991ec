from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from financing.access import sees_plans_as_funder
from journeys import intervisie, notes, selectors
from journeys.access import can_change_phase, is_coach_of, traject_get_for_user
from journeys.forms import AppointmentForm, BuddyForm, NoteForm, PhaseChangeForm, TargetSectorForm
from journeys.intervisie_views import coach_only
from journeys.models import Phase, Traject
from journeys.services import traject_change_phase
from loopbrug.htmx import render_page_or_partial
from loopbrug.views import add_service_errors
from matching.selectors import applications_for_profile, matches_for_profile
from onboarding.models import Alert
from orientatie.phase import SHOWN_IN as ORIENTATION_SHOWN_IN
from orientatie.phase import orientation_phase
from profiles.models import Profile
from profiles.selectors import shared_profile_id
from reports import selectors as report_selectors

from . import dashboards, services
from . import selectors as workspace
from .forms import AppointmentMoveForm, CaseloadFilterForm


@login_required
@require_GET
def home(request):
    user = request.user
    if user.role == Role.COACH:
        return redirect("caseload")
    if user.role == Role.OVERSTAPPER:
        traject = selectors.traject_current_for(overstapper=user)
        context = {
            "traject": traject,
            "dashboard": dashboards.overstapper_dashboard(user=user, traject=traject),
        }
        if traject:
            history = list(selectors.traject_phase_history(traject=traject))
            context |= {
                "history": history,
                "timeline": selectors.traject_timeline(traject=traject, history=history),
                "buddies": list(intervisie.buddies_for(traject=traject, viewer=user)),
                "events": workspace.participant_timeline(traject=traject, viewer=user)[:5],
            }
            if traject.phase in ORIENTATION_SHOWN_IN:
                context["orientation"] = orientation_phase(traject=traject, for_participant=True)
        return render(request, "journeys/home_overstapper.html", context)
    if user.role == Role.LOKET and user.organisation_id:
        region = user.organisation.region
        return render(
            request,
            "journeys/home_loket.html",
            {"region": region, **report_selectors.loket_home(region=region)},
        )
    if user.role == Role.BEHEERDER:
        return render(request, "journeys/home_beheerder.html")
    return render(
        request,
        "journeys/home_organisation.html",
        {
            "organisation": user.organisation,
            "as_funder": sees_plans_as_funder(user),
            "dashboard": dashboards.dashboard_for(user=user),
        },
    )


@login_required
@require_GET
def caseload(request):
    if request.user.role != Role.COACH:
        raise PermissionDenied(_("Alleen coaches hebben een caseload."))
    form = CaseloadFilterForm(request.GET or None)
    valid = form.is_valid()
    phase = form.cleaned_data["phase"] if valid else None
    attention = form.cleaned_data["attention"] if valid else None
    trajecten = selectors.traject_list_for_coach(coach=request.user, phase=phase)
    rows = workspace.caseload_rows(trajecten=trajecten, attention=attention or None)
    response = render_page_or_partial(
        request,
        "journeys/caseload.html",
        {
            "form": form,
            "rows": rows,
            "needs_attention": sum(1 for r in rows if r.attention),
        },
        partial="caseload-table",
    )
    if request.htmx:
        # Keep the address short: only the filters in use (?phase=match, not &attention=).
        used = urlencode([(k, v) for k, v in request.GET.items() if v])
        response["HX-Push-Url"] = f"{request.path}?{used}" if used else request.path
    return response


def _pipeline_for_coach(request, traject: Traject) -> dict:
    """The coach follows the participant's matches and selection (seed 002 step 7)."""
    if not is_coach_of(request.user, traject) or traject.overstapper_id is None:
        return {}
    profile = Profile.objects.filter(user_id=traject.overstapper_id).first()
    if profile is None:
        return {"coach_view": True, "matches": [], "applications": []}
    return {
        "coach_view": True,
        "matches": matches_for_profile(profile=profile, limit=5),
        "applications": applications_for_profile(profile=profile),
    }


def _detail_context(request, traject: Traject, form: PhaseChangeForm | None = None) -> dict:
    may_change = can_change_phase(user=request.user, traject=traject)
    history = list(selectors.traject_phase_history(traject=traject))
    return {
        "traject": traject,
        "history": history,
        "timeline": selectors.traject_timeline(traject=traject, history=history),
        "may_change": may_change,
        "shared_profile_id": shared_profile_id(viewer=request.user, owner=traject.overstapper),
        "form": form or PhaseChangeForm(allowed=traject.allowed_next_phases),
        "sector_form": TargetSectorForm(initial={"target_sector": traject.target_sector}),
        **_pipeline_for_coach(request, traject),
        **_workspace_context(request, traject),
        **_orientation_context(request, traject),
    }


def _orientation_context(request, traject: Traject) -> dict:
    """The oriëntatie phase (events, shortlist, group, next) while the traject is in it."""
    if traject.phase not in ORIENTATION_SHOWN_IN:
        return {}
    for_participant = request.user.pk == traject.overstapper_id
    return {"orientation": orientation_phase(traject=traject, for_participant=for_participant)}


def _move_form(appointment, data=None) -> AppointmentMoveForm:
    initial = {"starts_at": timezone.localtime(appointment.starts_at)}
    return AppointmentMoveForm(
        data,
        prefix=f"afspraak-{appointment.pk}",
        initial=initial | {"location": appointment.location},
    )


def _workspace_context(
    request, traject: Traject, note_form=None, appointment_form=None, move_forms=None
) -> dict:
    is_coach = is_coach_of(request.user, traject)
    context = {
        "events": workspace.participant_timeline(traject=traject, viewer=request.user),
        "is_traject_coach": is_coach,
    }
    if is_coach:
        context |= {
            "note_form": note_form or NoteForm(),
            "appointment_form": appointment_form or AppointmentForm(),
            "signals": workspace.signals_of(traject=traject),
            "appointments": [
                (a, (move_forms or {}).get(a.pk) or _move_form(a))
                for a in traject.appointments.all()
            ],
            "buddies": list(traject.buddies.all()),
            "buddy_form": BuddyForm(),
        }
    return context


@login_required
@require_POST
def traject_note(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    if not is_coach_of(request.user, traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan notities maken."))
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            notes.note_add(traject=traject, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Notitie opgeslagen."))
            return redirect("traject_detail", pk=traject.pk)
    context = _detail_context(request, traject) | _workspace_context(request, traject, form)
    return render(request, "journeys/traject_detail.html", context, status=400)


@login_required
@require_POST
def traject_appointment(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    if not is_coach_of(request.user, traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan afspraken maken."))
    form = AppointmentForm(request.POST)
    if form.is_valid():
        try:
            notes.appointment_add(traject=traject, coach=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Afspraak gepland."))
            return redirect("traject_detail", pk=traject.pk)
    context = _detail_context(request, traject) | _workspace_context(
        request, traject, appointment_form=form
    )
    return render(request, "journeys/traject_detail.html", context, status=400)


def _appointment_for_coach(request, pk: int, appointment_id: int):
    """The traject's own appointment, for its coach; someone else's is not found."""
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    if not is_coach_of(request.user, traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan afspraken wijzigen."))
    appointment = notes.appointment_of(traject=traject, pk=appointment_id)
    if appointment is None:
        raise Http404(_("Deze afspraak bestaat niet of je hebt er geen toegang toe."))
    return traject, appointment


@login_required
@require_POST
def appointment_move(request, pk: int, appointment_id: int):
    traject, appointment = _appointment_for_coach(request, pk, appointment_id)
    form = _move_form(appointment, request.POST)
    if form.is_valid():
        try:
            notes.appointment_move(appointment=appointment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Afspraak verzet. De deelnemer krijgt bericht."))
            return redirect("traject_detail", pk=traject.pk)
    appointment.refresh_from_db()
    context = _detail_context(request, traject) | _workspace_context(
        request, traject, move_forms={appointment.pk: form}
    )
    return render(request, "journeys/traject_detail.html", context, status=400)


@login_required
@require_POST
def appointment_cancel(request, pk: int, appointment_id: int):
    traject, appointment = _appointment_for_coach(request, pk, appointment_id)
    notes.appointment_cancel(appointment=appointment, by=request.user)
    messages.success(request, _("Afspraak afgezegd. De deelnemer krijgt bericht."))
    return redirect("traject_detail", pk=traject.pk)


@login_required
@require_GET
def appointment_calendar(request, pk: int):
    """The .ics of an appointment, for its participant(s) and coach."""
    appointment = workspace.appointment_for_user(user=request.user, pk=pk)
    if appointment is None:
        raise Http404(_("Deze afspraak bestaat niet of je hebt er geen toegang toe."))
    response = HttpResponse(
        workspace.appointment_calendar_file(appointment=appointment),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="afspraak-{appointment.pk}.ics"'
    return response


@login_required
@require_GET
def my_timeline(request):
    """The overstapper's own journey: shared notes, appointments, intervisie, buddy,
    applications and phases, newest first."""
    if request.user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Alleen een overstapper heeft een eigen tijdlijn."))
    traject = selectors.traject_current_for(overstapper=request.user)
    events = workspace.participant_timeline(traject=traject, viewer=request.user) if traject else []
    return render(request, "workspace/my_timeline.html", {"traject": traject, "events": events})


@login_required
@require_GET
def signals(request):
    """Every open signal of my caseload: one row per participant and kind, with a count."""
    if request.user.role != Role.COACH:
        raise PermissionDenied(_("Alleen coaches zien signalen."))
    trajecten = selectors.traject_list_for_coach(coach=request.user)
    return render(
        request, "workspace/signals.html", {"rows": workspace.signal_rows(trajecten=trajecten)}
    )


def _back(request, default: str):
    """Back to the page the coach resolved the signal on (/signalen/ or the traject page)."""
    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts=None) else default


@login_required
@require_POST
def signal_resolve(request, pk: int, kind: str):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    if kind not in workspace.Attention.LABELS or not is_coach_of(request.user, traject):
        raise Http404(_("Dit signaal bestaat niet of je hebt er geen toegang toe."))
    if services.signal_resolve(traject=traject, kind=kind, user=request.user):
        messages.success(request, _("Signaal afgehandeld."))
    return redirect(_back(request, reverse("traject_detail", args=[traject.pk])))


@login_required
@require_POST
def alert_resolve(request, pk: int):
    alert = Alert.objects.select_related("traject").filter(pk=pk).first()
    if alert is None or not is_coach_of(request.user, alert.traject):
        raise Http404(_("Dit signaal bestaat niet of je hebt er geen toegang toe."))
    services.alert_resolve(alert=alert, user=request.user)
    messages.success(request, _("Signaal afgehandeld."))
    return redirect("traject_detail", pk=alert.traject_id)


@login_required
@require_GET
def traject_detail(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk)
    return render(request, "journeys/traject_detail.html", _detail_context(request, traject))


@login_required
@require_POST
def traject_phase(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    if not can_change_phase(user=request.user, traject=traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan de fase wijzigen."))
    form = PhaseChangeForm(request.POST, allowed=traject.allowed_next_phases)
    if form.is_valid():
        try:
            change = traject_change_phase(
                traject=traject,
                to_phase=form.cleaned_data["to_phase"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Fase gewijzigd naar %(phase)s.") % {"phase": Phase(change.to_phase).label},
            )
            if not request.htmx:
                return redirect("traject_detail", pk=traject.pk)
            traject.refresh_from_db()
            form = None
    context = _detail_context(request, traject, form)
    return render_page_or_partial(
        request, "journeys/traject_detail.html", context, partial="phase-panel"
    )


# --- Buddy of a traject (linked from the traject page) ----------------------------------


@coach_only
@require_POST
def buddy_link(request, pk: int):
    traject = traject_get_for_user(user=request.user, pk=pk, action=None)
    form = BuddyForm(request.POST)
    if form.is_valid():
        try:
            intervisie.buddy_link(traject=traject, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Buddy gekoppeld."))
            return redirect("traject_detail", pk=traject.pk)
    context = _detail_context(request, traject) | {"buddy_form": form}
    return render(request, "journeys/traject_detail.html", context, status=400)


@coach_only
@require_POST
def buddy_unlink(request, pk: int):
    buddy = intervisie.buddy_of_coach(coach=request.user, pk=pk)
    if buddy is None:
        raise Http404(_("Deze buddy bestaat niet of je hebt er geen toegang toe."))
    intervisie.buddy_unlink(buddy=buddy, by=request.user)
    messages.success(request, _("Buddy ontkoppeld."))
    return redirect("traject_detail", pk=buddy.traject_id)
