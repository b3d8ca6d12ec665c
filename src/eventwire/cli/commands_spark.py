"""`eventwire spark extract` (the pipeline on Spark) and `eventwire store import` (its output, stored)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from eventwire.cli import _common
from eventwire.cli._common import (
    EXIT_FAILURES,
    DbOpt,
    Failure,
    MaxMbOpt,
    OutletColumnOpt,
    PublishedColumnOpt,
    PublishedOpt,
    TextColumnOpt,
    TitleColumnOpt,
    UrlColumnOpt,
)
from eventwire.errors import UsageError
from eventwire.record import Article, Event
from eventwire.settings import Settings
from eventwire.store.query import parse_date

SPARK_EXAMPLE = "Example: eventwire spark extract --input news/ --output out/spark --master 'local[*]'"
EXTRACT_EXAMPLE = SPARK_EXAMPLE
STORE_EXAMPLE = "Example: eventwire store import out/spark --db events.duckdb"
IMPORT_EXAMPLE = STORE_EXAMPLE
_IMPORT_BATCH = 200  # articles a transaction, as ingest commits

spark_app = typer.Typer(
    help="Run the pipeline on Apache Spark (the optional eventwire[spark] extra; needs Java 17).",
    no_args_is_help=True,
    epilog=SPARK_EXAMPLE,
)
store_app = typer.Typer(help="Load data into an event store.", no_args_is_help=True, epilog=STORE_EXAMPLE)


class InputFormat(StrEnum):
    auto = "auto"
    files = "files"
    jsonl = "jsonl"
    parquet = "parquet"


@spark_app.command("extract", epilog=EXTRACT_EXAMPLE)
def extract(
    input_path: Annotated[
        str,
        typer.Option("--input", help="A folder of articles, a .jsonl file or Parquet.", show_default=False),
    ],
    output: Annotated[
        str, typer.Option("--output", help="A new folder for the Parquet tables.", show_default=False)
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="local[*], local[N] or spark://HOST:PORT (default: local[*], or spark-submit's).",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="How to read --input; auto goes by suffix.")
    ] = InputFormat.auto,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="Tasks to spread the articles over (default: 4 a core)."),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing --output.")] = False,
    conf: Annotated[
        list[str] | None,
        typer.Option("--conf", metavar="KEY=VALUE", help="A Spark setting; repeat for more."),
    ] = None,
    published: PublishedOpt = None,
    text_column: TextColumnOpt = "text",
    title_column: TitleColumnOpt = "title",
    url_column: UrlColumnOpt = "url",
    published_column: PublishedColumnOpt = "published",
    outlet_column: OutletColumnOpt = "outlet",
    max_mb: MaxMbOpt = None,
) -> None:
    """Code a corpus on Spark and write articles, events and claims as Parquet, by country and month.

    Executors load the spaCy pipeline and the gazetteer once per Python worker. Reports of one event
    in several articles are merged afterwards, by `eventwire store import`.
    """
    with _common.friendly_errors():
        from eventwire.ingest import IngestOptions
        from eventwire.spark.job import extract_to_parquet
        from eventwire.spark.session import spark_session

        settings = Settings.from_env()
        options = _common.ingest_options(
            published=parse_date(published),
            text_column=text_column,
            title_column=title_column,
            url_column=url_column,
            published_column=published_column,
            outlet_column=outlet_column,
            max_mb=max_mb,
            settings=settings,
        )
        spark = spark_session(master, _parse_conf(conf or []))
        run = extract_to_parquet(
            spark,
            input_path,
            output,
            kind=input_format.value,
            options=IngestOptions(**options),
            settings=settings,
            partitions=partitions,
            overwrite=overwrite,
        )
    out = _common.stdout()
    out.print(
        f"Inputs read: {run.items} on {run.master} (articles coded: {run.articles}, "
        f"duplicates skipped: {run.duplicates})\n"
        f"Events: {run.events}, written to {output} (articles/, events/, claims/ by country_code and month)\n"
        f"Pipeline loads: {run.pipeline_loads} (once per Python worker), {run.seconds:.1f} s in all\n"
        f"Failures: {run.failure_count}\n"
        f"Next: eventwire store import {output} --db events.duckdb",
        markup=False,
        highlight=False,
    )
    failures = [Failure(path=source, message=message) for source, message in run.failures]
    _failure_table(failures, shown_of=run.failure_count)
    if run.failure_count:
        raise typer.Exit(EXIT_FAILURES)


def _parse_conf(pairs: list[str]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--conf takes KEY=VALUE, e.g. --conf spark.driver.memory=4g; got '{pair}'.")
        settings[key.strip()] = value
    return settings


@store_app.command("import", epilog=IMPORT_EXAMPLE)
def import_(
    folder: Annotated[
        Path, typer.Argument(help="The --output folder of `eventwire spark extract`.", show_default=False)
    ],
    db: DbOpt,
    wait: _common.WaitOpt = 0.0,
) -> None:
    """Add the articles and events of a Spark run to a DuckDB store, merging reports as ingest does.

    Articles go in in the order `eventwire ingest` would read the same input, so the store ends up
    the same. Articles already stored are skipped: re-running after an interruption is safe.
    """
    stats: Counter[str] = Counter()
    failures: list[Failure] = []
    with _common.friendly_errors():
        from eventwire.spark.importer import ExtractedRun
        from eventwire.store import EventStore

        run = ExtractedRun.open(folder)
        failures += [Failure(path=source, message=message) for source, message in run.failures()]
        with EventStore.open(db, wait=wait) as store:
            batch: list[tuple[Article, list[Event]]] = []

            def commit() -> None:
                for (article, events), new in zip(batch, store.add_many(batch), strict=True):
                    stats["new" if new else "already"] += 1
                    stats["events"] += len(events) if new else 0
                    foreign = _common.non_english(article) if new else None
                    if foreign is not None:
                        failures.append(foreign)
                batch.clear()

            for article, events in run.articles():
                stats["read"] += 1
                batch.append((article, events))
                if len(batch) >= _IMPORT_BATCH:
                    commit()
            commit()
    _common.stdout().print(
        f"Articles read: {stats['read']} (new: {stats['new']}, already stored: {stats['already']})\n"
        f"Events stored: {stats['events']} in {db}\n"
        f"Failures: {len(failures)}",
        markup=False,
        highlight=False,
    )
    _failure_table(failures)
    if failures:
        raise typer.Exit(EXIT_FAILURES)


def _failure_table(failures: list[Failure], shown_of: int | None = None) -> None:
    if not failures:
        return
    title = "Inputs that failed"
    if shown_of is not None and shown_of > len(failures):
        title += f" (the first {len(failures)} of {shown_of}; all are in failures/)"
    table = Table("file", "reason", title=title, title_justify="left")
    for failure in failures:
        table.add_row(failure.path, failure.message, style=None)
    _common.stderr().print(table, markup=False)
