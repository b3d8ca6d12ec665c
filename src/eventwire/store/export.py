"""Flat exports of events: GeoJSON (RFC 7946) for maps and CSV rows for spreadsheets."""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.record import Event, Figures

CsvValue = str | int | float | None

CSV_HEADER: tuple[str, ...] = (
    "id",
    "type",
    "mode",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "location_name",
    "admin1",
    "country",
    "country_code",
    "lat",
    "lon",
    "source_actors",
    "target_actors",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
    "injuries_best",
    "confidence",
    "article_ids",
    "evidence",
)


ROLES = ("source", "target", "assoc_source", "assoc_target")


def actors_by_role(event: Event) -> dict[str, list[str]]:
    """Actor names grouped by role, in record order, without repeats."""
    grouped: dict[str, list[str]] = {}
    for actor in event.actors:
        names = grouped.setdefault(actor.role, [])
        if actor.name not in names:
            names.append(actor.name)
    return grouped


def evidence_sentence(event: Event) -> str | None:
    return event.evidence[0].sentence if event.evidence else None


def _best(figures: Figures | None) -> int | None:
    return figures.best if figures else None


def events_to_geojson(events: Sequence[Event]) -> dict[str, object]:
    """An RFC 7946 FeatureCollection of Point features ([lon, lat]); no coordinates, no feature.

    Properties are flat (strings, numbers, null): GIS tools and shapefile-bound workflows read
    nested properties badly, so the actors of each role are joined with '; ' as in the CSV.
    """
    features: list[dict[str, object]] = []
    for event in events:
        location = event.location
        if location is None or location.lat is None or location.lon is None:
            continue
        roles = actors_by_role(event)
        fatalities = event.fatalities
        properties: dict[str, object] = {
            "id": event.id,
            "type": event.type,
            "mode": event.mode,
            "status": event.status,
            "acled_event_type": event.acled.event_type,
            "acled_sub_event_type": event.acled.sub_event_type,
            "ucdp_type_of_violence": event.ucdp.type_of_violence,
            "date_start": event.date.start.isoformat() if event.date.start else None,
            "date_end": event.date.end.isoformat() if event.date.end else None,
            "date_precision": event.date.precision,
            "location": location.name or location.text,
            "admin1": location.admin1,
            "country": location.country,
            "country_code": location.country_code,
            "fatalities_best": fatalities.best if fatalities else None,
            "fatalities_low": fatalities.low if fatalities else None,
            "fatalities_high": fatalities.high if fatalities else None,
            "injuries_best": _best(event.injuries),
            **{f"{role}_actors": "; ".join(roles.get(role, [])) or None for role in ROLES},
            "evidence": evidence_sentence(event),
            "confidence": event.confidence,
        }
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _event_csv_row(event: Event) -> list[CsvValue]:
    location = event.location
    roles = actors_by_role(event)
    fatalities = event.fatalities
    article_ids = dict.fromkeys(
        [report.article_id for report in event.reports] + [e.article_id for e in event.evidence]
    )
    return [
        event.id,
        event.type,
        event.mode,
        event.status,
        event.date.start.isoformat() if event.date.start else None,
        event.date.end.isoformat() if event.date.end else None,
        event.date.precision,
        (location.name or location.text) if location else None,
        location.admin1 if location else None,
        location.country if location else None,
        location.country_code if location else None,
        location.lat if location else None,
        location.lon if location else None,
        "; ".join(roles.get("source", [])),
        "; ".join(roles.get("target", [])),
        fatalities.best if fatalities else None,
        fatalities.low if fatalities else None,
        fatalities.high if fatalities else None,
        _best(event.injuries),
        event.confidence,
        "; ".join(article_ids),
        evidence_sentence(event),
    ]


def events_to_csv_rows(events: Sequence[Event]) -> tuple[list[str], list[list[CsvValue]]]:
    """Header and one flat row per event (actors joined with '; ') for `--format csv`."""
    return list(CSV_HEADER), [_event_csv_row(event) for event in events]
