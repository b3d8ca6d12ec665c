"""The shapes the API answers with (the contract with the web page), as pydantic models.

They document /openapi.json and the tests validate every answer against them with extra fields
forbidden, so the contract and the code cannot drift apart. The endpoints build plain dicts (no
model round-trip on the hot path) and hand them to JSONResponse.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SummaryDate(_Shape):
    start: str | None
    end: str | None
    precision: str


class SummaryLocation(_Shape):
    name: str | None
    country: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None


class SummaryActor(_Shape):
    role: str
    name: str
    status: str


class SummaryFatalities(_Shape):
    best: int | None
    low: int | None
    high: int | None


class SummaryInjuries(_Shape):
    best: int | None


class SummaryAcled(_Shape):
    event_type: str | None
    sub_event_type: str | None


class EventSummary(_Shape):
    """One row of the event table: what a list or a map needs, without claims and evidence."""

    id: str
    type: str
    mode: str | None
    status: str
    date: SummaryDate
    location: SummaryLocation | None
    actors: list[SummaryActor]
    fatalities: SummaryFatalities
    injuries: SummaryInjuries
    acled: SummaryAcled
    confidence: float | None
    n_reports: int = Field(description="How many articles reported the event.")


class EventPage(_Shape):
    total: int = Field(description="Events matching the filters, all pages together.")
    limit: int
    offset: int
    items: list[EventSummary]


class GeoFeature(_Shape):
    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any]
    properties: dict[str, Any] = Field(description="EventSummary without the location's lat and lon.")


class FeatureCollection(_Shape):
    type: Literal["FeatureCollection"]
    features: list[GeoFeature]


class ReportRef(_Shape):
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


class ClaimRow(_Shape):
    kind: str = Field(description="fatalities or injuries")
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    according_to: str | None
    text: str | None
    article_id: str | None
    span_start: int | None = Field(description="Offset into that article's text.")
    span_end: int | None


class EventDetail(_Shape):
    event: dict[str, Any] = Field(description="The full Event record, as `eventwire events --format json`.")
    reports: list[ReportRef]
    claims: list[ClaimRow]


class ArticleView(_Shape):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str = Field(description="Plain text, never HTML: render it as text.")
    event_ids: list[str]


class DayCount(_Shape):
    date: str
    count: int


class Summary(_Shape):
    total: int
    by_type: dict[str, int]
    by_country: dict[str, int] = Field(
        description="ISO2 code -> events; events with no country are left out."
    )
    by_day: list[DayCount] = Field(description="Events per start day; undated events are left out.")
    fatalities: int = Field(
        description="Sum of the conservative `best` figures of the events that occurred (status `occurred`)."
    )
    date_range: list[str | None] = Field(description="[first start, last end], nulls when nothing is dated.")


class ActorCount(_Shape):
    name: str
    actor_id: str | None
    events: int


class ActorList(_Shape):
    items: list[ActorCount]


class PlaceCount(_Shape):
    name: str
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    events: int


class PlaceList(_Shape):
    items: list[PlaceCount]


class Health(_Shape):
    status: Literal["ok"]
    events: int
    articles: int
    schema_version: int | None
