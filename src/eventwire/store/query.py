"""One filter language for stored events: `EventQuery` builds the SQL WHERE of `EventStore.events`.

The CLI (`eventwire events`, `eventwire export`) and, later, the API build the same object from
the same flag names, so a filter means the same thing everywhere. Building the SQL is pure apart
from `actor`, which is resolved through the actor knowledge base (loaded only when asked for).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

import pycountry
import yaml

from eventwire.errors import Errors, UsageError
from eventwire.record import PLOVER_TYPES

BBox = tuple[float, float, float, float]
# name -> knowledge-base ids it resolves to; injectable so tests and the API can bring their own.
ActorResolver = Callable[[str], Collection[str]]

# Every sentence an event was coded from, joined: a phrase never spans two sentences because the
# separator holds a newline and query words hold none.
_EVIDENCE_TEXT = (
    "strip_accents(lower(array_to_string(json_extract_string(record, '$.evidence[*].sentence'), ' \n ')))"
)
_ACLED_TYPES = (
    "lower(json_extract_string(record, '$.acled.event_type'))",
    "lower(json_extract_string(record, '$.acled.sub_event_type'))",
)


@functools.cache
def codebooks() -> dict[str, Any]:
    """store/data/codebooks.yaml: ACLED types, UCDP regions, PLOVER quad classes."""
    text = resources.files("eventwire.store.data").joinpath("codebooks.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def acled_type_names() -> frozenset[str]:
    """ACLED event and sub-event types, lower-cased (6 + 25, CODEBOOKS.md)."""
    types: dict[str, list[str]] = codebooks()["acled_event_types"]
    return frozenset(name.lower() for event_type, subs in types.items() for name in (event_type, *subs))


@functools.cache
def country_code(query: str) -> str | None:
    """ISO2 code for a code or country name ('SY', 'SYR', 'Syria'); None when pycountry has no match."""
    try:
        return str(pycountry.countries.lookup(query.strip()).alpha_2)
    except LookupError:
        return None


def kb_actor_ids(name: str) -> list[str]:
    """Ids of the knowledge-base actors one of whose aliases is `name` (as `eventwire kb find` resolves)."""
    from eventwire.actors import default_kb

    return [entry.id for entry in default_kb().candidates(name)]


@dataclass(frozen=True)
class EventQuery:
    """Filters on stored events; every field left as None filters nothing. All given filters must hold.

    country   ISO2/ISO3 code or English name ("SY", "SYR", "Syria")
    admin1    first-level region, case and accents ignored ("Deir ez-Zor")
    type      PLOVER type ("ASSAULT") or an ACLED event/sub-event type ("Battles", "Air/drone strike")
    actor     any name the actor knowledge base resolves ("PMF", "Hashd al-Shaabi"), or an actor's name
              as stored (provisional and generic actors); any role, any perpetrator status
    since     events whose date range ends on or after this day (undated events are left out)
    until     events whose date range starts on or before this day (undated events are left out)
    bbox      (min_lon, min_lat, max_lon, max_lat) in degrees, RFC 7946 order; min_lon > max_lon
              crosses the antimeridian
    min_fatalities  at least this many killed (the record's conservative `best`)
    text      words that must all appear in the event's evidence sentences, case and accents ignored
    limit     at most this many events
    """

    country: str | None = None
    admin1: str | None = None
    type: str | None = None  # mirrors the record field and the CLI flag
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: BBox | None = None
    min_fatalities: int | None = None
    text: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.bbox is not None:
            check_bbox(self.bbox)
        if self.type is not None:
            check_type(self.type)
        if self.since and self.until and self.since > self.until:
            raise UsageError(Errors.E045.format(detail=f"--since {self.since} is after --until {self.until}"))
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise UsageError(
                Errors.E045.format(detail=f"--min-fatalities must be 0 or more, not {self.min_fatalities}")
            )

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def where(self, resolve_actor: ActorResolver = kb_actor_ids) -> tuple[str, list[Any]]:
        """The SQL condition on the `events` table (alias-free) and its parameters; 'TRUE' when empty."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            code = country_code(self.country)
            clauses.append("(upper(country_code) = ? OR lower(country) = ?)")
            params += [(code or self.country.strip()).upper(), self.country.strip().lower()]
        if self.admin1:
            clauses.append("strip_accents(lower(admin1)) = strip_accents(lower(?))")
            params.append(self.admin1.strip())
        if self.type:
            clauses.append(_type_clause(self.type, params))
        if self.actor:
            clauses.append(_actor_clause(self.actor, resolve_actor, params))
        if self.since is not None:
            clauses.append("coalesce(date_end, date_start) >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("date_start <= ?")
            params.append(self.until)
        if self.bbox is not None:
            clauses.append(_bbox_clause(self.bbox, params))
        if self.min_fatalities is not None:
            clauses.append("fatalities_best >= ?")
            params.append(self.min_fatalities)
        for word in (self.text or "").split():
            clauses.append(f"contains({_EVIDENCE_TEXT}, strip_accents(lower(?)))")
            params.append(word)
        return (" AND ".join(clauses) or "TRUE"), params


def check_type(value: str) -> None:
    if value.strip().upper() in PLOVER_TYPES or value.strip().lower() in acled_type_names():
        return
    raise UsageError(Errors.E044.format(value=value, known=", ".join(PLOVER_TYPES)))


def check_bbox(bbox: BBox) -> None:
    min_lon, min_lat, max_lon, max_lat = bbox
    problems = [
        f"{name} {value} is outside [-{limit}, {limit}]"
        for name, value, limit in (
            ("min_lon", min_lon, 180),
            ("max_lon", max_lon, 180),
            ("min_lat", min_lat, 90),
            ("max_lat", max_lat, 90),
        )
        if not -limit <= value <= limit
    ]
    if min_lat > max_lat:
        problems.append(f"min_lat {min_lat} is above max_lat {max_lat}")
    if problems:
        raise UsageError(Errors.E045.format(detail="--bbox " + "; ".join(problems)))


_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$")


def parse_bbox(value: str) -> BBox:
    """'min_lon,min_lat,max_lon,max_lat' (degrees) -> a checked bounding box."""
    parts = value.split(",")
    if len(parts) != 4 or not all(_NUMBER.match(part) for part in parts):
        raise UsageError(
            Errors.E045.format(detail=f"--bbox '{value}' is not four numbers min_lon,min_lat,max_lon,max_lat")
        )
    box = (float(parts[0]), float(parts[1]), float(parts[2]), float(parts[3]))
    check_bbox(box)
    return box


def _type_clause(value: str, params: list[Any]) -> str:
    upper = value.strip().upper()
    if upper in PLOVER_TYPES:
        params.append(upper)
        return "type = ?"
    lower = value.strip().lower()
    params += [lower, lower]
    return f"({_ACLED_TYPES[0]} = ? OR {_ACLED_TYPES[1]} = ?)"


def _actor_clause(name: str, resolve_actor: ActorResolver, params: list[Any]) -> str:
    # Knowledge-base ids catch every alias and spelling ("Hashd al-Shaabi" finds the PMF); the name
    # itself catches provisional actors and the generic ones stored under a display name.
    ids = sorted(set(resolve_actor(name)))
    condition = "strip_accents(lower(a.name)) = strip_accents(lower(?))"
    params.append(name.strip())
    if ids:
        condition += f" OR a.actor_id IN ({', '.join('?' for _ in ids)})"
        params += ids
    return f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = events.id AND ({condition}))"


def _bbox_clause(bbox: BBox, params: list[Any]) -> str:
    min_lon, min_lat, max_lon, max_lat = bbox
    params += [min_lat, max_lat, min_lon, max_lon]
    # RFC 7946 section 5.2: a box whose west edge is east of its east edge crosses the antimeridian.
    lon = "lon BETWEEN ? AND ?" if min_lon <= max_lon else "(lon >= ? OR lon <= ?)"
    return f"(lat BETWEEN ? AND ? AND {lon})"


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD filter value; UsageError (E020) with the fix when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(Errors.E020.format(value=value, detail=exc)) from exc


def query_from_strings(
    *,
    country: str | None = None,
    admin1: str | None = None,
    type_: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    bbox: str | None = None,
    min_fatalities: int | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> EventQuery:
    """The EventQuery of filter values as a user types them (CLI flags, API query parameters), so
    both mean the same; raises UsageError (a bad date, box or type) with the fix."""
    return EventQuery(
        country=country,
        admin1=admin1,
        type=type_,
        actor=actor,
        since=parse_date(since),
        until=parse_date(until),
        bbox=parse_bbox(bbox) if bbox is not None else None,
        min_fatalities=min_fatalities,
        text=text,
        limit=limit,
    )
