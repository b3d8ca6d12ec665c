"""`eventwire watch` through the CLI, against a feed and pages served on 127.0.0.1.

CliRunner runs the command in-process with a stand-in pipeline; the SIGTERM tests run the real
`eventwire` CLI in a subprocess (tests/store_harness.py swaps in its small deterministic pipeline)
and stop it the way a service manager does.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import _common, app
from eventwire.store import EventStore
from tests.fetch_helpers import Item, OneEventPipeline, Route, Site, page, rss, running_site

runner = CliRunner()
HARNESS = Path(__file__).with_name("store_harness.py")
TOWNS = ("Gao", "Menaka", "Kidal", "Mopti", "Timbuktu", "Douentza")


def story(town: str) -> list[str]:
    return [
        f"Gunmen attacked an army post near {town} on Sunday, killing soldiers, the army said.",
        f"Residents of {town} said the attackers came on motorbikes before dawn.",
        "No group has claimed responsibility for the attack so far.",
    ]


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as served:
        items = []
        for n, town in enumerate(TOWNS):
            served.routes[f"/{town.lower()}.html"] = Route(page(f"Attack near {town}", story(town)))
            items.append(
                Item(
                    f"Attack near {town}",
                    link=served.url(f"/{town.lower()}.html"),
                    summary=f"Soldiers were killed near {town}.",
                    published=dt.datetime(2024, 5, 1 + n, 8, 0, tzinfo=dt.UTC),
                )
            )
        served.routes["/feed.xml"] = Route(
            rss("Sahel Monitor", items), content_type="application/rss+xml", etag='"1"'
        )
        yield served


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> OneEventPipeline:
    fake = OneEventPipeline()
    monkeypatch.setattr(_common, "make_pipeline", lambda settings: fake)
    return fake


def test_cli_watch_once_stores_then_refetches_nothing(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    db = str(tmp_path / "events.duckdb")
    first = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once"])
    assert first.exit_code == 0, first.output
    assert "poll 1: 6 new (6 events), 0 skipped, 0 failed" in first.stdout
    assert len(first.stdout.splitlines()) == 1
    with EventStore.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 6
        assert {a.url for a in store.articles()} == {site.url(f"/{t.lower()}.html") for t in TOWNS}
    requests = len(site.requests)
    second = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once"])
    assert second.exit_code == 0, second.output
    assert "0 new (0 events), 0 skipped, 0 failed, 1 feed unchanged (304)" in second.stdout
    assert site.paths()[requests:] == ["/feed.xml"]  # one conditional GET, no page
    assert len(fake_pipeline.coded) == 6


def test_cli_watch_once_changed_feed_fetches_only_the_new_item(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    db = str(tmp_path / "events.duckdb")
    assert runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once"]).exit_code == 0
    site.routes["/gossi.html"] = Route(page("Attack near Gossi", story("Gossi")))
    fresh = Item(
        "Attack near Gossi", link=site.url("/gossi.html"), summary="Soldiers were killed near Gossi."
    )
    old_items = [Item(f"Attack near {t}", link=site.url(f"/{t.lower()}.html"), summary="x") for t in TOWNS]
    site.routes["/feed.xml"] = Route(
        rss("Sahel Monitor", [fresh, *old_items]), content_type="application/rss+xml", etag='"2"'
    )
    requests = len(site.requests)
    result = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once"])
    assert result.exit_code == 0, result.output
    assert "1 new (1 events), 6 skipped, 0 failed" in result.stdout
    assert site.paths()[requests:] == ["/feed.xml", "/gossi.html"]


def test_cli_watch_page_failure_is_named_and_others_land(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    del site.routes["/kidal.html"]
    db = str(tmp_path / "events.duckdb")
    result = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once"])
    assert result.exit_code == 1, result.output
    assert f"5 new (5 events), 0 skipped, 1 failed: {site.url('/kidal.html')} [E061]" in result.stdout
    assert f"[E061] {site.url('/kidal.html')}: the server answered HTTP 404 Not Found" in result.stderr
    with EventStore.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 5


def test_cli_watch_feed_down_is_a_named_failure(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        ["watch", site.url("/gone.xml"), site.url("/feed.xml"), "--db", str(tmp_path / "e.duckdb"), "--once"],
    )
    assert result.exit_code == 1
    assert f"6 new (6 events), 0 skipped, 1 failed: {site.url('/gone.xml')} [E061]" in result.stdout


def test_cli_watch_no_follow_links_codes_the_teasers(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    args = ["watch", site.url("/feed.xml"), "--db", str(tmp_path / "e.duckdb"), "--once", "--no-follow-links"]
    assert runner.invoke(app, args).exit_code == 0
    assert site.paths() == ["/feed.xml"]


def test_cli_watch_max_items_and_max_pages(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    db = str(tmp_path / "e.duckdb")
    capped = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once", "--max-items", "2"])
    assert "2 new (2 events), 0 skipped, 0 failed, 4 left for the next poll" in capped.stdout
    paged = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once", "--max-pages", "3"])
    assert "3 new (3 events), 2 skipped, 0 failed, 1 left for the next poll" in paged.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--every", "15"], "[E067]"),
        (["--every", "soon"], "[E067]"),
        (["--max-items", "0"], ""),
    ],
)
def test_cli_watch_usage_errors_exit_2(
    tmp_path: Path, fake_pipeline: OneEventPipeline, args: list[str], code: str
) -> None:
    result = runner.invoke(
        app, ["watch", "https://example.org/feed.xml", "--db", str(tmp_path / "e.duckdb"), *args]
    )
    assert result.exit_code == 2 and code in result.output and "Traceback" not in result.output
    assert not (tmp_path / "e.duckdb").exists()


@pytest.mark.parametrize("feed", ["ftp://example.org/feed.xml", "file:///etc/hosts", "feeds/world.xml"])
def test_cli_watch_feed_must_be_http(tmp_path: Path, fake_pipeline: OneEventPipeline, feed: str) -> None:
    result = runner.invoke(app, ["watch", feed, "--db", str(tmp_path / "e.duckdb"), "--once"])
    assert result.exit_code == 2 and "[E060]" in result.stderr


@pytest.mark.slow
def test_cli_watch_real_pipeline_codes_the_fetched_pages(
    site: Site, pipeline: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(_common, "make_pipeline", lambda settings: pipeline)
    db = str(tmp_path / "events.duckdb")
    result = runner.invoke(app, ["watch", site.url("/feed.xml"), "--db", db, "--once", "--max-items", "2"])
    assert result.exit_code == 0, result.output
    with EventStore.open(db, read_only=True) as store:
        events = store.events()
        articles = {article.id: article for article in store.articles()}
    assert {article.title for article in articles.values()} == {"Attack near Gao", "Attack near Menaka"}
    assert {(e.type, e.location.country_code if e.location else None) for e in events} >= {("ASSAULT", "ML")}
    for event in events:
        (report,) = event.reports
        assert report.url == articles[report.article_id].url and report.url.startswith(site.base)


# The real command in a subprocess, stopped with SIGTERM.


class Child:
    """`eventwire watch` run by tests/store_harness.py, its stdout and stderr lines readable as they come."""

    def __init__(self, *args: str, delay: float = 0.0) -> None:
        env = {**os.environ, "STORE_HARNESS_DELAY": str(delay), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(HARNESS), "watch", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=HARNESS.parents[1],
        )
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.seen: list[tuple[str, str]] = []
        assert self.proc.stdout is not None and self.proc.stderr is not None
        for name, stream in (("out", self.proc.stdout), ("err", self.proc.stderr)):
            threading.Thread(target=self._pump, args=(name, stream), daemon=True).start()

    def _pump(self, name: str, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def wait_for(self, stream: str, text: str, timeout: float = 60) -> str:
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                try:
                    name, line = self.lines.get(timeout=0.5)
                except queue.Empty:
                    assert self.proc.poll() is None, f"exited {self.proc.returncode}: {self.seen}"
                    continue
                self.seen.append((name, line))
                if name == stream and text in line:
                    return line
        finally:
            timer.cancel()
        raise AssertionError(f"no {text!r} on std{stream} within {timeout} s: {self.seen}")

    def stop(self, timeout: float = 30) -> int:
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


def table(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.slow
def test_cli_watch_sigterm_mid_poll_leaves_whole_articles_and_resumes(site: Site, tmp_path: Path) -> None:
    db, reference = tmp_path / "events.duckdb", tmp_path / "reference.duckdb"
    child = Child(site.url("/feed.xml"), "--db", str(db), "--every", "1h", delay=0.3)
    child.wait_for("err", "extracted ")  # the first article is being coded: stop now
    assert child.stop() == 0, child.seen
    assert any("Stopped." in line for _, line in child.seen)
    stored = {article_id for (article_id,) in table(db, "SELECT id FROM articles")}
    assert 1 <= len(stored) < len(TOWNS), "stopped between items, not before the first or after the last"
    settled = table(db, "SELECT article_id FROM watch_items WHERE outcome = 'stored'")
    assert {article_id for (article_id,) in settled} == stored  # no item marked done without its article
    pages_before = sum(site.hits(f"/{t.lower()}.html") for t in TOWNS)

    resumed = subprocess.run(
        [sys.executable, str(HARNESS), "watch", site.url("/feed.xml"), "--db", str(db), "--once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(TOWNS) - len(stored)} new" in resumed.stdout and f"{len(stored)} skipped" in resumed.stdout
    # Only the pages of the items not stored yet were fetched again.
    assert sum(site.hits(f"/{t.lower()}.html") for t in TOWNS) <= pages_before + len(TOWNS) - len(stored) + 1

    clean = subprocess.run(
        [sys.executable, str(HARNESS), "watch", site.url("/feed.xml"), "--db", str(reference), "--once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert clean.returncode == 0, clean.stderr
    for sql in ("SELECT id FROM articles ORDER BY id", "SELECT id, record FROM events ORDER BY id"):
        assert table(db, sql) == table(reference, sql)


@pytest.mark.slow
def test_cli_watch_sigterm_while_waiting_for_the_next_poll(site: Site, tmp_path: Path) -> None:
    child = Child(site.url("/feed.xml"), "--db", str(tmp_path / "events.duckdb"), "--every", "1h")
    child.wait_for("out", "poll 1: 6 new")
    assert child.stop(timeout=15) == 0  # not an hour: the wait ends on the signal
    assert table(tmp_path / "events.duckdb", "SELECT count(*) FROM articles") == [(6,)]
