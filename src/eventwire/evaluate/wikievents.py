"""wikievents: triggers and arguments of attack / killing events (WikiEvents dev, KAIROS ontology).

Gold events scored: Conflict.Attack.* (Unspecified, DetonateExplode), Life.Die.* and Life.Injure.*,
the KAIROS types our ASSAULT covers (our lexicon makes "kill", "wound", "injure" ASSAULT triggers).
Roles: Attacker, Killer, Injurer -> our `source` actors; Victim, Target -> our `target` actors;
Place -> our event's location text.

Text: the file's `text` runs sentences together ("...in SyriaThe desert") and its token offsets
drift from it, so we rebuild the article from the sentence strings, one paragraph each, and pass it
through `make_article` like any input. Cleaning may drop a line ("Read more: ...") or a space, so
every gold token is found again in the cleaned text by a forward search; tokens it drops stay
unmapped, and gold spans made only of them count as misses.

Ours: `Pipeline.extract_article` gives events without trigger offsets, so our triggers are the
`find_triggers` hits with an ASSAULT sense that lie in an evidence sentence of one of our ASSAULT
events (the triggers behind what we output). A trigger matches when its span overlaps a gold
trigger's (token overlap). All ASSAULT lexicon hits, event or not, are scored too, in `details`.

Arguments: a gold event belongs to our event when its trigger lies in one of our event's evidence
sentences. A gold argument is found when some event it belongs to has an argument of the same role
whose text shares a content word with the gold argument's text (the gold usually marks the head,
"general" in "Russian major general"). Precision is over our arguments of all our ASSAULT events.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.evaluate.base import EvalResult, require
from eventwire.events import load_lexicon
from eventwire.events.triggers import find_triggers
from eventwire.ingest import make_article
from eventwire.nlp import split_text

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.record import Event

DATASET = "wikievents"
EVENT_PREFIXES = ("Conflict.Attack.", "Life.Die.", "Life.Injure.")
ROLES = {
    "Attacker": "attacker",
    "Killer": "attacker",
    "Injurer": "attacker",
    "Victim": "target",
    "Target": "target",
    "Place": "place",
}
_OUR_ROLES = {"source": "attacker", "target": "target"}
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "by",
        "with",
        "from",
        "its",
        "their",
        "his",
        "her",
        "who",
        "that",
        "this",
    ]
)
_SLACK = 20  # characters a sentence may move after cleaning changed its spacing
_KEPT = 0.8

Char = tuple[int, int]


@dataclass(frozen=True)
class GoldArg:
    event: int  # index of its gold event
    role: str  # attacker, target, place
    text: str
    span: Char | None


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in _STOP}


def args_match(gold: str, predicted: str) -> bool:
    """Head word / span overlap: the two texts share a content word."""
    return bool(content_words(gold) & content_words(predicted))


def overlaps(a: Char, b: Char) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def rebuild(row: dict[str, Any]) -> str:
    """The article as one paragraph per sentence (each sentence's own spacing kept)."""
    return "\n\n".join(sentence for _, sentence in row["sentences"])


def token_offsets(row: dict[str, Any], text: str) -> list[Char | None]:
    """Character span in `text` of every document token (None for one cleaning dropped).

    Each sentence is found whole after the previous one; one whose spacing cleaning changed is
    matched token by token inside a window of its own length, and counts as dropped (a "Read more"
    line) when fewer than `_KEPT` of its tokens turn up there."""
    out: list[Char | None] = []
    cursor = 0
    for tokens, sentence in row["sentences"]:
        first = tokens[0][1]
        lead = len(sentence) - len(sentence.lstrip())
        at = text.find(sentence.strip(), cursor)
        if at >= 0 and sentence.strip():
            base = at - lead - first
            out.extend((base + a, base + b) for _, a, b in tokens)
            cursor = at + len(sentence.strip())
            continue
        window_end = cursor + len(sentence) + _SLACK
        spans: list[Char | None] = []
        here = cursor
        for word, _, _ in tokens:
            found = text.find(word, here, window_end)
            spans.append((found, found + len(word)) if found >= 0 else None)
            here = found + len(word) if found >= 0 else here
        if sum(1 for x in spans if x is not None) >= _KEPT * len(tokens):
            out.extend(spans)
            cursor = here
        else:
            out.extend(None for _ in tokens)
    return out


def char_span(offsets: list[Char | None], start: int, end: int) -> Char | None:
    """Characters covered by tokens [start, end), from the first to the last mapped one."""
    mapped = [o for o in offsets[start:end] if o is not None]
    return (mapped[0][0], mapped[-1][1]) if mapped else None


def trigger_scores(gold: list[Char], predicted: list[Char]) -> dict[str, int]:
    """A gold trigger is found when any prediction overlaps it; a prediction is right when it
    overlaps any gold trigger (one word can be two gold events' trigger, so we count each side apart)."""
    return {
        "gold": len(gold),
        "found": sum(1 for g in gold if any(overlaps(g, p) for p in predicted)),
        "predicted": len(predicted),
        "right": sum(1 for p in predicted if any(overlaps(g, p) for g in gold)),
    }


def scores(c: Counter[str] | dict[str, int]) -> tuple[float, float, float]:
    """Precision (right / predicted), recall (found / gold) and their F1."""
    p = c["right"] / c["predicted"] if c["predicted"] else 0.0
    r = c["found"] / c["gold"] if c["gold"] else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _our_args(event: Event) -> set[tuple[str, str]]:
    # Actors without mention text (the "Unidentified armed group" placeholder) name nothing in the text.
    out = {(_OUR_ROLES[a.role], a.text) for a in event.actors if a.role in _OUR_ROLES and a.text}
    if event.location is not None and event.location.text:
        out.add(("place", event.location.text))
    return out


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    path = require(data_dir / "wikievents" / "dev.jsonl", DATASET)
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    rows = rows[:limit] if limit is not None else rows
    nlp, lexicon = pipeline.nlp, load_lexicon()
    start_time = time.perf_counter()
    counts: Counter[str] = Counter()
    tallies: dict[str, Counter[str]] = {k: Counter() for k in ("trigger", "lexicon_trigger", "arg")}
    roles: dict[str, Counter[str]] = {r: Counter() for r in ("attacker", "target", "place")}
    gold_types: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for row in rows:
        article = make_article(rebuild(row))
        text = article.text
        offsets = token_offsets(row, text)
        counts["tokens_unmapped"] += sum(1 for o in offsets if o is None)
        gold_events = [e for e in row["event_mentions"] if e["event_type"].startswith(EVENT_PREFIXES)]
        gold_types.update(e["event_type"] for e in gold_events)
        entities = {m["id"]: m for m in row["entity_mentions"]}
        gold_triggers: list[Char | None] = [
            char_span(offsets, e["trigger"]["start"], e["trigger"]["end"]) for e in gold_events
        ]
        gold_args = [
            GoldArg(n, ROLES[a["role"]], a["text"], _entity_span(entities.get(a["entity_id"]), offsets))
            for n, e in enumerate(gold_events)
            for a in e["arguments"]
            if a["role"] in ROLES
        ]
        events = [e for e in pipeline.extract_article(article) if e.type == "ASSAULT"]
        sentences = [(ev.start, ev.end) for e in events for ev in e.evidence]
        hits: list[Char] = []
        for offset, piece in split_text(text, pipeline.settings.chunk_chars):
            doc = nlp(piece)
            hits.extend(
                (offset + h.start, offset + h.end)
                for h in find_triggers(doc, lexicon)
                if h.sense.type == "ASSAULT"
            )
        ours = [h for h in hits if any(a <= h[0] < b for a, b in sentences)]
        # Several gold events can share one trigger word ("attack" as Attack and as Die): score spans once.
        unique_gold = sorted({g for g in gold_triggers if g is not None})
        counts["gold_triggers_unmapped"] += sum(1 for g in gold_triggers if g is None)
        # A gold trigger that cleaning dropped still counts as one to find.
        dropped = len(
            {
                (e["trigger"]["start"], e["trigger"]["end"])
                for e, g in zip(gold_events, gold_triggers, strict=True)
                if g is None
            }
        )
        for name, predicted in (("trigger", sorted(set(ours))), ("lexicon_trigger", sorted(set(hits)))):
            tallies[name].update(trigger_scores(unique_gold, predicted))
            tallies[name]["gold"] += dropped
        _score_args(row, text, events, gold_events, gold_triggers, gold_args, tallies["arg"], roles, errors)
        for g in unique_gold:
            if not any(overlaps(g, p) for p in ours):
                errors.append(_miss(row, text, g, "trigger", text[g[0] : g[1]], None))
        for p in sorted(set(ours)):
            if not any(overlaps(g, p) for g in unique_gold):
                errors.append(_miss(row, text, p, "trigger", None, text[p[0] : p[1]]))
    seconds = time.perf_counter() - start_time
    metrics: dict[str, float] = {}
    for name in ("trigger", "arg"):
        precision, recall, f1 = scores(tallies[name])
        metrics.update({f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1})
    details = {
        "event_types": dict(gold_types),
        "per_role": {
            role: dict(zip(("p", "r", "f1"), (round(x, 4) for x in scores(c)), strict=True)) | dict(c)
            for role, c in roles.items()
        },
        "lexicon_triggers": dict(
            zip(("p", "r", "f1"), (round(x, 4) for x in scores(tallies["lexicon_trigger"])), strict=True)
        ),
        "counts": {name: dict(c) for name, c in tallies.items()}
        | {"tokens_dropped_by_cleaning": counts["tokens_unmapped"]},
    }
    return EvalResult(DATASET, len(rows), metrics, seconds, errors, details)


def _entity_span(mention: dict[str, Any] | None, offsets: list[Char | None]) -> Char | None:
    return char_span(offsets, mention["start"], mention["end"]) if mention else None


def _score_args(
    row: dict[str, Any],
    text: str,
    events: list[Event],
    gold_events: list[dict[str, Any]],
    gold_triggers: list[Char | None],
    gold_args: list[GoldArg],
    tally: Counter[str],
    roles: dict[str, Counter[str]],
    errors: list[dict[str, Any]],
) -> None:
    """Arguments of the gold events each of our events covers (see the module docstring)."""
    covered: list[set[int]] = [
        {
            n
            for n, g in enumerate(gold_triggers)
            if g is not None and any(ev.start <= g[0] < ev.end for ev in e.evidence)
        }
        for e in events
    ]
    found: set[int] = set()
    for e, gold_ids in zip(events, covered, strict=True):
        for role, said in sorted(_our_args(e)):
            hits = [
                i
                for i, a in enumerate(gold_args)
                if a.event in gold_ids and a.role == role and args_match(a.text, said)
            ]
            found.update(hits)
            for c in (tally, roles[role]):
                c["predicted"] += 1
                c["right"] += bool(hits)
            if not hits:
                where = (e.evidence[0].start, e.evidence[0].end) if e.evidence else (0, 0)
                errors.append(_miss(row, text, where, f"arg:{role}", None, said))
    for i, a in enumerate(gold_args):
        for c in (tally, roles[a.role]):
            c["gold"] += 1
            c["found"] += i in found
        if i in found:
            continue
        trigger = gold_triggers[a.event]
        where = a.span or trigger or (0, 0)
        miss = _miss(row, text, where, f"arg:{a.role}", a.text, None)
        errors.append(miss | {"event_type": gold_events[a.event]["event_type"]})


def _miss(
    row: dict[str, Any], text: str, span: Char, kind: str, gold: str | None, predicted: str | None
) -> dict[str, Any]:
    return {
        "id": row["doc_id"],
        "kind": kind,
        "span": list(span),
        "text": text[max(0, span[0] - 100) : span[1] + 100],
        "gold": gold,
        "predicted": predicted,
    }
