"""The match engine: overstappers (ProfileInput) against skill-based vacatures (VacatureInput).

Pure Python, NumPy and SciPy; no Django. `matching/adapters.py` turns database rows into the
inputs below and `matching/services.py` stores the results.

`score_pair` is the reference: plain Python, one pair, meant to be read. The bulk functions
(`match_all`, `match_profile`, `match_vacature`) compute the same numbers with sparse
matrices and must give every pair they return exactly the score `score_pair` gives it; the
tests hold them to that.

How the bulk path works (`match_all`):

1. Both sides become arrays once (`VacatureIndex`, `ProfileIndex`): skills as sparse CSR
   rows, drijfveren and talents as small dense rows, the rest as one number per row.
2. Pairs that the region filter excludes are never computed: vacatures are grouped by
   region, and each group is scored only against the profiles that accept that region
   (landelijk vacatures against everybody). That removes most pairs before any work.
3. Each group is scored in chunks of profiles: one sparse product gives the skills part,
   one in-place BLAS product adds drijfveren, talents, niveau and the constant terms, a
   lookup table the hours fit, and comparisons the income fit and the hours/income filters.
4. The best k per profile and per vacature are kept while the chunks pass (in-place
   partition on integer keys score x n + tie-break, so ties go to the lower id), so memory
   stays bounded by the chunk, not by profiles x vacatures.
5. Only for the kept pairs are the explanation (matched / missing skills) and the exact
   parts computed, vectorised, with the same operations in the same order as `score_pair`,
   so the reported numbers are bit-for-bit the reference's. (Steps 3-4 only choose pairs;
   a rounding nudge keeps their float sums on the same side of every x.5 as the reference.)

The skills product needs min(1, level / min_level), which is not a plain product of a
profile value and a vacature value. It becomes one through
    min(l, m) = m - sum_{k=2..5} [l < k][m >= k]
so each skill gets five columns: "has it", and "below level k" for k = 2..5. The values
are whole numbers (evidence points, 60 / m), which float32 adds exactly.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
import scipy.sparse as sp
from scipy.linalg.blas import dgemm as _dgemm

ENGINE_VERSION = "2026.2"

# --- Weights: every number that shapes a score lives here ---------------------------------

# How much each part counts in the 0..100 score (they sum to 1). Skills lead because a
# skill-based vacature is defined by them. Drijfveren and niveau say whether the person will
# thrive and can grow into the work, so they come next. Talents are a softer signal. The
# practical part is small because the hard filters have already removed what cannot work.
PART_WEIGHTS: dict[str, float] = {
    "skills": 0.50,
    "drijfveren": 0.15,
    "talenten": 0.10,
    "niveau": 0.15,
    "praktisch": 0.10,
}
PART_NAMES: tuple[str, ...] = tuple(PART_WEIGHTS)

# An essential skill counts twice an optional one: lacking it means schooling before the
# person can start, lacking an optional one does not.
ESSENTIAL_WEIGHT = 2
OPTIONAL_WEIGHT = 1

# How far a skill claim counts, by how it was shown. Proven by an independent party or in
# work (assessment, diploma, werkervaring), or validated by a coach: in full. Observed by
# others (praktijk, feedback): nearly. A STARR interview is probed but still told by the
# person. Self-assessment is the weakest evidence, yet a self-rated skill is still most of
# a proven one: 0.7 keeps people at the start of their profile from dropping out of every
# list. A person below the minimum level gets partial credit: min(1, level / min_level).
EVIDENCE_WEIGHTS: dict[str, float] = {
    "zelf": 0.70,
    "gesprek": 0.80,
    "praktijk": 0.90,
    "feedback": 0.90,
    "assessment": 1.0,
    "diploma": 1.0,
    "werkervaring": 1.0,
}
VALIDATED_WEIGHT = 1.0
# Evidence the engine does not know is trusted like self-assessment, the least trusted kind.
DEFAULT_EVIDENCE = "zelf"

# The person's ranked drijfveren count 5, 4, 3, 2, 1 by rank: a fit on what drives someone
# most weighs most. Ranks beyond five are not asked for and do not count.
DRIJFVEER_RANK_WEIGHTS: tuple[int, ...] = (5, 4, 3, 2, 1)

# Each NLQF level the person is below the vacature costs a quarter: one level short is
# often bridged by the leerwerktraject, four or more is not realistic. At or above: 1.
NIVEAU_STEP = 0.25

# Unknown information is neither good nor bad news: a neutral half.
NEUTRAL = 0.5

# Drijfveren, talenten and niveau count only when both sides filled them in; otherwise the
# part is left out and the others are renormalised (their weights divided by the weights
# that remain), so a part nobody filled in neither helps nor hurts. Its value is still
# reported (NEUTRAL) so that `parts` always has every name. Skills and praktisch always count.
OPTIONAL_PARTS: tuple[str, ...] = ("drijfveren", "talenten", "niveau")

# A vacature may ask up to 8 hours a week more than the person wants (about one day, often
# negotiable); beyond that the pair is excluded. Within the margin the hours fit drops
# linearly from 1 (no more than wanted) to NEUTRAL (a full day more).
HOURS_TOLERANCE = 8

# Gross monthly salary to net: about 0.75 for a single earner between modal and 1.5x modal
# (2026 tables, general and labour tax credits included, holiday pay left out). A rough
# Dutch estimate for filtering only; the financing app computes real income.
NET_FACTOR = 0.75

# Income fit when only the top of the salary scale covers what the person needs: it can
# work, but depends on where in the scale they start.
INCOME_TOP_ONLY = 0.75

# Scores round half up. The nudge makes a total of exactly x.5 round the same way in
# `score_pair` and in the bulk path, whose floating-point sums differ in the last bits.
ROUNDING_NUDGE = 1e-9

# --- Bulk path limits ------------------------------------------------------------------------

# At most this many pairs in one dense block of match_all (about 30 bytes of buffers each,
# reused from block to block), which bounds memory however many profiles come in.
MAX_BLOCK_PAIRS = 4_000_000

_LEVELS = 5
_EVIDENCE_CODES: dict[str, int] = {name: i for i, name in enumerate(EVIDENCE_WEIGHTS)}
_VALIDATED_CODE = 15
_CODE_BITS = 16  # a profile skill is stored as level * 16 + evidence code (fits in int8)
if len(_EVIDENCE_CODES) >= _VALIDATED_CODE:
    raise ValueError("too many evidence types for the 4-bit evidence code")
_EVIDENCE_BY_CODE = np.full(_CODE_BITS, EVIDENCE_WEIGHTS[DEFAULT_EVIDENCE])
for _name, _code in _EVIDENCE_CODES.items():
    _EVIDENCE_BY_CODE[_code] = EVIDENCE_WEIGHTS[_name]
_EVIDENCE_BY_CODE[_VALIDATED_CODE] = VALIDATED_WEIGHT
_RANK_CUMULATIVE = np.concatenate([[0.0], np.cumsum(DRIJFVEER_RANK_WEIGHTS)])
# The bulk skills product runs in float32 on whole numbers, which float32 adds exactly:
# evidence weights become points (weight x _EVIDENCE_SCALE) and min(1, l/m) becomes
# min(l, m) x (60 / m); 60 is the least common multiple of the levels 1..5.
_EVIDENCE_SCALE = next(
    (
        scale
        for scale in range(1, 1001)
        if all(abs(w * scale - round(w * scale)) < 1e-9 for w in _EVIDENCE_BY_CODE)
    ),
    None,
)
if _EVIDENCE_SCALE is None or not all(
    isinstance(w, int) for w in (ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT, *DRIJFVEER_RANK_WEIGHTS)
):
    raise ValueError("evidence weights: multiples of 0.001; skill and rank weights: whole")
_LEVEL_LCM = 60


# --- Inputs and outputs --------------------------------------------------------------------


@dataclass(slots=True)
class ProfileInput:
    id: int
    skills: dict[int, tuple[int, str, bool]]  # skill_id -> (level 1-5, evidence_type, validated)
    drijfveren: list[int]  # ranked, most important first
    talents: list[int]
    nlqf: int | None
    region_id: int | None
    reach: set[int]  # region ids the person accepts (includes home)
    hours: int | None
    min_net_income: float | None


@dataclass(slots=True)
class VacatureInput:
    id: int
    skills: dict[int, tuple[int, bool]]  # skill_id -> (min level 1-5, essential)
    drijfveren: list[int]
    talents: list[int]
    nlqf: int | None
    region_id: int | None
    landelijk: bool
    hours: int | None
    salary_min: float | None
    salary_max: float | None


@dataclass(slots=True)
class MatchResult:
    profile_id: int
    vacature_id: int
    score: int  # 0..100
    parts: dict[str, float]  # PART_NAMES -> 0..1
    matched: list[int]  # skill ids the person has that the vacature asks (sorted)
    missing_essential: list[int]  # essential skills lacking or below the minimum (sorted)
    missing_optional: list[int]  # optional ones likewise (sorted)
    practical: dict[str, bool | None]  # "regio", "uren", "inkomen"; None when unknown


# --- The reference: one pair, plain Python -------------------------------------------------


def _level(value: int) -> int:
    return min(_LEVELS, max(1, int(value)))


def _evidence_weight(evidence: str, validated: bool) -> float:
    if validated:
        return VALIDATED_WEIGHT
    return EVIDENCE_WEIGHTS.get(evidence, EVIDENCE_WEIGHTS[DEFAULT_EVIDENCE])


def _reach(profile: ProfileInput) -> set[int]:
    home = {profile.region_id} if profile.region_id is not None else set()
    return set(profile.reach) | home


def _regio(profile: ProfileInput, vacature: VacatureInput) -> bool | None:
    """True when the person accepts the vacature's region; None when either side is unknown."""
    if vacature.landelijk:
        return True
    reach = _reach(profile)
    if vacature.region_id is None or not reach:
        return None
    return vacature.region_id in reach


