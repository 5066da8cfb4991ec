"""Writes on the Persoonlijk Profiel, its sharing, export and erasure."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, Sector, User
from loopbrug.models import AuditEvent
from loopbrug.services import audit_log
from taxonomy.models import Beroep, Drijfveer, Niveau, Skill, Talent

from . import wendbaarheid
from .access import can_annotate_profile
from .models import (
    AssessmentResult,
    EvidenceType,
    Experience,
    Profile,
    ProfileDrijfveer,
    ProfileShare,
    ProfileSkill,
    ProfileStep,
)
from .signals import account_erasing, profile_changed, profile_completed, profile_goal_saved

SHARE_ROLES = {
    ProfileShare.Purpose.COACH: Role.COACH,
    ProfileShare.Purpose.VACATURE: Role.WERKGEVER,
    ProfileShare.Purpose.TOELATING: Role.OPLEIDER,
}


def profile_get_or_create(*, user: User) -> Profile:
    if user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Alleen een overstapper heeft een Persoonlijk Profiel."))
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _complete(profile: Profile, step: str, done: bool) -> None:
    steps = [s for s in profile.completed_steps if s != step]
    if done:
        steps.append(step)
    profile.completed_steps = sorted(set(steps), key=list(ProfileStep.values).index)


class StaleProfile(Exception):
    """Someone saved the profile after this edit was loaded (another tab, device or client)."""

    def __init__(self, current_version: int):
        super().__init__(stale_profile_message())
        self.current_version = current_version
        self.message = stale_profile_message()


def stale_profile_message() -> str:
    return _(
        "Je profiel is intussen ergens anders opgeslagen (in een ander venster of op een ander "
        "apparaat). Wat je hier invulde staat nog in het formulier: kijk het na en sla opnieuw op "
        "om het te bewaren."
    )


def profile_lock(*, profile: Profile, version: int | None = None) -> None:
    """Hold the profile row for this transaction; refuse an edit of an older version."""
    current = (
        Profile.objects.select_for_update().values_list("version", flat=True).get(pk=profile.pk)
    )
    if version is not None and version != current:
        raise StaleProfile(current)
    profile.version = current


def _save(profile: Profile, *fields: str) -> None:
    profile.full_clean()
    profile.version += 1
    profile.save(update_fields=[*fields, "completed_steps", "version", "updated_at"])
    _enqueue_rescore(profile)
    if profile.progress == 100:
        profile_completed.send(sender=Profile, profile=profile)


def _enqueue_rescore(profile: Profile) -> None:
    """A changed profile is matched again (matching listens; see matching.receivers)."""
    profile_changed.send(sender=Profile, profile=profile)


@transaction.atomic
def profile_save_talenten(
    *, profile: Profile, talents: list[Talent], own_words: str = "", version: int | None = None
) -> None:
    """Step 1: talents from the catalogue, plus own words."""
    profile_lock(profile=profile, version=version)
    profile.talents.set(talents)
    profile.talents_own_words = own_words.strip()
    _complete(profile, ProfileStep.TALENTEN, bool(talents) or bool(profile.talents_own_words))
    _save(profile, "talents_own_words")


@transaction.atomic
def profile_skill_upsert(
    *,
    profile: Profile,
    skill: Skill,
    level: int,
    evidence_type: str = EvidenceType.ZELF,
    evidence_note: str = "",
) -> ProfileSkill:
    """Step 2: add a skill, or change its level and evidence. A change of evidence drops any
    earlier validation: a coach validated the old evidence, not the new."""
    profile_lock(profile=profile)
    item = ProfileSkill.objects.filter(profile=profile, skill=skill).first() or ProfileSkill(
        profile=profile, skill=skill
    )
    if (item.evidence_type, item.evidence_note) != (evidence_type, evidence_note.strip()):
        item.validated_at = None
        item.validated_by = None
    item.level = level
    item.evidence_type = evidence_type
    item.evidence_note = evidence_note.strip()
    item.full_clean()
    item.save()
    _complete(profile, ProfileStep.SKILLS, True)
    _save(profile)
    return item


@transaction.atomic
def profile_skill_remove(*, profile: Profile, skill_id: int) -> None:
    profile_lock(profile=profile)
    deleted, _details = ProfileSkill.objects.filter(profile=profile, skill_id=skill_id).delete()
    if not deleted:
        raise ValidationError(_("Deze skill staat niet in je profiel."))
    _complete(profile, ProfileStep.SKILLS, ProfileSkill.objects.filter(profile=profile).exists())
    _save(profile)


@transaction.atomic
def profile_save_drijfveren(
    *, profile: Profile, ranked: list[Drijfveer], version: int | None = None
) -> None:
    """Step 3: up to five drives, most important first. Five complete the step."""
    profile_lock(profile=profile, version=version)
    if len(ranked) > 5:
        raise ValidationError(_("Kies hooguit vijf drijfveren."))
    if len({d.pk for d in ranked}) != len(ranked):
        raise ValidationError(_("Je hebt dezelfde drijfveer twee keer gekozen."))
    profile.ranked_drijfveren.all().delete()
    ProfileDrijfveer.objects.bulk_create(
        ProfileDrijfveer(profile=profile, drijfveer=d, rank=rank)
        for rank, d in enumerate(ranked, start=1)
    )
    _complete(profile, ProfileStep.DRIJFVEREN, len(ranked) == 5)
    _save(profile)


@transaction.atomic
def profile_save_wendbaarheid(
    *, profile: Profile, answers: list[int | None], version: int | None = None
) -> int | None:
    """Step 4: the self-assessment. Saved as answered; scored once every statement is."""
    profile_lock(profile=profile, version=version)
    if len(answers) != len(wendbaarheid.STATEMENTS):
        raise ValidationError(_("Beantwoord de vragen over wendbaarheid."))
    if any(a is not None and a not in range(1, 6) for a in answers):
        raise ValidationError(_("Een antwoord is een getal van 1 tot en met 5."))
    profile.wendbaarheid_answers = answers
    complete = all(a is not None for a in answers)
    profile.wendbaarheid_score = wendbaarheid.score(answers) if complete else None
    _complete(profile, ProfileStep.WENDBAARHEID, complete)
    _save(profile, "wendbaarheid_answers", "wendbaarheid_score")
    return profile.wendbaarheid_score


@transaction.atomic
def profile_save_niveau(
    *, profile: Profile, niveau: str, basis: str, evidence: str, version: int | None = None
) -> None:
    """Step 5: werk- en denkniveau, shown by a diploma or by informal learning."""
    profile_lock(profile=profile, version=version)
    if niveau and niveau not in Niveau.values:
        raise ValidationError({"niveau": _("Onbekend niveau.")})
    profile.niveau, profile.niveau_basis, profile.niveau_evidence = niveau, basis, evidence.strip()
    _complete(profile, ProfileStep.NIVEAU, bool(niveau and basis))
    _save(profile, "niveau", "niveau_basis", "niveau_evidence")


@transaction.atomic
def profile_save_doel(
    *,
    profile: Profile,
    ambition: str,
    motivation: str,
    target_sectors: list[str],
    target_beroepen: list[Beroep],
    min_net_income: Decimal | None,
    hours_per_week: int | None,
    version: int | None = None,
) -> None:
    """Step 6: ambition and why, target sectors and roles, financial needs (doorbraak 6)."""
    profile_lock(profile=profile, version=version)
    unknown = set(target_sectors) - set(Sector.values)
    if unknown:
        raise ValidationError({"target_sectors": _("Onbekende sector.")})
    if min_net_income is not None and not (Decimal(0) <= min_net_income <= Decimal(100_000)):
        raise ValidationError({"min_net_income": _("Vul een bedrag tussen 0 en 100.000 euro in.")})
    if hours_per_week is not None and not (1 <= hours_per_week <= 60):
        raise ValidationError({"hours_per_week": _("Vul een aantal uren tussen 1 en 60 in.")})
    profile.ambition, profile.motivation = ambition.strip(), motivation.strip()
    profile.target_sectors = list(dict.fromkeys(target_sectors))
    profile.min_net_income, profile.hours_per_week = min_net_income, hours_per_week
    profile.target_beroepen.set(target_beroepen)
    _complete(profile, ProfileStep.DOEL, bool(profile.ambition and profile.target_sectors))
    _save(profile, "ambition", "motivation", "target_sectors", "min_net_income", "hours_per_week")
    profile_goal_saved.send(sender=Profile, profile=profile)


@transaction.atomic
def profile_experience_add(*, profile: Profile, **fields) -> Experience:
    profile_lock(profile=profile)
    experience = Experience(profile=profile, **fields)
    experience.full_clean()
    if (
        experience.start_year
        and experience.end_year
        and experience.end_year < experience.start_year
    ):
        raise ValidationError({"end_year": _("Het eindjaar ligt voor het beginjaar.")})
    experience.save()
    _complete(profile, ProfileStep.ERVARING, True)
    _save(profile)
    return experience


EXPERIENCE_FIELDS = ("kind", "title", "organisation", "start_year", "end_year", "description")


@transaction.atomic
def profile_experience_update(*, profile: Profile, experience_id: int, **fields) -> Experience:
    """Change an experience entry of one's own profile (only the fields given)."""
    profile_lock(profile=profile)
    experience = profile.experiences.filter(pk=experience_id).first()
    if experience is None:
        raise ValidationError(_("Deze regel staat niet in je profiel."))
    unknown = set(fields) - set(EXPERIENCE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Onbekend veld: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(experience, name, value)
    experience.full_clean()
    if (
        experience.start_year
        and experience.end_year
        and experience.end_year < experience.start_year
    ):
        raise ValidationError({"end_year": _("Het eindjaar ligt voor het beginjaar.")})
    experience.save()
    _save(profile)
    return experience


@transaction.atomic
def profile_experience_remove(*, profile: Profile, experience_id: int) -> None:
    deleted, _details = profile.experiences.filter(pk=experience_id).delete()
    if not deleted:
        raise ValidationError(_("Deze regel staat niet in je profiel."))


@transaction.atomic
def profile_save_proud_of(*, profile: Profile, proud_of: str, version: int | None = None) -> None:
    profile_lock(profile=profile, version=version)
    profile.proud_of = proud_of.strip()
    _complete(profile, ProfileStep.ERVARING, bool(profile.proud_of) or profile.experiences.exists())
    _save(profile, "proud_of")


@transaction.atomic
def profile_save_sensitive(
    *,
    profile: Profile,
    health: str,
    arbeidsbeperking: bool | None,
    status: str,
    version: int | None = None,
) -> None:
    """Optional sensitive data; only the overstapper ever sees it."""
    profile_lock(profile=profile, version=version)
    profile.sensitive_health = health.strip()
    profile.sensitive_arbeidsbeperking = arbeidsbeperking
    profile.sensitive_status = status.strip()
    _save(profile, "sensitive_health", "sensitive_arbeidsbeperking", "sensitive_status")


# --- Sharing -----------------------------------------------------------------------------


def share_grantee_by_email(email: str) -> User:
    """The coach, werkgever or opleider an overstapper names by e-mail address."""
    grantee = User.objects.filter(email__iexact=email, is_active=True).first()
    if grantee is None or grantee.role == Role.OVERSTAPPER:
        raise ValidationError(
            {
                "grantee_email": _(
                    "Er is geen coach, werkgever of opleider met dit e-mailadres in Loopbrug."
                )
            }
        )
    return grantee


@transaction.atomic
def profile_share(
    *,
    profile: Profile,
    grantee: User,
    purpose: str,
    vacature: str = "",
    expires_at: datetime | None = None,
) -> ProfileShare:
    """The overstapper lets one coach, werkgever or opleider see the profile."""
    if purpose not in SHARE_ROLES:
        raise ValidationError({"purpose": _("Kies waarvoor je deelt.")})
    if grantee.role != SHARE_ROLES[purpose] or not grantee.is_active:
        raise ValidationError(
            {
                "grantee": _("Met dit doel kun je alleen delen met een %(role)s.")
                % {"role": Role(SHARE_ROLES[purpose]).label.lower()}
            }
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Kies een datum in de toekomst.")})
    if purpose == ProfileShare.Purpose.VACATURE and not vacature.strip():
        raise ValidationError({"vacature": _("Voor welke vacature deel je je profiel?")})
    share = ProfileShare(
        profile=profile,
        grantee=grantee,
        purpose=purpose,
        vacature=vacature.strip(),
        expires_at=expires_at,
    )
    share.full_clean()
    share.save()
    audit_log(
        actor=profile.user, action="profile.share", obj=profile, grantee=grantee.pk, purpose=purpose
    )
    return share


@transaction.atomic
def profile_share_revoke(*, share: ProfileShare, by: User) -> None:
    """Stop a share at once; the next request of the grantee is refused."""
    if share.profile.user_id != by.pk:
        raise PermissionDenied(_("Alleen de eigenaar kan een deling intrekken."))
    if share.revoked_at is not None:
        raise ValidationError(_("Deze deling was al ingetrokken."))
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    audit_log(actor=by, action="profile.share_revoke", obj=share.profile, grantee=share.grantee_id)


def _require_coach_share(*, profile: Profile, coach: User) -> None:
    if not can_annotate_profile(coach, profile):
        raise PermissionDenied(_("Je kunt dit profiel alleen aanvullen als het met je gedeeld is."))


@transaction.atomic
def profile_skill_validate(*, item: ProfileSkill, coach: User) -> ProfileSkill:
    """A coach confirms the evidence for a skill."""
    _require_coach_share(profile=item.profile, coach=coach)
    item.validated_at = timezone.now()
    item.validated_by = coach
    item.save(update_fields=["validated_at", "validated_by"])
    audit_log(actor=coach, action="profile.skill_validate", obj=item.profile, skill=item.skill_id)
    return item


@transaction.atomic
def assessment_add(*, profile: Profile, coach: User, **fields) -> AssessmentResult:
    _require_coach_share(profile=profile, coach=coach)
    result = AssessmentResult(profile=profile, added_by=coach, **fields)
    result.full_clean()
    result.save()
    audit_log(actor=coach, action="profile.assessment_add", obj=profile)
    return result


# --- Erasure ------------------------------------------------------------------------------


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete everything personal; the traject stays as anonymous facts for the region."""
    if user.role != Role.OVERSTAPPER:
        raise PermissionDenied(_("Alleen overstappers verwijderen hier hun account."))
    account_erasing.send(sender=User, user=user)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        AuditEvent.objects.filter(
            object_type="profiles.profile", object_id=str(profile.pk)
        ).delete()
    AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk)).delete()
    AuditEvent.objects.filter(actor=user).update(detail={})
    LogEntry.objects.filter(content_type__model="user", object_id=str(user.pk)).delete()
    _erase_login_traces(user)
    user.delete()


def _erase_login_traces(user: User) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
