"""Queueing background work so that nothing is lost when Redis is down.

`enqueue_on_commit(task, *args, what=...)` publishes a Celery task once the transaction has
committed. When the broker cannot be reached, the task is written to the outbox table instead
(`OutboxMessage`) and the person who asked is told the work will run later. `outbox_flush()`
publishes the outbox again: Celery beat runs it every minute and every worker on start.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field

from celery import current_app
from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# Give up on the broker quickly: the person waiting for the page matters more than the queue.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
DEFERRED_HEADER = "Loopbrug-Deferred"


@dataclass
class _Request:
    request: object
    deferred: list[str] = field(default_factory=list)


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar(
    "loopbrug_queue_request", default=None
)


def _publish(task_name: str, args: list) -> None:
    if task_name not in current_app.tasks:  # outside a worker the task modules load lazily
        current_app.loader.import_default_modules()
    # Without Redis (development, most tests) Celery runs the task inline here.
    # Nobody waits for the result (progress lives in the database), so no result subscription:
    # with Redis down that alone would retry for twenty seconds.
    current_app.tasks[task_name].apply_async(
        args=args, ignore_result=True, retry=True, retry_policy=RETRY_POLICY
    )


def enqueue(task, *args, what: str = "") -> bool:
    """Publish `task(*args)`; on a broker failure keep it in the outbox and return False."""
    from .models import OutboxMessage

    try:
        _publish(task.name, list(args))
        return True
    except BrokerError as exc:
        logger.warning("Broker unreachable, %s%r kept in the outbox: %s", task.name, args, exc)
        OutboxMessage.objects.create(task_name=task.name, args=list(args), last_error=str(exc))
        _tell_deferred(what or _("Het werk op de achtergrond"))
        return False


def enqueue_on_commit(task, *args, what: str = "") -> None:
    """Enqueue once the current transaction commits (the worker must see the committed rows)."""
    transaction.on_commit(lambda: enqueue(task, *args, what=what))


def outbox_flush(limit: int = 500) -> int:
    """Publish what the outbox holds, oldest first; a row is taken by one flush only and deleted
    in the same transaction. A flush that dies before it commits leaves its rows to be published
    again: at least once, which every task allows (they can all run twice without harm)."""
    from .models import OutboxMessage

    sent = 0
    with transaction.atomic():
        # skip_locked: a second flush running at the same time takes other rows, not these.
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True).order_by("pk")[:limit]
        )
        for row in rows:
            try:
                _publish(row.task_name, row.args)
            except BrokerError as exc:
                OutboxMessage.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=str(exc)
                )
                break  # the broker is still down: the next flush tries again
            row.delete()
            sent += 1
    return sent


def _tell_deferred(what: str) -> None:
    current = _current.get()
    if current is None:  # a task or command, not a request: the log line is enough
        return
    repeated = what in current.deferred
    current.deferred.append(what)
    request = current.request
    if not repeated and not request.path.startswith("/api/"):
        messages.warning(request, deferred_message(what), fail_silently=True)


def deferred_message(what: str) -> str:
    return _(
        "%(what)s wordt later uitgevoerd: de wachtrij is even niet bereikbaar. "
        "Je wijziging is bewaard en er gaat niets verloren."
    ) % {"what": what}


class DeferredWorkMiddleware:
    """Lets `enqueue` tell the person who asked: a message on pages, a header on the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(_Request(request))
        try:
            response = self.get_response(request)
            deferred = _current.get().deferred
        finally:
            _current.reset(token)
        if deferred:
            # For API clients; a header value has to be plain ASCII, hence no accents.
            response[DEFERRED_HEADER] = (
                "Het werk op de achtergrond wordt later uitgevoerd: de wachtrij is even niet "
                "bereikbaar. Er gaat niets verloren."
            )
        return response
