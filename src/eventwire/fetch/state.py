"""What the watcher remembers between polls and restarts: items settled, failures, feed validators.

Kept in the event store's own file, so the articles and the memory of having fetched them travel
together, in two tables of the store's schema (version 4, store/schema.py), written through the
writer's connection (one process owns the writer: see store/eventstore.py):

    watch_items  (feed, item_key, outcome, article_id, attempts, last_error, updated_at)
    watch_feeds  (feed, etag, last_modified, updated_at)

Readers of the store ignore them. `outcome` is 'stored' (its article was written by this watcher),
'duplicate' (its article was in the store already) or 'failed' (retried until `attempts` reaches
MAX_ATTEMPTS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from eventwire.fetch.client import Validators
from eventwire.store import EventStore

Outcome = Literal["stored", "duplicate"]
# A page that failed this many polls in a row is given up on: a dead link must not cost a request
# every 15 minutes for ever, and three polls ride out an outage of the site's server.
MAX_ATTEMPTS = 3


class WatchState(Protocol):
    def settled(self, feed: str, keys: Sequence[str]) -> set[str]:
        """The keys among `keys` that need no more work: stored, duplicate, or failed too often."""
        ...

    def settle(self, feed: str, key: str, outcome: Outcome, article_id: str) -> None: ...

    def record_failure(self, feed: str, key: str, code: str) -> int:
        """Count one more failed attempt at an item; returns the attempts so far."""
        ...

    def validators(self, feed: str) -> Validators | None: ...

    def save_validators(self, feed: str, validators: Validators) -> None: ...


class StoreWatchState:
    """`WatchState` in the event store's file, on its writer connection. Opens nothing until used."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        return self.store.execute(sql, params)

    def settled(self, feed: str, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        marks = ", ".join("?" for _ in keys)
        rows = self._rows(
            f"SELECT item_key FROM watch_items WHERE feed = ? AND item_key IN ({marks}) "
            "AND (outcome IN ('stored', 'duplicate') OR attempts >= ?)",
            [feed, *keys, MAX_ATTEMPTS],
        )
        return {key for (key,) in rows}

    def settle(self, feed: str, key: str, outcome: Outcome, article_id: str) -> None:
        self._rows(
            "INSERT INTO watch_items (feed, item_key, outcome, article_id, attempts) VALUES (?, ?, ?, ?, 0) "
            "ON CONFLICT (feed, item_key) DO UPDATE SET outcome = excluded.outcome, "
            "article_id = excluded.article_id, last_error = NULL, updated_at = now()",
            [feed, key, outcome, article_id],
        )

    def record_failure(self, feed: str, key: str, code: str) -> int:
        rows = self._rows(
            "INSERT INTO watch_items (feed, item_key, outcome, attempts, last_error) "
            "VALUES (?, ?, 'failed', 1, ?) "
            "ON CONFLICT (feed, item_key) DO UPDATE SET attempts = watch_items.attempts + 1, "
            "last_error = excluded.last_error, updated_at = now() RETURNING attempts",
            [feed, key, code],
        )
        return int(rows[0][0]) if rows else 1

    def validators(self, feed: str) -> Validators | None:
        rows = self._rows("SELECT etag, last_modified FROM watch_feeds WHERE feed = ?", [feed])
        return Validators(rows[0][0], rows[0][1]) if rows else None

    def save_validators(self, feed: str, validators: Validators) -> None:
        self._rows(
            "INSERT INTO watch_feeds (feed, etag, last_modified) VALUES (?, ?, ?) "
            "ON CONFLICT (feed) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, updated_at = now()",
            [feed, validators.etag, validators.last_modified],
        )


@dataclass
class MemoryWatchState:
    """`WatchState` in memory: for tests, and for a watcher that should forget on restart."""

    outcomes: dict[tuple[str, str], str] = field(default_factory=dict)
    attempts: dict[tuple[str, str], int] = field(default_factory=dict)
    feeds: dict[str, Validators] = field(default_factory=dict)

    def settled(self, feed: str, keys: Sequence[str]) -> set[str]:
        return {
            key
            for key in keys
            if (feed, key) in self.outcomes or self.attempts.get((feed, key), 0) >= MAX_ATTEMPTS
        }

    def settle(self, feed: str, key: str, outcome: Outcome, article_id: str) -> None:
        self.outcomes[(feed, key)] = outcome

    def record_failure(self, feed: str, key: str, code: str) -> int:
        self.attempts[(feed, key)] = self.attempts.get((feed, key), 0) + 1
        return self.attempts[(feed, key)]

    def validators(self, feed: str) -> Validators | None:
        return self.feeds.get(feed)

    def save_validators(self, feed: str, validators: Validators) -> None:
        self.feeds[feed] = validators
