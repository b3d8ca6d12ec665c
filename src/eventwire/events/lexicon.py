"""Trigger and cue lexicons, loaded once from the YAML files in events/data/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import Errors, SetupError
from eventwire.record import PLOVER_TYPES

_DATA = "eventwire.events.data"
_SENSE_KEYS = {
    "type",
    "mode",
    "clash",
    "needs_object",
    "needs_modifier",
    "needs_verb",
    "needs_subject",
    "needs_agent_or_weapon",
    "future_only",
    "text",
}


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger word means when it fires."""

    type: str
    mode: str | None = None
    clash: bool = False  # "clashes", "fighting": both sides are combatants
    needs_object: frozenset[str] = frozenset()
    needs_modifier: frozenset[str] = frozenset()
    needs_verb: frozenset[str] = frozenset()
    needs_subject: frozenset[str] = frozenset()  # "members would strike": who acts decides the sense
    needs_agent_or_weapon: bool = False
    future_only: bool = False

    @property
    def constrained(self) -> bool:
        return bool(
            self.needs_object
            or self.needs_modifier
            or self.needs_verb
            or self.needs_subject
            or self.needs_agent_or_weapon
        )


@dataclass(frozen=True)
class Composition:
    """A trigger whose complement is another trigger takes a type from the pair: "agreed to lift the
    curfew" promises a concession (CONCEDE), not a mere agreement."""

    governor: str  # the governing trigger's type
    complement: frozenset[str]  # the complement trigger's types
    type: str  # the type the governing trigger takes
    keep_mode: bool  # the complement's mode comes along ("agreed to withdraw": no RETREAT mode on CONCEDE)
    words: frozenset[str] = frozenset()  # the governing trigger's lemmas, when only some words qualify


@dataclass(frozen=True)
class FutureThreats:
    """Coercive acts announced for the future are threats: "said it would detain journalists"."""

    types: frozenset[str]  # trigger types that become THREATEN
    modals: frozenset[str]  # auxiliaries that put the act in the future
    governors: frozenset[str]  # verbs whose infinitive complement is a plan ("plans to expel")
    modes: dict[str, str]  # the act's mode -> the THREATEN mode (arrest, ban, expel, restrict, ...)
    # acts that are threats when the speaker vows them in the first person ("we will strike them")
    vow_types: frozenset[str] = frozenset()
    vow_mode: str | None = None


@dataclass(frozen=True)
class Lexicon:
    # A word may have several senses, tried in order: the first whose constraints hold wins
    # ("lift" + curfew is a concession; "impose" + sanctions a sanction, + curfew coercion).
    verbs: dict[str, tuple[TriggerSense, ...]]
    nouns: dict[str, tuple[TriggerSense, ...]]
    phrases: tuple[tuple[tuple[str, ...], TriggerSense], ...]
    mode_cues: tuple[tuple[str, frozenset[str]], ...]
    weapons: tuple[str, ...]
    cues: dict[str, frozenset[str]]
    compositions: tuple[Composition, ...] = ()
    content_governors: frozenset[str] = frozenset()  # types whose complements are content, not events
    future_threats: FutureThreats | None = None

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    @cached_property
    def phrases_by_first_word(self) -> dict[str, list[tuple[int, tuple[str, ...], TriggerSense]]]:
        """First word -> (place in `phrases`, words, sense): the phrases that can start at a token."""
        index: dict[str, list[tuple[int, tuple[str, ...], TriggerSense]]] = {}
        for n, (words, sense) in enumerate(self.phrases):
            index.setdefault(words[0], []).append((n, words, sense))
        return index


def _fail(detail: str, path: str = "events/data/triggers.yaml") -> SetupError:
    return SetupError(Errors.E030.format(path=path, detail=detail))


