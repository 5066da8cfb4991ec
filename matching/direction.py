"""Matches in the person's direction first (issue 13, doorbraak 6 and 7).

A person who leaves their job wants to know where they can go, not to be shown the job they
have. So the matches on /mijn-matches/ come in tiers, and within a tier by the engine's
score (ties by vacature id):

0. the person's doelberoep (a vacature for a beroep they chose);
1. the person's doelsector;
2. a shortage beroep: krap or zeer krap in the Tekort table, or, without a figure for the
   beroep, work in a tekortsector (zorg, onderwijs, techniek, ICT; seed 003 r. 7574);
3. everything else;
4. a beroep in a krimpsector (Tekort.krimpsector);
5. the person's own current or previous beroep (a werkervaring title and the vacature's
   title or beroep name are the same, or the words of one are all in the other): last.

The selection keeps the best `top_k` within that order, not the best `top_k` by score then
reordered: `select_for_profile` asks the engine for each tier in turn until `top_k` are
found, so a doelsector vacature with a modest score is not lost behind fifty vacatures in
the person's old line of work. The bulk rescore (`widen_bulk`) does the same per tier group
for a chunk of profiles. `order` is the ordering the matches page uses.

The tiers are plain Python over small facts (`Direction`, `WorkFacts`); `directions_for` and
`work_facts_for` read them from the database in a fixed number of queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from . import engine

TIER_DOELBEROEP = 0
TIER_DOELSECTOR = 1
TIER_TEKORT = 2
TIER_OTHER = 3
TIER_KRIMP = 4
TIER_OWN = 5

# The tekortsectoren of seed 003 r. 7574 and seed 002 r. 153; used for a beroep without a
# figure of its own in the Tekort table, and for vacatures without a beroep.
SHORTAGE_SECTORS = frozenset({"zorg", "onderwijs", "techniek", "ict"})
# UWV's spanningsindicator: 4 krap, 5 zeer krap (taxonomy.models.Spanning).
KRAP = 4
# Words too short to say anything about a job title ("de", "bij", ...).
_MIN_WORD = 3


def name_words(text: str) -> frozenset[str]:
    """The words of a job title, lower case without accents ("Zij-instromer leraar" ->
    {"zij", "instromer", "leraar"}), short words left out."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return frozenset(w for w in re.split(r"[^0-9a-z]+", plain) if len(w) >= _MIN_WORD)


@dataclass(frozen=True)
class Direction:
    """Where a person wants to go, and where they come from."""

    target_sectors: frozenset[str] = frozenset()
    target_beroepen: frozenset[int] = frozenset()
    own_titles: tuple[frozenset[str], ...] = ()  # name_words of each werkervaring title

    @classmethod
    def of(
        cls,
        *,
        target_sectors: Iterable[str] = (),
        target_beroepen: Iterable[int] = (),
        own_titles: Iterable[str] = (),
    ) -> Direction:
        titles = tuple(w for w in (name_words(t) for t in own_titles) if w)
        return cls(frozenset(target_sectors), frozenset(target_beroepen), titles)

    @property
    def has_target(self) -> bool:
        return bool(self.target_sectors or self.target_beroepen)


@dataclass(frozen=True)
class WorkFacts:
    """What the direction needs to know of a vacature."""

    sector: str = ""
    beroep_id: int | None = None
    names: tuple[frozenset[str], ...] = field(default=())  # name_words of title, beroep name
    spanning: int | None = None  # the beroep's Tekort figure (1-5), None when unknown
    krimp: bool = False

    @classmethod
    def of(
        cls,
        *,
        sector: str = "",
        beroep_id: int | None = None,
        names: Iterable[str] = (),
        spanning: int | None = None,
        krimp: bool = False,
    ) -> WorkFacts:
        words = tuple(w for w in (name_words(n) for n in names) if w)
        return cls(sector or "", beroep_id, words, spanning, bool(krimp))


UNKNOWN = WorkFacts()
T = TypeVar("T")


def is_own(direction: Direction, facts: WorkFacts) -> bool:
    """The vacature is (one of) the person's current or previous jobs: the words of a
    werkervaring title and of the vacature's title or beroep name, one set inside the other."""
    return any(own <= name or name <= own for own in direction.own_titles for name in facts.names)


def is_shortage(facts: WorkFacts) -> bool:
    if facts.spanning is not None:
        return facts.spanning >= KRAP
    return facts.sector in SHORTAGE_SECTORS


def tier(direction: Direction, facts: WorkFacts) -> int:
    """The tier of a vacature for a person (see the module docstring); lower comes first."""
    if is_own(direction, facts):
        return TIER_OWN
    if facts.beroep_id is not None and facts.beroep_id in direction.target_beroepen:
        return TIER_DOELBEROEP
    if facts.krimp:
        return TIER_KRIMP
    if facts.sector and facts.sector in direction.target_sectors:
        return TIER_DOELSECTOR
    if is_shortage(facts):
        return TIER_TEKORT
    return TIER_OTHER


def order_key(direction: Direction, facts: WorkFacts, *, score: int, vacature_id: int) -> tuple:
    return (tier(direction, facts), -score, vacature_id)


def order(
    items: Iterable[T],
    *,
    direction: Direction,
    facts: dict[int, WorkFacts],
    score: Callable[[T], int],
    vacature_id: Callable[[T], int],
) -> list[T]:
    """Items (matches or engine results) in the person's direction first, best first."""
    return sorted(
        items,
        key=lambda item: order_key(
            direction,
            facts.get(vacature_id(item), UNKNOWN),
            score=score(item),
            vacature_id=vacature_id(item),
        ),
    )


