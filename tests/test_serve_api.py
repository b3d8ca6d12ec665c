"""The REST API over real HTTP: every endpoint, every filter, paging, sorting, and what each returns.

Two servers: one over the hand-made events of tests/export_fixtures.py (exact answers, opened
read-only) plus an article of hostile text, and one over the demo corpus ingested by the real
pipeline (the writer, as `eventwire serve` runs by default) for the properties that must hold on
real output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from eventwire.record import Article, Event, Evidence, FigureClaim, Figures, Report
from eventwire.serve import models
from eventwire.store import SCHEMA_VERSION, EventStore
from tests import export_fixtures as fx
from tests import serve_helpers
from tests.serve_helpers import running_server

demo_server = serve_helpers.demo_server

HOSTILE_TEXT = (
    'Gunmen killed 4 people. <script>alert("x")</script> <img src=x onerror=alert(1)> '
    "&amp; &lt;b&gt; \u202e\u0000 \"quoted\" 'single' \\backslash\\ " + "W" * 5000 + " Café, Kata’ib."
)
HOSTILE_ARTICLE = Article(
    id="art-hostile",
    title="<b>Headline</b>",
    outlet="evil.example",
    url="https://evil.example/<script>",
    published=dt.date(2019, 6, 20),
    text=HOSTILE_TEXT,
)
HOSTILE_EVENT = Event(
    id="ev-hostile",
    type="ASSAULT",
    fatalities=Figures(
        best=4,
        claims=[
            FigureClaim(
                value=4, text="4", span=(14, 15), according_to="<i>police</i>", article_id="art-hostile"
            )
        ],
    ),
    evidence=[Evidence(article_id="art-hostile", sentence="Gunmen killed 4 people.", start=0, end=23)],
    reports=[Report(article_id="art-hostile", outlet="evil.example")],
)


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = fx.build_store(tmp_path_factory.mktemp("serve-fixtures") / "fixtures.duckdb")
    with EventStore.open(path) as store:
        store.add(HOSTILE_ARTICLE, [HOSTILE_EVENT])
    return path


@pytest.fixture(scope="module")
def api(fixture_db: Path) -> Iterator[httpx.Client]:
    with running_server(fixture_db, read_only=True) as base_url, httpx.Client(base_url=base_url) as client:
        yield client


@pytest.fixture(scope="module")
def demo(demo_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo_server) as client:
        yield client


def ok(response: httpx.Response, shape: type[BaseModel]) -> Any:
    """The JSON of a 200 answer, after checking it has exactly the contract's shape."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(("application/json", "application/geo+json"))
    body = response.json()
    shape.model_validate(body, strict=False)
    return body


def ids(client: httpx.Client, **params: Any) -> list[str]:
    page = ok(client.get("/api/events", params={"limit": 1000, **params}), models.EventPage)
    assert page["total"] == len(page["items"])
    return [item["id"] for item in page["items"]]


