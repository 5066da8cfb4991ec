"""Reads of the leaving employer's side. The employer reads campaigns only as aggregates with
small cells suppressed; a participant is named only as far as their consent allows."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Organisation, Role, User
from journeys.models import Phase, Traject
from loopbrug.models import AuditEvent

from .models import (
    LEVEL_ORDER,
    Campaign,
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
