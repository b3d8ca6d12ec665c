"""Which language an article is written in, fast and offline.

Two signals, both read from `data/languages.yaml`:
- the writing system: Arabic, Cyrillic, Hebrew, Greek, Devanagari, Thai, Hangul, kana and Han letters
  nearly identify a language by themselves (with a few letters that tell Persian or Urdu from Arabic
  and Ukrainian from Russian);
- for Latin script, function-word profiles: each language scores the frequent short words of its
  list, a word shared by several lists counting less for each.

Only the first ~2,000 characters are read: language does not change mid-article, and the pipeline
calls this on every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import Errors, SetupError

SAMPLE_CHARS = 2000
UNDETERMINED = "und"
_DATA = "eventwire.ingest.data"
_FILE = "languages.yaml"
# Share of a sample's letters a non-Latin script needs to decide the language: an English story
# quoting a name in Arabic letters stays English.
_SCRIPT_SHARE = 0.3
# Share of a script's letters that must be refinement letters (Persian گ, Ukrainian ї ...) before the
# refined language wins; a single borrowed letter in a name is not enough.
_REFINE_SHARE = 0.02
# Latin-script decisions: the best language needs some evidence and a clear lead over the second.
_MIN_SCORE = 0.5
_LEAD = 1.2

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class _Script:
    language: str
    letters: re.Pattern[str]
    refine: tuple[tuple[str, frozenset[str]], ...] = ()
    absorbs: str | None = None


@dataclass(frozen=True)
class _Profiles:
    weights: dict[str, tuple[tuple[str, float], ...]]  # word -> ((language, weight), ...)
    scripts: tuple[_Script, ...]


def _invalid(detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=f"ingest/data/{_FILE}", detail=detail))


@cache
def load_profiles() -> _Profiles:
    """The language profiles, validated and compiled once per process."""
    raw: Any = yaml.safe_load(resources.files(_DATA).joinpath(_FILE).read_text(encoding="utf-8"))
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("latin"), dict)
        or not isinstance(raw.get("scripts"), list)
    ):
        raise _invalid("needs a 'latin' mapping and a 'scripts' list")
    owners: dict[str, set[str]] = {}
    for language, words in raw["latin"].items():
        if not isinstance(words, list) or not words:
            raise _invalid(f"latin.{language}: needs a non-empty word list")
        for word in words:
            if not isinstance(word, str):
                raise _invalid(f"latin.{language}: {word!r} is not a string (quote it in YAML)")
            owners.setdefault(word.lower(), set()).add(str(language))
    weights = {
        word: tuple((lang, 1.0 / len(langs)) for lang in sorted(langs)) for word, langs in owners.items()
    }
    scripts: list[_Script] = []
    for entry in raw["scripts"]:
        try:
            refine = tuple((str(r["language"]), frozenset(str(r["chars"]))) for r in entry.get("refine", ()))
            scripts.append(
                _Script(
                    str(entry["language"]), re.compile(str(entry["pattern"])), refine, entry.get("absorbs")
                )
            )
        except (KeyError, TypeError, re.error) as exc:
            raise _invalid(f"script entry {entry!r}: {exc}") from exc
    return _Profiles(weights, tuple(scripts))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language `text` is written in ('en', 'fr', 'ar', ...), or 'und'.

    Latin-script text in none of the profiled languages (en fr es de it pt nl tr id sw), or too short
    to tell, is 'und'.
    """
    sample = text[:SAMPLE_CHARS]
    profiles = load_profiles()
    by_script = _script_language(sample, profiles.scripts)
    if by_script is not None:
        return by_script
    return _latin_language(sample, profiles.weights)


def _script_language(sample: str, scripts: tuple[_Script, ...]) -> str | None:
    counts: dict[str, float] = {script.language: len(script.letters.findall(sample)) for script in scripts}
    for script in scripts:
        # Japanese writes most content words in Han characters; kana are what set it apart.
        if script.absorbs and counts[script.language] and counts.get(script.absorbs):
            counts[script.language] += counts.pop(script.absorbs)
    best = max(counts, key=counts.__getitem__)
    letters = counts[best] + len(_LATIN_LETTER.findall(sample))
    if not counts[best] or counts[best] < _SCRIPT_SHARE * letters:
        return None
    script = next(s for s in scripts if s.language == best)
    for language, chars in script.refine:
        if sum(1 for ch in sample if ch in chars) >= max(1.0, _REFINE_SHARE * counts[best]):
            return language
    return best


def _latin_language(sample: str, weights: dict[str, tuple[tuple[str, float], ...]]) -> str:
    scores: dict[str, float] = {}
    for word in _WORD.findall(sample.lower()):
        for language, weight in weights.get(word, ()):
            scores[language] = scores.get(language, 0.0) + weight
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:2]
    if not ranked or ranked[0][1] < _MIN_SCORE:
        return UNDETERMINED
    if len(ranked) > 1 and ranked[0][1] < _LEAD * ranked[1][1]:
        return UNDETERMINED
    return ranked[0][0]
