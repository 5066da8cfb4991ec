"""The e-mails of a sign-up, in one function so the notifications app can take them over."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .ics import event_ics
from .models import Registration
from .tokens import cancel_token

KINDS = ("confirmed", "waiting", "promoted", "reminder", "cancelled")


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_registration_mail(*, registration_id: int, kind: str) -> bool:
    """Send one of the sign-up's e-mails; the confirmation and the promotion carry an .ics."""
    if kind not in KINDS:
        raise ValueError(kind)
    registration = (
        Registration.objects.select_related("event", "event__organisation")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    event = registration.event
    sessions = list(event.sessions.all())
    context = {
        "registration": registration,
        "event": event,
        "sessions": sessions,
        "event_url": _absolute(reverse("event_detail", kwargs={"pk": event.pk})),
        "cancel_url": _absolute(
            reverse("registration_cancel", kwargs={"token": cancel_token(registration)})
        ),
    }
    template = f"emails/orientatie/{kind}"
    message = EmailMessage(
        subject=render_to_string(f"{template}_subject.txt", context).strip(),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in ("confirmed", "promoted"):
        ics = event_ics(
            event=event,
            sessions=sessions,
            url=context["event_url"],
            uid_prefix=f"aanmelding-{registration.pk}",
        )
        message.attach("bijeenkomst.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
    return True
