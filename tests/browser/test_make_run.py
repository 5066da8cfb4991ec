"""`make run` shows the real thing (issue 19): the web server, a Celery worker and beat start
together without Redis (a broker in files), and a full rescore started on the page moves its
progress bar through values between 0 and 100 to done.

This runs `make run` itself, on a fresh SQLite file in a temporary folder, and drives the loket's
page in Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.service_processes import ROOT, free_port, manage, wait_until

# The demo's history gives some 2,100 profiles; in chunks of 100 a full rescore on SQLite takes
# longer than the page's two-second refresh, so a value between 0 and 100 can be seen, and it
# ends well within the test's four minutes (one profile per chunk did not).
CHUNK_SIZE = "100"


@pytest.fixture
def make_run(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'loopbrug.sqlite3'}",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "CELERY_BEAT_SCHEDULE": str(tmp_path / "celerybeat-schedule"),
        "LOOPBRUG_PORT": str(port),
        "MATCH_RUN_CHUNK_SIZE": CHUNK_SIZE,
        "WORKER_CONCURRENCY": "1",
        "PYTHON": sys.executable,
    }
    for key in ("SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES"):
        env.pop(key, None)  # make run sets DEBUG=true itself; the rest are production's
    log = (tmp_path / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def up():
        if process.poll() is not None:
            raise AssertionError((tmp_path / "make-run.log").read_text()[-4000:])
        try:
            return requests.get(f"{url}/health/", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    try:
        wait_until(up, timeout=300, what="make run to serve", interval=0.5)
        yield url, env | {"DEBUG": "true"}, tmp_path / "make-run.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_make_run_starts_a_worker_whose_rescore_moves_the_progress_bar(chromium, make_run):
    url, env, log = make_run
    output = log.read_text()
    assert "worker.1" in output and "beat.1" in output, output[-3000:]

    context = chromium.new_context(base_url=url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/account/inloggen/")
        page.get_by_label("E-mailadres").fill("loket@demo.loopbrug.nl")
        page.get_by_label("Wachtwoord").fill("loopbrug-demo")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
        code = manage(env, "demo_totp", "loket@demo.loopbrug.nl").strip()  # as `make totp`
        page.get_by_label("Code uit je authenticator-app").fill(code)
        page.get_by_role("button", name="Bevestigen").click()
        page.get_by_role("heading", name="Kerncijfers").wait_for()

        page.goto("/herberekeningen/")
        page.get_by_role("button", name="Alles opnieuw berekenen").click()
        page.wait_for_url("**/herberekeningen/*/")
        seen: list[int] = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            value = int(page.locator("#run-progress").get_attribute("value") or 0)
            if not seen or seen[-1] != value:
                seen.append(value)
            if value == 100 and "Klaar" in page.locator("#run-status").inner_text():
                break
            page.wait_for_timeout(200)  # the page refreshes itself (htmx, every 2 s)
        assert any(0 < v < 100 for v in seen), (seen, log.read_text()[-3000:])
        assert seen[-1] == 100, (seen, log.read_text()[-3000:])
        assert seen == sorted(seen)
    finally:
        context.close()
