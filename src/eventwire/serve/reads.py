"""What each endpoint reads from the store, as plain JSON-ready dicts.

Every function takes a `snapshot()` view of the store, so all the queries of one request see the
same committed state (an article with all its events, or none of it) while the writer goes on.
Lists are built from the flat columns and a few JSON paths in SQL rather than by validating each
full record: a page of 1,000 events would otherwise spend its time in pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eventwire.record import Event
from eventwire.serve.params import ORDER_BY, EventFilters, Sort
from eventwire.store import EventStore
from eventwire.store.rows import CLAIM_COLUMNS

# The summary's flat columns, then one JSON parse of the record for what has no column.
_SUMMARY_COLUMNS = """
    id, type, mode, status, date_start, date_end, date_precision,
    location_name, country, country_code, admin1, lat, lon,
    fatalities_best, fatalities_low, fatalities_high, injuries_best, confidence,
    json_extract(record, ['$.acled.event_type', '$.acled.sub_event_type', '$.actors'])
"""
_WIDTH = 19  # columns above

# A claim as the API shows it: the claims table's columns, less the event it belongs to.
_CLAIM_KEYS = tuple(c for c in CLAIM_COLUMNS if c != "event_id")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _summary(row: tuple[Any, ...], n_reports: int) -> dict[str, Any]:
    (event_id, event_type, mode, status, start, end, precision) = row[:7]
    (name, country, country_code, admin1, lat, lon) = row[7:13]
    (f_best, f_low, f_high, i_best, confidence, extracted) = row[13:_WIDTH]
    acled_type, acled_sub, actors_json = (json.loads(part) if part else None for part in extracted)
    place = (name, country, country_code, admin1, lat, lon)
    return {
        "id": event_id,
        "type": event_type,
        "mode": mode,
        "status": status,
        "date": {"start": _iso(start), "end": _iso(end), "precision": precision},
        # Null when nothing of the place is known (the record's location is null or empty).
        "location": None
        if all(value is None for value in place)
        else dict(zip(("name", "country", "country_code", "admin1", "lat", "lon"), place, strict=True)),
        "actors": [
            {"role": actor["role"], "name": actor["name"], "status": actor.get("status", "asserted")}
            for actor in actors_json or ()
        ],
        "fatalities": {"best": f_best, "low": f_low, "high": f_high},
        "injuries": {"best": i_best},
        "acled": {"event_type": acled_type, "sub_event_type": acled_sub},
        "confidence": confidence,
        "n_reports": n_reports,
    }


def _report_counts(store: EventStore, event_ids: list[str]) -> dict[str, int]:
    if not event_ids:
        return {}
    found = store.fetch_rows(
        "SELECT event_id, count(*) FROM reports WHERE list_contains(?, event_id) GROUP BY event_id",
        [event_ids],
    )
    return {event_id: int(n) for event_id, n in found}


def count_events(store: EventStore, filters: EventFilters) -> int:
    where, params = filters.where()
    rows = store.fetch_rows(f"SELECT count(*) FROM events WHERE {where}", params)
    return int(rows[0][0])


def _summaries(store: EventStore, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    counts = _report_counts(store, [row[0] for row in rows])
    return [_summary(row, counts.get(row[0], 0)) for row in rows]


def event_page(
    store: EventStore, filters: EventFilters, *, sort: Sort, limit: int, offset: int
) -> dict[str, Any]:
    """One page of summaries and the total over all pages, from one query (the total is a window count)."""
    where, params = filters.where()
    rows = store.fetch_rows(
        f"""SELECT {_SUMMARY_COLUMNS}, count(*) OVER () FROM events WHERE {where}
            ORDER BY {ORDER_BY[sort]} LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    # No row on this page (past the end, or limit=0): the window had nothing to count on.
    total = int(rows[0][_WIDTH]) if rows else count_events(store, filters)
    return {"total": total, "limit": limit, "offset": offset, "items": _summaries(store, rows)}


def event_summaries(store: EventStore, filters: EventFilters, *, sort: Sort) -> list[dict[str, Any]]:
    """Every matching event's summary, in `sort` order."""
    where, params = filters.where()
    rows = store.fetch_rows(
        f"SELECT {_SUMMARY_COLUMNS} FROM events WHERE {where} ORDER BY {ORDER_BY[sort]}", params
    )
    return _summaries(store, rows)


