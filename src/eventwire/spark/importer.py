"""Reading what `eventwire spark extract` wrote, for `eventwire store import` (no Spark needed).

This is the second pass of the Spark run. Executors coded each article alone; the store merges
reports of one event across articles as they are added (EventStore.add_many). Articles come back in
the order `eventwire ingest` would read the same input (source_index, item_index), each with its
events in extraction order, so the store ends up as after a single-machine ingest: same rows, same ids.

DuckDB reads the Parquet files and sorts them (spilling to disk when they do not fit in memory), and
the rows are fetched a batch at a time: the import holds a few hundred articles at once, whatever the
size of the output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventwire.errors import Errors, UsageError
from eventwire.record import Article, Event
from eventwire.spark import tables

FETCH_ROWS = 200
_ARTICLE_COLUMNS = ", ".join(f"a.{name}" for name in Article.model_fields)


@dataclass(frozen=True)
class ExtractedRun:
    """The folder of a finished `spark extract` run."""

    folder: Path

    @classmethod
    def open(cls, folder: Path) -> ExtractedRun:
        """Check the run finished (Spark's _SUCCESS marker in each table); raises UsageError E097."""
        for name in ("articles", "events", "failures"):
            if not (folder / name / "_SUCCESS").is_file():
                raise UsageError(Errors.E097.format(path=folder, missing=f"{name}/_SUCCESS"))
        return cls(folder)

    def _files(self, table: str) -> list[str]:
        return sorted(str(p) for p in (self.folder / table).rglob("*.parquet") if not p.name.startswith("."))

    def articles(self) -> Iterator[tuple[Article, list[Event]]]:
        """Every article with its events, in input order."""
        articles, events = self._files("articles"), self._files("events")
        if not articles:
            return
        con = duckdb.connect(
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        )
        try:
            event_lists = (
                "(SELECT article_id, list(record ORDER BY event_index) AS records "
                "FROM read_parquet($events, hive_partitioning = false) GROUP BY article_id)"
                if events
                else "(SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR[] AS records WHERE false)"
            )
            sql = (
                f"SELECT {_ARTICLE_COLUMNS}, e.records "
                "FROM read_parquet($articles, hive_partitioning = false) a "
                f"LEFT JOIN {event_lists} e ON e.article_id = a.id "
                "ORDER BY a.source_index, a.item_index"
            )
            params: dict[str, object] = {"articles": articles}
            if events:
                params["events"] = events
            cursor = con.execute(sql, params)
            names = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(FETCH_ROWS):
                for values in batch:
                    row = dict(zip(names, values, strict=True))
                    records = row.pop("records") or []
                    yield tables.article_from_row(row), [Event.model_validate_json(r) for r in records]
        finally:
            con.close()

    def failures(self) -> list[tuple[str, str]]:
        """(source, message) for each input or article that could not be coded, in source order."""
        files = self._files("failures")
        if not files:
            return []
        con = duckdb.connect()
        try:
            rows = con.execute(
                "SELECT source, message FROM read_parquet($files) ORDER BY source, message", {"files": files}
            ).fetchall()
        finally:
            con.close()
        return [(str(source), str(message)) for source, message in rows]

    def manifest(self) -> dict[str, object]:
        path = self.folder / "manifest.json"
        if not path.is_file():
            return {}
        loaded = json.loads(path.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, dict) else {}
