"""Trigger and cue lexicons, loaded once from the YAML files in events/data/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import Errors, SetupError
from eventwire.record import PLOVER_TYPES

_DATA = "eventwire.events.data"


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger word means when it fires."""

    type: str
    mode: str | None = None
    clash: bool = False  # "clashes", "fighting": both sides are combatants
    needs_object: frozenset[str] = frozenset()
    needs_modifier: frozenset[str] = frozenset()
    needs_verb: frozenset[str] = frozenset()
    needs_agent_or_weapon: bool = False
    future_only: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, TriggerSense]
    nouns: dict[str, TriggerSense]
    phrases: tuple[tuple[tuple[str, ...], TriggerSense], ...]
    mode_cues: tuple[tuple[str, frozenset[str]], ...]
    weapons: tuple[str, ...]
    cues: dict[str, frozenset[str]]

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


def _sense(name: str, raw: dict[str, Any]) -> TriggerSense:
    kind = raw.get("type")
    if kind not in PLOVER_TYPES:
        raise SetupError(
            Errors.E030.format(path="events/data/triggers.yaml", detail=f"{name}: type {kind!r}")
        )
    return TriggerSense(
        type=kind,
        mode=raw.get("mode"),
        clash=bool(raw.get("clash", False)),
        needs_object=frozenset(raw.get("needs_object", ())),
        needs_modifier=frozenset(raw.get("needs_modifier", ())),
        needs_verb=frozenset(raw.get("needs_verb", ())),
        needs_agent_or_weapon=bool(raw.get("needs_agent_or_weapon", False)),
        future_only=bool(raw.get("future_only", False)),
    )


def _words(name: str, values: list[Any]) -> list[str]:
    # YAML reads a bare no/yes/on/off as a boolean: such a word must be quoted in the data file.
    if not all(isinstance(v, str) for v in values):
        raise SetupError(Errors.E030.format(path="events/data/cues.yaml", detail=f"{name}: quote every word"))
    return [v.lower() for v in values]


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
        verbs={k: _sense(k, v) for k, v in triggers["verbs"].items()},
        nouns={k: _sense(k, v) for k, v in triggers["nouns"].items()},
        phrases=tuple(
            (tuple(str(p["text"]).lower().split()), _sense(str(p["text"]), p)) for p in triggers["phrases"]
        ),
        mode_cues=tuple((mode, frozenset(words)) for mode, words in triggers["mode_cues"].items()),
        weapons=tuple(triggers["weapons"]),
        cues={k: frozenset(_words(k, v)) for k, v in cues.items()},
    )
