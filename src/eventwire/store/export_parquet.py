"""Parquet: one row per event, typed columns, nested parts as Parquet lists of structs.

Scalars are flattened with a prefix (acled_event_type, date_start, location_lat, fatalities_best);
actors, figure claims, evidence and reports stay nested (list<struct>), so pandas sees them as
lists of dicts and DuckDB or Spark can unnest them with SQL. Dates are date32, coordinates float64,
codes small integers; a missing value is a null, never an empty string.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

# pyarrow ships no type information; its calls here are few and checked by the export tests.
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from eventwire.record import Event, Figures, Location

_ACTOR = pa.struct(
    [
        ("role", pa.string()),
        ("name", pa.string()),
        ("id", pa.string()),
        ("wikidata", pa.string()),
        ("kind", pa.string()),
        ("sector", pa.string()),
        ("country_code", pa.string()),
        ("acled_inter", pa.int8()),
        ("status", pa.string()),
        ("according_to", pa.string()),
        ("text", pa.string()),
    ]
)
_CLAIM = pa.struct(
    [
        ("kind", pa.string()),  # fatalities | injuries
        ("value", pa.int64()),
        ("low", pa.int64()),
        ("high", pa.int64()),
        ("qualifier", pa.string()),
        ("according_to", pa.string()),
        ("text", pa.string()),
        ("span_start", pa.int64()),
        ("span_end", pa.int64()),
        ("article_id", pa.string()),
    ]
)
_EVIDENCE = pa.struct(
    [
        ("article_id", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("part", pa.string()),
    ]
)
_REPORT = pa.struct(
    [("article_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()), ("published", pa.date32())]
)

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("context", pa.list_(pa.string())),
        ("status", pa.string()),
        ("acled_disorder_type", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("acled_interaction", pa.int16()),
        ("ucdp_type_of_violence", pa.int8()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("acled_time_precision", pa.int8()),
        ("ucdp_date_prec", pa.int8()),
        ("location_text", pa.string()),
        ("location_name", pa.string()),
        ("geonameid", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("country", pa.string()),
        ("country_code", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("feature_code", pa.string()),
        ("acled_geo_precision", pa.int8()),
        ("ucdp_where_prec", pa.int8()),
        ("actors", pa.list_(_ACTOR)),
        ("fatalities_best", pa.int64()),
        ("fatalities_low", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("injuries_best", pa.int64()),
        ("injuries_low", pa.int64()),
        ("injuries_high", pa.int64()),
        ("claims", pa.list_(_CLAIM)),
        ("weapons", pa.list_(pa.string())),
        ("evidence", pa.list_(_EVIDENCE)),
        ("reports", pa.list_(_REPORT)),
        ("confidence", pa.float64()),
    ]
)


def events_to_table(events: Sequence[Event]) -> pa.Table:
    """The events as an Arrow table with `SCHEMA`."""
    return pa.Table.from_pylist([_row(event) for event in events], schema=SCHEMA)


def write_parquet(events: Sequence[Event], path: Path) -> None:
    pq.write_table(events_to_table(events), path)


def _figures(prefix: str, figures: Figures | None) -> dict[str, Any]:
    return {
        f"{prefix}_best": figures.best if figures else None,
        f"{prefix}_low": figures.low if figures else None,
        f"{prefix}_high": figures.high if figures else None,
    }


def _claims(kind: str, figures: Figures | None) -> list[dict[str, Any]]:
    if figures is None:
        return []
    return [
        {
            "kind": kind,
            **claim.model_dump(exclude={"span"}),
            "span_start": claim.span[0],
            "span_end": claim.span[1],
        }
        for claim in figures.claims
    ]


def _location(location: Location | None) -> dict[str, Any]:
    fields = ("country", "country_code", "admin1", "admin2", "feature_code", "geonameid", "lat", "lon")
    values: dict[str, Any] = {name: getattr(location, name) if location else None for name in fields}
    values["location_text"] = location.text if location else None
    values["location_name"] = location.name if location else None
    values["acled_geo_precision"] = location.acled_geo_precision if location else None
    values["ucdp_where_prec"] = location.ucdp_where_prec if location else None
    return values


def _row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "status": event.status,
        "acled_disorder_type": event.acled.disorder_type,
        "acled_event_type": event.acled.event_type,
        "acled_sub_event_type": event.acled.sub_event_type,
        "acled_interaction": event.acled.interaction,
        "ucdp_type_of_violence": event.ucdp.type_of_violence,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "date_text": event.date.text,
        "acled_time_precision": event.date.acled_time_precision,
        "ucdp_date_prec": event.date.ucdp_date_prec,
        **_location(event.location),
        "actors": [actor.model_dump() for actor in event.actors],
        **_figures("fatalities", event.fatalities),
        **_figures("injuries", event.injuries),
        "claims": _claims("fatalities", event.fatalities) + _claims("injuries", event.injuries),
        "weapons": list(event.weapons),
        "evidence": [e.model_dump() for e in event.evidence],
        "reports": [r.model_dump() for r in event.reports],
        "confidence": event.confidence,
    }
