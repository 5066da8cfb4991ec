"""Celery tasks of the journey: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from . import workspace


@shared_task(name="journeys.appointment_reminders")
def appointment_reminders() -> int:
    """Every quarter of an hour: remind participants of appointments, once each."""
    return workspace.send_appointment_reminders()
