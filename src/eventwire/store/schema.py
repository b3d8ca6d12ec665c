"""The DuckDB schema of an event store and the migrations that bring old files up to date.

One file holds everything. `record` keeps the full Event as JSON so every field round-trips; the
flat columns beside it exist for filtering and for SQL users (`duckdb events.db`), and the
`claims` and `event_actors` tables let analysts query who said what without unpacking JSON.

Versions: 1 is the first schema; 2 adds `reports`, one row per (event, article that reported it),
because a merged event's row names only the last article written and an article's events must be
countable after a crash (every article stored with all its events, or not at all). 3 merges reports
of one event across articles (store/merge.py): `report_events` keeps each article's own events
(*reports*) whole, with the columns the merge compares, and `report_links` the pair decisions
with their criteria (`eventwire explain`); `events` and its tables then hold merged events. 4 adds
what `eventwire watch` remembers between polls (fetch/state.py): `watch_items`, each feed item
handled and how, and `watch_feeds`, each feed's ETag and Last-Modified for conditional requests.
Migrations only add tables and columns, so a reader can open an older file as it is; a writer
upgrades it on open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 4

_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR,
    removed_boilerplate JSON,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    type VARCHAR,
    mode VARCHAR,
    status VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    country_code VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    location_name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    fatalities_best INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    injuries_best INTEGER,
    confidence DOUBLE,
    record JSON
);
CREATE TABLE IF NOT EXISTS claims (
    event_id VARCHAR,
    article_id VARCHAR,
    kind VARCHAR,
    value INTEGER,
    low INTEGER,
    high INTEGER,
    qualifier VARCHAR,
    according_to VARCHAR,
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR,
    role VARCHAR,
    name VARCHAR,
    actor_id VARCHAR,
    status VARCHAR,
    according_to VARCHAR
);
"""

# The v1 files had no reports table; each event row's article_id is the one report they knew of.
_V2 = """
CREATE TABLE IF NOT EXISTS reports (
    event_id VARCHAR,
    article_id VARCHAR,
    PRIMARY KEY (event_id, article_id)
);
INSERT OR IGNORE INTO reports SELECT id, article_id FROM events WHERE article_id IS NOT NULL;
"""

_V3 = """
CREATE TABLE IF NOT EXISTS report_events (
    key VARCHAR PRIMARY KEY,
    id VARCHAR,
    article_id VARCHAR,
    event_id VARCHAR,
    type VARCHAR,
    status VARCHAR,
    country_code VARCHAR,
    window_start DATE,
    window_end DATE,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    published DATE,
    lat DOUBLE,
    lon DOUBLE,
    where_prec INTEGER,
    sources VARCHAR[],
    actors VARCHAR[],
    words VARCHAR[],
    record JSON
);
CREATE TABLE IF NOT EXISTS report_links (
    key_a VARCHAR,
    key_b VARCHAR,
    score DOUBLE,
    same BOOLEAN,
    forced BOOLEAN,
    criteria JSON,
    PRIMARY KEY (key_a, key_b)
);
"""


def _v3(con: Any) -> None:
    # Imported here: the merge code reads records and config, which a plain schema check never needs.
    from eventwire.store.merge import backfill

    con.execute(_V3)
    backfill(con)


_V4 = """
CREATE TABLE IF NOT EXISTS watch_items (
    feed VARCHAR,
    item_key VARCHAR,
    outcome VARCHAR,
    article_id VARCHAR,
    attempts INTEGER DEFAULT 0,
    last_error VARCHAR,
    updated_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (feed, item_key)
);
CREATE TABLE IF NOT EXISTS watch_feeds (
    feed VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    updated_at TIMESTAMP DEFAULT current_timestamp
);
"""

# (version, DDL or a function of the connection) in order. A later schema appends here and bumps
# SCHEMA_VERSION; `migrate` applies whatever a file is missing, in one transaction.
MIGRATIONS: list[tuple[int, str | Callable[[Any], None]]] = [(1, _V1), (2, _V2), (3, _v3), (4, _V4)]


def current_version(con: Any) -> int | None:
    """The schema version of an open database, or None when it holds no eventwire schema."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not found or not found[0]:
        return None
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def has_tables(con: Any) -> bool:
    """Whether the database holds any table at all (a foreign file must not get ours added)."""
    row = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
    return bool(row and row[0])


def migrate(con: Any) -> int:
    """Bring a write-open database to SCHEMA_VERSION; returns the version it ends at."""
    version = current_version(con) or 0
    pending = [(number, ddl) for number, ddl in MIGRATIONS if number > version]
    if not pending:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        for number, ddl in pending:
            if callable(ddl):
                ddl(con)
            else:
                con.execute(ddl)
            con.execute("INSERT INTO schema_version VALUES (?)", [number])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return pending[-1][0]
