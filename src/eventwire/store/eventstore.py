"""EventStore: articles and their events in one DuckDB file.

DuckDB allows one writing process per file (DESIGN.md, "store"), so opening fails loudly with a
fix rather than waiting. Each article is written in a single transaction: a process killed
mid-write leaves either the whole article with its events or nothing, and since article ids are
content hashes, re-ingesting the same input is a no-op.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pycountry

from eventwire.errors import Errors, StoreError
from eventwire.record import Article, Event
from eventwire.store import rows
from eventwire.store.schema import SCHEMA_VERSION, current_version, migrate

# Extensions must never be fetched at run time (nothing downloads); json is statically linked.
_CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# Proposed catalogue entries E042/E043 (see the report); the messages already follow their shape.
_READ_ONLY = "[E042] database {path} is open read-only; open it for writing to add articles."
_WRITE_FAILED = "[E043] could not write article {article_id} to {path} ({detail}). Nothing of it was stored."


def _placeholders(columns: Sequence[str]) -> str:
    return ", ".join("?" for _ in columns)


_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(rows.ARTICLE_COLUMNS)}) VALUES ({_placeholders(rows.ARTICLE_COLUMNS)})"
)
# OR REPLACE: a merged event keeps its id across articles; the newest write holds the full record.
_INSERT_EVENT = (
    f"INSERT OR REPLACE INTO events ({', '.join(rows.EVENT_COLUMNS)}) "
    f"VALUES ({_placeholders(rows.EVENT_COLUMNS)})"
)
_INSERT_CLAIM = f"INSERT INTO claims VALUES ({_placeholders(rows.CLAIM_COLUMNS)})"
_INSERT_ACTOR = f"INSERT INTO event_actors VALUES ({_placeholders(rows.ACTOR_COLUMNS)})"


@functools.cache
def _country_code(query: str) -> str | None:
    """ISO2 code for a code or country name ('SY', 'SYR', 'Syria'); None when pycountry has no match."""
    try:
        return str(pycountry.countries.lookup(query.strip()).alpha_2)
    except LookupError:
        return None


class EventStore:
    """A DuckDB event store. The constructor opens nothing; `EventStore.open(...)` or `with` does."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con: Any = None

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> EventStore:
        """Open (and on first write-open create) the store at `path`; raises StoreError with a fix."""
        store = cls(path, read_only=read_only)
        store.connect()
        return store

    def connect(self) -> None:
        if self._con is not None:
            return
        if self.read_only and not self.path.exists():
            raise StoreError(Errors.E041.format(path=self.path))
        try:
            con = duckdb.connect(str(self.path), read_only=self.read_only, config=_CONNECT_CONFIG)
        except duckdb.Error as exc:
            raise StoreError(Errors.E040.format(path=self.path, detail=_first_line(exc))) from exc
        try:
            version = current_version(con) if self.read_only else migrate(con)
        except duckdb.Error as exc:
            con.close()
            raise StoreError(Errors.E040.format(path=self.path, detail=_first_line(exc))) from exc
        if version is None:
            con.close()
            raise StoreError(Errors.E040.format(path=self.path, detail="it holds no eventwire tables"))
        if version > SCHEMA_VERSION:
            con.close()
            detail = (
                f"schema version {version} is newer than this eventwire ({SCHEMA_VERSION}); upgrade eventwire"
            )
            raise StoreError(Errors.E040.format(path=self.path, detail=detail))
        self._con = con

    @property
    def _db(self) -> Any:
        if self._con is None:
            self.connect()
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> EventStore:
        self.connect()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # writing

    def add(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article and its events in one transaction; False (nothing written) if already stored."""
        if self.read_only:
            raise StoreError(_READ_ONLY.format(path=self.path))
        con = self._db
        con.execute("BEGIN TRANSACTION")
        try:
            if self._article_exists(article.id):
                con.execute("ROLLBACK")
                return False
            con.execute(_INSERT_ARTICLE, rows.article_row(article))
            for event in events:
                con.execute("DELETE FROM claims WHERE event_id = ?", [event.id])
                con.execute("DELETE FROM event_actors WHERE event_id = ?", [event.id])
                con.execute(_INSERT_EVENT, rows.event_row(event, article.id))
                claims = rows.claim_rows(event, article.id)
                if claims:
                    con.executemany(_INSERT_CLAIM, claims)
                actors = rows.actor_rows(event)
                if actors:
                    con.executemany(_INSERT_ACTOR, actors)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            message = _WRITE_FAILED.format(article_id=article.id, path=self.path, detail=_first_line(exc))
            raise StoreError(message) from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

    # reading

    def _article_exists(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def has_article(self, article_id: str) -> bool:
        return self._article_exists(article_id)

    def events(
        self,
        *,
        country: str | None = None,
        type: str | None = None,  # mirrors the record field and the CLI flag
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events, ordered by start date (undated last) then id.

        `country` is an ISO2/ISO3 code or a country name. `since`/`until` keep events whose date
        range overlaps the window; undated events are left out when either is given.
        """
        where: list[str] = []
        params: list[Any] = []
        if country:
            code = _country_code(country)
            where.append("(upper(country_code) = ? OR lower(country) = ?)")
            params += [(code or country).upper(), country.strip().lower()]
        if type:
            where.append("type = ?")
            params.append(type.upper())
        if since is not None:
            where.append("coalesce(date_end, date_start) >= ?")
            params.append(since)
        if until is not None:
            where.append("date_start <= ?")
            params.append(until)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date_start NULLS LAST, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(limit, 0))
        return [Event.model_validate_json(record) for (record,) in self._db.execute(sql, params).fetchall()]

    def articles(self) -> list[Article]:
        """Every stored article, in ingest order."""
        sql = f"SELECT {', '.join(rows.ARTICLE_COLUMNS)} FROM articles ORDER BY ingested_at, id"
        return [rows.article_from_row(row) for row in self._db.execute(sql).fetchall()]

    def counts(self) -> dict[str, int]:
        """Row counts: articles, events, claims."""
        result: dict[str, int] = {}
        for table in ("articles", "events", "claims"):
            row = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
