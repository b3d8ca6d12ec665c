"""`serve --watch`: the server ingests a loopback feed in a thread while the API answers consistently.

The pipeline is a stand-in that codes three events per article (no model to load); the feed, the
fetcher, the watcher, the store and the API are the real ones. While the watcher writes, a reader
keeps asking the API: every answer must hold whole articles only (three events per stored article),
and never go back in time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from eventwire.fetch import Watcher, WatchOptions
from eventwire.record import Article, Event, EventDate, Evidence, Location
from eventwire.serve import background_server, create_app
from eventwire.serve.watching import watcher_lifespan
from eventwire.store import EventStore
from tests.fetch_helpers import Item, Route, rss, running_site

EVENTS_PER_ARTICLE = 3
ARTICLES = 12
CODING_SECONDS = 0.05  # stands in for extraction time, so reads land between two articles' writes


class ThreeEventPipeline:
    """Three events per article, each article's far from every other's in place and time, so the
    store never merges two articles' events and a stored article always adds exactly three."""

    def __init__(self) -> None:
        self.coded = 0

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            time.sleep(CODING_SECONDS)
            self.coded += 1
            yield article, [self._event(article, self.coded, n) for n in range(EVENTS_PER_ARTICLE)]

    @staticmethod
    def _event(article: Article, index: int, n: int) -> Event:
        sentence = article.text.split(".")[0]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=90 * index)
        return Event(
            id=hashlib.sha256(f"{article.id}:{n}".encode()).hexdigest()[:20],
            type=("ASSAULT", "PROTEST", "COERCE")[n],
            date=EventDate(start=day, end=day, precision="day"),
            location=Location(name=f"Town {index}", lat=0.0, lon=-170.0 + 25 * index),
            evidence=[Evidence(article_id=article.id, sentence=sentence, start=0, end=len(sentence))],
        )


def _feed() -> bytes:
    day = dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC)
    return rss(
        "Sahel wire",
        [
            Item(
                title=f"Attack number {n} near Gao",
                link=f"https://example.org/story-{n}",
                guid=f"story-{n}",
                published=day + dt.timedelta(days=n),
                content=f"<p>Gunmen attacked village {n} near Gao on Monday, killing {n + 2} people, "
                f"officials said. Residents fled to the town of Gao after attack {n}.</p>",
            )
            for n in range(ARTICLES)
        ],
    )


def test_serve_api_watch_ingests_while_answers_stay_whole(tmp_path: Path) -> None:
    db = tmp_path / "watched.duckdb"
    EventStore.open(db).close()
    seen: list[tuple[int, int, int]] = []  # (articles, events in health, events listed)
    polls: list[object] = []
    feed = Route(_feed(), content_type="application/rss+xml")
    with running_site({"/feed.xml": feed}) as site, EventStore.open(db) as store:
        options = WatchOptions(every=3600)
        watcher = Watcher(store, ThreeEventPipeline(), [site.url("/feed.xml")], options=options)
        app = create_app(store, lifespan=watcher_lifespan(watcher, on_poll=polls.append))
        with background_server(app) as server, httpx.Client(base_url=server.url) as client:
            deadline = time.monotonic() + 60
            while True:  # poll the API until the watcher has stored the whole feed
                health = client.get("/api/health").json()
                listed = client.get("/api/events", params={"limit": 1000}).json()
                summary = client.get("/api/summary").json()
                seen.append((health["articles"], health["events"], listed["total"]))
                # Whole articles only: each stored article brings exactly its three events.
                assert health["events"] == EVENTS_PER_ARTICLE * health["articles"]
                assert listed["total"] % EVENTS_PER_ARTICLE == 0
                assert len(listed["items"]) == listed["total"]
                assert summary["total"] % EVENTS_PER_ARTICLE == 0
                if health["articles"] == ARTICLES or time.monotonic() > deadline:
                    break
        hits = site.hits("/feed.xml")
    assert seen[-1] == (ARTICLES, ARTICLES * EVENTS_PER_ARTICLE, ARTICLES * EVENTS_PER_ARTICLE)
    counts = [articles for articles, *_ in seen]
    assert counts == sorted(counts)  # never backwards
    assert len(set(counts)) > 2, "the reads should have landed while the watcher was storing"
    assert len(polls) == 1 and hits == 1
    with EventStore.open(db, read_only=True) as store:
        assert store.counts()["articles"] == ARTICLES  # the server stopped the watcher cleanly


def test_serve_api_watch_refuses_read_only_and_bad_intervals(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    EventStore.open(db).close()
    runner = CliRunner()
    read_only = runner.invoke(
        cli_app, ["serve", "--db", str(db), "--read-only", "--watch", "http://127.0.0.1:9/f"]
    )
    assert read_only.exit_code == 2 and "[E089]" in read_only.stderr
    interval = runner.invoke(
        cli_app, ["serve", "--db", str(db), "--watch", "http://127.0.0.1:9/f", "--every", "15"]
    )
    assert interval.exit_code == 2 and "[E067]" in interval.stderr
    scheme = runner.invoke(cli_app, ["serve", "--db", str(db), "--watch", "file:///etc/passwd"])
    assert scheme.exit_code == 2 and "[E060]" in scheme.stderr
