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

Ours: `Pipeline.candidates` gives every candidate event, those the reportability stage drops
included (KAIROS annotates mentions, factual or not), without trigger offsets, so our triggers are the
`find_triggers` hits with an ASSAULT sense that lie in an evidence sentence of one of our ASSAULT
events (the triggers behind what we output). A trigger matches when its span overlaps a gold
trigger's (token overlap). All ASSAULT lexicon hits, event or not, are scored too, in `details`.

Arguments: a gold event belongs to a predicted event when its trigger lies in one of the predicted
event's sentences. A gold argument is found when some event it belongs to has an argument of the
same role whose text shares a content word with the gold argument's text (the gold usually marks
the head, "general" in "Russian major general"). Precision is over the arguments of all predicted
events. `arg_*` pools every role; `victim_f1` scores our targets against the gold Victims of
Life.Die / Life.Injure (a target that matches only a gold Target, the thing attacked, belongs to
that role and leaves the Victim tally); `place_f1` the Place role.

Baseline (`baseline_*`, same protocol, so the report shows what the pipeline adds): a keyword
tagger over the same spaCy parse. Every token whose lemma is one of the lexicon's ASSAULT trigger
words (those with an ASSAULT sense that needs no context: "attack", "kill", "bombing", not "carry",
which needs "out an attack") is an attack trigger and one event, resting on its sentence. Its Victim
(target) is the nearest PERSON/NORP entity or noun phrase after it in the sentence, its Place the
GPE/LOC/FAC entity of the sentence nearest to it on either side. It names no attacker, so its
attacker recall, part of `baseline_arg_f1`, is 0.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.evaluate.base import EvalResult, require
from eventwire.events import load_lexicon
from eventwire.events.triggers import find_triggers
from eventwire.ingest import make_article
from eventwire.nlp import split_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from eventwire.events.lexicon import Lexicon
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
VICTIM = "Victim"
_VICTIM_LABELS = frozenset(["PERSON", "NORP"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])

Char = tuple[int, int]


@dataclass(frozen=True)
class GoldArg:
    event: int  # index of its gold event
    role: str  # attacker, target, place
    label: str  # the KAIROS role it came from: Victim, Target, Killer, ...
    text: str
    span: Char | None


@dataclass(frozen=True)
class Predicted:
    """A predicted event as the argument scorer sees it: the sentences it rests on, its arguments."""

    sentences: tuple[Char, ...]
    args: frozenset[tuple[str, str]]  # (role, mention text)


@dataclass
class ArgScore:
    tallies: dict[str, Counter[str]]  # "arg" (all roles), each role, and "victim"
    wrong: list[tuple[Predicted, str, str]]  # predicted arguments no gold one matches: event, role, text
    missed: list[GoldArg]  # gold arguments no predicted one matches


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


def _our_event(event: Event) -> Predicted:
    # Actors without mention text (the "Unidentified armed group" placeholder) name nothing in the text.
    args = {(_OUR_ROLES[a.role], a.text) for a in event.actors if a.role in _OUR_ROLES and a.text}
    if event.location is not None and event.location.text:
        args.add(("place", event.location.text))
    return Predicted(tuple((ev.start, ev.end) for ev in event.evidence), frozenset(args))


def assault_words(lexicon: Lexicon) -> frozenset[str]:
    """The baseline's trigger words: verbs and nouns with an ASSAULT sense that needs no context."""
    return frozenset(
        word
        for entries in (lexicon.verbs, lexicon.nouns)
        for word, senses in entries.items()
        if any(s.type == "ASSAULT" and not s.constrained for s in senses)
    )


def keyword_events(doc: Doc, words: frozenset[str], offset: int = 0) -> list[tuple[Char, Predicted]]:
    """The baseline's events in one parsed text: (trigger span, event), character offsets + `offset`."""
    out: list[tuple[Char, Predicted]] = []
    for token in doc:
        if token.lemma_.lower() not in words:
            continue
        sent = token.sent
        found = (("target", _victim(token.i, sent)), ("place", _place(token.i, sent)))
        args = frozenset((role, span.text) for role, span in found if span is not None)
        trigger = (offset + token.idx, offset + token.idx + len(token.text))
        out.append((trigger, Predicted(((offset + sent.start_char, offset + sent.end_char),), args)))
    return out


