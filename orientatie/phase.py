"""The traject's oriëntatie phase in one place: the events attended, the shortlist, the
oriëntatiegroep and what is next. The participant's start page, the coach's traject page and
the API show the same facts; every sentence about what is next follows from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from journeys.models import Phase, Traject

from . import groepen
from .models import Registration, ShortlistItem

# A traject shows its oriëntatie while it is in the oriëntatie phase or the aanmelding before.
SHOWN_IN = groepen.ORIENTING_PHASES
# Attending an event, saving a beroep or attending a group session this recently is activity
# for the caseload's stall signal.
ACTIVITY_WINDOW = timedelta(days=30)


@dataclass
class OrientationPhase:
    traject: Traject
    attended: list[Registration] = field(default_factory=list)
    upcoming: list[Registration] = field(default_factory=list)
    shortlist: list[ShortlistItem] = field(default_factory=list)
    groups: list[groepen.MyGroup] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def _day(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def _moment(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def _next_steps(o: OrientationPhase, *, for_participant: bool) -> list[str]:
    steps: list[str] = []
    for r in o.upcoming:
        words = {"title": r.event.title, "date": _day(r.event.starts_at)}
        if r.status == Registration.Status.WAITING:
            text = (
                _("Je staat op de wachtlijst voor %(title)s op %(date)s.")
                if for_participant
                else _("Op de wachtlijst voor %(title)s op %(date)s.")
            )
        else:
            text = (
                _("Je bent aangemeld voor %(title)s op %(date)s.")
                if for_participant
                else _("Aangemeld voor %(title)s op %(date)s.")
            )
        steps.append(text % words)
    if not o.attended and not o.upcoming:
        steps.append(
            _("Kies in de agenda een informatiebijeenkomst, open dag of meeloopdag.")
            if for_participant
            else _("Nog geen bijeenkomst bijgewoond en nergens voor aangemeld.")
        )
    if not o.shortlist:
        steps.append(
            _("Verken beroepen en zet de beroepen die je aanspreken op je shortlist.")
            if for_participant
            else _("Nog geen beroepen op de shortlist.")
        )
    for g in o.groups:
        words = {"name": g.group.name}
        if g.next_session is not None:
            words["when"] = _moment(g.next_session.starts_at)
            text = (
                _("Volgende bijeenkomst van je oriëntatiegroep %(name)s: %(when)s.")
                if for_participant
                else _("Volgende bijeenkomst van de oriëntatiegroep %(name)s: %(when)s.")
            )
        else:
            text = (
                _("Voor je oriëntatiegroep %(name)s is nog geen bijeenkomst gepland.")
                if for_participant
                else _("Voor de oriëntatiegroep %(name)s is nog geen bijeenkomst gepland.")
            )
        steps.append(text % words)
    if o.attended and o.shortlist and o.traject.phase == Phase.ORIENTATIE:
        if not for_participant:
            steps.append(
                _(
                    "Bijeenkomsten bijgewoond en beroepen op de shortlist: bespreek de richting; "
                    "de volgende fase is het Persoonlijk Profiel."
                )
            )
        elif o.traject.coach_id:
            steps.append(
                _(
                    "Je hebt bijeenkomsten bijgewoond en beroepen op je shortlist: bespreek met je "
                    "coach welke richting je kiest. De volgende fase is je Persoonlijk Profiel."
                )
            )
        else:
            steps.append(
                _(
                    "Je hebt bijeenkomsten bijgewoond en beroepen op je shortlist. De volgende "
                    "fase is je Persoonlijk Profiel."
                )
            )
    return steps


def orientation_phase(*, traject: Traject, for_participant: bool) -> OrientationPhase | None:
    """The oriëntatie of a traject (None without a person). The caller has checked that the
    viewer may see the traject (its coach, or the participant)."""
    person = traject.overstapper
    if person is None:
        return None
    now = timezone.now()
    linked = Registration.objects.filter(user=person).select_related("event")
    o = OrientationPhase(
        traject=traject,
        attended=list(linked.filter(attended=True).order_by("-event__starts_at", "-pk")),
        upcoming=list(
            linked.filter(
                status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
                event__ends_at__gte=now,
                event__cancelled_at__isnull=True,
            ).order_by("event__starts_at", "pk")
        ),
        shortlist=list(ShortlistItem.objects.filter(user=person).select_related("beroep")),
        groups=groepen.groups_of_member(user=person),
    )
    o.next_steps = _next_steps(o, for_participant=for_participant)
    return o


def last_activity(*, user_ids, since: datetime) -> dict[int, datetime]:
    """Per overstapper their latest orientation activity since `since`: an event they were
    marked present at, a beroep saved to the shortlist, a group session they attended. Three
    queries for any number of people."""
    ids = [pk for pk in user_ids if pk]
    if not ids:
        return {}
    now = timezone.now()
    latest: dict[int, datetime] = {}

    def keep(user_id: int, at: datetime | None) -> None:
        if at is not None and at <= now and (user_id not in latest or at > latest[user_id]):
            latest[user_id] = at

    for user_id, at in (
        Registration.objects.filter(
            user_id__in=ids, attended=True, event__starts_at__gte=since, event__starts_at__lte=now
        )
        .values("user_id")
        .annotate(at=Max("event__starts_at"))
        .values_list("user_id", "at")
    ):
        keep(user_id, at)
    for user_id, at in (
        ShortlistItem.objects.filter(user_id__in=ids, created_at__gte=since)
        .values("user_id")
        .annotate(at=Max("created_at"))
        .values_list("user_id", "at")
    ):
        keep(user_id, at)
    for user_id, at in groepen.last_group_activity(user_ids=ids, since=since).items():
        keep(user_id, at)
    return latest
