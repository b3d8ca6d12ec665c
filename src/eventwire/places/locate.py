"""event_location: where one event happened, among the places its sentences mention.

Order of preference: a place syntactically tied to a trigger ("killed in X", "X, where the strike
took place"), then the most specific place consistent with the others (a town inside the named
province beats the province), then the article's main place in its main country, then that
country itself at country precision. Precision codes follow ACLED (geo_precision 1-3) and UCDP
(where_prec 1-7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.annotations import Place, PlaceMention
from eventwire.nlp.dateline import dateline_end
from eventwire.places import lexicon
from eventwire.places.find import distance_km
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.normalize import name_key
from eventwire.record import Location

_WATER = frozenset({"SEA", "GULF", "STRT", "LK", "OCN", "BAY"})
_BETWEEN = frozenset({"BDR", "RGN", "STM", "TERR"})
# How specific each kind of place is; towns are the goal, countries the last resort.
_SPECIFICITY = {
    "PPL": 4.0,
    "ADM2": 3.0,
    "ADM1": 2.0,
    "TERR": 1.5,
    "RGN": 1.5,
    "BDR": 1.5,
    "STM": 1.0,
    "PCLI": 0.0,
    "CONT": -1.0,
}
_ATTACHED, _CONSISTENT, _IN_CONTEXT, _OUT_OF_CONTEXT = 2.5, 0.5, 1.0, -1.0
# A place that only modifies a noun is whose, not where: "U.S. missiles", "Israel's threats",
# "the Baghdad neighbourhood of Al-Bayaa".
_MODIFIER = -2.0
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
# Where someone spoke ("speaking in Nabatieh, he said") and the dateline ("MAIDUGURI, Nigeria -")
# name places the story comes from, not where its events happened.
_SPEECH, _DATELINE = -2.0, -3.0
# The sentence that first reports the event places it; later mentions ("the attack") add context.
_FIRST_SENTENCE = 1.0
_MAX_HOPS = 5


def precision(place: Place, near: bool) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) of an event coded to `place`."""
    feature = place.feature_code or "PPL"
    if feature == "PCLI":
        return 3, 6
    if feature in _WATER or feature == "CONT":
        return 3, 7
    if feature in _BETWEEN:
        return 3, 5
    if feature == "ADM1":
        return 3, 4
    if feature == "ADM2":
        return 2, 3
    return (2, 2) if near else (1, 1)


def _specificity(place: Place) -> float:
    feature = place.feature_code or "PPL"
    return _SPECIFICITY.get("PPL" if feature.startswith("PPL") else feature, 1.0)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _ancestors(token: Token) -> list[Token]:
    out, current = [], token
    for _ in range(_MAX_HOPS):
        if current.head is current:
            break
        current = current.head
        out.append(current)
    return out


def _anchors(trigger: Token) -> set[int]:
    """A trigger and, for a noun trigger, the verb it is an argument of: in "an airstrike killed nine
    people in X", X hangs off "killed", not off "airstrike". Reporting verbs higher up are not anchors,
    or "officials in Y said" would tie Y to the event."""
    out = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN"):
        for ancestor in _ancestors(trigger):
            out.add(ancestor.i)
            if ancestor.pos_ in ("VERB", "AUX"):
                break
    return out


def _attached(place_root: Token, trigger_roots: Sequence[Token]) -> bool:
    """The place hangs off a trigger (or its verb) within a few hops, or a trigger hangs off the place
    ("X, the province where the airstrike took place")."""
    chain = {place_root.i, *(t.i for t in _ancestors(place_root))}
    return any(
        chain.intersection(_anchors(t)) or place_root.i in {a.i for a in _ancestors(t)} for t in trigger_roots
    )


def _modifier(span: Span, triggers: Sequence[Token]) -> bool:
    """The mention modifies a noun and no preposition puts it as a place: "U.S. missiles". Not when
    the noun is a place ("Khanasir town", "the Balata camp") or the event ("the Helmand battle")."""
    root = span.root
    if root.dep_ not in _MODIFIER_DEPS or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    cues = lexicon.cues()
    head = root.head.lower_
    if head in cues.place_nouns or head in cues.district_nouns or root.head.i in {t.i for t in triggers}:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return not (before is not None and before.lower_ in lexicon.cues().locative_preps)


def _spoken_from(span: Span, triggers: Sequence[Token]) -> bool:
    """The nearest verb above the place is a verb of saying, not the event's: "officials in Y said",
    "speaking at a funeral in Nabatieh". ("A bomb went off outside X, police said" is about X.)"""
    anchors = {i for t in triggers for i in _anchors(t)}
    for token in (span.root, *_ancestors(span.root)):
        if token.i in anchors:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_ in lexicon.cues().speech_verbs
    return False


