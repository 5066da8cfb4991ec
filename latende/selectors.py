"""Reads of the leaving employer's side. The employer reads campaigns only as aggregates with
small cells suppressed; a participant is named only as far as their consent allows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, Role, User
from journeys.models import Phase, Traject
from loopbrug.models import AuditEvent
from matching import adapters, engine
from matching.models import Vacature
from matching.options import shortage_by_beroep
from taxonomy.models import Beroep, Spanning

from . import business_case, hooks
from .models import (
    LEVEL_ORDER,
    BusinessCaseAssumptions,
    Campaign,
    CampaignPledge,
    ConsentLevel,
    EmployerConsent,
    InvitationCode,
    Participation,
    Verdwijnbaan,
)

# The smallest count shown as a number, as in the region's reports (reports.selectors).
MIN_CELL = 5
HIDDEN = "<5"

ORIENTING = {Phase.AANMELDING, Phase.ORIENTATIE, Phase.PROFIEL}
IN_TRAJECT = {Phase.MATCH, Phase.SELECTIE, Phase.LEERWERKTRAJECT, Phase.ONBOARDING}
SWITCHED = {Phase.NAZORG, Phase.AFGEROND}


def hidden(n: int | None) -> bool:
    """1 to 4 people could be recognised; zero is nobody and stays 0."""
    return 0 < (n or 0) < MIN_CELL


def cell(n: int | None) -> str:
    n = n or 0
    return HIDDEN if hidden(n) else str(n)


def is_leaving_employer(user) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.WERKGEVER
        and user.organisation_id
        and user.organisation.kind == Organisation.Kind.WERKGEVER
    )


def verdwijnbanen_for(*, user) -> QuerySet[Verdwijnbaan]:
    if not is_leaving_employer(user):
        return Verdwijnbaan.objects.none()
    return Verdwijnbaan.objects.filter(organisation_id=user.organisation_id).prefetch_related(
        "skills"
    )


def verdwijnbaan_for(*, user, pk: int) -> Verdwijnbaan | None:
    return verdwijnbanen_for(user=user).filter(pk=pk).first()


def campaigns_for(*, user) -> QuerySet[Campaign]:
    if not is_leaving_employer(user):
        return Campaign.objects.none()
    return Campaign.objects.filter(
        verdwijnbaan__organisation_id=user.organisation_id
    ).select_related("verdwijnbaan")


def campaign_for(*, user, pk: int) -> Campaign | None:
    return campaigns_for(user=user).filter(pk=pk).first()


def _current_traject(user_id: int) -> Traject | None:
    return Traject.objects.filter(overstapper_id=user_id).order_by("-attempt", "-pk").first()


def campaign_aggregates(*, campaign: Campaign) -> dict[str, str]:
    """Per campaign: codes handed out (no person), and people counts with cells under 5 hidden."""
    user_ids = list(campaign.participations.values_list("user_id", flat=True))
    phases = [t.phase for uid in user_ids if (t := _current_traject(uid)) is not None]
    return {
        "codes_issued": str(InvitationCode.objects.filter(campaign=campaign).count()),
        "codes_used": cell(len(user_ids)),
        "orienting": cell(sum(p in ORIENTING for p in phases)),
        "in_traject": cell(sum(p in IN_TRAJECT for p in phases)),
        "switched": cell(sum(p in SWITCHED for p in phases)),
    }


def consent_level(*, user_id: int | None, organisation_id: int | None) -> str:
    """What this employer may know of this person now (read on every request)."""
    if not user_id or not organisation_id:
        return ConsentLevel.GEEN
    level = (
        EmployerConsent.objects.filter(user_id=user_id, organisation_id=organisation_id)
        .values_list("level", flat=True)
        .first()
    )
    return level or ConsentLevel.GEEN


def consent_allows(*, user_id: int | None, organisation_id: int | None, level: str) -> bool:
    have = consent_level(user_id=user_id, organisation_id=organisation_id)
    return LEVEL_ORDER.index(have) >= LEVEL_ORDER.index(level)


def known_participants(*, campaign: Campaign) -> list[dict]:
    """Participants who let the employer know they take part, with what they allow."""
    org = campaign.verdwijnbaan.organisation_id
    consents = {
        c.user_id: c.level
        for c in EmployerConsent.objects.filter(
            organisation_id=org,
            user__latende_participation__campaign=campaign,
            level__in=[ConsentLevel.DEELNAME, ConsentLevel.FASE, ConsentLevel.PLAN],
        )
    }
    rows = []
    for user in User.objects.filter(pk__in=consents).order_by("full_name", "pk"):
        level = consents[user.pk]
        traject = _current_traject(user.pk)
        sees_phase = LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(ConsentLevel.FASE)
        rows.append(
            {
                "name": user.full_name,
                "phase": traject.get_phase_display() if (traject and sees_phase) else "",
                "traject_id": traject.pk
                if (traject and level == ConsentLevel.PLAN and traject.latende_werkgever_id == org)
                else None,
            }
        )
    return rows


def employers_of(*, user: User) -> list[Organisation]:
    """The employers this person may give consent to: the one that invited them, and the
    latende werkgever of their trajecten."""
    ids = set(
        Traject.objects.filter(overstapper=user, latende_werkgever__isnull=False).values_list(
            "latende_werkgever_id", flat=True
        )
    )
    participation = Participation.objects.filter(user=user).select_related("campaign__verdwijnbaan")
    ids |= {p.campaign.verdwijnbaan.organisation_id for p in participation}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def consents_of(*, user: User) -> list[dict]:
    return [
        {
            "organisation": org,
            "level": consent_level(user_id=user.pk, organisation_id=org.pk),
        }
        for org in employers_of(user=user)
    ]


def consent_history(*, user: User) -> QuerySet[AuditEvent]:
    """Every change of this person's employer consents, newest first (from the audit log)."""
    return AuditEvent.objects.filter(
        action="latende.consent", object_type="accounts.user", object_id=str(user.pk)
    ).order_by("-pk")