def _hours_fit(wanted: float, asked: float) -> float | None:
    """Soft fit of the vacature's hours to the person's; None when the pair is excluded."""
    over = asked - wanted
    if over > HOURS_TOLERANCE:
        return None
    if over <= 0:
        return 1.0
    return 1.0 - (1.0 - NEUTRAL) * over / HOURS_TOLERANCE


def _income(profile: ProfileInput, vacature: VacatureInput) -> tuple[bool | None, float] | None:
    """(flag, fit) for the income, or None when even the top of the scale pays too little."""
    need = profile.min_net_income
    top = float(vacature.salary_max) if vacature.salary_max is not None else None
    low = float(vacature.salary_min) if vacature.salary_min is not None else top
    if need is None or low is None:
        return None, NEUTRAL
    need = float(need)
    if top is not None and NET_FACTOR * top < need:
        return None
    if NET_FACTOR * low >= need:
        return True, 1.0
    if top is None:
        return None, NEUTRAL
    return False, INCOME_TOP_ONLY


def _nlqf(value: int | None) -> int | None:
    return None if value is None else min(8, max(1, int(value)))


def _niveau(person: int | None, asked: int | None) -> float:
    if person is None or asked is None:
        return NEUTRAL
    short = _nlqf(asked) - _nlqf(person)
    if short <= 0:
        return 1.0
    return max(0.0, 1.0 - NIVEAU_STEP * short)


def _skills(
    profile: ProfileInput, vacature: VacatureInput
) -> tuple[float, list[int], list[int], list[int]]:
    matched: list[int] = []
    missing_essential: list[int] = []
    missing_optional: list[int] = []
    credit = 0.0
    total = 0.0
    for skill_id in sorted(vacature.skills):
        min_level, essential = vacature.skills[skill_id]
        min_level = _level(min_level)
        weight = ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT
        total += weight
        held = profile.skills.get(skill_id)
        level = _level(held[0]) if held is not None else 0
        if held is not None:
            matched.append(skill_id)
            evidence = _evidence_weight(held[1], held[2])
            credit += weight * (min(1.0, level / min_level) * evidence)
        if level < min_level:
            (missing_essential if essential else missing_optional).append(skill_id)
    part = credit / total if total else NEUTRAL
    return part, matched, missing_essential, missing_optional


def _ranked_drijfveren(profile: ProfileInput) -> list[int]:
    return list(dict.fromkeys(profile.drijfveren))[: len(DRIJFVEER_RANK_WEIGHTS)]


def _drijfveren(profile: ProfileInput, vacature: VacatureInput) -> float:
    ranked = _ranked_drijfveren(profile)
    wanted = set(vacature.drijfveren)
    if not ranked or not wanted:
        return NEUTRAL
    got = sum(w for w, d in zip(DRIJFVEER_RANK_WEIGHTS, ranked, strict=False) if d in wanted)
    best = sum(DRIJFVEER_RANK_WEIGHTS[: min(len(ranked), len(wanted))])
    return got / best


def _talenten(profile: ProfileInput, vacature: VacatureInput) -> float:
    have, asked = set(profile.talents), set(vacature.talents)
    if not have or not asked:
        return NEUTRAL
    return len(have & asked) / len(asked)


def _to_score(units: float) -> int:
    """Score units (100 x the renormalised total) to a whole score, rounding half up."""
    return min(100, max(0, math.floor(units + 0.5 + ROUNDING_NUDGE)))


def parts_present(profile: ProfileInput, vacature: VacatureInput) -> dict[str, bool]:
    """Which parts count in the score: drijfveren, talenten and niveau only when both sides
    have them (OPTIONAL_PARTS); skills and praktisch always."""
    return {
        "skills": True,
        "drijfveren": bool(_ranked_drijfveren(profile)) and bool(vacature.drijfveren),
        "talenten": bool(profile.talents) and bool(vacature.talents),
        "niveau": profile.nlqf is not None and vacature.nlqf is not None,
        "praktisch": True,
    }


def score_pair(profile: ProfileInput, vacature: VacatureInput) -> MatchResult | None:
    """Score one pair; None when a hard filter (region, hours, income) excludes it."""
    regio = _regio(profile, vacature)
    if regio is False:
        return None
    uren: bool | None = None
    hours_fit = NEUTRAL
    if profile.hours is not None and vacature.hours is not None:
        wanted, asked = float(profile.hours), float(vacature.hours)
        fit = _hours_fit(wanted, asked)
        if fit is None:
            return None
        uren, hours_fit = asked <= wanted, fit
    income = _income(profile, vacature)
    if income is None:
        return None
    inkomen, income_fit = income

    skills, matched, missing_essential, missing_optional = _skills(profile, vacature)
    parts = {
        "skills": skills,
        "drijfveren": _drijfveren(profile, vacature),
        "talenten": _talenten(profile, vacature),
        "niveau": _niveau(profile.nlqf, vacature.nlqf),
        "praktisch": (hours_fit + income_fit) / 2,
    }
    present = parts_present(profile, vacature)
    total = 0.0
    weight = 0.0
    for name in PART_NAMES:
        if present[name]:
            total = total + PART_WEIGHTS[name] * parts[name]
            weight = weight + PART_WEIGHTS[name]
    return MatchResult(
        profile_id=profile.id,
        vacature_id=vacature.id,
        score=_to_score(100 * total / weight),
        parts=parts,
        matched=matched,
        missing_essential=missing_essential,
        missing_optional=missing_optional,
        practical={"regio": regio, "uren": uren, "inkomen": inkomen},
    )


# --- Matrices built once ---------------------------------------------------------------------


class _Vocab:
    """Column numbers for skill, drijfveer, talent and region ids, shared by both sides."""

    __slots__ = ("skills", "drives", "talents", "regions")

    def __init__(self) -> None:
        self.skills: dict[int, int] = {}
        self.drives: dict[int, int] = {}
        self.talents: dict[int, int] = {}
        self.regions: dict[int, int] = {}

    def copy(self) -> _Vocab:
        other = _Vocab()
        other.skills = dict(self.skills)
        other.drives = dict(self.drives)
        other.talents = dict(self.talents)
        other.regions = dict(self.regions)
        return other


