"""Match quality: does /mijn-matches/ put the right vacatures on top? (issue 13)

    make bench-quality
    .venv/bin/python bench/match_quality.py --personas 6 --vacatures 60   # a slice

Loads the labelled set in bench/data/ (personas.json, vacatures.json, labels.csv: every
persona x vacature pair judged 0-3 by the rubric in bench/data/build_eval_set.py), turns it
into the engine's inputs (skill, beroep, drijfveer and talent ids are the row numbers of the
curated taxonomy in taxonomy/data/), and ranks the vacatures of every persona three ways:

- engine: what /mijn-matches/ shows, in its order. The selection of rescore_profile
  (matching.direction.select_for_profile: the best 50 within the person's direction), the
  ordering of matches_for_profile (matching.direction.order), then the page's two sections
  ("Vacatures die bij je passen" before "Ook het bekijken waard",
  matching.explanations.has_essential_in_common and LOOK_THRESHOLD).
- engine, score only: the same engine and sections with the selection before issue 13's
  fix (engine.match_profile: the best 50 by score), for comparison.
- cosine: a plain cosine over the same skill vectors (level x evidence weight for the person,
  min level x essential weight for the vacature), every vacature, no filter (the baseline of
  the target).
- cosine, filtered: the same cosine over only the vacatures the engine's hard filters
  (region, hours, income) let through: a fairer baseline, printed beside it.
- direction + cosine: that filtered cosine put in the direction's order (an ablation: what
  the engine's own score adds beyond the direction and the filters).

Prints nDCG@10 (gain 2^label - 1, ideal from all labels of the persona) and precision@5
(share of the top 5 labelled 2 or 3) per persona group and overall, and ends with
RESULT match_quality ... ok=yes when the engine's nDCG@10 >= 0.80 and at least 0.10 above
the cosine's. No Django set-up and no database: the engine and the direction are plain Python.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

if not settings.configured:  # the explanations' sentences only need gettext; no database
    settings.configure(USE_I18N=False)

from matching import direction, engine  # noqa: E402
from matching.explanations import LOOK_THRESHOLD, has_essential_in_common  # noqa: E402

DATA = ROOT / "bench" / "data"
TAXONOMY = ROOT / "taxonomy" / "data"
NLQF = {"geen": 1, "mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "ad": 5, "hbo": 6, "wo": 7}
TOP_K = 50  # matching.services.TOP_K: how many matches a person gets
RELEVANT = 2  # a label of 2 or 3 counts as relevant for precision@5
TARGET_NDCG = 0.80
TARGET_MARGIN = 0.10


# --- Metrics -------------------------------------------------------------------------------


def dcg(labels: list[int], k: int) -> float:
    return sum((2**rel - 1) / math.log2(i + 2) for i, rel in enumerate(labels[:k]))


def ndcg_at(ranked: list[int], all_labels: list[int], k: int = 10) -> float | None:
    """nDCG@k of the labels in ranked order against the best order of all labels; None when
    no label is above 0 (nothing to find)."""
    ideal = dcg(sorted(all_labels, reverse=True), k)
    if ideal == 0:
        return None
    return dcg(ranked, k) / ideal


def precision_at(ranked: list[int], k: int = 5, relevant: int = RELEVANT) -> float:
    """Share of the first k places holding a relevant item (an empty place counts as not)."""
    return sum(1 for rel in ranked[:k] if rel >= relevant) / k


# --- The set as engine inputs --------------------------------------------------------------


def _ids(name: str) -> dict[str, int]:
    with (TAXONOMY / name).open(encoding="utf-8", newline="") as handle:
        return {row["code"]: i for i, row in enumerate(csv.DictReader(handle), start=1)}


def load(data: Path, n_personas: int | None, n_vacatures: int | None):
    personas = json.loads((data / "personas.json").read_text(encoding="utf-8"))[:n_personas]
    vacatures = json.loads((data / "vacatures.json").read_text(encoding="utf-8"))[:n_vacatures]
    keep_p, keep_v = {p["id"] for p in personas}, {v["id"] for v in vacatures}
    labels: dict[str, dict[int, int]] = defaultdict(dict)
    with (data / "labels.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["persona"] in keep_p and int(row["vacature"]) in keep_v:
                labels[row["persona"]][int(row["vacature"])] = int(row["label"])
    return personas, vacatures, labels


def engine_inputs(personas: list[dict], vacatures: list[dict]):
    skills, beroepen = _ids("skills.csv"), _ids("beroepen.csv")
    drives, talents = _ids("drijfveren.csv"), _ids("talents.csv")
    with (TAXONOMY / "beroepen.csv").open(encoding="utf-8", newline="") as handle:
        beroep_names = {row["code"]: row["label_nl"] for row in csv.DictReader(handle)}
    with (TAXONOMY / "tekorten.csv").open(encoding="utf-8", newline="") as handle:
        tekort = {r["beroep"]: r for r in csv.DictReader(handle) if not r["regio"]}
    regions: dict[str, int] = {}

    def region(code: str) -> int:
        return regions.setdefault(code, len(regions) + 1)

    people, dirs = [], {}
    for n, p in enumerate(personas, start=1):
        people.append(
            engine.ProfileInput(
                id=n,
                skills={skills[c]: (lvl, ev, False) for c, (lvl, ev) in p["skills"].items()},
                drijfveren=[drives[d] for d in p["drijfveren"]],
                talents=[talents[t] for t in p["talents"]],
                nlqf=NLQF.get(p["niveau"]),
                region_id=region(p["region"]),
                reach={region(r) for r in p["reach"]},
                hours=p["hours"],
                min_net_income=float(p["min_net_income"]),
            )
        )
        dirs[n] = direction.Direction.of(
            target_sectors=p["target_sectors"],
            target_beroepen=[beroepen[b] for b in p["target_beroepen"]],
            own_titles=[p["own_title"]] if p["own_title"] else [],
        )
    work, facts = [], {}
    for v in vacatures:
        salary = v["salary"] or [None, None]
        work.append(
            engine.VacatureInput(
                id=v["id"],
                skills={skills[c]: (lvl, ess) for c, (lvl, ess) in v["skills"].items()},
                drijfveren=[drives[d] for d in v["drijfveren"]],
                talents=[talents[t] for t in v["talents"]],
                nlqf=NLQF.get(v["niveau"]),
                region_id=region(v["region"]),
                landelijk=v["landelijk"],
                hours=v["hours"],
                salary_min=salary[0],
                salary_max=salary[1],
            )
        )
        t = tekort.get(v["beroep"])
        facts[v["id"]] = direction.WorkFacts.of(
            sector=v["sector"],
            beroep_id=beroepen[v["beroep"]],
            names=[v["title"], beroep_names[v["beroep"]]],
            spanning=int(t["spanning"]) if t else None,
            krimp=bool(t and t["krimp"] == "ja"),
        )
    return people, dirs, work, facts


# --- The three rankings --------------------------------------------------------------------


def _page(results: list[engine.MatchResult], profile, by_id) -> list[int]:
    """The page's two sections: passend first, then "ook het bekijken waard"."""
    fit, look = [], []
    for r in results:
        passend = has_essential_in_common(profile, by_id[r.vacature_id]) or (
            r.score >= LOOK_THRESHOLD
        )
        (fit if passend else look).append(r.vacature_id)
    return fit + look


