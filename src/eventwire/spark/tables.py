"""The Parquet tables `eventwire spark extract` writes, as Arrow schemas and the rows that fill them.

Pure pyarrow: the Spark job fills them on executors (mapInArrow), `eventwire store import` reads them
without Spark. Three tables, each partitioned by `country_code` and `month` (YYYY-MM):
- articles: the Article record's fields as columns, plus where it came from (source, and the
  source_index/item_index that put it in the order `eventwire ingest` would read it);
- events: the columns of the store's Parquet export (store/export_parquet.py), plus article_id,
  event_index (its place in the article's list) and `record`, the full Event JSON, so that an
  import stores exactly what a single-machine run stores;
- claims: one row per fatality or injury claim, the store's claims columns.
An article is filed under the country most of its events happened in; an event and its claims under
its location's country, and the month its date starts in (else the article's publication month).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from eventwire.record import Article, Event
from eventwire.store import rows
from eventwire.store.export_parquet import SCHEMA as EXPORT_SCHEMA
from eventwire.store.export_parquet import events_to_table

PARTITIONS = ("country_code", "month")

ARTICLES = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("removed_boilerplate", pa.list_(pa.string())),
        ("source", pa.string()),
        ("source_index", pa.int64()),
        ("item_index", pa.int64()),
        ("events", pa.int64()),
        ("country_code", pa.string()),
        ("month", pa.string()),
    ]
)
EVENTS = pa.schema(
    [
        *EXPORT_SCHEMA,
        ("article_id", pa.string()),
        ("event_index", pa.int64()),
        ("record", pa.string()),
        ("month", pa.string()),
    ]
)
_CLAIM_TYPES = {"value": pa.int64(), "low": pa.int64(), "high": pa.int64()}
_CLAIM_TYPES |= {"span_start": pa.int64(), "span_end": pa.int64()}
CLAIMS = pa.schema(
    [(name, _CLAIM_TYPES.get(name, pa.string())) for name in rows.CLAIM_COLUMNS]
    + [("country_code", pa.string()), ("month", pa.string())]
)
FAILURES = pa.schema([("source", pa.string()), ("message", pa.string())])


def _month(event: Event, article: Article) -> str | None:
    day = event.date.start or article.published
    return f"{day:%Y-%m}" if day else None


def _country(event: Event) -> str | None:
    return event.location.country_code if event.location else None


def article_country(events: Sequence[Event]) -> str | None:
    """The country most of the article's events happened in (ties: the first alphabetically)."""
    counts = Counter(code for code in map(_country, events) if code)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], code))


def articles_table(items: Sequence[tuple[Article, Sequence[Event], str, int, int]]) -> pa.Table:
    """(article, events, source, source_index, item_index) -> the articles table."""
    return pa.Table.from_pylist(
        [
            {
                **article.model_dump(),
                "source": source,
                "source_index": source_index,
                "item_index": item_index,
                "events": len(events),
                "country_code": article_country(events),
                "month": f"{article.published:%Y-%m}" if article.published else None,
            }
            for article, events, source, source_index, item_index in items
        ],
        schema=ARTICLES,
    )


def events_table(items: Sequence[tuple[Article, Sequence[Event]]]) -> pa.Table:
    """(article, events) -> the events table: the export's columns and the full records."""
    flat = [(article, index, event) for article, events in items for index, event in enumerate(events)]
    table = events_to_table([event for _, _, event in flat])
    extra: dict[str, list[Any]] = {
        "article_id": [article.id for article, _, _ in flat],
        "event_index": [index for _, index, _ in flat],
        "record": [event.model_dump_json() for _, _, event in flat],
        "month": [_month(event, article) for article, _, event in flat],
    }
    for name, values in extra.items():
        table = table.append_column(EVENTS.field(name), pa.array(values, type=EVENTS.field(name).type))
    return table


def claims_table(items: Sequence[tuple[Article, Sequence[Event]]]) -> pa.Table:
    """(article, events) -> one row per claim, as the store's claims table holds them."""
    records = []
    for article, events in items:
        for event in events:
            place = {"country_code": _country(event), "month": _month(event, article)}
            for row in rows.claim_rows(event, article.id):
                records.append(dict(zip(rows.CLAIM_COLUMNS, row, strict=True)) | place)
    return pa.Table.from_pylist(records, schema=CLAIMS)


def article_from_row(row: dict[str, Any]) -> Article:
    """An articles-table row back to the record (the extra columns dropped)."""
    fields = {name: row[name] for name in Article.model_fields}
    fields["removed_boilerplate"] = list(fields["removed_boilerplate"] or [])
    return Article.model_validate(fields)