# filters -> the events they select, in the default order (start date, undated last, then id)
FILTERS: list[tuple[dict[str, Any], list[str]]] = [
    ({"country": "SY"}, ["ev-airstrike"]),
    ({"country": "Syria"}, ["ev-airstrike"]),
    ({"country": "Iraq"}, ["ev-battle", "ev-threat"]),
    ({"admin1": "deir ez-zor"}, ["ev-airstrike"]),
    ({"type": "PROTEST"}, ["ev-protest", "ev-suva"]),
    ({"type": "Battles"}, ["ev-battle"]),
    ({"type": "Air/drone strike"}, ["ev-airstrike"]),
    ({"type": "PROTEST,THREATEN"}, ["ev-protest", "ev-suva", "ev-threat"]),
    ({"type": ["PROTEST", "THREATEN"]}, ["ev-protest", "ev-suva", "ev-threat"]),
    ({"actor": "Hashd al-Shaabi"}, ["ev-airstrike"]),
    ({"actor": "Northern Command"}, ["ev-accusation"]),
    ({"since": "2019-06-16"}, ["ev-airstrike", "ev-bombing", "ev-threat"]),
    ({"until": "2019-06-14"}, ["ev-battle", "ev-protest"]),
    ({"since": "2019-06-15", "until": "2019-06-17"}, ["ev-suva", "ev-airstrike", "ev-bombing"]),
    ({"bbox": "170,-20,-170,0"}, ["ev-suva"]),
    ({"bbox": "35,-5,45,40"}, ["ev-battle", "ev-protest", "ev-airstrike", "ev-threat"]),
    ({"min_fatalities": 5}, ["ev-airstrike", "ev-bombing"]),
    ({"text": "airstrike albu"}, ["ev-airstrike"]),
    ({"text": "CAFE"}, ["ev-accusation"]),
    ({"country": "IQ", "type": "THREATEN"}, ["ev-threat"]),
    ({"country": "FJ", "type": "ASSAULT"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=lambda v: str(v))
def test_serve_api_events_filters_select_the_same_events_as_the_cli(
    api: httpx.Client, params: dict[str, Any], expected: list[str]
) -> None:
    assert ids(api, **params) == expected


def test_serve_api_events_without_filters_lists_everything_in_date_order(api: httpx.Client) -> None:
    assert ids(api) == [
        "ev-battle",
        "ev-protest",
        "ev-suva",
        "ev-airstrike",
        "ev-bombing",
        "ev-threat",
        "ev-accusation",
        "ev-hostile",
    ]


def test_serve_api_event_summary_carries_the_contract_fields(api: httpx.Client) -> None:
    page = ok(api.get("/api/events", params={"country": "SY"}), models.EventPage)
    assert page["limit"] == 100 and page["offset"] == 0 and page["total"] == 1
    [airstrike] = page["items"]
    assert airstrike["type"] == "ASSAULT" and airstrike["mode"] == "aerial"
    assert airstrike["status"] == "occurred" and airstrike["confidence"] == 0.8
    assert airstrike["date"] == {"start": "2019-06-16", "end": "2019-06-16", "precision": "day"}
    assert airstrike["location"] == {
        "name": "Albu Kamal",
        "country": "Syria",
        "country_code": "SY",
        "admin1": "Deir ez-Zor",
        "lat": 34.45,
        "lon": 40.92,
    }
    assert {"role": "source", "name": "Israel", "status": "suspected"} in airstrike["actors"]
    assert {"role": "source", "name": "US-led coalition", "status": "denied"} in airstrike["actors"]
    assert len(airstrike["actors"]) == 5
    assert airstrike["fatalities"] == {"best": 22, "low": 22, "high": 50}
    assert airstrike["injuries"] == {"best": 12}
    assert airstrike["acled"] == {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
    }
    assert airstrike["n_reports"] == 1


def test_serve_api_event_without_place_has_null_location(api: httpx.Client) -> None:
    [accusation] = ok(api.get("/api/events", params={"actor": "Northern Command"}), models.EventPage)["items"]
    assert accusation["location"] is None
    assert accusation["date"] == {"start": None, "end": None, "precision": "unknown"}
    assert accusation["fatalities"] == {"best": None, "low": None, "high": None}


def test_serve_api_geojson_has_a_point_per_located_event(api: httpx.Client) -> None:
    collection = ok(api.get("/api/events.geojson"), models.FeatureCollection)
    assert collection["type"] == "FeatureCollection"
    by_id = {feature["id"]: feature for feature in collection["features"]}
    located = {"ev-battle", "ev-protest", "ev-suva", "ev-airstrike", "ev-bombing", "ev-threat"}
    assert set(by_id) == located  # no place (accusation, hostile), no feature
    airstrike = by_id["ev-airstrike"]
    assert airstrike["geometry"] == {"type": "Point", "coordinates": [40.92, 34.45]}  # RFC 7946: lon, lat
    properties = airstrike["properties"]
    assert properties["type"] == "ASSAULT" and properties["id"] == "ev-airstrike"
    assert properties["location"] == {
        "name": "Albu Kamal",
        "country": "Syria",
        "country_code": "SY",
        "admin1": "Deir ez-Zor",
    }
    summary = ok(api.get("/api/events", params={"country": "SY"}), models.EventPage)["items"][0]
    assert {k: v for k, v in properties.items() if k != "location"} == {
        k: v for k, v in summary.items() if k != "location"
    }
    filtered = ok(api.get("/api/events.geojson", params={"country": "IQ"}), models.FeatureCollection)
    assert [feature["id"] for feature in filtered["features"]] == ["ev-battle", "ev-threat"]


def test_serve_api_event_detail_has_record_reports_and_claims(api: httpx.Client) -> None:
    detail = ok(api.get("/api/events/ev-airstrike"), models.EventDetail)
    assert detail["event"] == fx.AIRSTRIKE.model_dump(mode="json")  # as `eventwire events --format json`
    assert detail["reports"] == [
        {
            "article_id": "art-syria",
            "title": "Headline syria",
            "outlet": "cnsnews",
            "url": "https://news.example.org/syria",
            "published": "2019-06-19",
        }
    ]
    claims = {(c["kind"], c["value"]): c for c in detail["claims"]}
    assert set(claims) == {("fatalities", 22), ("fatalities", 50), ("injuries", 12)}
    assert claims[("fatalities", 22)] == {
        "kind": "fatalities",
        "value": 22,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "according_to": "PMF",
        "text": "22",
        "article_id": "art-syria",
        "span_start": 40,
        "span_end": 42,
    }
    assert claims[("fatalities", 50)]["qualifier"] == "more than"
    assert claims[("fatalities", 50)]["article_id"] == "art-syria"  # the event's article when unsaid


def test_serve_api_article_gives_text_and_its_events(api: httpx.Client) -> None:
    article = ok(api.get("/api/articles/art-syria"), models.ArticleView)
    assert article == {
        "id": "art-syria",
        "title": "Headline syria",
        "outlet": "cnsnews",
        "url": "https://news.example.org/syria",
        "published": "2019-06-19",
        "language": "en",
        "text": "Text of syria.",
        "event_ids": ["ev-airstrike", "ev-threat"],
    }


def test_serve_api_hostile_article_text_comes_back_verbatim_as_a_json_string(api: httpx.Client) -> None:
    response = api.get("/api/articles/art-hostile")
    article = ok(response, models.ArticleView)
    assert response.headers["content-type"] == "application/json"
    assert article["text"] == HOSTILE_TEXT
    assert article["title"] == "<b>Headline</b>" and article["url"] == "https://evil.example/<script>"
    assert b"<script>" in response.content  # data in a JSON string, not escaped into HTML entities
    detail = ok(api.get("/api/events/ev-hostile"), models.EventDetail)
    [claim] = detail["claims"]
    assert claim["according_to"] == "<i>police</i>"
    assert article["text"][claim["span_start"] : claim["span_end"]] == claim["text"]


def test_serve_api_summary_counts_the_filtered_events(api: httpx.Client) -> None:
    summary = ok(api.get("/api/summary"), models.Summary)
    assert summary == {
        "total": 8,
        "by_type": {"ASSAULT": 4, "PROTEST": 2, "ACCUSE": 1, "THREATEN": 1},
        "by_country": {"IQ": 2, "FJ": 1, "KE": 1, "NG": 1, "SY": 1},
        "by_day": [
            {"date": "2019-06-10", "count": 1},
            {"date": "2019-06-14", "count": 1},
            {"date": "2019-06-15", "count": 1},
            {"date": "2019-06-16", "count": 1},
            {"date": "2019-06-17", "count": 1},
            {"date": "2019-06-18", "count": 1},
        ],
        "fatalities": 22 + 8 + 3 + 4,
        "date_range": ["2019-06-10", "2019-06-19"],
    }
    iraq = ok(api.get("/api/summary", params={"country": "IQ"}), models.Summary)
    assert iraq["total"] == 2 and iraq["by_type"] == {"ASSAULT": 1, "THREATEN": 1} and iraq["fatalities"] == 3
    nothing = ok(api.get("/api/summary", params={"country": "FJ", "type": "ASSAULT"}), models.Summary)
    assert nothing == {
        "total": 0,
        "by_type": {},
        "by_country": {},
        "by_day": [],
        "fatalities": 0,
        "date_range": [None, None],
    }


def test_serve_api_actors_by_events_and_search(api: httpx.Client) -> None:
    everyone = ok(api.get("/api/actors"), models.ActorList)["items"]
    counts = [actor["events"] for actor in everyone]
    assert counts == sorted(counts, reverse=True)
    assert everyone[0] == {"name": "Kata'ib Hezbollah", "actor_id": "kataib-hezbollah", "events": 2}
    found = ok(api.get("/api/actors", params={"q": "HEZBOLLAH"}), models.ActorList)["items"]
    assert found == [{"name": "Kata'ib Hezbollah", "actor_id": "kataib-hezbollah", "events": 2}]
    assert len(ok(api.get("/api/actors", params={"limit": 2}), models.ActorList)["items"]) == 2
    assert ok(api.get("/api/actors", params={"q": "nobody at all"}), models.ActorList)["items"] == []


def test_serve_api_places_by_events_and_search(api: httpx.Client) -> None:
    found = ok(api.get("/api/places", params={"q": "suva"}), models.PlaceList)["items"]
    assert found == [
        {"name": "Suva", "country_code": "FJ", "admin1": "Central", "lat": -18.14, "lon": 178.44, "events": 1}
    ]
    names = [place["name"] for place in ok(api.get("/api/places"), models.PlaceList)["items"]]
    assert sorted(names) == ["Albu Kamal", "Iraq", "Konduga", "Mosul", "Nairobi", "Suva"]
    assert len(ok(api.get("/api/places", params={"limit": 1}), models.PlaceList)["items"]) == 1


def test_serve_api_health_counts_the_store(api: httpx.Client) -> None:
    health = ok(api.get("/api/health"), models.Health)
    assert health == {"status": "ok", "events": 8, "articles": 5, "schema_version": SCHEMA_VERSION}


# On the demo corpus, through the real pipeline and a server that owns the writer.


def test_serve_api_pages_tile_the_full_list_without_overlap(demo: httpx.Client) -> None:
    full = ids(demo)
    assert len(full) > 20
    for sort in ("date", "-date", "fatalities", "-fatalities"):
        everything = ids(demo, sort=sort)
        paged: list[str] = []
        for offset in range(0, len(everything) + 7, 7):
            page = ok(
                demo.get("/api/events", params={"limit": 7, "offset": offset, "sort": sort}), models.EventPage
            )
            assert page["total"] == len(full) and page["limit"] == 7 and page["offset"] == offset
            paged += [item["id"] for item in page["items"]]
        assert paged == everything and sorted(everything) == sorted(full)
    counted = ok(demo.get("/api/events", params={"limit": 0}), models.EventPage)
    assert counted["items"] == [] and counted["total"] == len(full)


def _key(item: dict[str, Any], sort: str) -> Any:
    return item["date"]["start"] if "date" in sort else item["fatalities"]["best"]


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities"])
def test_serve_api_sort_orders_by_the_key_with_missing_values_last(demo: httpx.Client, sort: str) -> None:
    items = ok(demo.get("/api/events", params={"limit": 1000, "sort": sort}), models.EventPage)["items"]
    keys = [_key(item, sort) for item in items]
    present = [key for key in keys if key is not None]
    assert len(present) >= 2
    assert keys == present + [None] * (len(keys) - len(present))
    assert present == sorted(present, reverse=sort.startswith("-"))


def test_serve_api_demo_answers_agree_with_each_other(demo: httpx.Client) -> None:
    page = ok(demo.get("/api/events", params={"limit": 1000}), models.EventPage)
    summary = ok(demo.get("/api/summary"), models.Summary)
    health = ok(demo.get("/api/health"), models.Health)
    assert summary["total"] == page["total"] == health["events"] == sum(summary["by_type"].values())
    assert health["articles"] == 15
    occurred = sum(i["fatalities"]["best"] or 0 for i in page["items"] if i["status"] == "occurred")
    assert summary["fatalities"] == occurred
    for item in page["items"]:
        detail = ok(demo.get(f"/api/events/{item['id']}"), models.EventDetail)
        assert detail["event"]["id"] == item["id"] and len(detail["reports"]) == item["n_reports"] >= 1
        texts = {}
        for report in detail["reports"]:
            article = ok(demo.get(f"/api/articles/{report['article_id']}"), models.ArticleView)
            assert item["id"] in article["event_ids"]
            texts[article["id"]] = article["text"]
        for claim in detail["claims"]:
            text = texts[claim["article_id"]]
            assert 0 <= claim["span_start"] < claim["span_end"] <= len(text)


def test_serve_api_demo_filters_narrow_consistently(demo: httpx.Client) -> None:
    summary = ok(demo.get("/api/summary"), models.Summary)
    for code, count in summary["by_country"].items():
        assert len(ids(demo, country=code)) == count
    for event_type, count in summary["by_type"].items():
        assert len(ids(demo, type=event_type)) == count
    nigeria = ok(demo.get("/api/summary", params={"country": "NG"}), models.Summary)
    assert set(nigeria["by_country"]) == {"NG"}
