"""re3d scorer: named-mention test, gold type choice and span matching on hand-made spans."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from eventwire.annotations import ActorEntry, ActorMention, Place, PlaceMention
from eventwire.evaluate.base import DatasetMissing
from eventwire.evaluate.re3d import evaluate, gold_spans, is_named, match, predicted_spans
from eventwire.pipeline import Pipeline
from tests.conftest import require_shared


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hezbollah", True),
        ("President Bashar al-Assad", True),
        ("The Israeli government", True),
        ("It", False),
        ("we", False),
        ("the army", False),
        ("The army", False),
        ("thousands of fighters", False),
        ("civilians", False),
        ("30 November", True),
    ],
)
def test_re3d_is_named(text: str, named: bool) -> None:
    assert is_named(text) is named


def test_re3d_gold_keeps_the_most_confident_type_per_span() -> None:
    entities = [
        {"begin": 0, "end": 5, "type": "Location", "confidence": 0},
        {"begin": 0, "end": 5, "type": "Organisation", "confidence": 1},
        {"begin": 10, "end": 17, "type": "Nationality", "confidence": 0},
        {"begin": 20, "end": 27, "type": "Weapon", "confidence": 1},  # not a type we map
    ]
    assert gold_spans(entities) == [(0, 5, "Organisation"), (10, 17, "Nationality")]


def test_re3d_match_exact_and_overlap() -> None:
    gold = [(0, 7, "Organisation"), (0, 19, "Organisation"), (30, 36, "Location")]
    pred = [(0, 19, "Organisation"), (30, 40, "Location"), (30, 36, "Person")]
    assert match(gold, pred, exact=True) == [((0, 19, "Organisation"), (0, 19, "Organisation"))]
    # The exact pair is made first, so the nested "Reuters" does not take "Reuters news agency".
    overlap = match(gold, pred, exact=False)
    assert ((0, 19, "Organisation"), (0, 19, "Organisation")) in overlap
    assert ((30, 36, "Location"), (30, 40, "Location")) in overlap
    assert len(overlap) == 2


def _actor(start: int, text: str, kind: str, via: str = "alias") -> ActorMention:
    entry = ActorEntry(id=text.lower(), name=text, kind=kind)
    return ActorMention(start, start + len(text), text, entry, via)  # type: ignore[arg-type]


def test_re3d_predicted_types() -> None:
    place = Place(name="Mezzeh", lat=33.5, lon=36.2, country_code="SY", country="Syria")
    spans = predicted_spans(
        [
            _actor(0, "Hezbollah", "armed_group"),
            _actor(20, "Bashar al-Assad", "person"),
            _actor(40, "Syrian", "state", "demonym"),
            _actor(50, "Israeli jets", "military", "demonym"),
        ],
        [PlaceMention(70, 76, "Mezzeh", place)],
    )
    assert [s[2] for s in spans] == ["Organisation", "Person", "Nationality", "Organisation", "Location"]


def test_re3d_missing_data_raises(tmp_path: Path) -> None:
    with pytest.raises(DatasetMissing, match="E050"):
        evaluate(tmp_path, cast(Pipeline, object()))


@pytest.mark.slow
def test_re3d_quick_run_on_the_gold_set(pipeline: Pipeline) -> None:
    data = require_shared("benchmarks", "re3d").parent
    result = evaluate(data, pipeline, limit=14)
    assert result.n == 14
    for short in ("org", "person", "location", "nationality"):
        assert {f"{short}_p", f"{short}_r", f"{short}_f1"} <= set(result.metrics)
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["f1"] > 0.3
    assert set(result.details["nominal"]) == {"Organisation", "Person", "Location", "Nationality"}
