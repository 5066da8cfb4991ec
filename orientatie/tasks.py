"""Celery tasks of oriëntatie: fetch by id, call a service."""

from __future__ import annotations

from celery import shared_task

from . import groepen, mail, services


@shared_task(name="orientatie.registration_mail")
def registration_mail(registration_id: int, kind: str) -> bool:
    return mail.send_registration_mail(registration_id=registration_id, kind=kind)


@shared_task(name="orientatie.reminders")
def reminders() -> int:
    """Every hour: remind the sign-ups of events that start tomorrow, once each."""
    return services.send_reminders()


@shared_task(name="orientatie.group_reminders")
def group_reminders() -> int:
    """Every hour: remind the members of an oriëntatiegroep the day before a session, once."""
    return groepen.send_session_reminders()
