"""Pages of the leaving employer (verdwijnbanen, campaigns as aggregates), the public
invitation page and the overstapper's consent page: thin views over services and selectors."""

from __future__ import annotations

from itertools import zip_longest

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from loopbrug.money import format_euro
from loopbrug.views import add_service_errors, role_required

from . import selectors, services
from .access import campaign_get_for_user, require_leaving_employer, verdwijnbaan_get_for_user
from .forms import (
    CampaignForm,
    CodesForm,
    ConsentForm,
    PledgeForm,
    RedeemForm,
    RedeemSignupForm,
    VerdwijnbaanForm,
)
from .models import ConsentLevel, TransitievergoedingPolicy


@role_required(Role.WERKGEVER)
@require_http_methods(["GET"])
def verdwijnbaan_list(request):
    require_leaving_employer(request.user)
    return render(
        request,
        "latende/verdwijnbaan_list.html",
        {"verdwijnbanen": selectors.verdwijnbanen_for(user=request.user)},
    )


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def verdwijnbaan_create(request):
    require_leaving_employer(request.user)
    form = VerdwijnbaanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baan = services.verdwijnbaan_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De verdwijnbaan is vastgelegd."))
            return redirect("latende:verdwijnbaan", pk=baan.pk)
    return render(request, "latende/verdwijnbaan_form.html", {"form": form})


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def verdwijnbaan_edit(request, pk: int):
    baan = verdwijnbaan_get_for_user(user=request.user, pk=pk)
    form = VerdwijnbaanForm(request.POST or None, instance=baan)
    if request.method == "POST" and form.is_valid():
        try:
            services.verdwijnbaan_update(by=request.user, verdwijnbaan=baan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De verdwijnbaan is bijgewerkt."))
            return redirect("latende:verdwijnbaan", pk=baan.pk)
    return render(request, "latende/verdwijnbaan_form.html", {"form": form, "baan": baan})


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def verdwijnbaan_detail(request, pk: int):
    baan = verdwijnbaan_get_for_user(user=request.user, pk=pk)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                by=request.user, verdwijnbaan=baan, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("De campagne is aangemaakt. Maak nu codes om uit te delen.")
            )
            return redirect("latende:campaign", pk=campaign.pk)
    campaigns = [(c, selectors.campaign_aggregates(campaign=c)) for c in baan.campaigns.all()]
    return render(
        request,
        "latende/verdwijnbaan_detail.html",
        {
            "baan": baan,
            "form": form,
            "campaigns": campaigns,
            "destinations": selectors.destinations(baan=baan),
        },
    )


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def campaign_detail(request, pk: int):
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    form = CodesForm(request.POST or None)
    codes: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.codes_generate(
                by=request.user, campaign=campaign, count=form.cleaned_data["count"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "latende/campaign_detail.html",
        {
            "campaign": campaign,
            "aggregates": selectors.campaign_aggregates(campaign=campaign),
            "known": selectors.known_participants(campaign=campaign),
            "form": form,
            "codes": codes,
            "redeem_path": request.build_absolute_uri(reverse("latende:redeem")),
            "pledge": selectors.pledge_of(campaign=campaign),
        },
    )


def _pledge_initial(pledge) -> dict:
    if pledge is None:
        return {}
    return {
        "orientatie_days": pledge.orientatie_days,
        "scholingsbudget": pledge.scholingsbudget,
        "coaching_budget": pledge.coaching_budget,
        "transitievergoeding_policy": pledge.transitievergoeding_policy,
        "process_costs": pledge.process_costs,
        "version": pledge.version,
    }


@role_required(Role.WERKGEVER)
@require_http_methods(["GET", "POST"])
def pledge(request, pk: int):
    """The employer's co-financing per person of a campaign."""
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    current = selectors.pledge_of(campaign=campaign)
    form = PledgeForm(request.POST or None, initial=_pledge_initial(current))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.pledge_save(by=request.user, campaign=campaign, version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "De toezegging is opgeslagen. Wie jullie het financieringsplan laat zien, "
                    "krijgt haar als voorstel in het plan."
                ),
            )
            return redirect("latende:business_case", pk=campaign.pk)
    return render(
        request,
        "latende/pledge_form.html",
        {"campaign": campaign, "form": form, "pledge": current},
    )


