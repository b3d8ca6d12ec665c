"""Which countries an article is about: from its places, its actors and its demonyms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from eventwire.annotations import ActorMention, PlaceMention
from eventwire.places import lexicon
from eventwire.places.normalize import name_key

# Weights of the evidence a country gets. A town says more about where things happen than a
# country named in passing ("Israel has long warned..."); an actor's country says less than
# either, because foreign actors act abroad ("Iranian-backed militias in Iraq").
_TOWN, _COUNTRY, _SHARED, _STATE_ACTOR, _ACTOR, _DEMONYM = 1.5, 1.0, 0.3, 1.0, 0.5, 0.5


def demonym_countries(doc: Doc) -> list[tuple[int, str]]:
    """(char offset, ISO2) for each demonym in the text: "Syrian", "Iranian-backed", "South Korean"."""
    table = lexicon.demonyms()
    found: list[tuple[int, str]] = []
    tokens = list(doc)
    for n, token in enumerate(tokens):
        if not token.text[:1].isupper():
            continue
        if n + 1 < len(tokens):
            pair = table.get(name_key(f"{token.text} {tokens[n + 1].text}"))
            if pair:
                found.append((token.idx, pair))
                continue
        code = table.get(token.lower_)
        if code:
            found.append((token.idx, code))
    return found


def _ranked(weights: dict[str, float], first: dict[str, int]) -> list[str]:
    return sorted((c for c in weights if len(c) == 2), key=lambda c: (-weights[c], first[c]))


def country_weights(
    places: Iterable[PlaceMention], actors: Iterable[ActorMention], demonyms: Iterable[tuple[int, str]] = ()
) -> tuple[dict[str, float], dict[str, int]]:
    """Salience weight and first offset of each country."""
    weights: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}

    def add(code: str | None, weight: float, offset: int) -> None:
        if code and len(code) == 2:
            weights[code] += weight
            first[code] = min(first.get(code, offset), offset)

    shared = lexicon.shared_countries()
    for mention in places:
        place = mention.place
        if place.country_code:
            add(place.country_code, _COUNTRY if place.feature_code == "PCLI" else _TOWN, mention.start)
        else:
            for code in shared.get(name_key(place.name), ()):
                add(code, _SHARED, mention.start)
    for actor in actors:
        add(actor.actor.country_code, _STATE_ACTOR if actor.actor.kind == "state" else _ACTOR, actor.start)
    for offset, code in demonyms:
        add(code, _DEMONYM, offset)
    return dict(weights), first


def country_context(places: Sequence[PlaceMention], actors: Sequence[ActorMention]) -> list[str]:
    """ISO2 codes of the article's countries, most salient first."""
    return _ranked(*country_weights(places, actors))
