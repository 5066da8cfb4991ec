"""Writes of the leaving employer's side. Codes are long random tokens stored only as a hash;
redeeming one is rate-limited per address and changes nothing when refused."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, Region, Role, User
from accounts.services import user_signup
from journeys.models import END_PHASES, EntryRoute, Traject
from loopbrug.services import audit_log
from loopbrug.throttling import rate_allows
from taxonomy.models import Skill

from . import selectors
from .models import (
    MAX_ORIENTATIE_DAYS,
    MAX_PLEDGE_AMOUNT,
    Campaign,
    CampaignPledge,
    ConsentLevel,
    EmployerConsent,
    InvitationCode,
    Participation,
    Reason,
    TransitievergoedingPolicy,
    Verdwijnbaan,
)
from .signals import consent_changed, pledge_saved

MAX_CODES_PER_REQUEST = 200
REDEEM_LIMIT = 10  # attempts per address per window
REDEEM_WINDOW = 15 * 60  # seconds

INVALID_CODE = gettext_lazy(
    "Deze uitnodigingscode klopt niet, is al gebruikt of is verlopen. Controleer de code of "
    "vraag je werkgever om een nieuwe."
)


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def _require_employer(by: User) -> None:
    if not selectors.is_leaving_employer(by):
        raise PermissionDenied(_("Alleen een werkgever registreert verdwijnbanen."))


def _check_fields(*, headcount: int, reason: str, expected_date: date, function_title: str):
    errors = {}
    if not (function_title or "").strip():
        errors["function_title"] = _("Vul de functie in.")
    if headcount is None or headcount < 1 or headcount > 100000:
        errors["headcount"] = _("Het aantal mensen ligt tussen 1 en 100.000.")
    if reason not in Reason.values:
        errors["reason"] = _("Kies automatisering, reorganisatie of sluiting.")
    if expected_date is not None and expected_date.year < 2000:
        errors["expected_date"] = _("Deze datum ligt te ver in het verleden.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def verdwijnbaan_create(
    *,
    by: User,
    function_title: str,
    department: str = "",
    headcount: int,
    expected_date: date,
    reason: str,
    skills: list[Skill] | None = None,
) -> Verdwijnbaan:
    _require_employer(by)
    _check_fields(
        headcount=headcount,
        reason=reason,
        expected_date=expected_date,
        function_title=function_title,
    )
    baan = Verdwijnbaan(
        organisation_id=by.organisation_id,
        function_title=function_title.strip(),
        department=(department or "").strip(),
        headcount=headcount,
        expected_date=expected_date,
        reason=reason,
    )
    baan.full_clean()
    baan.save()
    if skills:
        baan.skills.set(skills)
    audit_log(actor=by, action="latende.verdwijnbaan_create", obj=baan)
    return baan


@transaction.atomic
def verdwijnbaan_update(*, by: User, verdwijnbaan: Verdwijnbaan, **fields) -> Verdwijnbaan:
    _require_employer(by)
    if verdwijnbaan.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Deze verdwijnbaan is niet van jouw organisatie."))
    skills = fields.pop("skills", None)
    for name in ("function_title", "department", "headcount", "expected_date", "reason"):
        if name in fields:
            setattr(verdwijnbaan, name, fields[name])
    _check_fields(
        headcount=verdwijnbaan.headcount,
        reason=verdwijnbaan.reason,
        expected_date=verdwijnbaan.expected_date,
        function_title=verdwijnbaan.function_title,
    )
    verdwijnbaan.full_clean()
    verdwijnbaan.save()
    if skills is not None:
        verdwijnbaan.skills.set(skills)
    audit_log(actor=by, action="latende.verdwijnbaan_update", obj=verdwijnbaan)
    return verdwijnbaan


@transaction.atomic
def campaign_create(
    *, by: User, verdwijnbaan: Verdwijnbaan, name: str, code_valid_days: int = 90
) -> Campaign:
    _require_employer(by)
    if verdwijnbaan.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Deze verdwijnbaan is niet van jouw organisatie."))
    if not (name or "").strip():
        raise ValidationError({"name": _("Geef de campagne een naam.")})
    if not 1 <= code_valid_days <= 366:
        raise ValidationError({"code_valid_days": _("Codes zijn 1 tot 366 dagen geldig.")})
    campaign = Campaign(
        verdwijnbaan=verdwijnbaan, name=name.strip(), code_valid_days=code_valid_days
    )
    campaign.full_clean()
    campaign.save()
    audit_log(actor=by, action="latende.campaign_create", obj=campaign)
    return campaign


@transaction.atomic
def codes_generate(*, by: User, campaign: Campaign, count: int) -> list[str]:
    """New single-use codes; returned once (to print), stored only as a hash."""
    _require_employer(by)
    if campaign.verdwijnbaan.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Deze campagne is niet van jouw organisatie."))
    if not 1 <= count <= MAX_CODES_PER_REQUEST:
        raise ValidationError(
            {"count": _("Maak 1 tot %(n)d codes per keer.") % {"n": MAX_CODES_PER_REQUEST}}
        )
    expires = timezone.now() + timedelta(days=campaign.code_valid_days)
    codes = [secrets.token_urlsafe(24) for _i in range(count)]
    InvitationCode.objects.bulk_create(
        [InvitationCode(campaign=campaign, token_hash=_hash(c), expires_at=expires) for c in codes]
    )
    audit_log(actor=by, action="latende.codes_generate", obj=campaign, count=count)
    return codes


def redeem_attempt_allowed(*, address: str) -> bool:
    """Count one attempt for this address; False once the window's limit is passed."""
    limit = getattr(settings, "LATENDE_REDEEM_LIMIT", REDEEM_LIMIT)
    return rate_allows(
        scope="latende-redeem",
        ident=address or "onbekend",
        rate=f"{limit}/{REDEEM_WINDOW // 60}m",
    )