def rank_engine(profile, work, dirn, facts, by_id) -> list[int]:
    selected = direction.select_for_profile(profile, work, direction=dirn, facts=facts, top_k=TOP_K)
    ordered = direction.order(
        selected,
        direction=dirn,
        facts=facts,
        score=lambda r: r.score,
        vacature_id=lambda r: r.vacature_id,
    )
    return _page(ordered[:TOP_K], profile, by_id)


def rank_score_only(profile, work, by_id) -> list[int]:
    return _page(engine.match_profile(profile, work, top_k=TOP_K), profile, by_id)


def _vector(pairs: dict[int, float]) -> tuple[dict[int, float], float]:
    return pairs, math.sqrt(sum(w * w for w in pairs.values()))


def rank_cosine(profile, work, *, filtered: bool = False) -> list[int]:
    """Every vacature by cosine; with filtered, only those the engine's hard filters (region,
    hours, income) let through, as a fairer baseline."""
    if filtered:
        work = [v for v in work if engine.score_pair(profile, v) is not None]
    mine, my_norm = _vector(
        {
            s: lvl * engine.EVIDENCE_WEIGHTS.get(ev, 0.7)
            for s, (lvl, ev, _v) in profile.skills.items()
        }
    )
    scored = []
    for v in work:
        theirs, their_norm = _vector(
            {
                s: lvl * (engine.ESSENTIAL_WEIGHT if ess else engine.OPTIONAL_WEIGHT)
                for s, (lvl, ess) in v.skills.items()
            }
        )
        dot = sum(w * theirs[s] for s, w in mine.items() if s in theirs)
        cos = dot / (my_norm * their_norm) if my_norm and their_norm else 0.0
        scored.append((-cos, v.id))
    scored.sort()
    return [vid for _c, vid in scored]


def rank_direction_cosine(profile, work, dirn, facts) -> list[int]:
    """The filtered cosine put in the direction's order: what the engine's score adds
    beyond the direction and the filters (an ablation)."""
    ranked = rank_cosine(profile, work, filtered=True)
    place = {vid: i for i, vid in enumerate(ranked)}
    return direction.order(
        ranked, direction=dirn, facts=facts, score=lambda vid: -place[vid], vacature_id=int
    )


# --- Run -----------------------------------------------------------------------------------

METHODS = ("engine", "score_only", "cosine", "cosine_filtered", "direction_cosine")


