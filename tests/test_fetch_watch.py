"""The Watcher library object over a real loopback feed: what a poll fetches, stores, skips and retries."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventwire.fetch import Fetcher, FetchLimits, MemoryWatchState, PollResult, Watcher, WatchOptions
from eventwire.fetch.state import MAX_ATTEMPTS
from eventwire.record import Article, Event
from eventwire.store import EventStore
from tests.fetch_helpers import Item, OneEventPipeline, Route, Site, one_event, page, rss, running_site

MONDAY = dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.UTC)
LONG_STORY = " ".join(
    f"Paragraph {n}: soldiers and gunmen exchanged fire near Menaka for several hours, residents said."
    for n in range(20)
)


GAO = [
    "Gunmen killed five soldiers at a checkpoint near Gao on Sunday, the army said.",
    "The attackers arrived on motorbikes and fled towards the border, a local official said.",
    "No group has claimed the attack, the third on the road this month.",
]
BAMAKO = [
    "Thousands of people marched through Bamako on Friday to protest against fuel prices.",
    "Police fired tear gas near the national assembly, witnesses said.",
    "The organisers called for a second march next week.",
]


def pages(site: Site) -> dict[str, Route]:
    return {
        "/a.html": Route(page("Gunmen kill five near Gao", GAO)),
        "/b.html": Route(page("Protest in Bamako", BAMAKO)),
    }


def feed_items(site: Site) -> list[Item]:
    return [
        Item(
            "Five killed near Gao",
            link=site.url("/a.html"),
            summary="Gunmen struck near Gao.",
            published=MONDAY,
        ),
        Item("Bamako march", link=site.url("/b.html"), summary="Thousands marched.", guid="urn:bamako-march"),
        Item("Clashes near Menaka", link=site.url("/c.html"), content=f"<p>{LONG_STORY}</p>"),
    ]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as served:
        served.routes.update(pages(served))
        served.routes["/feed.xml"] = Route(
            rss("Sahel Monitor", feed_items(served)), content_type="application/rss+xml", etag='"v1"'
        )
        yield served


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore.open(tmp_path / "events.duckdb") as opened:
        yield opened


def watcher(
    store: EventStore, site: Site, *feeds: str, **options: object
) -> tuple[Watcher, OneEventPipeline]:
    pipeline = OneEventPipeline()
    urls = [site.url(feed) for feed in feeds or ("/feed.xml",)]
    fetcher = Fetcher(FetchLimits(read_timeout=2, connect_timeout=2))
    return Watcher(store, pipeline, urls, options=WatchOptions(**options), fetcher=fetcher), pipeline  # type: ignore[arg-type]


def test_watch_first_poll_stores_every_item_fetching_only_teasers(site: Site, store: EventStore) -> None:
    watch, pipeline = watcher(store, site)
    result = watch.poll_once()
    assert (result.new, result.events, result.skipped, result.failures) == (3, 3, 0, [])
    assert site.hits("/a.html") == site.hits("/b.html") == 1
    assert site.hits("/c.html") == 0  # the item carries the whole story
    by_title = {article.title: article for article in store.articles()}
    gao = by_title["Gunmen kill five near Gao"]
    assert (
        gao.url == site.url("/a.html")
        and gao.published == dt.date(2024, 5, 6)
        and gao.outlet == "Sahel Monitor"
    )
    assert by_title["Clashes near Menaka"].text.startswith("Paragraph 0")
    assert sorted(pipeline.coded, key=str) == sorted(by_title, key=str)


def test_watch_second_poll_of_unchanged_feed_is_one_304(site: Site, store: EventStore) -> None:
    watch, pipeline = watcher(store, site)
    watch.poll_once()
    before = len(site.requests)
    result = watch.poll_once()
    assert site.paths()[before:] == ["/feed.xml"]
    assert site.requests[-1].headers["if-none-match"] == '"v1"'
    assert result.feeds[0].status == "unchanged" and result.new == 0
    assert "1 feed unchanged (304)" in result.line()
    assert len(pipeline.coded) == 3


def test_watch_restart_without_etag_refetches_no_item(site: Site, store: EventStore) -> None:
    site.routes["/feed.xml"].etag = None  # a server without conditional GET
    watcher(store, site)[0].poll_once()
    before = len(site.requests)
    again, pipeline = watcher(store, site)  # a new process: the memory is in the store
    result = again.poll_once()
    assert site.paths()[before:] == ["/feed.xml"]
    assert (result.new, result.skipped) == (0, 3) and pipeline.coded == []


def test_watch_item_whose_page_fails_is_named_and_others_land(site: Site, store: EventStore) -> None:
    del site.routes["/b.html"]
    watch, _ = watcher(store, site)
    result = watch.poll_once()
    assert result.new == 2
    (failure,) = result.failures
    assert failure.path == site.url("/b.html") and failure.code == "E061"
    assert f"{site.url('/b.html')} [E061]" in result.line()
    assert store.counts()["articles"] == 2


def test_watch_failed_page_is_retried_then_given_up(site: Site, store: EventStore) -> None:
    del site.routes["/b.html"]
    watch, _ = watcher(store, site)
    results = [watch.poll_once() for _ in range(MAX_ATTEMPTS + 1)]
    # The feed's ETag is kept back while an item waits for a retry, so each poll reads the feed again.
    assert site.hits("/b.html") == MAX_ATTEMPTS
    assert "Given up after 3 attempts" in results[MAX_ATTEMPTS - 1].failures[0].message
    assert results[-1].failures == [] and results[-1].feeds[0].status == "unchanged"


def test_watch_page_recovers_on_a_retry(site: Site, store: EventStore) -> None:
    saved = site.routes.pop("/b.html")
    watch, _ = watcher(store, site)
    assert len(watch.poll_once().failures) == 1
    site.routes["/b.html"] = saved
    result = watch.poll_once()
    assert (result.new, result.skipped, result.failures) == (1, 2, [])


def test_watch_page_cap_defers_the_rest_to_the_next_poll(site: Site, store: EventStore) -> None:
    watch, _ = watcher(store, site, max_pages=1)
    first = watch.poll_once()
    assert (first.new, first.deferred) == (2, 1) and "1 left for the next poll" in first.line()
    second = watch.poll_once()
    assert (second.new, second.skipped, second.deferred) == (1, 2, 0)
    assert site.hits("/a.html") + site.hits("/b.html") == 2
    assert watch.poll_once().feeds[0].status == "unchanged"


def test_watch_max_items_per_feed(site: Site, store: EventStore) -> None:
    watch, _ = watcher(store, site, max_items=2)
    assert (watch.poll_once().new, watch.poll_once().new) == (2, 1)


def test_watch_without_follow_links_codes_the_teaser(site: Site, store: EventStore) -> None:
    watch, _ = watcher(store, site, follow_links=False)
    assert watch.poll_once().new == 3
    assert site.hits("/a.html") == site.hits("/b.html") == 0
    assert "Gunmen struck near Gao." in {article.text for article in store.articles()}


def test_watch_article_already_stored_is_skipped_without_coding(site: Site, store: EventStore) -> None:
    first, _ = watcher(store, site, follow_links=False)
    first.poll_once()
    other = Route(rss("Mirror", feed_items(site)[2:]), content_type="application/rss+xml")
    site.routes["/mirror.xml"] = other
    mirror, pipeline = watcher(store, site, "/mirror.xml")
    result = mirror.poll_once()
    assert (result.new, result.skipped) == (0, 1) and pipeline.coded == []


def test_watch_feed_that_is_down_backs_off_and_recovers(site: Site, store: EventStore) -> None:
    working = site.routes["/feed.xml"]
    site.routes["/feed.xml"] = Route(b"down", status=503)
    site.routes["/other.xml"] = Route(rss("Other", []), content_type="application/rss+xml")
    watch, _ = watcher(store, site, "/feed.xml", "/other.xml")
    statuses = []
    for _ in range(4):
        result = watch.poll_once()
        statuses.append(result.feeds[0].status)
        assert result.feeds[1].feed.endswith("/other.xml")  # the other feed is polled all along
    # Waits of 1, 2, then 4 polls after the first, second and third failures in a row.
    assert statuses == ["down", "down", "waiting", "down"]
    assert site.hits("/feed.xml") == 3 and site.hits("/other.xml") == 4
    site.routes["/feed.xml"] = working
    while (result := watch.poll_once()).feeds[0].status == "waiting":
        pass
    assert result.new == 3 and watch.poll_once().feeds[0].status == "unchanged"


def test_watch_feed_failure_line_names_it(site: Site, store: EventStore) -> None:
    watch, _ = watcher(store, site, "/nowhere.xml")
    result = watch.poll_once()
    assert result.feeds[0].status == "down" and result.new == 0
    assert f"{site.url('/nowhere.xml')} [E061]" in result.line()


class StoppingPipeline(OneEventPipeline):
    """Sets the stop event while the first article is coded, as a SIGTERM arriving then would."""

    def __init__(self, stop: threading.Event) -> None:
        super().__init__()
        self.stop = stop

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            self.coded.append(article.title)
            self.stop.set()
            yield article, [one_event(article)]


def test_watch_stop_ends_between_items_and_the_rest_wait(site: Site, store: EventStore) -> None:
    stop = threading.Event()
    watch = Watcher(store, StoppingPipeline(stop), [site.url("/feed.xml")], state=MemoryWatchState())
    first = watch.poll_once(stop)
    assert first.stopped and (first.new, first.deferred) == (1, 2)
    assert store.counts()["articles"] == 1
    second = watch.poll_once()  # the feed is read again: its ETag was kept back
    assert (second.new, second.skipped) == (2, 1)


def test_watch_run_polls_until_stopped(site: Site, store: EventStore) -> None:
    watch, _ = watcher(store, site, every=0.05)
    stop, two_polls = threading.Event(), threading.Event()
    results: list[PollResult] = []

    def collect(result: PollResult) -> None:
        results.append(result)
        if len(results) >= 2:
            two_polls.set()

    thread = threading.Thread(target=watch.run, args=(stop, collect))
    thread.start()
    assert two_polls.wait(20)
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    assert results[0].new == 3 and all(r.new == 0 for r in results[1:])
