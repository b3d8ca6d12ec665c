"""The analyst exports, each written to a file and loaded back the way an analyst would load it.

pandas for the CSV formats (acled, ucdp, csv), pyarrow for Parquet, json for GeoJSON and PLOVER.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.errors import UsageError
from eventwire.record import PLOVER_TYPES
from eventwire.store.export import CSV_HEADER
from eventwire.store.export_acled import ACLED_COLUMNS
from eventwire.store.export_ucdp import UCDP_COLUMNS, priogrid_gid
from eventwire.store.export_write import ExportFormat, export_events
from eventwire.store.query import codebooks
from tests.export_fixtures import AIRSTRIKE, ALL, BATTLE, BOMBING, PROTEST, SUVA, THREAT

NOW = dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)


def export(tmp_path: Path, fmt: ExportFormat, events: list[Any] = ALL) -> Path:
    out = tmp_path / f"events.{fmt.value}"
    export_events(events, fmt, out=out, now=NOW)
    return out


# ACLED


@pytest.fixture
def acled(tmp_path: Path) -> pd.DataFrame:
    return pd.read_csv(export(tmp_path, ExportFormat.acled)).set_index("event_id_cnty", drop=False)


def test_export_acled_has_the_31_columns_in_order(acled: pd.DataFrame) -> None:
    assert len(ACLED_COLUMNS) == 31
    assert list(acled.columns) == list(ACLED_COLUMNS)
    for column in (
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "fatalities",
        "timestamp",
    ):
        assert pd.api.types.is_integer_dtype(acled[column]), column
    for column in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(acled[column]), column
    for column in (
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "notes",
    ):
        assert pd.api.types.is_string_dtype(acled[column]), column
    assert set(acled["timestamp"]) == {int(NOW.timestamp())}


def test_export_acled_only_events_acled_would_code(acled: pd.DataFrame) -> None:
    # SUVA has no ACLED type, THREAT was only threatened, the accusation neither
    assert sorted(acled["event_id_cnty"]) == [
        "IRQ-ev-battle",
        "KEN-ev-protest",
        "NGA-ev-bombing",
        "SYR-ev-airstrike",
    ]
    types = codebooks()["acled_event_types"]
    for event_type, sub in zip(acled["event_type"], acled["sub_event_type"], strict=True):
        assert sub in types[event_type]


def test_export_acled_codes_the_airstrike_as_acled_does(acled: pd.DataFrame) -> None:
    row = acled.loc["SYR-ev-airstrike"]
    assert row["event_date"] == "2019-06-16" and row["year"] == 2019 and row["time_precision"] == 1
    assert row["disorder_type"] == "Political violence"
    # the unidentified perpetrator is actor1; the suspected and the denied ones are only in the notes
    assert row["actor1"] == "Unidentified military forces (Syria)" and row["inter1"] == 8
    assert row["actor2"] == "Popular Mobilization Forces" and row["inter2"] == 3
    assert row["assoc_actor_2"] == "Kataib Hezbollah"  # ACLED's spelling, from the knowledge base
    assert row["interaction"] == 38
    assert row["iso"] == 760 and row["region"] == "Middle East" and row["country"] == "Syria"
    assert row["admin1"] == "Deir ez-Zor" and row["location"] == "Albu Kamal" and row["geo_precision"] == 1
    assert row["source"] == "cnsnews"
    assert row["fatalities"] == 22
    notes = row["notes"]
    assert notes.startswith("On 16 June 2019: An airstrike on a base near Albu Kamal")
    assert "Israel suspected (according to PMF)" in notes and "US-led coalition denied" in notes
    assert "22 (according to PMF); more than 50 (according to a monitor)" in notes


def test_export_acled_interaction_fatalities_and_civilians(acled: pd.DataFrame) -> None:
    bombing, battle, protest = (
        acled.loc["NGA-ev-bombing"],
        acled.loc["IRQ-ev-battle"],
        acled.loc["KEN-ev-protest"],
    )
    assert (bombing["inter1"], bombing["inter2"], bombing["interaction"]) == (2, 7, 27)
    assert bombing["civilian_targeting"] == "Civilian targeting"
    assert bombing["event_date"] == "2019-06-18"  # the middle of 17-19 June
    assert bombing["time_precision"] == 2 and bombing["notes"].startswith("Between 17 and 19 June 2019: ")
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == (2, 1, 12)  # lower code first
    assert pd.isna(battle["civilian_targeting"])
    # one actor alone: its code times ten, actor2 coded 0; nothing said about deaths is 0 fatalities
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == (6, 0, 60)
    assert protest["fatalities"] == 0 and pd.isna(protest["actor2"])
    assert protest["tags"] == "crowd size=no report"


def test_export_acled_uses_acled_actor_names_from_the_knowledge_base(tmp_path: Path) -> None:
    syrian_army = AIRSTRIKE.model_copy(
        update={
            "actors": [
                AIRSTRIKE.actors[0].model_copy(
                    update={
                        "name": "Syrian Arab Army",
                        "id": "sy-military",
                        "acled_inter": 1,
                        "status": "asserted",
                    }
                )
            ]
        }
    )
    frame = pd.read_csv(export(tmp_path, ExportFormat.acled, [syrian_army]))
    assert frame.loc[0, "actor1"] == "Military Forces of Syria (2000-)"


# UCDP


@pytest.fixture
def ucdp(tmp_path: Path) -> pd.DataFrame:
    return pd.read_csv(export(tmp_path, ExportFormat.ucdp)).set_index("id", drop=False)


def test_export_ucdp_has_ged_columns(ucdp: pd.DataFrame) -> None:
    assert list(ucdp.columns) == list(UCDP_COLUMNS)
    assert len(UCDP_COLUMNS) == 49
    for column in (
        "year",
        "type_of_violence",
        "where_prec",
        "date_prec",
        "best",
        "low",
        "high",
        "priogrid_gid",
    ):
        assert pd.api.types.is_integer_dtype(ucdp[column]), column
    for column in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "event_clarity"):
        assert pd.api.types.is_integer_dtype(ucdp[column]), column
    assert pd.api.types.is_float_dtype(ucdp["latitude"]) and pd.api.types.is_float_dtype(ucdp["longitude"])
    assert set(ucdp["type_of_violence"]) <= {1, 2, 3}


def test_export_ucdp_only_events_with_a_type_of_violence(ucdp: pd.DataFrame) -> None:
    assert sorted(ucdp["id"]) == ["ev-battle", "ev-bombing"]


def test_export_ucdp_sides_and_deaths(ucdp: pd.DataFrame) -> None:
    bombing, battle = ucdp.loc["ev-bombing"], ucdp.loc["ev-battle"]
    # one-sided violence: the perpetrator against civilians, the dead counted as civilians
    assert bombing["side_a"] == "Islamic State West Africa Province" and bombing["side_b"] == "Civilians"
    assert bombing["conflict_name"] == "Islamic State West Africa Province"
    assert (bombing["deaths_civilians"], bombing["deaths_unknown"], bombing["best"]) == (8, 0, 8)
    assert (bombing["date_start"], bombing["date_end"], bombing["date_prec"]) == (
        "2019-06-17",
        "2019-06-19",
        2,
    )
    assert bombing["event_clarity"] == 1  # ISWAP claimed it
    assert bombing["region"] == "Africa" and bombing["country"] == "Nigeria" and bombing["adm_1"] == "Borno"
    assert bombing["source_office"] == "sahelwire" and bombing["number_of_sources"] == 1
    # state-based: the government is side A even when it was attacked
    assert battle["side_a"] == "Government of Iraq" and battle["side_b"] == "Islamic State"
    assert battle["dyad_name"] == "Government of Iraq - Islamic State"
    assert (battle["best"], battle["low"], battle["high"], battle["deaths_unknown"]) == (3, 3, 5, 3)
    assert battle["region"] == "Middle East"
    for _, row in ucdp.iterrows():
        parts = row["deaths_a"] + row["deaths_b"] + row["deaths_civilians"] + row["deaths_unknown"]
        assert parts == row["best"] and row["low"] <= row["best"] <= row["high"]
        assert row["geom_wkt"] == f"POINT ({row['longitude']} {row['latitude']})"
        assert row["priogrid_gid"] == priogrid_gid(row["latitude"], row["longitude"])


@pytest.mark.parametrize(
    ("lat", "lon", "gid"),
    [
        (-90.0, -180.0, 1),
        (-89.9, 179.9, 720),
        (-89.4, -180.0, 721),
        (89.9, 179.9, 259200),
        (0.1, 0.1, 129961),
    ],
)
def test_export_priogrid_cells(lat: float, lon: float, gid: int) -> None:
    assert priogrid_gid(lat, lon) == gid


# PLOVER


def test_export_plover_jsonl_one_record_per_event(tmp_path: Path) -> None:
    lines = export(tmp_path, ExportFormat.plover).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [e.id for e in ALL]  # every event: PLOVER codes threats too
    expected_fields = {
        "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event", "event_loc",
        "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info", "cite_info",
        "coder", "coded_date", "coded_time", "comment", "size", "eventwire",
    }  # fmt: skip
    entity_fields = {
        "code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
        "office", "gender", "age", "eventwire",
    }  # fmt: skip
    for record in records:
        assert set(record) == expected_fields
        assert record["event"][0] in PLOVER_TYPES and record["quad_code"] in {1, 2, 3, 4}
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) == entity_fields
        assert record["coded_date"] == "2024-05-01" and record["coded_time"] == "12:30:00"
    by_id = {r["id"]: r for r in records}
    strike = by_id["ev-airstrike"]
    assert strike["mode"] == "aerial" and strike["quad_code"] == 4 and strike["date"] == "2019-06-16"
    assert strike["size"] == {"dead": 22, "injured": 12, "arrested": None}
    assert [e["identifier_text"] for e in strike["recipient"]] == [
        "Popular Mobilization Forces",
        "Kata'ib Hezbollah",
    ]
    pmf = strike["recipient"][0]
    assert pmf["code"] == "IRQ" and pmf["sector"] == "PRM" and pmf["entity_text"] == "PMF"
    statuses = {e["identifier_text"]: e["eventwire"]["status"] for e in strike["actor"]}
    assert statuses["Israel"] == "suspected" and statuses["US-led coalition"] == "denied"
    assert strike["event_loc"]["country_code"] == "SYR" and strike["event_loc"]["resolution"] == 4
    assert strike["eventwire"]["fatalities"]["high"] == 50
    threat = by_id["ev-threat"]
    assert threat["quad_code"] == 3 and threat["comment"] == "status: threatened"
    assert threat["enddate"] == "2019-06-19" and threat["event_loc"]["resolution"] == 1
    assert threat["recipient"][0]["identifier_id"] == "Q30"
    assert by_id["ev-accusation"]["event_loc"] is None and by_id["ev-accusation"]["date"] is None


# GeoJSON


def assert_rfc7946_feature_collection(document: object) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of Points, checked member by member."""
    assert isinstance(document, dict)
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # removed in RFC 7946: coordinates are WGS 84
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert isinstance(feature, dict) and feature["type"] == "Feature"
        assert isinstance(feature.get("id"), str | int | float)  # section 3.2: string or number
        geometry = feature["geometry"]
        assert isinstance(geometry, dict) and geometry["type"] == "Point"
        position = geometry["coordinates"]
        assert isinstance(position, list) and len(position) in (2, 3)  # [lon, lat(, alt)]
        lon, lat = position[0], position[1]
        assert all(isinstance(v, int | float) and math.isfinite(v) for v in position)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        properties = feature["properties"]
        assert properties is None or isinstance(properties, dict)


