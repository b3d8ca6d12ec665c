"""EventStore: articles and their events in one DuckDB file.

What survives a crash. An article is written in the same transaction as its events, claims, actors
and reports (`add`, or `add_many` for several articles at once), so a process killed at any moment
(SIGKILL included) leaves every article stored whole or not at all. DuckDB appends each commit to a
write-ahead log (`FILE.wal`) and replays it on the next open, read-only opens included: a `.wal`
left beside the file after a kill is expected and harmless, and the lock dies with the process.
Article ids are content hashes and `add` skips an article already stored, so re-running an
interrupted ingest stores what is missing and nothing twice (tests/test_store_kill_resume.py kills a
real `eventwire ingest` again and again).

Readers and the writer. DuckDB lets one process open a file for writing, or any number of
processes open it read-only, never both. The rule here: the process that writes owns the file, for
as long as it runs.
- Inside that process, other threads read through `snapshot()`: a cursor in its own transaction
  that sees the store as of its first query (each article with all its events, or not at all)
  while the writer goes on. This is the arrangement `serve` + `watch` need: the server owns the
  writer, runs the watcher in-process, and answers each request from a snapshot.
- Another process that opens a file held this way (a reader during an ingest, a second ingest)
  retries for `wait` seconds, then gets E048 naming the process that holds it.
The writer does not hand the file back between batches: a reader process that took it then would
hold off the writer for as long as it stayed open, and a server stays open for days.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from eventwire.errors import Errors, StoreError
from eventwire.record import Article, Event
from eventwire.store import rows
from eventwire.store.merge import insert_rows, write_reports
from eventwire.store.merge_explain import Explanation, explain
from eventwire.store.query import EventQuery
from eventwire.store.schema import SCHEMA_VERSION, current_version, has_tables, migrate

# Extensions must never be fetched at run time (nothing downloads); json is statically linked.
_CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# DuckDB's message when another process holds the file: 'Could not set lock on file "F": Conflicting
# lock is held in /usr/bin/python3 (PID 123).' The PID tells the user which process to wait for.
_LOCKED = re.compile(r"Could not set lock on file")
_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
# Retries while the file is held: quick at first (a short write may be ending), then every second.
_FIRST_PAUSE, _MAX_PAUSE = 0.05, 1.0


def _placeholders(columns: Sequence[str]) -> str:
    return ", ".join("?" for _ in columns)


_INSERT_ARTICLE_HEAD = f"INSERT INTO articles ({', '.join(rows.ARTICLE_COLUMNS)}) VALUES "


class EventStore:
    """A DuckDB event store. The constructor opens nothing; `EventStore.open(...)` or `with` does."""

    def __init__(self, path: str | Path, *, read_only: bool = False, wait: float = 0.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.wait = max(wait, 0.0)  # seconds to retry while another process holds the file
        self._con: Any = None

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, wait: float = 0.0) -> EventStore:
        """Open (and on first write-open create or upgrade) the store at `path`.

        Raises StoreError with a fix: E041 no such file (read-only), E048 another process holds it
        (after retrying for `wait` seconds), E049 written by a newer eventwire, E040 anything else.
        """
        store = cls(path, read_only=read_only, wait=wait)
        store.connect()
        return store

    def connect(self) -> None:
        if self._con is not None:
            return
        if self.read_only and not self.path.exists():
            raise StoreError(Errors.E041.format(path=self.path))
        con = self._connect_waiting()
        try:
            self._check_schema(con)
        except BaseException:
            con.close()
            raise
        self._con = con

    def _connect_waiting(self) -> Any:
        deadline = time.monotonic() + self.wait
        pause = _FIRST_PAUSE
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only, config=_CONNECT_CONFIG)
            except duckdb.Error as exc:
                holder = _lock_holder(exc)
                if holder is None:
                    raise StoreError(Errors.E040.format(path=self.path, detail=_open_detail(exc))) from exc
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreError(Errors.E048.format(path=self.path, holder=holder)) from exc
                time.sleep(min(pause, left))
                pause = min(pause * 2, _MAX_PAUSE)

    def _check_schema(self, con: Any) -> None:
        """Refuse files that are not ours or are too new; bring older ones up to date on write-open."""
        try:
            version = current_version(con)
            if version is None and (self.read_only or has_tables(con)):
                detail = "it holds no eventwire tables" if self.read_only else "it holds other tables"
                raise StoreError(Errors.E040.format(path=self.path, detail=f"{detail}; use a new file"))
            if version is not None and version > SCHEMA_VERSION:
                raise StoreError(Errors.E049.format(path=self.path, found=version, supported=SCHEMA_VERSION))
            if not self.read_only:
                migrate(con)
        except duckdb.Error as exc:
            raise StoreError(Errors.E040.format(path=self.path, detail=_first_line(exc))) from exc

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

    @contextmanager
    def snapshot(self) -> Iterator[EventStore]:
        """A read-only view of this store for another thread of the process that holds it.

        The view reads through its own cursor in one transaction, so all its queries see the store
        as of the first one: every article with all its events or none of it, whatever the writer
        commits meanwhile. Open one per thread (or per API request); close it to see newer data.
        """
        cursor = self._db.cursor()
        view = EventStore(self.path, read_only=True)
        view._con = cursor
        try:
            cursor.execute("BEGIN TRANSACTION")
            yield view
        finally:
            view._con = None
            try:
                cursor.execute("ROLLBACK")
            finally:
                cursor.close()

    # writing

    def add(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article and its events in one transaction; False (nothing written) if already stored."""
        return self.add_many([(article, events)])[0]

    def add_many(self, items: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store several articles with their events in one transaction; for each, whether it was new.

        The same as `add` for each in turn (an article already stored, or twice in `items`, is
        skipped; its events join the merged events of other articles, store/merge.py), but one
        commit for all: DuckDB spends about
        a millisecond a statement and more a commit, which a fast ingest of small files feels.
        When the batch cannot be written, each article is tried alone, so the error names it.
        """
        if self.read_only:
            raise StoreError(Errors.E042.format(path=self.path))
        con = self._db
        con.execute("BEGIN TRANSACTION")
        try:
            fresh = self._write(items)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            if len(items) > 1:
                return [self.add(article, events) for article, events in items]
            message = Errors.E043.format(article_id=items[0][0].id, path=self.path, detail=_first_line(exc))
            raise StoreError(message) from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return fresh

    def _write(self, items: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        ids = list(dict.fromkeys(article.id for article, _ in items))
        stored = (
            {
                found
                for (found,) in self._db.execute(
                    f"SELECT id FROM articles WHERE id IN ({_placeholders(ids)})", ids
                ).fetchall()
            }
            if ids
            else set()
        )
        fresh: list[bool] = []
        new: list[tuple[Article, Sequence[Event]]] = []
        for article, events in items:
            is_new = article.id not in stored
            fresh.append(is_new)
            if is_new:
                stored.add(article.id)
                new.append((article, events))
        insert_rows(
            self._db, _INSERT_ARTICLE_HEAD, len(rows.ARTICLE_COLUMNS), [rows.article_row(a) for a, _ in new]
        )
        # Reports, their links and every merged event they change: in this same transaction.
        write_reports(self._db, new)
        return fresh

    # reading

    def _article_exists(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def has_article(self, article_id: str) -> bool:
        return self._article_exists(article_id)

    def events(
        self,
        query: EventQuery | None = None,
        *,
        country: str | None = None,
        type: str | None = None,  # mirrors the record field and the CLI flag
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Stored events matching `query` (see EventQuery), ordered by start date (undated last) then id.

        The keyword filters are a shorthand for `EventQuery(country=..., ...)`; give one or the other.
        """
        shorthand = EventQuery(country=country, type=type, since=since, until=until, limit=limit)
        if query is None:
            query = shorthand
        elif not shorthand.is_empty():
            raise TypeError("EventStore.events: pass an EventQuery or keyword filters, not both")
        where, params = query.where()
        sql = f"SELECT record FROM events WHERE {where} ORDER BY date_start NULLS LAST, id"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(max(query.limit, 0))
        return [Event.model_validate_json(record) for (record,) in self._db.execute(sql, params).fetchall()]

    def articles(self) -> list[Article]:
        """Every stored article, in ingest order."""
        sql = f"SELECT {', '.join(rows.ARTICLE_COLUMNS)} FROM articles ORDER BY ingested_at, id"
        return [rows.article_from_row(row) for row in self._db.execute(sql).fetchall()]

    def explain(self, event_id: str) -> Explanation:
        """Why an event is what it is: its reports and the pair decisions that merged them.

        `event_id` may also be the id of a report merged into a larger event; E070 when unknown.
        """
        return explain(self._db, event_id, self.path)

    def counts(self) -> dict[str, int]:
        """Row counts: articles, events, claims."""
        result: dict[str, int] = {}
        for table in ("articles", "events", "claims"):
            row = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one SQL statement on the writer connection and return its rows (RETURNING included):
        for modules that keep their own state in the store's tables (`eventwire watch`)."""
        if self.read_only:
            raise StoreError(Errors.E042.format(path=self.path))
        return [tuple(row) for row in self._db.execute(sql, list(params)).fetchall()]

    def fetch_rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one SQL query over the tables of schema.py, for readers that need paging, counts or
        joins `events()` does not offer (the API, `eventwire serve`). From another thread than the
        writer's, call it on a `snapshot()`."""
        return [tuple(row) for row in self._db.execute(sql, list(params)).fetchall()]


def _lock_holder(exc: BaseException) -> str | None:
    """'PID 123, /usr/bin/python3' when `exc` says another process holds the file's lock, else None."""
    text = str(exc)
    if not _LOCKED.search(text):
        return None
    found = _HOLDER.search(text)
    return f"PID {found['pid']}, {found['program']}" if found else "another process"


def _open_detail(exc: BaseException) -> str:
    # DuckDB keeps one database object per file and process; a second open with other settings
    # (read-only beside a writer) is refused. In the owning process, threads read via snapshot().
    if "different configuration" in str(exc):
        return "this process already has it open for writing; read it through EventStore.snapshot()"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
