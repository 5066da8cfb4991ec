"""Celery tasks of the notifications: fetch by id, call the service."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)
MAIL_ERRORS = (SMTPException, OSError)  # OSError: refused, unreachable, timed out


# A mail server that is down or refuses for a while: try again later, ever further apart
# (about 10 s, 20 s, 40 s … up to an hour; over a day in all), never inside a request.
@shared_task(
    bind=True,
    name="notifications.send_email",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=10,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=30,
)
def send_notification_email(self, notification_id: int) -> bool:
    try:
        return services.notification_email_send(notification_id=notification_id)
    except MAIL_ERRORS:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No broker (development, a single process): the task runs inside the request and
            # there is no worker to retry it. The notification stays in the inbox; the page
            # must not fail because a mail server does.
            logger.exception("E-mail of notification %s not sent", notification_id)
            return False
        raise
