"""gunicorn's settings for Loopbrug (read from the working directory: `gunicorn loopbrug.wsgi`).

Logging: the error log and the access log go to standard output in the app's own format
(loopbrug/observability.py: time, level, logger, request id; JSON lines with LOG_FORMAT=json).
An access line names the request, status, size, duration and the request id the app gave it.
Workers: WEB_WORKERS (default 2 per CPU core plus 1), BIND (default 0.0.0.0:8000).
"""

from __future__ import annotations

import multiprocessing
import os

from loopbrug.observability import logging_config

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# A request that takes longer than this is cut off and its worker replaced.
timeout = int(os.environ.get("WEB_TIMEOUT") or 60)

# ACCESS_LOG=off leaves the access log out (the load benchmark does).
accesslog = None if os.environ.get("ACCESS_LOG", "").lower() == "off" else "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s bytes %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
logconfig_dict = logging_config(
    log_format=os.environ.get("LOG_FORMAT", "text"),
    level=os.environ.get("LOG_LEVEL", "INFO"),
)
if accesslog is None:
    # With a logconfig_dict gunicorn writes access lines whatever accesslog says: silence them.
    logconfig_dict.setdefault("loggers", {})["gunicorn.access"] = {
        "level": "CRITICAL",
        "handlers": [],
        "propagate": False,
    }

# Request limits: an over-long request line or header is refused by gunicorn (400/431) before
# Django sees it. The body size is capped by Django (DATA_UPLOAD_MAX_MEMORY_SIZE, uploads 5 MB)
# and belongs at the proxy in front as well (nginx `client_max_body_size`, see the README's
# Production section): gunicorn has no body limit of its own.
# The request line (method, path with query string, protocol); longer gets 414.
limit_request_line = 4094
# Headers per request and the size of one header (cookies included).
limit_request_fields = 50
limit_request_field_size = 8190
