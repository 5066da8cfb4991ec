"""Celery tasks of the journey: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from . import notes


@shared_task(name="journeys.appointment_reminders")
def appointment_reminders() -> int:
    """Every quarter of an hour: remind participants of appointments, once each."""
    return notes.send_appointment_reminders()
