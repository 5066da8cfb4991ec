"""Pages of the Persoonlijk Profiel: the wizard, the document, sharing, export and erasure."""

from __future__ import annotations

import json
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from loopbrug.pdf import pdf_response, render_pdf
from loopbrug.views import add_service_errors, form_error_text, role_required, throttled_like_api
from taxonomy import selectors as taxonomy_selectors

from . import forms, hooks, selectors, services
from .access import profile_get_for_user, viewer_sees_finances
from .exports import profile_export_context, profile_export_data
from .models import Profile, ProfileShare, ProfileSkill, ProfileStep
from .steps import STEP_BY_KEY, STEPS, next_step, previous_step

_overstapper_required = role_required(
    Role.OVERSTAPPER, message=_lazy("Alleen overstappers hebben een Persoonlijk Profiel.")
)


def _step_context(profile, step, form, **extra) -> dict:
    return {
        "profile": profile,
        "step": step,
        "steps": STEPS,
        "form": form,
        "next": next_step(step.key),
        "previous": previous_step(step.key),
        "skill_add_form": forms.SkillAddForm(),
        "search_form": forms.SkillSearchForm(),
        "experience_form": forms.ExperienceForm(),
        **extra,
    }


@_overstapper_required
@require_http_methods(["GET", "POST"])
def profile_step(request, step: str):
    spec = STEP_BY_KEY.get(step)
    if spec is None:
        raise Http404(_("Deze stap bestaat niet."))
    profile = selectors.profile_for_owner(user=request.user)
    if request.method == "GET":
        form = spec.form(initial=spec.initial(profile))
        extra = {}
        if spec.key == ProfileStep.SKILLS and request.GET.get("q"):
            search = forms.SkillSearchForm(request.GET)
            extra = {"search_form": search, "results": _search_results(search)}
        return render(request, "profiles/step.html", _step_context(profile, spec, form, **extra))

    form = spec.form(request.POST)
    version = _posted_version(request)
    saved, conflict = False, None
    if form.is_valid():
        try:
            spec.save(profile, form, version)
            saved = True
        except ValidationError as error:
            add_service_errors(form, error)
        except services.StaleProfile as stale:
            conflict = stale
    if request.htmx and "autosave" in request.POST:
        # A conflict keeps the old version in the form: the next save by hand shows it in full.
        return render(
            request,
            "profiles/step.html#save-status",
            {
                "saved": saved,
                "form": form,
                "saved_at": timezone.localtime(),
                "autosave_conflict": conflict and conflict.message,
                "version": profile.version if saved else version,
            },
        )
    if saved:
        target = next_step(spec.key) if "next" in request.POST else spec
        if "next" in request.POST and target is None:
            messages.success(request, _("Je Persoonlijk Profiel is opgeslagen."))
            return redirect("profile_document")
        return redirect("profile_step", step=target.key)
    profile.refresh_from_db()
    # The form shows what was typed; saving it again (with the current version) is deliberate.
    context = _step_context(profile, spec, form, conflict=conflict and conflict.message)
    return render(request, "profiles/step.html", context, status=409 if conflict else 200)


