"""Answers remembered until the data changes: a small LRU of response bodies keyed by URL and data version.

The page asks the same few questions over and over (the unfiltered summary, the first page of the
table, the map), and each costs DuckDB a few milliseconds; a hit costs one count query. The data
version is read inside the request's own snapshot, so a cached body is only reused for the very
state it was computed from: every write adds an article (articles are never deleted or rewritten),
so the article and event counts change with every commit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from eventwire.store import EventStore

DEFAULT_ENTRIES = 256
# A body larger than this (a 1,000-event page, a big GeoJSON) is answered but not kept.
MAX_BODY_BYTES = 2 * 1024 * 1024


def data_version(view: EventStore) -> tuple[int, int]:
    """What distinguishes one committed state of the store from another, as seen by `view`."""
    row = view.fetch_rows("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)")[0]
    return int(row[0]), int(row[1])


class ResponseCache:
    """Thread-safe LRU of encoded bodies; `entries=0` turns it off."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self.entries = max(entries, 0)
        self._bodies: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_build(self, view: EventStore, url: str, build: Callable[[], bytes]) -> bytes:
        """The body for `url` in the state `view` sees: remembered, or built now (and remembered)."""
        if not self.entries:
            return build()
        key = (data_version(view), url)
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = build()
        if len(body) <= MAX_BODY_BYTES:
            with self._lock:
                self._bodies[key] = body
                while len(self._bodies) > self.entries:
                    self._bodies.popitem(last=False)
        return body
