"""Reads of profiles. Anything someone else reads about a profile goes through
`profile_for_viewer`, which checks the share and writes the AuditEvent."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import Role, User
from loopbrug.models import AuditEvent
from loopbrug.services import audit_log

from .models import Profile, ProfileShare, ProfileSkill

# A lookup of a profile that does not exist or is not shared with the one asking.
VIEW_REFUSED = "profile.view_refused"


def _profile_queryset() -> QuerySet[Profile]:
    return Profile.objects.select_related("user").prefetch_related(
        "talents",
        Prefetch(
            "profile_skills",
            queryset=ProfileSkill.objects.select_related("skill", "validated_by"),
        ),
        "ranked_drijfveren__drijfveer",
        "target_beroepen",
        "experiences",
        "assessments__added_by",
    )


def profile_for_owner(*, user: User) -> Profile:
    """The person's own profile with its parts; made on the first visit (only for an
    overstapper, see profile_get_or_create)."""
    from .services import profile_get_or_create

    if user.role == Role.OVERSTAPPER:
        found = _profile_queryset().filter(user=user).first()
        if found is not None:
            return found
    profile = profile_get_or_create(user=user)
    return _profile_queryset().get(pk=profile.pk)


def active_share(*, profile: Profile, viewer: User) -> ProfileShare | None:
    return (
        ProfileShare.objects.active()
        .filter(profile=profile, grantee=viewer)
        .order_by("-created_at")
        .first()
    )


def shared_profile_id(*, viewer: User, owner: User | None) -> int | None:
    """The id of `owner`'s profile when it is shared with `viewer` right now."""
    if owner is None:
        return None
    return (
        ProfileShare.objects.active()
        .filter(profile__user=owner, grantee=viewer)
        .values_list("profile_id", flat=True)
        .first()
    )


def profile_for_viewer(*, viewer: User, profile_id: int) -> tuple[Profile, ProfileShare]:
    """Someone else's view of a profile: only with an active share, and always audited.

    The share is looked up first, by profile id: a profile that exists but is not shared with
    the viewer and one that does not exist at all take the same single query and the same
    audit entry (`profile.view_refused`), so neither the answer nor its timing tells them
    apart (a harvester learns nothing from trying ids).
    """
    share = (
        ProfileShare.objects.active()
        .filter(profile_id=profile_id, grantee=viewer)
        .exclude(profile__user=viewer)  # owners use their own page
        .order_by("-created_at")
        .first()
    )
    if share is None:
        audit_log(actor=viewer, action=VIEW_REFUSED, obj=Profile(pk=profile_id))
        raise Profile.DoesNotExist
    profile = _profile_queryset().get(pk=share.profile_id)
    audit_log(actor=viewer, action="profile.view", obj=profile, purpose=share.purpose)
    return profile, share


def shares_for_owner(*, profile: Profile) -> QuerySet[ProfileShare]:
    return profile.shares.select_related("grantee__organisation").order_by("-created_at")


def shares_received(*, viewer: User) -> QuerySet[ProfileShare]:
    """Profiles shared with this coach, werkgever or opleider, still valid."""
    return (
        ProfileShare.objects.active()
        .filter(grantee=viewer)
        .select_related("profile__user")
        .order_by("-created_at")
    )


def profile_views_for_owner(*, profile: Profile) -> QuerySet[AuditEvent]:
    """Who looked at or changed my profile, and when."""
    return (
        AuditEvent.objects.filter(object_type="profiles.profile", object_id=str(profile.pk))
        .exclude(actor=profile.user)
        .exclude(action=VIEW_REFUSED)  # nobody saw anything; the beheerder's audit log has it
        .select_related("actor__organisation")
        .order_by("-at")
    )
