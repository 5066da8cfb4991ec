"""The transactional outbox (loopbrug/queue.py): the task is written in the transaction of the
change that asks for it, published after the commit and then marked sent; a web process that
dies between commit and publish leaves the row, and the periodic flush publishes it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.utils import timezone

from loopbrug import queue
from loopbrug.models import OutboxMessage
from loopbrug.tasks import outbox_flush
from matching.models import MatchRun
from matching.services import match_run_start

from .conftest import require_or_skip
from .service_processes import ROOT, app_env, current_database_url
from .test_reliability_redis import _broker_down


@pytest.fixture
def published(monkeypatch):
    sent: list = []
    monkeypatch.setattr(queue, "_publish", lambda name, args, **options: sent.append((name, args)))
    return sent


@pytest.fixture
def after_commit(monkeypatch):
    """The on-commit callbacks, held back until the test runs them (the tests' own transaction
    never commits)."""
    callbacks: list = []
    monkeypatch.setattr(
        "django.db.transaction.on_commit",
        lambda func, using=None, robust=False: callbacks.append(func),
    )
    return callbacks


def _age_the_outbox() -> None:
    OutboxMessage.objects.update(created_at=timezone.now() - 2 * queue.OUTBOX_GRACE)


def test_the_row_is_written_in_the_transaction_and_marked_sent_after_the_publish(
    db, published, after_commit
):
    with transaction.atomic():
        run = match_run_start(by=None)
        row = OutboxMessage.objects.get()  # in the same transaction as the run
        assert (row.task_name, row.args) == ("matching.match_run_execute", [run.pk])
        assert published == []  # nothing before the commit
    [commit] = after_commit
    commit()
    assert published == [("matching.match_run_execute", [run.pk])]
    assert not OutboxMessage.objects.exists()  # sent


def test_a_rolled_back_change_leaves_no_row_and_publishes_nothing(db, published, after_commit):
    with pytest.raises(RuntimeError), transaction.atomic():
        match_run_start(by=None)
        raise RuntimeError("the request fails after the service")
    assert not OutboxMessage.objects.exists() and not MatchRun.objects.exists()
    assert published == []


def test_a_row_whose_process_died_before_the_publish_is_published_by_the_flush(
    db, published, after_commit
):
    run = match_run_start(by=None)  # committed; the process dies before its callbacks run
    assert OutboxMessage.objects.count() == 1 and published == []
    # Within the grace the writer still owns the row: the flush leaves it alone.
    assert queue.outbox_flush() == 0 and published == []
    _age_the_outbox()
    assert outbox_flush() == 1  # the periodic task (beat, every minute)
    assert published == [("matching.match_run_execute", [run.pk])]
    assert not OutboxMessage.objects.exists()


def test_a_failed_publish_keeps_the_row_with_the_error_for_the_next_flush(
    db, monkeypatch, after_commit
):
    monkeypatch.setattr(queue, "_publish", _broker_down)
    match_run_start(by=None)
    after_commit.pop()()
    row = OutboxMessage.objects.get()
    assert row.attempts == 1 and "Connection refused" in row.last_error
    sent: list = []
    monkeypatch.setattr(queue, "_publish", lambda name, args, **options: sent.append(name))
    assert queue.outbox_flush() == 1  # failed already: no grace to wait for
    assert sent == ["matching.match_run_execute"] and not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_web_process_killed_between_commit_and_publish_loses_nothing(regions, published):
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    # A real process starts a rescore and dies the moment it would publish (after the commit).
    script = (
        "import os; from loopbrug import queue; "
        "queue._publish = lambda name, args, **options: os._exit(9); "
        "from matching.services import match_run_start; match_run_start(by=None)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=app_env(DATABASE_URL=current_database_url(), REDIS_URL="redis://127.0.0.1:1/0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 9, result.stderr
    run = MatchRun.objects.get()  # the change was committed ...
    row = OutboxMessage.objects.get()  # ... and so was its task, unsent
    assert (row.task_name, row.args, row.attempts) == ("matching.match_run_execute", [run.pk], 0)
    _age_the_outbox()
    assert queue.outbox_flush() == 1
    assert published == [("matching.match_run_execute", [run.pk])]
    assert not OutboxMessage.objects.exists()
