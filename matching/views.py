"""Pages for matching: the werkgever's vacatures and candidates, the overstapper's matches,
and the rescore runs of beheerder and loket."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from loopbrug.pdf import pdf_response, render_pdf
from loopbrug.views import form_error_text, role_required, throttled_like_api
from profiles.forms import SkillSearchForm
from profiles.models import ProfileStep
from profiles.selectors import profile_for_owner
from taxonomy.models import Beroep
from taxonomy.selectors import skill_search

from . import selectors, services
from .access import (
    application_get_for_contract,
    is_candidate_of,
    may_apply,
    vacature_get_for_user,
)
from .explanations import LOOK_THRESHOLD
from .forms import (
    ApplicationMoveForm,
    ContractForm,
    ContractSignForm,
    VacatureForm,
    VacatureSkillForm,
    VacatureSplitForm,
    VacatureTaskForm,
)
from .models import Application, Match, MatchRun, Vacature


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Werkgever --------------------------------------------------------------------------


@role_required(Role.WERKGEVER)
@require_GET
def vacature_list(request):
    return render(
        request,
        "matching/vacature_list.html",
        {
            "vacatures": selectors.vacatures_for_organisation(
                organisation=request.user.organisation
            ),
            "beroepen": Beroep.objects.filter(code__startswith="lb:").order_by(
                "sector", "label_nl"
            ),
        },
    )


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def vacature_create(request):
    # ?beroep= comes from a link; anything but an id of a beroep gives the plain form.
    beroep_id = request.GET.get("beroep", "")
    beroep = (
        Beroep.objects.filter(pk=int(beroep_id)).first()
        if beroep_id.isascii() and beroep_id.isdigit() and len(beroep_id) <= 18
        else None
    )
    initial = {
        "region": request.user.organisation.region,
        "sector": request.user.organisation.sector,
    }
    if beroep:
        initial |= {"title": beroep.label_nl, "sector": beroep.sector, "niveau": beroep.niveau}
    form = VacatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        skills = None
        if beroep:
            skills = [
                (bs.skill, 3, bs.essential) for bs in beroep.beroep_skills.select_related("skill")
            ]
        data = form.cleaned_data
        try:
            vacature = services.vacature_save(
                by=request.user,
                organisation=request.user.organisation,
                skills=skills,
                talents=data.pop("talents"),
                drijfveren=data.pop("drijfveren"),
                beroep=beroep,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Vacature opgeslagen als concept. Voeg de skills en taken toe.")
            )
            return redirect("vacature_manage", pk=vacature.pk)
    return render(request, "matching/vacature_form.html", {"form": form, "beroep": beroep})


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def vacature_edit(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    form = VacatureForm(request.POST or None, instance=vacature)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.vacature_save(
                by=request.user,
                vacature=vacature,
                talents=data.pop("talents"),
                drijfveren=data.pop("drijfveren"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Vacature opgeslagen."))
            return redirect("vacature_manage", pk=vacature.pk)
    return render(request, "matching/vacature_form.html", {"form": form, "vacature": vacature})


def _manage_context(request, vacature, **extra) -> dict:
    search = SkillSearchForm(request.GET or None)
    results = (
        list(skill_search(q=search.cleaned_data["q"]))
        if search.is_valid() and search.cleaned_data["q"]
        else []
    )
    return {
        "vacature": vacature,
        "search_form": search,
        "results": results,
        "skill_form": VacatureSkillForm(),
        "task_form": VacatureTaskForm(),
        **extra,
    }


@role_required(Role.WERKGEVER)
@require_GET
def vacature_manage(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    context = _manage_context(request, vacature)
    if request.htmx and request.htmx.target == "skill-results":
        return render(request, "matching/vacature_manage.html#skill-results", context)
    return render(request, "matching/vacature_manage.html", context)


def _skills_of(vacature):
    return [(vs.skill, vs.min_level, vs.essential) for vs in vacature.vacature_skills.all()]


@role_required(Role.WERKGEVER)
@require_POST
def vacature_skill_add(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    form = VacatureSkillForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        skills = [s for s in _skills_of(vacature) if s[0].pk != d["skill"].pk]
        try:
            services.vacature_save(
                by=request.user,
                vacature=vacature,
                skills=[*skills, (d["skill"], d["min_level"], d["essential"])],
            )
            messages.success(request, _("%(skill)s toegevoegd.") % {"skill": d["skill"]})
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, form_error_text(form))
    return redirect("vacature_manage", pk=vacature.pk)


@role_required(Role.WERKGEVER)
@require_POST
def vacature_skill_remove(request, pk: int, skill_id: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    skills = [s for s in _skills_of(vacature) if s[0].pk != skill_id]
    try:
        services.vacature_save(by=request.user, vacature=vacature, skills=skills)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("vacature_manage", pk=vacature.pk)


@role_required(Role.WERKGEVER)
@require_POST
def vacature_task_add(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    form = VacatureTaskForm(request.POST)
    if form.is_valid():
        tasks = [(t.description, t.niveau) for t in vacature.tasks.all()]
        tasks.append((form.cleaned_data["description"], form.cleaned_data["niveau"]))
        try:
            services.vacature_save(by=request.user, vacature=vacature, tasks=tasks)
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, form_error_text(form))
    return redirect("vacature_manage", pk=vacature.pk)


@role_required(Role.WERKGEVER)
@require_POST
def vacature_action(request, pk: int, action: str):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    actions = {
        "publiceren": (
            services.vacature_publish,
            _("De vacature is gepubliceerd en doet mee in de matching."),
        ),
        "sluiten": (services.vacature_close, _("De vacature is gesloten.")),
    }
    if action not in actions:
        raise Http404
    service, message = actions[action]
    try:
        service(vacature=vacature, by=request.user)
        messages.success(request, message)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("vacature_manage", pk=vacature.pk)


@role_required(Role.WERKGEVER)
@require_GET
@throttled_like_api
def vacature_candidates(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    ranked = selectors.candidates_for_vacature(vacature=vacature, viewer=request.user)
    explanations = selectors.explain([m for _a, m in ranked if m])
    contracts = selectors.contracts_for_applications(application_ids=[a.pk for a, _m in ranked])
    rows = [
        {
            "application": a,
            "match": m,
            "explanation": explanations.get(m.pk) if m else None,
            "form": ApplicationMoveForm(
                prefix=f"app{a.pk}",
                allowed=sorted(
                    services.PIPELINE[a.status]
                    - services.CANDIDATE_MOVES
                    - set(services.CONTRACT_STEPS),
                    key=list(Application.Status.values).index,
                ),
            ),
            "contract": contracts.get(a.pk),
            "can_offer": a.pk not in contracts
            and (
                a.status == Application.Status.CONTRACT
                or Application.Status.CONTRACT in services.PIPELINE[a.status]
            ),
        }
        for a, m in ranked
    ]
    return render(request, "matching/candidates.html", {"vacature": vacature, "rows": rows})


@login_required
@require_POST
def application_move(request, pk: int):
    application = get_object_or_404(
        Application.objects.select_related("vacature", "profile"), pk=pk
    )
    is_candidate = application.profile.user_id == request.user.pk
    is_werkgever = (
        request.user.role == Role.WERKGEVER
        and application.vacature.organisation_id == request.user.organisation_id
    )
    if not (is_candidate or is_werkgever):
        raise Http404
    form = ApplicationMoveForm(request.POST, prefix=None if is_candidate else f"app{pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.pipeline_step(
                application=application,
                to_status=d["to_status"],
                by=request.user,
                note=d["note"],
                meeloopdag_on=d["meeloopdag_on"],
                meeloopdag_days=d["meeloopdag_days"],
            )
            messages.success(
                request,
                _("Opgeslagen: %(status)s.") % {"status": Application.Status(d["to_status"]).label},
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, form_error_text(form))
    if is_candidate:
        return redirect("my_matches")
    return redirect("vacature_candidates", pk=application.vacature_id)


# --- Vacature splitting (job carving) ------------------------------------------------------


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def vacature_split(request, pk: int):
    """Split per niveau; with candidates on the vacature, only after the confirmation here."""
    vacature = vacature_get_for_user(user=request.user, pk=pk, own=True)
    form = VacatureSplitForm(request.POST or None)
    if request.method == "POST":
        confirm = form.is_valid()
        try:
            copies = services.vacature_split_by_level(
                vacature=vacature, by=request.user, confirm=confirm
            )
        except services.ConfirmationRequired as error:
            if request.POST.get("step") != "confirm":  # from the manage page: ask first
                messages.info(request, _errors(error))
                return redirect("vacature_split", pk=vacature.pk)
        except ValidationError as error:
            messages.error(request, _errors(error))
            return redirect("vacature_manage", pk=vacature.pk)
        else:
            messages.success(
                request,
                _("De vacature is gesplitst: %(titles)s staan als concept klaar.")
                % {"titles": ", ".join(c.title for c in copies)},
            )
            return redirect("vacature_manage", pk=vacature.pk)
    impact = services.vacature_split_impact(vacature=vacature)
    return render(
        request,
        "matching/vacature_split.html",
        {
            "vacature": vacature,
            "form": form,
            "impact": impact,
            "who": services.split_impact_text(impact),
        },
    )


# --- The voorwaardelijk contract ---------------------------------------------------------


def _application_for_contract(request, pk: int) -> tuple[Application, bool]:
    """The application (with the check) and whether the user is its candidate."""
    application = application_get_for_contract(user=request.user, pk=pk)
    return application, is_candidate_of(request.user, application)


def _contract_or_404(application: Application):
    contract = selectors.contract_for_application(application_id=application.pk)
    if contract is None:
        raise Http404(_("Voor deze sollicitatie is nog geen contract aangeboden."))
    return contract


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def contract_offer(request, pk: int):
    application, _is_candidate = _application_for_contract(request, pk)
    if selectors.contract_for_application(application_id=application.pk):
        messages.info(request, _("Deze kandidaat heeft al een contract aangeboden gekregen."))
        return redirect("contract_detail", pk=application.pk)
    form = ContractForm(
        request.POST or None, initial=ContractForm.initial_for(application.vacature)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_offer(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Het contract is aangeboden aan %(name)s.")
                % {"name": application.profile.user.full_name},
            )
            return redirect("contract_detail", pk=application.pk)
    context = {"application": application, "form": form}
    if request.htmx and request.htmx.target == f"contract-form-{application.pk}":
        return render(request, "matching/contract_offer.html#contract-form", context)
    return render(request, "matching/contract_offer.html", context)


def _contract_context(application, contract, is_candidate, sign_form=None) -> dict:
    return {
        "application": application,
        "contract": contract,
        "rows": selectors.contract_rows(contract),
        "is_candidate": is_candidate,
        "can_sign": is_candidate
        and not contract.is_signed
        and application.status == Application.Status.CONTRACT,
        "sign_form": sign_form or ContractSignForm(),
    }


def _contract_page(request, application, contract, is_candidate, sign_form=None):
    context = _contract_context(application, contract, is_candidate, sign_form)
    return render(request, "matching/contract_detail.html", context)


@login_required
@require_GET
def contract_detail(request, pk: int):
    """The contract in plain Dutch for both sides; the candidate signs it here."""
    application, is_candidate = _application_for_contract(request, pk)
    return _contract_page(request, application, _contract_or_404(application), is_candidate)


@role_required(Role.OVERSTAPPER)
@require_POST
def contract_sign(request, pk: int):
    """The second step: 'Ik heb het contract gelezen' ticked, then signed."""
    application, is_candidate = _application_for_contract(request, pk)
    contract = _contract_or_404(application)
    form = ContractSignForm(request.POST)
    if not form.is_valid():
        return _contract_page(request, application, contract, is_candidate, form)
    try:
        services.contract_sign(contract=contract, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Je hebt het contract ondertekend."))
    return redirect("contract_detail", pk=application.pk)


@login_required
@require_GET
def contract_pdf_download(request, pk: int):
    application, _is_candidate = _application_for_contract(request, pk)
    contract = _contract_or_404(application)
    # The contract page itself, as a PDF (no sign form: a paper cannot be signed here).
    context = _contract_context(application, contract, is_candidate=False)
    pdf = render_pdf(template="matching/contract_detail.html", context=context, request=request)
    return pdf_response(pdf, filename="contract.pdf")


# --- Overstapper ------------------------------------------------------------------------


@role_required(Role.OVERSTAPPER)
@require_GET
def my_matches(request):
    profile = profile_for_owner(user=request.user)
    return render(
        request,
        "matching/my_matches.html",
        {
            "profile": profile,
            **selectors.my_matches_page(profile=profile),
            "look_threshold": LOOK_THRESHOLD,
            "profile_ready": ProfileStep.SKILLS in profile.completed_steps,
        },
    )


@login_required
@require_GET
def vacature_detail(request, pk: int):
    vacature = vacature_get_for_user(user=request.user, pk=pk)
    as_candidate = may_apply(request.user)
    context = {
        "vacature": vacature,
        "match": None,
        "explanation": None,
        "application": None,
        "as_candidate": as_candidate,
    }
    if as_candidate:
        profile = profile_for_owner(user=request.user)
        match = Match.objects.filter(profile=profile, vacature=vacature).first()
        context |= {
            "match": match,
            "explanation": selectors.explain([match], with_teaching=True)[match.pk]
            if match
            else None,
            "application": Application.objects.filter(profile=profile, vacature=vacature).first(),
        }
    return render(request, "matching/vacature_detail.html", context)


@role_required(Role.OVERSTAPPER)
@require_POST
def application_interest(request, pk: int):
    vacature = get_object_or_404(Vacature, pk=pk)
    profile = profile_for_owner(user=request.user)
    try:
        services.application_show_interest(profile=profile, vacature=vacature, by=request.user)
        messages.success(
            request,
            _("Je interesse is doorgegeven en je profiel is gedeeld met %(org)s.")
            % {"org": vacature.organisation},
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("vacature_detail", pk=vacature.pk)


# --- Rescore runs (beheerder, loket) ----------------------------------------------------


@role_required(Role.BEHEERDER, Role.LOKET)
@require_http_methods(["GET", "POST"])
def match_runs(request):
    if request.method == "POST":
        try:
            run = services.match_run_start(
                by=request.user, scope=request.POST.get("scope", MatchRun.Scope.ALLE)
            )
            messages.success(request, _("De herberekening is gestart."))
            return redirect("match_run_detail", pk=run.pk)
        except ValidationError as error:
            messages.error(request, _errors(error))
        return redirect("match_runs")
    runs = list(selectors.match_runs()[:20])
    context = {
        "runs": runs,
        "active": next((r for r in runs if r.is_active), None),
    }
    if request.htmx and request.htmx.target == "run-progress":
        return render(request, "matching/match_runs.html#run-progress", context)
    return render(request, "matching/match_runs.html", context)


@role_required(Role.BEHEERDER, Role.LOKET)
@require_GET
def match_run_detail(request, pk: int):
    """One run: its status and progress (refreshed while it runs), "wacht op een worker" when
    no worker picks it up, and for a beheerder the button that cancels it."""
    run = get_object_or_404(selectors.match_runs(), pk=pk)
    context = {"run": run, "can_cancel": run.is_active and request.user.role == Role.BEHEERDER}
    if request.htmx and request.htmx.target == "run-status":
        return render(request, "matching/match_run_detail.html#run-status", context)
    return render(request, "matching/match_run_detail.html", context)


@role_required(Role.BEHEERDER)
@require_POST
def match_run_cancel(request, pk: int):
    run = get_object_or_404(MatchRun, pk=pk)
    try:
        services.match_run_cancel(run=run, by=request.user)
        messages.success(request, _("De herberekening is geannuleerd."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("match_run_detail", pk=run.pk)