def _columns(mapping: dict[int, int], ids: np.ndarray, extend: bool) -> np.ndarray:
    """Column of every id (-1 when unknown); with extend, unknown ids get new columns."""
    if extend:
        new = np.unique(ids)
        new = [i for i in new.tolist() if i not in mapping]
        mapping.update(zip(new, range(len(mapping), len(mapping) + len(new)), strict=True))
    if not mapping or not len(ids):
        return np.full(len(ids), -1, dtype=np.int64)
    keys = np.fromiter(mapping.keys(), dtype=np.int64, count=len(mapping))
    cols = np.fromiter(mapping.values(), dtype=np.int64, count=len(mapping))
    order = np.argsort(keys)
    keys, cols = keys[order], cols[order]
    pos = np.minimum(np.searchsorted(keys, ids), len(keys) - 1)
    return np.where(keys[pos] == ids, cols[pos], -1)


def _flat(values: list, dtype=np.int64) -> np.ndarray:
    return np.asarray(values, dtype=dtype) if values else np.zeros(0, dtype=dtype)


def _sorted_by_id(items: Sequence, kind: str) -> tuple[list, np.ndarray]:
    ordered = sorted(items, key=lambda item: item.id)
    ids = np.fromiter((item.id for item in ordered), dtype=np.int64, count=len(ordered))
    if len(ids) > 1 and np.any(ids[1:] == ids[:-1]):
        raise ValueError(f"duplicate {kind} ids")
    return ordered, ids


def _floats(values) -> np.ndarray:
    """None becomes NaN; Decimal from the database becomes float."""
    return np.array([math.nan if x is None else float(x) for x in values], dtype=np.float64)


def _levels(values: np.ndarray) -> np.ndarray:
    return np.clip(values, 1, _LEVELS)


def _nlqf_codes(values) -> np.ndarray:
    return np.array([_nlqf(x) or 0 for x in values], dtype=np.int64)


def _expand(rows, cols, values, below_level, n, width) -> sp.csr_matrix:
    """Five columns per skill (module docstring): "has it" and one per level k = 2..5 where
    `below_level(k)` selects the entries."""
    exp_rows, exp_cols, exp_vals = [rows], [cols * _LEVELS], [values]
    for k in range(2, _LEVELS + 1):
        sel, vals = below_level(k)
        exp_rows.append(rows[sel])
        exp_cols.append(cols[sel] * _LEVELS + (k - 1))
        exp_vals.append(vals)
    return sp.csr_matrix(
        (
            np.concatenate(exp_vals).astype(np.float32),
            (np.concatenate(exp_rows), np.concatenate(exp_cols)),
        ),
        shape=(n, width),
    )


class VacatureIndex:
    """Vacatures as matrices, built once and reused (`match_profile` against 20,000 of them)."""

    def __init__(self, vacatures: Sequence[VacatureInput], vocab: _Vocab | None = None) -> None:
        self.vacatures, self.ids = _sorted_by_id(vacatures, "vacature")
        self.vocab = vocab = vocab.copy() if vocab is not None else _Vocab()
        vs = self.vacatures
        n = len(vs)
        # Required skills, per vacature in skill-id order so explanations come out sorted.
        self.n_skills = _flat([len(v.skills) for v in vs])
        row_of = np.repeat(np.arange(n), self.n_skills)
        skill_ids = _flat([s for v in vs for s in v.skills])
        required = [x for v in vs for x in v.skills.values()]
        order = np.lexsort((skill_ids, row_of))
        self.skill_ids = skill_ids[order]
        self.skill_cols = _columns(vocab.skills, self.skill_ids, extend=True)
        self.min_levels = _levels(_flat([int(m) for m, _e in required]))[order].astype(np.int8)
        self.essential = _flat([bool(e) for _m, e in required], bool)[order]
        self.ptr = np.concatenate([[0], np.cumsum(self.n_skills)])
        weights = np.where(self.essential, float(ESSENTIAL_WEIGHT), float(OPTIONAL_WEIGHT))
        self.weight_total = np.bincount(row_of, weights=weights, minlength=n)
        # For explanations: skill column and (min level, essential) packed in one number.
        self.entry_code = (self.skill_cols << 4) | (self.min_levels.astype(np.int64) << 1)
        self.entry_code |= self.essential

        drives = [set(v.drijfveren) for v in vs]
        talents = [set(v.talents) for v in vs]
        self.n_drives = _flat([len(d) for d in drives])
        self.n_talents = _flat([len(t) for t in talents])
        self.drives = _dense_rows(drives, vocab.drives, True, n)
        self.talents = _dense_rows(talents, vocab.talents, True, n)
        self.nlqf = _nlqf_codes(v.nlqf for v in vs)
        self.hours = _floats(v.hours for v in vs)
        self.salary_min = _floats(v.salary_min for v in vs)
        self.salary_max = _floats(v.salary_max for v in vs)
        self.landelijk = _flat([bool(v.landelijk) for v in vs], bool)
        known = _flat([v.region_id is not None for v in vs], bool)
        self.region = np.full(n, -1, dtype=np.int64)  # column in vocab.regions, -1 unknown
        regions = _flat([v.region_id for v in vs if v.region_id is not None])
        self.region[known] = _columns(vocab.regions, regions, extend=True)

        # Skills expanded (module docstring), in whole points: weight x 60 for "has it",
        # -weight x 60 / m for each level k <= m.
        m = self.min_levels.astype(np.int64)
        points = weights * _LEVEL_LCM
        self.width = len(vocab.skills) * _LEVELS
        self.expanded = _expand(
            row_of,
            self.skill_cols,
            points,
            lambda k: (m >= k, -points[m >= k] / m[m >= k]),
            n,
            self.width,
        )
        # Points to score units: 100 x PART_WEIGHTS["skills"] x credit / total weight.
        self.points_scale = np.zeros(n)
        has = self.weight_total > 0
        self.points_scale[has] = (
            100 * PART_WEIGHTS["skills"] / (_EVIDENCE_SCALE * _LEVEL_LCM * self.weight_total[has])
        )

        # Region groups: landelijk or unknown region is open to everybody.
        self.open_rows = np.flatnonzero(self.landelijk | (self.region < 0))
        regional = np.flatnonzero(~self.landelijk & (self.region >= 0))
        by_region = regional[np.argsort(self.region[regional], kind="stable")]
        bounds = np.searchsorted(self.region[by_region], np.arange(len(vocab.regions) + 1))
        self.rows_by_region = {
            r: by_region[bounds[r] : bounds[r + 1]]
            for r in range(len(vocab.regions))
            if bounds[r + 1] > bounds[r]
        }
        # Income compares (see _income): net of the top of the scale for the filter, and for
        # the soft fit the bottom ("low") and the top, falling back to what is known.
        net_max = NET_FACTOR * self.salary_max
        net_min = NET_FACTOR * self.salary_min
        low = np.where(np.isnan(net_min), net_max, net_min)
        top = np.where(np.isnan(net_max), low, net_max)
        self.income_cut = np.where(np.isnan(net_max), np.inf, net_max)
        self.income_low = np.where(np.isnan(low), -np.inf, low)
        self.income_top = np.where(np.isnan(top), -np.inf, top)
        self.hour_values, self.hour_index = _categories(self.hours)

        # The vacature's side of the scoring product (see _Pairing), in score units.
        w = _SCORE_WEIGHTS
        scale = np.zeros(n)
        scale[self.n_talents > 0] = w["talenten"] / self.n_talents[self.n_talents > 0]
        self.talents_scaled = self.talents * scale[:, None]
        # Parts that one side lacks add nothing here; scores() renormalises (OPTIONAL_PARTS).
        self.niveau_columns = w["niveau"] * _NIVEAU_PRESENT_TABLE[:, self.nlqf].T
        self.talent_neutral = np.zeros(n)
        self.constant = (
            w["skills"] * NEUTRAL * (self.n_skills == 0)
            + w["praktisch"] / 2 * NEUTRAL  # the income fit starts at NEUTRAL, see scores()
        )
        self.presence = _presence_codes(self.n_drives, self.n_talents, self.nlqf)

    def __len__(self) -> int:
        return len(self.vacatures)


