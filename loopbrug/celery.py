"""The Celery app: Redis as broker when REDIS_URL is set, inline (eager) otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")

app = Celery("loopbrug")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The request id of the web request that queued a task goes with it (loopbrug/observability.py).
from loopbrug.observability import connect_celery_signals  # noqa: E402

connect_celery_signals()
