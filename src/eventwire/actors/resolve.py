"""Find every actor mention in a parsed article (DESIGN.md, "actors").

Passes, each filling only tokens no earlier pass took:
1. knowledge-base aliases, country words + institution nouns ("Israeli jets", "Iraq's government"),
   bare demonyms; longest span wins;
2. acronyms and names defined in the text ("Popular Mobilization Forces (PMF)");
3. surnames of people already named in full;
4. near-miss spellings of long names (fuzzy) and unknown organisations (provisional);
5. coreference ("the militia", "it said").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from eventwire.actors.acronyms import resolve_definitions
from eventwire.actors.coref import resolve_coreference
from eventwire.actors.found import DocState
from eventwire.actors.kb import ActorKB
from eventwire.actors.lexicons import Heads, demonyms, heads
from eventwire.actors.offices import resolve_offices
from eventwire.actors.phrases import Hit, longest_first
from eventwire.actors.provisional import resolve_unknown
from eventwire.annotations import ActorEntry, ActorMention, ActorVia

# When a country has no entry of the kind asked for ("Malian police"), the generic actor of that
# kind stands in, carrying the country.
_GENERIC_FOR_KIND = {
    "military": "generic:soldiers",
    "police": "generic:police",
    "government": "generic:officials",
    "intelligence": "generic:security-forces",
}
_POSSESSIVE = frozenset({"'s", "’s", "ʼs", "'"})
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})
_COUNTRY_KINDS = frozenset({"state", "government", "military", "police", "intelligence"})

Candidate = tuple[tuple[ActorEntry, ...], ActorVia]


def find_actors(doc: Doc, kb: ActorKB, published: dt.date | None = None) -> list[ActorMention]:
    """Actor mentions in `doc`, sorted by start, non-overlapping; char offsets into `doc.text`.
    With a publication date, office descriptions ("the Iraqi prime minister") name their holder."""
    state = DocState.of(doc)
    _named(state, kb)
    resolve_definitions(state, kb)
    _surnames(state, kb)
    resolve_unknown(state, kb)
    _contextual(state, kb, heads())
    resolve_coreference(state)
    return resolve_offices(doc.text, state.mentions(), kb, published)


def _named(state: DocState, kb: ActorKB) -> None:
    lex = heads()
    keys = state.keys
    pool: dict[tuple[int, int], Candidate] = {}

    def offer(start: int, end: int, entries: Sequence[ActorEntry], via: ActorVia) -> None:
        if (start, end) in pool:
            old, old_via = pool[(start, end)]
            pool[(start, end)] = (tuple(dict.fromkeys((*old, *entries))), old_via)
        else:
            pool[(start, end)] = (tuple(entries), via)

    for hit in kb.alias_index.all_hits(keys):
        entry = kb.get(hit.value)
        if entry is None or _qualifier_follows(state, hit.end, lex) or _inside_arabic_name(state, hit):
            continue
        if entry.kind == "state":
            compound = _institution(state, kb, lex, entry.country_code, hit.end, possessive=True)
            if compound is not None:
                offer(hit.start, compound[1], [compound[0]], "alias")
            if _after_locative(state, hit.start, lex):
                continue
        offer(hit.start, hit.end, [entry], "alias")
    for hit in demonyms().all_hits(keys):
        if _qualifier_follows(state, hit.end, lex):
            continue
        compound = _institution(state, kb, lex, hit.value, hit.end, possessive=False)
        if compound is not None:
            offer(hit.start, compound[1], [compound[0]], "demonym")
        country = kb.country_actor(hit.value)
        if country is not None:
            offer(hit.start, hit.end, [country], "demonym")

    spans: list[Hit[Candidate]] = [Hit(s, e, cand, "") for (s, e), cand in pool.items()]
    chosen = longest_first(spans, state.taken)
    countries = Counter(
        h.value[0][0].country_code for h in chosen if len(h.value[0]) == 1 and h.value[0][0].country_code
    )
    for span in sorted(chosen, key=lambda h: h.start):
        entries, via = span.value
        state.add(span.start, span.end, _pick(entries, countries), via)


def _pick(entries: Sequence[ActorEntry], countries: Counter[str]) -> ActorEntry:
    """Among actors sharing an alias (SNA: Somali or Syrian National Army), the article's country wins."""
    if len(entries) == 1:
        return entries[0]
    return max(entries, key=lambda e: (countries.get(e.country_code or "", 0), -entries.index(e)))