def evaluate(personas, vacatures, labels) -> dict:
    people, dirs, work, facts = engine_inputs(personas, vacatures)
    by_id = {v.id: v for v in work}
    vac_by_id = {v["id"]: v for v in vacatures}
    rows = []
    for n, (p, profile) in enumerate(zip(personas, people, strict=True), start=1):
        mine = labels[p["id"]]
        rankings = {
            "engine": rank_engine(profile, work, dirs[n], facts, by_id),
            "score_only": rank_score_only(profile, work, by_id),
            "cosine": rank_cosine(profile, work),
            "cosine_filtered": rank_cosine(profile, work, filtered=True),
            "direction_cosine": rank_direction_cosine(profile, work, dirs[n], facts),
        }
        row = {"persona": p["id"], "group": p["group"], "own": p["own_beroep"]}
        all_labels = list(mine.values())
        row["p5_ideal"] = precision_at(sorted(all_labels, reverse=True))
        for name, ranked in rankings.items():
            got = [mine.get(vid, 0) for vid in ranked]
            row[f"ndcg10_{name}"] = ndcg_at(got, all_labels, 10)
            row[f"p5_{name}"] = precision_at(got)
            row[f"own_first_{name}"] = bool(
                p["own_beroep"] and ranked and vac_by_id[ranked[0]]["beroep"] == p["own_beroep"]
            )
            top = [vac_by_id[vid] for vid in ranked[:10]]
            row[f"shortage10_{name}"] = (
                sum(1 for v in top if direction.is_shortage(facts[v["id"]])) / len(top)
                if top
                else 0.0
            )
        rows.append(row)
    return {"rows": rows}


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else 0.0


def report(rows: list[dict]) -> dict:
    groups = list(dict.fromkeys(r["group"] for r in rows))
    head = (
        f"{'group':<24}{'n':>3}  {'nDCG@10':>8}{'P@5':>6}  {'score only':>10}{'P@5':>6}"
        f"  {'cosine':>7}{'P@5':>6}  {'filtered':>8}{'P@5':>6}  {'dir+cos':>7}{'P@5':>6}"
        f"  {'P@5 max':>7}"
    )
    print(head)
    print("-" * len(head))
    for group in [*groups, "overall"]:
        part = rows if group == "overall" else [r for r in rows if r["group"] == group]
        print(
            f"{group:<24}{len(part):>3}  {_mean(r['ndcg10_engine'] for r in part):>8.3f}"
            f"{_mean(r['p5_engine'] for r in part):>6.2f}"
            f"  {_mean(r['ndcg10_score_only'] for r in part):>10.3f}"
            f"{_mean(r['p5_score_only'] for r in part):>6.2f}"
            f"  {_mean(r['ndcg10_cosine'] for r in part):>7.3f}"
            f"{_mean(r['p5_cosine'] for r in part):>6.2f}"
            f"  {_mean(r['ndcg10_cosine_filtered'] for r in part):>8.3f}"
            f"{_mean(r['p5_cosine_filtered'] for r in part):>6.2f}"
            f"  {_mean(r['ndcg10_direction_cosine'] for r in part):>7.3f}"
            f"{_mean(r['p5_direction_cosine'] for r in part):>6.2f}"
            f"  {_mean(r['p5_ideal'] for r in part):>7.2f}"
        )
    with_own = [r for r in rows if r["own"]]
    print()
    for name in METHODS:
        own = sum(r[f"own_first_{name}"] for r in with_own)
        shortage = 100 * _mean(r[f"shortage10_{name}"] for r in rows)
        print(
            f"{name:<16} own beroep ranked first for {own} of {len(with_own)} personas who have "
            f"one; top 10 in shortage work: {shortage:.0f}%"
        )
    return {
        name: (
            _mean(r[f"ndcg10_{name}"] for r in rows),
            _mean(r[f"p5_{name}"] for r in rows),
        )
        for name in METHODS
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--personas", type=int, default=None, help="only the first N personas")
    parser.add_argument("--vacatures", type=int, default=None, help="only the first N vacatures")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    personas, vacatures, labels = load(args.data, args.personas, args.vacatures)
    pairs = sum(len(v) for v in labels.values())
    print(f"set: {len(personas)} personas x {len(vacatures)} vacatures, {pairs} labelled pairs")
    rows = evaluate(personas, vacatures, labels)["rows"]
    means = report(rows)
    (ndcg, p5), (ndcg_s, p5_s), (ndcg_c, p5_c), (ndcg_f, p5_f), (ndcg_d, p5_d) = (
        means[m] for m in METHODS
    )
    ok = ndcg >= TARGET_NDCG and ndcg - ndcg_c >= TARGET_MARGIN
    print(f"\ntime {time.perf_counter() - started:.1f} s")
    print(
        f"RESULT match_quality personas={len(personas)} vacatures={len(vacatures)} "
        f"ndcg10={ndcg:.3f} p5={p5:.3f} ndcg10_cosine={ndcg_c:.3f} p5_cosine={p5_c:.3f} "
        f"ndcg10_score_only={ndcg_s:.3f} p5_score_only={p5_s:.3f} "
        f"ndcg10_cosine_filtered={ndcg_f:.3f} p5_cosine_filtered={p5_f:.3f} "
        f"ndcg10_direction_cosine={ndcg_d:.3f} p5_direction_cosine={p5_d:.3f} "
        f"ok={'yes' if ok else 'no'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
