"""EventStore: round-trip, idempotency, filters, atomic writes, read-only opening."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eventwire.errors import StoreError
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
from eventwire.store import EventStore
from eventwire.store import eventstore as eventstore_module


def make_article(key: str, text: str = "Gunmen attacked a checkpoint near the town on Tuesday.") -> Article:
    return Article(
        id=f"art-{key}",
        url=f"https://news.example.org/{key}",
        outlet="example",
        title=f"Headline {key}",
        published=dt.date(2021, 3, 4),
        text=text,
        removed_boilerplate=["Share this story", "Related:"],
    )


def make_event(
    article: Article,
    n: int,
    *,
    type: str = "ASSAULT",
    start: dt.date | None = dt.date(2021, 3, 2),
    end: dt.date | None = None,
    country_code: str | None = "ML",
    country: str | None = "Mali",
    lat: float | None = 14.49,
    lon: float | None = -4.19,
) -> Event:
    sentence = article.text
    location = (
        Location(text="Mopti", name="Mopti", lat=lat, lon=lon, country=country, country_code=country_code)
        if country_code or lat is not None
        else None
    )
    return Event.model_validate(
        {
            "id": f"{article.id}-ev{n}",
            "type": type,
            "mode": "firearms",
            "status": "occurred",
            "date": EventDate(start=start, end=end or start, precision="day" if start else "unknown"),
            "location": location,
            "actors": [
                EventActor(role="source", name="Unidentified gunmen", status="unknown"),
                EventActor(role="target", name="Malian Armed Forces", id="mil-ml", according_to="the army"),
            ],
            "fatalities": Figures(
                best=4,
                low=4,
                high=6,
                claims=[
                    FigureClaim(value=4, text="four soldiers", span=(10, 23), according_to="the army"),
                    FigureClaim(value=6, qualifier="up to", text="up to six", span=(30, 39)),
                ],
            ),
            "injuries": Figures(best=2, claims=[FigureClaim(value=2, text="two", span=(40, 43))]),
            "evidence": [Evidence(article_id=article.id, sentence=sentence, start=0, end=len(sentence))],
            "reports": [Report(article_id=article.id, outlet=article.outlet, url=article.url)],
            "confidence": 0.7,
        }
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def test_store_round_trip_returns_equal_records(db_path: Path) -> None:
    article = make_article("a")
    events = [make_event(article, 1), make_event(article, 2, type="PROTEST", start=dt.date(2021, 3, 3))]
    with EventStore.open(db_path) as store:
        assert store.add(article, events) is True
        assert store.events() == events
        assert store.articles() == [article]
        assert store.has_article(article.id)
        assert not store.has_article("art-missing")
        assert store.counts() == {"articles": 1, "events": 2, "claims": 6}


def test_store_constructor_opens_nothing(db_path: Path) -> None:
    store = EventStore(db_path)
    assert not db_path.exists()
    with store:
        assert db_path.exists()


def test_store_add_twice_is_idempotent(db_path: Path) -> None:
    article = make_article("a")
    events = [make_event(article, 1)]
    with EventStore.open(db_path) as store:
        assert store.add(article, events) is True
        assert store.add(article, events) is False
        assert store.counts() == {"articles": 1, "events": 1, "claims": 3}
        assert store.events() == events
    with EventStore.open(db_path) as store:  # and across processes / re-opens
        assert store.add(article, events) is False
        assert store.counts()["articles"] == 1


def test_store_merged_event_id_is_not_duplicated(db_path: Path) -> None:
    first, second = make_article("a"), make_article("b")
    shared = make_event(first, 1)
    with EventStore.open(db_path) as store:
        store.add(first, [shared])
        store.add(second, [shared])
        # one event; each article's report keeps its own three claims (store/merge_record.py)
        assert store.counts() == {"articles": 2, "events": 1, "claims": 6}


@pytest.fixture
def filled(db_path: Path) -> Path:
    a, b, c = make_article("a"), make_article("b"), make_article("c")
    with EventStore.open(db_path) as store:
        store.add(a, [make_event(a, 1, start=dt.date(2021, 3, 2))])
        store.add(
            b,
            [
                make_event(
                    b, 1, type="PROTEST", start=dt.date(2021, 5, 1), country_code="SY", country="Syria"
                ),
                make_event(b, 2, type="THREATEN", start=None, country_code=None, country=None, lat=None),
            ],
        )
        store.add(c, [make_event(c, 1, start=dt.date(2020, 12, 30), end=dt.date(2021, 1, 2))])
    return db_path


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["art-c-ev1", "art-a-ev1", "art-b-ev1", "art-b-ev2"]),
        ({"country": "SY"}, ["art-b-ev1"]),
        ({"country": "sy"}, ["art-b-ev1"]),
        ({"country": "Syria"}, ["art-b-ev1"]),
        ({"country": "SYR"}, ["art-b-ev1"]),
        ({"country": "Mali"}, ["art-c-ev1", "art-a-ev1"]),
        ({"type": "protest"}, ["art-b-ev1"]),
        ({"type": "THREATEN"}, ["art-b-ev2"]),
        ({"since": dt.date(2021, 1, 1)}, ["art-c-ev1", "art-a-ev1", "art-b-ev1"]),
        ({"until": dt.date(2021, 3, 31)}, ["art-c-ev1", "art-a-ev1"]),
        ({"since": dt.date(2021, 3, 1), "until": dt.date(2021, 3, 31)}, ["art-a-ev1"]),
        ({"limit": 2}, ["art-c-ev1", "art-a-ev1"]),
        ({"country": "Mali", "type": "ASSAULT", "limit": 1}, ["art-c-ev1"]),
        ({"country": "Atlantis"}, []),
    ],
)
def test_store_events_filters(filled: Path, filters: dict[str, object], expected: list[str]) -> None:
    with EventStore.open(filled, read_only=True) as store:
        assert [event.id for event in store.events(**filters)] == expected  # type: ignore[arg-type]


def test_store_failure_mid_add_writes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = make_article("a")
    events = [make_event(article, 1), make_event(article, 2)]
    calls = {"n": 0}
    real = eventstore_module.rows.actor_rows

    def explode_on_second(event: Event) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(event)

    monkeypatch.setattr(eventstore_module.rows, "actor_rows", explode_on_second)
    with EventStore.open(db_path) as store:
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.add(article, events)
        assert store.counts() == {"articles": 0, "events": 0, "claims": 0}
        assert not store.has_article(article.id)
        monkeypatch.setattr(eventstore_module.rows, "actor_rows", real)
        assert store.add(article, events) is True  # the store is still usable
        assert store.counts()["events"] == 2


_KILLER = """
import os, sys, datetime as dt
sys.path[:0] = [{tests!r}]
from test_store_eventstore import make_article, make_event
from eventwire.store import EventStore, eventstore
article = make_article("k")
real = eventstore.rows.claim_rows
def die(event, article_id):
    rows = real(event, article_id)
    if event.id.endswith("ev2"):
        os._exit(9)  # a killed process: no rollback, no close
    return rows