def _qualifier_follows(state: DocState, end: int, lex: Heads) -> bool:
    """`Iranian-backed`, `Russia-led`: the country qualifies the next noun and is not an actor."""
    doc = state.doc
    if end + 1 < len(doc) and doc[end].text in "-‐‑–" and doc[end].whitespace_ == "":
        return doc[end + 1].lower_ in lex.qualifiers
    return False


def _inside_arabic_name(state: DocState, hit: Hit[str]) -> bool:
    """`Jaysh al-Fatah`: a known name after `<Name> al-` is the tail of a longer, other name."""
    doc = state.doc
    k = hit.start
    if k < 3 or doc[k - 1].text not in "-‐‑–" or doc[k - 2].lower_ not in _ARTICLES:
        return False
    if hit.alias.lower().startswith(doc[k - 2].lower_):
        return False
    return doc[k - 3].text[:1].isupper() and doc[k - 3].pos_ in {"PROPN", "NOUN"}


def _after_locative(state: DocState, start: int, lex: Heads) -> bool:
    """`in Syria`, `in eastern Syria`, `near Damascus`: a place, not an actor."""
    doc = state.doc
    k = start - 1
    if k >= 0 and doc[k].pos_ == "ADJ":
        k -= 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ in lex.locatives


def _institution(
    state: DocState, kb: ActorKB, lex: Heads, country: str | None, at: int, *, possessive: bool
) -> tuple[ActorEntry, int] | None:
    """`Israeli` + `jets` -> (Israel's military, end); `Iraq` + `'s` + `government` likewise."""
    if country is None:
        return None
    doc = state.doc
    if possessive and at < len(doc) and doc[at].lower_ in _POSSESSIVE:
        at += 1
    found = [h for h in lex.heads.hits_at(state.keys, at) if h.alias.islower()] if at < len(doc) else []
    if not found:
        return None
    head = max(found, key=lambda h: h.end)
    # "Israeli Prime Minister Binyamin Netanyahu": an office followed by a name is the person's title.
    if head.end < len(doc) and doc[head.end].pos_ == "PROPN" and head.value == "government":
        return None
    actor = _country_institution(kb, country, head.value)
    return (actor, head.end) if actor is not None else None


def _country_institution(kb: ActorKB, country: str, target: str) -> ActorEntry | None:
    if target.startswith("generic:"):
        generic = kb.get(target)
        return dataclasses.replace(generic, country_code=country) if generic else None
    entry = kb.country_actor(country, target)
    if entry is not None:
        return entry
    generic = kb.get(_GENERIC_FOR_KIND.get(target, ""))
    return dataclasses.replace(generic, country_code=country) if generic else None


def _surnames(state: DocState, kb: ActorKB) -> None:
    """`Netanyahu` after `Prime Minister Binyamin Netanyahu`: only people already named in full."""
    first_seen: dict[str, int] = {}
    for item in state.found:
        if item.actor.kind == "person":
            first_seen[item.actor.id] = min(first_seen.get(item.actor.id, item.start), item.start)
    if not first_seen:
        return
    for hit in kb.surname_index.all_hits(state.keys):
        entry = kb.get(hit.value)
        seen = first_seen.get(hit.value)
        if entry is not None and seen is not None and hit.start > seen and state.free(hit.start, hit.end):
            state.add(hit.start, hit.end, entry, "alias")


def _contextual(state: DocState, kb: ActorKB, lex: Heads) -> None:
    """`regime forces` with no country word: the state forces of the country the article is about."""
    for item in sorted(state.found, key=lambda f: f.start):
        if not item.generic:
            continue
        hits = [h for h in lex.contextual.hits_at(state.keys, item.start) if h.end == item.end]
        if not hits:
            continue
        country = _context_country(state, item.start)
        actor = _country_institution(kb, country, hits[0].value) if country else None
        if actor is not None:
            state.remove(item)
            state.add(item.start, item.end, actor, "coref")


def _context_country(state: DocState, before: int) -> str | None:
    """The country of the nearest preceding state institution, else the article's commonest country."""
    earlier = [f for f in state.found if f.start < before and f.actor.country_code]
    for item in sorted(earlier, key=lambda f: -f.start):
        if item.actor.kind in _COUNTRY_KINDS - {"state"}:
            return item.actor.country_code
    counts = Counter(f.actor.country_code for f in state.found if f.actor.country_code)
    return counts.most_common(1)[0][0] if counts else None
