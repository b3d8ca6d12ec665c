"""`eventwire watch`: poll RSS/Atom feeds into a store (a thin wrapper over eventwire.fetch.Watcher)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated

import typer

from eventwire.cli import _common
from eventwire.cli._common import EXIT_FAILURES, DbOpt, PublishedOpt, WaitOpt
from eventwire.settings import Settings
from eventwire.store import EventStore
from eventwire.store.query import parse_date

WATCH_EXAMPLE = "Example: eventwire watch https://example.org/world.rss --db events.duckdb --every 15m"

FeedsArg = Annotated[
    list[str],
    typer.Argument(
        help="RSS or Atom feed addresses (http:// or https://).", metavar="FEED", show_default=False
    ),
]
EveryOpt = Annotated[
    str, typer.Option("--every", metavar="DURATION", help="Time between polls: 30s, 15m, 1h, 1h30m.")
]
OnceOpt = Annotated[bool, typer.Option("--once", help="Poll every feed once, then exit (for cron).")]
MaxItemsOpt = Annotated[
    int | None,
    typer.Option("--max-items", min=1, help="New items per feed per poll; the rest wait for the next poll."),
]
FollowLinksOpt = Annotated[
    bool,
    typer.Option(
        "--follow-links/--no-follow-links",
        help="Fetch the page of an item that carries only a teaser (--no-follow-links: code the teaser).",
    ),
]
MaxPagesOpt = Annotated[
    int, typer.Option("--max-pages", min=0, help="Linked pages fetched per poll, over all feeds.")
]
MaxMbOpt = Annotated[
    float | None,
    typer.Option(
        "--max-mb",
        min=0.001,
        help="Largest feed or page to download, in MB (default: the max_file_mb setting).",
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Longest wait for a server to answer."),
]


def watch(
    feeds: FeedsArg,
    db: DbOpt,
    every: EveryOpt = "15m",
    once: OnceOpt = False,
    max_items: MaxItemsOpt = None,
    follow_links: FollowLinksOpt = True,
    max_pages: MaxPagesOpt = 20,
    max_mb: MaxMbOpt = None,
    timeout: TimeoutOpt = 20.0,
    published: PublishedOpt = None,
    wait: WaitOpt = 0.0,
) -> None:
    """Poll RSS/Atom feeds and store the events of every new item.

    Items seen before (by guid or link, remembered in the store) and articles already stored (by
    content) are skipped; an unchanged feed costs one request (304 Not Modified). Prints one line a
    poll: new, skipped and failed items, with the failures named. A feed that is down is retried
    after 1, 2, 4 … polls. Ctrl-C or SIGTERM stops after the current item.

    Exit code with --once: 1 when something failed (named on stderr), else 0.
    """
    from eventwire.fetch import Fetcher, FetchLimits, Watcher, WatchOptions, check_url, parse_duration
    from eventwire.fetch.watch import PollResult, describe
    from eventwire.ingest import IngestOptions

    failed = False

    def report(result: PollResult) -> None:
        nonlocal failed
        failed = failed or bool(result.failures)
        print(result.line(), flush=True)
        for failure in result.failures:
            print(failure.message, file=sys.stderr, flush=True)

    with _common.friendly_errors():
        interval = parse_duration(every)
        for feed in feeds:
            check_url(feed)
        settings = Settings.from_env()
        limit_mb = max_mb if max_mb is not None else settings.max_file_mb
        options = WatchOptions(
            every=interval,
            follow_links=follow_links,
            max_pages=max_pages,
            max_items=max_items,
            ingest=IngestOptions(max_mb=limit_mb, published=parse_date(published)),
        )
        stop = threading.Event()
        fetcher = Fetcher(FetchLimits.of(max_mb=limit_mb, timeout=timeout))
        with EventStore.open(db, wait=wait) as store, fetcher, _stop_on_signals(stop):
            watcher = Watcher(store, _common.make_pipeline(settings), feeds, options=options, fetcher=fetcher)
            if once:
                report(watcher.poll_once(stop))
            else:
                print(f"{describe(watcher)} into {db}. Ctrl-C stops.", file=sys.stderr, flush=True)
                watcher.run(stop, on_poll=report)
        if stop.is_set():
            print("Stopped. Every stored article is whole; the next run goes on from here.", file=sys.stderr)
    if once and failed:
        raise typer.Exit(EXIT_FAILURES)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C and SIGTERM set `stop` (the watcher ends between items); a second Ctrl-C interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT and stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
