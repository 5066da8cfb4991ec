"""A profile edited ten times in quick succession (autosave) is rescored once, a moment after
the last edit (issue 13: the autosave is debounced), and the match of the last version is the
one kept."""

from __future__ import annotations

import pytest

from loopbrug import queue
from matching import services, tasks
from profiles import services as profile_services
from profiles.services import profile_get_or_create


@pytest.fixture
def published(monkeypatch):
    sent: list = []
    monkeypatch.setattr(
        queue,
        "_publish",
        lambda name, args, countdown=None: sent.append((name, args, countdown)),
    )
    return sent


def test_ten_quick_edits_cost_one_rescore(monkeypatch, settings, anna, published):
    settings.MATCH_RESCORE_DEBOUNCE_MS = 1500
    profile = profile_get_or_create(user=anna)
    for n in range(10):
        profile_services.profile_save_proud_of(profile=profile, proud_of=f"Versie {n}")
    queued = [(args, countdown) for name, args, countdown in published if "rescore" in name]
    # Every edit asks for a rescore of its own version, to run 1.5 s later ...
    profile.refresh_from_db()
    versions = [version for (pk, version), _ in queued if pk == profile.pk]
    assert versions == list(range(profile.version - 9, profile.version + 1))
    assert {countdown for _, countdown in queued} == {1.5}

    scored: list = []
    monkeypatch.setattr(
        services, "matches_upsert", lambda results, **kw: scored.append(results) or 0
    )
    # ... and when the worker runs them, only the last version's task does the work.
    for args, _ in queued:
        tasks.rescore_profile(*args)
    assert len(scored) == 1


def test_a_rescore_without_a_version_always_runs(monkeypatch, anna):
    # The nightly run and tasks queued before this change carry no version.
    profile = profile_get_or_create(user=anna)
    profile_services.profile_save_proud_of(profile=profile, proud_of="Iets")
    scored: list = []
    monkeypatch.setattr(
        services, "matches_upsert", lambda results, **kw: scored.append(results) or 0
    )
    tasks.rescore_profile(profile.pk)
    tasks.rescore_profile(profile.pk, 0)  # an older version: superseded
    assert len(scored) == 1
