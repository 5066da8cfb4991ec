"""The Celery app: Redis as broker when REDIS_URL is set, inline (eager) otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")

app = Celery("loopbrug")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
