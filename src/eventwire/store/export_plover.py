"""PLOVER records (one JSON object a line) with the field names of the PLOVER manual (CODEBOOKS.md).

Every event goes in: PLOVER codes statements and threats too. Fields PLOVER has no place for
(perpetrator status, who asserts it, the record's status, confidence, figure ranges and claims,
the ACLED and UCDP codings) sit under an `eventwire` key, on the record and on each entity, so a
PLOVER reader can ignore them and nothing is lost.
- actor[] holds the source side (and actors associated with it), recipient[] the target side;
  entity `code` is the actor's ISO3 country code, `sector` its PLOVER sector;
- quad_code: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
- event_loc.resolution: 5 sub-city, 4 city or town, 3 district, 2 province, 1 country;
- coder is "eventwire <version>" and coded_date/coded_time the moment of the export (UTC).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from eventwire.record import Event, EventActor, Figures, Location
from eventwire.store.export_fields import article_ids, evidence_text, iso3
from eventwire.store.query import codebooks

# UCDP where_prec (1 exact place ... 6 country) -> PLOVER resolution (5 sub-city ... 1 country).
_RESOLUTION_OF_WHERE_PREC = {1: 4, 2: 4, 3: 3, 4: 2, 5: 2, 6: 1}


@functools.cache
def quad_codes() -> dict[str, int]:
    table: dict[int, list[str]] = codebooks()["plover_quad_codes"]
    return {plover_type: int(quad) for quad, types in table.items() for plover_type in types}


def plover_record(event: Event, *, coded_at: dt.datetime) -> dict[str, Any]:
    """One event as a PLOVER record (a JSON-ready dict)."""
    from eventwire import __version__

    start, end = event.date.start, event.date.end
    evidence = event.evidence[0].sentence if event.evidence else None
    return {
        "id": event.id,
        "has_event": True,
        "date": start.isoformat() if start else None,
        "time": None,
        "enddate": end.isoformat() if end and end != start else None,
        "endtime": None,
        "actor": [_entity(a) for a in event.actors if a.role in ("source", "assoc_source")],
        "recipient": [_entity(a) for a in event.actors if a.role in ("target", "assoc_target")],
        "event": [event.type],
        "mode": event.mode,
        "context": list(event.context),
        "event_loc": _location(event.location),
        "event_text": evidence,
        "quad_code": quad_codes().get(event.type),
        "event_scale": None,
        "size": {"dead": _best(event.fatalities), "injured": _best(event.injuries), "arrested": None},
        "link": [],
        "text": evidence_text(event),
        "text_info": {"article_ids": article_ids(event)},
        "cite_info": [report.model_dump(mode="json") for report in event.reports],
        "coder": f"eventwire {__version__}",
        "coded_date": coded_at.date().isoformat(),
        "coded_time": coded_at.time().replace(microsecond=0).isoformat(),
        "comment": None if event.status == "occurred" else f"status: {event.status}",
        "eventwire": {
            "status": event.status,
            "confidence": event.confidence,
            "date": event.date.model_dump(mode="json"),
            "acled": event.acled.model_dump(mode="json"),
            "ucdp": event.ucdp.model_dump(mode="json"),
            "fatalities": event.fatalities.model_dump(mode="json") if event.fatalities else None,
            "injuries": event.injuries.model_dump(mode="json") if event.injuries else None,
            "weapons": list(event.weapons),
        },
    }


def plover_records(events: Sequence[Event], *, coded_at: dt.datetime) -> list[dict[str, Any]]:
    return [plover_record(event, coded_at=coded_at) for event in events]


def _best(figures: Figures | None) -> int | None:
    return figures.best if figures else None


def _entity(actor: EventActor) -> dict[str, Any]:
    return {
        "code": iso3(actor.country_code),
        "sector": actor.sector,
        "entity_text": actor.text or actor.name,
        "identifier_id": actor.wikidata,
        "identifier_text": actor.name,
        "religion": None,
        "ethnicity": None,
        "office": None,
        "gender": None,
        "age": None,
        "eventwire": {
            "role": actor.role,
            "id": actor.id,
            "kind": actor.kind,
            "status": actor.status,
            "according_to": actor.according_to,
            "acled_inter": actor.acled_inter,
        },
    }


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    feature = location.feature_code or ""
    populated = feature.startswith("PPL")
    return {
        "extracted_place": location.text,
        "resolved_place": location.name,
        "geonameid": location.geonameid,
        "lat": location.lat,
        "lon": location.lon,
        "city": location.name if populated else None,
        "district": location.admin2,
        "province": location.admin1,
        "country": location.country,
        "country_code": iso3(location.country_code),
        "feature_class": "P" if populated else "A" if feature.startswith(("ADM", "PCL")) else None,
        "feature_code": location.feature_code,
        "resolution": _resolution(location),
    }


def _resolution(location: Location) -> int | None:
    if location.feature_code == "PPLX":
        return 5
    if location.ucdp_where_prec is not None:
        return _RESOLUTION_OF_WHERE_PREC.get(location.ucdp_where_prec)
    return None
