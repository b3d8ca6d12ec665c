"""wikievents scorer: text rebuilding, token mapping and the P/R arithmetic on a hand-made document."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from eventwire.evaluate.base import DatasetMissing
from eventwire.evaluate.wikievents import (
    args_match,
    char_span,
    evaluate,
    rebuild,
    scores,
    token_offsets,
    trigger_scores,
)
from eventwire.pipeline import Pipeline
from tests.conftest import require_shared


def _sentence(text: str, offset: int) -> list[Any]:
    """[[word, start, end], ...], text] with offsets that start at `offset`, as the file's drift."""
    tokens, cursor = [], 0
    for word in text.split():
        at = text.index(word, cursor)
        tokens.append([word, offset + at, offset + at + len(word)])
        cursor = at + len(word)
    return [tokens, text]


ROW: dict[str, Any] = {
    "doc_id": "toy",
    "sentences": [
        _sentence("IED kills general in Syria", 0),
        _sentence("Read more", 26),
        _sentence("A bomb exploded .", 500),
    ],
}


def test_wikievents_rebuild_one_paragraph_per_sentence() -> None:
    assert rebuild(ROW) == "IED kills general in Syria\n\nRead more\n\nA bomb exploded ."


def test_wikievents_token_offsets_follow_cleaning() -> None:
    cleaned = "IED kills general in Syria\n\nA bomb exploded ."  # cleaning dropped "Read more"
    offsets = token_offsets(ROW, cleaned)
    assert [cleaned[o[0] : o[1]] if o else None for o in offsets] == [
        "IED", "kills", "general", "in", "Syria", None, None, "A", "bomb", "exploded", ".",
    ]  # fmt: skip
    assert char_span(offsets, 0, 3) == (0, 17)
    assert char_span(offsets, 5, 7) is None


def test_wikievents_trigger_scores_count_each_side_apart() -> None:
    gold = [(4, 9), (30, 38)]
    counts = trigger_scores(gold, [(4, 9), (5, 8), (50, 55)])
    assert counts == {"gold": 2, "found": 1, "predicted": 3, "right": 2}
    p, r, f = scores(counts)
    assert (round(p, 4), r, round(f, 4)) == (0.6667, 0.5, 0.5714)
    assert scores({"gold": 0, "found": 0, "predicted": 0, "right": 0}) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("gold", "ours", "expected"),
    [
        ("general", "Russian major general", True),
        ("Syria", "Syria", True),
        ("the soldiers", "Afghan soldiers", True),
        ("the", "the army", False),  # stop words alone never match
        ("Taliban", "Afghan soldiers", False),
    ],
)
def test_wikievents_args_match(gold: str, ours: str, expected: bool) -> None:
    assert args_match(gold, ours) is expected


def test_wikievents_missing_data_raises(tmp_path: Path) -> None:
    with pytest.raises(DatasetMissing, match="E050"):
        evaluate(tmp_path, cast(Pipeline, object()))


@pytest.mark.slow
def test_wikievents_quick_run_on_the_gold_set(pipeline: Pipeline) -> None:
    data = require_shared("benchmarks", "wikievents", "dev.jsonl").parents[1]
    result = evaluate(data, pipeline, limit=5)
    assert result.n == 5
    expected = {f"{k}_{m}" for k in ("trigger", "arg") for m in ("p", "r", "f1")}
    assert set(result.metrics) == expected
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["trigger_f1"] > 0.3
    assert set(result.details["per_role"]) == {"attacker", "target", "place"}
