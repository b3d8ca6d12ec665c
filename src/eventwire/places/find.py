"""find_places: the toponyms of an article, each resolved to one gazetteer place.

Disambiguation runs twice. The first pass scores each candidate place by population and feature,
the article's countries (country names, demonyms, actors' countries) and admin hints ("Minakulu
(Oyam, Northern)", "X, Y province"). The second pass adds the countries of the places the first
pass resolved with a clear margin, and closeness to them, so a small town resolves into the
country and region the rest of the article is about.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Doc

from eventwire.annotations import ActorMention, Place, PlaceMention
from eventwire.places import lexicon
from eventwire.places.candidates import Candidate, find_candidates, find_unknown_settlements, hint_matches
from eventwire.places.countries import country_weights, demonym_countries
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.normalize import bare_key, name_key, skeleton_key

# Feature priors: a bare "Lebanon" is the country, not Lebanon, Tennessee; a curated region or sea
# beats a homonym town, and so do a continent and an ocean ("Asia", not Asia, Batangas; "the
# Atlantic", not Atlantic, Iowa); an admin unit is preferred to its capital only when the text asks.
_FEATURE_PRIOR = {"PCLI": 2.5, "CONT": 2.5, "OCN": 2.5, "PPLC": 0.5, "ADM1": -0.3, "ADM2": -0.5}
_SUPPLEMENT = frozenset({"BDR", "RGN", "TERR", "STM", "SEA", "GULF", "STRT", "LK", "OCN"})
_SUPPLEMENT_PRIOR = 1.5
_COUNTRY_WEIGHT = 2.0  # times the country's share of the article's country evidence
_HINT_BONUS = 3.0
_ADMIN1_WANTED, _SETTLEMENT_WANTED = 3.0, 2.0
_CONFIDENT_MARGIN = 1.0
# A town that has the written name only among its alternates ("Missouri" for Bozeman, "Creek" for
# Baytown) loses to a place that bears it as its own name.
_ALTERNATE_NAME = 0.5
# Places named together tend to lie together: a candidate inside a first-order unit that other names in
# the article can also be in ("Gainesville" beside "Hall County" and "Georgia") gains this much per
# such name, each name counting 1/(the number of units its own candidates spread over), up to _MAX_SUPPORT.
_SUPPORT = 0.6
_MAX_SUPPORT = 2.0
_UNITLESS = frozenset({"PCLI", "CONT", *_SUPPLEMENT})


def distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _score(
    cand: Candidate, place: Place, shares: dict[str, float], anchors: Sequence[Place], support: float = 0.0
) -> float:
    score = math.log10(place.population + 1) / 7 + _SUPPORT * min(support, _MAX_SUPPORT)
    feature = place.feature_code or ""
    if feature.startswith("PPL") and not same_name(place.name, cand.text):
        score -= _ALTERNATE_NAME
    score += _FEATURE_PRIOR.get(feature, _SUPPLEMENT_PRIOR if feature in _SUPPLEMENT else 0.0)
    if cand.want_admin1:
        score += _ADMIN1_WANTED if feature in ("ADM1", "RGN") else 0.0
    elif cand.want_settlement and feature.startswith("PPL"):
        score += _SETTLEMENT_WANTED
    if place.country_code:
        score += _COUNTRY_WEIGHT * shares.get(place.country_code, 0.0)
    else:
        shared = lexicon.shared_countries().get(name_key(place.name), ())
        score += _COUNTRY_WEIGHT * max((shares.get(c, 0.0) for c in shared), default=0.0)
    score += _HINT_BONUS * sum(1 for hint in cand.hints if hint_matches(hint, place))
    if anchors and feature not in ("PCLI", "CONT", *_SUPPLEMENT):
        nearest = min(distance_km(place, a) for a in anchors)
        score += 1.0 if nearest < 50 else 0.5 if nearest < 200 else 0.0
        if place.admin1 and any(a.feature_code == "ADM1" and a.admin1 == place.admin1 for a in anchors):
            score += 1.0  # inside a province the article names
    return score


@lru_cache(maxsize=65536)
def same_name(name: str, written: str) -> bool:
    """Whether `written` is `name` or a spelling of it ("Raqqa" for "Ar Raqqah", "Deir al-Zour" for
    "Deir ez-Zor"), as opposed to another name the place also has ("Bombay" for Mumbai)."""
    a, b = bare_key(name), bare_key(written)
    return a == b or skeleton_key(a) == skeleton_key(b) or fuzz.ratio(a, b) >= 80


def _shares(weights: dict[str, float]) -> dict[str, float]:
    top = max(weights.values(), default=0.0)
    return {code: w / top for code, w in weights.items()} if top else {}


def _unit(place: Place) -> tuple[str, str] | None:
    """The first-order unit a place is in (or is): (country, admin1)."""
    if (place.feature_code or "") in _UNITLESS or not place.admin1:
        return None
    return place.country_code, place.admin1


def unit_support(cands: Sequence[Candidate]) -> Callable[[int, Place], float]:
    """How much the *other* names in the text vouch for the first-order unit of candidate n's place
    p: a name whose candidates lie in k units gives 1/k to each of them. The same name written
    twice is one name."""
    spread: dict[str, set[tuple[str, str]]] = {}
    for cand in cands:
        units = {u for p in cand.places if (u := _unit(p))}
        spread.setdefault(name_key(cand.text), set()).update(units)
    totals: dict[tuple[str, str], float] = {}
    for units in spread.values():
        for unit in units:
            totals[unit] = totals.get(unit, 0.0) + 1.0 / len(units)

    def support(n: int, place: Place) -> float:
        unit = _unit(place)
        if unit is None:
            return 0.0
        own = spread[name_key(cands[n].text)]
        return totals.get(unit, 0.0) - (1.0 / len(own) if unit in own else 0.0)

    return support


def _resolve(
    cands: Sequence[Candidate], shares: dict[str, float], anchors: Sequence[Sequence[Place]]
) -> list[tuple[Place, float]]:
    out = []
    support = unit_support(cands)
    for n, cand in enumerate(cands):
        others = [p for m, group in enumerate(anchors) if m != n for p in group]
        scored = [(_score(cand, p, shares, others, support(n, p)), p) for p in cand.places]
        ranked = sorted(scored, key=lambda sp: -sp[0])
        best_score, best = ranked[0]
        margin = best_score - ranked[1][0] if len(ranked) > 1 else 10.0
        out.append((best, margin))
    return out


def _mention(doc: Doc, cand: Candidate, place: Place, margin: float) -> PlaceMention:
    start = doc[cand.start].idx
    end = doc[cand.end - 1].idx + len(doc[cand.end - 1])
    confidence = 1.0 / (1.0 + math.exp(-2.0 * margin))
    if cand.label not in ("GPE", "LOC", "FAC"):
        confidence *= 0.9  # the NER did not call it a place; only the gazetteer and a cue did
    return PlaceMention(
        start, end, doc[cand.start : cand.end].text, place, near=cand.near, score=round(confidence, 3)
    )


def find_places(doc: Doc, gazetteer: Gazetteer, actors: Sequence[ActorMention] = ()) -> list[PlaceMention]:
    """Toponyms in `doc`, resolved and sorted by start offset."""
    cands = find_candidates(doc, gazetteer, actors)
    if not cands:
        return []
    demonyms = demonym_countries(doc)
    # Pass 1: countries named outright (exact country names), actors and demonyms.
    countries = [
        PlaceMention(doc[c.start].idx, doc[c.start].idx, c.text, p)
        for c in cands
        for p in c.places
        if p.feature_code == "PCLI" and len(c.places) == 1
    ]
    weights, _ = country_weights(countries, actors, demonyms)
    first = _resolve(cands, _shares(weights), [[] for _ in cands])
    # Pass 2: add the places pass 1 was sure of, as countries and as neighbours.
    sure = [
        PlaceMention(doc[c.start].idx, doc[c.start].idx, c.text, p)
        for c, (p, margin) in zip(cands, first, strict=True)
        if margin >= _CONFIDENT_MARGIN
    ]
    weights, _ = country_weights(sure, actors, demonyms)
    anchors = [[p] if m >= _CONFIDENT_MARGIN else [] for p, m in first]
    second = _resolve(cands, _shares(weights), anchors)
    found = [_mention(doc, c, p, m) for c, (p, m) in zip(cands, second, strict=True)]
    found += _unknown_mentions(doc, cands, [p for p, _ in second], actors)
    return sorted(found, key=lambda m: m.start)


# Places an unknown settlement may be put beside: a town, district, province or region, not a whole
# country or sea, which would say nothing about where the village is.
_NEIGHBOURS = ("PPL", "ADM1", "ADM2", "RGN", "TERR")
_UNKNOWN_SCORE = 0.5


def _unknown_mentions(
    doc: Doc, cands: Sequence[Candidate], resolved: Sequence[Place], actors: Sequence[ActorMention]
) -> list[PlaceMention]:
    """Settlements the gazetteer lacks ("the village of Tamthil"), each placed *near* the closest place
    named in its sentence ("in the Homs countryside"), as ACLED codes a village it cannot find to the
    nearest known place, at geo_precision 2. Without such a place in the sentence, the name is dropped."""
    out = []
    for unknown in find_unknown_settlements(doc, cands, actors):
        sentence = doc[unknown.start].sent
        near = [
            (abs(c.start - unknown.start), p)
            for c, p in zip(cands, resolved, strict=True)
            if sentence.start <= c.start < sentence.end and (p.feature_code or "PPL").startswith(_NEIGHBOURS)
        ]
        if not near:
            continue
        anchor = min(near, key=lambda dp: dp[0])[1]
        place = Place(
            name=unknown.text,
            lat=anchor.lat,
            lon=anchor.lon,
            country_code=anchor.country_code,
            country=anchor.country,
            admin1=anchor.name if anchor.feature_code == "ADM1" else anchor.admin1,
            admin2=anchor.admin2,
            feature_code="PPL",
        )
        start = doc[unknown.start].idx
        end = doc[unknown.end - 1].idx + len(doc[unknown.end - 1])
        out.append(PlaceMention(start, end, unknown.text, place, near=True, score=_UNKNOWN_SCORE))
    return out


def actors_outside_places(
    actors: Sequence[ActorMention], places: Sequence[PlaceMention]
) -> list[ActorMention]:
    """The actor mentions left once the places are known: a provisional organisation that is exactly
    a place mention was the NER's guess at a town ("Karachi" tagged ORG), not an actor."""
    spans = {(m.start, m.end) for m in places}
    return [
        a
        for a in actors
        if not (a.actor.provisional and a.actor.kind == "organisation" and (a.start, a.end) in spans)
    ]
