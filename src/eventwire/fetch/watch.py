"""`Watcher`: poll feeds, skip what was seen, code and store what is new; a feed that is down waits.

One poll, for each feed in turn:
1. GET the feed with its last ETag / Last-Modified; a 304 ends the feed's poll at one request.
2. Items settled before (stored, already in the store, or failed MAX_ATTEMPTS times) are skipped
   by their guid or link, without fetching anything (state lives in the store: see state.py).
3. An item that carries only a teaser has its linked page fetched (`follow_links`, at most
   `max_pages` pages a poll over all feeds); others are coded from the feed's own text.
4. An article whose content hash is in the store already is skipped without running the pipeline.
5. Each new article is stored with its events in one transaction, then its item is settled.
The feed's validators are saved only when every item is settled, so items deferred by a cap, or
failed with retries left, are read again on the next poll instead of hiding behind a 304.

`run(stop)` polls every `every` seconds until `stop` is set, checking it between items: an article
is stored whole or not at all, so stopping never leaves half of one. A feed that cannot be fetched
is retried after 1, 2, 4 … polls (at most MAX_BACKOFF_SECONDS). The watcher writes through the
store it is given: in `eventwire serve` that is the server's writer, and the watcher runs in one of
its threads.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from eventwire.errors import Errors, IngestError, SetupError, StoreError
from eventwire.fetch.client import Fetcher, PageFetcher
from eventwire.fetch.durations import format_duration
from eventwire.fetch.feed import FeedItem, read_feed
from eventwire.fetch.media import body_text
from eventwire.fetch.pages import page_article
from eventwire.fetch.state import MAX_ATTEMPTS, StoreWatchState, WatchState
from eventwire.ingest.options import IngestFailure, IngestOptions, ingest_error
from eventwire.record import Article, Event
from eventwire.store import EventStore

logger = logging.getLogger("eventwire.watch")

MAX_BACKOFF_SECONDS = 6 * 3600
FeedStatus = Literal["fetched", "unchanged", "down", "waiting"]


class PipelineLike(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass(frozen=True)
class WatchOptions:
    every: float = 900.0  # seconds between the starts of two polls
    follow_links: bool = True  # fetch the page of an item that carries only a teaser
    max_pages: int = 20  # pages fetched per poll, over all feeds
    max_items: int | None = None  # new items handled per feed per poll; the rest wait for the next
    ingest: IngestOptions = field(default_factory=IngestOptions)

    def __post_init__(self) -> None:
        if self.every <= 0 or self.max_pages < 0 or (self.max_items is not None and self.max_items < 1):
            raise ValueError(f"WatchOptions: every > 0, max_pages >= 0 and max_items >= 1 are needed: {self}")


@dataclass
class FeedPoll:
    """What one poll did with one feed."""

    feed: str
    status: FeedStatus = "fetched"
    new: int = 0  # articles stored
    events: int = 0  # events stored with them
    skipped: int = 0  # items seen before, or whose article was in the store already
    deferred: int = 0  # items left for a later poll (a cap was reached, or the watch is stopping)
    failures: list[IngestFailure] = field(default_factory=list)
    retry_in: int = 0  # for a feed that is down: polls skipped before the next try


@dataclass
class PollResult:
    """One poll over every feed; `line()` is the one line `eventwire watch` prints for it."""

    number: int
    started: dt.datetime
    feeds: list[FeedPoll] = field(default_factory=list)
    stopped: bool = False  # the stop event was set during the poll: some items may wait

    def _total(self, name: str) -> int:
        return sum(int(getattr(feed, name)) for feed in self.feeds)

    @property
    def new(self) -> int:
        return self._total("new")

    @property
    def events(self) -> int:
        return self._total("events")

    @property
    def skipped(self) -> int:
        return self._total("skipped")

    @property
    def deferred(self) -> int:
        return self._total("deferred")

    @property
    def failures(self) -> list[IngestFailure]:
        return [failure for feed in self.feeds for failure in feed.failures]

    def line(self) -> str:
        parts = [
            f"{self.new} new ({self.events} events)",
            f"{self.skipped} skipped",
            f"{len(self.failures)} failed",
        ]
        if self.deferred:
            parts.append(f"{self.deferred} left for the next poll")
        for status, words in (("unchanged", "unchanged (304)"), ("waiting", "down, waiting")):
            count = sum(1 for feed in self.feeds if feed.status == status)
            if count:
                parts.append(f"{count} feed{'s' if count > 1 else ''} {words}")
        text = f"{self.started:%Y-%m-%d %H:%M:%S} poll {self.number}: {', '.join(parts)}"
        named = [
            f"{failure.path} [{failure.code}]"
            + (f" (next try in {feed.retry_in + 1} polls)" if feed.retry_in else "")
            for feed in self.feeds
            for failure in feed.failures
        ]
        return f"{text}: {'; '.join(named)}" if named else text


class Watcher:
    """Polls `feeds` into `store` through `pipeline`. Constructing it fetches and opens nothing."""

    def __init__(
        self,
        store: EventStore,
        pipeline: PipelineLike,
        feeds: Sequence[str],
        *,
        options: WatchOptions | None = None,
        fetcher: PageFetcher | None = None,
        state: WatchState | None = None,
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.feeds = list(dict.fromkeys(feeds))
        self.options = options or WatchOptions()
        self._own_fetcher: Fetcher | None = None
        if fetcher is None:
            fetcher = self._own_fetcher = Fetcher()
        self.fetcher = fetcher
        self.state: WatchState = state or StoreWatchState(store)
        self.polls = 0
        self._down: dict[str, tuple[int, int]] = {}  # feed -> (failures in a row, first poll to retry)
        self._pages_left = 0

    def close(self) -> None:
        """Close the fetcher the watcher made itself (one passed in belongs to the caller)."""
        if self._own_fetcher is not None:
            self._own_fetcher.close()

    def run(self, stop: threading.Event, on_poll: Callable[[PollResult], None] | None = None) -> None:
        """Poll until `stop` is set; each result goes to `on_poll` (default: the 'eventwire.watch' log).

        Feeds that fail are retried later; only SetupError (the model or gazetteer cannot load) and
        StoreError (the store cannot be written) end the loop, since no later poll could succeed.
        """
        report = on_poll or _log_poll
        try:
            while not stop.is_set():
                started = time.monotonic()
                report(self.poll_once(stop))
                stop.wait(max(0.0, self.options.every - (time.monotonic() - started)))
        finally:
            self.close()

    def poll_once(self, stop: threading.Event | None = None) -> PollResult:
        """Poll every feed once (a feed that is down is skipped while it waits out its back-off)."""
        stop = stop or threading.Event()
        self.polls += 1
        self._pages_left = self.options.max_pages if self.options.follow_links else 0
        result = PollResult(self.polls, dt.datetime.now().astimezone())
        for feed in self.feeds:
            if stop.is_set():
                break
            result.feeds.append(self._poll_feed(feed, stop))
        result.stopped = stop.is_set()
        return result

    def _poll_feed(self, feed: str, stop: threading.Event) -> FeedPoll:
        failures, retry_at = self._down.get(feed, (0, 0))
        if self.polls < retry_at:
            return FeedPoll(feed, status="waiting", retry_in=retry_at - self.polls)
        try:
            poll = self._read_feed(feed, stop)
        except IngestError as exc:
            poll = FeedPoll(feed, status="down", failures=[IngestFailure.from_error(exc, feed)])
        except (SetupError, StoreError):
            raise
        except Exception as exc:
            # One feed's surprise (a parser bug, an odd server) must not end a watch that runs for days.
            error = ingest_error(Errors.E010, feed, detail=f"unexpected {type(exc).__name__}: {exc}")
            poll = FeedPoll(feed, status="down", failures=[IngestFailure.from_error(error, feed)])
        if poll.status == "down":
            failures += 1
            poll.retry_in = self._backoff_polls(failures)
            self._down[feed] = (failures, self.polls + 1 + poll.retry_in)
        else:
            self._down.pop(feed, None)
        return poll

    def _backoff_polls(self, failures: int) -> int:
        """Polls to skip after `failures` failures in a row: 0, 1, 3, 7 … (waits of 1, 2, 4, 8 polls)."""
        cap = max(0, int(MAX_BACKOFF_SECONDS // max(self.options.every, 1.0)) - 1)
        return min((1 << min(failures - 1, 30)) - 1, cap)

    def _read_feed(self, feed: str, stop: threading.Event) -> FeedPoll:
        fetched = self.fetcher.fetch(feed, kind="feed", validators=self.state.validators(feed))
        poll = FeedPoll(feed)
        if fetched.not_modified:
            poll.status = "unchanged"
            return poll
        items = read_feed(body_text(fetched), feed, self.options.ingest, base=fetched.url)
        settled = self.state.settled(feed, [item.key for item in items])
        keys_of: dict[str, list[str]] = {}  # article id -> the items that gave it, settled once stored
        retry_left = 0

        def fresh() -> Iterator[Article]:
            nonlocal retry_left
            taken = 0
            for item in items:
                if item.key in settled:
                    poll.skipped += 1
                    continue
                limit = self.options.max_items
                if stop.is_set() or (limit is not None and taken >= limit):
                    poll.deferred += 1
                    continue
                taken += 1
                article = self._article(item)
                if article is None:
                    poll.deferred += 1
                elif isinstance(article, IngestFailure):
                    attempts = self.state.record_failure(feed, item.key, article.code)
                    if attempts < MAX_ATTEMPTS:
                        retry_left += 1
                    else:
                        note = f" Given up after {attempts} attempts."
                        article = IngestFailure(article.path, article.code, article.message + note)
                    poll.failures.append(article)
                elif article.id in keys_of:
                    keys_of[article.id].append(item.key)  # the same text twice in one feed
                    poll.skipped += 1
                elif self.store.has_article(article.id):
                    self.state.settle(feed, item.key, "duplicate", article.id)
                    poll.skipped += 1
                else:
                    keys_of[article.id] = [item.key]
                    yield article

        for article, events in self.pipeline.run(fresh()):
            try:
                new = self.store.add(article, events)
            except StoreError as exc:
                poll.failures.append(IngestFailure(article.url or article.id, "E043", str(exc)))
                retry_left += 1
                continue
            for key in keys_of[article.id]:
                self.state.settle(feed, key, "stored" if new else "duplicate", article.id)
            if new:
                poll.new += 1
                poll.events += len(events)
            else:
                poll.skipped += 1
        if not poll.deferred and not retry_left and fetched.validators:
            self.state.save_validators(feed, fetched.validators)
        return poll

    def _article(self, item: FeedItem) -> Article | IngestFailure | None:
        """The item's article: its page when it carries only a teaser (None: no page budget left)."""
        if item.full_text or not self.options.follow_links or item.link is None:
            return item.article
        if self._pages_left <= 0:
            return None
        self._pages_left -= 1
        try:
            fetched = self.fetcher.fetch(item.link, kind="page")
            return page_article(
                fetched,
                title=item.title,
                published=item.published,
                outlet=item.outlet,
                default_published=self.options.ingest.published,
            )
        except IngestError as exc:
            return IngestFailure.from_error(exc, item.link)


def _log_poll(result: PollResult) -> None:
    logger.info("%s", result.line())
    for failure in result.failures:
        logger.warning("%s", failure.message)


def describe(watcher: Watcher) -> str:
    """'Watching 2 feeds every 15m': the line `eventwire watch` starts with."""
    count = len(watcher.feeds)
    return f"Watching {count} feed{'s' if count != 1 else ''} every {format_duration(watcher.options.every)}"