def money_lines(case) -> dict:
    """An EmployerCase as the page shows it: both columns side by side, with the totals."""

    def show(lines):
        return [
            {"label": ln.label, "amount": format_euro(ln.amount), "how": ln.how} for ln in lines
        ]

    switch, redundancy = show(case.switch), show(case.redundancy)
    rows = list(zip_longest(switch, redundancy))
    return {
        "rows": rows,
        "switch_total": format_euro(case.switch_total),
        "redundancy_total": format_euro(case.redundancy_total),
        "saving": format_euro(abs(case.saving)),
        "saves": case.saving >= 0,
    }


@role_required(Role.WERKGEVER)
@require_http_methods(["GET"])
def business_case(request, pk: int):
    campaign = campaign_get_for_user(user=request.user, pk=pk)
    case = selectors.campaign_business_case(campaign=campaign)
    public = case.public.figures
    return render(
        request,
        "latende/business_case.html",
        {
            "campaign": campaign,
            "case": case,
            "per_person": money_lines(case.per_person),
            "total": money_lines(case.campaign),
            "policy": TransitievergoedingPolicy(
                case.pledge.transitievergoeding_policy
                if case.pledge
                else TransitievergoedingPolicy.GEEN
            ).label,
            "assumptions": selectors.assumption_rows(case.assumptions),
            "public_trajecten": case.public.trajecten,
            "public": None
            if public is None
            else {
                "ww_without_months": public.ww_without_months,
                "ww_without_amount": format_euro(public.ww_without_amount),
                "ww_paid_months": public.ww_paid_months,
                "ww_paid_amount": format_euro(public.ww_paid_amount),
                "months_avoided": public.months_avoided,
                "amount_avoided": format_euro(public.amount_avoided),
                "public_contributions": format_euro(public.public_contributions),
                "net_return": format_euro(public.net_return),
            },
        },
    )


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def redeem(request):
    """Public: a person uses a code (and signs up when they have no account yet)."""
    user = request.user
    if user.is_authenticated and user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Een uitnodigingscode is voor overstappers."))
    form_class = RedeemForm if user.is_authenticated else RedeemSignupForm
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        if not services.redeem_attempt_allowed(address=_address(request)):
            form.is_valid()
            form.add_error(
                None,
                _("Te veel pogingen vanaf dit adres. Probeer het over een kwartier opnieuw."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                if user.is_authenticated:
                    services.invitation_redeem(code=data["code"], user=user)
                else:
                    services.invitation_signup(
                        code=data["code"],
                        email=data["email"],
                        full_name=data["full_name"],
                        password=data["password1"],
                        region=data["region"],
                        intake_consent=data["intake_consent"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if user.is_authenticated:
                    messages.success(
                        request,
                        _(
                            "Je doet mee via de uitnodiging. Je werkgever ziet niet dat jij het "
                            "bent, tenzij je dat zelf aangeeft."
                        ),
                    )
                    return redirect("latende:consent")
                return render(request, "registration/signup_sent.html", {"email": data["email"]})
    return render(request, "latende/redeem.html", {"form": form}, status=status)


@role_required(Role.OVERSTAPPER)
@require_http_methods(["GET", "POST"])
def consent(request):
    """The overstapper decides per employer what it may know; every change is listed."""
    employers = selectors.consents_of(user=request.user)
    labels = dict(ConsentLevel.choices)
    rows = []
    for row in employers:
        org = row["organisation"]
        prefix = f"org{org.pk}"
        form = ConsentForm(
            request.POST if request.POST.get("organisation") == str(org.pk) else None,
            prefix=prefix,
            initial={"level": row["level"]},
        )
        if form.is_bound and form.is_valid():
            try:
                services.consent_set(
                    user=request.user, organisation=org, level=form.cleaned_data["level"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je keuze voor %(org)s is opgeslagen.") % {"org": org})
                return redirect("latende:consent")
        rows.append({"organisation": org, "form": form})
    return render(
        request,
        "latende/consent.html",
        {
            "rows": rows,
            "history": [
                {
                    "at": event.at,
                    "organisation": event.detail.get("organisation_name", ""),
                    "after": labels.get(event.detail.get("after"), ""),
                }
                for event in selectors.consent_history(user=request.user)
            ],
        },
    )
