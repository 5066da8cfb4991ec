from __future__ import annotations

from decimal import InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from loopbrug.htmx import render_page_or_partial
from loopbrug.money import parse_euro
from loopbrug.pdf import pdf_response, render_pdf

from . import selectors, services
from .access import PlanContext, plan_get_for_user, sees_plans_as_funder
from .forms import (
    ContributionForm,
    IncomePeriodFormSet,
    PlanForm,
    period_initial,
)
from .models import Contribution, ContributionStatus, FinancingPlan, PostKind, Regeling, TargetGroup


def _read(request) -> str | None:
    """Audit a GET of a form page as a read; a POST is a write its service audits."""
    return "financing.view" if request.method == "GET" else None


def _require_plan(ctx: PlanContext) -> FinancingPlan:
    if ctx.plan is None:
        raise Http404(_("Dit traject heeft nog geen financieringsplan."))
    return ctx.plan


def _base_context(ctx: PlanContext, bundle: selectors.PlanBundle | None = None) -> dict:
    if bundle is None and ctx.plan is not None:
        bundle = selectors.plan_bundle(traject=ctx.traject, plan=ctx.plan, contract=ctx.contract)
    return {
        "traject": ctx.traject,
        "plan": ctx.plan,
        "access": ctx.access,
        "bundle": bundle,
        "contract": ctx.contract,
    }


@login_required
@require_GET
def plan_list(request):
    trajecten = list(selectors.trajecten_for_financing(user=request.user).order_by("pk"))
    bundles = selectors.plan_bundles(trajecten=trajecten)
    rows = [(t, bundles.get(t.pk)) for t in trajecten]
    return render(
        request,
        "financing/plan_list.html",
        {"rows": rows, "as_funder": sees_plans_as_funder(request.user)},
    )


@login_required
@require_GET
def plan_detail(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk)
    context = _base_context(ctx)
    bundle = context["bundle"]
    if bundle is not None:
        context["editable"] = {
            c.pk
            for view in bundle.views
            for c in view.contributions
            if ctx.access.may_edit_contribution(c)
        }
    if ctx.access.is_participant and ctx.traject.latende_werkgever_id:
        # What the page tells the person must be what the employer can open: consent or a
        # share, never the entry route alone.
        context["latende_sees"] = selectors.latende_werkgever_may_see(ctx.traject, ctx.plan)
    return render(request, "financing/plan_detail.html", context)


@login_required
@require_POST
def plan_start(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=None)
    try:
        services.plan_create(traject=ctx.traject, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Het financieringsplan is gestart met de normen van de doelsector.")
        )
    return redirect("financing_plan", pk=pk)


def _apply_errors(error: ValidationError, form: PlanForm, formset) -> None:
    for key, problems in error.message_dict.items():
        if key.startswith("post:"):
            form.add_error(f"estimate_{key[5:]}", problems)
        elif key.startswith("period:"):
            index = int(key[7:])
            live = [
                f for f in formset.forms if not f.is_blank() and not f.cleaned_data.get("DELETE")
            ]
            target = live[index] if index < len(live) else None
            if target is not None:
                target.add_error(None, problems)
            else:
                form.add_error(None, problems)
        elif key in form.fields:
            form.add_error(key, problems)
        else:
            form.add_error(None, problems)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=_read(request))
    plan = _require_plan(ctx)
    if not ctx.access.edit_plan:
        raise PermissionDenied(
            _("Alleen de coach van dit traject kan het financieringsplan wijzigen.")
        )
    bundle = selectors.plan_bundle(traject=ctx.traject, plan=plan, contract=ctx.contract)
    posts = [v.post for v in bundle.views]
    conflict = None
    if request.method == "POST":
        data = request.POST.copy()
        form = PlanForm(data, posts=posts)
        formset = IncomePeriodFormSet(data, prefix="inkomen")
        if form.is_valid() and formset.is_valid():
            periods = [
                f.period_data()
                for f in formset.forms
                if not f.is_blank() and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.plan_update(
                    plan=plan,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    fields=form.plan_fields(),
                    posts=form.posts_data(),
                    income_periods=periods,
                )
            except services.StaleVersion as stale:
                # Keep everything typed; the next save is based on what is stored now.
                conflict = stale.message
                data["version"] = str(stale.current_version)
                form = PlanForm(data, posts=posts)
                formset = IncomePeriodFormSet(data, prefix="inkomen")
                form.is_valid(), formset.is_valid()
            except ValidationError as error:
                _apply_errors(error, form, formset)
            else:
                messages.success(request, _("Het financieringsplan is opgeslagen."))
                return redirect("financing_plan", pk=pk)
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan, posts), posts=posts)
        formset = IncomePeriodFormSet(initial=period_initial(bundle.periods), prefix="inkomen")
    context = _base_context(ctx, bundle) | {
        "form": form,
        "formset": formset,
        "conflict": conflict,
    }
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    if request.htmx:
        status = 200  # htmx swaps only 2xx responses; the message is in the partial
    return render_page_or_partial(
        request, "financing/plan_edit.html", context, partial="plan-form", status=status
    )


