"""Pages for Superscholing, onboarding and nazorg: the opleider's offer and routes, the
overstapper's route and check-ins, the werkgever's onboarding plan, the coach's signals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from journeys.access import traject_get_for_user
from journeys.models import Traject
from journeys.selectors import traject_current_for
from loopbrug.htmx import render_page_or_partial
from loopbrug.views import add_service_errors, role_required

from . import selectors, services
from .access import inschrijving_get_for_user, leerwerktraject_get_for_opleider
from .forms import (
    CheckInForm,
    CloseForm,
    EnrolForm,
    HulplijnForm,
    LeeruitkomstForm,
    LeerwerktrajectForm,
    ModuleForm,
    PauseForm,
    PlanForm,
    ProgressForm,
    StartMomentsForm,
    ValidationForm,
)
from .models import Inschrijving, Leeruitkomst, OnboardingItem, Validation

# --- Opleider and the public offer -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def leerwerktraject_list(request):
    is_opleider = request.user.role == Role.OPLEIDER
    form = LeerwerktrajectForm(request.POST or None) if is_opleider else None
    if request.method == "POST":
        if not is_opleider:
            raise PermissionDenied(_("Alleen een opleider kan een leerwerktraject aanbieden."))
        if form.is_valid():
            try:
                lwt = services.leerwerktraject_save(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Leerwerktraject opgeslagen. Voeg de modules toe."))
                return redirect("leerwerktraject_manage", pk=lwt.pk)
    traject = (
        traject_current_for(overstapper=request.user)
        if request.user.role == Role.OVERSTAPPER
        else None
    )
    return render(
        request,
        "onboarding/leerwerktraject_list.html",
        {
            "form": form,
            "own": selectors.leerwerktrajecten_for_opleider(user=request.user),
            "offer": selectors.leerwerktrajecten_public(),
            "may_enrol": traject is not None and traject.is_open,
        },
    )


def _manage_context(lwt, **forms) -> dict:
    return {
        "lwt": lwt,
        "modules": lwt.modules.prefetch_related("leeruitkomsten"),
        "start_moments": lwt.start_moments.all(),
        "inschrijvingen": Inschrijving.objects.filter(start_moment__leerwerktraject=lwt)
        .select_related("traject__overstapper", "start_moment", "werkgever")
        .order_by("start_moment__starts_on"),
        "module_form": forms.get("module_form") or ModuleForm(),
        "outcome_form": forms.get("outcome_form") or LeeruitkomstForm(leerwerktraject=lwt),
        "starts_form": forms.get("starts_form")
        or StartMomentsForm(initial={"first": selectors.add_months(selectors.today(), 1)}),
    }


@role_required(Role.OPLEIDER)
@require_http_methods(["GET", "POST"])
def leerwerktraject_manage(request, pk: int):
    lwt = leerwerktraject_get_for_opleider(user=request.user, pk=pk)
    forms = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "module":
                forms["module_form"] = form = ModuleForm(request.POST)
                if form.is_valid():
                    services.module_add(by=request.user, leerwerktraject=lwt, **form.cleaned_data)
                    messages.success(request, _("Module toegevoegd."))
                    return redirect("leerwerktraject_manage", pk=lwt.pk)
            elif action == "leeruitkomst":
                forms["outcome_form"] = form = LeeruitkomstForm(request.POST, leerwerktraject=lwt)
                if form.is_valid():
                    services.leeruitkomst_add(by=request.user, **form.cleaned_data)
                    messages.success(request, _("Leeruitkomst toegevoegd."))
                    return redirect("leerwerktraject_manage", pk=lwt.pk)
            elif action == "starts":
                forms["starts_form"] = form = StartMomentsForm(request.POST)
                if form.is_valid():
                    made = services.start_moments_generate(
                        by=request.user, leerwerktraject=lwt, **form.cleaned_data
                    )
                    messages.success(
                        request, _("%(n)s startmomenten aangemaakt.") % {"n": len(made)}
                    )
                    return redirect("leerwerktraject_manage", pk=lwt.pk)
            elif action == "publish":
                services.leerwerktraject_publish(by=request.user, leerwerktraject=lwt)
                messages.success(request, _("Leerwerktraject gepubliceerd."))
                return redirect("leerwerktraject_manage", pk=lwt.pk)
        except ValidationError as error:
            if forms:
                add_service_errors(next(iter(forms.values())), error)
            else:
                messages.error(request, " ".join(error.messages))
    return render(request, "onboarding/leerwerktraject_manage.html", _manage_context(lwt, **forms))


@role_required(Role.OVERSTAPPER)
@require_POST
def enrol(request):
    traject = traject_current_for(overstapper=request.user)
    form = EnrolForm(request.POST)
    if traject is None or not form.is_valid():
        messages.error(request, _("Kies een startmoment."))
        return redirect("leerwerktraject_list")
    moment = selectors.StartMoment.objects.filter(pk=form.cleaned_data["start_moment"]).first()
    if moment is None:
        raise Http404(_("Dit startmoment bestaat niet."))
    try:
        services.inschrijving_create(by=request.user, traject=traject, start_moment=moment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("leerwerktraject_list")
    messages.success(request, _("Je bent ingeschreven."))
    return redirect("my_route")


# --- The route (the driehoek) ------------------------------------------------------------


def _route_context(request, inschrijving, **forms) -> dict:
    route = selectors.route_for(inschrijving)
    lwt = inschrijving.start_moment.leerwerktraject
    is_opleider = services._is_opleider_of(request.user, lwt)
    context = {
        "inschrijving": inschrijving,
        "route": route,
        "validations": inschrijving.validations.select_related("leeruitkomst__module", "by"),
        "is_opleider": is_opleider,
    }
    if is_opleider:
        validated = {v.leeruitkomst_id for v in context["validations"]}
        outcomes = [
            lu
            for lu in Leeruitkomst.objects.filter(module__leerwerktraject=lwt).select_related(
                "module"
            )
            if lu.pk not in validated
        ]
        context |= {
            "validation_form": forms.get("validation_form") or ValidationForm(outcomes=outcomes),
            "progress_form": forms.get("progress_form")
            or ProgressForm(modules=[m.module for m in route.to_follow]),
            "pause_form": forms.get("pause_form") or PauseForm(),
            "outcomes": outcomes,
        }
    return context


@login_required
@require_GET
def route_detail(request, pk: int):
    inschrijving = inschrijving_get_for_user(user=request.user, pk=pk)
    return render(request, "onboarding/route.html", _route_context(request, inschrijving))


@role_required(Role.OPLEIDER)
@require_POST
def route_action(request, pk: int):
    inschrijving = inschrijving_get_for_user(user=request.user, pk=pk, action=None)
    action = request.POST.get("action")
    forms = {}
    lwt = inschrijving.start_moment.leerwerktraject
    try:
        if action == "validation":
            outcomes = Leeruitkomst.objects.filter(module__leerwerktraject=lwt).select_related(
                "module"
            )
            forms["validation_form"] = form = ValidationForm(
                request.POST, request.FILES, outcomes=outcomes
            )
            if form.is_valid():
                data = form.cleaned_data
                services.validation_record(
                    by=request.user,
                    inschrijving=inschrijving,
                    leeruitkomst=outcomes.get(pk=data["leeruitkomst"]),
                    method=data["method"],
                    note=data["note"],
                    evidence=data["evidence"],
                )
                messages.success(request, _("Leeruitkomst erkend."))
                return redirect("route_detail", pk=pk)
        elif action == "progress":
            forms["progress_form"] = form = ProgressForm(request.POST, modules=lwt.modules.all())
            if form.is_valid():
                services.progress_record(
                    by=request.user,
                    inschrijving=inschrijving,
                    module=lwt.modules.get(pk=form.cleaned_data["module"]),
                    percent=form.cleaned_data["percent"],
                )
                messages.success(request, _("Voortgang opgeslagen."))
                return redirect("route_detail", pk=pk)
        elif action == "pause":
            forms["pause_form"] = form = PauseForm(request.POST)
            if form.is_valid():
                services.inschrijving_pause(
                    by=request.user, inschrijving=inschrijving, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Leerroute gepauzeerd."))
                return redirect("route_detail", pk=pk)
        elif action == "resume":
            services.inschrijving_resume(by=request.user, inschrijving=inschrijving)
            messages.success(request, _("Leerroute hervat."))
            return redirect("route_detail", pk=pk)
    except ValidationError as error:
        if forms:
            add_service_errors(next(iter(forms.values())), error)
        else:
            messages.error(request, " ".join(error.messages))
    return render(
        request, "onboarding/route.html", _route_context(request, inschrijving, **forms), status=400
    )


@login_required
@require_GET
def evidence_download(request, pk: int):
    """Bewijslast is served only to those who may see the route, never from a public URL."""
    validation = get_object_or_404(Validation, pk=pk)
    allowed = selectors.inschrijving_visible_for(user=request.user).filter(
        pk=validation.inschrijving_id
    )
    if request.user.role == Role.WERKGEVER or not allowed.exists() or not validation.evidence:
        raise Http404(_("Dit bestand bestaat niet of je hebt er geen toegang toe."))
    return FileResponse(validation.evidence.open("rb"), as_attachment=True)


# --- Overstapper -------------------------------------------------------------------------


def _my_context(request, traject, **forms) -> dict:
    inschrijving = traject.inschrijvingen.select_related(
        "start_moment__leerwerktraject__opleider", "werkgever"
    ).first()
    checkin = selectors.open_checkin(traject=traject)
    return {
        "traject": traject,
        "inschrijving": inschrijving,
        "route": selectors.route_for(inschrijving) if inschrijving else None,
        "next_start": selectors.next_start_moment(inschrijving=inschrijving),
        "items": selectors.plan_items(traject=traject),
        "today": selectors.today(),
        "checkin": checkin,
        "checkin_form": forms.get("checkin_form") or CheckInForm(),
        "hulplijn_form": forms.get("hulplijn_form") or HulplijnForm(),
        "questions": selectors.hulplijn_for(user=request.user, traject=traject),
    }


def _my_traject(request) -> Traject:
    traject = traject_current_for(overstapper=request.user)
    if traject is None:
        raise Http404(_("Je hebt nog geen traject."))
    return traject


@role_required(Role.OVERSTAPPER)
@require_GET
def my_route(request):
    traject = traject_current_for(overstapper=request.user)
    if traject is None:  # the menu shows this page before there is a traject
        return render(request, "onboarding/my_route_none.html")
    return render(request, "onboarding/my_route.html", _my_context(request, traject))


@role_required(Role.OVERSTAPPER)
@require_POST
def my_checkin(request):
    traject = _my_traject(request)
    checkin = selectors.open_checkin(traject=traject)
    form = CheckInForm(request.POST)
    if checkin is None:
        messages.error(request, _("Er staat geen check-in voor je klaar."))
        return redirect("my_route")
    if form.is_valid():
        try:
            services.checkin_submit(
                checkin=checkin, scores=form.scores, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bedankt! Je check-in is opgeslagen."))
            return redirect("my_route")
    context = _my_context(request, traject, checkin_form=form)
    return render(request, "onboarding/my_route.html", context, status=400)


@role_required(Role.OVERSTAPPER)
@require_POST
def my_hulplijn(request):
    traject = _my_traject(request)
    form = HulplijnForm(request.POST)
    if form.is_valid():
        try:
            services.hulplijn_ask(by=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Je vraag is verstuurd."))
            return redirect("my_route")
    context = _my_context(request, traject, hulplijn_form=form)
    return render(request, "onboarding/my_route.html", context, status=400)


@require_http_methods(["GET", "POST"])
def checkin_link(request, token: str):
    """The link from the e-mail: no password, works once, expires."""
    try:
        checkin, _nonce = services.checkin_from_token(token)
    except ValidationError as error:
        return render(
            request, "onboarding/checkin_link.html", {"error": " ".join(error.messages)}, status=400
        )
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_submit_by_token(
                token=token, scores=form.scores, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            return render(
                request,
                "onboarding/checkin_link.html",
                {"error": " ".join(error.messages)},
                status=400,
            )
        return render(request, "onboarding/checkin_link.html", {"done": True})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "onboarding/checkin_link.html", {"form": form, "checkin": checkin}, status=status
    )


# --- Werkgever ---------------------------------------------------------------------------


@role_required(Role.WERKGEVER)
@require_GET
def werkgever_list(request):
    trajecten = selectors.werkgever_trajecten(user=request.user).prefetch_related("inschrijvingen")
    return render(request, "onboarding/werkgever_list.html", {"trajecten": trajecten})


def _werkgever_traject(request, pk: int) -> Traject:
    traject = selectors.werkgever_trajecten(user=request.user).filter(pk=pk).first()
    if traject is None:
        raise Http404(_("Deze deelnemer bestaat niet of werkt niet bij jouw organisatie."))
    return traject


def _plan_context(request, traject, form=None) -> dict:
    return {
        "traject": traject,
        "plan": getattr(traject, "onboarding_plan", None),
        "items": selectors.plan_items(traject=traject),
        "today": selectors.today(),
        "form": form or PlanForm(),
        "inschrijvingen": selectors.inschrijving_visible_for(user=request.user).filter(
            traject=traject
        ),
        "questions": selectors.hulplijn_for(user=request.user, traject=traject),
    }


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def werkgever_plan(request, pk: int):
    traject = _werkgever_traject(request, pk)
    form = PlanForm(request.POST or None, initial={"starts_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.onboarding_plan_create(
                by=request.user, traject=traject, starts_on=form.cleaned_data["starts_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Onboardingsplan gemaakt."))
            return redirect("werkgever_plan", pk=traject.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "onboarding/plan.html", _plan_context(request, traject, form), status=status
    )


@login_required
@require_POST
def item_toggle(request, pk: int):
    item = get_object_or_404(OnboardingItem.objects.select_related("plan__traject"), pk=pk)
    services.onboarding_item_toggle(by=request.user, item=item)
    traject = item.plan.traject
    if request.user.role == Role.WERKGEVER:
        if not request.htmx:
            return redirect("werkgever_plan", pk=traject.pk)
        return render_page_or_partial(
            request, "onboarding/plan.html", _plan_context(request, traject), partial="plan-items"
        )
    return redirect("my_route")


# --- Coach -------------------------------------------------------------------------------


def _begeleiding_context(request, traject, form=None) -> dict:
    return {
        "traject": traject,
        "inschrijvingen": traject.inschrijvingen.select_related(
            "start_moment__leerwerktraject", "werkgever"
        ),
        "items": selectors.plan_items(traject=traject),
        "today": selectors.today(),
        "checkins": traject.checkins.all()[:12],
        "alerts": traject.alerts.all()[:20],
        "questions": selectors.hulplijn_for(user=request.user, traject=traject),
        "retention": selectors.retention_for(traject=traject),
        "uitval": getattr(traject, "uitval", None),
        "form": form or CloseForm(),
    }


@role_required(Role.COACH, Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def begeleiding(request, pk: int):
    action = "traject.view" if request.method == "GET" else None
    traject = traject_get_for_user(user=request.user, pk=pk, action=action)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.traject_close(by=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De uitkomst van het traject is vastgelegd."))
            return redirect("begeleiding", pk=traject.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "onboarding/begeleiding.html",
        _begeleiding_context(request, traject, form),
        status=status,
    )
