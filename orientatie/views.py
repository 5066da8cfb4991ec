"""Pages of oriëntatie: the public agenda, an event with its sign-up, the cancel link, the
organiser's events and attendance, the beroepen-verkenner, one's own orientation and the
regional catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, Sector
from loopbrug.views import add_service_errors, role_required

from . import groepen, selectors, services
from .access import event_get_for_organiser, event_get_public, traject_orientation_get_for_user
from .forms import (
    AgendaFilterForm,
    AttendanceForm,
    BeroepSearchForm,
    EventForm,
    InitiativeForm,
    RegistrationForm,
)
from .models import SHORTAGE_SECTORS, Registration
from .ratelimit import client_address, signup_allowed

organiser_only = role_required(
    Role.LOKET,
    Role.WERKGEVER,
    Role.OPLEIDER,
    message=gettext_lazy("Alleen een loket, werkgever of opleider publiceert bijeenkomsten."),
)
overstapper_only = role_required(
    Role.OVERSTAPPER, message=gettext_lazy("Deze pagina is voor overstappers.")
)


# --- agenda and sign-up --------------------------------------------------------------------


@require_http_methods(["GET"])
def agenda(request):
    form = AgendaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = list(
        selectors.agenda(
            region=filters.get("region"),
            sector=filters.get("sector", ""),
            kind=filters.get("kind", ""),
        )
    )
    for event in events:
        event.left = selectors.places_left(event)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "orientatie/agenda.html", {"form": form, "events": events}, status=status
    )


def _event_page(request, event, form, status=200):
    context = {
        "event": event,
        "form": form,
        "left": selectors.places_left(event),
        "open": services.registration_open(event),
        "sectors": [Sector(s).label for s in selectors.sectors_of(event)],
    }
    return render(request, "orientatie/event_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def event_detail(request, pk: int):
    event = event_get_public(pk=pk)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = RegistrationForm(request.POST or None, event=event, initial=initial)
    if request.method == "GET":
        return _event_page(request, event, form)
    email = request.POST.get("email", "")
    if not signup_allowed(email=email, ip=client_address(request)):
        form.is_valid()
        form.add_error(
            None, _("Te veel aanmeldingen vanaf dit adres. Probeer het over een uur opnieuw.")
        )
        return _event_page(request, event, form, status=429)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                confidential=data.get("confidential", False),
                employer=data.get("employer"),
                link_consent=data["link_consent"],
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.warning(
                    request,
                    _(
                        "Deze bijeenkomst is vol. Je staat op de wachtlijst (plaats %(n)s). "
                        "Komt er een plek vrij, dan krijg je een e-mail."
                    )
                    % {"n": services.waiting_position(registration)},
                )
            else:
                messages.success(
                    request,
                    _("Je bent aangemeld. We hebben een bevestiging gestuurd naar %(email)s.")
                    % {"email": registration.email},
                )
            return redirect("event_detail", pk=event.pk)
    return _event_page(request, event, form, status=400)


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    try:
        registration = services.registration_for_token(token=token)
    except ValidationError as error:
        return render(
            request, "orientatie/cancel.html", {"error": " ".join(error.messages)}, status=400
        )
    if request.method == "POST":
        try:
            services.registration_cancel(token=token)
        except ValidationError as error:
            context = {"error": " ".join(error.messages)}
            return render(request, "orientatie/cancel.html", context, status=400)
        return render(request, "orientatie/cancel.html", {"cancelled": registration.event})
    return render(request, "orientatie/cancel.html", {"registration": registration})


# --- organiser -----------------------------------------------------------------------------


@organiser_only
@require_http_methods(["GET", "POST"])
def my_events(request):
    if not services.may_organise(request.user):
        raise PermissionDenied(_("Je account hoort niet bij een organisatie."))
    initial = {"region": request.user.organisation.region_id, "confidential_ok": True}
    form = EventForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = services.event_create(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De bijeenkomst staat in de agenda."))
                return redirect("event_attendance", pk=event.pk)
        status = 400
    events = list(selectors.events_for_organiser(user=request.user))
    for event in events:
        event.left = selectors.places_left(event)
    return render(
        request, "orientatie/my_events.html", {"events": events, "form": form}, status=status
    )


@organiser_only
@require_http_methods(["GET", "POST"])
def event_attendance(request, pk: int):
    event = event_get_for_organiser(user=request.user, pk=pk)
    registrations = list(selectors.attendees_for(event=event, viewer=request.user))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            present = set(form.cleaned_data["present"])
            marks = {r.pk: str(r.pk) in present for r in confirmed}
            try:
                services.attendance_mark(event=event, by=request.user, marks=marks)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Aanwezigheid opgeslagen."))
                return redirect("event_attendance", pk=event.pk)
        status = 400
    context = {
        "event": event,
        "form": form,
        "confirmed": confirmed,
        "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
        "hidden": selectors.hidden_confidential_count(event=event, viewer=request.user),
        "came": sum(1 for r in confirmed if r.attended),
        "left": selectors.places_left(event),
    }
    return render(request, "orientatie/attendance.html", context, status=status)


# --- beroepen-verkenner --------------------------------------------------------------------


@require_http_methods(["GET"])
def verkenner(request):
    form = BeroepSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = list(selectors.beroepen(sector=filters.get("sector", ""), q=filters.get("q", "")))
    groups = [
        {"sector": s, "beroepen": [b for b in found if b.sector == s.value]}
        for s in SHORTAGE_SECTORS
    ]
    context = {"form": form, "groups": [g for g in groups if g["beroepen"]], "n": len(found)}
    return render(request, "orientatie/verkenner.html", context)


def _sector_or_404(sector: str) -> Sector:
    if sector not in [s.value for s in SHORTAGE_SECTORS]:
        raise Http404(_("Deze sector staat niet in de verkenner."))
    return Sector(sector)


@require_http_methods(["GET"])
def sector_detail(request, sector: str):
    sector = _sector_or_404(sector)
    context = {
        "sector": sector,
        "beroepen": list(selectors.beroepen(sector=sector.value)),
        "routes": selectors.routes_for_sector(sector.value),
        "norm": selectors.norm_for_sector(sector.value),
        "events": list(selectors.agenda(sector=sector.value)[:5]),
    }
    return render(request, "orientatie/sector.html", context)


@require_http_methods(["GET"])
def beroep_detail(request, pk: int):
    beroep = selectors.beroep(pk=pk)
    if beroep is None:
        raise Http404(_("Dit beroep staat niet in de verkenner."))
    user = request.user
    on_shortlist = (
        user.is_authenticated and selectors.shortlist_of(user=user).filter(beroep=beroep).exists()
    )
    context = {
        "beroep": beroep,
        "sector": Sector(beroep.sector),
        "info": selectors.beroep_info(beroep),
        "skills": list(beroep.beroep_skills.all()),
        "fit": selectors.fit_for(beroep=beroep, user=user),
        "routes": selectors.routes_for_sector(beroep.sector),
        "norm": selectors.norm_for_sector(beroep.sector),
        "events": list(selectors.agenda(sector=beroep.sector)[:5]),
        "on_shortlist": on_shortlist,
    }
    return render(request, "orientatie/beroep.html", context)


@overstapper_only
@require_POST
def shortlist_toggle(request, pk: int):
    beroep = selectors.beroep(pk=pk)
    if beroep is None:
        raise Http404(_("Dit beroep staat niet in de verkenner."))
    if request.POST.get("action") == "remove":
        services.shortlist_remove(user=request.user, beroep=beroep)
        messages.success(request, _("Van je shortlist gehaald."))
    else:
        try:
            services.shortlist_add(user=request.user, beroep=beroep)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Op je shortlist gezet. Je coach ziet hem ook."))
    return redirect("beroep_detail", pk=beroep.pk)


# --- one's own orientation, and the coach's view of it -------------------------------------


@overstapper_only
@require_http_methods(["GET"])
def my_orientation(request):
    context = {
        "registrations": list(selectors.registrations_of(user=request.user)),
        "shortlist": list(selectors.shortlist_of(user=request.user)),
        "my_groups": groepen.groups_of_member(user=request.user),
    }
    return render(request, "orientatie/my_orientation.html", context)


@overstapper_only
@require_POST
def registration_link(request, pk: int):
    registration = selectors.registrations_of(user=request.user).filter(pk=pk).first()
    if registration is None:
        raise Http404(_("Deze aanmelding bestaat niet of hoort niet bij jouw e-mailadres."))
    try:
        services.registration_link(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De aanmelding is aan je account gekoppeld."))
    return redirect("my_orientation")


@login_required
@require_http_methods(["GET"])
def traject_orientation(request, pk: int):
    traject = traject_orientation_get_for_user(user=request.user, pk=pk)
    person = traject.overstapper
    context = {
        "traject": traject,
        "person": person,
        "attended": list(selectors.attended_by(user=person)),
        "shortlist": list(selectors.shortlist_of(user=person)),
    }
    return render(request, "orientatie/traject_orientation.html", context)


# --- regional catalogue --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def initiatives(request):
    user = request.user
    is_loket = user.is_authenticated and user.role == Role.LOKET and user.organisation_id
    form = InitiativeForm(request.POST or None) if is_loket else None
    status = 200
    if request.method == "POST":
        if not is_loket:
            raise PermissionDenied(_("Het loket van de regio houdt de catalogus bij."))
        if form.is_valid():
            try:
                services.initiative_create(by=user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Toegevoegd aan de catalogus."))
                return redirect("initiatives")
        status = 400
    region_filter = AgendaFilterForm(request.GET or None)
    region = region_filter.cleaned_data.get("region") if region_filter.is_valid() else None
    context = {
        "form": form,
        "filter": region_filter,
        "initiatives": list(selectors.initiatives(region=region)),
    }
    return render(request, "orientatie/initiatives.html", context, status=status)