def _regelingen_for(ctx: PlanContext, post_kind: str | None):
    sector = ctx.plan.norm_sector or ctx.traject.target_sector
    rows = selectors.regelingen_list(
        sector=sector, post=post_kind or "", region=selectors.region_code_of(ctx.traject) or ""
    )
    return Regeling.objects.filter(pk__in=[r.pk for r in rows]).order_by("name")


def _contribution_form(request, ctx: PlanContext, data=None, initial=None, post_kind=None):
    return ContributionForm(
        data,
        initial=initial,
        access=ctx.access,
        traject=ctx.traject,
        contract=ctx.contract,
        regelingen=_regelingen_for(ctx, post_kind),
    )


def _render_contribution(request, ctx, form, *, contribution=None, conflict=None, status=200):
    if request.htmx:
        status = 200  # htmx swaps only 2xx responses; the message is in the partial
    context = _base_context(ctx) | {
        "form": form,
        "contribution": contribution,
        "conflict": conflict,
    }
    return render_page_or_partial(
        request,
        "financing/contribution_form.html",
        context,
        partial="contribution-form",
        status=status,
    )


def _apply_service_errors(error: ValidationError, form) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, problems in error.message_dict.items():
        field = "post" if key == "post" else key
        form.add_error(field if field in form.fields else None, problems)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=_read(request))
    _require_plan(ctx)
    if not ctx.access.can_add_contribution:
        raise PermissionDenied(_("Je kunt aan dit financieringsplan geen bijdragen toevoegen."))
    if request.method == "GET":
        post_kind = request.GET.get("post") if request.GET.get("post") in PostKind.values else None
        initial = {"post": post_kind} if post_kind else {}
        if request.htmx:
            # The post changed: offer only the regelingen for that post, keep the rest typed.
            form = _contribution_form(request, ctx, initial=request.GET.dict(), post_kind=post_kind)
        else:
            form = _contribution_form(request, ctx, initial=initial, post_kind=post_kind)
        return _render_contribution(request, ctx, form)
    post_kind = request.POST.get("post") if request.POST.get("post") in PostKind.values else None
    form = _contribution_form(request, ctx, data=request.POST, post_kind=post_kind)
    if form.is_valid():
        try:
            services.contribution_create(plan=ctx.plan, by=request.user, **form.service_data())
        except ValidationError as error:
            _apply_service_errors(error, form)
        else:
            messages.success(request, _("De bijdrage is toegevoegd."))
            return redirect("financing_plan", pk=pk)
    return _render_contribution(request, ctx, form, status=400)


def _get_contribution(ctx: PlanContext, contribution_id: int) -> Contribution:
    contribution = (
        Contribution.objects.select_related("post__plan", "regeling", "funder_organisation")
        .filter(pk=contribution_id, post__plan=ctx.plan)
        .first()
    )
    if contribution is None:
        raise Http404(_("Deze bijdrage bestaat niet (meer)."))
    if not ctx.access.may_edit_contribution(contribution):
        raise PermissionDenied(_("Je kunt alleen de bijdragen van je eigen organisatie wijzigen."))
    return contribution


def _contribution_initial(contribution: Contribution) -> dict:
    return {
        "post": contribution.post.kind,
        "funder_type": contribution.funder_type,
        "funder_organisation": contribution.funder_organisation_id,
        "funder_name": contribution.funder_name,
        "amount": contribution.amount,
        "regeling": contribution.regeling_id,
        "status": contribution.status,
        "note": contribution.note,
        "version": contribution.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request, pk: int, contribution_id: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=_read(request))
    _require_plan(ctx)
    contribution = _get_contribution(ctx, contribution_id)
    if request.method == "GET":
        initial = _contribution_initial(contribution)
        if request.htmx:
            initial |= request.GET.dict()
        post_kind = initial.get("post") if initial.get("post") in PostKind.values else None
        form = _contribution_form(request, ctx, initial=initial, post_kind=post_kind)
        return _render_contribution(request, ctx, form, contribution=contribution)
    data = request.POST.copy()
    post_kind = data.get("post") if data.get("post") in PostKind.values else None
    form = _contribution_form(request, ctx, data=data, post_kind=post_kind)
    conflict = None
    if form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            services.contribution_update(
                contribution=contribution,
                by=request.user,
                version=contribution.version if version is None else version,
                **form.service_data(),
            )
        except services.StaleVersion as stale:
            conflict = stale.message
            data["version"] = str(stale.current_version)
            form = _contribution_form(request, ctx, data=data, post_kind=post_kind)
            form.is_valid()
            contribution.refresh_from_db()
        except ValidationError as error:
            _apply_service_errors(error, form)
        else:
            messages.success(request, _("De bijdrage is opgeslagen."))
            return redirect("financing_plan", pk=pk)
    return _render_contribution(
        request,
        ctx,
        form,
        contribution=contribution,
        conflict=conflict,
        status=409 if conflict else 400,
    )