# --- Pledges and the business case ---------------------------------------------------------


def pledge_of(*, campaign: Campaign) -> CampaignPledge | None:
    return CampaignPledge.objects.filter(campaign=campaign).first()


def assumptions() -> BusinessCaseAssumptions:
    """The beheerder's row, or the defaults when none was saved yet."""
    return BusinessCaseAssumptions.objects.order_by("pk").first() or BusinessCaseAssumptions()


def assumption_rows(row: BusinessCaseAssumptions) -> list[dict]:
    """Every assumption with its label, so the page and the API show what the case rests on."""
    names = [name for name in business_case.Assumptions.__dataclass_fields__]
    return [
        {
            "name": name,
            "label": str(BusinessCaseAssumptions._meta.get_field(name).verbose_name),
            "value": str(getattr(row, name)),
        }
        for name in names
    ]


@dataclass
class PublicSide:
    trajecten: str  # a cell: "<5" when 1 to 4
    figures: business_case.PublicReturn | None  # None when suppressed or nobody


@dataclass
class CampaignBusinessCase:
    assumptions: BusinessCaseAssumptions
    pledge: CampaignPledge | None
    headcount: int
    per_person: business_case.EmployerCase
    campaign: business_case.EmployerCase
    public: PublicSide


def _public_side(*, user_ids: list[int], organisation_id: int, row) -> PublicSide:
    figures = hooks.plan_figures(
        user_ids=user_ids,
        organisation_id=organisation_id,
        expected_ww_months=row.expected_ww_months,
    )
    n = len(figures)
    # Only aggregates of at least MIN_CELL trajecten: a smaller sum could be one person's plan.
    shown = business_case.public_return(figures.values()) if n >= MIN_CELL else None
    return PublicSide(trajecten=cell(n), figures=shown)


def campaign_business_case(*, campaign: Campaign) -> CampaignBusinessCase:
    """Per person and for the campaign's headcount: the switch route against forced
    redundancy, and what the campaign's switches return to the public purse (aggregates)."""
    row = assumptions()
    pledge = pledge_of(campaign=campaign)
    terms = business_case.PledgeTerms.of(pledge) if pledge else business_case.NO_PLEDGE
    per_person = business_case.employer_case(business_case.Assumptions.of(row), terms)
    headcount = campaign.verdwijnbaan.headcount
    user_ids = list(campaign.participations.values_list("user_id", flat=True))
    return CampaignBusinessCase(
        assumptions=row,
        pledge=pledge,
        headcount=headcount,
        per_person=per_person,
        campaign=per_person.times(headcount),
        public=_public_side(
            user_ids=user_ids, organisation_id=campaign.verdwijnbaan.organisation_id, row=row
        ),
    )


@dataclass
class RegionBusinessCase:
    campaigns: int
    headcount: int
    switch_total: Decimal
    redundancy_total: Decimal
    trajecten: int
    public: business_case.PublicReturn