class ProfileIndex:
    """Profiles as matrices over a vocabulary (the vacatures' one when matched against them)."""

    def __init__(self, profiles: Sequence[ProfileInput], vocab: _Vocab | None = None) -> None:
        self.profiles, self.ids = _sorted_by_id(profiles, "profile")
        extend = vocab is None
        self.vocab = vocab = vocab if vocab is not None else _Vocab()
        ps = self.profiles
        n = len(ps)
        # Skills as a CSR of codes: level * 16 + evidence code (15: validated by a coach).
        counts = _flat([len(p.skills) for p in ps])
        rows = np.repeat(np.arange(n), counts)
        cols = _columns(vocab.skills, _flat([s for p in ps for s in p.skills]), extend)
        held = [x for p in ps for x in p.skills.values()]
        evidence = _EVIDENCE_CODES
        default = evidence[DEFAULT_EVIDENCE]
        code = _flat(
            [_VALIDATED_CODE if val else evidence.get(ev, default) for _lv, ev, val in held]
        )
        code += _levels(_flat([int(lv) for lv, _ev, _val in held])) * _CODE_BITS
        asked = cols >= 0  # skills no vacature asks do not matter
        self.codes = sp.csr_matrix(
            (code[asked].astype(np.int8), (rows[asked], cols[asked])),
            shape=(n, len(vocab.skills)),
        )
        self.codes.sort_indices()

        ranked = [_ranked_drijfveren(p) for p in ps]
        talents = [set(p.talents) for p in ps]
        reach = [_reach(p) for p in ps]
        self.n_drives = _flat([len(r) for r in ranked])
        self.n_talents = _flat([len(t) for t in talents])
        self.drives = _dense_rows(ranked, vocab.drives, extend, n, DRIJFVEER_RANK_WEIGHTS)
        self.talents = _dense_rows(talents, vocab.talents, extend, n)
        self.no_region = _flat([not r for r in reach], bool)
        reach_counts = _flat([len(r) for r in reach])
        reach_rows = np.repeat(np.arange(n), reach_counts)
        reach_cols = _columns(vocab.regions, _flat([x for r in reach for x in r]), extend)
        known = reach_cols >= 0
        self.reach = sp.csc_matrix(
            (np.ones(int(known.sum()), dtype=np.int8), (reach_rows[known], reach_cols[known])),
            shape=(n, len(vocab.regions)),
        )
        self.reach.sort_indices()
        self.nlqf = _nlqf_codes(p.nlqf for p in ps)
        self.hours = _floats(p.hours for p in ps)
        self.need = _floats(p.min_net_income for p in ps)

        # Skills expanded (module docstring), in evidence points: weight x _EVIDENCE_SCALE in
        # the "has it" column and in each level column k the person is below.
        code = self.codes.data.astype(np.int64)
        level = code // _CODE_BITS
        points = np.round(_EVIDENCE_BY_CODE[code % _CODE_BITS] * _EVIDENCE_SCALE)
        self.width = len(vocab.skills) * _LEVELS
        self.expanded = _expand(
            np.repeat(np.arange(n), np.diff(self.codes.indptr)),
            self.codes.indices.astype(np.int64),
            points,
            lambda k: (level < k, points[level < k]),
            n,
            self.width,
        )
        self.income_cut = np.where(np.isnan(self.need), -np.inf, self.need)
        self.income_need = np.where(np.isnan(self.need), np.inf, self.need)
        self.hour_values, self.hour_index = _categories(self.hours)
        # The profile's side of the scoring product (see _Pairing):
        # [drive rank weights | talents | nlqf one-hot | has talents | 1].
        nd, nt = self.drives.shape[1], self.talents.shape[1]
        self.features = np.zeros((n, nd + nt + 9 + 2))
        self.features[:, :nd] = self.drives
        self.features[:, nd : nd + nt] = self.talents
        self.features[np.arange(n), nd + nt + self.nlqf] = 1.0
        self.features[:, -2] = self.n_talents > 0
        self.features[:, -1] = 1.0
        self.presence = _presence_codes(self.n_drives, self.n_talents, self.nlqf)

    def __len__(self) -> int:
        return len(self.profiles)

    def rows_accepting(self, region_col: int) -> np.ndarray:
        reach = self.reach
        return reach.indices[reach.indptr[region_col] : reach.indptr[region_col + 1]]


def _presence_codes(n_drives, n_talents, nlqf) -> np.ndarray:
    """Bit 0: has drijfveren, bit 1: has talents, bit 2: has a niveau (OPTIONAL_PARTS)."""
    return ((n_drives > 0) | ((n_talents > 0) << 1) | ((nlqf > 0) << 2)).astype(np.int64)


def _weight_of_presence(code: int) -> float:
    """The summed weight of the parts that count, in score_pair's order (PART_NAMES)."""
    bits = {"drijfveren": 1, "talenten": 2, "niveau": 4}
    weight = 0.0
    for name in PART_NAMES:
        if name not in bits or code & bits[name]:
            weight = weight + PART_WEIGHTS[name]
    return weight


# 1 / weight of the parts that count, by (profile presence, vacature presence) code.
_RENORMALISE = np.array(
    [[1.0 / _weight_of_presence(a & b) for b in range(8)] for a in range(8)], dtype=np.float64
)
_PRESENT_WEIGHT = np.array([_weight_of_presence(c) for c in range(8)], dtype=np.float64)


def _dense_rows(sets: list, mapping: dict[int, int], extend: bool, n: int, weights=None):
    """One dense row per item: 1 (or the rank weight, in order) in the column of each id."""
    counts = _flat([len(s) for s in sets])
    rows = np.repeat(np.arange(n), counts)
    cols = _columns(mapping, _flat([x for s in sets for x in s]), extend)
    out = np.zeros((n, len(mapping)))
    if weights is None:
        values = np.ones(len(cols))
    else:
        values = _flat([w for s in sets for w, _ in zip(weights, s, strict=False)], float)
    known = cols >= 0
    out[rows[known], cols[known]] = values[known]
    return out


# --- Scoring blocks of pairs --------------------------------------------------------------------

# Blocks work in score units (100 x total + 0.5 + ROUNDING_NUDGE), so that truncating to an
# integer is the rounding. An excluded pair gets this instead, far below any score.
_EXCLUDED = -1e9
_SCORE_WEIGHTS = {name: 100 * weight for name, weight in PART_WEIGHTS.items()}


