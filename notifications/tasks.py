"""Celery tasks of the notifications: fetch by id, call the service."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import services


# A mail server that is down or refuses for a while: try again later, ever further apart
# (about 10 s, 20 s, 40 s … up to an hour; over a day in all), never inside a request.
@shared_task(
    name="notifications.send_email",
    autoretry_for=(SMTPException, OSError),  # OSError: refused, unreachable, timed out
    retry_backoff=10,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=30,
)
def send_notification_email(notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)
