"""event-location scorer: the text-matching rule on hand-made rows, and a quick run on the real set."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from eventwire.evaluate.base import DatasetMissing
from eventwire.evaluate.event_location import evaluate, normalise, span_text, text_match, trigger_offsets
from eventwire.pipeline import Pipeline
from tests.conftest import require_shared


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Aziziyah", "Aziziyah", True),
        ("the Kodori Gorge", "Kodori Gorge", True),
        ("Homs", "Homs province", True),  # one contains the other as whole words
        ("Aziziyah district", "Aziziyah", True),
        ("Al-Bayaa", "al Bayaa", True),  # case and punctuation
        ("Iraq", "Iraqi Kurdistan", False),  # not a whole word
        ("Baghdad", "Al-Bayaa", False),
        ("", "Baghdad", False),
    ],
)
def test_event_location_text_match(predicted: str, gold: str, expected: bool) -> None:
    assert text_match(predicted, gold) is expected


def test_event_location_normalise_drops_the_and_punctuation() -> None:
    assert normalise("The  U.N. compound,") == "u n compound"


ROW: dict[str, Any] = {
    "text": "Sassi was captured during the offensive in Afghanistan.",
    "spans": [
        {"start": 10, "end": 18, "label": "VERB"},
        {"start": 10, "end": 10, "label": "LOCATION", "text": "Afghanistan"},  # start == end: text wins
    ],
}


def test_event_location_span_text_prefers_the_text_field() -> None:
    verb, place = ROW["spans"]
    assert span_text(ROW, verb) == "captured"
    assert span_text(ROW, place) == "Afghanistan"


def test_event_location_trigger_offsets_found_by_text_when_offsets_are_stale() -> None:
    assert trigger_offsets(ROW, ROW["spans"][0]) == (10, 18)
    stale = {"start": 3, "end": 3, "label": "VERB", "text": "captured"}
    assert trigger_offsets(ROW, stale) == (10, 18)
    assert trigger_offsets(ROW, {"start": 0, "end": 0, "label": "VERB", "text": "bombed"}) is None


def test_event_location_missing_data_raises(tmp_path: Path) -> None:
    with pytest.raises(DatasetMissing, match="E050"):
        evaluate(tmp_path, cast(Pipeline, object()))


@pytest.mark.slow
def test_event_location_quick_run_on_the_gold_set(pipeline: Pipeline) -> None:
    data = require_shared("benchmarks", "event-location", "gold.jsonl").parents[1]
    result = evaluate(data, pipeline, limit=60)
    assert result.n == 60
    assert set(result.metrics) == {"accuracy", "coverage", "no_place_correct"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["accuracy"] > 0.5
    assert all({"text", "gold", "predicted", "id"} <= set(e) for e in result.errors)
