"""Query parameters of the API: the CLI's event filters, paging, sorting, and their limits.

The filters go through the same `query_from_strings` (store/query.py) as `eventwire events` and
`eventwire export`, so a value means the same thing everywhere and a bad one gets the CLI's message
(E020, E044, E045) as a 400. Only `type` goes further: the page asks for several types at once
(`type=ASSAULT,PROTEST` or `type` repeated), which EventQuery (one type) expresses as one query per
type joined with OR.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query

from eventwire.errors import Errors, UsageError
from eventwire.store.query import EventQuery, query_from_strings

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
# Deep offsets make DuckDB walk every skipped row; past this, narrow the filters instead.
MAX_OFFSET = 100_000
MAX_TEXT_CHARS = 200
MAX_NAME_CHARS = 200
MAX_TYPES = 40


class Sort(StrEnum):
    date = "date"
    date_desc = "-date"
    fatalities = "fatalities"
    fatalities_desc = "-fatalities"


# ORDER BY of each sort; ties broken by id so pages never overlap or skip an event.
ORDER_BY = {
    Sort.date: "date_start NULLS LAST, id",
    Sort.date_desc: "date_start DESC NULLS LAST, id",
    Sort.fatalities: "fatalities_best NULLS LAST, date_start NULLS LAST, id",
    Sort.fatalities_desc: "fatalities_best DESC NULLS LAST, date_start DESC NULLS LAST, id",
}


@dataclass(frozen=True)
class EventFilters:
    """One EventQuery (every filter but type) and the types, any of which may match."""

    query: EventQuery
    types: tuple[str, ...] = ()

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `events` and its parameters."""
        sql, params = self.query.where()
        if not self.types:
            return sql, params
        alternatives = []
        for one in self.types:
            clause, clause_params = EventQuery(type=one).where()
            alternatives.append(f"({clause})")
            params.extend(clause_params)
        return f"({sql}) AND ({' OR '.join(alternatives)})", params


def _types(values: list[str] | None) -> tuple[str, ...]:
    found = [part.strip() for value in values or () for part in value.split(",")]
    return tuple(dict.fromkeys(part for part in found if part))


def event_filters(
    country: Annotated[
        str | None, Query(max_length=MAX_NAME_CHARS, description="ISO2/ISO3 code or country name.")
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=MAX_NAME_CHARS, description="First-level region, e.g. 'Deir ez-Zor'.")
    ] = None,
    type_: Annotated[
        list[str] | None,
        Query(
            alias="type",
            max_length=MAX_TYPES,
            description="PLOVER type (ASSAULT) or ACLED event/sub-event type ('Battles'); "
            "repeat it or separate with commas for any of several.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=MAX_NAME_CHARS, description="Any name, acronym or spelling the actor KB resolves."),
    ] = None,
    since: Annotated[
        str | None, Query(max_length=32, description="YYYY-MM-DD: events ending on or after this day.")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=32, description="YYYY-MM-DD: events starting on or before this day.")
    ] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=200, description="west,south,east,north in degrees (RFC 7946 order)."),
    ] = None,
    min_fatalities: Annotated[
        int | None, Query(description="At least this many killed (best estimate).")
    ] = None,
    text: Annotated[
        str | None,
        Query(max_length=MAX_TEXT_CHARS, description="Words that must all appear in the evidence sentences."),
    ] = None,
) -> EventFilters:
    types = _types(type_)
    if len(types) > MAX_TYPES:
        raise UsageError(Errors.E045.format(detail=f"type lists {len(types)} types; at most {MAX_TYPES}"))
    for one in types:
        EventQuery(type=one)  # raises the CLI's E044 for an unknown type
    query = query_from_strings(
        country=country,
        admin1=admin1,
        actor=actor,
        since=since,
        until=until,
        bbox=bbox,
        min_fatalities=min_fatalities,
        text=text,
    )
    return EventFilters(query=query, types=types)


LimitParam = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"Events per page, at most {MAX_LIMIT}.")]
OffsetParam = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip (paging).")]
SortParam = Annotated[Sort, Query(description="date, -date, fatalities or -fatalities (descending).")]
SearchParam = Annotated[
    str, Query(max_length=MAX_NAME_CHARS, description="Part of a name, case and accents ignored.")
]
ListLimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")]