def _take_code(code: str) -> InvitationCode:
    if not code or len(code) > 100:
        raise ValidationError({"code": INVALID_CODE})
    invitation = (
        InvitationCode.objects.select_for_update()
        .select_related("campaign__verdwijnbaan")
        .filter(token_hash=_hash(code))
        .first()
    )
    if (
        invitation is None
        or invitation.used_at is not None
        or invitation.expires_at <= timezone.now()
    ):
        raise ValidationError({"code": INVALID_CODE})
    return invitation


def _link_traject(*, user: User, organisation: Organisation) -> None:
    Traject.objects.filter(overstapper=user).exclude(phase__in=END_PHASES).update(
        entry_route=EntryRoute.LATENDE_WERKGEVER, latende_werkgever=organisation
    )


@transaction.atomic
def invitation_redeem(*, code: str, user: User) -> Participation:
    """An overstapper who already has an account joins the campaign of this code."""
    if not user.is_authenticated or user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Alleen een overstapper gebruikt een uitnodigingscode."))
    invitation = _take_code(code)
    if Participation.objects.filter(user=user).exists():
        raise ValidationError({"code": _("Je doet al mee via een uitnodiging van een werkgever.")})
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    participation = Participation.objects.create(user=user, campaign=invitation.campaign)
    _link_traject(user=user, organisation=invitation.campaign.verdwijnbaan.organisation)
    return participation


@transaction.atomic
def invitation_signup(
    *,
    code: str,
    email: str,
    full_name: str,
    password: str,
    region: Region,
    intake_consent: bool = False,
) -> User | None:
    """A new person signs up with a code; their traject opens on e-mail confirmation, linked
    to the campaign's employer (latende.receivers).

    An address that has an account already gets what the plain sign-up gives it (a mail to its
    owner, the same page, None back) and the code stays unused: its owner logs in and uses it
    there. The answer does not tell whether the address is known."""
    invitation = _take_code(code)
    user = user_signup(
        email=email,
        full_name=full_name,
        password=password,
        region=region,
        intake_consent=intake_consent,
    )
    if user is None:
        return None
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    Participation.objects.create(user=user, campaign=invitation.campaign)
    return user


def link_new_traject(*, user: User) -> None:
    """Called once the account is confirmed: the first traject comes via the employer."""
    participation = (
        Participation.objects.filter(user=user).select_related("campaign__verdwijnbaan").first()
    )
    if participation is not None:
        _link_traject(user=user, organisation=participation.campaign.verdwijnbaan.organisation)


