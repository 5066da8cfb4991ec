"""Queueing background work so that nothing is lost: not when Redis is down, and not when the
web process dies between its commit and the publish.

`enqueue_on_commit(task, *args, what=...)` is a transactional outbox: it writes the task as an
`OutboxMessage` row inside the caller's transaction (so the row exists exactly when the change
that asked for it was committed), publishes it to Celery once the transaction has committed,
and then marks it sent by deleting the row. When the broker cannot be reached the row stays,
with the error, and the person who asked is told the work will run later. A process that dies
between commit and publish leaves its row unsent as well. `outbox_flush()` publishes the rows
left unsent: Celery beat runs it every minute and every worker on start. It leaves rows younger
than OUTBOX_GRACE alone unless their publish already failed, so it does not race the process
that is about to publish them; should it still happen, a task runs twice, which every task
allows.

`enqueue(task, *args)` publishes at once (outside any transaction), with the same fallback.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.contrib import messages
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# Give up on the broker quickly: the person waiting for the page matters more than the queue.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
DEFERRED_HEADER = "Loopbrug-Deferred"
# How long an unsent outbox row is left to the process that wrote it before a flush takes it.
OUTBOX_GRACE = timedelta(seconds=30)


@dataclass
class _Request:
    request: object
    deferred: list[str] = field(default_factory=list)


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar(
    "loopbrug_queue_request", default=None
)


def _publish(task_name: str, args: list, *, countdown: float | None = None) -> None:
    if task_name not in current_app.tasks:  # outside a worker the task modules load lazily
        current_app.loader.import_default_modules()
    # Without Redis (development, most tests) Celery runs the task inline here.
    # Nobody waits for the result (progress lives in the database), so no result subscription:
    # with Redis down that alone would retry for twenty seconds.
    current_app.tasks[task_name].apply_async(
        args=args,
        countdown=countdown or None,
        ignore_result=True,
        retry=True,
        retry_policy=RETRY_POLICY,
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


def enqueue_on_commit(task, *args, what: str = "", countdown: float | None = None) -> None:
    """Write the task to the outbox in the current transaction; publish it once that commits
    (the worker must see the committed rows) and mark it sent. With `countdown` (seconds) the
    worker runs it that much later; a row the flush publishes later runs at once."""
    from .models import OutboxMessage

    row = OutboxMessage.objects.create(task_name=task.name, args=list(args))
    transaction.on_commit(lambda: _publish_row(row, what=what, countdown=countdown))


def _publish_row(row, *, what: str, countdown: float | None = None) -> bool:
    from .models import OutboxMessage

    try:
        _publish(row.task_name, row.args, countdown=countdown)
    except BrokerError as exc:
        logger.warning(
            "Broker unreachable, %s%r kept in the outbox: %s", row.task_name, row.args, exc
        )
        OutboxMessage.objects.filter(pk=row.pk).update(
            attempts=F("attempts") + 1, last_error=str(exc)
        )
        _tell_deferred(what or _("Het werk op de achtergrond"))
        return False
    OutboxMessage.objects.filter(pk=row.pk).delete()  # sent
    return True


def outbox_flush(limit: int = 500) -> int:
    """Publish what the outbox holds unsent, oldest first; a row is taken by one flush only and
    deleted in the same transaction. A flush that dies before it commits leaves its rows to be
    published again: at least once, which every task allows (they can all run twice without
    harm). Rows younger than OUTBOX_GRACE whose publish has not failed yet belong to the process
    that wrote them, which is about to publish them."""
    from .models import OutboxMessage

    sent = 0
    settled = Q(created_at__lt=timezone.now() - OUTBOX_GRACE) | ~Q(last_error="")
    with transaction.atomic():
        # skip_locked: a second flush running at the same time takes other rows, not these.
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(settled)
            .order_by("pk")[:limit]
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
