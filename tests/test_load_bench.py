"""The load benchmark (bench/load.py) at a tiny scale: its data loader builds a consistent world
once, and its simulated users (bench/locustfile.py) log in, two-factor included, and walk their
mix against the live test server without a single error. So `make test` catches a broken
benchmark; the real run (make bench-load) is not a timed test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from accounts.models import User
from bench import load as bench_load
from bench import load_data
from financing.catalogue import ensure_catalogue
from financing.models import FinancingSettings, Regeling, SectorNorm, WwParameter
from journeys.models import Traject
from matching.models import Application, Match, Vacature
from profiles.models import Profile, ProfileShare
from reports.models import ReportRun
from taxonomy.curated import load_curated_taxonomy

from .conftest import require_or_skip

ROOT = Path(__file__).resolve().parent.parent
SCALE = load_data.Scale(trajecten=60, vacatures=20)


def _bench_counts() -> dict[str, int]:
    bench = "@" + load_data.DOMAIN
    return {
        "users": User.objects.filter(email__endswith=bench).count(),
        "trajecten": Traject.objects.filter(overstapper__email__endswith=bench).count(),
        "vacatures": Vacature.objects.filter(created_by__email__endswith=bench).count(),
        "profiles": Profile.objects.filter(user__email__endswith=bench).count(),
        "matches": Match.objects.count(),
        "applications": Application.objects.count(),
        "shares": ProfileShare.objects.count(),
        "reports": ReportRun.objects.filter(status=ReportRun.Status.DONE).count(),
    }


@pytest.fixture
def world(regions):
    # Like the benchmark itself: PostgreSQL (the threaded live server cannot share SQLite's
    # in-memory test database between simultaneous users).
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    load_curated_taxonomy()  # the live server's transactional test flushed the data migrations
    ensure_catalogue(Regeling, SectorNorm, WwParameter, FinancingSettings)
    assert load_data.ensure_data(SCALE, log=lambda *args: None) is True
    return _bench_counts()


def _loader_builds_the_world_once(world) -> None:
    assert world["trajecten"] == SCALE.trajecten
    assert world["vacatures"] == SCALE.vacatures
    assert world["profiles"] > 0 and world["matches"] > 0 and world["applications"] > 0
    assert world["reports"] >= 2 * 35  # two per loket region, computed by the real service
    active = load_data.active_overstappers(SCALE)
    people = User.objects.filter(email__in=[load_data.email("o", n) for n in active])
    assert people.count() == len(active)
    assert Profile.objects.filter(user__in=people).count() == len(active)
    # A rerun at the same scale changes nothing; another scale is refused.
    assert load_data.ensure_data(SCALE, log=lambda *args: None) is False
    assert _bench_counts() == world
    with pytest.raises(SystemExit):
        load_data.ensure_data(load_data.Scale(61, 20), log=lambda *args: None)


@pytest.mark.django_db(transaction=True)
def test_the_loader_builds_the_world_once_and_the_users_walk_their_mix(world, live_server):
    # One test for both: building the world is most of the time this takes.
    _loader_builds_the_world_once(world)
    env = os.environ | {
        "LOAD_TRAJECTEN": str(SCALE.trajecten),
        "LOAD_VACATURES": str(SCALE.vacatures),
        "LOAD_WAIT_MIN": "0.1",
        "LOAD_WAIT_MAX": "0.3",
    }
    env.pop("LOAD_DATABASE_URL", None)
    runner = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "locustfile.py"), "--host", live_server.url]
        + ["--users", "6", "--step-seconds", "2", "--start-rps", "3", "--factor", "2"]
        + ["--max-rps", "6", "--warmup", "0.5", "--p95-ms", "5000"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert runner.returncode == 0, runner.stderr[-3000:]
    result = json.loads(runner.stdout.strip().splitlines()[-1])
    assert result["logged_in"] == 6 and result["login_failed"] == 0
    assert result["users"] == {"Overstapper": 3, "Coach": 1, "Werkgever": 1, "Loket": 1}
    assert "two-factor" in result["login"]["pages"]  # the coach and the loket user
    assert result["login"]["errors"] == []
    for mode in ("ceiling", "mix"):
        steps = result["steps"][mode]
        # The rate rises 3 -> 6 requests per second, or stops at the first step not held.
        assert [s["target_rps"] for s in steps] in ([3.0], [3.0, 6.0])
        for step in steps:
            assert step["errors"] == [], step["errors"]
            assert step["requests"] >= 2
    assert load_data.CEILING_NAME in result["steps"]["ceiling"][0]["pages"]
    mix = {
        n
        for step in result["steps"]["mix"]
        for n in step["pages"]
        if n not in load_data.SETUP_NAMES
    }
    assert mix and load_data.CEILING_NAME not in mix

    line, _ok = bench_load.report(result | {"trajecten": 60, "vacatures": 20})
    assert line.startswith("RESULT load mix_rps=") and " errors=0 " in line
    assert "trivial_rps=" in line and " ratio=" in line and "cpu_ms_per_request_mix=" in line


def test_a_step_holds_only_without_errors_within_the_limit_and_keeping_up():
    from bench.load_steps import held

    step = {"failures": 0, "p95_ms": 250, "rps": 9.5, "target_rps": 10, "seconds": 10}
    assert held(step, 300)
    assert not held(step | {"failures": 1}, 300)
    assert not held(step | {"p95_ms": 320}, 300)
    # 100 asked: 90% less two Poisson standard deviations (2 * 10) is 70 done.
    assert held(step | {"rps": 7.0}, 300)  # chance, not a server falling behind
    assert not held(step | {"rps": 6.9}, 300)  # the server fell behind the asked rate
    steps = [step, step | {"target_rps": 12.5, "rps": 12.4}, step | {"p95_ms": 900}, step]
    assert bench_load.capacity(steps, 300)["rps"] == 12.4  # the last before the first miss


def test_server_timing_says_what_a_request_cost_only_when_switched_on(settings, client, regions):
    assert "Server-Timing" not in client.get("/health/")
    settings.SERVER_TIMING = True
    answer = Client().get("/privacy/")
    figures = dict(part.strip().split(";dur=") for part in answer["Server-Timing"].split(","))
    assert set(figures) == {"cpu", "db", "queries"}
    assert float(figures["cpu"]) >= 0 and int(figures["queries"]) >= 0


def test_the_benchmark_sends_traffic_to_the_loopback_only():
    runner = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "locustfile.py"), "--host", "http://example.org"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert runner.returncode != 0
    assert "127.0.0.1" in runner.stderr
