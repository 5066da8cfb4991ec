"""Writes of the notifications app: announce a hand-off, mark read, e-mail preferences.

`notify` is what other apps call from their services, inside their transaction: the inbox rows
are part of that transaction, and the e-mails are queued only once it commits (a rolled-back
change announces nothing). The worker sends them and retries while the mail server fails."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from loopbrug.queue import enqueue_on_commit

from . import selectors
from .models import Kind, Notification, NotificationPreference


def _clean_link(link: str) -> str:
    link = (link or "").strip()
    # A path inside the site, never another site ("//evil.example" or "https://...").
    if not link.startswith("/") or link.startswith("//") or len(link) > 500:
        raise ValidationError({"link": _("Een melding verwijst naar een pagina binnen Loopbrug.")})
    return link


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    title: str,
    body: str,
    link: str,
    ics: str | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and e-mail those who did not switch the kind
    off, once the transaction commits. Nobody (None), duplicates and inactive accounts are
    skipped."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Onbekende soort melding.")})
    link = _clean_link(link)
    people: dict[int, User] = {}
    for person in recipients:
        if person is not None and person.pk is not None and person.is_active:
            people.setdefault(person.pk, person)
    if not people:
        return []
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            title=title.strip()[:200],
            body=body.strip()[:2000],
            link=link,
            ics=ics or "",
        )
        for person in people.values()
    )
    from .tasks import send_notification_email

    what = _("Het versturen van de e-mail")
    off = selectors.email_off_for(user_ids=list(people), kind=kind)
    for row in rows:
        if row.recipient_id not in off and row.recipient.email:
            enqueue_on_commit(send_notification_email, row.pk, what=what)
    return rows


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification (the worker calls this; SMTP errors propagate for a retry).
    Sent at most once per successful delivery: a notification e-mailed already is skipped."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return False
    site = settings.SITE_URL.rstrip("/")
    body = render_to_string(
        "emails/notification.txt",
        {
            "user": recipient,
            "notification": notification,
            "step": Kind(notification.kind).label,
            "url": site + notification.link,
            "settings_url": site + reverse("notification_preferences"),
        },
    )
    message = EmailMessage(
        subject=notification.title,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )
    if notification.ics:
        message.attach("afspraak.ics", notification.ics, "text/calendar; charset=utf-8")
    message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of one's own notifications read (again marking changes nothing)."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied(_("Dit is niet jouw melding."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, by: User) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_update(*, user: User, email: dict[str, bool]) -> None:
    """Switch e-mail on or off per kind; only kinds of the user's own role."""
    allowed = set(selectors.kinds_for(user=user))
    unknown = sorted(set(email) - allowed)
    if unknown:
        raise ValidationError(
            {
                "kind": _("Deze soort melding hoort niet bij jouw rol: %(kinds)s.")
                % {"kinds": ", ".join(unknown)}
            }
        )
    for kind, on in email.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(on)}
        )
