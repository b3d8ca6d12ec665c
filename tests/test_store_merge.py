"""Reports of one event across articles become one stored event (store/merge*.py).

Specification: two articles about the same attack give one event that keeps both articles' claims
and recomputes best/low/high over them; another day, another town, another type, or the same
article keep reports apart; the result does not depend on the order articles are stored in;
re-ingesting changes nothing; a schema-2 file upgrades to 3 with its events as they were.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.record import (
    Article,
    Event,
    EventActor,
    EventDate,
    Evidence,
    FigureClaim,
    Figures,
    Location,
    Report,
)
from eventwire.store import SCHEMA_VERSION, EventStore

AD_DALI = {"name": "Ad Dali", "lat": 13.6957, "lon": 44.7314, "country_code": "YE", "ucdp_where_prec": 1}
LAHIJ = {"name": "Lahij", "lat": 13.0582, "lon": 44.8838, "country_code": "YE", "ucdp_where_prec": 1}


def article(key: str, published: dt.date = dt.date(2024, 3, 14)) -> Article:
    return Article(
        id=f"art-{key}", outlet=f"Outlet {key}", title=f"Drone strike ({key})", published=published, text="x"
    )


def report(
    source: Article,
    n: int = 1,
    *,
    type: str = "ASSAULT",
    day: dt.date | None = dt.date(2024, 3, 12),
    place: dict[str, Any] | None = None,
    killed: list[tuple[int, str]] = ((4, "the STC"),),  # type: ignore[assignment]
    sentence: str = "A Houthi drone struck a camp of the Southern Transitional Council near Ad Dali.",
    perpetrator: tuple[str, str] = ("houthis", "Houthis"),
) -> Event:
    claims = [
        FigureClaim(
            value=value,
            text=f"{value} killed",
            span=(10 * i, 10 * i + 8),
            according_to=speaker,
            article_id=source.id,
        )
        for i, (value, speaker) in enumerate(killed)
    ]
    return Event(
        id=f"ev-{source.id}-{n}",
        type=type,  # type: ignore[arg-type]
        mode="drone",
        date=EventDate(start=day, end=day, precision="day" if day else "unknown"),
        location=Location(**(place or AD_DALI)),
        actors=[
            EventActor(role="source", id=perpetrator[0], name=perpetrator[1], status="claimed"),
            EventActor(role="target", id="ye-stc", name="Southern Transitional Council"),
        ],
        fatalities=Figures(best=min(v for v, _ in killed), claims=claims) if killed else None,
        evidence=[Evidence(article_id=source.id, sentence=sentence, start=0, end=len(sentence))],
        reports=[Report(article_id=source.id, outlet=source.outlet, published=source.published)],
        confidence=0.8,
    )


def store_all(path: Path, items: list[tuple[Article, list[Event]]], *, batch: int = 1) -> None:
    with EventStore.open(path) as store:
        for start in range(0, len(items), batch):
            store.add_many(items[start : start + batch])


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("events", "reports", "claims", "event_actors", "report_links")
        }
    finally:
        con.close()


def test_store_merge_two_reports_with_different_tolls_keep_both_claims(tmp_path: Path) -> None:
    first, second = article("a"), article("b", dt.date(2024, 3, 16))
    items = [
        (first, [report(first, killed=[(4, "the STC")])]),
        (
            second,
            [
                report(
                    second,
                    killed=[(7, "a medic")],
                    sentence="The toll from the drone strike near Ad Dali rose to seven.",
                )
            ],
        ),
    ]
    store_all(tmp_path / "e.duckdb", items)
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        (event,) = store.events()
    assert event.fatalities is not None
    assert [(c.value, c.according_to, c.article_id) for c in event.fatalities.claims] == [
        (4, "the STC", "art-a"),
        (7, "a medic", "art-b"),
    ]
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (4, 4, 7)
    assert [r.article_id for r in event.reports] == ["art-a", "art-b"]
    assert {e.article_id for e in event.evidence} == {"art-a", "art-b"}
    assert event.id not in {"ev-art-a-1", "ev-art-b-1"}  # derived from both reports
    rows = dump(tmp_path / "e.duckdb")
    assert sorted(article_id for _, article_id in rows["reports"]) == ["art-a", "art-b"]
    assert len(rows["claims"]) == 2


def test_store_merge_a_later_articles_updated_toll_supersedes_earlier_articles(tmp_path: Path) -> None:
    first, second = article("a"), article("b", dt.date(2024, 3, 16))
    update = report(second, killed=[(7, "a medic")])
    assert update.fatalities is not None
    update.fatalities.claims[0] = update.fatalities.claims[0].model_copy(
        update={"text": "the toll rose to seven"}
    )
    store_all(tmp_path / "e.duckdb", [(second, [update]), (first, [report(first, killed=[(4, "the STC")])])])
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        (event,) = store.events()
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.low, event.fatalities.high) == (7, 7, 7)
    assert len(event.fatalities.claims) == 2  # the superseded claim is kept, as a claim


@pytest.mark.parametrize(
    "other",
    [
        pytest.param({"day": dt.date(2024, 3, 25)}, id="another day"),
        pytest.param({"place": LAHIJ}, id="another town 70 km away"),
        pytest.param({"type": "PROTEST"}, id="another type"),
        pytest.param({"perpetrator": ("al-qaeda-ap", "AQAP")}, id="another perpetrator"),
    ],
)
def test_store_merge_keeps_different_events_apart(tmp_path: Path, other: dict[str, Any]) -> None:
    first, second = article("a"), article("b")
    store_all(tmp_path / "e.duckdb", [(first, [report(first)]), (second, [report(second, **other)])])
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        assert sorted(e.id for e in store.events()) == ["ev-art-a-1", "ev-art-b-1"]


def test_store_merge_never_joins_two_reports_of_one_article(tmp_path: Path) -> None:
    # b's report matches both of a's; a told them apart, so b joins one of them only.
    a, b = article("a"), article("b")
    store_all(tmp_path / "e.duckdb", [(a, [report(a, 1), report(a, 2)]), (b, [report(b)])])
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        events = store.events()
    assert len(events) == 2
    assert sorted(len(e.reports) for e in events) == [1, 2]


def test_store_merge_single_report_is_stored_unchanged(tmp_path: Path) -> None:
    a = article("a")
    event = report(a)
    store_all(tmp_path / "e.duckdb", [(a, [event])])
    with EventStore.open(tmp_path / "e.duckdb", read_only=True) as store:
        assert store.events() == [event]


def _corpus() -> list[tuple[Article, list[Event]]]:
    a, b, c, d = article("a"), article("b"), article("c", dt.date(2024, 3, 15)), article("d")
    return [
        (a, [report(a, killed=[(4, "the STC")]), report(a, 2, type="THREATEN", killed=[])]),
        (b, [report(b, killed=[(5, "an official")])]),
        (c, [report(c, killed=[(6, "a medic")]), report(c, 2, place=LAHIJ)]),
        (d, [report(d, 1, place=LAHIJ, killed=[(3, "the army")])]),
    ]


def test_store_merge_same_rows_and_ids_whatever_the_order(tmp_path: Path) -> None:
    corpus = _corpus()
    dumps = []
    for n, order in enumerate(itertools.islice(itertools.permutations(corpus), 0, None, 5)):
        path = tmp_path / f"order{n}.duckdb"
        store_all(path, list(order), batch=1 + n % 2)  # one article per commit, or two
        dumps.append(dump(path))
    assert len(dumps) >= 4
    assert all(found == dumps[0] for found in dumps[1:])
    events = {row[0]: row for row in dumps[0]["events"]}
    assert len(events) == 3  # Ad Dali (a, b, c), Lahij (c, d), a's threat


def test_store_merge_reingest_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    store_all(path, _corpus())
    before = dump(path)
    with EventStore.open(path) as store:
        assert store.add_many(_corpus()) == [False] * 4
    assert dump(path) == before


def test_store_merge_schema_2_file_upgrades_with_its_events_intact(tmp_path: Path) -> None:
    from eventwire.store import rows
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    a, b = article("a"), article("b")
    old = [report(a), report(a, 2, type="PROTEST")]
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)")
    for number, ddl in MIGRATIONS[:2]:
        assert isinstance(ddl, str)
        con.execute(ddl)
        con.execute("INSERT INTO schema_version VALUES (?)", [number])
    con.execute(
        f"INSERT INTO articles ({', '.join(rows.ARTICLE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows.article_row(a),
    )
    for event in old:
        con.execute(
            f"INSERT INTO events VALUES ({', '.join('?' for _ in rows.EVENT_COLUMNS)})",
            rows.event_row(event, a.id),
        )
        con.execute("INSERT INTO reports VALUES (?, ?)", [event.id, a.id])
    con.close()

    with EventStore.open(path) as store:  # a writer upgrades it to the current version
        assert store.events() == old
        store.add(b, [report(b, killed=[(6, "a medic")])])
        merged = store.events(type="ASSAULT")
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    assert con.execute("SELECT count(*) FROM report_events").fetchone() == (3,)
    con.close()
    # the old ASSAULT is a report like any other: the new article's report of it merges with it
    (event,) = merged
    assert [r.article_id for r in event.reports] == ["art-a", "art-b"]
    assert event.fatalities is not None and (event.fatalities.best, event.fatalities.high) == (4, 6)
