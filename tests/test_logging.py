"""One log format with time, level, logger and request id (JSON lines with LOG_FORMAT=json);
the request id of a web request goes with the tasks it queues; gunicorn's access log; errors to
Sentry only when SENTRY_DSN is set."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests
import sentry_sdk
from django.test import Client

from loopbrug import observability
from loopbrug.celery import app

from .conftest import require_or_skip
from .service_processes import (
    ROOT,
    RedisServer,
    Served,
    app_env,
    current_database_url,
    stop_process,
    wait_until,
)


def _record(message: str, name: str = "loopbrug.test") -> logging.LogRecord:
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, message, None, None)
    observability.RequestIdFilter().filter(record)
    return record


def test_a_line_has_time_level_logger_and_request_id_in_text_and_in_json():
    token = observability.request_id.set("abc123def456")
    try:
        record = _record("hallo")
    finally:
        observability.request_id.reset(token)
    text = logging.Formatter(observability.TEXT_FORMAT).format(record)
    assert text.endswith(" WARNING loopbrug.test [abc123def456] hallo")
    line = json.loads(observability.JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "loopbrug.test"
    assert line["request_id"] == "abc123def456" and line["message"] == "hallo"
    assert line["time"].endswith("+00:00")
    assert _record("buiten een request").request_id == "-"


def test_the_settings_pick_the_format_from_log_format():
    assert observability.logging_config(log_format="json")["handlers"]["console"]["formatter"] == (
        "json"
    )
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        observability.logging_config(log_format="xml")


def test_every_response_carries_its_request_id_and_a_proxys_id_is_kept(db):
    made = Client().get("/health/")["X-Request-ID"]
    assert len(made) == 32
    assert Client().get("/health/", headers={"X-Request-ID": "lb-proxy-1234"})["X-Request-ID"] == (
        "lb-proxy-1234"
    )
    odd = Client().get("/health/", headers={"X-Request-ID": "<script>"})["X-Request-ID"]
    assert odd != "<script>" and len(odd) == 32


def test_django_logs_a_request_with_its_id(db):
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(getattr(record, "request_id", None))

    handler = Keep()
    handler.addFilter(observability.RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = Client().get("/bestaat-niet/", headers={"X-Request-ID": "lb-missing-page"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404 and seen == ["lb-missing-page"]
    assert observability.request_id.get() == "-"  # cleared once the request finished


def test_a_queued_task_gets_the_request_id_in_its_headers():
    headers: dict = {}
    token = observability.request_id.set("lb-request-42")
    try:
        observability._add_request_id_to_task(headers=headers)
    finally:
        observability.request_id.reset(token)
    assert headers == {observability.TASK_HEADER: "lb-request-42"}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_logs_a_task_with_the_id_of_the_request_that_queued_it(regions):
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    redis = RedisServer()
    redis.start()
    env = app_env(DATABASE_URL=current_database_url(), REDIS_URL=redis.url, LOG_FORMAT="json")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.logging_worker",
            "--pool",
            "solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        token = observability.request_id.set("lb-request-from-web")
        try:
            with app.connection_for_write(redis.url) as broker:
                app.conf.task_always_eager = False  # (the fixture _celery_eager restores it)
                app.send_task("tests.log_line", args=["in de taak"], connection=broker)
        finally:
            observability.request_id.reset(token)
        output_lines: list[str] = []

        def logged():
            line = worker.stdout.readline()
            output_lines.append(line)
            return "in de taak" in line and line

        line = wait_until(logged, 60, "the task's log line")
    finally:
        output = stop_process(worker)
        redis.stop()
    entry = json.loads(line)
    assert entry["request_id"] == "lb-request-from-web", (output_lines, output)
    assert (entry["level"], entry["logger"]) == ("WARNING", "tests.logging_worker")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_gunicorn_writes_an_access_log_with_the_request_id(regions):
    served = Served(app_env(DATABASE_URL=current_database_url(), REDIS_URL=""))
    try:
        requests.get(f"{served.url}/health/", headers={"X-Request-ID": "lb-access-77"}, timeout=10)
        wait_until(lambda: "request_id=lb-access-77" in served.output(), 10, "the access line")
    finally:
        served.stop()
    line = next(x for x in served.output().splitlines() if "request_id=lb-access-77" in x)
    assert "INFO gunicorn.access" in line and '"GET /health/ HTTP/1.1" 200' in line


def test_sentry_is_off_without_a_dsn():
    assert not sentry_sdk.get_client().is_active()
    assert observability.init_sentry(dsn="") is False


def test_with_a_dsn_errors_go_to_sentry():
    received: list[str] = []

    class Sentry(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Sentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = (
        "import sentry_sdk\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    sentry_sdk.capture_exception()\n"
        "sentry_sdk.flush(timeout=10)\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=app_env(
                REDIS_URL="",
                DATABASE_URL="sqlite:///:memory:",
                SENTRY_DSN=f"http://publickey@127.0.0.1:{server.server_port}/1",
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith("/api/1/envelope/")
