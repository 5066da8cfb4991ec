"""Oriëntatiegroepen: people still orienting meet as peers (doorbraak 2, "met gelijken").

Shaped like the coach's intervisiegroepen (journeys.intervisie): services for writes (each
checks who may do it), selectors for reads. A coach forms a group from their own caseload; the
loket forms one for its region, from the people who let the loket see who they are. Only
trajecten still in aanmelding or oriëntatie can join. Members see each other's first names
only; they are told when they are added or removed and when a session is planned, and get a
reminder the day before."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from journeys.models import Phase, Traject
from loopbrug.services import audit_log
from notifications.ics import calendar_event
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from .models import GroepSessie, Orientatiegroep

MAX_GROUP_SIZE = 12
# "Still orienting": the oriëntatie phase or the aanmelding before it.
ORIENTING_PHASES = (Phase.AANMELDING, Phase.ORIENTATIE)
SESSION_AHEAD = timedelta(days=2 * 366)
MAX_SESSION_LENGTH = timedelta(hours=12)
REMIND_BEFORE = timedelta(hours=24)


def may_form(user: User) -> bool:
    return user.is_authenticated and (
        user.role == Role.COACH or (user.role == Role.LOKET and bool(user.organisation_id))
    )


def _require_former(user: User) -> None:
    if not may_form(user):
        raise PermissionDenied(_("Alleen een coach of het loket vormt een oriëntatiegroep."))


def _loket_region_id(user: User):
    return user.organisation.region_id if user.organisation_id else None


def _require_own_group(user: User, group: Orientatiegroep) -> None:
    if not _owns(user, group):
        raise PermissionDenied(_("Deze oriëntatiegroep is niet van jou."))


def _owns(user: User, group: Orientatiegroep) -> bool:
    if user.role == Role.COACH:
        return group.owner_id == user.pk
    if user.role == Role.LOKET and user.organisation_id:
        return group.owner.role == Role.LOKET and group.region_id == _loket_region_id(user)
    return False


def first_name(user: User | None) -> str:
    """Members see each other's first name only."""
    if user is None:
        return _("(account verwijderd)")
    return (user.full_name.split() or [_("(naamloos)")])[0]


# --- selectors -----------------------------------------------------------------------------


def _owned_by(user: User) -> QuerySet[Orientatiegroep]:
    if not user.is_authenticated:
        return Orientatiegroep.objects.none()
    if user.role == Role.COACH:
        return Orientatiegroep.objects.filter(owner=user)
    if user.role == Role.LOKET and user.organisation_id:
        # The region's loket works together: every loket account of the region keeps them.
        return Orientatiegroep.objects.filter(
            owner__role=Role.LOKET, region_id=_loket_region_id(user)
        )
    return Orientatiegroep.objects.none()


def groups_for(*, user: User) -> QuerySet[Orientatiegroep]:
    """The groups this coach or loket formed, with members and upcoming sessions, in a fixed
    few queries."""
    now = timezone.now()
    return (
        _owned_by(user)
        .select_related("owner", "region")
        .annotate(n_members=Count("members", distinct=True))
        .prefetch_related(
            Prefetch("members", queryset=Traject.objects.select_related("overstapper")),
            Prefetch(
                "sessions",
                queryset=GroepSessie.objects.filter(starts_at__gte=now).order_by("starts_at"),
                to_attr="upcoming",
            ),
        )
    )


def group_for(*, user: User, pk: int) -> Orientatiegroep | None:
    """One of the user's groups; reading its members (names) is audited."""
    group = groups_for(user=user).filter(pk=pk).first()
    if group is not None:
        audit_log(actor=user, action="orientatiegroep.view", obj=group)
    return group


def member_candidates(*, user: User) -> QuerySet[Traject]:
    """Who may join: a coach's own open trajecten, or for the loket the region's trajecten of
    people who let the loket see who they are; in both cases still orienting."""
    qs = (
        Traject.objects.open()
        .filter(phase__in=ORIENTING_PHASES, overstapper__isnull=False, overstapper__is_active=True)
        .select_related("overstapper")
        .order_by("overstapper__full_name", "pk")
    )
    if user.role == Role.COACH:
        return qs.filter(coach=user)
    if user.role == Role.LOKET and user.organisation_id:
        return qs.filter(
            region_id=_loket_region_id(user), overstapper__intake_consent_at__isnull=False
        )
    return qs.none()