def select_for_profile(
    profile: engine.ProfileInput,
    vacatures: Sequence[engine.VacatureInput] | engine.VacatureIndex,
    *,
    direction: Direction,
    facts: dict[int, WorkFacts],
    top_k: int,
) -> list[engine.MatchResult]:
    """The person's best `top_k` matches in the direction's order: the engine runs on each
    tier's vacatures in turn until `top_k` are found (exactly what ordering all scored pairs
    and cutting at `top_k` would give, without scoring tiers that are not reached). Pass a
    prebuilt VacatureIndex of the vacatures to reuse it (matching.open_work keeps one)."""
    index = (
        vacatures
        if isinstance(vacatures, engine.VacatureIndex)
        else engine.VacatureIndex(vacatures)
    )
    tiers = np.fromiter(
        (tier(direction, facts.get(v.id, UNKNOWN)) for v in index.vacatures),
        dtype=np.int64,
        count=len(index),
    )
    out: list[engine.MatchResult] = []
    for t in np.unique(tiers).tolist():
        if len(out) >= top_k:
            break
        rows = np.flatnonzero(tiers == t)
        out += engine.match_profile(profile, index, top_k=top_k - len(out), rows=rows)
    return out


def widen_bulk(
    profiles: Sequence[engine.ProfileInput],
    vacatures: Sequence[engine.VacatureInput],
    results: Iterable[engine.MatchResult],
    *,
    directions: dict[int, Direction],
    facts: dict[int, WorkFacts],
    top_k: int,
) -> list[engine.MatchResult]:
    """The bulk rescore's results (engine.match_all: the best by score per profile and per
    vacature) plus, per profile, the best `top_k` among the shortage vacatures and among its
    doelsector and doelberoep vacatures, so that the matches page, which orders by direction,
    finds the best of the first tiers stored. Profiles with the same target share one engine
    run. Own-job exclusion is left to the ordering (it differs per person)."""
    out = {(r.profile_id, r.vacature_id): r for r in results}
    if not profiles or not vacatures:
        return list(out.values())

    def add(group: list[engine.ProfileInput], subset: list[engine.VacatureInput]) -> None:
        if not group or not subset:
            return
        for r in engine.match_all(group, subset, top_k=top_k, per_vacature=False):
            out.setdefault((r.profile_id, r.vacature_id), r)

    shortage = [v for v in vacatures if is_shortage(facts.get(v.id, UNKNOWN))]
    add(list(profiles), [v for v in shortage if not facts.get(v.id, UNKNOWN).krimp])
    groups: dict[tuple, list[engine.ProfileInput]] = defaultdict(list)
    for p in profiles:
        d = directions.get(p.id)
        if d is not None and d.has_target:
            groups[(d.target_sectors, d.target_beroepen)].append(p)
    for (sectors, beroepen), group in groups.items():
        subset = [
            v
            for v in vacatures
            if (f := facts.get(v.id, UNKNOWN)).sector in sectors or f.beroep_id in beroepen
        ]
        add(group, subset)
    return sorted(out.values(), key=lambda r: (r.profile_id, -r.score, r.vacature_id))


# --- From the database ---------------------------------------------------------------------


def directions_for(profile_ids: Iterable[int]) -> dict[int, Direction]:
    """Each profile's Direction: doelsectoren, doelberoepen and werkervaring titles (3 queries)."""
    from profiles.models import Experience, Profile

    ids = list(profile_ids)
    sectors = dict(Profile.objects.filter(pk__in=ids).values_list("pk", "target_sectors"))
    beroepen: dict[int, list[int]] = defaultdict(list)
    for pid, bid in Profile.target_beroepen.through.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "beroep_id"
    ):
        beroepen[pid].append(bid)
    titles: dict[int, list[str]] = defaultdict(list)
    for pid, title in Experience.objects.filter(
        profile_id__in=ids, kind=Experience.Kind.WERK
    ).values_list("profile_id", "title"):
        titles[pid].append(title)
    return {
        pid: Direction.of(
            target_sectors=[s for s in (sectors[pid] or []) if isinstance(s, str)],
            target_beroepen=beroepen[pid],
            own_titles=titles[pid],
        )
        for pid in sectors
    }


def direction_of(profile) -> Direction:
    """One profile's Direction, its doelsectoren read from the instance, its doelberoepen and
    werkervaring from what the instance has prefetched (else 2 queries)."""
    from profiles.models import Experience

    return Direction.of(
        target_sectors=[s for s in (profile.target_sectors or []) if isinstance(s, str)],
        target_beroepen=[b.pk for b in profile.target_beroepen.all()],
        own_titles=[e.title for e in profile.experiences.all() if e.kind == Experience.Kind.WERK],
    )


def work_facts_for(vacature_ids: Iterable[int]) -> dict[int, WorkFacts]:
    """Each vacature's WorkFacts: sector, beroep, title and beroep name, and the beroep's
    landelijke Tekort figure (2 queries)."""
    from taxonomy.models import Tekort

    from .models import Vacature

    rows = list(
        Vacature.objects.filter(pk__in=list(vacature_ids)).values_list(
            "pk", "sector", "beroep_id", "title", "beroep__label_nl"
        )
    )
    shortage = {
        t.beroep_id: t
        for t in Tekort.objects.filter(
            beroep_id__in={r[2] for r in rows if r[2] is not None}, region_id=None
        )
    }
    out = {}
    for pk, sector, beroep_id, title, beroep_name in rows:
        t = shortage.get(beroep_id)
        out[pk] = WorkFacts.of(
            sector=sector,
            beroep_id=beroep_id,
            names=[n for n in (title, beroep_name) if n],
            spanning=t.spanning if t else None,
            krimp=bool(t and t.krimpsector),
        )
    return out
