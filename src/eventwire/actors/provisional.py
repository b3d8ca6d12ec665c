"""Entities the alias pass missed: near-miss spellings of long names, then unknown organisations.

Unknown organisations are never dropped: an ORG entity not in the knowledge base becomes a
provisional actor (`provisional:<slug>`) so the events stage can still use it and a curator can
later add it. Fuzzy matching is limited to long multi-word names because short strings
(`Amal` / `Aman`) collide at any useful threshold.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from spacy.tokens import Span

from eventwire.actors.found import DocState, Found
from eventwire.actors.kb import ActorKB
from eventwire.actors.lexicons import ProvisionalRules, provisional_rules
from eventwire.actors.normalize import normalize_name, slugify, words
from eventwire.annotations import ActorEntry, ActorVia

FUZZY_CUTOFF = 98.0  # chosen on re3d by benchmarks/fuzzy_threshold.py (F1 flat: 0.6094-0.6104)
FUZZY_MIN_CHARS = 12
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu"})
_LABELS = frozenset({"ORG", "PERSON", "NORP", "FAC"})


def resolve_unknown(state: DocState, kb: ActorKB) -> None:
    rules = provisional_rules()
    names, ids = _singular_choices(kb)
    seen: dict[str, ActorEntry] = {}
    for ent in state.doc.ents:
        if ent.label_ not in _LABELS:
            continue
        start, end = _trim(ent)
        if _dateline(state, start, end):
            continue
        released = _released(state, start, end) if end > start else None
        if released is None:
            continue
        text = state.doc[start:end].text
        norm = normalize_name(text)
        entry: ActorEntry | None = None
        via: ActorVia = "provisional"
        if (
            FUZZY_CUTOFF <= 100.0
            and ent.label_ in {"ORG", "PERSON"}
            and len(norm) >= FUZZY_MIN_CHARS
            and " " in norm
            and _name_like(text)
        ):
            best = process.extractOne(singular(norm), names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            entry = kb.get(ids[best[2]]) if best is not None else None
            via = "fuzzy"
        if entry is None:
            kind = _unknown_kind(ent.label_, text, norm, rules)
            if kind is None and ent.label_ == "PERSON" and _person_cue(state.doc[start:end], rules):
                kind = "person"
            if kind is None:
                continue
            actor_id = f"provisional:{slugify(text)}"
            entry = seen.setdefault(
                actor_id,
                ActorEntry(
                    id=actor_id,
                    name=text,
                    kind=kind,
                    sector=_SECTOR_INTER.get(kind, (None, None))[0],
                    acled_inter=_SECTOR_INTER.get(kind, (None, None))[1],
                ),
            )
            via = "provisional"
        for item in released:
            state.remove(item)
        state.add(start, end, entry, via)


def _released(state: DocState, start: int, end: int) -> list[Found] | None:
    """Mentions to give up for this entity: none if the span is free, bare country words inside a
    longer name ("Syrian Arab Red Crescent" is one organisation), or None when the span is taken."""
    inside = [f for f in state.found if f.start < end and f.end > start]
    for f in inside:
        if f.actor.kind != "state" or f.start < start or f.end > end or (f.start, f.end) == (start, end):
            return None
    return inside


def _dateline(state: DocState, start: int, end: int) -> bool:
    """`KABUL, Aug 26 (Reuters) -`: a capitalised place opening a line, which NER often calls ORG."""
    doc = state.doc
    text = doc[start:end].text
    return (
        state.keys.initial[start]
        and text.isupper()
        and end < len(doc)
        and doc[end].text in {",", "-", "—", "("}
    )


def _name_like(text: str) -> bool:
    """Every longer word capitalised: "Syrian Democratic Force" is a name, "islamic state" a concept."""
    return all(w[:1].isupper() for w in words(text) if len(w) > 3)


def _trim(ent: Span) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    if end > start and doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    # "Jaysh al-" + "Fatah al-Jadid": the ruler labelled a known word inside a longer Arabic name,
    # which cut the statistical entity at the hyphen; take the rest of the name back.
    if end > start and doc[end - 1].text == "-":
        while end < len(doc) and (
            doc[end].text == "-" or doc[end].text[:1].isupper() or doc[end].lower_ in _PARTICLES
        ):
            end += 1
        while end > start and (doc[end - 1].text == "-" or doc[end - 1].lower_ in _PARTICLES):
            end -= 1
    return start, end


def singular(name: str) -> str:
    """'syrian democratic forces' -> 'syrian democratic force': a plural s is not a spelling variant,
    so fuzzy matching compares names without it."""
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in name.split()
    )


_CHOICES: dict[int, tuple[list[str], list[str]]] = {}


def _singular_choices(kb: ActorKB) -> tuple[list[str], list[str]]:
    cached = _CHOICES.get(id(kb))
    if cached is None:
        names, ids = kb.fuzzy_choices
        cached = _CHOICES[id(kb)] = ([singular(n) for n in names], ids)
    return cached


# PLOVER sector and ACLED inter code a provisional actor's kind implies.
_SECTOR_INTER: dict[str, tuple[str | None, int | None]] = {
    "media": ("JRN", None),
    "militia": ("PRM", 3),
    "armed_group": ("REB", 2),
    "criminal": ("CRM", 3),
    "police": ("COP", 1),
    "party": ("PTY", None),
}


def _person_cue(span: Span, rules: ProvisionalRules) -> bool:
    """A title before the name, a role in apposition, or the name as the subject of a verb of saying."""
    tokens = [t for t in span if t.is_alpha]
    if not tokens or not all(t.text[:1].isupper() for t in tokens):
        return False
    if all(t.lower_ in rules.person_titles for t in tokens):
        return False  # "Ayatollah", "General": a title alone names nobody
    doc = span.doc
    before = doc[max(0, span.start - 2) : span.start]
    if any(t.lower_.rstrip(".") in rules.person_titles for t in before):
        return True
    after = doc[span.end : span.end + 4]
    if len(after) > 1 and after[0].text == "," and any(t.lower_ in rules.person_titles for t in after[1:]):
        return True
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in rules.speech_verbs


def _unknown_kind(label: str, text: str, norm: str, rules: ProvisionalRules) -> str | None:
    """`organisation`, `media`, or None for what is not an actor (platforms, faiths, lowercase noise)."""
    tokens = words(text)
    if not tokens or norm in rules.not_actors or not any(ch.isupper() for ch in text):
        return None
    if all(t.isdigit() for t in tokens):
        return None
    lowered = {t.lower() for t in tokens}
    typed = _kind_by_head(tokens, rules)
    if label == "ORG":
        if lowered & rules.media_words:
            return "media"
        return typed or "organisation"
    # The statistical NER calls unknown militias PERSON or NORP ("Jaysh al-Mahdi"); their words tell.
    if lowered & rules.org_words:
        return typed or "organisation"
    return None


def _kind_by_head(tokens: list[str], rules: ProvisionalRules) -> str | None:
    """The kind its head noun names, reading from the end ('Zawiya Martyrs Brigade' -> militia)."""
    kinds = dict(rules.head_kinds)
    for token in reversed(tokens):
        kind = kinds.get(token.lower())
        if kind is not None:
            return kind
    return None