eventstore.rows.claim_rows = die
store = EventStore.open({db!r})
store.add(article, [make_event(article, 1), make_event(article, 2)])
"""


@pytest.mark.slow
def test_store_killed_process_leaves_no_half_article(db_path: Path) -> None:
    with EventStore.open(db_path) as store:
        store.add(make_article("before"), [])
    script = _KILLER.format(tests=str(Path(__file__).parent), db=str(db_path))
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode()
    with EventStore.open(db_path) as store:
        assert store.counts() == {"articles": 1, "events": 0, "claims": 0}
        assert not store.has_article("art-k")


def test_store_read_only_open_reads_and_refuses_writes(filled: Path) -> None:
    with EventStore.open(filled, read_only=True) as reader:
        assert reader.counts()["articles"] == 3
        with pytest.raises(StoreError, match="read-only"):
            reader.add(make_article("z"), [])
    # two readers side by side are fine while no one writes
    first = EventStore.open(filled, read_only=True)
    second = EventStore.open(filled, read_only=True)
    assert first.counts() == second.counts()
    first.close()
    second.close()


def test_store_read_only_missing_file_is_e041(tmp_path: Path) -> None:
    missing = tmp_path / "nope.duckdb"
    with pytest.raises(StoreError, match=r"\[E041\].*eventwire ingest"):
        EventStore.open(missing, read_only=True)
    assert not missing.exists()


def test_store_unwritable_path_is_e040(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\[E040\]"):
        EventStore.open(tmp_path / "no-such-dir" / "events.duckdb")


def test_store_foreign_database_is_e040(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="no eventwire tables"):
        EventStore.open(path, read_only=True)


def test_store_second_writer_process_gets_e048_naming_the_holder(filled: Path) -> None:
    import os

    holder = EventStore.open(filled)
    try:
        code = (
            "import sys\nfrom eventwire.store import EventStore\nfrom eventwire.errors import StoreError\n"
            f"try:\n    EventStore.open({str(filled)!r}, wait=0.3)\n"
            "except StoreError as e:\n    print(e); sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert done.returncode == 3, done.stderr
        assert "[E048]" in done.stdout and f"PID {os.getpid()}" in done.stdout and "--wait" in done.stdout
    finally:
        holder.close()


def test_store_write_open_refuses_a_foreign_database(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"\[E040\].*other tables"):
        EventStore.open(path)
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    con.close()
    assert tables == [("t",)]  # nothing of ours was added to someone else's file


def test_store_schema_version_is_recorded(db_path: Path) -> None:
    import duckdb

    from eventwire.store import SCHEMA_VERSION
    from eventwire.store.schema import MIGRATIONS

    EventStore.open(db_path).close()
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    con.close()
    assert [number for number, _ in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def _v1_file(path: Path, article: Article, events: list[Event]) -> None:
    """A store as eventwire wrote it at schema version 1, built with the v1 DDL kept in MIGRATIONS."""
    import duckdb

    from eventwire.store import rows
    from eventwire.store.schema import MIGRATIONS

    number, ddl = MIGRATIONS[0]
    assert number == 1
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)")
    con.execute(ddl)
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute(
        f"INSERT INTO articles ({', '.join(rows.ARTICLE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows.article_row(article),
    )
    for event in events:
        con.execute(
            f"INSERT INTO events VALUES ({', '.join('?' for _ in rows.EVENT_COLUMNS)})",
            rows.event_row(event, article.id),
        )
        con.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.claim_rows(event, article.id)
        )
    con.close()


def test_store_opening_a_version_1_file_migrates_it(db_path: Path) -> None:
    import duckdb

    from eventwire.store import SCHEMA_VERSION

    old = make_article("old")
    old_events = [make_event(old, 1), make_event(old, 2)]
    _v1_file(db_path, old, old_events)
    with EventStore.open(db_path, read_only=True) as reader:  # a reader opens it as it is
        assert reader.events() == old_events
    with EventStore.open(db_path) as store:  # a writer upgrades it
        assert store.events() == old_events
        assert store.add(old, old_events) is False  # still idempotent across the upgrade
        new = make_article("new")
        # another type: an identical ASSAULT would merge with the old one (tests/test_store_merge.py)
        assert store.add(new, [make_event(new, 1, type="PROTEST")]) is True
    con = duckdb.connect(str(db_path), read_only=True)
    versions = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    reports = con.execute("SELECT event_id, article_id FROM reports ORDER BY 1").fetchall()
    con.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    # the v1 events got their report back from events.article_id; the new one was written with it
    assert reports == [("art-new-ev1", "art-new"), ("art-old-ev1", "art-old"), ("art-old-ev2", "art-old")]


@pytest.mark.parametrize("read_only", [False, True])
def test_store_file_from_a_newer_version_is_e049(db_path: Path, read_only: bool) -> None:
    import duckdb

    from eventwire.store import SCHEMA_VERSION

    EventStore.open(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match=rf"\[E049\].*version {SCHEMA_VERSION + 1}.*Upgrade eventwire"):
        EventStore.open(db_path, read_only=read_only)
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION + 1,)
    con.close()


def test_store_reports_list_every_article_of_a_merged_event(db_path: Path) -> None:
    import duckdb

    first, second = make_article("a"), make_article("b")
    shared = make_event(first, 1)
    with EventStore.open(db_path) as store:
        store.add(first, [shared, make_event(first, 2)])
        store.add(second, [shared])
    con = duckdb.connect(str(db_path), read_only=True)
    reports = con.execute("SELECT article_id, event_id FROM reports ORDER BY 1, 2").fetchall()
    con.close()
    assert reports == [("art-a", "art-a-ev1"), ("art-a", "art-a-ev2"), ("art-b", "art-a-ev1")]