@transaction.atomic
def consent_set(*, user: User, organisation: Organisation, level: str) -> EmployerConsent:
    """The overstapper decides what this employer may know; audited, revocable."""
    if not user.is_authenticated or user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Alleen de overstapper zelf geeft deze toestemming."))
    if level not in ConsentLevel.values:
        raise ValidationError({"level": _("Kies wat je werkgever mag zien.")})
    if organisation.pk not in {o.pk for o in selectors.employers_of(user=user)}:
        raise ValidationError({"organisation": _("Dit is niet de werkgever die jou uitnodigde.")})
    consent, _created = EmployerConsent.objects.select_for_update().get_or_create(
        user=user, organisation=organisation
    )
    before = consent.level
    consent.level = level
    consent.save()
    if before != level or _created:
        audit_log(
            actor=user,
            action="latende.consent",
            obj=user,
            organisation=organisation.pk,
            organisation_name=organisation.name,
            before=before,
            after=level,
        )
        # financing applies the employer's pledge to the plan, or takes it out again.
        consent_changed.send(
            sender=EmployerConsent, user=user, organisation=organisation, before=before, after=level
        )
    return consent


# --- Co-financing pledges ------------------------------------------------------------------

PLEDGE_FIELDS = (
    "orientatie_days",
    "scholingsbudget",
    "coaching_budget",
    "transitievergoeding_policy",
    "process_costs",
)


def _pledge_errors(fields: dict) -> dict[str, str]:
    errors = {}
    days = fields.get("orientatie_days")
    if not isinstance(days, int) or not 0 <= days <= MAX_ORIENTATIE_DAYS:
        errors["orientatie_days"] = _("Het aantal dagen ligt tussen 0 en %(max)d.") % {
            "max": MAX_ORIENTATIE_DAYS
        }
    for name in ("scholingsbudget", "coaching_budget", "process_costs"):
        value = fields.get(name)
        if not isinstance(value, Decimal) or not value.is_finite():
            errors[name] = _("Vul een bedrag in euro in (0 als er niets is).")
        elif value < 0 or value > MAX_PLEDGE_AMOUNT:
            errors[name] = _("Een bedrag ligt tussen € 0 en € 250.000 per persoon.")
        elif value != value.quantize(Decimal("0.01")):
            errors[name] = _("Gebruik hooguit twee cijfers achter de komma.")
    if fields.get("transitievergoeding_policy") not in TransitievergoedingPolicy.values:
        errors["transitievergoeding_policy"] = _("Kies wat er met de transitievergoeding gebeurt.")
    return errors


@transaction.atomic
def pledge_save(
    *, by: User, campaign: Campaign, version: int | None = None, **fields
) -> CampaignPledge:
    """The employer's co-financing per person of a campaign. It reaches the plans of the
    participants who allow the employer to see its posts (financing.receivers); when it does
    not fit a post of one of those plans, nothing is saved."""
    _require_employer(by)
    if campaign.verdwijnbaan.organisation_id != by.organisation_id:
        raise PermissionDenied(_("Deze campagne is niet van jouw organisatie."))
    unknown = set(fields) - set(PLEDGE_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Dit veld bestaat niet.")})
    pledge = CampaignPledge.objects.select_for_update().filter(campaign=campaign).first()
    if pledge is not None and version is not None and pledge.version != version:
        raise ValidationError(
            _(
                "Iemand anders heeft de toezegging gewijzigd terwijl jij hem aanpaste. Er is "
                "niets opgeslagen. Bekijk de nieuwste toezegging en sla opnieuw op."
            )
        )
    current = {name: getattr(pledge, name) for name in PLEDGE_FIELDS} if pledge else {}
    if not pledge:
        current = {
            "orientatie_days": 0,
            "scholingsbudget": Decimal("0"),
            "coaching_budget": Decimal("0"),
            "transitievergoeding_policy": TransitievergoedingPolicy.GEEN,
            "process_costs": Decimal("0"),
        }
    current.update(fields)
    errors = _pledge_errors(current)
    if errors:
        raise ValidationError(errors)
    if pledge is None:
        pledge = CampaignPledge(campaign=campaign)
    else:
        pledge.version += 1
    for name, value in current.items():
        setattr(pledge, name, value)
    pledge.updated_by = by
    pledge.full_clean()
    pledge.save()
    audit_log(
        actor=by,
        action="latende.pledge_save",
        obj=pledge,
        **{name: str(value) for name, value in current.items()},
    )
    pledge_saved.send(sender=CampaignPledge, pledge=pledge, by=by)
    return pledge
