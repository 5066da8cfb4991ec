"""A real Celery worker against Redis runs a full rescore; the same chunk run twice (as after a
killed worker's redelivery) leaves the same rows."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from django.db import connection

from matching import services
from matching.models import Match, MatchRun
from matching.tasks import match_run_chunk
from profiles.services import profile_get_or_create, profile_skill_upsert
from taxonomy.curated import load_curated_taxonomy
from taxonomy.models import Skill

from .conftest import require_or_skip
from .factories import UserFactory
from .service_processes import RedisServer, worker_on_private_redis


@pytest.fixture
def worker(world):
    """A real worker on a private Redis, which this process's Celery app uses meanwhile."""
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    with worker_on_private_redis() as process:
        yield process


@pytest.fixture
def world(wim, amsterdam):
    load_curated_taxonomy()
    skills = list(Skill.objects.filter(code__startswith="lb:")[:6])
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Monteur",
        sector="techniek",
        region=amsterdam,
        hours_per_week=36,
        salary_min=Decimal("2600"),
        salary_max=Decimal("3300"),
        skills=[(s, 3, True) for s in skills[:4]],
    )
    # Published without a rescore of its own: the full run is what the test watches.
    vacature.status, vacature.published_at = "open", vacature.created_at
    vacature.save()
    for n in range(6):
        profile = profile_get_or_create(user=UserFactory(home_region=amsterdam))
        for s in skills[n % 3 : n % 3 + 3]:
            profile_skill_upsert(profile=profile, skill=s, level=4)
    Match.objects.all().delete()
    return vacature


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_full_rescore_to_done(bea, world, worker):
    run = services.match_run_start(by=bea)
    deadline = time.monotonic() + 180  # a busy CI machine starts the worker slowly
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (MatchRun.Status.DONE, MatchRun.Status.FAILED):
            break
        time.sleep(0.5)
    assert run.status == MatchRun.Status.DONE, run.error
    assert run.progress == 100 and run.chunks_done == run.chunks_total
    assert Match.objects.filter(vacature=world).count() == 6


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_chunk_delivered_twice_leaves_the_same_rows(world, worker):
    run = MatchRun.objects.create(status=MatchRun.Status.QUEUED)
    chunks = services.match_run_plan(run_id=run.pk)
    match_run_chunk.delay(run.pk, 0, chunks[0]).get(timeout=60)
    first = sorted(Match.objects.values_list("profile_id", "vacature_id", "score"))
    match_run_chunk.delay(run.pk, 0, chunks[0]).get(timeout=60)
    assert sorted(Match.objects.values_list("profile_id", "vacature_id", "score")) == first
    run.refresh_from_db()
    assert run.chunks_done == 1
