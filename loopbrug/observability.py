"""Logs and error reports: one log format for the web app, the workers and gunicorn, with a
request id that follows a request into the Celery tasks it queues; error reports to Sentry only
when SENTRY_DSN is set.

A log line is `time level logger [request id] message`, or one JSON object per line with the
same fields when LOG_FORMAT=json. The request id comes from the X-Request-ID header of a proxy
in front (when it looks like an id), else it is made here; the response carries it back. A task
queued while handling the request gets it in its message headers and logs with it; a task
started by beat gets its own task id.

This module imports no app and no settings: gunicorn.conf.py uses it before Django starts.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "loopbrug_request_id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("loopbrug_request_id", default="-")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (`-` outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, request_id, message,
    and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, log_format: str = "text", level: str = "INFO") -> dict:
    """The dictConfig of the app, its workers and gunicorn (LOG_FORMAT, LOG_LEVEL)."""
    if log_format not in ("text", "json"):
        raise ValueError(f"LOG_FORMAT must be text or json, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "loopbrug.observability.RequestIdFilter"}},
        "formatters": {
            "text": {"format": TEXT_FORMAT},
            "json": {"()": "loopbrug.observability.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            "celery.app.trace": {"level": "WARNING"},
            # PDFs: WeasyPrint's steps and fontTools' font subsetting, at INFO on every PDF.
            "weasyprint.progress": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            # gunicorn's own loggers go through the same handler (gunicorn.conf.py), at the
            # levels gunicorn gave them (--log-level; the access log at INFO).
            "gunicorn.error": {"handlers": ["console"], "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "propagate": False},
        },
    }


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives every request an id (the proxy's X-Request-ID when it looks like one) for its log
    lines, the tasks it queues and the response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        current = incoming if _VALID_ID.match(incoming) else new_request_id()
        request.request_id = current
        # Not reset on the way out: Django logs an error response ("Not Found: ...") after the
        # middleware has returned. The id is cleared when the request has finished.
        request_id.set(current)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = current
        return response


def _request_finished(**kwargs) -> None:
    request_id.set("-")


def connect_request_signals() -> None:
    from django.core.signals import request_finished

    request_finished.connect(_request_finished, dispatch_uid="loopbrug_request_id")


# --- Celery: the id travels in the task's message headers -----------------------------------


def _add_request_id_to_task(headers=None, **kwargs) -> None:
    current = request_id.get()
    if headers is not None and current != "-" and TASK_HEADER not in headers:
        headers[TASK_HEADER] = current


def _task_starts(task_id=None, task=None, **kwargs) -> None:
    if task is None:
        return
    incoming = getattr(task.request, TASK_HEADER, None)
    if incoming is None and task.request.headers:
        incoming = task.request.headers.get(TASK_HEADER)
    current = request_id.get()  # an eager task inside a request keeps the request's id
    task.request._loopbrug_token = request_id.set(
        incoming or (current if current != "-" else f"task-{task_id}")
    )


def _task_ends(task=None, **kwargs) -> None:
    token = getattr(task.request, "_loopbrug_token", None) if task is not None else None
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:  # set in another context (an eager task inside a request)
            request_id.set("-")


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_add_request_id_to_task, weak=False)
    task_prerun.connect(_task_starts, weak=False)
    task_postrun.connect(_task_ends, weak=False)


# --- Sentry ------------------------------------------------------------------------------------


def init_sentry(*, dsn: str, environment: str = "", release: str = "") -> bool:
    """Report errors to Sentry when a DSN is given; without one nothing is set up and nothing is
    sent. No personal data: no user, cookies, request bodies or local variables."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
    )
    return True
