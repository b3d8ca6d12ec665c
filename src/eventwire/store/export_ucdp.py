"""UCDP GED-column rows: GED's 49 columns with their names and codes, for events with a UCDP type.

Filled where the record holds the information, empty where only UCDP's own registers know it
(conflict and dyad ids, Gleditsch-Ward numbers, country_id, active_year, code_status):
- id is the eventwire id (GED's are integers of its own); relid is ISO3-year-id;
- side_a is the perpetrator and side_b the target; in state-based violence (type 1) the government
  is side_a, as in GED; in one-sided violence (type 3) side_b is "Civilians"; state actors are
  named "Government of <country>";
- deaths: the record's figures are not split by side, so one-sided events count them as
  civilians and the others as unknown; best = deaths_a + deaths_b + deaths_civilians + deaths_unknown
  holds, and best/low/high are 0 when nothing was reported;
- priogrid_gid is the PRIO-GRID cell (0.5 degrees) of the point; geom_wkt is the WKT point;
- event_clarity is 1 when the perpetrator is asserted or claimed, 2 otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from eventwire.record import Event, EventActor
from eventwire.store.export_fields import (
    STATE_KINDS,
    Side,
    country_code_of,
    country_name,
    fatality_claims,
    iso3,
    joined,
    side,
    ucdp_region,
)

CsvValue = str | int | float | None

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
_STATE = 1
_ONE_SIDED = 3


def ucdp_rows(events: Sequence[Event]) -> tuple[list[str], list[list[CsvValue]]]:
    """Header and one row per event with a UCDP type of violence, in the given order."""
    return list(UCDP_COLUMNS), [_row(e) for e in events if e.ucdp.type_of_violence is not None]


def priogrid_gid(lat: float, lon: float) -> int:
    """PRIO-GRID cell id: 0.5-degree cells numbered row by row from (-180, -90), starting at 1."""
    row = min(math.floor((lat + 90) / 0.5), 359)
    col = min(math.floor((lon + 180) / 0.5), 719)
    return row * 720 + col + 1


def ucdp_name(actor: EventActor) -> str:
    if actor.kind in STATE_KINDS and actor.country_code:
        country = _country_common_name(actor.country_code)
        if country:
            return f"Government of {country}"
    return actor.name


def _country_common_name(code: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return str(getattr(found, "common_name", None) or found.name) if found is not None else None


def _sides(event: Event) -> tuple[str | None, str | None, Side]:
    perpetrator, target = side(event, "source"), side(event, "target")
    violence = event.ucdp.type_of_violence
    a = ucdp_name(perpetrator.main) if perpetrator.main else None
    b = ucdp_name(target.main) if target.main else None
    if violence == _ONE_SIDED:
        b = "Civilians"
    elif violence == _STATE and target.inter == _STATE and perpetrator.inter != _STATE:
        a, b = b, a  # GED puts the government on side A
    return a, b, perpetrator


def _row(event: Event) -> list[CsvValue]:
    violence = event.ucdp.type_of_violence
    location = event.location
    code = country_code_of(event)
    start, end = event.date.start, event.date.end or event.date.start
    side_a, side_b, perpetrator = _sides(event)
    figures = event.fatalities
    best = figures.best if figures and figures.best is not None else 0
    low = figures.low if figures and figures.low is not None else best
    high = figures.high if figures and figures.high is not None else best
    dyad = f"{side_a} - {side_b}" if side_a and side_b else None
    lat = location.lat if location else None
    lon = location.lon if location else None
    reports = event.reports
    values: dict[str, CsvValue] = {
        "id": event.id,
        "relid": f"{iso3(code) or 'XXX'}-{start.year if start else 'undated'}-{event.id}",
        "year": start.year if start else None,
        "type_of_violence": violence,
        # GED names a non-state conflict after its dyad and one-sided violence after the perpetrator;
        # a state-based conflict's name (government or territory) is UCDP's own judgement.
        "conflict_name": dyad if violence == 2 else side_a if violence == _ONE_SIDED else None,
        "dyad_name": dyad,
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": len(reports) or len({e.article_id for e in event.evidence}),
        "source_article": joined([_citation(r.outlet, r.published, r.url) for r in reports]) or None,
        "source_office": joined([r.outlet for r in reports]) or None,
        "source_date": joined([r.published.isoformat() if r.published else None for r in reports]) or None,
        "source_original": joined([c.according_to for c in fatality_claims(event)]) or None,
        "where_prec": location.ucdp_where_prec if location else None,
        "where_coordinates": location.name if location else None,
        "where_description": location.text if location else None,
        "adm_1": location.admin1 if location else None,
        "adm_2": location.admin2 if location else None,
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon) if lat is not None and lon is not None else None,
        "country": country_name(event),
        "region": ucdp_region(code),
        "event_clarity": 1 if perpetrator.main and perpetrator.main.status in ("asserted", "claimed") else 2,
        "date_prec": event.date.ucdp_date_prec,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if violence == _ONE_SIDED else 0,
        "deaths_unknown": 0 if violence == _ONE_SIDED else best,
        "best": best,
        "high": high,
        "low": low,
    }
    return [values.get(column) for column in UCDP_COLUMNS]


def _citation(outlet: str | None, published: object, url: str | None) -> str | None:
    parts = [str(p) for p in (outlet, published, url) if p]
    return ", ".join(parts) or None
