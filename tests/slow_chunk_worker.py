"""A Celery worker whose rescore chunks are small and slow, and say when they start, so a test
can kill the worker in the middle of one. Run: python -m tests.slow_chunk_worker <worker args>.

Environment: CHUNK_SIZE (profiles per chunk), CHUNK_SECONDS (pause before each chunk's work),
CHUNK_LOG (a file that gets one line "<index> <pid>" as each chunk starts)."""

from __future__ import annotations

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")
django.setup()

from matching import services  # noqa: E402

services.CHUNK_SIZE = int(os.environ["CHUNK_SIZE"])
_real_chunk = services.match_run_chunk


def _slow_chunk(*, run_id: int, index: int, profile_ids: list[int]) -> int:
    with open(os.environ["CHUNK_LOG"], "a") as log:
        log.write(f"{index} {os.getpid()}\n")
    time.sleep(float(os.environ["CHUNK_SECONDS"]))
    return _real_chunk(run_id=run_id, index=index, profile_ids=profile_ids)


services.match_run_chunk = _slow_chunk

if __name__ == "__main__":
    from loopbrug.celery import app

    app.worker_main(["worker", *sys.argv[1:]])
