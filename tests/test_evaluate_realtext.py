"""Real-text sets: `eventwire evaluate NAME` reports what the folder's own score.py reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import run
from tests.conftest import require_shared

# A scorer of the shape the real-text folders ship: ARTICLES GOLD SYSTEM --json --errors.
TOY_SCORER = """
import argparse, json, sys

def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("articles"); ap.add_argument("gold"); ap.add_argument("system")
    ap.add_argument("--json"); ap.add_argument("--errors")
    a = ap.parse_args(argv)
    system = json.load(open(a.system))
    lines = [json.loads(line) for line in open(a.gold) if line.strip()]
    gold = [g for g in lines if not g.get("no_events")]
    occurred = [e for e in system["events"] if e["status"] == "occurred"]
    metrics = {"articles": len(system["articles"]), "events": len(occurred),
               "found": round(min(1.0, len(occurred) / max(1, len(gold))), 4)}
    json.dump({"metrics": metrics}, open(a.json, "w"))
    with open(a.errors, "w") as f:
        f.write(json.dumps({"kind": "seen", "gold_lines": len(lines)}) + "\\n")
    print("printed by the scorer, not by eventwire")
    return 0
"""


def _toy_folder(root: Path) -> Path:
    folder = root / "realnews"
    folder.mkdir(parents=True)
    articles = [
        {"id": "a1", "published": "2018-02-26", "text": "Gunmen killed four villagers in Kidal on Sunday."},
        {"id": "a2", "published": "2018-02-26", "text": "The weather was mild and the markets were calm."},
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (folder / "gold.jsonl").write_text(
        json.dumps({"article": "a1", "event_type": "Violence against civilians"})
        + "\n"
        + json.dumps({"article": "a2", "no_events": True})
        + "\n"
    )
    (folder / "score.py").write_text(TOY_SCORER)
    return root


def test_realtext_scores_come_from_the_folders_own_scorer(pipeline: Any, tmp_path: Path) -> None:
    result = run("realnews", _toy_folder(tmp_path / "data"), pipeline)
    assert result.n == 2
    assert result.metrics == {"found": 1.0}  # fractions are graded; counts go to the details
    assert result.details["counts"] == {"articles": 2, "events": 1}
    assert result.errors == [{"kind": "seen", "gold_lines": 2}]
    assert set(result.attachments) == {
        "realnews.articles.jsonl",
        "realnews.gold.jsonl",
        "realnews.system.json",
    }


def test_realtext_limit_scores_the_first_articles_with_their_gold_only(pipeline: Any, tmp_path: Path) -> None:
    result = run("realnews", _toy_folder(tmp_path / "data"), pipeline, limit=1)
    assert result.n == 1
    assert result.errors == [{"kind": "seen", "gold_lines": 1}]
    gold = result.attachments["realnews.gold.jsonl"].decode()
    assert [json.loads(line)["article"] for line in gold.splitlines()] == ["a1"]


def test_realtext_missing_folder_names_the_path(pipeline: Any, tmp_path: Path) -> None:
    from eventwire.evaluate import DatasetMissing

    with pytest.raises(DatasetMissing, match="muc4"):
        run("muc4", tmp_path, pipeline)


# dataset -> (limit, how the folder's score.py is called on the files the run leaves behind)
AGREEMENT = {
    "realnews": (4, ["realnews.articles.jsonl", "realnews.gold.jsonl"]),
    "muc4": (12, ["muc4.articles.jsonl", "muc4.gold.jsonl"]),
    "isaf": (12, ["isaf.articles.jsonl", "isaf.gold.jsonl"]),
    "acled-notes": (25, ["score", "acled-notes.cases.csv"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("dataset", sorted(AGREEMENT))
def test_realtext_evaluate_agrees_with_score_py(pipeline: Any, tmp_path: Path, dataset: str) -> None:
    """The figures `eventwire evaluate` prints are the ones the folder's score.py prints, run on its own."""
    data = require_shared("benchmarks")
    limit, args = AGREEMENT[dataset]
    result = run(dataset, data, pipeline, limit=limit)
    result.write_attachments(tmp_path)
    out = tmp_path / "scores.json"
    command = [sys.executable, str(data / dataset / "score.py")]
    command += [str(tmp_path / a) if a.endswith((".jsonl", ".csv")) else a for a in args]
    command += [str(tmp_path / f"{dataset}.system.json"), "--json", str(out)]
    subprocess.run(command, check=True, capture_output=True, text=True)
    theirs = json.loads(out.read_text())["metrics"]
    assert {k: v for k, v in theirs.items() if k in result.metrics} == result.metrics
    assert set(result.metrics) | set(result.details["counts"]) == set(theirs)
