"""re3d (Dstl): entity precision / recall / F1 of our actor and place mentions on Syria/Iraq texts.

Gold types map to ours as follows:
- Organisation: actor mentions of every non-person kind (states, forces, armed groups, IGOs, media,
  provisional groups), except a bare demonym;
- Person: actor mentions of kind `person`;
- Location: place mentions;
- Nationality: actor mentions found through a demonym whose text is that one word ("Syrian"), since
  "Israeli jets" found the same way names a force, not a nationality.
A country name that both our actor stage and our place stage tag ("Syria has accused Israel") counts
under both types; the gold usually gives it one, so one of the two is a false positive by design.

The gold marks the same span with several types (IBCC confidences); we keep, per span, the type(s)
with the highest confidence. It also marks pronouns and common nouns ("It", "the army", "thousands of
fighters"); scores are on NAMED mentions, on both sides: after dropping a leading determiner the text
starts upper case or with a digit and is not a pronoun. Nominal mentions are counted apart in
`details["nominal"]`, with the share of them any of our mentions of that type overlaps.

Two matchings, one-to-one in text order: exact span, and overlap (any shared character). The
per-type metrics and `f1` (micro F1 over Organisation + Person) use overlap; `*_f1_exact` use exact.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.actors import find_actors
from eventwire.evaluate.base import EvalResult, prf, require
from eventwire.nlp import load_nlp
from eventwire.places import find_places

if TYPE_CHECKING:
    from eventwire.annotations import ActorMention, PlaceMention
    from eventwire.pipeline import Pipeline

DATASET = "re3d"
TYPES = {"Organisation": "org", "Person": "person", "Location": "location", "Nationality": "nationality"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "which",
        "itself",
        "themselves",
        "himself",
        "herself",
        "ourselves",
    ]
)

Span = tuple[int, int, str]  # start, end, type


def is_named(text: str) -> bool:
    """A name rather than a pronoun or common noun: "Hezbollah", "President Obama", "The Israeli
    government" are named; "it", "the army", "thousands of fighters" are not."""
    words = text.split()
    while words and words[0].lower() in _DETERMINERS and len(words) > 1:
        words = words[1:]
    if not words or " ".join(words).lower() in PRONOUNS:
        return False
    first = words[0][0]
    return first.isupper() or first.isdigit()


def gold_spans(entities: Iterable[dict[str, Any]]) -> list[Span]:
    """Mapped-type gold spans, keeping per span only the type(s) of highest confidence."""
    best: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for e in entities:
        best.setdefault((int(e["begin"]), int(e["end"])), []).append(
            (float(e.get("confidence") or 0), e["type"])
        )
    out: list[Span] = []
    for (start, end), typed in best.items():
        top = max(c for c, _ in typed)
        out.extend((start, end, t) for c, t in typed if c == top and t in TYPES)
    return sorted(set(out))


def predicted_spans(actors: Sequence[ActorMention], places: Sequence[PlaceMention]) -> list[Span]:
    out: list[Span] = []
    for a in actors:
        if a.actor.kind == "person":
            kind = "Person"
        elif a.via == "demonym" and len(a.text.split()) == 1:
            kind = "Nationality"
        else:
            kind = "Organisation"
        out.append((a.start, a.end, kind))
    out.extend((p.start, p.end, "Location") for p in places)
    return sorted(set(out))


def match(gold: Sequence[Span], predicted: Sequence[Span], *, exact: bool) -> list[tuple[Span, Span]]:
    """One-to-one pairs of the same type: identical spans, or (exact=False) overlapping ones."""
    used: set[Span] = set()
    pairs: list[tuple[Span, Span]] = []
    # Identical spans pair first, so nested gold ("Reuters" in "Reuters news agency") cannot take
    # the prediction that is exactly right for its neighbour.
    for overlap in (False, True) if not exact else (False,):
        for g in gold:
            if any(g is done for done, _ in pairs):
                continue
            for p in predicted:
                if p in used or p[2] != g[2]:
                    continue
                if (p[0] < g[1] and g[0] < p[1]) if overlap else (p[0], p[1]) == (g[0], g[1]):
                    used.add(p)
                    pairs.append((g, p))
                    break
    return pairs