def _victim(i: int, sent: Span) -> Span | None:
    after = [e for e in sent.ents if e.label_ in _VICTIM_LABELS and e.start > i]
    after += [chunk for chunk in sent.noun_chunks if chunk.start > i]
    # A name that opens a noun phrase ("Afghan" in "Afghan soldiers") starts with it: the phrase wins.
    return min(after, key=lambda s: (s.start, -len(s)), default=None)


def _place(i: int, sent: Span) -> Span | None:
    places = [e for e in sent.ents if e.label_ in _PLACE_LABELS]
    # Tokens between the trigger and the entity (0 inside it); a tie goes to the earlier one.
    return min(places, key=lambda e: (max(e.start - i, i - e.end + 1, 0), e.start), default=None)


def score_args(
    gold_triggers: list[Char | None], gold_args: list[GoldArg], predicted: list[Predicted]
) -> ArgScore:
    """Arguments of the gold events each predicted event covers (see the module docstring)."""
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[tuple[Predicted, str, str]] = []
    found: set[int] = set()
    for event in predicted:
        covered = {
            n
            for n, g in enumerate(gold_triggers)
            if g is not None and any(a <= g[0] < b for a, b in event.sentences)
        }
        for role, said in sorted(event.args):
            hits = [
                i
                for i, a in enumerate(gold_args)
                if a.event in covered and a.role == role and args_match(a.text, said)
            ]
            found.update(hits)
            for name in ("arg", role):
                tallies[name]["predicted"] += 1
                tallies[name]["right"] += bool(hits)
            labels = {gold_args[i].label for i in hits}
            if role == "target" and (VICTIM in labels or not labels):
                tallies["victim"]["predicted"] += 1
                tallies["victim"]["right"] += VICTIM in labels
            if not hits:
                wrong.append((event, role, said))
    for i, a in enumerate(gold_args):
        for name in ("arg", a.role, "victim") if a.label == VICTIM else ("arg", a.role):
            tallies[name]["gold"] += 1
            tallies[name]["found"] += i in found
    return ArgScore(dict(tallies), wrong, [a for i, a in enumerate(gold_args) if i not in found])


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    path = require(data_dir / "wikievents" / "dev.jsonl", DATASET)
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    rows = rows[:limit] if limit is not None else rows
    start_time = time.perf_counter()
    tallies: defaultdict[str, Counter[str]] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for row in rows:
        errors += _score_document(row, pipeline, tallies)
    seconds = time.perf_counter() - start_time
    return EvalResult(DATASET, len(rows), _metrics(tallies), seconds, errors, _details(tallies))


