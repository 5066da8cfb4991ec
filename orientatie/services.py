"""Every write of oriëntatie: events and their sessions, sign-ups with a waiting list,
cancelling by a signed link, attendance, linking a sign-up to a later account, the shortlist
and the regional catalogue. Each service checks who may do it and changes nothing on bad input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Region, Role, Sector, User
from loopbrug.queue import enqueue_on_commit
from loopbrug.services import audit_log
from taxonomy.models import Beroep

from .models import (
    MAX_CAPACITY,
    SHORTAGE_SECTORS,
    Event,
    EventSector,
    Initiative,
    Registration,
    Session,
    ShortlistItem,
)
from .tokens import read_cancel_token

ORGANISER_ROLES = {Role.LOKET, Role.WERKGEVER, Role.OPLEIDER}
MAX_SESSIONS = 20
MAX_AHEAD = timedelta(days=2 * 365)
MAX_SESSION = timedelta(days=7)
MAX_SHORTLIST = 30


# --- e-mail --------------------------------------------------------------------------------


def _mail(registration: Registration, kind: str) -> None:
    """The one place an e-mail of a sign-up is queued (after commit)."""
    from . import tasks

    enqueue_on_commit(
        tasks.registration_mail, registration.pk, kind, what=_("De e-mail over je aanmelding")
    )


# --- events --------------------------------------------------------------------------------


def may_organise(user: User) -> bool:
    return (
        user.is_authenticated and user.role in ORGANISER_ROLES and user.organisation_id is not None
    )


def _require_organiser(user: User) -> None:
    if not may_organise(user):
        raise PermissionDenied(
            _("Alleen een loket, werkgever of opleider publiceert bijeenkomsten.")
        )


def _require_own_event(user: User, event: Event) -> None:
    if not (may_organise(user) and user.organisation_id == event.organisation_id):
        raise PermissionDenied(_("Dit is niet een bijeenkomst van jouw organisatie."))


def _clean_text(errors: dict, field: str, value: str, *, required: bool, limit: int) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = _("Vul dit veld in.")
    elif len(value) > limit:
        errors[field] = _("Dit is te lang: hooguit %(n)s tekens.") % {"n": limit}
    return value


def _clean_sectors(errors: dict, sectors: Iterable[str]) -> list[str]:
    sectors = list(dict.fromkeys(s for s in sectors or [] if s))
    if not sectors:
        errors["sectors"] = _("Kies minstens één sector.")
    elif any(s not in Sector.values for s in sectors):
        errors["sectors"] = _("Kies sectoren uit de lijst.")
    return sectors


def _clean_sessions(errors: dict, sessions: Iterable[tuple[datetime, datetime]]) -> list:
    now = timezone.now()
    cleaned = []
    for starts_at, ends_at in sessions or []:
        if timezone.is_naive(starts_at):
            starts_at = timezone.make_aware(starts_at)
        if timezone.is_naive(ends_at):
            ends_at = timezone.make_aware(ends_at)
        if starts_at <= now:
            errors["sessions"] = _(
                "Een bijeenkomst in het verleden kan niet: kies een begin in de toekomst."
            )
        elif starts_at > now + MAX_AHEAD:
            errors["sessions"] = _("Plan een bijeenkomst hooguit twee jaar vooruit.")
        elif ends_at <= starts_at:
            errors["sessions"] = _("Een sessie moet eindigen na het begin.")
        elif ends_at - starts_at > MAX_SESSION:
            errors["sessions"] = _("Een sessie duurt hooguit een week; maak anders meer sessies.")
        cleaned.append((starts_at, ends_at))
    if not cleaned:
        errors["sessions"] = _("Geef minstens één sessie met begin en einde.")
    elif len(cleaned) > MAX_SESSIONS:
        errors["sessions"] = _("Een bijeenkomst heeft hooguit %(n)s sessies.") % {"n": MAX_SESSIONS}
    return sorted(cleaned)


def _clean_capacity(errors: dict, capacity) -> int:
    if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
        errors["capacity"] = _("Een bijeenkomst heeft minstens 1 plaats.")
        return 0
    if capacity > MAX_CAPACITY:
        errors["capacity"] = _("Hooguit %(n)s plaatsen.") % {"n": MAX_CAPACITY}
    return capacity


def _clean_where(errors: dict, place: str, online_url: str) -> tuple[str, str]:
    place = _clean_text(errors, "place", place, required=False, limit=200)
    online_url = (online_url or "").strip()
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError:
            errors["online_url"] = _("Geef een geldige link die begint met https://.")
        if len(online_url) > 500:
            errors["online_url"] = _("Deze link is te lang.")
    if not place and not online_url and "place" not in errors:
        errors["place"] = _("Geef een plaats of een link voor online deelname.")
    return place, online_url


@transaction.atomic
def event_create(
    *,
    by: User,
    kind: str,
    title: str,
    sectors: Iterable[str],
    sessions: Iterable[tuple[datetime, datetime]],
    capacity: int,
    region: Region | None = None,
    description: str = "",
    place: str = "",
    online_url: str = "",
    confidential_ok: bool = True,
) -> Event:
    """Publish an event of the organiser's organisation, with its sessions."""
    _require_organiser(by)
    errors: dict = {}
    if kind not in Event.Kind.values:
        errors["kind"] = _("Kies een soort bijeenkomst uit de lijst.")
    elif kind == Event.Kind.MEELOOPDAG and by.organisation.kind != Organisation.Kind.WERKGEVER:
        errors["kind"] = _("Een meeloopdag biedt een werkgever aan.")
    title = _clean_text(errors, "title", title, required=True, limit=200)
    description = _clean_text(errors, "description", description, required=False, limit=4000)
    sectors = _clean_sectors(errors, sectors)
    sessions = _clean_sessions(errors, sessions)
    capacity = _clean_capacity(errors, capacity)
    place, online_url = _clean_where(errors, place, online_url)
    if errors:
        raise ValidationError(errors)
    event = Event.objects.create(
        kind=kind,
        title=title,
        description=description,
        organisation=by.organisation,
        region=region or by.organisation.region,
        place=place,
        online_url=online_url,
        capacity=capacity,
        confidential_ok=bool(confidential_ok),
        starts_at=sessions[0][0],
        ends_at=max(end for _start, end in sessions),
        published_at=timezone.now(),
        created_by=by,
    )
    Session.objects.bulk_create([Session(event=event, starts_at=s, ends_at=e) for s, e in sessions])
    EventSector.objects.bulk_create([EventSector(event=event, sector=s) for s in sectors])
    audit_log(actor=by, action="orientatie.event_create", obj=event)
    return event


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def event_update(*, event: Event, by: User, **fields) -> Event:
    """Change what an event says, its capacity or its sectors (the sessions stay)."""
    _require_own_event(by, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    allowed = {
        "title",
        "description",
        "place",
        "online_url",
        "capacity",
        "confidential_ok",
        "sectors",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Deze gegevens kun je niet wijzigen: %s") % ", ".join(unknown))
    errors: dict = {}
    if "title" in fields:
        event.title = _clean_text(errors, "title", fields["title"], required=True, limit=200)
    if "description" in fields:
        event.description = _clean_text(
            errors, "description", fields["description"], required=False, limit=4000
        )
    if "place" in fields or "online_url" in fields:
        event.place, event.online_url = _clean_where(
            errors, fields.get("place", event.place), fields.get("online_url", event.online_url)
        )
    if "capacity" in fields:
        capacity = _clean_capacity(errors, fields["capacity"])
        taken = confirmed_count(event)
        if capacity and capacity < taken:
            errors["capacity"] = _(
                "Er zijn al %(n)s aanmeldingen: minder plaatsen dan dat kan niet."
            ) % {"n": taken}
        event.capacity = capacity
    if "confidential_ok" in fields:
        event.confidential_ok = bool(fields["confidential_ok"])
    sectors = None
    if "sectors" in fields:
        sectors = _clean_sectors(errors, fields["sectors"])
    if errors:
        raise ValidationError(errors)
    event.save()
    if sectors is not None:
        event.sector_rows.all().delete()
        EventSector.objects.bulk_create([EventSector(event=event, sector=s) for s in sectors])
    _fill_places(event)
    audit_log(actor=by, action="orientatie.event_update", obj=event)
    return event


# --- sign-ups ------------------------------------------------------------------------------


def _waiting(event: Event):
    return event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    )


def _fill_places(event: Event) -> list[Registration]:
    """Give free places to the first on the waiting list, and tell them."""
    free = event.capacity - confirmed_count(event)
    promoted = []
    if free <= 0 or event.starts_at <= timezone.now():
        return promoted
    for registration in _waiting(event)[:free]:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        _mail(registration, "promoted")
        promoted.append(registration)
    return promoted


def registration_open(event: Event) -> bool:
    return (
        event.published_at is not None
        and event.cancelled_at is None
        and event.starts_at > timezone.now()
    )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    confidential: bool = False,
    employer: Organisation | None = None,
    link_consent: bool = False,
    user: User | None = None,
) -> Registration:
    """Sign up with a name and an e-mail address; a full event puts you on the waiting list."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not registration_open(event):
        raise ValidationError(
            _("Aanmelden kan niet meer: deze bijeenkomst is al begonnen, voorbij of afgelast.")
        )
    errors: dict = {}
    name = _clean_text(errors, "name", name, required=True, limit=200)
    email = User.objects.normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Vul een geldig e-mailadres in.")
    if len(email) > 254:
        errors["email"] = _("Dit e-mailadres is te lang.")
    if confidential and not event.confidential_ok:
        errors["confidential"] = _("Bij deze bijeenkomst kun je je niet vertrouwelijk aanmelden.")
    if employer is not None and (not confidential or employer.kind != Organisation.Kind.WERKGEVER):
        errors["employer"] = _("Kies je huidige werkgever alleen als je je vertrouwelijk aanmeldt.")
    if errors:
        raise ValidationError(errors)
    duplicate = _("Je bent al aangemeld voor deze bijeenkomst met dit e-mailadres.")
    if (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(email=email)
        .exists()
    ):
        raise ValidationError({"email": duplicate})
    full = confirmed_count(event) >= event.capacity
    if user is not None and not (user.is_authenticated and user.email == email):
        user = None  # a sign-up is linked to an account only by its own address
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                name=name,
                email=email,
                status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
                confidential=bool(confidential),
                employer=employer if confidential else None,
                link_consent=bool(link_consent) or user is not None,
                user=user,
            )
    except IntegrityError as exc:  # the same address at the same moment
        raise ValidationError({"email": duplicate}) from exc
    _mail(registration, "waiting" if full else "confirmed")
    return registration


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    return (
        _waiting(registration.event)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lte=registration.pk)
        )
        .count()
    )


def registration_for_token(*, token: str, event: Event | None = None) -> Registration:
    """The sign-up behind a cancel link; a link that was altered or used gives a message."""
    found = read_cancel_token(token)
    bad = _("Deze annuleerlink klopt niet. Gebruik de link uit je bevestigingsmail.")
    if found is None:
        raise ValidationError(bad)
    pk, nonce = found
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or registration.nonce != nonce:
        raise ValidationError(bad)
    if event is not None and registration.event_id != event.pk:
        raise ValidationError(bad)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("Deze aanmelding is al geannuleerd; de link werkt maar één keer."))
    return registration


@transaction.atomic
def registration_cancel(*, token: str, event: Event | None = None) -> Registration:
    """Cancel by the signed link; a freed place goes to the first on the waiting list."""
    registration = registration_for_token(token=token, event=event)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:  # cancelled meanwhile
        raise ValidationError(_("Deze aanmelding is al geannuleerd; de link werkt maar één keer."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("Deze bijeenkomst is voorbij; annuleren kan niet meer."))
    had_place = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _mail(registration, "cancelled")
    if had_place:
        _fill_places(event)
    return registration


@transaction.atomic
def attendance_mark(*, event: Event, by: User, marks: Mapping[int, bool]) -> int:
    """The organiser records who came; only confirmed sign-ups of their own event."""
    from .selectors import attendees_for

    _require_own_event(by, event)
    if timezone.localdate(event.starts_at) > timezone.localdate():
        raise ValidationError(
            _("Aanwezigheid houd je bij vanaf de dag van de bijeenkomst (%(day)s).")
            % {"day": timezone.localtime(event.starts_at).strftime("%d-%m-%Y")}
        )
    visible = {r.pk: r for r in attendees_for(event=event, viewer=by)}
    ids = {int(pk) for pk in marks}
    if not ids:
        raise ValidationError(_("Geef aan wie er waren."))
    if not ids <= set(visible):
        raise ValidationError(_("Kies alleen aanmeldingen van deze bijeenkomst."))
    for pk, attended in marks.items():
        registration = visible[int(pk)]
        registration.attended = bool(attended)
        registration.save(update_fields=["attended"])
    audit_log(actor=by, action="orientatie.attendance", obj=event, marked=len(ids))
    return len(ids)


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind, once, everyone with a place at an event that starts tomorrow."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts_at__date=tomorrow,
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            taken = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if taken:
                _mail(registration, "reminder")
                sent += 1
    return sent


# --- linking a sign-up to an account (conversion) ------------------------------------------


def registrations_link_consented(*, user: User) -> int:
    """Link the sign-ups made with this confirmed address whose makers agreed to it."""
    if not (user.is_active and user.email_confirmed_at and user.role == Role.OVERSTAPPER):
        return 0
    return Registration.objects.filter(
        email=User.objects.normalize_email(user.email), link_consent=True, user__isnull=True
    ).update(user=user)


@transaction.atomic
def registration_link(*, registration: Registration, user: User) -> Registration:
    """The overstapper links an earlier sign-up of their own address to their account."""
    if user.role != Role.OVERSTAPPER or registration.email != User.objects.normalize_email(
        user.email
    ):
        raise PermissionDenied(_("Je koppelt alleen aanmeldingen met je eigen e-mailadres."))
    if registration.user_id not in (None, user.pk):
        raise ValidationError(_("Deze aanmelding hoort al bij een ander account."))
    registration.user = user
    registration.link_consent = True
    registration.save(update_fields=["user", "link_consent"])
    return registration


# --- shortlist -----------------------------------------------------------------------------


def _require_overstapper(user: User) -> None:
    if not (user.is_authenticated and user.role == Role.OVERSTAPPER):
        raise PermissionDenied(_("Alleen een overstapper bewaart beroepen op een shortlist."))


@transaction.atomic
def shortlist_add(*, user: User, beroep: Beroep) -> ShortlistItem:
    _require_overstapper(user)
    if beroep.sector not in SHORTAGE_SECTORS:
        raise ValidationError({"beroep": _("Kies een beroep uit de verkenner.")})
    existing = ShortlistItem.objects.filter(user=user, beroep=beroep).first()
    if existing:
        return existing
    if ShortlistItem.objects.filter(user=user).count() >= MAX_SHORTLIST:
        raise ValidationError(
            {"beroep": _("Je shortlist is vol (%(n)s beroepen).") % {"n": MAX_SHORTLIST}}
        )
    return ShortlistItem.objects.create(user=user, beroep=beroep)


@transaction.atomic
def shortlist_remove(*, user: User, beroep: Beroep) -> None:
    _require_overstapper(user)
    ShortlistItem.objects.filter(user=user, beroep=beroep).delete()


# --- regional catalogue --------------------------------------------------------------------


def _require_loket(user: User) -> None:
    if not (user.is_authenticated and user.role == Role.LOKET and user.organisation_id):
        raise PermissionDenied(_("Het loket van de regio houdt de catalogus bij."))


@transaction.atomic
def initiative_create(
    *,
    by: User,
    name: str,
    kind: str,
    contact: str = "",
    offer: str = "",
    regelingen: Iterable[str] = (),
) -> Initiative:
    """Add an initiative or opleiding to the loket's regional catalogue."""
    from .selectors import regeling_names

    _require_loket(by)
    region = by.organisation.region
    errors: dict = {}
    name = _clean_text(errors, "name", name, required=True, limit=200)
    if kind not in Initiative.Kind.values:
        errors["kind"] = _("Kies een soort uit de lijst.")
    contact = _clean_text(errors, "contact", contact, required=False, limit=200)
    offer = _clean_text(errors, "offer", offer, required=False, limit=2000)
    regelingen = list(dict.fromkeys(r for r in regelingen or [] if r))
    known = regeling_names()
    if any(r not in known for r in regelingen):
        errors["regelingen"] = _("Kies regelingen uit de lijst.")
    if name and Initiative.objects.filter(region=region, name__iexact=name).exists():
        errors["name"] = _("Dit initiatief staat al in de catalogus van je regio.")
    if errors:
        raise ValidationError(errors)
    initiative = Initiative.objects.create(
        region=region,
        name=name,
        kind=kind,
        contact=contact,
        offer=offer,
        regelingen=regelingen,
        created_by=by,
    )
    audit_log(actor=by, action="orientatie.initiative_create", obj=initiative)
    return initiative
