"""GeoJSON (RFC 7946) and CSV exports of events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from eventwire.record import Event, EventActor, EventDate, Evidence, Figures, Location
from eventwire.store import events_to_csv_rows, events_to_geojson


def _event(n: int, *, lat: float | None, lon: float | None) -> Event:
    sentence = f"Protesters marched on the ministry in the capital ({n})."
    return Event(
        id=f"ev{n}",
        type="PROTEST",
        status="occurred",
        date=EventDate(start=dt.date(2022, 7, 1), end=dt.date(2022, 7, 2), precision="days"),
        location=Location(text="Bamako", name="Bamako", lat=lat, lon=lon, country_code="ML", admin1="Bamako"),
        actors=[
            EventActor(role="source", name="Protesters"),
            EventActor(role="source", name="Protesters"),
            EventActor(role="target", name="Government of Mali"),
            EventActor(role="assoc_source", name="Student union"),
        ],
        fatalities=Figures(best=0),
        evidence=[Evidence(article_id="art1", sentence=sentence, start=0, end=len(sentence))],
    )


def test_store_geojson_is_rfc7946_feature_collection() -> None:
    events = [_event(1, lat=12.65, lon=-8.0), _event(2, lat=None, lon=None), Event(id="ev3", type="AID")]
    collection = events_to_geojson(events)
    json.dumps(collection)  # serialisable as is
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 drops crs: WGS 84 is implied
    features = collection["features"]
    assert isinstance(features, list) and len(features) == 1
    feature = features[0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-8.0, 12.65]}  # [lon, lat]
    props = feature["properties"]
    assert props["id"] == "ev1"
    assert props["date_start"] == "2022-07-01" and props["date_end"] == "2022-07-02"
    assert props["location"] == "Bamako" and props["country_code"] == "ML" and props["admin1"] == "Bamako"
    assert props["fatalities_best"] == 0
    # flat properties: each role's actors joined as in the CSV, repeats dropped
    assert props["source_actors"] == "Protesters"
    assert props["target_actors"] == "Government of Mali"
    assert props["assoc_source_actors"] == "Student union"
    assert props["assoc_target_actors"] is None
    assert all(isinstance(value, str | int | float | type(None)) for value in props.values())
    assert props["evidence"].startswith("Protesters marched")


def test_store_geojson_empty() -> None:
    assert events_to_geojson([]) == {"type": "FeatureCollection", "features": []}


def test_store_csv_rows_are_flat_and_aligned() -> None:
    header, rows = events_to_csv_rows([_event(1, lat=12.65, lon=-8.0), Event(id="ev3", type="AID")])
    assert len(rows) == 2 and all(len(row) == len(header) for row in rows)
    assert len(set(header)) == len(header)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0]["source_actors"] == "Protesters"
    assert parsed[0]["target_actors"] == "Government of Mali"
    assert parsed[0]["lat"] == "12.65" and parsed[0]["fatalities_best"] == "0"
    assert parsed[0]["article_ids"] == "art1"
    assert parsed[1]["location_name"] == "" and parsed[1]["type"] == "AID"
