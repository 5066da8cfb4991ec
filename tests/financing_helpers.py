"""Shared set-up for the financieringsplan tests: the catalogue, employers, contracts and the
seeds' three stories (Arjan, Jenny, Shirin; 003 L4527, L4590, L3042)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Organisation
from financing import services
from financing.catalogue import ensure_catalogue
from financing.models import FinancingSettings, Regeling, SectorNorm, WwParameter
from journeys.models import EntryRoute
from latende.models import ConsentLevel, EmployerConsent
from matching.models import Application
from profiles.services import profile_get_or_create

from .factories import (
    ApplicationFactory,
    OrganisationFactory,
    UserFactory,
    VacatureFactory,
    make_traject,
)

D = Decimal


@pytest.fixture(name="catalogue")
def catalogue_fixture(regions):
    # Transactional tests flush what the data migration loaded; this puts it back.
    ensure_catalogue(Regeling, SectorNorm, WwParameter, FinancingSettings)


def employer(name: str, sector: str = "ict", region=None) -> Organisation:
    fields = {"name": name, "sector": sector}
    if region is not None:
        fields["region"] = region
    return OrganisationFactory(**fields)


def give_contract(overstapper, organisation, *, signed: bool = True) -> Application:
    """A (voorwaardelijk) contract in the candidate pipeline: offered, or signed."""
    return ApplicationFactory(
        profile=profile_get_or_create(user=overstapper),
        vacature=VacatureFactory(
            organisation=organisation,
            title="Nieuwe functie",
            salary_max=D("4500"),
            published_at=None,
        ),
        status=Application.Status.GETEKEND if signed else Application.Status.CONTRACT,
        contract_conditions="Diploma binnen twee jaar.",
        contract_signed_at=timezone.now() if signed else None,
    )


def start_plan(traject, coach, *, sector: str):
    traject.target_sector = sector
    traject.save(update_fields=["target_sector"])
    return services.plan_create(traject=traject, by=coach)


def save_plan(plan, by, *, posts=None, periods=None, **fields):
    plan.refresh_from_db()
    return services.plan_update(
        plan=plan,
        by=by,
        version=plan.version,
        fields=fields,
        posts={k: {"estimate": D(str(v))} for k, v in (posts or {}).items()},
        income_periods=periods,
    )


def pay(plan, by, post, funder_type, amount, status="toegezegd", **extra):
    return services.contribution_create(
        plan=plan,
        by=by,
        post_kind=post,
        funder_type=funder_type,
        amount=D(str(amount)),
        status=status,
        **extra,
    )


def period(kind, first, last, amount=None, payer="", ww_wage=None):
    return {
        "kind": kind,
        "payer": payer,
        "first_month": first,
        "last_month": last,
        "amount": None if amount is None else D(str(amount)),
        "ww_wage": ww_wage,
    }


# --- The seeds' stories --------------------------------------------------------------------


def arjans_plan(carla, *, amsterdam):
    """Arjan: ING → Inergy, contract to contract; ING pays oriëntatie, begeleiding, the
    external training, overstaptijd and part of the leertijd; Inergy the internal training,
    onboarding, the rest of the leertijd and the improductiviteit (003 L4527–4541)."""
    ing = employer("ING", "financieel")
    inergy = employer("Inergy", "ict")
    arjan = UserFactory(full_name="Arjan", home_region=amsterdam)
    traject = make_traject(overstapper=arjan, coach=carla, region=amsterdam)
    traject.latende_werkgever = ing
    traject.entry_route = EntryRoute.LATENDE_WERKGEVER
    traject.save(update_fields=["latende_werkgever", "entry_route"])
    # Arjan lets ING see the plan's posts it pays (issue 16: consent, not the entry route).
    EmployerConsent.objects.create(user=arjan, organisation=ing, level=ConsentLevel.PLAN)
    give_contract(arjan, inergy)
    plan = start_plan(traject, carla, sector="ict")
    save_plan(
        plan,
        carla,
        income_before=D("4500"),
        new_wage=D("4500"),
        orientatie_months=3,
        overstap_months=1,
        leertijd_months=5,
        posts={
            "orientatieprogramma": 3000,
            "persoonlijke_begeleiding": 1500,
            "vakopleiding": 9000,
            "onboarding": 6000,
            "orientatietijd": 4140,
            "overstaptijd": 4500,
            "leertijd": 4500,
            "improductiviteit": 16200,
        },
        periods=[
            period("salaris_latende_werkgever", 1, 4, 4500, "ING"),
            period("salaris_nieuwe_werkgever", 5, 9, 4500, "Inergy"),
        ],
    )
    latende, ontvangende = "latende_werkgever", "ontvangende_werkgever"
    pay(plan, carla, "orientatieprogramma", latende, 3000)
    pay(plan, carla, "persoonlijke_begeleiding", latende, 1500)
    pay(plan, carla, "vakopleiding", latende, 6000, note="externe opleiding")
    pay(plan, carla, "vakopleiding", ontvangende, 3000, note="interne opleiding")
    pay(plan, carla, "onboarding", ontvangende, 6000)
    pay(plan, carla, "orientatietijd", latende, 4140)
    pay(plan, carla, "overstaptijd", latende, 4500)
    pay(plan, carla, "leertijd", latende, 2250)
    pay(plan, carla, "leertijd", ontvangende, 2250)
    pay(plan, carla, "improductiviteit", ontvangende, 16200)
    return plan, ing, inergy


def jennys_plan(carla, *, amsterdam):
    """Jenny: APG → onderwijs. APG pays the transitieactiviteiten (and oriëntatietijd); WW
    without sollicitatieplicht covers the overstaptijd; the school offers a contract only after
    six months (003 L4577–4605)."""
    apg = employer("APG", "financieel")
    jenny = UserFactory(full_name="Jenny", home_region=amsterdam)
    traject = make_traject(overstapper=jenny, coach=carla, region=amsterdam)
    traject.latende_werkgever = apg
    traject.save(update_fields=["latende_werkgever"])
    plan = start_plan(traject, carla, sector="onderwijs")
    save_plan(
        plan,
        carla,
        income_before=D("4000"),
        new_wage=D("3400"),
        orientatie_months=3,
        overstap_months=6,
        leertijd_months=24,
        posts={
            "orientatieprogramma": 3000,
            "persoonlijke_begeleiding": 1500,
            "vakopleiding": 16000,
            "onboarding": 12000,
            "orientatietijd": 3680,
            "overstaptijd": 17400,
        },
        periods=[
            period("salaris_latende_werkgever", 1, 3, 4000, "APG"),
            period("ww", 4, 9, payer="UWV"),
            period("salaris_nieuwe_werkgever", 10, 33, 3400, "school"),
        ],
    )
    latende = "latende_werkgever"
    pay(plan, carla, "orientatieprogramma", latende, 3000)
    pay(plan, carla, "persoonlijke_begeleiding", latende, 1500)
    pay(plan, carla, "vakopleiding", latende, 16000)
    pay(plan, carla, "orientatietijd", latende, 3680)
    pay(
        plan,
        carla,
        "overstaptijd",
        "uwv",
        17400,
        funder_name="UWV",
        note="WW met vrijstelling van de sollicitatieplicht",
    )
    return plan, jenny


def shirins_plan(carla, *, amsterdam):
    """Shirin: bijstand € 1.500 netto; mbo 2 via the RMT (€ 5.244,90) in 9 months, then a
    leerwerkbaan of 24 hours for € 1.380 bruto in the kinderopvang (003 L3042–3054)."""
    shirin = UserFactory(full_name="Shirin", home_region=amsterdam)
    traject = make_traject(overstapper=shirin, coach=carla, region=amsterdam)
    plan = start_plan(traject, carla, sector="zorg")
    save_plan(
        plan,
        carla,
        income_before_source="bijstand",
        income_before=D("1500"),
        new_wage=D("1380"),
        orientatie_months=3,
        overstap_months=9,
        leertijd_months=6,
        posts={"vakopleiding": "5244.90"},
        periods=[
            period("bijstand", 1, 12, 1500, "gemeente"),
            period("salaris_nieuwe_werkgever", 13, 18, 1380, "kinderopvang"),
        ],
    )
    rmt = Regeling.objects.get(name="Regionale Mobiliteitsteams")
    pay(plan, carla, "vakopleiding", "rmt", "5244.90", regeling=rmt, funder_name="RMT")
    return plan, shirin
