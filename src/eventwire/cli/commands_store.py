"""`eventwire ingest` (articles into a DuckDB store) and `eventwire events` (query it)."""

from __future__ import annotations

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
    Failure,
    MaxMbOpt,
    OutletColumnOpt,
    PathsArg,
    PublishedColumnOpt,
    PublishedOpt,
    TextColumnOpt,
    TitleColumnOpt,
    UrlColumnOpt,
)
from eventwire.cli.render import Format, write_events
from eventwire.record import Article
from eventwire.settings import Settings
from eventwire.store import EventStore

INGEST_EXAMPLE = "Example: eventwire ingest news/ --db events.duckdb --published 2021-03-04"
EVENTS_EXAMPLE = "Example: eventwire events --db events.duckdb --country SY --format csv"

# Without a terminal there is no bar to redraw: a plain line every this many inputs instead.
_PLAIN_EVERY = 100

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file of the event store.", show_default=False)]


class _Ticker:
    """Counts inputs on stderr: a Rich spinner on a terminal, plain lines in logs."""

    def __init__(self) -> None:
        self.console = _common.stderr()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} inputs read"),
            TextColumn("[dim]{task.description}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
        self.task = self.progress.add_task("", total=None)
        self.count = 0

    def advance(self, label: str) -> None:
        self.count += 1
        self.progress.update(self.task, advance=1, description=label[:60])
        if not self.console.is_terminal and self.count % _PLAIN_EVERY == 0:
            self.console.print(f"{self.count} inputs read", markup=False)


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
) -> None:
    """Extract events from articles and store both in a DuckDB file.

    Re-running is safe: articles already stored are skipped, not re-processed.

    Inputs that fail are listed with the reason; the batch goes on (exit code 1).
    """
    failures: list[Failure] = []
    sources: dict[str, str] = {}  # article id -> the file it came from, to name it in messages
    stats: Counter[str] = Counter()
    with _common.friendly_errors():
        settings = Settings.from_env()
        options = _common.ingest_options(
            published=_common.parse_date(published),
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
        with EventStore.open(db) as store, ticker.progress:

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

            for article, events in _common.make_pipeline(settings).run(fresh()):
                if not store.add(article, events):
                    stats["already"] += 1  # the same text twice in one batch
                    continue
                stats["new"] += 1
                stats["events"] += len(events)
                foreign = _common.non_english(article, sources.get(article.id))
                if foreign is not None:
                    failures.append(foreign)
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
    country: Annotated[str | None, typer.Option("--country", help="ISO code or country name.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Events on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Events on or before.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many events.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json is an array of events.")] = Format.table,
) -> None:
    """List stored events (read-only), ordered by date."""
    with _common.friendly_errors():
        window = _common.parse_date(since), _common.parse_date(until)
        with EventStore.open(db, read_only=True) as store:
            found = store.events(country=country, type=type_, since=window[0], until=window[1], limit=limit)
    write_events(found, fmt)
