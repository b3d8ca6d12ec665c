"""What the stages hand each other: mentions found in one article's text.

These are internal (not part of the published record). Every offset is a character offset
into `Article.text`, so evidence and claims stay traceable to the sentence they came from.
The stages fill them in order: actors, places, dates, claims; the events stage reads them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from eventwire.record import DatePrecision, Qualifier

ActorVia = Literal["alias", "acronym", "demonym", "coref", "fuzzy", "office", "provisional"]
# The kinds of a state's own institutions ("Iraqi army", "Kabul police"), as opposed to the state itself.
INSTITUTION_KINDS = frozenset({"military", "police", "government", "intelligence"})


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the knowledge base (or a provisional one found in the text)."""

    id: str
    name: str
    kind: str  # state, government, military, police, intelligence, armed_group, militia, party, igo,
    # coalition, person, ngo, media, civilians, other
    sector: str | None = None  # PLOVER sector (GOV, MIL, COP, SPY, REB, PRM, IGO, ...)
    acled_inter: int | None = None
    country_code: str | None = None
    wikidata: str | None = None
    acled_name: str | None = None
    aliases: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    backed_by: tuple[str, ...] = ()
    allied_with: tuple[str, ...] = ()
    split_from: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # aliases knowingly shared with another actor
    office: str | None = None
    active: str | None = None

    @property
    def provisional(self) -> bool:
        return self.id.startswith("provisional:")


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: ActorEntry
    via: ActorVia = "alias"


@dataclass(frozen=True)
class Place:
    """A resolved gazetteer entry."""

    name: str
    lat: float
    lon: float
    country_code: str
    country: str
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None  # GeoNames-style: PPL*, ADM1, PCLI, RGN, STM, ...
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    near: bool = False  # "near X", "outside X", "on the outskirts of X": not the town itself
    score: float = 1.0


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: DatePrecision
    # Background cues: "since 2009", "from 2005 onwards", "in 2015" well before publication.
    historical: bool = False
    # True for "Sunday", "last month", "early this week": resolvable only against a publication date.
    relative: bool = False


FigureKind = Literal["killed", "injured", "arrested", "abducted", "displaced"]


@dataclass(frozen=True)
class FigureMention:
    """One casualty figure as the text states it ("killing 22 fighters", "more than 50 dead")."""

    kind: FigureKind
    value: int | None
    low: int | None
    high: int | None
    qualifier: Qualifier
    start: int
    end: int
    text: str
    according_to: str | None = None
    vague: bool = False  # "dozens", "scores": ACLED's conventional values, used only without a number


@dataclass
class Annotations:
    """All mentions of one article, filled stage by stage."""

    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)
    country_context: list[str] = field(default_factory=list)  # ISO2 codes, most salient first