def test_export_geojson_is_rfc7946(tmp_path: Path) -> None:
    document = json.loads(export(tmp_path, ExportFormat.geojson).read_text(encoding="utf-8"))
    assert_rfc7946_feature_collection(document)
    features = {f["id"]: f for f in document["features"]}
    assert set(features) == {e.id for e in ALL if e.location and e.location.lat is not None}
    assert features["ev-suva"]["geometry"]["coordinates"] == [178.44, -18.14]  # lon first
    properties = features["ev-airstrike"]["properties"]
    assert all(isinstance(v, str | int | float | type(None)) for v in properties.values())  # flat
    assert properties["target_actors"] == "Popular Mobilization Forces"
    assert properties["acled_sub_event_type"] == "Air/drone strike" and properties["fatalities_high"] == 50


# Parquet


def test_export_parquet_typed_columns(tmp_path: Path) -> None:
    table = pq.read_table(export(tmp_path, ExportFormat.parquet))
    assert table.num_rows == len(ALL)
    schema = table.schema
    assert schema.field("id").type == pa.string()
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("lat").type == pa.float64() and schema.field("lon").type == pa.float64()
    assert pa.types.is_integer(schema.field("fatalities_best").type)
    assert pa.types.is_integer(schema.field("ucdp_type_of_violence").type)
    assert schema.field("context").type == pa.list_(pa.string())
    actors = schema.field("actors").type
    assert pa.types.is_list(actors) and pa.types.is_struct(actors.value_type)
    assert {actors.value_type.field(i).name for i in range(actors.value_type.num_fields)} >= {
        "role",
        "name",
        "status",
    }
    rows = {row["id"]: row for row in table.to_pylist()}
    strike = rows["ev-airstrike"]
    assert strike["date_start"] == dt.date(2019, 6, 16) and strike["fatalities_best"] == 22
    assert [c["value"] for c in strike["claims"] if c["kind"] == "fatalities"] == [22, 50]
    assert strike["actors"][1]["status"] == "suspected" and strike["reports"][0]["published"] == dt.date(
        2019, 6, 19
    )
    assert rows["ev-accusation"]["date_start"] is None and rows["ev-accusation"]["lat"] is None
    frame = table.to_pandas()  # and pandas reads it
    assert len(frame) == len(ALL)


def test_export_parquet_needs_a_file() -> None:
    with pytest.raises(UsageError, match=r"\[E046\]"):
        export_events(ALL, ExportFormat.parquet)


# CSV


def test_export_csv_loads_in_pandas(tmp_path: Path) -> None:
    frame = pd.read_csv(export(tmp_path, ExportFormat.csv))
    assert list(frame.columns) == list(CSV_HEADER) and len(frame) == len(ALL)
    assert pd.api.types.is_float_dtype(frame["lat"]) and pd.api.types.is_float_dtype(frame["confidence"])


def test_export_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("old contents\n")
    result = export_events([PROTEST, SUVA, THREAT, BATTLE, BOMBING], ExportFormat.acled, out=out, now=NOW)
    assert (result.written, result.total, result.left_out) == (3, 5, 2)
    assert out.read_text().startswith("event_id_cnty,") and not list(tmp_path.glob(".*partial"))


def test_export_unwritable_path_is_e047(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\[E047\]"):
        export_events(ALL, ExportFormat.csv, out=tmp_path / "missing" / "events.csv", now=NOW)
