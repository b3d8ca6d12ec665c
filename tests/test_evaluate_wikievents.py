"""wikievents scorer: text rebuilding, token mapping, the P/R arithmetic and the keyword baseline,
on hand-made documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from eventwire.evaluate.base import DatasetMissing
from eventwire.evaluate.wikievents import (
    GoldArg,
    Predicted,
    args_match,
    assault_words,
    char_span,
    evaluate,
    rebuild,
    score_args,
    scores,
    token_offsets,
    trigger_scores,
)
from eventwire.events import load_lexicon
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


# Ours with the baseline beside: P/R/F1 of triggers and of all arguments, F1 of Victims and Places.
METRICS = {f"{k}_{m}" for k in ("trigger", "arg") for m in ("p", "r", "f1")} | {
    f"{prefix}{k}_f1" for prefix in ("", "baseline_") for k in ("trigger", "arg", "victim", "place")
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
    assert set(result.metrics) == METRICS
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["trigger_f1"] > 0.3
    assert set(result.details["per_role"]) == {"attacker", "target", "victim", "place"}


def test_wikievents_baseline_words_are_the_lexicon_assault_words_that_need_no_context() -> None:
    words = assault_words(load_lexicon())
    assert {"attack", "kill", "wound", "bombing", "explosion", "ambush"} <= words
    # These fire only with the right object ("carried out an attack", "fired missiles"): not keywords.
    assert not {"carry", "fire", "launch", "hit"} & words
    assert not {"protest", "arrest", "accuse"} & words  # other event types


def test_wikievents_victim_tally_sets_aside_a_target_that_is_a_gold_target() -> None:
    """A target argument that matches a gold Victim is right for the Victim score, one that matches
    only a gold Target (the thing attacked) is not counted there, and one that matches nothing is wrong."""
    gold_triggers: list[tuple[int, int] | None] = [(10, 15), (40, 46)]
    gold = [
        GoldArg(0, "target", "Victim", "soldiers", None),
        GoldArg(1, "target", "Target", "police station", None),
        GoldArg(1, "place", "Place", "Kabul", None),
    ]
    predicted = [
        Predicted(((0, 30),), frozenset({("target", "five soldiers"), ("target", "the convoy")})),
        Predicted(((30, 60),), frozenset({("target", "a police station"), ("place", "Kabul")})),
    ]
    result = score_args(gold_triggers, gold, predicted)
    assert dict(result.tallies["victim"]) == {"predicted": 2, "right": 1, "gold": 1, "found": 1}
    assert dict(result.tallies["target"]) == {"predicted": 3, "right": 2, "gold": 2, "found": 2}
    assert dict(result.tallies["arg"]) == {"predicted": 4, "right": 3, "gold": 3, "found": 3}
    assert [(role, said) for _, role, said in result.wrong] == [("target", "the convoy")]
    assert result.missed == []


def _handmade_row() -> dict[str, Any]:
    """A passive killing (the victim is the subject, the killer follows the verb) and a threat to
    kill (no attack happened): the pipeline reads both right, the keyword baseline neither."""
    entities = [("T1", 1, "soldiers"), ("T2", 5, "gunmen"), ("T3", 7, "Kandahar"), ("T4", 12, "rebels")]
    return {
        "doc_id": "handmade",
        "sentences": [
            _sentence("Five soldiers were killed by gunmen in Kandahar on Monday .", 0),
            _sentence("The rebels threatened to kill the hostages .", 60),
        ],
        "entity_mentions": [{"id": i, "start": n, "end": n + 1, "text": t} for i, n, t in entities],
        "event_mentions": [
            {
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 3, "end": 4, "text": "killed"},
                "arguments": [
                    {"entity_id": "T1", "role": "Victim", "text": "soldiers"},
                    {"entity_id": "T2", "role": "Killer", "text": "gunmen"},
                    {"entity_id": "T3", "role": "Place", "text": "Kandahar"},
                ],
            }
        ],
    }


def test_wikievents_baseline_beside_the_pipeline_on_a_hand_made_document(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    (tmp_path / "wikievents").mkdir()
    (tmp_path / "wikievents" / "dev.jsonl").write_text(json.dumps(_handmade_row()) + "\n", encoding="utf-8")
    result = evaluate(tmp_path, pipeline)
    assert set(result.metrics) == METRICS
    assert {k: round(v, 4) for k, v in result.metrics.items() if k.endswith("_f1")} == {
        # the pipeline: the attack with its killer, victim and place; no attack in the threat
        "trigger_f1": 1.0,
        "arg_f1": 1.0,
        "victim_f1": 1.0,
        "place_f1": 1.0,
        # the baseline: "kill" in the threat is a second trigger (P 1/2); it takes the noun after
        # "killed", the killer, as the victim, and "the hostages" as the victim of no gold event
        "baseline_trigger_f1": 0.6667,
        "baseline_arg_f1": 0.3333,
        "baseline_victim_f1": 0.0,
        "baseline_place_f1": 1.0,
    }
    assert result.details["baseline"]["per_role"]["attacker"]["gold"] == 1  # it names no attacker
