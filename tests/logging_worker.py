"""A Celery worker with one extra task that writes a log line, so a test can see which request
id the worker logs it with. Run: python -m tests.logging_worker <worker args>."""

from __future__ import annotations

import logging
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")
django.setup()

from celery import shared_task  # noqa: E402


@shared_task(name="tests.log_line")
def log_line(text: str) -> None:
    logging.getLogger("tests.logging_worker").warning(text)


if __name__ == "__main__":
    from loopbrug.celery import app

    app.worker_main(["worker", *sys.argv[1:]])
