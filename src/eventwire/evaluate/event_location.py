"""event-location: choosing the place where a sentence's event happened (Halterman, "Geolocating
Political Events in Text").

Each gold row is one sentence with the span of its event verb and the span(s) of the place(s) where
that event happened (none for 158 of them). We parse the sentence, find its actors and places with
the real stages, and ask `event_location` for the place of an event whose trigger is the GOLD verb,
so this measures the location choice and place recognition, not trigger finding.

Matching is on text, because about a third of the gold LOCATION spans carry start == end (or offsets
that do not point at their text): a span's `text` field wins over its offsets. Both texts are
normalised (lower case, punctuation to spaces, a leading "the" dropped) and a choice counts as right
when it equals a gold place or one contains the other as whole words ("Aziziyah" vs "Aziziyah
district", "Homs" vs "Homs province"). With several gold places (a list of towns) any one is right.

Metrics, over the sentences that have a verb span:
- `accuracy`: sentences with a gold place whose chosen location's text matches one of them;
- `coverage`: sentences with a gold place for which we chose a place named in the sentence;
- `no_place_correct`: sentences without a gold place where we chose nothing, or only the
  country-level fallback `event_location` gives when the sentence names no place (a Location with
  no `text`); choosing a place named in the sentence there is wrong, a named country included.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.actors import find_actors
from eventwire.evaluate.base import EvalResult, require
from eventwire.places import country_context, event_location, find_places

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

DATASET = "event-location"
_PUNCT = re.compile(r"[^\w\s]+")
_LEADING = ("the ",)


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces, without a leading "the"."""
    out = " ".join(_PUNCT.sub(" ", text.lower()).split())
    for prefix in _LEADING:
        if out.startswith(prefix):
            out = out[len(prefix) :]
    return out


def text_match(predicted: str, gold: str) -> bool:
    """Equal after `normalise`, or one contains the other as whole words."""
    a, b = normalise(predicted), normalise(gold)
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def span_text(row: dict[str, Any], span: dict[str, Any]) -> str:
    """A gold span's text: its `text` field where it has one (offsets can be stale), else the slice."""
    if span.get("text"):
        return str(span["text"])
    return str(row["text"][span["start"] : span["end"]])


def trigger_offsets(row: dict[str, Any], span: dict[str, Any]) -> tuple[int, int] | None:
    """Character offsets of the gold verb: its own where they point at its text, else the first
    whole-word occurrence of the text in the sentence."""
    text: str = row["text"]
    start, end = int(span["start"]), int(span["end"])
    word = span_text(row, span)
    if end > start and text[start:end] == word:
        return start, end
    found = re.search(rf"\b{re.escape(word)}\b", text) if word else None
    return (found.start(), found.end()) if found else None


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    rows = load(require(data_dir / "event-location" / "gold.jsonl", DATASET))
    # File order is already a mix of sources (Al-Masdar, AFP, APW, Xinhua), so the first N are a fair sample.
    rows = rows[:limit] if limit is not None else rows
    nlp, kb, gazetteer = pipeline.nlp, pipeline.kb, pipeline.gazetteer
    start_time = time.perf_counter()
    counts: Counter[str] = Counter()
    by_source: dict[str, Counter[str]] = {}
    errors: list[dict[str, Any]] = []
    docs = nlp.pipe(row["text"] for row in rows)
    for row, doc in zip(rows, docs, strict=True):
        spans = row.get("spans") or []
        verbs = [s for s in spans if s.get("label") == "VERB"]
        trigger = trigger_offsets(row, verbs[0]) if verbs else None
        if trigger is None:
            counts["skipped_no_verb"] += 1
            continue
        gold = [span_text(row, s) for s in spans if s.get("label") == "LOCATION"]
        actors = find_actors(doc, kb)
        places = find_places(doc, gazetteer, actors)
        chosen = event_location(doc, [trigger], places, country_context(places, actors), gazetteer)
        named = chosen.text if chosen is not None else None
        source = "masdar" if "masdar" in str(row.get("doc_id", "")) else "newswire"
        tally = by_source.setdefault(source, Counter())
        counts["sentences"] += 1
        tally["sentences"] += 1
        if gold:
            counts["with_place"] += 1
            tally["with_place"] += 1
            counts["covered"] += named is not None
            right = named is not None and any(text_match(named, g) for g in gold)
            counts["correct"] += right
            tally["correct"] += right
            if named is not None and not any(text_match(p.text, g) for p in places for g in gold):
                counts["gold_place_not_found"] += 1  # recognition missed it: no choice could be right
        else:
            counts["without_place"] += 1
            right = named is None
            counts["no_place_correct"] += right
        if not right:
            errors.append(
                {
                    "id": row.get("_id"),
                    "text": row["text"],
                    "trigger": row["text"][trigger[0] : trigger[1]],
                    "gold": gold,
                    "predicted": named,
                    "predicted_name": chosen.name if chosen is not None else None,
                    "places_found": [p.text for p in places],
                }
            )
    seconds = time.perf_counter() - start_time
    with_place, without = counts["with_place"], counts["without_place"]
    metrics = {
        "accuracy": counts["correct"] / with_place if with_place else 0.0,
        "coverage": counts["covered"] / with_place if with_place else 0.0,
        "no_place_correct": counts["no_place_correct"] / without if without else 0.0,
    }
    details: dict[str, Any] = {
        "counts": dict(counts),
        "accuracy_by_source": {
            name: round(t["correct"] / t["with_place"], 4) if t["with_place"] else None
            for name, t in sorted(by_source.items())
        },
        "match_rule": "normalised text equal, or one contains the other as whole words; any gold place",
    }
    return EvalResult(DATASET, counts["sentences"], metrics, seconds, errors, details)