@login_required
@require_POST
def contribution_delete(request, pk: int, contribution_id: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=None)
    _require_plan(ctx)
    contribution = _get_contribution(ctx, contribution_id)
    try:
        services.contribution_delete(contribution=contribution, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De bijdrage is verwijderd."))
    return redirect("financing_plan", pk=pk)


def _suggestions_context(ctx: PlanContext) -> dict:
    context = _base_context(ctx)
    context["suggestions"] = selectors.suggestions_for(context["bundle"])
    context["target_group"] = TargetGroup(selectors.target_group_for(ctx.plan)).label
    return context


@login_required
@require_GET
def suggestions(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk)
    _require_plan(ctx)
    return render(request, "financing/suggestions.html", _suggestions_context(ctx))


@login_required
@require_POST
def suggestion_apply(request, pk: int):
    """Add a suggested regeling to the plan as a proposed contribution."""
    ctx = plan_get_for_user(user=request.user, pk=pk, action=None)
    plan = _require_plan(ctx)
    if not ctx.access.edit_plan:
        raise PermissionDenied(_("Alleen de coach van dit traject kan voorstellen toevoegen."))
    regeling_id = request.POST.get("regeling", "")
    regeling = (
        Regeling.objects.filter(pk=int(regeling_id)).first()
        if regeling_id.isascii() and regeling_id.isdigit()
        else None
    )
    try:
        amount = parse_euro(request.POST.get("amount", ""))
    except (InvalidOperation, ValueError):
        amount = None
    if regeling is None or amount is None:
        messages.error(request, _("Dit voorstel kan niet worden toegevoegd. Probeer het opnieuw."))
    else:
        try:
            services.contribution_create(
                plan=plan,
                by=request.user,
                post_kind=request.POST.get("post", ""),
                funder_type=regeling.funder_type,
                funder_name=regeling.issuer,
                amount=amount,
                regeling=regeling,
                status=ContributionStatus.VOORGESTELD,
                note=_("Voorstel uit de subsidiewijzer."),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "%(regeling)s is als voorstel toegevoegd. Vraag de regeling aan en zet de "
                    "status op aangevraagd."
                )
                % {"regeling": regeling.name},
            )
    if not request.htmx:
        return redirect("financing_suggestions", pk=pk)
    ctx = plan_get_for_user(user=request.user, pk=pk, action=None)
    return render(request, "financing/suggestions.html#suggestions", _suggestions_context(ctx))


@login_required
@require_GET
def funders(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk)
    _require_plan(ctx)
    context = _base_context(ctx)
    context["funders"] = selectors.funder_summary(context["bundle"].views)
    return render(request, "financing/funders.html", context)


@login_required
@require_GET
def plan_print(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk)
    _require_plan(ctx)
    return render(request, "financing/plan_print.html", _print_context(ctx))


@login_required
@require_GET
def plan_pdf_download(request, pk: int):
    """The print page as a PDF: the same verdict, posts, funders and (for who may) income."""
    ctx = plan_get_for_user(user=request.user, pk=pk)
    _require_plan(ctx)
    pdf = render_pdf(
        template="financing/plan_print.html", context=_print_context(ctx), request=request
    )
    return pdf_response(pdf, filename="financieringsplan.pdf")


def _print_context(ctx: PlanContext) -> dict:
    context = _base_context(ctx)
    context["funders"] = selectors.funder_summary(context["bundle"].views)
    return context


@login_required
@require_POST
def plan_share(request, pk: int):
    ctx = plan_get_for_user(user=request.user, pk=pk, action=None)
    plan = _require_plan(ctx)
    if request.user.role != Role.OVERSTAPPER:
        raise PermissionDenied(
            _("Alleen de overstapper zelf beslist of de latende werkgever meekijkt.")
        )
    share = request.POST.get("share") == "1"
    try:
        services.plan_share_with_latende_werkgever(plan=plan, by=request.user, share=share)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(org)s kan het financieringsplan nu zien en meebetalen.")
            % {"org": ctx.traject.latende_werkgever}
            if share
            else _("%(org)s kan het financieringsplan niet meer zien.")
            % {"org": ctx.traject.latende_werkgever},
        )
    return redirect("financing_plan", pk=pk)