def region_business_case(*, region_id: int | None) -> RegionBusinessCase:
    """The totals of every campaign of the region's employers (the monitoring report): the
    employer side from the pledges and assumptions, the public side over all their plans.
    Raw numbers: the report suppresses the small cells."""
    row = assumptions()
    a = business_case.Assumptions.of(row)
    campaigns = Campaign.objects.select_related("verdwijnbaan", "pledge")
    if region_id is not None:
        campaigns = campaigns.filter(verdwijnbaan__organisation__region_id=region_id)
    switch = redundancy = Decimal("0")
    headcount = 0
    users_by_org: dict[int, list[int]] = {}
    campaigns = list(campaigns)
    for campaign in campaigns:
        pledge = getattr(campaign, "pledge", None)
        terms = business_case.PledgeTerms.of(pledge) if pledge else business_case.NO_PLEDGE
        case = business_case.employer_case(a, terms).times(campaign.verdwijnbaan.headcount)
        switch += case.switch_total
        redundancy += case.redundancy_total
        headcount += campaign.verdwijnbaan.headcount
    for org_id, user_id in Participation.objects.filter(campaign__in=campaigns).values_list(
        "campaign__verdwijnbaan__organisation_id", "user_id"
    ):
        users_by_org.setdefault(org_id, []).append(user_id)
    figures = []
    for org_id, user_ids in users_by_org.items():
        figures += hooks.plan_figures(
            user_ids=user_ids, organisation_id=org_id, expected_ww_months=a.expected_ww_months
        ).values()
    return RegionBusinessCase(
        campaigns=len(campaigns),
        headcount=headcount,
        switch_total=switch,
        redundancy_total=redundancy,
        trajecten=len(figures),
        public=business_case.public_return(figures),
    )


# --- Destinations: where the function's skills are wanted -----------------------------------

DESTINATIONS = 5
DESTINATION_METHOD = gettext_lazy(
    "De matchingmotor vergelijkt de vaardigheden van deze functie (als iemand die ze op "
    "gemiddeld niveau beheerst) met de vaardigheden van tekortberoepen (krap of zeer krap in "
    "jullie regio, anders landelijk) en van open vacatures in jullie regio of landelijk. "
    "Bovenaan staat wat de meeste overlap heeft."
)


def _function_as_profile(baan: Verdwijnbaan, skill_ids: list[int]) -> engine.ProfileInput:
    region_id = baan.organisation.region_id
    return engine.ProfileInput(
        id=0,
        skills={sid: (3, engine.DEFAULT_EVIDENCE, False) for sid in skill_ids},
        drijfveren=[],
        talents=[],
        nlqf=None,
        region_id=region_id,
        reach={region_id} if region_id else set(),
        hours=None,
        min_net_income=None,
    )


def _ranked(profile, inputs) -> list[engine.MatchResult]:
    results = [r for r in (engine.score_pair(profile, item) for item in inputs) if r and r.matched]
    return sorted(results, key=lambda r: (-len(r.matched), -r.score, r.vacature_id))


def destinations(*, baan: Verdwijnbaan, limit: int = DESTINATIONS) -> dict:
    """For the function's skills: the shortage beroepen and the open vacatures with the most
    overlap, scored by the matching engine."""
    skills = {s.pk: s.label_nl for s in baan.skills.all()}
    out = {"method": str(DESTINATION_METHOD), "beroepen": [], "vacatures": []}
    if not skills:
        return out
    profile = _function_as_profile(baan, sorted(skills))
    candidates = list(Beroep.objects.filter(skills__in=list(skills)).distinct())
    shortage = shortage_by_beroep(
        beroep_ids=[b.pk for b in candidates], region_id=baan.organisation.region_id
    )
    scarce = [
        b for b in candidates if b.pk in shortage and shortage[b.pk].spanning >= Spanning.KRAP
    ]
    by_id = {b.pk: b for b in scarce}
    for result in _ranked(profile, adapters.beroep_inputs(scarce))[:limit]:
        out["beroepen"].append(
            {
                "id": result.vacature_id,
                "label": by_id[result.vacature_id].label_nl,
                "score": result.score,
                "spanning": str(Spanning(shortage[result.vacature_id].spanning).label),
                "matched": [skills[s] for s in result.matched if s in skills],
            }
        )
    vacatures = {
        v.pk: v
        for v in Vacature.objects.open()
        .filter(vacature_skills__skill_id__in=list(skills))
        .select_related("organisation")
        .distinct()
    }
    for result in _ranked(profile, adapters.vacature_inputs(list(vacatures)))[:limit]:
        vacature = vacatures[result.vacature_id]
        out["vacatures"].append(
            {
                "id": vacature.pk,
                "title": vacature.title,
                "organisation": vacature.organisation.name,
                "score": result.score,
                "matched": [skills[s] for s in result.matched if s in skills],
            }
        )
    return out