def _documents(root: Path) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(document, its entities), sources taken in turn so the first N documents span every source."""
    by_source: list[list[tuple[dict[str, Any], list[dict[str, Any]]]]] = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        entities: dict[str, list[dict[str, Any]]] = {}
        for e in _lines(folder / "entities.json"):
            entities.setdefault(e["documentId"], []).append(e)
        docs = _lines(folder / "documents.json")
        by_source.append([(d, entities.get(d["_id"], [])) for d in docs])
    out: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for n in range(max((len(s) for s in by_source), default=0)):
        out.extend(source[n] for source in by_source if n < len(source))
    return out


def _lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 100) : end + 100]


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    root = require(data_dir / "re3d", DATASET)
    docs = _documents(root)
    if not docs:
        require(root / "BBC Online" / "documents.json", DATASET)
    docs = docs[:limit] if limit is not None else docs
    nlp, kb, gazetteer = pipeline.nlp, pipeline.kb, pipeline.gazetteer
    start_time = time.perf_counter()
    counts = {mode: {t: Counter[str]() for t in TYPES} for mode in ("exact", "overlap")}
    nominal: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    confusion: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for (document, entities), doc in zip(docs, nlp.pipe(d["text"] for d, _ in docs), strict=True):
        text: str = document["text"]
        actors = find_actors(doc, kb)
        every_pred = predicted_spans(actors, find_places(doc, gazetteer, actors))
        every_gold = gold_spans(entities)
        gold = [g for g in every_gold if is_named(text[g[0] : g[1]])]
        pred = [p for p in every_pred if is_named(text[p[0] : p[1]])]
        for g in every_gold:
            if g not in gold:
                nominal[g[2]]["gold"] += 1
                hit = any(p[2] == g[2] and p[0] < g[1] and g[0] < p[1] for p in every_pred)
                nominal[g[2]]["overlapped"] += hit
        for mode in ("exact", "overlap"):
            pairs = match(gold, pred, exact=mode == "exact")
            for t in TYPES:
                tp = sum(1 for g, _ in pairs if g[2] == t)
                counts[mode][t].update(
                    tp=tp,
                    fp=sum(1 for p in pred if p[2] == t) - tp,
                    fn=sum(1 for g in gold if g[2] == t) - tp,
                )
            if mode == "exact":
                continue
            found_gold, found_pred = {g for g, _ in pairs}, {p for _, p in pairs}
            for g in gold:
                if g in found_gold:
                    continue
                other = next((p[2] for p in pred if (p[0], p[1]) == (g[0], g[1])), None)
                confusion[f"{g[2]}->{other or 'missed'}"] += 1
                errors.append(_error(document, g, "fn", other))
            errors.extend(_error(document, p, "fp", None) for p in pred if p not in found_pred)
    seconds = time.perf_counter() - start_time
    baseline = _spacy_only_f1(docs, pipeline.settings.spacy_model)
    metrics: dict[str, float] = {}
    per_type: dict[str, dict[str, Any]] = {}
    for t, short in TYPES.items():
        c = counts["overlap"][t]
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        metrics.update({f"{short}_p": p, f"{short}_r": r, f"{short}_f1": f})
        e = counts["exact"][t]
        metrics[f"{short}_f1_exact"] = prf(e["tp"], e["fp"], e["fn"])[2]
        per_type[t] = {"overlap": dict(c), "exact": dict(e)}
    for mode, name in (("overlap", "f1"), ("exact", "f1_exact")):
        tp, fp, fn = (sum(counts[mode][t][k] for t in ("Organisation", "Person")) for k in ("tp", "fp", "fn"))
        metrics[name] = prf(tp, fp, fn)[2]
    metrics["spacy_only_f1"] = baseline
    details = {
        "per_type": per_type,
        "nominal": {
            t: {**c, "overlapped_share": round(c["overlapped"] / c["gold"], 4) if c["gold"] else None}
            for t, c in nominal.items()
        },
        "missed_named_by_predicted_type": dict(confusion.most_common()),
        "f1": "micro F1 over Organisation + Person named mentions, overlap matching",
        "spacy_only_f1": "the same figure for the bare spaCy model's ORG/PERSON entities (no knowledge base)",
    }
    return EvalResult(DATASET, len(docs), metrics, seconds, errors, details)


_SPACY_TYPES = {"ORG": "Organisation", "PERSON": "Person"}


def _spacy_only_f1(docs: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]], model: str) -> float:
    """The baseline beside our figure: the registry model's own NER, with no knowledge base."""
    bare = load_nlp(model)
    tp = fp = fn = 0
    for (document, entities), doc in zip(docs, bare.pipe(d["text"] for d, _ in docs), strict=True):
        text: str = document["text"]
        gold = [
            g for g in gold_spans(entities) if g[2] in _SPACY_TYPES.values() and is_named(text[g[0] : g[1]])
        ]
        pred = [
            (e.start_char, e.end_char, _SPACY_TYPES[e.label_])
            for e in doc.ents
            if e.label_ in _SPACY_TYPES and is_named(e.text)
        ]
        hits = len(match(gold, pred, exact=False))
        tp, fp, fn = tp + hits, fp + len(pred) - hits, fn + len(gold) - hits
    return prf(tp, fp, fn)[2]


def _error(document: dict[str, Any], span: Span, kind: str, other: str | None) -> dict[str, Any]:
    text: str = document["text"]
    mention = text[span[0] : span[1]]
    gold = {"type": span[2], "text": mention} if kind == "fn" else None
    predicted = {"type": span[2], "text": mention} if kind == "fp" else other
    return {
        "id": document["_id"],
        "kind": kind,
        "span": [span[0], span[1]],
        "text": _context(text, span[0], span[1]),
        "gold": gold,
        "predicted": predicted,
    }
