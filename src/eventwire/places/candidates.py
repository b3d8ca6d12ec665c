"""Toponym candidates: capitalised spans found in the gazetteer, with the context that vouches for them.

Spans come from spaCy entities and from runs of capitalised tokens, because the small English
model tags many towns PERSON or ORG, or nothing at all. A run is matched greedily, longest span
first (up to `_MAX_TOKENS`), so "Deir ez-Zor province" and "Iraq-Syria border" win over their parts.
Only the gazetteer decides what is a name; the cues decide whether the name is used as a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.annotations import INSTITUTION_KINDS, ActorMention, Place
from eventwire.places import lexicon
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.normalize import ARABIC_ARTICLES, name_key

_MAX_TOKENS = 7
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_HYPHENS = frozenset({"-", "‐", "‑", "–"})
_SPACED_ARTICLES = frozenset({"al", "el"})
# Lower-case words inside names ("Strait of Hormuz", "Dar es Salaam", "Ras bin Ali"); never at a span edge.
_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "bin", "bani", "ibn", "abu", "umm"})
# Lower-case heads that end a geographic name: "Iraq-Syria border", "Idlib province", "Euphrates river".
_GEO_HEADS = frozenset(
    {
        "border",
        "borders",
        "river",
        "province",
        "governorate",
        "region",
        "state",
        "oblast",
        "strip",
        "sea",
        "crossing",
        "valley",
        "desert",
        "lake",
        "mountains",
        "heights",
        "peninsula",
    }
)
_SKIP_LEFT = frozenset({"the", "a", "an"})
# Below this population an unlabelled capitalised word needs a locative cue to count as a place.
WELL_KNOWN_POPULATION = 100_000


@dataclass
class Candidate:
    start: int  # token indexes [start, end)
    end: int
    text: str
    places: list[Place]
    label: str | None  # entity label of the span; "sub" when a non-place entity strictly contains it
    cue: bool = False
    near: bool = False
    want_admin1: bool = False
    want_settlement: bool = False
    inside_facility: bool = False  # part of a street or building name ("Collins" in "Collins Avenue")
    unknown: bool = False  # a settlement the gazetteer lacks, named as one ("the village of Tamthil")
    hints: list[str] = field(default_factory=list)


def _capitalised(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() and any(ch.isalpha() for ch in token.text)


def _joins(doc: Doc, i: int) -> bool:
    """A lower-case token that may sit inside a name: "al-", "ez-", "-e-" (Mazar-e-Sharif), "al Qaim"."""
    token = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if nxt.text in _HYPHENS:
        return token.lower_ in ARABIC_ARTICLES or (i > 0 and doc[i - 1].text in _HYPHENS and len(token) <= 3)
    # Unhyphenated, only the articles that are not English words ("at", "as", "an" are).
    return token.lower_ in _SPACED_ARTICLES and _capitalised(nxt)


def _name_like(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.ent_type_ in _NOT_NAMES:
        return False
    if _capitalised(token) or token.ent_type_ in _PLACE_LABELS:
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if token.text in _CONNECTORS:  # "Strait of Hormuz", "Dar es Salaam"
        return i > 0 and _capitalised(doc[i - 1]) and _capitalised(nxt)
    if token.text in _HYPHENS:  # "Iraq-Syria", "Deir ez-Zor", "Mazar-e-Sharif"
        return (
            i > 0
            and (_capitalised(doc[i - 1]) or _joins(doc, i - 1))
            and (_capitalised(nxt) or _joins(doc, i + 1))
        )
    return _joins(doc, i)


def _runs(doc: Doc) -> list[tuple[int, int]]:
    runs, i = [], 0
    while i < len(doc):
        if not _name_like(doc, i):
            i += 1
            continue
        j = i
        while j < len(doc) and _name_like(doc, j):
            j += 1
        if j < len(doc) and doc[j].lower_ in _GEO_HEADS:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _bad_edge(token: Token) -> bool:
    return (
        token.text in _HYPHENS
        or token.text in _CONNECTORS
        or token.lower_ in _SKIP_LEFT
        or not token.text.strip()
    )


def _bad_span(doc: Doc, i: int, j: int) -> bool:
    first = doc[i]
    if _bad_edge(first) or _bad_edge(doc[j - 1]):
        return True
    # A span starts with a capital or an article ("al-Qaim"), never with "province" or "border".
    if not _capitalised(first) and not _joins(doc, i):
        return True
    # "In Gaza" at a sentence start is not a place called "In Gaza"; "River" alone is no river, and
    # "Street" alone is no street.
    single_head = j - i == 1 and (first.lower_ in _GEO_HEADS or first.lower_ in lexicon.cues().facility_heads)
    if (first.is_stop and not _joins(doc, i)) or single_head:
        return True
    words = [t for t in doc[i:j] if t.text not in _HYPHENS]
    # "You May Be": all stop words or known non-places is not a name, whatever the gazetteer says.
    not_places = lexicon.not_places()
    return all(t.is_stop or name_key(t.text) in not_places for t in words)


def _label(doc: Doc, start: int, end: int) -> str | None:
    """Entity label of the span; "sub" when a non-place entity strictly contains it.
    Reads token attributes only: `doc.ents` builds every entity span on each access."""
    i = next((k for k in range(start, end) if doc[k].ent_iob_ in ("B", "I")), None)
    if i is None:
        return None
    label = str(doc[i].ent_type_)
    ent_start = i
    while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    ent_end = i + 1
    while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    if ent_start == start and ent_end == end:
        return label
    if ent_start <= start and end <= ent_end:
        return label if label in _PLACE_LABELS else "sub"
    return label if label in _PLACE_LABELS else None


def _left_words(doc: Doc, start: int) -> list[str]:
    """Up to two lower-cased words before `start`, skipping articles and adjectives ("the Syrian town of")."""
    words: list[str] = []
    i = start - 1
    while i >= 0 and len(words) < 2:
        token = doc[i]
        if token.lower_ in _SKIP_LEFT or (not words and token.pos_ == "ADJ"):
            i -= 1
            continue
        words.insert(0, token.lower_)
        i -= 1
    return words


def _context(doc: Doc, cand: Candidate) -> None:
    cues = lexicon.cues()
    left = _left_words(doc, cand.start)
    prev = left[-1] if left else ""
    if prev in cues.locative_preps:
        cand.cue = True
        cand.near = prev in cues.near_preps
    if len(left) == 2 and left[1] == "on" and left[0] in cues.assault_nouns:
        cand.cue = True  # "the siege on Manbij"
    if len(left) == 2 and left[1] in ("of", "from", "to"):
        noun = left[0]
        if noun in cues.place_nouns or tuple(left) in cues.near_phrases:
            cand.cue = True
            cand.near = cand.near or tuple(left) in cues.near_phrases
            cand.want_admin1 = noun in cues.admin1_nouns
            cand.want_settlement = noun in cues.settlement_nouns
    nxt = doc[cand.end].lower_ if cand.end < len(doc) else ""
    if nxt in cues.place_nouns:
        cand.cue = True
        cand.near = cand.near or (nxt in cues.near_suffixes and nxt != "region")
        cand.want_admin1 = cand.want_admin1 or nxt in cues.admin1_nouns
        cand.want_settlement = cand.want_settlement or nxt in cues.settlement_nouns
    if cand.text.split()[-1].lower() in cues.admin1_nouns:
        cand.want_admin1 = True
    _hints_after(doc, cand)


def _hints_after(doc: Doc, cand: Candidate) -> None:
    """Admin hints: "Minakulu (Oyam, Northern)", "Kandahar, Afghanistan", "X in Y province",
    and apposition "X, the oil-rich eastern province" (which asks for the admin1 unit)."""
    cues = lexicon.cues()
    i = cand.end
    if i >= len(doc) or doc[i].text not in ("(", ",", "in"):
        return
    i += 1
    words: list[str] = []
    limit = min(len(doc), i + 8)
    while i < limit:
        token = doc[i]
        if (
            token.text in (")", ".", ";", ":")
            or token.pos_ in ("VERB", "AUX")
            or token.lower_ in ("where", "which")
        ):
            break
        if token.lower_ in cues.place_nouns and not _capitalised(token):
            # "Jaffna, the capital of ...", "X, the oil-rich eastern province": apposition names a place.
            cand.cue = True
            cand.want_admin1 = token.lower_ in cues.admin1_nouns
            break
        if _capitalised(token) or (words and token.text in _HYPHENS) or _joins(doc, i):
            words.append(token.text_with_ws)
        elif words:
            cand.hints.append("".join(words).strip())
            words = []
        i += 1
    if words:  # "X, the eastern Syrian province": "Syrian" is a hint too
        cand.hints.append("".join(words).strip())


def _actor_blocks(actors: Sequence[ActorMention], start: int, end: int, places: Sequence[Place] = ()) -> bool:
    """An actor mention covers this span: "Hamas", "Syrian Democratic Forces" are not places.
    A mention that is exactly the span stays a place when the actor is a state ("turn Syria into a
    base") or a provisional organisation nothing but the NER vouches for: the small model tags many
    towns ORG ("the outskirts of Karachi"), and the gazetteer knows better than a guess. A capital
    that opens its state's institution ("a Kabul military base", "a Damascus police station") is
    still the town where that base or station stands."""
    for actor in actors:
        if actor.start <= start and end <= actor.end:
            exact = actor.start == start and actor.end == end
            guessed = actor.actor.provisional and actor.actor.kind == "organisation"
            if exact and (actor.actor.kind == "state" or guessed):
                continue
            if (
                actor.start == start
                and actor.actor.kind in INSTITUTION_KINDS
                and _town_of(places, actor.actor.country_code)
            ):
                continue
            return True
    return False


def _town_of(places: Sequence[Place], country_code: str | None) -> bool:
    """Whether the name is a town of the country and not the country itself ("Mexico's army")."""
    features = [(p.feature_code or "") for p in places if p.country_code == country_code]
    return (
        country_code is not None
        and any(f.startswith("PPL") for f in features)
        and not any(f.startswith("PCL") for f in features)
    )


def hint_matches(hint: str, place: Place) -> bool:
    """Whether an admin hint ("Oyam", "Northern", "Borno State", "Uganda", "Syrian") fits `place`."""
    words = name_key(hint).split()
    if len(words) > 1 and words[-1] in lexicon.cues().admin1_nouns:
        words = words[:-1]  # "Borno State" names the unit "Borno"
    key = " ".join(words)
    if not key:
        return False
    if lexicon.demonyms().get(key) == place.country_code:
        return True
    for value in (place.admin1, place.admin2, place.country):
        if value:
            words = name_key(value).split()
            # "Northern" matches "Northern Region"; "Oyam" matches "Oyam District".
            if key == " ".join(words) or key.split() == words[: len(key.split())]:
                return True
    return False


def _inside_longer_name(doc: Doc, cand: Candidate) -> bool:
    """ "Qods Force", "Tehran Times", "Deir ez-Zor Military Council": a place name modifying a longer name."""
    if cand.end >= len(doc):
        return False
    nxt = doc[cand.end]
    return _capitalised(nxt) and nxt.ent_type_ not in _NOT_NAMES and not nxt.is_sent_start


def _accept(doc: Doc, cand: Candidate) -> bool:
    key = name_key(cand.text)
    single = cand.end - cand.start == 1
    if cand.label in _NOT_NAMES or cand.label == "sub":
        return False
    if cand.label not in _PLACE_LABELS and _inside_longer_name(doc, cand):
        return False
    if _acronym(cand.text) and not any(p.feature_code == "PCLI" for p in cand.places):
        return False  # acronyms ("ISIS", "PMF") are organisations, whatever a skeleton key matches
    if cand.inside_facility:
        return _well_known(cand, key)
    if single and key in lexicon.not_places():
        return cand.label in ("GPE", "LOC") and cand.cue
    if cand.label in _PLACE_LABELS:
        return True
    if any(hint_matches(hint, p) for hint in cand.hints for p in cand.places):
        return True  # "Monguno in Borno State", "Minakulu (Oyam, Northern)": the text places it
    if cand.label == "PERSON":
        # The small model tags many towns PERSON ("Grozny's streets"); a big city of that exact name,
        # written as one word, is taken, other PERSON spans need a locative cue.
        big = single and any(
            p.population >= WELL_KNOWN_POPULATION and name_key(p.name) == key for p in cand.places
        )
        return cand.cue or big
    root = doc[cand.end - 1]
    if not cand.cue and root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN":
        return False  # "Brent crude", "Aleppo soap": a name modifying a common noun, not a location
    return cand.cue or _well_known(cand, key)


def _well_known(cand: Candidate, key: str) -> bool:
    return any(
        p.feature_code in ("PCLI", "ADM1")
        or (p.population >= WELL_KNOWN_POPULATION and name_key(p.name) == key)
        for p in cand.places
    )


def _acronym(text: str) -> bool:
    """ "ISIS", "U.N.", "SDF": capitals only, short or dotted. A long word in capitals is a dateline
    or a headline ("CHARLESTON, W.Va. --"), not an acronym."""
    letters = text.replace(".", "").replace(" ", "")
    return letters.isupper() and (len(letters) <= 5 or "." in text)


def find_candidates(doc: Doc, gazetteer: Gazetteer, actors: Sequence[ActorMention] = ()) -> list[Candidate]:
    """Accepted toponym candidates, in text order, each with every gazetteer place it may name."""
    demonyms = lexicon.demonyms()
    heads = lexicon.cues().facility_heads
    out: list[Candidate] = []
    for run_start, run_end in _runs(doc):
        facility = run_end - run_start > 1 and doc[run_end - 1].lower_ in heads
        i = run_start
        while i < run_end:
            match: Candidate | None = None
            for j in range(min(run_end, i + _MAX_TOKENS), i, -1):
                if _bad_span(doc, i, j):
                    continue
                span = doc[i:j]
                if j - i == 1 and name_key(span.text) in demonyms:
                    continue
                places = gazetteer.lookup(span.text)
                if places:
                    match = Candidate(i, j, span.text, places, _label(doc, i, j))
                    break
            if match is None:
                i += 1
                continue
            i = match.end
            match.inside_facility = facility and (match.start, match.end) != (run_start, run_end)
            start_char, end_char = doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1])
            if _actor_blocks(actors, start_char, end_char, match.places):
                continue
            _context(doc, match)
            _inherit_cue(doc, out, match)
            if _accept(doc, match):
                out.append(match)
    return out


def _inherit_cue(doc: Doc, accepted: list[Candidate], cand: Candidate) -> None:
    """Lists share their preposition: "in Aleppo, Idlib and Hama" puts Idlib and Hama in places too."""
    if cand.cue or not accepted:
        return
    last = accepted[-1]
    between = [t.lower_ for t in doc[last.end : cand.start]]
    if last.cue and between and all(w in (",", "and", "or") for w in between):
        cand.cue = True


def find_unknown_settlements(
    doc: Doc, accepted: Sequence[Candidate], actors: Sequence[ActorMention] = ()
) -> list[Candidate]:
    """Names the gazetteer lacks that the text itself calls a settlement or district: "the village of
    Tamthil", "Khanasir town", "the Baghdad neighbourhood of Al-Bayaa". Small places are where most
    events happen and where city data runs out; find_places puts them near a place they are named with.
    """
    cues = lexicon.cues()
    nouns = cues.settlement_nouns | cues.district_nouns
    taken = {i for cand in accepted for i in range(cand.start, cand.end)}
    out: list[Candidate] = []
    for start, end in _runs(doc):
        while end > start and doc[end - 1].lower_ in _GEO_HEADS:
            end -= 1
        if end <= start or taken.intersection(range(start, end)) or _bad_span(doc, start, end):
            continue
        label = _label(doc, start, end)
        if _acronym(doc[start:end].text) or label in (*_NOT_NAMES, "NORP", "sub"):
            continue
        if name_key(doc[start:end].text) in lexicon.demonyms():
            continue  # "the Syrian capital Damascus": an adjective, not a capital called Syrian
        left = _left_words(doc, start)
        before = len(left) == 2 and left[1] == "of" and left[0] in nouns
        after = end < len(doc) and doc[end].lower_ in nouns and not doc[end].text[:1].isupper()
        if not (before or after):
            continue
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if _actor_blocks(actors, start_char, end_char):
            continue
        out.append(Candidate(start, end, doc[start:end].text, [], label, cue=True, unknown=True))
    return out
