"""The `plover` scorer: label mapping, the stratified sample, event choice, metrics, and a quick run."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.plover import (
    NONE,
    Story,
    evaluate,
    map_label,
    pick_event,
    read_stories,
    score,
    stratified_sample,
    title_half,
)
from eventwire.record import PLOVER_TYPES, Event, Evidence

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ASSAULT", "ASSAULT"),
        (" protest ", "PROTEST"),
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("CRIME", None),  # no PLOVER counterpart: skipped and counted, never guessed
        ("", None),
    ],
)
def test_evaluate_plover_maps_old_label_names(raw: str, expected: str | None) -> None:
    assert map_label(raw) == expected


def _story(row: int, label: str, title: str) -> Story:
    return Story(row=row, text=f"story {row}", headline=f"Headline {row}", title=title, label=label, mode="")


# File order as in the real set: grouped by label, then by title.
STORIES = [
    _story(0, "PROTEST", "t1"),
    _story(1, "PROTEST", "t1"),
    _story(2, "PROTEST", "t2"),
    _story(3, "AID", "t3"),
    _story(4, "AID", "t3"),
    _story(5, "ASSAULT", "t4"),
    _story(6, "PROTEST", "t5"),
]


def test_evaluate_plover_sample_covers_labels_then_titles() -> None:
    assert [s.row for s in stratified_sample(STORIES, 3)] == [0, 3, 5]  # one per label
    assert [s.row for s in stratified_sample(STORIES, 4)] == [0, 2, 3, 5]  # PROTEST's 2nd title next
    assert [s.row for s in stratified_sample(STORIES, 6)] == [0, 2, 3, 4, 5, 6]


def test_evaluate_plover_sample_without_limit_is_everything_in_order() -> None:
    assert stratified_sample(STORIES, None) == STORIES
    assert stratified_sample(STORIES, 100) == STORIES
    assert stratified_sample(STORIES, 0) == []


def _event(
    kind: str, confidence: float, start: int, status: str = "occurred", *, parts: tuple[str, ...] = ("text",)
) -> Event:
    evidence = [
        Evidence(article_id="a", sentence="s", start=start if part == "text" else 0, end=start + 1, part=part)  # type: ignore[arg-type]
        for part in parts
    ]
    return Event(
        id=f"{kind}{start}",
        type=kind,  # type: ignore[arg-type]
        confidence=confidence,
        evidence=evidence,
        status=status,  # type: ignore[arg-type]
    )


def test_evaluate_plover_picks_the_lead_event_not_the_most_confident() -> None:
    assert pick_event([]) is None
    picked = pick_event([_event("ASSAULT", 0.9, 50), _event("AID", 0.4, 10), _event("PROTEST", 0.6, 20)])
    assert picked is not None and picked.type == "AID"


def test_evaluate_plover_lead_event_ties_go_to_the_first_trigger() -> None:
    # two events of one sentence: the builder lists them in trigger order
    picked = pick_event([_event("CONCEDE", 0.5, 0), _event("PROTEST", 0.9, 0)])
    assert picked is not None and picked.type == "CONCEDE"


def test_evaluate_plover_background_events_lead_only_when_alone() -> None:
    old, news = _event("ASSAULT", 0.9, 0, "historical"), _event("SANCTION", 0.5, 80)
    assert pick_event([old, news]) is news
    assert pick_event([old]) is old


def test_evaluate_plover_the_headline_names_the_lead_event() -> None:
    first, told = _event("ASSAULT", 0.9, 0), _event("CONCEDE", 0.5, 300, parts=("text", "title"))
    assert pick_event([first, told]) is told
    assert pick_event([first, told], headline=False) is first


def test_evaluate_plover_an_event_only_the_headline_tells_leads_unless_unread() -> None:
    only_headline, body = _event("SUPPORT", 0.4, 0, parts=("title",)), _event("AGREE", 0.6, 40)
    assert pick_event([only_headline, body]) is only_headline
    assert pick_event([only_headline, body], headline=False) is body
    assert pick_event([only_headline], headline=False) is None


def test_evaluate_plover_title_halves_are_fixed_and_both_used() -> None:
    titles = [f"{{country_1}} template {i}" for i in range(200)]
    halves = [title_half(t) for t in titles]
    assert halves == [title_half(t) for t in titles]  # a hash, not a random draw
    assert 70 < halves.count("dev") < 130


def test_evaluate_plover_reads_the_headline_from_the_prompt(tmp_path: Path) -> None:
    data = tmp_path / "plover-synthetic" / "gpt_synthetic_events_2023-10-19_19.csv"
    data.parent.mkdir()
    data.write_text(
        "text,title,prompt,label,mode\n"
        '"Teachers walked out.","{country_1} Teachers Strike",'
        '"Haiti Teachers Strike\n\n(Reuters) --",PROTEST,STRIKE\n'
        '"A bank was robbed.","Bank Robbed","Bank Robbed\n\n(AP) --",CRIME,\n',
        encoding="utf-8",
    )
    stories, skipped = read_stories(data)
    assert [(s.headline, s.title, s.label) for s in stories] == [
        ("Haiti Teachers Strike", "{country_1} Teachers Strike", "PROTEST")
    ]
    assert skipped == {"CRIME": 1}


def test_evaluate_plover_scores_accuracy_macro_f1_coverage() -> None:
    gold = ["ASSAULT", "ASSAULT", "PROTEST", "AID"]
    predicted = ["ASSAULT", "PROTEST", "PROTEST", NONE]
    metrics, details = score(gold, predicted)
    assert metrics["accuracy"] == pytest.approx(2 / 4)
    assert metrics["coverage"] == pytest.approx(3 / 4)
    # ASSAULT P=1 R=1/2 F=2/3; PROTEST P=1/2 R=1 F=2/3; AID F=0 (NONE is a miss, not a class)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert details["per_type"]["ASSAULT"]["support"] == 2
    assert details["confusion"] == {
        "AID": {NONE: 1},
        "PROTEST": {"PROTEST": 1},
        "ASSAULT": {"ASSAULT": 1, "PROTEST": 1},
    }
    assert list(details["per_type"]) == [t for t in PLOVER_TYPES if t in {"ASSAULT", "PROTEST", "AID"}]


def test_evaluate_plover_quick_sample_on_the_synthetic_set(pipeline: object) -> None:
    if not (BENCHMARKS / "plover-synthetic").exists():
        pytest.skip(
            f"{BENCHMARKS / 'plover-synthetic'} is absent: the gold data lives in ../shared/benchmarks"
        )
    result = evaluate(BENCHMARKS, pipeline, limit=32)  # type: ignore[arg-type]
    assert result.n == 32
    assert set(result.details["sample"]["labels"]) == set(PLOVER_TYPES)  # 2 stories of each type
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert {"body_accuracy", "body_macro_f1"} <= result.metrics.keys()
    halves = result.details["by_title_half"]
    assert halves["dev"]["n"] + halves["held_out"]["n"] == 32
    assert len(result.errors) == round((1 - result.metrics["accuracy"]) * 32)
    assert all({"text", "headline", "half", "gold", "predicted", "id"} <= e.keys() for e in result.errors)
