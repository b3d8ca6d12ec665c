"""`eventwire spark extract`: the pipeline over a corpus on Spark, written as partitioned Parquet.

The job, in stages:
1. read the input into items (inputs.py), on executors, with the readers `eventwire ingest` uses;
2. keep the first occurrence of each article id (input order), as ingest stores a text once, and
   spread the articles over `partitions` tasks by id (one shuffle of the texts);
3. code each partition (executor.py): the pipeline is built once per Python worker;
4. persist those staged rows and split them into the articles, events, claims and failures tables
   (tables.py), written partitioned by country_code and month.

What it does not do is merge reports of one event across articles: that is a second pass, run by
`eventwire store import DIR --db FILE`, which adds the articles to the store in input order so the
store's own merge sees what it sees during `eventwire ingest`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventwire import __version__
from eventwire.errors import Errors, UsageError
from eventwire.ingest import IngestOptions
from eventwire.settings import Settings
from eventwire.spark import executor, tables
from eventwire.spark.inputs import (
    InputKind,
    Item,
    plan_input,
    read_files,
    read_jsonl_lines,
    read_parquet_rows,
)

TABLES = ("articles", "events", "claims")
MANIFEST = "manifest.json"
FAILURES_SHOWN = 1000  # failures brought back to the driver for the summary; all are in failures/


@dataclass
class SparkRun:
    """What a run read, coded and wrote; also saved as DIR/manifest.json."""

    input: str
    output: str
    kind: str
    master: str
    partitions: int
    items: int = 0  # articles and failed inputs read
    articles: int = 0  # articles coded and written (each id once)
    duplicates: int = 0  # articles whose text was read before (same id), skipped like ingest does
    events: int = 0
    failure_count: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, message), the first ones
    pipeline_loads: int = 0  # pipelines built on executors: one per Python worker
    load_seconds: float = 0.0  # summed over those builds
    seconds: float = 0.0
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)  # by Python worker process id
    version: str = __version__


def extract_to_parquet(
    spark: Any,
    input_path: str,
    output: str,
    *,
    kind: InputKind = "auto",
    options: IngestOptions | None = None,
    settings: Settings | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
) -> SparkRun:
    """Run the job with an existing SparkSession; raises UsageError for a bad input or output."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    started = time.perf_counter()
    options = options or IngestOptions()
    settings = settings or Settings.from_env()
    plan = plan_input(input_path, kind)
    _check_output(output, overwrite)
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 4)
    run = SparkRun(input_path, output, plan.kind, sc.master, parts)
    gazetteer = _ship_gazetteer(sc, settings)
    read_count, loads, load_seconds = sc.accumulator(0), sc.accumulator(0), sc.accumulator(0.0)

    items = _read(spark, plan, options, parts)

    def counted(item: Item) -> tuple[str, Item]:
        read_count.add(1)
        if item.article is None:  # a failure is kept as it is, under a key of its own
            return f"failure {item.source_index} {item.item_index}", item
        return item.article.id, item

    def code(partition: Any) -> Any:
        return executor.extract_partition(partition, settings, gazetteer, loads, load_seconds)

    unique = items.map(counted).reduceByKey(_first_read, numPartitions=parts).values()
    staged = spark.createDataFrame(unique.mapPartitions(code), executor.STAGED_DDL)
    staged = staged.persist(StorageLevel.DISK_ONLY)
    try:
        mode = "overwrite" if overwrite else "errorifexists"
        for name, to_table, schema in (
            ("articles", executor.to_articles, tables.ARTICLES),
            ("events", executor.to_events, tables.EVENTS),
            ("claims", executor.to_claims, tables.CLAIMS),
        ):
            frame = staged.mapInArrow(to_table, from_arrow_schema(schema))
            # One task per (country, month) folder: without it every task writes a small file into
            # every folder it has rows for (writing took 4x longer than unpartitioned at 200 articles).
            frame = frame.repartition(*tables.PARTITIONS)
            frame.write.mode(mode).partitionBy(*tables.PARTITIONS).parquet(_join(output, name))
        failed = staged.where(F.col("failure").isNotNull()).select(
            "source", F.col("failure").alias("message")
        )
        failed.coalesce(1).write.mode(mode).parquet(_join(output, "failures"))
        totals = staged.agg(
            F.count(F.col("article")).alias("articles"),
            F.count(F.col("failure")).alias("failures"),
            F.coalesce(F.sum(F.json_array_length("events")), F.lit(0)).alias("events"),
        ).first()
        run.failures = [(row.source, row.message) for row in failed.limit(FAILURES_SHOWN).collect()]
        run.worker_peak_rss_mb = {
            int(row.worker): float(row.rss)
            for row in staged.groupBy("worker").agg(F.max("worker_rss_mb").alias("rss")).collect()
        }
    finally:
        staged.unpersist()
    run.articles, run.failure_count, run.events = (
        int(totals.articles),
        int(totals.failures),
        int(totals.events),
    )
    run.items = int(read_count.value)
    run.duplicates = run.items - run.articles - run.failure_count
    run.pipeline_loads, run.load_seconds = int(loads.value), float(load_seconds.value)
    run.seconds = time.perf_counter() - started
    _write_manifest(output, run)
    return run


def _read(spark: Any, plan: Any, options: IngestOptions, parts: int) -> Any:
    sc = spark.sparkContext
    if plan.kind == "files":
        indexed = list(enumerate(plan.files))
        slices = max(1, min(len(indexed), parts))
        return sc.parallelize(indexed, slices).mapPartitions(lambda it: read_files(it, options))
    path = plan.path
    if plan.kind == "jsonl":
        lines = sc.textFile(path, minPartitions=parts, use_unicode=False).zipWithIndex()
        return lines.mapPartitions(lambda it: read_jsonl_lines(it, path, options))
    rows = spark.read.parquet(path).rdd.zipWithIndex()
    return rows.mapPartitions(lambda it: read_parquet_rows(it, path, options))


def _first_read(a: Item, b: Item) -> Item:
    """Of two items with one article id, the one ingest would have read (and stored) first."""
    return a if (a.source_index, a.item_index) <= (b.source_index, b.item_index) else b


def _ship_gazetteer(sc: Any, settings: Settings) -> str | None:
    """Executors on other machines get the driver's gazetteer index with the job; local ones share it."""
    master = str(sc.master)
    if master == "local" or master.startswith("local["):
        return None  # one machine: the executors read the driver's own cache
    from eventwire.places import open_gazetteer
    from eventwire.places.gazetteer import gazetteer_path

    open_gazetteer(settings)  # builds it here first if needed
    path = gazetteer_path(settings)
    sc.addFile(str(path))
    return path.name


def _join(output: str, name: str) -> str:
    return f"{output.rstrip('/')}/{name}"


def _local(output: str) -> Path | None:
    if "://" in output and not output.startswith("file://"):
        return None
    return Path(output.removeprefix("file://"))


def _check_output(output: str, overwrite: bool) -> None:
    local = _local(output)
    if local is not None and local.exists() and any(local.iterdir()) and not overwrite:
        raise UsageError(Errors.E096.format(path=output))


def _write_manifest(output: str, run: SparkRun) -> None:
    local = _local(output)
    if local is not None:
        (local / MANIFEST).write_text(json.dumps(asdict(run), indent=2, default=str) + "\n", encoding="utf-8")