def member_candidates_none_text(*, user: User) -> str:
    """What the group form says when member_candidates() finds nobody: where it looked."""
    if user.role == Role.COACH:
        return _("Er zijn nu geen deelnemers in je caseload die nog oriënteren.")
    return _(
        "Er zijn nu geen deelnemers in je regio die nog oriënteren en het loket hun naam "
        "lieten zien."
    )


def sessions_of(*, group: Orientatiegroep) -> QuerySet[GroepSessie]:
    return group.sessions.prefetch_related("present").order_by("starts_at", "pk")


@dataclass
class MyGroup:
    """What a member sees of their group: first names and the sessions to come."""

    group: Orientatiegroep
    first_names: list[str]
    upcoming: list[GroepSessie]

    @property
    def next_session(self) -> GroepSessie | None:
        return self.upcoming[0] if self.upcoming else None


def groups_of_member(*, user: User) -> list[MyGroup]:
    """The groups an overstapper is in, with the first names of the others; a fixed number
    of queries."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    groups = (
        Orientatiegroep.objects.filter(members__overstapper=user)
        .distinct()
        .prefetch_related(
            Prefetch("members", queryset=Traject.objects.select_related("overstapper")),
            Prefetch(
                "sessions",
                queryset=GroepSessie.objects.filter(starts_at__gte=now).order_by("starts_at"),
                to_attr="upcoming",
            ),
        )
    )
    result = []
    for group in groups:
        others = [t.overstapper for t in group.members.all() if t.overstapper_id != user.pk]
        names = sorted(first_name(person) for person in others if person is not None)
        result.append(MyGroup(group=group, first_names=names, upcoming=list(group.upcoming)))
    return result


def last_group_activity(*, user_ids: Iterable[int], since: datetime) -> dict[int, datetime]:
    """Per overstapper the start of the latest session since `since` they were marked present
    at (the caseload's stall signal counts it as activity)."""
    latest: dict[int, datetime] = {}
    rows = GroepSessie.present.through.objects.filter(
        traject__overstapper_id__in=list(user_ids),
        groepsessie__starts_at__gte=since,
        groepsessie__starts_at__lte=timezone.now(),
    ).values_list("traject__overstapper_id", "groepsessie__starts_at")
    for user_id, at in rows:
        if user_id not in latest or at > latest[user_id]:
            latest[user_id] = at
    return latest


# --- services ------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef de groep een naam.")})
    if len(name) > 200:
        raise ValidationError({"name": _("Een naam is hooguit 200 tekens.")})
    return name


def _require_unique_name(*, owner: User, name: str, exclude: int | None = None) -> None:
    if _owned_by(owner).filter(name__iexact=name).exclude(pk=exclude).exists():
        raise ValidationError({"name": _("Er is al een oriëntatiegroep met deze naam.")})


def _ids(traject_ids: Iterable, field: str = "members") -> set[int]:
    try:
        return {int(pk) for pk in traject_ids}
    except (TypeError, ValueError):
        raise ValidationError({field: _("Kies deelnemers uit de lijst.")}) from None


def _members(*, user: User, ids: set[int]) -> list[Traject]:
    members = list(member_candidates(user=user).filter(pk__in=ids))
    if len(members) != len(ids):
        if user.role == Role.COACH:
            message = _("Kies alleen deelnemers uit je eigen caseload die nog oriënteren.")
        else:
            message = _(
                "Kies alleen deelnemers uit je regio die nog oriënteren en het loket hun naam "
                "lieten zien."
            )
        raise ValidationError({"members": message})
    return members


def _require_size(n: int) -> None:
    if n > MAX_GROUP_SIZE:
        message = _("Een oriëntatiegroep heeft hooguit %(n)s deelnemers.")
        raise ValidationError({"members": message % {"n": MAX_GROUP_SIZE}})


def _group_link(group: Orientatiegroep) -> str:
    return reverse("my_orientation")


def _tell_added(group: Orientatiegroep, people: list[User]) -> None:
    notify(
        recipients=people,
        kind=NotificationKind.AFSPRAAK,
        title=_("Je bent toegevoegd aan de oriëntatiegroep %(name)s") % {"name": group.name},
        body=_(
            "Je oriënteert samen met anderen die ook een overstap overwegen. Je ziet elkaars "
            "voornaam en de bijeenkomsten op je oriëntatiepagina."
        ),
        link=_group_link(group),
    )


def _tell_removed(group: Orientatiegroep, people: list[User]) -> None:
    notify(
        recipients=people,
        kind=NotificationKind.AFSPRAAK,
        title=_("Je bent niet meer in de oriëntatiegroep %(name)s") % {"name": group.name},
        body=_("Je krijgt geen berichten meer over de bijeenkomsten van deze groep."),
        link=_group_link(group),
    )


@transaction.atomic
def group_create(*, by: User, name: str, member_ids: Iterable[int] = ()) -> Orientatiegroep:
    """Form a group; the members are told."""
    _require_former(by)
    name = _clean_name(name)
    ids = _ids(member_ids)
    _require_size(len(ids))
    members = _members(user=by, ids=ids)
    _require_unique_name(owner=by, name=name)
    region = by.organisation.region if by.organisation_id else None
    group = Orientatiegroep.objects.create(owner=by, name=name, region=region)
    group.members.set(members)
    audit_log(actor=by, action="orientatiegroep.create", obj=group, members=len(members))
    _tell_added(group, [t.overstapper for t in members])
    return group


@transaction.atomic
def group_update(
    *, group: Orientatiegroep, by: User, name: str | None = None, member_ids=None
) -> Orientatiegroep:
    """Rename or change the members; who joins and who leaves is told."""
    _require_own_group(by, group)
    if name is not None:
        name = _clean_name(name)
        _require_unique_name(owner=by, name=name, exclude=group.pk)
        group.name = name
        group.save(update_fields=["name"])
    if member_ids is not None:
        ids = _ids(member_ids)
        _require_size(len(ids))
        before = {t.pk: t for t in group.members.select_related("overstapper")}
        # A member who left the phase or the caseload may stay; only newcomers are checked.
        joining = _members(user=by, ids=ids - set(before))
        kept = [t for pk, t in before.items() if pk in ids]
        group.members.set(kept + joining)
        _tell_added(group, [t.overstapper for t in joining])
        _tell_removed(group, [t.overstapper for pk, t in before.items() if pk not in ids])
    audit_log(actor=by, action="orientatiegroep.update", obj=group)
    return group


@transaction.atomic
def group_delete(*, group: Orientatiegroep, by: User) -> None:
    """Disband the group; its members are told."""
    _require_own_group(by, group)
    people = [t.overstapper for t in group.members.select_related("overstapper")]
    audit_log(actor=by, action="orientatiegroep.delete", obj=group)
    planned = group.sessions.filter(starts_at__gt=timezone.now()).exists()
    notify(
        recipients=people,
        kind=NotificationKind.AFSPRAAK,
        title=_("De oriëntatiegroep %(name)s is opgeheven") % {"name": group.name},
        body=_("De geplande bijeenkomsten van deze groep gaan niet door.")
        if planned
        else _("Je krijgt geen berichten meer over deze groep."),
        link=_group_link(group),
    )
    group.delete()


def _where(session: GroepSessie) -> str:
    return session.place or session.online_url


def _session_words(session: GroepSessie) -> dict[str, str]:
    return {
        "group": session.group.name,
        "when": timezone.localtime(session.starts_at).strftime("%d-%m-%Y %H:%M"),
        "where": _where(session),
    }


def _session_ics(session: GroepSessie, summary: str) -> str:
    return calendar_event(
        uid=f"orientatiegroep-{session.pk}@loopbrug",
        starts_at=session.starts_at,
        duration=session.ends_at - session.starts_at,
        summary=summary,
        location=_where(session),
    )


@transaction.atomic
def session_plan(
    *,
    group: Orientatiegroep,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    online_url: str = "",
) -> GroepSessie:
    """Plan a session at a place or online; every member is told, with a calendar file."""
    _require_own_group(by, group)
    errors: dict[str, str] = {}
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    now = timezone.now()
    if starts_at <= now:
        errors["starts_at"] = _("Plan een bijeenkomst in de toekomst.")
    elif starts_at > now + SESSION_AHEAD:
        errors["starts_at"] = _("Plan een bijeenkomst hooguit twee jaar vooruit.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("Een bijeenkomst eindigt na het begin.")
    elif ends_at - starts_at > MAX_SESSION_LENGTH:
        errors["ends_at"] = _("Een bijeenkomst duurt hooguit 12 uur.")
    place = (place or "").strip()
    online_url = (online_url or "").strip()
    if len(place) > 200:
        errors["place"] = _("De plaats is te lang: hooguit 200 tekens.")
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError:
            errors["online_url"] = _("Vul een geldige link in (https://…).")
        if len(online_url) > 500:
            errors["online_url"] = _("De link is te lang: hooguit 500 tekens.")
    if not place and not online_url:
        errors["place"] = _("Geef een plaats of een link voor online deelname.")
    if errors:
        raise ValidationError(errors)
    session = GroepSessie.objects.create(
        group=group, starts_at=starts_at, ends_at=ends_at, place=place, online_url=online_url
    )
    audit_log(actor=by, action="orientatiegroep.session", obj=group)
    words = _session_words(session)
    title = _("Bijeenkomst van je oriëntatiegroep gepland: %(when)s") % words
    notify(
        recipients=[t.overstapper for t in group.members.select_related("overstapper")],
        kind=NotificationKind.AFSPRAAK,
        title=title,
        body=_("Met je oriëntatiegroep %(group)s, %(where)s.") % words,
        link=_group_link(group),
        ics=_session_ics(session, title),
    )
    return session


@transaction.atomic
def session_attendance(
    *, session: GroepSessie, by: User, present_ids: Iterable[int]
) -> GroepSessie:
    """Mark who was there (a session that has begun; only members)."""
    _require_own_group(by, session.group)
    if session.starts_at > timezone.now():
        raise ValidationError(
            {"present": _("Je kunt de aanwezigheid pas vanaf het begin van de bijeenkomst geven.")}
        )
    ids = _ids(present_ids, "present")
    members = list(session.group.members.filter(pk__in=ids))
    if len(members) != len(ids):
        raise ValidationError({"present": _("Kies alleen leden van deze groep.")})
    session.present.set(members)
    audit_log(actor=by, action="orientatiegroep.attendance", obj=session.group)
    return session


def send_session_reminders(*, now: datetime | None = None) -> int:
    """Remind every member once, the day before a session (inbox, e-mail, .ics)."""
    now = now or timezone.now()
    sent = 0
    due = (
        GroepSessie.objects.filter(
            reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE
        )
        .select_related("group")
        .prefetch_related(
            Prefetch("group__members", queryset=Traject.objects.select_related("overstapper"))
        )
    )
    for session in due:
        with transaction.atomic():
            if not GroepSessie.objects.filter(pk=session.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            words = _session_words(session)
            title = _("Herinnering: oriëntatiegroep %(group)s op %(when)s") % words
            sent += len(
                notify(
                    recipients=[t.overstapper for t in session.group.members.all()],
                    kind=NotificationKind.HERINNERING,
                    title=title,
                    body=_("Je oriëntatiegroep komt samen op %(when)s, %(where)s.") % words,
                    link=_group_link(session.group),
                    ics=_session_ics(session, title),
                )
            )
    return sent


def memberships_erase(*, user: User) -> int:
    """An erased account leaves every group (and its attendance marks)."""
    trajecten = Traject.objects.filter(overstapper=user)
    GroepSessie.present.through.objects.filter(traject__in=trajecten).delete()
    deleted, _rows = Orientatiegroep.members.through.objects.filter(traject__in=trajecten).delete()
    return deleted
