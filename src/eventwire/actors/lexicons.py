"""Loaders for the resolver's word lists: demonyms, institution heads, coreference, provisional filters.

All live as data files in `data/` (see each file's header for why each list exists); each loader
validates its file and raises SetupError (E030) naming it, and is cached for the process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.phrases import PhraseIndex
from eventwire.actors.variants import DATA_DIR
from eventwire.annotations import INSTITUTION_KINDS
from eventwire.errors import Errors, SetupError

DEMONYMS = DATA_DIR / "demonyms.csv"
HEADS = DATA_DIR / "heads.yaml"
COREF = DATA_DIR / "coref.yaml"
PROVISIONAL = DATA_DIR / "provisional.yaml"
HEAD_KINDS = INSTITUTION_KINDS


def _yaml(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SetupError(Errors.E030.format(path=path, detail=str(exc))) from exc
    if not isinstance(raw, dict):
        raise SetupError(Errors.E030.format(path=path, detail="expected a mapping at the top level"))
    return raw


def _words(path: Path, raw: Any, key: str) -> tuple[str, ...]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise SetupError(Errors.E030.format(path=path, detail=f"'{key}' must be a non-empty list of words"))
    return tuple(w.strip() for w in value)


@cache
def demonyms(path: Path = DEMONYMS) -> PhraseIndex[str]:
    """`Israeli` -> IL. Rows: country (ISO2), demonym."""
    index: PhraseIndex[str] = PhraseIndex()
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise SetupError(Errors.E030.format(path=path, detail=str(exc))) from exc
    for n, row in enumerate(rows, start=2):
        country, word = (row.get("country") or "").strip(), (row.get("demonym") or "").strip()
        if len(country) != 2 or not country.isupper() or not word[:1].isupper():
            raise SetupError(Errors.E030.format(path=path, detail=f"line {n}: need 'CC,Demonym', got {row}"))
        index.add(word, country)
    return index


@dataclass(frozen=True)
class Heads:
    """Nouns after a country word: value is a country kind or a generic actor id."""

    heads: PhraseIndex[str]
    contextual: PhraseIndex[str]
    qualifiers: frozenset[str]
    locatives: frozenset[str]


@cache
def heads(path: Path = HEADS) -> Heads:
    raw = _yaml(path)
    table = raw.get("heads")
    if not isinstance(table, dict):
        raise SetupError(Errors.E030.format(path=path, detail="'heads' must map a kind to a list of nouns"))
    index: PhraseIndex[str] = PhraseIndex()
    for target in table:
        if target not in HEAD_KINDS and not str(target).startswith("generic:"):
            raise SetupError(Errors.E030.format(path=path, detail=f"unknown head target '{target}'"))
        for noun in _words(path, table, target):
            index.add(noun.lower(), str(target))
    contextual: PhraseIndex[str] = PhraseIndex()
    ctx = raw.get("contextual")
    if not isinstance(ctx, dict):
        raise SetupError(Errors.E030.format(path=path, detail="'contextual' must map a kind to nouns"))
    for target in ctx:
        if target not in HEAD_KINDS:
            raise SetupError(Errors.E030.format(path=path, detail=f"unknown contextual kind '{target}'"))
        for noun in _words(path, ctx, target):
            contextual.add(noun.lower(), str(target))
    return Heads(
        heads=index,
        contextual=contextual,
        qualifiers=frozenset(w.lower() for w in _words(path, raw, "qualifiers")),
        locatives=frozenset(w.lower() for w in _words(path, raw, "locative_prepositions")),
    )


@dataclass(frozen=True)
class CorefRules:
    window_sentences: int
    nouns: dict[str, frozenset[str]]
    reporting_verbs: frozenset[str]


@cache
def coref_rules(path: Path = COREF) -> CorefRules:
    raw = _yaml(path)
    window = raw.get("window_sentences")
    nouns = raw.get("nouns")
    if not isinstance(window, int) or window < 0:
        raise SetupError(Errors.E030.format(path=path, detail="'window_sentences' must be a whole number"))
    if not isinstance(nouns, dict) or not nouns:
        raise SetupError(
            Errors.E030.format(path=path, detail="'nouns' must map a noun to the kinds it refers to")
        )
    return CorefRules(
        window_sentences=window,
        nouns={str(noun).lower(): frozenset(_words(path, nouns, noun)) for noun in nouns},
        reporting_verbs=frozenset(_words(path, raw, "reporting_verbs")),
    )


@dataclass(frozen=True)
class ProvisionalRules:
    not_actors: frozenset[str]
    org_words: frozenset[str]
    media_words: frozenset[str]
    person_titles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    head_kinds: tuple[tuple[str, str], ...] = ()


@cache
def provisional_rules(path: Path = PROVISIONAL) -> ProvisionalRules:
    raw = _yaml(path)
    return ProvisionalRules(
        not_actors=frozenset(w.lower() for w in _words(path, raw, "not_actors")),
        org_words=frozenset(w.lower() for w in _words(path, raw, "org_words")),
        media_words=frozenset(w.lower() for w in _words(path, raw, "media_words")),
        person_titles=frozenset(w.lower() for w in _words(path, raw, "person_titles")),
        speech_verbs=frozenset(w.lower() for w in _words(path, raw, "speech_verbs")),
        head_kinds=tuple((str(k).lower(), str(v)) for k, v in (raw.get("head_kinds") or {}).items()),
    )
