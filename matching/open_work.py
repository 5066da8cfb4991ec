"""The open vacatures as the engine sees them, kept per process while they are unchanged.

Every rescore scores against all open vacatures. Reading them again for each saved profile
(20,000 vacatures with their skills: about 2.5 s), their WorkFacts (0.5 s) and building the
engine's index (1 s) would be most of the time between a profile's save and its new matches
(the target is 2 s, issue 13). So a process keeps what it read, with a fingerprint of what it
was read from, and reads again only what the fingerprint says has changed.

The fingerprint is exact, not a time limit: the id and `updated_at` of every open vacature
with its beroep's name (saving a vacature, the only way its skills, talenten and drijfveren
change in matching.services and the admin, sets `updated_at`; opening or closing one changes
the ids), and the landelijke Tekort figures. A vacature whose row changed is read again, a
closed one dropped; a changed Tekort table reads every vacature's WorkFacts again. The
fingerprint is read before the inputs, so a change that lands in between leaves a row that
no longer matches and the next call reads that vacature again (never old inputs under a new
fingerprint). Reading it is one query of three columns per open vacature (about 50 ms for
20,000).
"""

from __future__ import annotations

from functools import cached_property

from taxonomy.models import Tekort

from . import direction, engine
from .adapters import vacature_inputs
from .models import Vacature


class OpenWork:
    """The open vacatures' inputs, facts and engine index, read at one fingerprint."""

    def __init__(
        self,
        rows: dict[int, tuple],
        tekorten: tuple,
        inputs: dict[int, engine.VacatureInput],
        facts: dict[int, direction.WorkFacts],
    ) -> None:
        self.rows = rows  # vacature id: (updated_at, beroep name), as read for the fingerprint
        self.tekorten = tekorten
        self.inputs = inputs
        self.facts = facts

    @property
    def vacatures(self) -> list[engine.VacatureInput]:
        return list(self.inputs.values())

    @cached_property
    def index(self) -> engine.VacatureIndex:
        return engine.VacatureIndex(self.vacatures)


_kept: OpenWork | None = None


def _fingerprint() -> tuple[dict[int, tuple], tuple]:
    rows = {
        pk: (updated_at, beroep)
        for pk, updated_at, beroep in Vacature.objects.open().values_list(
            "pk", "updated_at", "beroep__label_nl"
        )
    }
    tekorten = tuple(
        Tekort.objects.filter(region=None)
        .order_by("pk")
        .values_list("beroep_id", "spanning", "krimpsector")
    )
    return rows, tekorten


def open_work() -> OpenWork:
    """The open vacatures now: what this process read before, and again what changed since."""
    global _kept
    rows, tekorten = _fingerprint()
    kept = _kept
    if kept is not None and kept.rows == rows and kept.tekorten == tekorten:
        return kept
    old = kept.rows if kept is not None else {}
    changed = {pk for pk, row in rows.items() if old.get(pk) != row}
    same = [pk for pk in rows if pk not in changed]  # empty when nothing was kept
    inputs = {pk: kept.inputs[pk] for pk in same}
    inputs |= {v.id: v for v in vacature_inputs(changed)}
    if kept is not None and kept.tekorten == tekorten:
        facts = {pk: kept.facts[pk] for pk in same} | direction.work_facts_for(changed)
    else:
        facts = direction.work_facts_for(list(rows))
    _kept = OpenWork(rows, tekorten, inputs, facts)
    return _kept


def forget() -> None:
    """Drop what this process keeps (tests; a process that wants its memory back)."""
    global _kept
    _kept = None
