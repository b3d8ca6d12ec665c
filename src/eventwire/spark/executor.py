"""What runs inside Spark's Python workers: the pipeline, loaded once per worker, codes partitions.

Spark reuses its Python worker processes from task to task (spark.python.worker.reuse, on by
default), so a module-level pipeline is built by the first task a worker runs, the spaCy model and
the gazetteer with it, and every later task on that worker finds it ready. An accumulator counts
the builds, so the driver can report them (and a test can hold them to one per worker).

Staged rows, one per input item, are plain tuples (STAGED_COLUMNS) that the driver turns into a
DataFrame, persists, and splits into the articles, events, claims and failures tables.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from eventwire.record import Article, Event
from eventwire.settings import Settings
from eventwire.spark import tables
from eventwire.spark.inputs import Item
from eventwire.workers.guarded import ArticleFailure, PipelineLike, chunked, extract_guarded
from eventwire.workers.pool import CHUNK_ARTICLES

STAGED_COLUMNS = (
    ("source_index", "bigint"),
    ("item_index", "bigint"),
    ("source", "string"),
    ("article", "string"),  # Article JSON; null for an input that failed
    ("events", "string"),  # JSON list of Event records; null when the article failed
    ("failure", "string"),  # the catalogued message, for a failed input or article
    ("worker", "bigint"),  # process id of the Python worker that coded it
    ("worker_rss_mb", "double"),  # that worker's peak resident memory so far
)
STAGED_DDL = ", ".join(f"{name} {kind}" for name, kind in STAGED_COLUMNS)

_PIPELINE: PipelineLike | None = None


def pipeline(settings: Settings, loads: Any = None, load_seconds: Any = None) -> PipelineLike:
    """This worker's pipeline, built on first use; `loads`/`load_seconds` are Spark accumulators."""
    global _PIPELINE
    if _PIPELINE is None:
        from eventwire.pipeline import Pipeline

        started = time.perf_counter()
        built = Pipeline(settings)
        built.warm_up()
        _PIPELINE = built
        if loads is not None:
            loads.add(1)
        if load_seconds is not None:
            load_seconds.add(time.perf_counter() - started)
    return _PIPELINE


def shipped_settings(settings: Settings, gazetteer_file: str | None) -> Settings:
    """On a cluster the driver ships its gazetteer index with the job (SparkContext.addFile)."""
    if gazetteer_file is None:
        return settings
    from pyspark import SparkFiles

    return settings.model_copy(update={"cache_dir": Path(SparkFiles.getRootDirectory())})


def extract_partition(
    items: Iterable[Item],
    settings: Settings,
    gazetteer_file: str | None = None,
    loads: Any = None,
    load_seconds: Any = None,
) -> Iterator[tuple[Any, ...]]:
    """One partition's items -> staged rows: each article with its events, or a failure."""
    coded: list[Item] = []
    for item in items:
        if item.article is None:
            yield _staged(item, failure=item.failure)
        else:
            coded.append(item)
    if not coded:
        return
    worker = pipeline(shipped_settings(settings, gazetteer_file), loads, load_seconds)
    articles = [item.article for item in coded if item.article is not None]
    start = 0
    for chunk in chunked(articles, CHUNK_ARTICLES, settings.chunk_chars):
        outcomes = extract_guarded(worker, chunk)
        for item, outcome in zip(coded[start : start + len(chunk)], outcomes, strict=True):
            if isinstance(outcome, ArticleFailure):
                yield _staged(item, failure=outcome.message)
            else:
                yield _staged(item, events=outcome[1])
        start += len(chunk)


def _staged(item: Item, *, events: list[Event] | None = None, failure: str | None = None) -> tuple[Any, ...]:
    article = item.article.model_dump_json() if item.article is not None and failure is None else None
    events_json = json.dumps([e.model_dump(mode="json") for e in events]) if events is not None else None
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        item.source_index,
        item.item_index,
        item.source,
        article,
        events_json,
        failure,
        os.getpid(),
        rss_mb,
    )


# --- staged rows to tables (mapInArrow on executors) --------------------------------------------


def _coded(batches: Iterable[pa.RecordBatch]) -> Iterator[list[dict[str, Any]]]:
    for batch in batches:
        rows = [row for row in batch.to_pylist() if row["article"] is not None]
        if rows:
            yield rows


def _parsed(row: dict[str, Any]) -> tuple[Article, list[Event]]:
    article = Article.model_validate_json(row["article"])
    return article, [Event.model_validate(e) for e in json.loads(row["events"])]


def to_articles(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for rows in _coded(batches):
        items = [(*_parsed(r), r["source"], r["source_index"], r["item_index"]) for r in rows]
        yield from tables.articles_table(items).to_batches()


def to_events(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for rows in _coded(batches):
        yield from tables.events_table([_parsed(r) for r in rows]).to_batches()


def to_claims(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for rows in _coded(batches):
        yield from tables.claims_table([_parsed(r) for r in rows]).to_batches()
