"""A Celery worker killed (SIGKILL) in the middle of a full rescore: the chunk it was working on
is delivered again (acks late), the run completes, no match is written twice, progress ends at
100%. Two ways to die: the pool process running the chunk (out-of-memory killer), and the whole
worker (the machine goes away; Redis hands the message out again after the visibility timeout).
The workers run against a private redis-server, with small, slow chunks (tests/slow_chunk_worker.py)
so the kill always lands while a chunk is running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from loopbrug.celery import app
from matching import engine
from matching.adapters import profile_inputs, vacature_inputs
from matching.models import Match, MatchRun, Vacature
from matching.services import TOP_K
from matching.tasks import match_run_execute
from profiles.models import Profile, ProfileSkill
from taxonomy.curated import load_curated_taxonomy
from taxonomy.models import Skill

from .conftest import require_or_skip
from .factories import ProfileFactory
from .service_processes import (
    ROOT,
    RedisServer,
    app_env,
    current_database_url,
    stop_process,
    wait_until,
)
from .test_matching_worker import world  # noqa: F401 - the fixture "world" (a vacature)

PROFILES, CHUNK_SIZE = 12, 2  # six chunks
KILL_AT = 2  # the chunk running when the worker dies


@pytest.fixture
def rescore(world, amsterdam):  # noqa: F811
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    load_curated_taxonomy()
    skills = list(Skill.objects.filter(code__startswith="lb:")[:6])
    for n in range(PROFILES - Profile.objects.count()):
        profile = ProfileFactory(user__home_region=amsterdam)
        ProfileSkill.objects.bulk_create(
            ProfileSkill(profile=profile, skill=s, level=4) for s in skills[n % 3 : n % 3 + 3]
        )
    Match.objects.all().delete()
    redis = RedisServer()
    redis.start()
    log = Path(tempfile.mkstemp(prefix="chunks-", suffix=".log")[1])
    env = app_env(
        DATABASE_URL=current_database_url(),
        REDIS_URL=redis.url,
        CHUNK_SIZE=str(CHUNK_SIZE),
        CHUNK_SECONDS="0.5",
        CHUNK_LOG=str(log),
    )
    workers: list[subprocess.Popen] = []

    def start_worker(*args: str, **extra_env: str) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.slow_chunk_worker", "--loglevel", "WARNING", *args],
            cwd=ROOT,
            env=env | extra_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        workers.append(worker)
        return worker

    def started() -> list[tuple[int, int]]:
        lines = log.read_text().split("\n")[:-1]  # (a line still being written has no \n yet)
        return [tuple(map(int, line.split())) for line in lines]

    run = MatchRun.objects.create()
    with app.connection_for_write(redis.url) as broker:
        app.conf.task_always_eager = False  # (the fixture _celery_eager restores it)
        match_run_execute.apply_async(args=[run.pk], connection=broker, ignore_result=True)
    yield run, start_worker, started
    outputs = [stop_process(w) for w in workers]
    redis.stop()
    log.unlink()
    assert not any("raised unexpected" in o for o in outputs), outputs


def _kill_while_running(started, index: int) -> int:
    """Wait until chunk `index` has started; SIGKILL the process running it; its pid."""
    pid = wait_until(
        lambda: next((p for i, p in started() if i == index), None), 60, f"chunk {index}"
    )
    os.kill(pid, signal.SIGKILL)
    return pid


def _assert_the_run_completed_once(run: MatchRun, started) -> None:
    wait_until(
        lambda: MatchRun.objects.get(pk=run.pk).status in ("done", "failed"),
        60,
        "the run to end",
        interval=0.3,
    )
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE, run.error
    assert run.progress == 100
    assert (run.chunks_done, run.chunks_total) == (6, 6)
    assert run.done_chunk_ids == [0, 1, 2, 3, 4, 5]
    # The chunk the killed worker was in the middle of ran again, to the end.
    assert [i for i, _pid in started()].count(KILL_AT) == 2, started()
    # Exactly the matches one uninterrupted run writes: nothing twice, nothing missing.
    vacatures = vacature_inputs(Vacature.objects.open().values_list("pk", flat=True))
    profiles = profile_inputs(Profile.objects.order_by("pk").values_list("pk", flat=True))
    expected = {
        (r.profile_id, r.vacature_id, r.score)
        for r in engine.match_all(profiles, vacatures, top_k=TOP_K)
    }
    stored = list(Match.objects.values_list("profile_id", "vacature_id", "score"))
    assert len(stored) == len(set(stored)) == len(expected) > 0
    assert set(stored) == expected


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_pool_process_killed_mid_chunk_has_its_chunk_redelivered(rescore):
    run, start_worker, started = rescore
    worker = start_worker("--pool", "prefork", "--concurrency", "1")
    killed = _kill_while_running(started, KILL_AT)
    assert killed != worker.pid  # the pool process, not the worker
    _assert_the_run_completed_once(run, started)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_whole_worker_killed_mid_chunk_is_replaced_and_the_run_completes(rescore):
    run, start_worker, started = rescore
    first = start_worker("--pool", "solo", "--without-heartbeat", "--without-mingle")
    assert _kill_while_running(started, KILL_AT) == first.pid
    first.wait(timeout=10)
    # A new worker takes over; Redis hands it the dead worker's message after the (here short)
    # visibility timeout.
    start_worker("--pool", "solo", "--without-mingle", CELERY_VISIBILITY_TIMEOUT="2")
    _assert_the_run_completed_once(run, started)