def _contains(outer: Place, inner: Place) -> bool:
    """Whether `outer` plausibly contains or borders `inner` (for consistency between mentions)."""
    if outer is inner or outer == inner:
        return False
    feature = outer.feature_code or ""
    if feature == "PCLI":
        return outer.country_code == inner.country_code
    if feature == "ADM1":
        return (
            outer.country_code == inner.country_code
            and inner.admin1 == outer.name
            and inner.feature_code != "ADM1"
        )
    if feature in _BETWEEN or feature in _WATER:
        shared = lexicon.shared_countries().get(name_key(outer.name), ())
        return inner.country_code in shared and distance_km(outer, inner) < 150
    return False


def _countries_of(place: Place) -> tuple[str, ...]:
    if place.country_code:
        return (place.country_code,)
    return lexicon.shared_countries().get(name_key(place.name), ())


def _location(
    mention_text: str | None,
    place: Place,
    near: bool,
    context: Sequence[str],
    gazetteer: Gazetteer,
    floor: int = 1,
) -> Location:
    acled, ucdp = precision(place, near)
    acled, ucdp = max(acled, floor), max(ucdp, floor)
    code = place.country_code
    if not code:
        shared = _countries_of(place)
        code = next((c for c in context if c in shared), shared[0] if len(shared) == 1 else "")
    country = place.country or None
    if code and not country:
        found = gazetteer.country(code)
        country = found.name if found else None
    feature = place.feature_code
    return Location(
        text=mention_text,
        name=place.name,
        geonameid=place.geonameid,
        lat=place.lat,
        lon=place.lon,
        country=country,
        country_code=code or None,
        admin1=place.name if feature == "ADM1" else place.admin1,
        admin2=place.admin2,
        feature_code=feature,
        acled_geo_precision=acled,  # type: ignore[arg-type]
        ucdp_where_prec=ucdp,  # type: ignore[arg-type]
    )


def event_location(
    doc: Doc,
    triggers: Sequence[tuple[int, int]],
    places: Sequence[PlaceMention],
    country_context: Sequence[str],
    gazetteer: Gazetteer,
    filed_at: int | None = None,
) -> Location | None:
    """Where the event whose trigger spans (char offsets into doc.text) are `triggers` happened.

    `filed_at` is where the doc's dateline ends (`dateline_end(doc.text)`); pass it when locating
    many events of one doc, since `doc.text` is rebuilt from the tokens on every read.
    """
    trigger_spans = [s for s in (_span(doc, a, b) for a, b in triggers) if s is not None]
    sentences = {(s.sent.start_char, s.sent.end_char) for s in trigger_spans}
    local = [m for m in places if any(a <= m.start < b for a, b in sentences)]
    roots = [s.root for s in trigger_spans]
    top = set(country_context[:2])
    if filed_at is None:
        filed_at = dateline_end(doc.text)
    first = min(trigger_spans, key=lambda s: s.start_char).sent if trigger_spans else None
    best: tuple[float, int, PlaceMention] | None = None
    for n, mention in enumerate(local):
        span = _span(doc, mention.start, mention.end)
        place = mention.place
        score = _specificity(place)
        if first is not None and first.start_char <= mention.start < first.end_char:
            score += _FIRST_SENTENCE
        if span is not None and _attached(span.root, roots):
            score += _ATTACHED
        if span is not None and _modifier(span, roots):
            score += _MODIFIER
        if span is not None and _spoken_from(span, roots):
            score += _SPEECH
        if mention.end <= filed_at:
            score += _DATELINE
        score += _CONSISTENT * sum(1 for other in local if _contains(other.place, place))
        countries = _countries_of(place)
        if country_context:
            score += _IN_CONTEXT if top.intersection(countries) else 0.0
            score += _OUT_OF_CONTEXT if not set(country_context).intersection(countries) else 0.0
        if best is None or (score, -n) > (best[0], -best[1]):
            best = (score, n, mention)
    if best is not None:
        chosen = best[2]
        return _location(chosen.text, chosen.place, chosen.near, country_context, gazetteer)
    if not country_context:
        return None
    main = country_context[0]
    counts = Counter(
        (m.place.name, m.place.lat, m.place.lon)
        for m in places
        if m.place.country_code == main and m.place.feature_code != "PCLI"
    )
    if counts:
        key = counts.most_common(1)[0][0]
        mention = next(m for m in places if (m.place.name, m.place.lat, m.place.lon) == key)
        # Named elsewhere in the article, not in the event's sentences: at best "near" it.
        return _location(mention.text, mention.place, True, country_context, gazetteer, floor=2)
    country = gazetteer.country(main)
    return _location(None, country, False, country_context, gazetteer) if country else None
