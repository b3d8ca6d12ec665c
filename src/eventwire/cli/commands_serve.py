"""`eventwire serve`: the REST API (and the web page, when built) over an event store."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli import _common
from eventwire.cli._common import DbOpt
from eventwire.errors import Errors, UsageError
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.fetch import Watcher
    from eventwire.store import EventStore

SERVE_EXAMPLE = "Example: eventwire serve --db events.duckdb --port 8000"


def serve(
    db: DbOpt,
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="TCP port; 0 picks a free one.")
    ] = 8000,
    read_only: Annotated[
        bool,
        typer.Option(
            "--read-only",
            help="Open the database read-only: other readers may open it too, but nothing can be ingested "
            "until the server stops.",
        ),
    ] = False,
    wait: _common.WaitOpt = 0.0,
    cache_entries: Annotated[
        int,
        typer.Option(
            "--cache-entries",
            min=0,
            help="Answers remembered until the data changes (each costs DuckDB a few ms); 0 turns it off.",
        ),
    ] = 256,
    watch: Annotated[
        list[str] | None,
        typer.Option(
            "--watch",
            metavar="FEED",
            help="Also poll this RSS/Atom feed (repeatable) in a thread of the server, storing what is new.",
        ),
    ] = None,
    every: Annotated[
        str,
        typer.Option("--every", metavar="DURATION", help="Time between polls with --watch: 30s, 15m, 1h."),
    ] = "15m",
    log_level: Annotated[
        str, typer.Option("--log-level", help="uvicorn log level: critical, error, warning, info, debug.")
    ] = "info",
) -> None:
    """Serve the event store over HTTP: JSON API under /api, OpenAPI at /openapi.json.

    By default the server opens the database for writing and keeps it for as long as it runs
    (DuckDB allows one writing process), so nothing else can ingest into it meanwhile; --watch
    FEED ingests inside the server instead, as `eventwire watch` would. Each request reads a
    consistent snapshot: every article with all its events, or none of it. With --read-only, other
    read-only processes can share the file. Stop it with Ctrl-C.
    """
    from eventwire.serve import bind, create_app, serve_forever
    from eventwire.serve.watching import watcher_lifespan
    from eventwire.store import EventStore

    with _common.friendly_errors():
        if not db.exists():
            # Opening for writing would create an empty store: serving one is always a typo.
            raise UsageError(Errors.E041.format(path=db))
        if watch and read_only:
            raise UsageError(Errors.E089.format(path=db))
        make_watcher = _watcher_factory(watch, every) if watch else None
        sock = bind(host, port)
        try:
            with EventStore.open(db, read_only=read_only, wait=wait) as store:
                bound = sock.getsockname()[1]
                mode = "read-only" if read_only else "writer: this process owns the file"
                _common.stderr().print(
                    f"eventwire serve: {db} ({mode})\n"
                    f"API: http://{host}:{bound}/api/events   OpenAPI: http://{host}:{bound}/openapi.json",
                    markup=False,
                )
                lifespan = watcher_lifespan(make_watcher(store)) if make_watcher else None
                app = create_app(store, lifespan=lifespan, cache_entries=cache_entries)
                serve_forever(app, sock, log_level=log_level)
        finally:
            sock.close()


def _watcher_factory(feeds: list[str], every: str) -> Callable[[EventStore], Watcher]:
    """Checks the feeds and the interval now (bad ones fail before the server starts); builds later."""
    from eventwire.fetch import Watcher, WatchOptions, check_url, parse_duration
    from eventwire.ingest import IngestOptions

    interval = parse_duration(every)
    for feed in feeds:
        check_url(feed)
    settings = Settings.from_env()

    def make(store: EventStore) -> Watcher:
        options = WatchOptions(every=interval, ingest=IngestOptions(max_mb=settings.max_file_mb))
        # The watcher makes its own fetcher (default limits, as `eventwire watch`) and closes it when
        # its run ends; the pipeline loads the model in the watcher's thread, not before serving.
        return Watcher(store, _common.make_pipeline(settings), feeds, options=options)

    return make