def _score_document(
    row: dict[str, Any], pipeline: Pipeline, tallies: defaultdict[str, Counter[str]]
) -> list[dict[str, Any]]:
    """Add one document's counts to `tallies`; return our misses."""
    lexicon = load_lexicon()
    article = make_article(rebuild(row))
    text = article.text
    offsets = token_offsets(row, text)
    tallies["counts"]["tokens_dropped_by_cleaning"] += sum(1 for o in offsets if o is None)
    gold_events = [e for e in row["event_mentions"] if e["event_type"].startswith(EVENT_PREFIXES)]
    tallies["event_types"].update(e["event_type"] for e in gold_events)
    entities = {m["id"]: m for m in row["entity_mentions"]}
    gold_triggers: list[Char | None] = [
        char_span(offsets, e["trigger"]["start"], e["trigger"]["end"]) for e in gold_events
    ]
    gold_args = [
        GoldArg(
            n, ROLES[a["role"]], a["role"], a["text"], _entity_span(entities.get(a["entity_id"]), offsets)
        )
        for n, e in enumerate(gold_events)
        for a in e["arguments"]
        if a["role"] in ROLES
    ]
    # KAIROS marks every mention of an attack, whatever its factuality (a feared strike, a war's toll),
    # so the candidates the reportability stage drops are scored too: this set measures extraction.
    candidates = [j.event for j in pipeline.candidates(article)]
    ours_events = [_our_event(e) for e in candidates if e.type == "ASSAULT"]
    sentences = [s for e in ours_events for s in e.sentences]
    hits: list[Char] = []
    keyword: list[tuple[Char, Predicted]] = []
    for offset, piece in split_text(text, pipeline.settings.chunk_chars):
        doc = pipeline.nlp(piece)
        hits.extend(
            (offset + h.start, offset + h.end)
            for h in find_triggers(doc, lexicon)
            if h.sense.type == "ASSAULT"
        )
        keyword += keyword_events(doc, assault_words(lexicon), offset)
    ours = sorted({h for h in hits if any(a <= h[0] < b for a, b in sentences)})
    # Several gold events can share one trigger word ("attack" as Attack and as Die): score spans once.
    unique_gold = sorted({g for g in gold_triggers if g is not None})
    # A gold trigger that cleaning dropped still counts as one to find.
    dropped = len(
        {
            (e["trigger"]["start"], e["trigger"]["end"])
            for e, g in zip(gold_events, gold_triggers, strict=True)
            if g is None
        }
    )
    for name, predicted in (
        ("trigger", ours),
        ("lexicon_trigger", sorted(set(hits))),
        ("baseline_trigger", sorted({t for t, _ in keyword})),
    ):
        tallies[name].update(trigger_scores(unique_gold, predicted))
        tallies[name]["gold"] += dropped
    mine = score_args(gold_triggers, gold_args, ours_events)
    for prefix, result in (
        ("", mine),
        ("baseline_", score_args(gold_triggers, gold_args, [e for _, e in keyword])),
    ):
        for name, counts in result.tallies.items():
            tallies[prefix + name].update(counts)
    errors = [
        _miss(row, text, event.sentences[0] if event.sentences else (0, 0), f"arg:{role}", None, said)
        for event, role, said in mine.wrong
    ]
    errors += [
        _miss(row, text, a.span or gold_triggers[a.event] or (0, 0), f"arg:{a.role}", a.text, None)
        | {"event_type": gold_events[a.event]["event_type"]}
        for a in mine.missed
    ]
    errors += [
        _miss(row, text, g, "trigger", text[g[0] : g[1]], None) for g in unique_gold if not _hit(g, ours)
    ]
    errors += [
        _miss(row, text, p, "trigger", None, text[p[0] : p[1]]) for p in ours if not _hit(p, unique_gold)
    ]
    return errors


def _hit(span: Char, others: list[Char]) -> bool:
    return any(overlaps(span, o) for o in others)


def _metrics(tallies: dict[str, Counter[str]]) -> dict[str, float]:
    """Ours with the baseline's F1 beside each: trigger, all arguments, Victim, Place."""
    metrics: dict[str, float] = {}
    for name in ("trigger", "arg"):
        metrics.update(zip((f"{name}_p", f"{name}_r", f"{name}_f1"), scores(tallies[name]), strict=True))
        metrics[f"baseline_{name}_f1"] = scores(tallies[f"baseline_{name}"])[2]
    for name in ("victim", "place"):
        metrics[f"{name}_f1"] = scores(tallies[name])[2]
        metrics[f"baseline_{name}_f1"] = scores(tallies[f"baseline_{name}"])[2]
    return metrics


def _details(tallies: dict[str, Counter[str]]) -> dict[str, Any]:
    def prf(name: str) -> dict[str, float]:
        return dict(zip(("p", "r", "f1"), (round(x, 4) for x in scores(tallies[name])), strict=True))

    roles = ("attacker", "target", "victim", "place")
    return {
        "event_types": dict(tallies["event_types"]),
        "per_role": {role: prf(role) | dict(tallies[role]) for role in roles},
        "lexicon_triggers": prf("lexicon_trigger"),
        "baseline": {
            "trigger": prf("baseline_trigger"),
            "per_role": {role: prf(f"baseline_{role}") | dict(tallies[f"baseline_{role}"]) for role in roles},
        },
        "counts": {
            name: dict(tallies[name]) for name in ("trigger", "lexicon_trigger", "baseline_trigger", "arg")
        }
        | {"tokens_dropped_by_cleaning": tallies["counts"]["tokens_dropped_by_cleaning"]},
    }


def _entity_span(mention: dict[str, Any] | None, offsets: list[Char | None]) -> Char | None:
    return char_span(offsets, mention["start"], mention["end"]) if mention else None


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