def event_features(store: EventStore, filters: EventFilters) -> dict[str, Any]:
    """RFC 7946 FeatureCollection of the located events; properties are the summary minus lat/lon."""
    features = []
    for summary in event_summaries(store, filters, sort=Sort.date):
        location = summary["location"]
        if location is None or location["lat"] is None or location["lon"] is None:
            continue  # as the store's GeoJSON export: no coordinates, no feature
        lon, lat = location.pop("lon"), location.pop("lat")
        features.append(
            {
                "type": "Feature",
                "id": summary["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": summary,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def event_detail(store: EventStore, event_id: str) -> dict[str, Any] | None:
    found = store.fetch_rows("SELECT record FROM events WHERE id = ?", [event_id])
    if not found:
        return None
    event = Event.model_validate_json(found[0][0]).model_dump(mode="json")
    reports = store.fetch_rows(
        """SELECT a.id, a.title, a.outlet, a.url, a.published
           FROM reports r JOIN articles a ON a.id = r.article_id
           WHERE r.event_id = ? ORDER BY a.published NULLS LAST, a.id""",
        [event_id],
    )
    claims = store.fetch_rows(
        f"""SELECT {", ".join(_CLAIM_KEYS)} FROM claims WHERE event_id = ?
            ORDER BY kind, article_id NULLS LAST, span_start, span_end""",
        [event_id],
    )
    return {
        "event": event,
        "reports": [
            {"article_id": a_id, "title": title, "outlet": outlet, "url": url, "published": _iso(published)}
            for a_id, title, outlet, url, published in reports
        ],
        "claims": [dict(zip(_CLAIM_KEYS, row, strict=True)) for row in claims],
    }


def article_view(store: EventStore, article_id: str) -> dict[str, Any] | None:
    found = store.fetch_rows(
        "SELECT id, title, outlet, url, published, language, text FROM articles WHERE id = ?", [article_id]
    )
    if not found:
        return None
    a_id, title, outlet, url, published, language, text = found[0]
    event_ids = store.fetch_rows(
        "SELECT DISTINCT event_id FROM reports WHERE article_id = ? ORDER BY event_id", [article_id]
    )
    return {
        "id": a_id,
        "title": title,
        "outlet": outlet,
        "url": url,
        "published": _iso(published),
        "language": language,
        "text": text,
        "event_ids": [event_id for (event_id,) in event_ids],
    }


def summary(store: EventStore, filters: EventFilters) -> dict[str, Any]:
    where, params = filters.where()
    # One scan into a temporary selection would need a write; four small grouped scans are cheap.
    # Deaths are summed over events that happened: a threat, a denial, a plan or a background fact
    # ("thousands died in the 2014 war") adds no one to the toll of what the filters select.
    totals = store.fetch_rows(
        f"""SELECT count(*), coalesce(sum(fatalities_best) FILTER (WHERE status = 'occurred'), 0),
                   min(date_start), max(coalesce(date_end, date_start))
            FROM events WHERE {where}""",
        params,
    )[0]
    by_type = store.fetch_rows(
        f"SELECT type, count(*) FROM events WHERE {where} GROUP BY type ORDER BY count(*) DESC, type", params
    )
    by_country = store.fetch_rows(
        f"""SELECT upper(country_code), count(*) FROM events
            WHERE ({where}) AND country_code IS NOT NULL
            GROUP BY upper(country_code) ORDER BY count(*) DESC, upper(country_code)""",
        params,
    )
    by_day = store.fetch_rows(
        f"""SELECT date_start, count(*) FROM events WHERE ({where}) AND date_start IS NOT NULL
            GROUP BY date_start ORDER BY date_start""",
        params,
    )
    total, fatalities, first, last = totals
    return {
        "total": int(total),
        "by_type": {name: int(n) for name, n in by_type},
        "by_country": {code: int(n) for code, n in by_country},
        "by_day": [{"date": _iso(day), "count": int(n)} for day, n in by_day],
        "fatalities": int(fatalities),
        "date_range": [_iso(first), _iso(last)],
    }


_CONTAINS = "contains(strip_accents(lower({column})), strip_accents(lower(?)))"


def actors(store: EventStore, search: str, limit: int) -> list[dict[str, Any]]:
    """Actors by how many events they take part in (any role), optionally those whose name holds `search`."""
    condition = _CONTAINS.format(column="name") if search.strip() else "TRUE"
    params: list[Any] = [search.strip()] if search.strip() else []
    rows = store.fetch_rows(
        f"""SELECT name, actor_id, count(DISTINCT event_id) AS n FROM event_actors
            WHERE name IS NOT NULL AND {condition}
            GROUP BY name, actor_id ORDER BY n DESC, name, actor_id NULLS LAST LIMIT ?""",
        [*params, limit],
    )
    return [{"name": name, "actor_id": actor_id, "events": int(n)} for name, actor_id, n in rows]


def places(store: EventStore, search: str, limit: int) -> list[dict[str, Any]]:
    """Event locations by how many events happened there, optionally those whose name holds `search`."""
    condition = _CONTAINS.format(column="location_name") if search.strip() else "TRUE"
    params: list[Any] = [search.strip()] if search.strip() else []
    rows = store.fetch_rows(
        f"""SELECT location_name, country_code, admin1, lat, lon, count(*) AS n FROM events
            WHERE location_name IS NOT NULL AND {condition}
            GROUP BY location_name, country_code, admin1, lat, lon
            ORDER BY n DESC, location_name, country_code NULLS LAST LIMIT ?""",
        [*params, limit],
    )
    return [
        {"name": name, "country_code": code, "admin1": admin1, "lat": lat, "lon": lon, "events": int(n)}
        for name, code, admin1, lat, lon, n in rows
    ]


def health(store: EventStore) -> dict[str, Any]:
    counts = store.counts()
    version = store.fetch_rows("SELECT max(version) FROM schema_version")[0][0]
    return {
        "status": "ok",
        "events": counts["events"],
        "articles": counts["articles"],
        "schema_version": int(version) if version is not None else None,
    }
