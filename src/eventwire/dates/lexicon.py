"""The date finder's word lists, loaded once from dates/data/lexicon.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import Errors, SetupError

_DATA = "eventwire.dates.data"
_PATH = "dates/data/lexicon.yaml"


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]  # lower-cased full names
    month_abbreviations: dict[str, int]  # lower-cased
    weekdays: dict[str, int]  # lower-cased, Monday = 0
    numbers: dict[str, int]
    day_parts: tuple[str, ...]
    year_cues: tuple[str, ...]
    month_cues: tuple[str, ...]
    since_cues: frozenset[str]
    onwards_cues: frozenset[str]

    def month(self, word: str) -> int | None:
        key = word.lower().rstrip(".")
        return self.months.get(key) or self.month_abbreviations.get(key)

    def count(self, word: str) -> int | None:
        key = " ".join(word.lower().split())
        if key.isdigit():
            return int(key)
        return self.numbers.get(key)


def _bad(detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=_PATH, detail=detail))


def _int_map(raw: Any, name: str, low: int, high: int) -> dict[str, int]:
    if not isinstance(raw, dict) or not raw:
        raise _bad(f"'{name}' must be a non-empty mapping")
    out: dict[str, int] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not isinstance(value, int) or not low <= value <= high:
            raise _bad(f"'{name}': {key!r} -> {value!r} is not a name mapped to {low}..{high}")
        out[key.lower()] = value
    return out


def _words(raw: Any, name: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _bad(f"'{name}' must be a non-empty list of words")
    return tuple(" ".join(w.lower().split()) for w in raw)


def parse_lexicon(data: Any) -> DateLexicon:
    """Validate the YAML mapping; raises SetupError (E030) naming what is wrong."""
    if not isinstance(data, dict):
        raise _bad("not a mapping")
    return DateLexicon(
        months=_int_map(data.get("months"), "months", 1, 12),
        month_abbreviations=_int_map(data.get("month_abbreviations"), "month_abbreviations", 1, 12),
        weekdays=_int_map(data.get("weekdays"), "weekdays", 0, 6),
        numbers=_int_map(data.get("numbers"), "numbers", 1, 100),
        day_parts=_words(data.get("day_parts"), "day_parts"),
        year_cues=_words(data.get("year_cues"), "year_cues"),
        month_cues=_words(data.get("month_cues"), "month_cues"),
        since_cues=frozenset(_words(data.get("since_cues"), "since_cues")),
        onwards_cues=frozenset(_words(data.get("onwards_cues"), "onwards_cues")),
    )


@cache
def load_lexicon() -> DateLexicon:
    text = resources.files(_DATA).joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))
