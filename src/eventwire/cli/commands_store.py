"""`eventwire ingest` (articles into a DuckDB store) and `eventwire events` (query it)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.cli import _common
from eventwire.cli._common import (
    EXIT_FAILURES,
    ActorOpt,
    Admin1Opt,
    BboxOpt,
    CountryOpt,
    DbOpt,
    Failure,
    LimitOpt,
    MaxMbOpt,
    MinFatalitiesOpt,
    OutletColumnOpt,
    PathsArg,
    PublishedColumnOpt,
    PublishedOpt,
    SinceOpt,
    TextColumnOpt,
    TextOpt,
    TitleColumnOpt,
    TypeOpt,
    UntilOpt,
    UrlColumnOpt,
)
from eventwire.cli.render import Format, write_events
from eventwire.record import Article, Event
from eventwire.settings import Settings
from eventwire.store import EventStore
from eventwire.store.query import parse_date, query_from_strings
from eventwire.workers import ArticleFailure, extract_stream, plan_workers

INGEST_EXAMPLE = "Example: eventwire ingest news/ --db events.duckdb --published 2021-03-04"
EVENTS_EXAMPLE = "Example: eventwire events --db events.duckdb --country SY --format csv"

# Without a terminal there is no bar to redraw: a plain line every this many inputs instead.
_PLAIN_EVERY = 100
# Extracted articles are committed together at least this often: a commit per article cost ~10 ms of
# DuckDB time, more than a fast source takes to read one. A kill loses at most this much extraction
# (articles are stored whole or not at all either way; the re-run does the rest).
_COMMIT_SECONDS = 0.25
_COMMIT_ARTICLES = 200

WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes that extract in parallel (default: all cores, or 1 under 100 articles). "
        "This process still does all the writing.",
    ),
]


class _Ticker:
    """Counts inputs and coded articles (with articles/s) on stderr: a Rich spinner on a terminal,
    plain lines in logs."""

    def __init__(self) -> None:
        self.console = _common.stderr()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} inputs read"),
            TextColumn("{task.fields[coded]} coded, {task.fields[rate]} articles/s"),
            TextColumn("[dim]{task.description}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("", total=None, coded=0, rate="-")
        self.count = 0
        self.coded = 0
        self.started = time.monotonic()

    def advance(self, label: str) -> None:
        self.count += 1
        self.progress.update(self.task, advance=1, description=label[:60])
        if not self.console.is_terminal and self.count % _PLAIN_EVERY == 0:
            line = f"{self.count} inputs read, {self.coded} coded ({self.rate()} articles/s)"
            self.console.print(line, markup=False)

    def code(self) -> None:
        self.coded += 1
        self.progress.update(self.task, coded=self.coded, rate=self.rate())

    def rate(self) -> str:
        # Over the whole run, model loading included: what the user waits for, not a peak.
        seconds = time.monotonic() - self.started
        return f"{self.coded / seconds:.1f}" if self.coded and seconds > 0 else "-"


def ingest(
    paths: PathsArg,
    db: DbOpt,
    published: PublishedOpt = None,
    text_column: TextColumnOpt = "text",
    title_column: TitleColumnOpt = "title",
    url_column: UrlColumnOpt = "url",
    published_column: PublishedColumnOpt = "published",
    outlet_column: OutletColumnOpt = "outlet",
    max_mb: MaxMbOpt = None,
    wait: _common.WaitOpt = 0.0,
    workers: WorkersOpt = None,
) -> None:
    """Extract events from articles and store both in a DuckDB file.

    Re-running is safe: articles already stored are skipped, not re-processed. Each article is
    stored with all its events or not at all, so an interrupted run (even killed) is resumed by
    running it again. The database stays open for writing until the run ends; other processes
    cannot read it meanwhile.

    Inputs that fail are listed with the reason; the batch goes on (exit code 1).
    """
    failures: list[Failure] = []
    sources: dict[str, str] = {}  # article id -> the file it came from, to name it in messages
    stats: Counter[str] = Counter()
    with _common.friendly_errors():
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
        inputs = _common.read_inputs(paths, options)
        ticker = _Ticker()
        with EventStore.open(db, wait=wait) as store, ticker.progress:

            def fresh() -> Iterator[Article]:
                for source, item in inputs:
                    if not isinstance(item, Article):
                        failures.append(_common.as_failure(item))
                        ticker.advance(failures[-1].path)
                        continue
                    stats["read"] += 1
                    sources[item.id] = source
                    ticker.advance(item.title or item.url or item.id)
                    # Checked before the pipeline: a re-run costs a lookup, not an extraction.
                    if store.has_article(item.id):
                        stats["already"] += 1
                        continue
                    yield item

            pending: list[tuple[Article, list[Event]]] = []

            def commit() -> None:
                for (article, events), new in zip(pending, store.add_many(pending), strict=True):
                    if not new:
                        stats["already"] += 1  # the same text twice in one batch
                        continue
                    stats["new"] += 1
                    stats["events"] += len(events)
                    foreign = _common.non_english(article, sources.get(article.id))
                    if foreign is not None:
                        failures.append(foreign)
                pending.clear()

            last_commit = time.monotonic()
            processes, articles = plan_workers(workers, fresh())
            if processes > 1:
                ticker.console.print(f"Coding with {processes} worker processes", markup=False)
            for outcome in extract_stream(
                articles, factory=_common.make_pipeline, settings=settings, workers=processes
            ):
                if isinstance(outcome, ArticleFailure):
                    source = sources.get(outcome.article.id, outcome.article.id)
                    failures.append(Failure(path=source, message=outcome.message))
                    continue
                ticker.code()
                pending.append(outcome)
                if len(pending) >= _COMMIT_ARTICLES or time.monotonic() - last_commit >= _COMMIT_SECONDS:
                    commit()
                    last_commit = time.monotonic()
            commit()
    _summary(db, stats, failures)
    if failures:
        raise typer.Exit(EXIT_FAILURES)


def _summary(db: Path, stats: Counter[str], failures: list[Failure]) -> None:
    out = _common.stdout()
    out.print(
        f"Articles read: {stats['read']} (new: {stats['new']}, already stored: {stats['already']})\n"
        f"Events stored: {stats['events']} in {db}\n"
        f"Failures: {len(failures)}",
        markup=False,
        highlight=False,
    )
    if failures:
        table = Table("file", "reason", title="Inputs that failed", title_justify="left")
        for failure in failures:
            table.add_row(failure.path, failure.message, style=None)
        _common.stderr().print(table, markup=False)


def events(
    db: DbOpt,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    bbox: BboxOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json is an array of events.")] = Format.table,
    wait: _common.WaitOpt = 0.0,
) -> None:
    """List stored events (read-only), ordered by date. Filters combine: all must hold."""
    with _common.friendly_errors():
        query = query_from_strings(
            country=country,
            admin1=admin1,
            type_=type_,
            actor=actor,
            since=since,
            until=until,
            bbox=bbox,
            min_fatalities=min_fatalities,
            text=text,
            limit=limit,
        )
        with EventStore.open(db, read_only=True, wait=wait) as store:
            found = store.events(query)
    write_events(found, fmt)