def _posted_version(request) -> int | None:
    """The profile version the form was loaded with (none from a page older than versions)."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def _search_results(search_form):
    if not search_form.is_valid():
        return []
    return list(taxonomy_selectors.skill_search(q=search_form.cleaned_data["q"]))


@_overstapper_required
@require_GET
def skill_search(request):
    search = forms.SkillSearchForm(request.GET)
    profile = selectors.profile_for_owner(user=request.user)
    context = _step_context(
        profile,
        STEP_BY_KEY[ProfileStep.SKILLS],
        forms.forms.Form(),
        search_form=search,
        results=_search_results(search),
    )
    if request.htmx:
        return render(request, "profiles/step_skills.html#skill-results", context)
    return render(request, "profiles/step.html", context)


@_overstapper_required
@require_POST
def skill_add(request):
    profile = selectors.profile_for_owner(user=request.user)
    form = forms.SkillAddForm(request.POST)
    if form.is_valid():
        try:
            item = services.profile_skill_upsert(profile=profile, **form.cleaned_data)
            messages.success(request, _("%(skill)s staat in je profiel.") % {"skill": item.skill})
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        messages.error(request, form_error_text(form))
    if not request.htmx:
        return redirect("profile_step", step=ProfileStep.SKILLS)
    profile = selectors.profile_for_owner(user=request.user)
    context = _step_context(profile, STEP_BY_KEY[ProfileStep.SKILLS], forms.forms.Form())
    return render(request, "profiles/step_skills.html#skill-list", context)


@_overstapper_required
@require_POST
def skill_remove(request, skill_id: int):
    profile = selectors.profile_for_owner(user=request.user)
    try:
        services.profile_skill_remove(profile=profile, skill_id=skill_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if not request.htmx:
        return redirect("profile_step", step=ProfileStep.SKILLS)
    profile = selectors.profile_for_owner(user=request.user)
    context = _step_context(profile, STEP_BY_KEY[ProfileStep.SKILLS], forms.forms.Form())
    return render(request, "profiles/step_skills.html#skill-list", context)


@_overstapper_required
@require_POST
def experience_add(request):
    profile = selectors.profile_for_owner(user=request.user)
    form = forms.ExperienceForm(request.POST)
    if form.is_valid():
        try:
            services.profile_experience_add(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    step = STEP_BY_KEY[ProfileStep.ERVARING]
    if form.errors:
        context = _step_context(
            profile, step, step.form(initial=step.initial(profile)), experience_form=form
        )
        return render(request, "profiles/step.html", context)
    messages.success(request, _("Toegevoegd."))
    return redirect("profile_step", step=ProfileStep.ERVARING)


@_overstapper_required
@require_http_methods(["GET", "POST"])
def experience_edit(request, experience_id: int):
    profile = selectors.profile_for_owner(user=request.user)
    experience = get_object_or_404(profile.experiences, pk=experience_id)
    form = forms.ExperienceForm(
        request.POST or None, instance=experience, prefix=f"exp{experience.pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_experience_update(
                profile=profile, experience_id=experience.pk, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("profile_step", step=ProfileStep.ERVARING)
    context = {"experience": experience, "form": form}
    if request.htmx:
        return render(request, "profiles/experience_edit.html#experience-edit", context)
    return render(request, "profiles/experience_edit.html", context)


@_overstapper_required
@require_POST
def experience_remove(request, experience_id: int):
    profile = selectors.profile_for_owner(user=request.user)
    try:
        services.profile_experience_remove(profile=profile, experience_id=experience_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("profile_step", step=ProfileStep.ERVARING)


@_overstapper_required
@require_http_methods(["GET", "POST"])
def profile_sensitive(request):
    profile = selectors.profile_for_owner(user=request.user)
    form = forms.SensitiveForm(
        request.POST or None,
        initial={
            "health": profile.sensitive_health,
            "arbeidsbeperking": profile.sensitive_arbeidsbeperking,
            "status": profile.sensitive_status,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save_sensitive(
                profile=profile, **form.cleaned_data, version=_posted_version(request)
            )
        except services.StaleProfile as stale:
            conflict = stale.message
        else:
            messages.success(request, _("Opgeslagen. Alleen jij ziet deze gegevens."))
            return redirect("profile_document")
    context = {"form": form, "conflict": conflict, "version": profile.version}
    return render(request, "profiles/sensitive.html", context, status=409 if conflict else 200)


@_overstapper_required
@require_GET
def profile_document(request):
    profile = selectors.profile_for_owner(user=request.user)
    return render(request, "profiles/document.html", _document_context(profile))


def _document_context(profile: Profile) -> dict:
    return {"profile": profile, "owner_view": True, "show_finances": True, "steps": STEPS}


@_overstapper_required
@require_GET
def profile_pdf_download(request):
    """The profile page as a PDF to apply with (without the sensitive data)."""
    profile = selectors.profile_for_owner(user=request.user)
    pdf = render_pdf(
        template="profiles/document.html", context=_document_context(profile), request=request
    )
    return pdf_response(pdf, filename="persoonlijk-profiel.pdf")


@_overstapper_required
@require_http_methods(["GET", "POST"])
def profile_shares(request):
    profile = selectors.profile_for_owner(user=request.user)
    form = forms.ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expires_at = None
        if data["expires_on"]:
            expires_at = timezone.make_aware(datetime.combine(data["expires_on"], time.max))
        try:
            grantee = services.share_grantee_by_email(data["grantee_email"])
            services.profile_share(
                profile=profile,
                grantee=grantee,
                purpose=data["purpose"],
                vacature=data["vacature"],
                expires_at=expires_at,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Je profiel is gedeeld met %(name)s.") % {"name": grantee.full_name}
            )
            return redirect("profile_shares")
    coach = _traject_coach(request.user)
    return render(
        request,
        "profiles/shares.html",
        {
            "form": form,
            "shares": selectors.shares_for_owner(profile=profile),
            "views": selectors.profile_views_for_owner(profile=profile)[:100],
            "coach": coach,
            "coach_shared": coach is not None
            and selectors.active_share(profile=profile, viewer=coach) is not None,
        },
    )


def _traject_coach(user):
    return hooks.current_coach(user)


@_overstapper_required
@require_POST
def profile_share_with_coach(request):
    profile = selectors.profile_for_owner(user=request.user)
    coach = _traject_coach(request.user)
    if coach is None:
        messages.error(request, _("Je hebt nog geen coach."))
    else:
        services.profile_share(profile=profile, grantee=coach, purpose=ProfileShare.Purpose.COACH)
        messages.success(request, _("Je coach kan je profiel nu zien."))
    return redirect("profile_shares")


@_overstapper_required
@require_POST
def profile_share_revoke(request, share_id: int):
    share = get_object_or_404(ProfileShare, pk=share_id, profile__user=request.user)
    try:
        services.profile_share_revoke(share=share, by=request.user)
        messages.success(
            request,
            _("Delen ingetrokken. %(name)s ziet je profiel niet meer.")
            % {"name": share.grantee.full_name},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("profile_shares")


@_overstapper_required
@require_GET
def profile_export_json(request):
    data = profile_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="loopbrug-mijn-gegevens.json"'
    return response


@_overstapper_required
@require_GET
def profile_export_pdf(request):
    """The profile page and everything else Loopbrug holds about this person, as a PDF."""
    profile = selectors.profile_for_owner(user=request.user)
    context = _document_context(profile) | profile_export_context(profile=profile)
    pdf = render_pdf(template="profiles/export.html", context=context, request=request)
    return pdf_response(pdf, filename="loopbrug-mijn-gegevens.pdf")


@_overstapper_required
@require_http_methods(["GET", "POST"])
def profile_erase(request):
    form = forms.EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("Dit wachtwoord klopt niet."))
        else:
            user = request.user
            logout(request)
            services.account_erase(user=user)
            return render(request, "profiles/erased.html")
    return render(request, "profiles/erase.html", {"form": form})


# --- Someone else's view: coach, werkgever, opleider ---------------------------------------


@login_required
@require_GET
@throttled_like_api
def shared_profiles(request):
    return render(
        request,
        "profiles/shared_list.html",
        {"shares": selectors.shares_received(viewer=request.user)},
    )


def _viewer_context(request, profile, share, assessment_form=None) -> dict:
    return {
        "profile": profile,
        "share": share,
        "owner_view": False,
        "show_finances": viewer_sees_finances(viewer=request.user, profile=profile),
        "may_validate": request.user.role == Role.COACH,
        "assessment_form": assessment_form or forms.AssessmentForm(),
    }


@login_required
@require_GET
@throttled_like_api
def shared_profile(request, profile_id: int):
    profile, share = profile_get_for_user(user=request.user, pk=profile_id)
    return render(request, "profiles/document.html", _viewer_context(request, profile, share))


@login_required
@require_POST
@throttled_like_api
def shared_skill_validate(request, profile_id: int, item_id: int):
    profile, share = profile_get_for_user(user=request.user, pk=profile_id)
    item = get_object_or_404(ProfileSkill, pk=item_id, profile=profile)
    services.profile_skill_validate(item=item, coach=request.user)
    messages.success(request, _("Bewijs gevalideerd: %(skill)s.") % {"skill": item.skill})
    return redirect("shared_profile", profile_id=profile.pk)


@login_required
@require_POST
@throttled_like_api
def shared_assessment_add(request, profile_id: int):
    profile, share = profile_get_for_user(user=request.user, pk=profile_id)
    form = forms.AssessmentForm(request.POST)
    if form.is_valid():
        services.assessment_add(profile=profile, coach=request.user, **form.cleaned_data)
        messages.success(request, _("Assessment toegevoegd."))
        return redirect("shared_profile", profile_id=profile.pk)
    return render(request, "profiles/document.html", _viewer_context(request, profile, share, form))