class _Pairing:
    """Everything but the skills part, for one ProfileIndex against one VacatureIndex.

    Drijfveren, talents, niveau and the constant terms (neutral halves, the rounding
    offset) are one matrix product of a profile feature row and a vacature feature row,
    added in place by BLAS. The drijfveren part is divided by the best possible rank
    weight, which depends on min(#drives of the person, #drives of the vacature); so the
    vacature features are built per number of the person's drives (0..5), and blocks keep
    their profiles sorted by that number. The hours fit is looked up in a small table;
    the income fit and filter are comparisons.
    """

    def __init__(self, p: ProfileIndex, v: VacatureIndex) -> None:
        self.p, self.v = p, v
        ranks = len(DRIJFVEER_RANK_WEIGHTS)
        self.p_drives = np.minimum(p.n_drives, ranks)
        self.v_drives = np.minimum(v.n_drives, ranks)
        # The vacature side may know more ids than the profile side (never fewer): ids no
        # profile has add nothing to an overlap.
        self.n_drive_cols, self.n_talent_cols = p.drives.shape[1], p.talents.shape[1]
        # Hours: a table over the distinct values of both sides (last row/column: unknown).
        values = np.union1d(p.hour_values, v.hour_values)
        self.p_hours = np.append(np.searchsorted(values, p.hour_values), len(values))
        self.p_hours = self.p_hours[p.hour_index]
        self.v_hours = np.append(np.searchsorted(values, v.hour_values), len(values))
        self.v_hours = self.v_hours[v.hour_index]
        w = _SCORE_WEIGHTS
        over = values[None, :] - values[:, None]
        fit = np.where(over <= 0, 1.0, 1.0 - (1.0 - NEUTRAL) * over / HOURS_TOLERANCE)
        self.hours = np.full((len(values) + 1, len(values) + 1), w["praktisch"] / 2 * NEUTRAL)
        self.hours[:-1, :-1] = np.where(over > HOURS_TOLERANCE, _EXCLUDED, w["praktisch"] / 2 * fit)
        self.income_steps = (
            w["praktisch"] / 2 * (INCOME_TOP_ONLY - NEUTRAL),
            w["praktisch"] / 2 * (1.0 - INCOME_TOP_ONLY),
        )

    def sort_rows(self, prows: np.ndarray) -> np.ndarray:
        """Profile rows ordered by their number of drives, as scores() wants them."""
        return prows[np.argsort(self.p_drives[prows], kind="stable")]

    def vacature_features(self, vcols: np.ndarray, drives: int) -> np.ndarray:
        """Vacature feature rows (Fortran order) for people with `drives` drijfveren."""
        v, nd, nt = self.v, self.n_drive_cols, self.n_talent_cols
        weight = _SCORE_WEIGHTS["drijfveren"]
        v_dr = self.v_drives[vcols]
        factor = np.zeros(len(vcols))
        if drives:
            best = _RANK_CUMULATIVE[np.minimum(drives, v_dr)]
            factor = np.where(v_dr > 0, weight / np.maximum(best, 1.0), 0.0)
        neutral = 0.0  # a side without drijfveren: the part is left out (OPTIONAL_PARTS)
        return np.asfortranarray(
            np.hstack(
                [
                    v.drives[vcols, :nd] * factor[:, None],
                    v.talents_scaled[vcols, :nt],
                    v.niveau_columns[vcols],
                    v.talent_neutral[vcols, None],
                    (v.constant[vcols] + neutral)[:, None],
                ]
            )
        )

    def scores(
        self,
        prows: np.ndarray,
        vcols: np.ndarray,
        points: np.ndarray,
        work: _Workspace,
        features: dict[int, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Scores (C x V int32) of a block from its skill points; -1 where a filter excludes.

        `prows` must come from sort_rows(). Only used to choose the kept pairs: their
        reported scores come from _explain. Every step writes into the workspace, because
        fresh arrays of this size cost more in page faults than the arithmetic does.
        """
        p, v = self.p, self.v
        shape = (len(prows), len(vcols))
        total, tmp, mask = work.f64(0, shape), work.f64(1, shape), work.mask(shape)
        np.multiply(points, v.points_scale[vcols], out=total)
        features = {} if features is None else features
        drives = self.p_drives[prows]
        bounds = np.searchsorted(drives, np.arange(len(DRIJFVEER_RANK_WEIGHTS) + 2))
        for d, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:], strict=False)):
            if lo == hi:
                continue
            if d not in features:
                features[d] = self.vacature_features(vcols, d)
            _add_product(total[lo:hi], p.features[prows[lo:hi]], features[d])
        total += np.take(self.hours[self.p_hours[prows]], self.v_hours[vcols], axis=1, out=tmp)
        need = p.income_need[prows, None]
        top_only, full = self.income_steps
        np.add(
            total, top_only, out=total, where=np.greater_equal(v.income_top[vcols], need, out=mask)
        )
        np.add(total, full, out=total, where=np.greater_equal(v.income_low[vcols], need, out=mask))
        # Renormalise over the parts both sides have, then the rounding offset.
        renorm = np.take(_RENORMALISE[p.presence[prows]], v.presence[vcols], axis=1, out=tmp)
        np.multiply(total, renorm, out=total)
        total += 0.5 + ROUNDING_NUDGE
        cut = np.less(v.income_cut[vcols], p.income_cut[prows, None], out=mask)
        np.copyto(total, _EXCLUDED, where=cut)
        scores = work.i32(0, shape)
        np.copyto(scores, total, casting="unsafe")  # truncation is the rounding (score units)
        np.maximum(scores, -1, out=scores)
        return scores


class _Workspace:
    """Reusable flat buffers for blocks of up to `size` pairs."""

    def __init__(self, size: int) -> None:
        self._f32 = np.empty(size, dtype=np.float32)
        self._f64 = [np.empty(size) for _ in range(2)]
        self._i32 = [np.empty(size, dtype=np.int32) for _ in range(2)]
        self._mask = np.empty(size, dtype=bool)

    @staticmethod
    def _view(buffer: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
        return buffer[: shape[0] * shape[1]].reshape(shape)

    def f32(self, shape: tuple[int, int]) -> np.ndarray:
        return self._view(self._f32, shape)

    def f64(self, i: int, shape: tuple[int, int]) -> np.ndarray:
        return self._view(self._f64[i], shape)

    def i32(self, i: int, shape: tuple[int, int]) -> np.ndarray:
        return self._view(self._i32[i], shape)

    def mask(self, shape: tuple[int, int]) -> np.ndarray:
        return self._view(self._mask, shape)


def _add_product(out: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """out += a @ b.T, in place: BLAS computes out.T += b @ a.T on the Fortran-order view."""
    result = _dgemm(1.0, b, a, beta=1.0, c=out.T, trans_b=1, overwrite_c=1)
    if not np.shares_memory(result, out):
        out += result.T


def _categories(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct known values, and each value's position among them (NaN: after them)."""
    known = ~np.isnan(values)
    distinct = np.unique(values[known])
    index = np.full(len(values), len(distinct), dtype=np.int64)
    index[known] = np.searchsorted(distinct, values[known])
    return distinct, index


_NIVEAU_TABLE = np.array([[_niveau(a or None, b or None) for b in range(9)] for a in range(9)])
# The niveau fit where both sides have a niveau; 0 where one lacks it (the part is left out).
_NIVEAU_PRESENT_TABLE = _NIVEAU_TABLE.copy()
_NIVEAU_PRESENT_TABLE[0, :] = 0.0
_NIVEAU_PRESENT_TABLE[:, 0] = 0.0


# --- Keeping the best k -------------------------------------------------------------------------


def _top_k_dense(keys: np.ndarray, k: int) -> np.ndarray:
    """The k largest keys of every row (unordered; partitions `keys` in place)."""
    if keys.shape[1] <= k:
        return keys
    keys.partition(keys.shape[1] - k, axis=1)
    return keys[:, keys.shape[1] - k :]


def _merge_dense(best: np.ndarray, rows: np.ndarray, candidates: np.ndarray, k: int) -> None:
    best[rows] = _top_k_dense(np.concatenate([best[rows], candidates], axis=1), k)


def _merge_sparse(best: np.ndarray, groups: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """Merge (group, key) candidates into best (G x k, padded with -1); returns the groups."""
    touched, inverse = np.unique(groups, return_inverse=True)
    all_groups = np.concatenate([np.repeat(np.arange(len(touched)), k), inverse])
    all_keys = np.concatenate([best[touched].ravel(), keys])
    order = np.lexsort((-all_keys, all_groups))
    sorted_groups = all_groups[order]
    first = np.searchsorted(sorted_groups, np.arange(len(touched)))
    rank = np.arange(len(order)) - first[sorted_groups]
    best[touched] = all_keys[order[rank < k]].reshape(len(touched), k)
    return touched


# --- Results -------------------------------------------------------------------------------------


_FLAG_MATCHED, _FLAG_MISSING, _FLAG_ESSENTIAL = 1, 2, 4
_TRI = {-1: None, 0: False, 1: True}


class MatchResults(Sequence[MatchResult]):
    """The results of `match_all`, kept as arrays; each MatchResult is built when read.

    Millions of kept pairs as Python objects would take gigabytes; as arrays they take a few
    hundred megabytes, and a worker can stream them into the database. Ordered by profile
    id, then best score first, then vacature id. `profile_ids`, `vacature_ids` and `scores`
    are there for bulk use without building objects; `profile_side` and `vacature_side` say
    why each pair was kept (among the profile's top_k, among the vacature's top_k, or both).
    """

    def __init__(
        self, vindex: VacatureIndex, profile_ids, vacature_rows, explained, order, sides=None
    ):
        scores, self._parts, self._practical, self._flag_start, self._flags = explained
        self._vindex = vindex
        self._order = order  # position in the sorted results -> position in the arrays
        self._vacature_rows = vacature_rows
        self.profile_ids = profile_ids[order]
        self.vacature_ids = vindex.ids[vacature_rows[order]]
        self.scores = scores[order]
        if sides is None:  # pairs given to score_pairs: kept by neither search
            sides = np.zeros(len(order), dtype=bool), np.zeros(len(order), dtype=bool)
        self.profile_side, self.vacature_side = sides[0][order], sides[1][order]

    def select(self, mask: np.ndarray) -> MatchResults:
        """The results where `mask` (in result order) is true, in the same order."""
        out = copy.copy(self)
        out._order = self._order[mask]
        for name in ("profile_ids", "vacature_ids", "scores", "profile_side", "vacature_side"):
            setattr(out, name, getattr(self, name)[mask])
        return out

    def __len__(self) -> int:
        return len(self.scores)

    @overload
    def __getitem__(self, index: int) -> MatchResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[MatchResult]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._build(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._build(index)

    def __iter__(self) -> Iterator[MatchResult]:
        for i in range(len(self)):
            yield self._build(i)

    def _build(self, i: int) -> MatchResult:
        v, j = self._vindex, self._order[i]
        row = self._vacature_rows[j]
        start, end = v.ptr[row], v.ptr[row + 1]
        skills = v.skill_ids[start:end]
        begin = self._flag_start[j]
        flags = self._flags[begin : begin + (end - start)]
        missing = (flags & _FLAG_MISSING) != 0
        essential = (flags & _FLAG_ESSENTIAL) != 0
        regio, uren, inkomen = (_TRI[x] for x in self._practical[j].tolist())
        return MatchResult(
            profile_id=int(self.profile_ids[i]),
            vacature_id=int(self.vacature_ids[i]),
            score=int(self.scores[i]),
            parts=dict(zip(PART_NAMES, self._parts[j].tolist(), strict=True)),
            matched=skills[(flags & _FLAG_MATCHED) != 0].tolist(),
            missing_essential=skills[missing & essential].tolist(),
            missing_optional=skills[missing & ~essential].tolist(),
            practical={"regio": regio, "uren": uren, "inkomen": inkomen},
        )


def _skill_tables() -> tuple[np.ndarray, np.ndarray]:
    """Credit and flags by (profile code, packed min level and essential), computed with
    the very expression _skills uses, so the bulk sums are bit-for-bit the reference's."""
    credit = np.zeros((_CODE_BITS * (_LEVELS + 1), 16))
    flags = np.zeros((_CODE_BITS * (_LEVELS + 1), 16), dtype=np.uint8)
    for code in range(credit.shape[0]):
        level, evidence = code // _CODE_BITS, float(_EVIDENCE_BY_CODE[code % _CODE_BITS])
        for packed in range(16):
            min_level, essential = packed >> 1, bool(packed & 1)
            if not 1 <= min_level <= _LEVELS:
                continue
            weight = ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT
            if level > 0:
                credit[code, packed] = weight * (min(1.0, level / min_level) * evidence)
            flags[code, packed] = (
                _FLAG_MATCHED * (level > 0)
                + _FLAG_MISSING * (level < min_level)
                + _FLAG_ESSENTIAL * essential
            )
    return credit.ravel(), flags.ravel()


_CREDIT_TABLE, _FLAG_TABLE = _skill_tables()
_EXPLAIN_TABLE_BYTES = 1 << 25  # the dense table of one explanation chunk: at most 32 MB


def _explain(pair: _Pairing, prow: np.ndarray, vrow: np.ndarray, chunk_size: int):
    """Exact scores, parts, practical flags and skill flags for kept pairs (sorted by prow).

    The same operations in the same order as `score_pair`, so the numbers are identical.
    """
    p, v = pair.p, pair.v
    n = len(prow)
    scores = np.empty(n, dtype=np.int16)
    parts = np.empty((n, len(PART_NAMES)))
    practical = np.empty((n, 3), dtype=np.int8)
    lengths = v.n_skills[vrow]
    flag_start = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1], out=flag_start[1:])
    flags = np.empty(int(lengths.sum()), dtype=np.uint8)
    codes = p.codes
    width = codes.shape[1]  # match_all builds both sides on one vocabulary
    nd, nt = pair.n_drive_cols, pair.n_talent_cols
    # Small whole numbers (rank weights, 0/1), compact so that gathering rows is cheap.
    p_drives, v_drives = p.drives.astype(np.int8), (v.drives[:, :nd] > 0).astype(np.int8)
    p_talents, v_talents = p.talents > 0, v.talents[:, :nt] > 0
    # A chunk's profile skills as a dense table of codes, reused: filled, read, cleared.
    step = max(1, min(chunk_size, _EXPLAIN_TABLE_BYTES // max(width, 1)))
    table = np.zeros((step, width), dtype=np.int8)
    bounds = np.searchsorted(prow, np.arange(0, len(p.ids) + step, step))
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        if lo == hi:
            continue
        pr, vr = prow[lo:hi], vrow[lo:hi]
        first, last = pr[0], pr[-1] + 1
        held = slice(codes.indptr[first], codes.indptr[last])
        held_rows = np.repeat(np.arange(last - first), np.diff(codes.indptr[first : last + 1]))
        table[held_rows, codes.indices[held]] = codes.data[held]
        # Skills: every required skill of every pair, looked up in the table.
        ln = lengths[lo:hi]
        start = flag_start[lo]
        entries = int(ln.sum())
        pair_of = np.repeat(np.arange(hi - lo), ln)
        idx = np.repeat(v.ptr[vr] - (flag_start[lo:hi] - start), ln) + np.arange(entries)
        packed = v.entry_code[idx]
        look = table.ravel()[((pr - first) * width)[pair_of] + (packed >> 4)].astype(np.int64)
        table[held_rows, codes.indices[held]] = 0
        look = look * 16 + (packed & 15)
        flags[start : start + entries] = _FLAG_TABLE[look]
        credit = np.bincount(pair_of, weights=_CREDIT_TABLE[look], minlength=hi - lo)
        total_w = v.weight_total[vr]
        skills = np.full(hi - lo, NEUTRAL)
        np.divide(credit, total_w, out=skills, where=total_w > 0)
        # Drijfveren: the rank weights of the person's drives that the vacature lists.
        p_dr, v_dr = pair.p_drives[pr], pair.v_drives[vr]
        got = np.einsum("ij,ij->i", p_drives[pr], v_drives[vr], dtype=np.int32)
        drives = np.full(hi - lo, NEUTRAL)
        best = _RANK_CUMULATIVE[np.minimum(p_dr, v_dr)]
        np.divide(got, best, out=drives, where=(p_dr > 0) & (v_dr > 0))
        # Talents: the share of the vacature's talents the person has.
        have, asked = p.n_talents[pr], v.n_talents[vr]
        got = (p_talents[pr] & v_talents[vr]).sum(axis=1)
        talents = np.full(hi - lo, NEUTRAL)
        np.divide(got, asked, out=talents, where=(have > 0) & (asked > 0))
        niveau = _NIVEAU_TABLE[p.nlqf[pr], v.nlqf[vr]]
        praktisch = _practical(p, v, pr, vr, practical[lo:hi])
        code = p.presence[pr] & v.presence[vr]
        present = {
            "drijfveren": (code & 1) != 0,
            "talenten": (code & 2) != 0,
            "niveau": (code & 4) != 0,
        }
        total = np.zeros(hi - lo)
        for j, part in enumerate((skills, drives, talents, niveau, praktisch)):
            name = PART_NAMES[j]
            parts[lo:hi, j] = part
            if name in present:  # a part left out adds exactly 0.0, as in score_pair
                total = total + np.where(present[name], PART_WEIGHTS[name] * part, 0.0)
            else:
                total = total + PART_WEIGHTS[name] * part  # score_pair's order
        units = 100 * total / _PRESENT_WEIGHT[code]
        scores[lo:hi] = np.clip(np.floor(units + 0.5 + ROUNDING_NUDGE), 0, 100)
    return scores, parts, practical, flag_start, flags


def _practical(p: ProfileIndex, v: VacatureIndex, pr, vr, flags: np.ndarray) -> np.ndarray:
    """The praktisch part of pairs, as in score_pair; flags get regio, uren, inkomen as
    1 (True), 0 (False) or -1 (unknown)."""
    wanted, asked = p.hours[pr], v.hours[vr]
    hours_known = ~np.isnan(wanted) & ~np.isnan(asked)
    over = asked - wanted
    hours_fit = np.where(over <= 0, 1.0, 1.0 - (1.0 - NEUTRAL) * over / HOURS_TOLERANCE)
    hours_fit = np.where(hours_known, hours_fit, NEUTRAL)
    need = p.need[pr]
    full = v.income_low[vr] >= need
    top_only = ~full & (v.income_top[vr] >= need) & ~np.isnan(v.salary_max[vr])
    income_fit = np.where(full, 1.0, np.where(top_only, INCOME_TOP_ONLY, NEUTRAL))
    unknown_region = (v.region[vr] < 0) | p.no_region[pr]
    flags[:, 0] = np.where(v.landelijk[vr] | ~unknown_region, 1, -1)
    flags[:, 1] = np.where(hours_known, over <= 0, -1)
    flags[:, 2] = np.where(full, 1, np.where(top_only, 0, -1))
    return (hours_fit + income_fit) / 2


# --- Bulk matching ------------------------------------------------------------------------------


def _blocks(pindex: ProfileIndex, vindex: VacatureIndex) -> list[tuple[np.ndarray, np.ndarray]]:
    """(profile rows, vacature rows) blocks that together hold every pair the region allows,
    each exactly once."""
    with_region = np.flatnonzero(~pindex.no_region)
    blocks = []
    if len(vindex.open_rows) and len(with_region):
        blocks.append((with_region, vindex.open_rows))
    for region, vrows in vindex.rows_by_region.items():
        if region < pindex.reach.shape[1]:
            prows = pindex.rows_accepting(region)
            if len(prows):
                blocks.append((prows, vrows))
    no_region = np.flatnonzero(pindex.no_region)
    if len(no_region) and len(vindex):
        blocks.append((no_region, np.arange(len(vindex))))
    return blocks


def _key_dtype(n: int) -> type:
    return np.int32 if 101 * n < 2**31 else np.int64


def match_all(
    profiles: Sequence[ProfileInput] | ProfileIndex,
    vacatures: Sequence[VacatureInput] | VacatureIndex,
    *,
    top_k: int = 50,
    chunk_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    per_vacature: bool = True,
    vacature_floor: Mapping[int, int] | None = None,
) -> MatchResults:
    """The top_k vacatures of every profile and (unless per_vacature is False) the top_k
    profiles of every vacature, the latter without the pairs scoring below that vacature's
    vacature_floor (vacature id: score). A rescore in chunks passes each vacature's top_k-th
    best score among the candidates of the chunks done (vacature_floors): a pair below it
    cannot be among its best overall."""
    vindex = vacatures if isinstance(vacatures, VacatureIndex) else VacatureIndex(vacatures)
    if isinstance(profiles, ProfileIndex) and profiles.vocab is not vindex.vocab:
        profiles = profiles.profiles
    pindex = (
        profiles if isinstance(profiles, ProfileIndex) else ProfileIndex(profiles, vindex.vocab)
    )
    pair = _Pairing(pindex, vindex)
    n_p, n_v, k = len(pindex), len(vindex), max(1, top_k)
    p_best = np.full((n_p, k), -1, dtype=np.int64)  # key = score * n_v + (n_v - 1 - vacature)
    v_best = np.full((n_v, k), -1, dtype=np.int64)  # key = score * n_p + (n_p - 1 - profile)
    v_least = np.full(n_v, -1, dtype=np.int64)  # the smallest key in v_best, per vacature
    v_floor = _floor_rows(vindex, vacature_floor)  # the lowest score still handed on
    expanded = pindex.expanded  # same vocabulary as vindex, so the same width
    plan = []
    for prows, vrows in _blocks(pindex, vindex):
        prows = pair.sort_rows(prows)
        step = max(1, min(chunk_size, MAX_BLOCK_PAIRS // len(vrows)))
        plan.append((prows, vrows, [prows[i : i + step] for i in range(0, len(prows), step)]))
    n_chunks = sum(len(chunks) for _, _, chunks in plan) + 1
    done = 0
    p_dtype, v_dtype = _key_dtype(n_v), _key_dtype(n_p)
    work = _Workspace(max((len(c[0]) * len(v) for _, v, c in plan), default=1))
    for _prows, vrows, chunks in plan:
        v_block = vindex.expanded[vrows].T.tocsr()
        v_tie = (n_v - 1 - vrows).astype(p_dtype)
        features: dict[int, np.ndarray] = {}
        for prows in chunks:
            shape = (len(prows), len(vrows))
            points = (expanded[prows] @ v_block).toarray(out=work.f32(shape))
            scores = pair.scores(prows, vrows, points, work, features)
            # Best per profile in this chunk, merged with the earlier blocks.
            keys = work.i32(1, shape) if p_dtype is np.int32 else np.empty(shape, p_dtype)
            np.multiply(scores, n_v, out=keys)
            keys += v_tie
            _merge_dense(p_best, prows, _top_k_dense(keys, k), k)
            if not per_vacature:
                done += 1
                if progress is not None:
                    progress(done, n_chunks)
                continue
            # Best per vacature: first a cheap test on the score alone, then the exact key.
            floor = np.maximum(v_least[vrows] // n_p, v_floor[vrows])
            hit = np.greater_equal(scores, floor, out=work.mask(shape))
            n_hit = np.count_nonzero(hit)
            if n_hit > 2 * k * len(vrows):
                flip = shape[::-1]
                keys = work.i32(1, flip) if v_dtype is np.int32 else np.empty(flip, v_dtype)
                np.multiply(scores.T, n_p, out=keys)
                keys += (n_p - 1 - prows).astype(v_dtype)
                _merge_dense(v_best, vrows, _top_k_dense(keys, k), k)
                v_least[vrows] = v_best[vrows].min(axis=1)
            elif n_hit:
                r, c = np.nonzero(hit)
                keys = scores[r, c].astype(np.int64) * n_p + (n_p - 1 - prows[r])
                better = keys > v_least[vrows[c]]
                if better.any():
                    touched = _merge_sparse(v_best, vrows[c[better]], keys[better], k)
                    v_least[touched] = v_best[touched].min(axis=1)
            done += 1
            if progress is not None:
                progress(done, n_chunks)
    # The union of both top-k lists, each pair once.
    rows, slots = np.nonzero(p_best >= 0)
    keys = p_best[rows, slots]
    p_pairs = rows.astype(np.int64) * n_v + (n_v - 1 - keys % n_v)
    # (The dense merge above keeps a chunk's best whatever their score.)
    rows, slots = np.nonzero((v_best >= 0) & (v_best // max(n_p, 1) >= v_floor[:, None]))
    keys = v_best[rows, slots]
    v_pairs = (n_p - 1 - keys % n_p) * n_v + rows
    codes = np.union1d(p_pairs, v_pairs)
    sides = np.isin(codes, p_pairs), np.isin(codes, v_pairs)
    done += 1
    if progress is not None:
        progress(done, n_chunks)
    return _results(pair, codes, chunk_size, sides)


def vacature_floors(vacature_ids: np.ndarray, scores: np.ndarray, top_k: int) -> dict[int, int]:
    """Per vacature with at least top_k of the scored pairs (vacature id, score) given, the
    top_k-th best score: a profile scoring below it cannot be among that vacature's top_k of
    any population holding those pairs (match_all's vacature_floor; the database computes
    the same for a rescore in matching.services)."""
    if not len(vacature_ids):
        return {}
    order = np.lexsort((-scores, vacature_ids))  # per vacature, best first
    vacature_ids, scores = vacature_ids[order], scores[order]
    ids, start, count = np.unique(vacature_ids, return_index=True, return_counts=True)
    full = count >= top_k
    return dict(zip(ids[full].tolist(), scores[start[full] + top_k - 1].tolist(), strict=True))


def _floor_rows(vindex: VacatureIndex, floor: Mapping[int, int] | None) -> np.ndarray:
    """vacature id: score as one score per vacature row (0 where none is given)."""
    rows = np.zeros(len(vindex), dtype=np.int64)
    if not floor:
        return rows
    ids = np.fromiter(floor.keys(), dtype=np.int64, count=len(floor))
    scores = np.fromiter(floor.values(), dtype=np.int64, count=len(floor))
    at, known = _rows_of(vindex.ids, ids)
    rows[at[known]] = scores[known]
    return rows


def _rows_of(index_ids: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The row of each id in an index's sorted ids, and whether the id is there at all."""
    at = np.searchsorted(index_ids, ids)
    known = at < len(index_ids)
    known[known] &= index_ids[at[known]] == ids[known]
    return at, known


def _results(pair: _Pairing, codes: np.ndarray, chunk_size: int, sides=None) -> MatchResults:
    """Explain the pairs `codes` (profile row * vacatures + vacature row, sorted, unique)."""
    n_v = len(pair.v)
    prow, vrow = codes // n_v, codes % n_v
    explained = _explain(pair, prow, vrow, chunk_size)
    scores = explained[0].astype(np.int64)
    order = np.argsort((prow * 101 + (100 - scores)) * n_v + vrow, kind="stable")
    return MatchResults(pair.v, pair.p.ids[prow], vrow, explained, order, sides)


def score_pairs(
    profiles: Sequence[ProfileInput],
    vacatures: Sequence[VacatureInput],
    pairs: Iterable[tuple[int, int]],
    *,
    chunk_size: int = 2000,
) -> MatchResults:
    """The given (profile id, vacature id) pairs, scored and explained exactly as match_all
    does, without a search. Pairs a hard filter excludes, or with an id not among the inputs,
    are left out."""
    vindex = VacatureIndex(vacatures)
    pindex = ProfileIndex(profiles, vindex.vocab)
    wanted = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    prow, p_known = _rows_of(pindex.ids, wanted[:, 0])
    vrow, v_known = _rows_of(vindex.ids, wanted[:, 1])
    known = p_known & v_known
    prow, vrow = prow[known], vrow[known]
    allowed = _allowed(pindex, vindex, prow, vrow)
    codes = np.unique(prow[allowed] * len(vindex) + vrow[allowed])
    return _results(_Pairing(pindex, vindex), codes, chunk_size)


def _allowed(p: ProfileIndex, v: VacatureIndex, prow: np.ndarray, vrow: np.ndarray) -> np.ndarray:
    """The hard filters of score_pair for pairs of rows: the region (as _blocks pairs them),
    hours beyond the tolerance, and an income need above the top of the scale."""
    region = v.region[vrow]
    regional = ~v.landelijk[vrow] & (region >= 0) & ~p.no_region[prow]
    reach = p.reach.tocsr()
    in_reach = np.zeros(len(prow), dtype=bool)
    fits = regional & (region < reach.shape[1])
    if fits.any():
        in_reach[fits] = np.asarray(reach[prow[fits], region[fits]]).ravel() != 0
    over = v.hours[vrow] - p.hours[prow]  # NaN (unknown) compares false
    return (
        (~regional | in_reach)
        & ~(over > HOURS_TOLERANCE)
        & ~(v.income_cut[vrow] < p.income_cut[prow])
    )


def _finish(pairs: list[tuple[ProfileInput, VacatureInput]], by_profile: bool) -> list[MatchResult]:
    results = [r for r in (score_pair(pr, va) for pr, va in pairs) if r is not None]
    if by_profile:
        results.sort(key=lambda r: (-r.score, r.vacature_id))
    else:
        results.sort(key=lambda r: (-r.score, r.profile_id))
    return results


def match_profile(
    profile: ProfileInput,
    vacatures: Sequence[VacatureInput] | VacatureIndex,
    *,
    top_k: int = 50,
    rows: np.ndarray | None = None,
) -> list[MatchResult]:
    """One profile against all vacatures (pass a prebuilt VacatureIndex to reuse it), or with
    `rows` against only those rows of the index (its vacatures in id order)."""
    vindex = vacatures if isinstance(vacatures, VacatureIndex) else VacatureIndex(vacatures)
    if not len(vindex) or top_k <= 0:
        return []
    pindex = ProfileIndex([profile], vindex.vocab)
    if pindex.no_region[0]:
        vrows = np.arange(len(vindex))
    else:
        regions = pindex.reach.nonzero()[1]
        none = np.empty(0, dtype=np.int64)
        parts = [vindex.open_rows] + [vindex.rows_by_region.get(r, none) for r in regions]
        vrows = np.sort(np.concatenate(parts)).astype(np.int64)
    if rows is not None:
        vrows = vrows[np.isin(vrows, rows)]
    if not len(vrows):
        return []
    vector = np.zeros(vindex.width, dtype=np.float32)
    row = pindex.expanded
    vector[row.indices] = row.data
    points = (vindex.expanded @ vector)[vrows][None, :]
    pair = _Pairing(pindex, vindex)
    scores = pair.scores(np.zeros(1, dtype=np.int64), vrows, points, _Workspace(len(vrows)))[0]
    n_v = len(vindex)
    keys = scores.astype(np.int64) * n_v + (n_v - 1 - vrows)
    keys = _top_k_dense(keys[None, :], top_k)[0]
    keys = keys[keys >= 0]
    chosen = n_v - 1 - keys % n_v
    return _finish([(profile, vindex.vacatures[c]) for c in chosen], by_profile=True)


def match_vacature(
    vacature: VacatureInput,
    profiles: Sequence[ProfileInput] | ProfileIndex,
    *,
    top_k: int = 50,
) -> list[MatchResult]:
    """One vacature against all profiles (pass a prebuilt ProfileIndex to reuse it)."""
    if isinstance(profiles, ProfileIndex):
        pindex = profiles
        vindex = VacatureIndex([vacature], pindex.vocab)
    else:
        vindex = VacatureIndex([vacature])
        pindex = ProfileIndex(profiles, vindex.vocab)
    if not len(pindex) or top_k <= 0:
        return []
    region = vindex.region[0]
    if vindex.landelijk[0] or region < 0:
        prows = np.arange(len(pindex))
    else:
        accepting = pindex.rows_accepting(region) if region < pindex.reach.shape[1] else []
        prows = np.union1d(accepting, np.flatnonzero(pindex.no_region)).astype(np.int64)
    if not len(prows):
        return []
    vector = np.zeros(pindex.width, dtype=np.float32)
    row = vindex.expanded
    inside = row.indices < pindex.width
    vector[row.indices[inside]] = row.data[inside]
    pair = _Pairing(pindex, vindex)
    prows = pair.sort_rows(prows)
    points = (pindex.expanded @ vector)[prows][:, None]
    scores = pair.scores(prows, np.zeros(1, dtype=np.int64), points, _Workspace(len(prows)))[:, 0]
    n_p = len(pindex)
    keys = scores.astype(np.int64) * n_p + (n_p - 1 - prows)
    keys = _top_k_dense(keys[None, :], top_k)[0]
    keys = keys[keys >= 0]
    chosen = n_p - 1 - keys % n_p
    return _finish([(pindex.profiles[c], vacature) for c in chosen], by_profile=False)
