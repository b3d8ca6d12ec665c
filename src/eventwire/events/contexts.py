"""PLOVER contexts of an event: from cue words in its own evidence sentences, its actors and its mode.

The cues live in `events/data/contexts.yaml`, loaded once and validated: a misspelt context, sector,
kind or mode would silently never fire, so each is an E030 error naming the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span

from eventwire.actors.kb import KINDS, SECTORS
from eventwire.errors import Errors, SetupError
from eventwire.events.lexicon import Lexicon, load_lexicon
from eventwire.record import PLOVER_TYPES, EventActor

# CODEBOOKS.md, "Contexts (37)".
PLOVER_CONTEXTS: tuple[str, ...] = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms",
    "repression", "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic",
    "territory", "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption",
    "illegal_drugs", "trafficking",
)  # fmt: skip

_PATH = "events/data/contexts.yaml"
_ENTRY_KEYS = frozenset({"words", "actors", "modes"})
_MIN_CUES = 2  # one cue alone is a guess about what the context means

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class ContextCues:
    # first word -> (phrase, its contexts), longest phrase first; not_cues have no contexts
    phrases: dict[str, tuple[tuple[Phrase, frozenset[str]], ...]]
    actors: tuple[tuple[str | None, str | None, str], ...]  # (sector, kind, context)
    modes: tuple[tuple[str | None, str, str], ...]  # (event type, mode, context)


def event_contexts(
    sentences: Sequence[Span], actors: Sequence[EventActor], plover_type: str, mode: str | None
) -> list[str]:
    """The PLOVER contexts of an event, sorted: every context one of whose cues the event shows."""
    cues = load_contexts()
    found = _word_contexts(sentences, cues)
    for sector, kind, context in cues.actors:
        if any((sector is None or a.sector == sector) and (kind is None or a.kind == kind) for a in actors):
            found.add(context)
    for kind_of_event, cue_mode, context in cues.modes:
        if mode == cue_mode and kind_of_event in (None, plover_type):
            found.add(context)
    return sorted(found)


def _word_contexts(sentences: Iterable[Span], cues: ContextCues) -> set[str]:
    found: set[str] = set()
    for sent in sentences:
        tokens = [_forms(t.lower_, t.lemma_) for t in sent if not (t.is_punct or t.is_space)]
        i = 0
        while i < len(tokens):
            match = _longest_at(tokens, i, cues.phrases)
            if match is None:
                i += 1
                continue
            # the phrase uses up its words: "war crimes" is human_rights and no longer also crime
            found |= match[1]
            i += len(match[0])
    return found


def _forms(lower: str, lemma: str) -> tuple[str, str]:
    return lower.replace("\u2019", "'"), lemma.lower().replace("\u2019", "'")


def _longest_at(
    tokens: Sequence[tuple[str, str]],
    i: int,
    phrases: dict[str, tuple[tuple[Phrase, frozenset[str]], ...]],
) -> tuple[Phrase, frozenset[str]] | None:
    lower, lemma = tokens[i]
    candidates = phrases.get(lower, ()) + (phrases.get(lemma, ()) if lemma != lower else ())
    best: tuple[Phrase, frozenset[str]] | None = None
    for phrase, contexts in candidates:
        if best is not None and len(phrase) <= len(best[0]):
            continue
        window = tokens[i : i + len(phrase)]
        if len(window) == len(phrase) and all(w in forms for w, forms in zip(phrase, window, strict=True)):
            best = (phrase, contexts)
    return best


def _fail(detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=_PATH, detail=detail))


def _phrase(raw: Any, where: str) -> Phrase:
    # YAML reads a bare no/yes/on/off as a boolean: such a word must be quoted in the data file.
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(f"{where}: {raw!r} is not a word; quote every word")
    text = re.sub(r"(\w)['\u2019]s\b", r"\1 's", raw.lower().replace("-", " "))
    return tuple(text.split())


def _actor_cue(raw: Any, context: str) -> tuple[str | None, str | None, str]:
    sector: str | None = None
    kind: str | None = None
    for part in str(raw).split():
        if part in SECTORS and sector is None:
            sector = part
        elif part in KINDS and kind is None:
            kind = part
        else:
            raise _fail(f"{context}: actor cue {raw!r} is not a PLOVER sector and/or a knowledge-base kind")
    if sector is None and kind is None:
        raise _fail(f"{context}: empty actor cue")
    return sector, kind, context


def _mode_cue(raw: Any, context: str, known: frozenset[str]) -> tuple[str | None, str, str]:
    parts = str(raw).split()
    kind_of_event = parts[0] if len(parts) == 2 else None
    if len(parts) not in (1, 2) or (kind_of_event is not None and kind_of_event not in PLOVER_TYPES):
        raise _fail(f"{context}: mode cue {raw!r} is not 'mode' or 'TYPE mode'")
    if parts[-1] not in known:
        raise _fail(f"{context}: mode {parts[-1]!r} is not a mode the trigger lexicon assigns")
    return kind_of_event, parts[-1], context


def _known_modes(lexicon: Lexicon) -> frozenset[str]:
    senses = [s for table in (lexicon.verbs, lexicon.nouns) for group in table.values() for s in group]
    senses += [s for _, s in lexicon.phrases]
    modes = {s.mode for s in senses if s.mode} | {mode for mode, _ in lexicon.mode_cues}
    threats = lexicon.future_threats
    if threats is not None:
        modes |= set(threats.modes.values()) | ({threats.vow_mode} if threats.vow_mode else set())
    return frozenset(modes)


def parse_contexts(data: Any, lexicon: Lexicon) -> ContextCues:
    """Validated cues from the parsed YAML document (a separate step so tests can feed bad data)."""
    if not isinstance(data, dict) or not isinstance(data.get("contexts"), dict):
        raise _fail("expected a mapping with a 'contexts' mapping")
    if set(data) - {"contexts", "not_cues"}:
        raise _fail(f"unknown sections {sorted(set(data) - {'contexts', 'not_cues'})}")
    entries: dict[str, Any] = data["contexts"]
    unknown = sorted(set(entries) - set(PLOVER_CONTEXTS))
    if unknown:
        raise _fail(f"unknown contexts {unknown}; PLOVER's are {', '.join(PLOVER_CONTEXTS)}")
    missing = [c for c in PLOVER_CONTEXTS if c not in entries]
    if missing:
        raise _fail(f"contexts without cues: {missing}")
    known_modes = _known_modes(lexicon)
    by_phrase: dict[Phrase, set[str]] = {_phrase(w, "not_cues"): set() for w in data.get("not_cues") or []}
    actors: list[tuple[str | None, str | None, str]] = []
    modes: list[tuple[str | None, str, str]] = []
    for context, entry in entries.items():
        if not isinstance(entry, dict) or set(entry) - _ENTRY_KEYS:
            raise _fail(f"{context}: expected a mapping of {sorted(_ENTRY_KEYS)}")
        words = [_phrase(w, context) for w in entry.get("words") or []]
        for words_of in words:
            by_phrase.setdefault(words_of, set()).add(context)
        actors += [_actor_cue(a, context) for a in entry.get("actors") or []]
        modes += [_mode_cue(m, context, known_modes) for m in entry.get("modes") or []]
        count = len(words) + len(entry.get("actors") or []) + len(entry.get("modes") or [])
        if count < _MIN_CUES:
            raise _fail(f"{context}: {count} cue(s); give at least {_MIN_CUES}")
    index: dict[str, list[tuple[Phrase, frozenset[str]]]] = {}
    for phrase, contexts in by_phrase.items():
        index.setdefault(phrase[0], []).append((phrase, frozenset(contexts)))
    return ContextCues(
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()},
        actors=tuple(actors),
        modes=tuple(modes),
    )


@cache
def load_contexts() -> ContextCues:
    text = resources.files("eventwire.events.data").joinpath("contexts.yaml").read_text(encoding="utf-8")
    return parse_contexts(yaml.safe_load(text), load_lexicon())
