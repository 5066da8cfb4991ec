"""The match-quality benchmark (bench/match_quality.py) and its labelled set (bench/data/):
the metrics against hand-computed examples, the set as the issue asks it, and a run on a
small slice that ends with its RESULT line. The full run is `make bench-quality`."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest

from bench import match_quality as mq
from bench.data import build_eval_set

DATA = Path(mq.__file__).resolve().parent / "data"


def test_ndcg_against_hand_computed_values():
    # Ranked labels 3, 2, 0 of a persona whose labels are 3, 2, 1, 0:
    # DCG@3 = 7/log2(2) + 3/log2(3) + 0 = 7 + 1.892789 = 8.892789
    # IDCG@3 = 7 + 3/log2(3) + 1/log2(4) = 9.392789
    assert mq.ndcg_at([3, 2, 0], [0, 1, 2, 3], k=3) == pytest.approx(8.892789 / 9.392789, abs=1e-6)
    assert mq.ndcg_at([3, 2, 0], [0, 1, 2, 3], k=3) == pytest.approx(0.946768, abs=1e-6)
    # The one relevant item in second place: (7 / log2 3) / 7 = 0.630930.
    assert mq.ndcg_at([0, 3, 0], [3, 0, 0], k=10) == pytest.approx(0.630930, abs=1e-6)
    # Perfect order scores 1, beyond k does not count, nothing to find is None.
    assert mq.ndcg_at([3, 2, 1], [1, 3, 2]) == pytest.approx(1.0)
    assert mq.ndcg_at([0, 3], [3, 0], k=1) == 0.0
    assert mq.ndcg_at([0, 0], [0, 0]) is None
    assert mq.dcg([1, 1], 10) == pytest.approx(1 + 1 / math.log2(3))


def test_precision_at_five_against_hand_computed_values():
    assert mq.precision_at([3, 0, 2, 1, 2, 3]) == pytest.approx(3 / 5)
    assert mq.precision_at([1, 1, 1, 1, 1]) == 0.0
    assert mq.precision_at([3]) == pytest.approx(1 / 5)  # an empty place is not relevant
    assert mq.precision_at([2, 2], k=2) == 1.0


def test_the_set_has_every_pair_labelled_with_a_reason():
    personas = json.loads((DATA / "personas.json").read_text(encoding="utf-8"))
    vacatures = json.loads((DATA / "vacatures.json").read_text(encoding="utf-8"))
    with (DATA / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    assert len(personas) >= 30 and len(vacatures) >= 200
    pairs = {(r["persona"], int(r["vacature"])) for r in labels}
    assert pairs == {(p["id"], v["id"]) for p in personas for v in vacatures}
    assert len(labels) == len(pairs)
    assert all(r["label"] in {"0", "1", "2", "3"} and r["reason"].strip() for r in labels)
    assert len({p["group"] for p in personas}) >= 6
    assert len({v["sector"] for v in vacatures}) >= 8
    # The engine can score them: every code is in the curated taxonomy.
    skills = mq._ids("skills.csv")
    assert all(s in skills for p in personas for s in p["skills"])
    assert all(s in skills for v in vacatures for s in v["skills"])


def test_the_labels_are_the_written_rubric_and_not_the_engine():
    personas, vacatures, labels = build_eval_set.build()
    on_disk = json.loads((DATA / "personas.json").read_text(encoding="utf-8"))
    assert personas == on_disk
    assert vacatures == json.loads((DATA / "vacatures.json").read_text(encoding="utf-8"))
    with (DATA / "labels.csv").open(encoding="utf-8", newline="") as handle:
        stored = [
            (r["persona"], int(r["vacature"]), int(r["label"]), r["reason"])
            for r in csv.DictReader(handle)
        ]
    assert stored == labels
    source = Path(build_eval_set.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+matching", source, re.MULTILINE)


def test_the_bench_runs_on_a_slice_and_prints_its_result_line(capsys):
    assert mq.main(["--personas", "6", "--vacatures", "80"]) == 0
    out = capsys.readouterr().out
    last = out.strip().splitlines()[-1]
    match = re.fullmatch(
        r"RESULT match_quality personas=6 vacatures=80 ndcg10=(\S+) p5=(\S+) "
        r"ndcg10_cosine=(\S+) p5_cosine=(\S+) ndcg10_score_only=\S+ p5_score_only=\S+ "
        r"ndcg10_cosine_filtered=\S+ p5_cosine_filtered=\S+ "
        r"ndcg10_direction_cosine=\S+ p5_direction_cosine=\S+ ok=(yes|no)",
        last,
    )
    assert match, last
    ndcg, p5, ndcg_cos, p5_cos = (float(match.group(i)) for i in range(1, 5))
    assert all(0.0 <= x <= 1.0 for x in (ndcg, p5, ndcg_cos, p5_cos))
    assert "overall" in out and "financieel→onderwijs" in out
    # The first six personas (bank to school) are the group of the example: the
    # engine with its direction puts no own job first.
    assert "engine           own beroep ranked first for 0 of" in out
