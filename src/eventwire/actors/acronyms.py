"""Names defined in the text: "Popular Mobilization Forces (PMF)", "Asaib Ahl al-Haq (League of the
Righteous)".

The article's own definition beats the knowledge base: an acronym defined for one actor means that
actor everywhere in the article (via="acronym"). When neither form is known, one provisional actor
is created for both. The long form of an unknown acronym is found with the Schwartz & Hearst
(2003) rule: the shortest run of preceding words whose letters contain the acronym's in order,
its first letter starting a word.
"""

from __future__ import annotations

import re

from eventwire.actors.found import DocState, Found
from eventwire.actors.kb import ActorKB
from eventwire.actors.normalize import slugify
from eventwire.annotations import ActorEntry

_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9&\-.]*[A-Z0-9]\.?$")
_OPEN, _CLOSE = "(", ")"
_QUOTES = frozenset("\"'“”‘’«»")
# Lower-case words allowed inside a long form ("Organisation for the Prohibition of ...").
_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "in", "on", "al", "el", "ad", "ash", "as", "wal", "de", "la", "du"}
)
MAX_LONG_WORDS = 10


def is_acronym_token(text: str) -> bool:
    return bool(_ACRONYM_RE.match(text)) and sum(ch.isupper() for ch in text) >= 2


def resolve_definitions(state: DocState, kb: ActorKB) -> None:
    doc = state.doc
    defined: dict[str, ActorEntry] = {}
    for i, token in enumerate(doc):
        if token.text != _OPEN:
            continue
        inner_start, inner_end = _parenthetical(state, i)
        if inner_end <= inner_start or i == 0:
            continue
        inner_text = doc[inner_start:inner_end].text
        before = _found_ending_at(state, i)
        inside = _found_covering(state, inner_start, inner_end)
        if inner_end - inner_start == 1 and is_acronym_token(inner_text):
            actor = _define_acronym(state, kb, i, inner_start, before, inside)
            if actor is not None:
                defined[inner_text] = actor
        elif (
            before is not None
            and inside is None
            and state.free(inner_start, inner_end)
            and doc[inner_start].text[:1].isupper()
        ):
            # "Asaib Ahl al-Haq (League of the Righteous)": a translation or second name in brackets.
            state.add(inner_start, inner_end, before.actor, "alias")
    if defined:
        _later_uses(state, defined)


def _parenthetical(state: DocState, i: int) -> tuple[int, int]:
    """Token span inside `( ... )` after `i`, without quotes; (0, 0) if not a short bracket."""
    doc = state.doc
    for j in range(i + 1, min(len(doc), i + 10)):
        if doc[j].text == _CLOSE:
            start, end = i + 1, j
            while start < end and doc[start].text in _QUOTES:
                start += 1
            while end > start and doc[end - 1].text in _QUOTES:
                end -= 1
            return start, end
        if doc[j].is_sent_start or doc[j].text == _OPEN:
            break
    return 0, 0


def _found_ending_at(state: DocState, i: int) -> Found | None:
    for item in state.found:
        if item.end == i and not item.generic and item.via != "coref":
            return item
    return None


def _found_covering(state: DocState, start: int, end: int) -> Found | None:
    for item in state.found:
        if item.start <= start and item.end >= end:
            return item
    return None


def _define_acronym(
    state: DocState, kb: ActorKB, i: int, acr: int, before: Found | None, inside: Found | None
) -> ActorEntry | None:
    doc = state.doc
    acronym = doc[acr].text
    if before is not None:
        # Known long form: the acronym means that actor here, whatever the knowledge base says.
        if inside is not None and inside.actor.id != before.actor.id:
            state.remove(inside)
        if state.free(acr, acr + 1):
            state.add(acr, acr + 1, before.actor, "acronym")
        return before.actor
    long_start = _long_form_start(state, i, acronym)
    if long_start is None:
        return inside.actor if inside is not None and not inside.generic else None
    if not state.free(long_start, i):
        return None
    if inside is not None and not inside.generic:
        # Unknown long form ("Islamic Revolutionary Guards Corp"), known acronym: the long form is it.
        state.add(long_start, i, inside.actor, "acronym")
        return inside.actor
    if inside is not None:
        state.remove(inside)
    long_text = doc[long_start:i].text
    actor = ActorEntry(
        id=f"provisional:{slugify(long_text)}", name=long_text, kind="organisation", aliases=(acronym,)
    )
    state.add(long_start, i, actor, "provisional")
    state.add(acr, acr + 1, actor, "acronym")
    return actor


def _long_form_start(state: DocState, i: int, acronym: str) -> int | None:
    """Start token of the shortest capitalised run before `i` that spells `acronym`."""
    doc = state.doc
    letters = [ch.lower() for ch in acronym if ch.isalnum()]
    k = i - 1
    words = 0
    while k >= 0 and words < MAX_LONG_WORDS:
        token = doc[k]
        text = token.text
        if token.is_space or (token.is_punct and text not in "-'’"):
            break
        if text[:1].isalpha() and not text[:1].isupper() and text.lower() not in _CONNECTORS:
            break
        if text[:1].isupper() or text[:1].isdigit():
            candidate = doc[k:i].text
            if text[:1].lower() == letters[0] and _spells(letters, candidate):
                return k
        if text[:1].isalnum():
            words += 1
        k -= 1
    return None


def _spells(letters: list[str], long_form: str) -> bool:
    """Schwartz & Hearst: acronym letters occur in order, matched right to left, first at a word start."""
    text = long_form.lower()
    li = len(text) - 1
    for si in range(len(letters) - 1, -1, -1):
        ch = letters[si]
        while li >= 0 and (text[li] != ch or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def _later_uses(state: DocState, defined: dict[str, ActorEntry]) -> None:
    """Every other use of a defined acronym in the article means the defined actor."""
    doc = state.doc
    for k, token in enumerate(doc):
        actor = defined.get(token.text)
        if actor is None:
            continue
        current = _found_covering(state, k, k + 1)
        if current is None:
            state.add(k, k + 1, actor, "acronym")
        elif current.start == k and current.end == k + 1 and current.actor.id != actor.id:
            state.remove(current)
            state.add(k, k + 1, actor, "acronym")
