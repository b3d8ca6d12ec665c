"""The feed watcher in a thread of the server (`eventwire serve --watch FEED`).

DuckDB lets one process write a file, so a server that also ingests must do the writing itself: the
watcher (eventwire.fetch.Watcher) writes through the server's store in a background thread, and
each API request reads its own snapshot, which sees every article with all its events or none of it.
The thread starts with the app and is asked to stop with it; it stops between two articles, so a
server stopped mid-poll leaves no half-stored article (the next start goes on from there).
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from fastapi import FastAPI

from eventwire.errors import EventwireError

# How long shutdown waits for the watcher to finish the article it is coding.
_STOP_TIMEOUT_S = 60.0


class WatcherLike(Protocol):
    """What the server needs of eventwire.fetch.Watcher."""

    def run(self, stop: threading.Event, on_poll: Callable[[Any], None] | None = None) -> None: ...


def _print_poll(result: Any) -> None:
    print(f"watch: {result.line()}", file=sys.stderr, flush=True)


def watcher_lifespan(
    watcher: WatcherLike, on_poll: Callable[[Any], None] = _print_poll
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A FastAPI lifespan that runs `watcher` in a daemon thread while the app serves."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()

        def run() -> None:
            try:
                watcher.run(stop, on_poll=on_poll)
            except EventwireError as exc:
                # The model or the store failed for good: say so, and keep answering from what is stored.
                print(f"watch stopped: {exc}", file=sys.stderr, flush=True)

        thread = threading.Thread(target=run, name="eventwire-watch", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            # Off the event loop: the watcher may be finishing an article for a few seconds.
            await asyncio.to_thread(thread.join, _STOP_TIMEOUT_S)

    return lifespan
