"""An event's mode and the weapons its sentences name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span

from eventwire.events.assemble import Draft
from eventwire.events.lexicon import Lexicon

_AIR_MODES = {"aerial", "drone"}


def event_mode(draft: Draft, sentences: Sequence[Span], lexicon: Lexicon) -> str | None:
    """The PLOVER mode of an event: its trigger's, refined for attacks by the words around it."""
    if draft.type != "ASSAULT":
        return draft.mode
    words = {t.lower_ for i in draft.sentences for t in sentences[i]}
    explicit = draft.mode
    # "aircraft fired two missiles": the platform decides the mode, not the munition.
    refinable = explicit is None or explicit in {"heavy-weapons", "firearms", "explosives"}
    for mode, cues in lexicon.mode_cues:
        if refinable and words & cues and (mode in _AIR_MODES or explicit is None):
            return mode
    return explicit


_WEAPON_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def weapons_named(sentences: Sequence[Span], sent_ids: Sequence[int], lexicon: Lexicon) -> list[str]:
    """The weapons the event's sentences name, in their canonical spelling."""
    pattern = _WEAPON_CACHE.get(lexicon.weapons)
    if pattern is None:
        words = sorted(lexicon.weapons, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")s?\b", re.I)
        _WEAPON_CACHE[lexicon.weapons] = pattern
    found: list[str] = []
    canonical = {w.lower(): w for w in lexicon.weapons}
    for i in sent_ids:
        for match in pattern.finditer(sentences[i].text):
            name = canonical[match.group(1).lower()]
            if name not in found:
                found.append(name)
    return found
