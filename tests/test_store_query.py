"""EventQuery: the filter language of `eventwire events`, `eventwire export` and the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.store import EventStore
from eventwire.store.query import EventQuery, parse_bbox
from tests.export_fixtures import build_store

ALL_IN_ORDER = [
    "ev-battle",
    "ev-protest",
    "ev-suva",
    "ev-airstrike",
    "ev-bombing",
    "ev-threat",
    "ev-accusation",
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("query") / "events.duckdb")


def ids(store_path: Path, query: EventQuery) -> list[str]:
    with EventStore.open(store_path, read_only=True) as store:
        return [event.id for event in store.events(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(), ALL_IN_ORDER),
        # country: ISO2, ISO3, name, any case
        (EventQuery(country="SY"), ["ev-airstrike"]),
        (EventQuery(country="irq"), ["ev-battle", "ev-threat"]),
        (EventQuery(country="Nigeria"), ["ev-bombing"]),
        (EventQuery(country="Atlantis"), []),
        # admin1: case and accents ignored
        (EventQuery(admin1="deir ez-zor"), ["ev-airstrike"]),
        (EventQuery(admin1="Bornó"), ["ev-bombing"]),
        # type: PLOVER, or ACLED event / sub-event type
        (EventQuery(type="protest"), ["ev-protest", "ev-suva"]),
        (EventQuery(type="Explosions/Remote violence"), ["ev-airstrike", "ev-bombing"]),
        (EventQuery(type="air/drone strike"), ["ev-airstrike"]),
        (EventQuery(type="Battles"), ["ev-battle"]),
        # date range: the event's range overlaps the window; undated events drop out
        (EventQuery(since=dt.date(2019, 6, 16)), ["ev-airstrike", "ev-bombing", "ev-threat"]),
        (EventQuery(until=dt.date(2019, 6, 14)), ["ev-battle", "ev-protest"]),
        (EventQuery(since=dt.date(2019, 6, 19), until=dt.date(2019, 6, 30)), ["ev-bombing", "ev-threat"]),
        # bounding box (min_lon, min_lat, max_lon, max_lat)
        (EventQuery(bbox=(35.0, 30.0, 45.0, 38.0)), ["ev-battle", "ev-airstrike", "ev-threat"]),
        (EventQuery(bbox=(40.0, 34.0, 41.0, 35.0)), ["ev-airstrike"]),
        (EventQuery(bbox=(170.0, -20.0, -170.0, -10.0)), ["ev-suva"]),  # across the antimeridian
        # fatalities: the conservative best figure
        (EventQuery(min_fatalities=8), ["ev-airstrike", "ev-bombing"]),
        (EventQuery(min_fatalities=0), ["ev-battle", "ev-airstrike", "ev-bombing"]),
        # text: every word in the evidence sentences, case and accents ignored
        (EventQuery(text="ROADSIDE bomb"), ["ev-bombing"]),
        (EventQuery(text="cafe"), ["ev-accusation"]),
        (EventQuery(text="bomb Nairobi"), []),
        # limit, and filters combined
        (EventQuery(limit=2), ["ev-battle", "ev-protest"]),
        (EventQuery(limit=0), []),
        (EventQuery(type="ASSAULT", country="IQ", min_fatalities=1), ["ev-battle"]),
    ],
)
def test_store_query_filters(store_path: Path, query: EventQuery, expected: list[str]) -> None:
    assert ids(store_path, query) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PMF", ["ev-airstrike"]),  # an acronym the knowledge base knows
        ("Hashd al-Shaabi", ["ev-airstrike"]),  # another name of the same actor
        ("Kataib Hizballah", ["ev-airstrike", "ev-threat"]),  # a spelling variant; assoc roles count
        ("ISWAP", ["ev-bombing"]),
        ("US-led coalition", ["ev-airstrike"]),  # any perpetrator status, denied included
        ("northern command", ["ev-accusation"]),  # a provisional actor, by its stored name
        ("Protesters (Fiji)", ["ev-suva"]),  # a generic actor's display name
        ("Nobody Brigade", []),
    ],
)
def test_store_query_actor_resolves_through_knowledge_base(
    store_path: Path, name: str, expected: list[str]
) -> None:
    assert ids(store_path, EventQuery(actor=name)) == expected


def test_store_query_actor_resolver_is_injectable() -> None:
    where, params = EventQuery(actor="the Hashd").where(resolve_actor=lambda name: ["iq-pmf"])
    assert "event_actors" in where and params == ["the Hashd", "iq-pmf"]


def test_store_query_empty_is_true() -> None:
    assert EventQuery().where() == ("TRUE", [])
    assert EventQuery().is_empty() and not EventQuery(limit=3).is_empty()


def test_store_events_keywords_still_work(store_path: Path) -> None:
    with EventStore.open(store_path, read_only=True) as store:
        by_keywords = store.events(country="IQ", type="assault", since=dt.date(2019, 6, 1), limit=5)
        assert [e.id for e in by_keywords] == ["ev-battle"]
        assert store.events(EventQuery(country="IQ", type="ASSAULT")) == by_keywords
        with pytest.raises(TypeError):
            store.events(EventQuery(country="IQ"), type="ASSAULT")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: EventQuery(type="ASSUALT"), "[E044]"),
        (lambda: EventQuery(bbox=(0.0, 10.0, 5.0, 5.0)), "[E045]"),  # min_lat above max_lat
        (lambda: EventQuery(bbox=(-200.0, 0.0, 5.0, 5.0)), "[E045]"),
        (lambda: EventQuery(since=dt.date(2020, 1, 2), until=dt.date(2020, 1, 1)), "[E045]"),
        (lambda: EventQuery(min_fatalities=-1), "[E045]"),
        (lambda: parse_bbox("1,2,3"), "[E045]"),
        (lambda: parse_bbox("a,b,c,d"), "[E045]"),
    ],
)
def test_store_query_bad_filters_name_the_fix(make: object, code: str) -> None:
    with pytest.raises(UsageError) as raised:
        make()  # type: ignore[operator]
    assert str(raised.value).startswith(code)


def test_store_query_parse_bbox() -> None:
    assert parse_bbox("35,30,45.5,38") == (35.0, 30.0, 45.5, 38.0)
    assert parse_bbox(" -10.5, -5 ,10,5") == (-10.5, -5.0, 10.0, 5.0)
