"""The figure finder's word lists, loaded once from claims/data/lexicon.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, get_args

import yaml

from eventwire.annotations import FigureKind
from eventwire.errors import Errors, SetupError
from eventwire.record import Qualifier

_DATA = "eventwire.claims.data"
_PATH = "claims/data/lexicon.yaml"
KINDS: frozenset[str] = frozenset(get_args(FigureKind))
QUALIFIERS: frozenset[str] = frozenset(get_args(Qualifier))


@dataclass(frozen=True)
class ClaimsLexicon:
    ones: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, Qualifier]
    below: frozenset[str]
    suffixes: dict[str, Qualifier]
    transitive_verbs: dict[str, FigureKind]
    intransitive_verbs: dict[str, FigureKind]
    states: dict[str, FigureKind]
    nouns: dict[str, FigureKind]
    count_nouns: frozenset[str]
    count_verbs: frozenset[str]
    loss_verbs: dict[str, FigureKind]
    loss_nouns: frozenset[str]
    units: frozenset[str]
    collectives: frozenset[str]
    reporting_verbs: frozenset[str]
    subset_words: frozenset[str]
    # "the toll rose to 31": words in a claim's text that make it an update of the article's count
    update_words: frozenset[str] = frozenset()
    increment_words: frozenset[str] = frozenset()
    increment_phrases: tuple[str, ...] = ()
    # what a counting noun counts when nothing beside it says ("the toll" = deaths); None = the kind
    # of the figure before it ("The army said 12 were killed. The group put the figure at three.")
    bare_counts: dict[str, FigureKind | None] = field(default_factory=dict)


def _bad(detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=_PATH, detail=detail))


def _key(word: str) -> str:
    return " ".join(word.lower().split())


def _numbers(data: dict[str, Any], name: str) -> dict[str, int]:
    raw = data.get(name)
    if not isinstance(raw, dict) or not raw:
        raise _bad(f"'{name}' must be a non-empty mapping")
    if not all(isinstance(k, str) and isinstance(v, int) and v >= 0 for k, v in raw.items()):
        raise _bad(f"'{name}' must map words to non-negative integers")
    return {_key(k): v for k, v in raw.items()}


def _labels(data: dict[str, Any], name: str, allowed: frozenset[str]) -> dict[str, Any]:
    raw = data.get(name)
    if not isinstance(raw, dict) or not raw:
        raise _bad(f"'{name}' must be a non-empty mapping")
    for word, label in raw.items():
        if not isinstance(word, str) or label not in allowed:
            raise _bad(f"'{name}': {word!r} -> {label!r}; allowed: {sorted(allowed)}")
    return {_key(k): v for k, v in raw.items()}


def _words(data: dict[str, Any], name: str) -> frozenset[str]:
    raw = data.get(name)
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _bad(f"'{name}' must be a non-empty list of words")
    return frozenset(_key(w) for w in raw)


def parse_lexicon(data: Any) -> ClaimsLexicon:
    """Validate the YAML mapping; raises SetupError (E030) naming what is wrong."""
    if not isinstance(data, dict):
        raise _bad("not a mapping")
    return ClaimsLexicon(
        ones=_numbers(data, "ones"),
        tens=_numbers(data, "tens"),
        scales=_numbers(data, "scales"),
        vague=_numbers(data, "vague"),
        qualifiers=_labels(data, "qualifiers", QUALIFIERS),
        below=_words(data, "below"),
        suffixes=_labels(data, "suffixes", QUALIFIERS),
        transitive_verbs=_labels(data, "transitive_verbs", KINDS),
        intransitive_verbs=_labels(data, "intransitive_verbs", KINDS),
        states=_labels(data, "states", KINDS),
        nouns=_labels(data, "nouns", KINDS),
        count_nouns=_words(data, "count_nouns"),
        count_verbs=_words(data, "count_verbs"),
        loss_verbs=_labels(data, "loss_verbs", KINDS),
        loss_nouns=_words(data, "loss_nouns"),
        units=_words(data, "units"),
        collectives=_words(data, "collectives"),
        reporting_verbs=_words(data, "reporting_verbs"),
        subset_words=_words(data, "subset_words"),
        update_words=_words(data, "update_words") if "update_words" in data else frozenset(),
        increment_words=_words(data, "increment_words") if "increment_words" in data else frozenset(),
        increment_phrases=tuple(sorted(_words(data, "increment_phrases")))
        if "increment_phrases" in data
        else (),
        bare_counts=_bare_counts(data),
    )


def _bare_counts(data: dict[str, Any]) -> dict[str, FigureKind | None]:
    raw = data.get("bare_counts") or {}
    if not isinstance(raw, dict) or not all(v is None or v in KINDS for v in raw.values()):
        raise _bad("'bare_counts' maps counting nouns to a kind or to null")
    return {_key(k): v for k, v in raw.items()}


@cache
def load_lexicon() -> ClaimsLexicon:
    text = resources.files(_DATA).joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))
