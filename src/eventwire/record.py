"""The external contract: the article and event records (DESIGN.md, "The event record").

Every field a user sees in JSON output, the store and the exports is declared here and
nowhere else. `eventwire schema` prints the JSON Schema these models generate, and a test
pins it, so a change to the contract is always a visible, reviewed change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]

EventStatus = Literal["occurred", "threatened", "denied", "planned", "hypothetical", "historical"]
DatePrecision = Literal["day", "days", "week", "month", "year", "unknown"]
ActorRole = Literal["source", "target", "assoc_source", "assoc_target"]
PerpetratorStatus = Literal["asserted", "claimed", "suspected", "denied", "unknown"]
Qualifier = Literal["exact", "approximate", "at least", "more than", "fewer than", "up to", "range", "vague"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Record):
    """One news article after ingest and cleaning; `text` is what every offset points into."""

    id: str = Field(
        description="Content hash of the cleaned title and text (hex); re-ingesting is idempotent."
    )
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = Field(default=None, description="Publication date; null when unknown.")
    language: str = Field(default="en", description="ISO 639-1 code, or 'und' when undetermined.")
    text: str = Field(description="Cleaned body text (headline excluded).")
    removed_boilerplate: list[str] = Field(default_factory=list, description="Lines cleaning removed.")


class AcledCoding(_Record):
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    interaction: int | None = Field(default=None, description="Both inter codes, lower first (e.g. 13).")


class UcdpCoding(_Record):
    type_of_violence: Literal[1, 2, 3] | None = None


class EventDate(_Record):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = "unknown"
    text: str | None = Field(default=None, description="The expression the date came from.")
    acled_time_precision: Literal[1, 2, 3] | None = None
    ucdp_date_prec: Literal[1, 2, 3, 4, 5] | None = None


class Location(_Record):
    text: str | None = Field(default=None, description="The place as the article wrote it.")
    name: str | None = Field(default=None, description="Gazetteer name of the resolved place.")
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    acled_geo_precision: Literal[1, 2, 3] | None = None
    ucdp_where_prec: Literal[1, 2, 3, 4, 5, 6, 7] | None = None


class EventActor(_Record):
    role: ActorRole
    name: str = Field(
        description="Canonical name from the knowledge base, or the text for provisional actors."
    )
    id: str | None = Field(
        default=None, description="Knowledge-base id; 'provisional:...' for unknown groups."
    )
    wikidata: str | None = None
    kind: str | None = None
    sector: str | None = Field(default=None, description="PLOVER sector code (GOV, MIL, REB, ...).")
    country_code: str | None = None
    acled_inter: int | None = Field(default=None, ge=0, le=8)
    status: PerpetratorStatus = "asserted"
    according_to: str | None = Field(default=None, description="Who asserts, suspects or denies the role.")
    text: str | None = Field(default=None, description="The mention as written.")


class FigureClaim(_Record):
    value: int | None = Field(description="The figure; for ranges the lower bound; null only if unparseable.")
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "exact"
    according_to: str | None = Field(default=None, description="The speaker's name, when the text gives one.")
    text: str = Field(description="The words the figure came from.")
    span: tuple[int, int] = Field(description="Character offsets [start, end) into the article text.")
    article_id: str | None = None


class Figures(_Record):
    """Casualty figures: null = nothing reported; 0 = reported as none."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    claims: list[FigureClaim] = Field(default_factory=list)


class Evidence(_Record):
    article_id: str
    sentence: str
    start: int = Field(
        description='Character offset of the sentence in the article text (in the title for part "title").'
    )
    end: int
    part: Literal["text", "title"] = Field(
        default="text", description="Where the sentence is: the article's text, or its headline (title)."
    )


class Report(_Record):
    article_id: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


Genre = Literal["report", "analysis", "opinion", "letter", "obituary", "live", "transcript"]


class Reportability(_Record):
    """Why the event has its status: the reportability stage's verdict on the sentence that tells it."""

    reason: str = Field(
        description="A code: dated, headline, lede, brief, specific, reported (occurred); background, "
        "old-date (historical); modal, conditional, question, feared, planned, future (hypothetical, "
        "planned); threat, denial (threatened, denied)."
    )
    cue: str | None = Field(default=None, description="The words that decided it, as the text has them.")
    genre: Genre = Field(default="report", description="What kind of article told it.")


class Event(_Record):
    id: str = Field(description="Deterministic: article hash + evidence offsets + type.")
    type: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    acled: AcledCoding = Field(default_factory=AcledCoding)
    ucdp: UcdpCoding = Field(default_factory=UcdpCoding)
    status: EventStatus = "occurred"
    date: EventDate = Field(default_factory=EventDate)
    location: Location | None = None
    actors: list[EventActor] = Field(default_factory=list)
    fatalities: Figures | None = None
    injuries: Figures | None = None
    weapons: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    reportability: Reportability | None = None


class Extraction(_Record):
    """What `eventwire extract --format json` prints: the articles read and the events found."""

    articles: list[Article] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    """The published JSON Schema of the extraction document (articles and events)."""
    return Extraction.model_json_schema()