def _sense(name: str, raw: dict[str, Any]) -> TriggerSense:
    kind = raw.get("type")
    if kind not in PLOVER_TYPES:
        raise _fail(f"{name}: type {kind!r}")
    unknown = set(raw) - _SENSE_KEYS
    if unknown:  # a misspelt constraint would silently make the word fire everywhere
        raise _fail(f"{name}: unknown keys {sorted(unknown)}")
    return TriggerSense(
        type=kind,
        mode=raw.get("mode"),
        clash=bool(raw.get("clash", False)),
        needs_object=frozenset(_words(name, raw.get("needs_object", []), "triggers")),
        needs_modifier=frozenset(_words(name, raw.get("needs_modifier", []), "triggers")),
        needs_verb=frozenset(_words(name, raw.get("needs_verb", []), "triggers")),
        needs_subject=frozenset(_words(name, raw.get("needs_subject", []), "triggers")),
        needs_agent_or_weapon=bool(raw.get("needs_agent_or_weapon", False)),
        future_only=bool(raw.get("future_only", False)),
    )


def _senses(name: str, raw: Any) -> tuple[TriggerSense, ...]:
    """One sense (a mapping) or several (a list of mappings, tried in order)."""
    entries = raw if isinstance(raw, list) else [raw]
    if not entries or not all(isinstance(e, dict) for e in entries):
        raise _fail(f"{name}: a sense is a mapping with a type, or a list of them")
    return tuple(_sense(name, e) for e in entries)


def _words(name: str, values: list[Any], file: str = "cues") -> list[str]:
    # YAML reads a bare no/yes/on/off as a boolean: such a word must be quoted in the data file.
    if not all(isinstance(v, str) for v in values):
        raise _fail(f"{name}: quote every word", f"events/data/{file}.yaml")
    return [v.lower() for v in values]


def _composition(raw: dict[str, Any]) -> Composition:
    types = [raw.get("governor"), raw.get("type"), *raw.get("complement", [])]
    if not all(t in PLOVER_TYPES for t in types):
        raise _fail(f"compositions: unknown type in {raw!r}")
    return Composition(
        governor=raw["governor"],
        complement=frozenset(raw["complement"]),
        type=raw["type"],
        keep_mode=bool(raw.get("keep_mode", False)),
        words=frozenset(_words("compositions", raw.get("words", []), "triggers")),
    )


def _future_threats(raw: dict[str, Any]) -> FutureThreats:
    return FutureThreats(
        types=_types(raw.get("types", [])),
        modals=frozenset(_words("future_threats", raw.get("modals", []), "triggers")),
        governors=frozenset(_words("future_threats", raw.get("governors", []), "triggers")),
        modes={str(k): str(v) for k, v in (raw.get("modes") or {}).items()},
        vow_types=_types(raw.get("vow_types", [])),
        vow_mode=raw.get("vow_mode"),
    )


def _types(values: list[Any]) -> frozenset[str]:
    if not all(v in PLOVER_TYPES for v in values):
        raise _fail(f"content_governors: unknown type in {values!r}")
    return frozenset(values)


def _read(name: str) -> dict[str, Any]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise SetupError(Errors.E030.format(path=f"events/data/{name}", detail="not a mapping"))
    return data


@cache
def load_lexicon() -> Lexicon:
    triggers = _read("triggers.yaml")
    cues = _read("cues.yaml")
    return Lexicon(
        verbs={str(k).lower(): _senses(k, v) for k, v in triggers["verbs"].items()},
        nouns={str(k).lower(): _senses(k, v) for k, v in triggers["nouns"].items()},
        phrases=tuple(
            (tuple(str(p["text"]).lower().split()), _sense(str(p["text"]), p)) for p in triggers["phrases"]
        ),
        mode_cues=tuple((mode, frozenset(words)) for mode, words in triggers["mode_cues"].items()),
        weapons=tuple(triggers["weapons"]),
        cues={k: frozenset(_words(k, v)) for k, v in cues.items()},
        compositions=tuple(_composition(c) for c in triggers.get("compositions", [])),
        content_governors=_types(triggers.get("content_governors", [])),
        future_threats=_future_threats(triggers["future_threats"]) if "future_threats" in triggers else None,
    )
