"""Transliteration variants: one alias written the ways news copy writes it.

`data/transliterations.yaml` lists groups of interchangeable word spellings (Hezbollah / Hizballah
/ Hizbullah, Quds / Qods, Mobilization / Mobilisation). Expanding aliases with them once at load
time means the knowledge base lists a name once and still matches Kata'ib Hizballah, Kataib
Hezbollah and Kata’ib Hizbullah.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import yaml

from eventwire.annotations import ActorEntry
from eventwire.errors import Errors, SetupError

DATA_DIR = Path(__file__).with_name("data")
TRANSLITERATIONS = DATA_DIR / "transliterations.yaml"
# A name with many variant words would multiply out; past this many forms the rarer ones add nothing.
MAX_VARIANTS = 32
_WORD_RE = re.compile(r"[A-Za-z’'ʼ]+")
_APOSTROPHE_RE = re.compile(r"[’'ʼ]")


@cache
def variant_groups(path: Path = TRANSLITERATIONS) -> dict[str, tuple[str, ...]]:
    """Lower-cased word -> every spelling of its group (itself included)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SetupError(Errors.E030.format(path=path, detail=str(exc))) from exc
    groups = raw.get("groups") if isinstance(raw, dict) else None
    if not isinstance(groups, list):
        raise SetupError(Errors.E030.format(path=path, detail="expected a top-level 'groups:' list"))
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) for w in group):
            raise SetupError(Errors.E030.format(path=path, detail=f"bad group {group!r}: a list of 2+ words"))
        spellings = tuple(dict.fromkeys(w.lower() for w in group))
        for word in spellings:
            key = _plain(word)
            if key in table and table[key] != spellings:
                raise SetupError(Errors.E030.format(path=path, detail=f"'{word}' is in two groups"))
            table[key] = spellings
    return table


def _plain(word: str) -> str:
    """Group look-up key: lower case without apostrophes (Kata’ib, Kata'ib and Kataib meet)."""
    return _APOSTROPHE_RE.sub("", word.lower())


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def expand(alias: str) -> list[str]:
    """`Kata'ib Hezbollah` -> [`Kata'ib Hezbollah`, `Kata'ib Hizballah`, `Kataib Hezbollah`, ...]."""
    groups = variant_groups()
    pieces: list[list[str]] = []
    last = 0
    for m in _WORD_RE.finditer(alias):
        options = groups.get(_plain(m.group(0)))
        if options is None:
            continue
        pieces.append([alias[last : m.start()]])
        pieces.append([_match_case(m.group(0), w) for w in options])
        last = m.end()
    if not pieces:
        return [alias]
    pieces.append([alias[last:]])
    out = [alias]
    for combo in itertools.islice(itertools.product(*pieces), MAX_VARIANTS):
        form = "".join(combo)
        if form not in out:
            out.append(form)
    return out


def all_aliases(entry: ActorEntry) -> list[str]:
    """Name and aliases with transliteration variants; generic actors match on their aliases only."""
    names = list(entry.aliases) if entry.id.startswith("generic:") else [entry.name, *entry.aliases]
    out: list[str] = []
    for name in names:
        for form in expand(name):
            if form not in out:
                out.append(form)
    return out
