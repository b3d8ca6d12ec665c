"""Readers while an ingest runs (eventstore.py docstring, "Readers and the writer").

One process owns the file. Inside it, readers use `snapshot()` and see whole articles only, however
the writer goes on: the arrangement `serve` + `watch` will use (the server owns the writer and runs
the watcher in-process). Another process gets E048 naming the owner, or waits with `wait=`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.record import Article
from eventwire.store import EventStore
from tests.store_harness import events_for

HARNESS = Path(__file__).with_name("store_harness.py")
REPO = HARNESS.parent.parent
SCRIPT = Path(sys.executable).parent / "eventwire"  # the installed console script


def article(n: int) -> Article:
    text = f"Gunmen attacked a checkpoint near Gao on Tuesday, killing {n} soldiers."
    return Article(id=f"art-{n:04d}", title=f"Attack {n}", published=dt.date(2021, 3, 4), text=text)


def whole_articles(view: EventStore) -> int:
    """Articles the view sees, after checking each has exactly the events it was stored with."""
    stored = view.articles()
    con = view._db  # the view's own cursor
    reports = Counter(a for (a,) in con.execute("SELECT article_id FROM reports").fetchall())
    for item in stored:
        assert reports[item.id] == len(events_for(item)), f"{item.id} seen half-written"
    orphans = con.execute("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM reports)")
    assert orphans.fetchone() == (0,)
    return len(stored)


def test_store_snapshots_in_the_writing_process_see_whole_articles_only(tmp_path: Path) -> None:
    total = 80
    problems: list[BaseException] = []
    seen: list[int] = []
    with EventStore.open(tmp_path / "events.duckdb") as store:
        writing = threading.Event()
        writing.set()

        def write() -> None:
            try:
                for n in range(total):
                    item = article(n)
                    store.add(item, events_for(item))
            except BaseException as exc:  # pragma: no cover - reported below
                problems.append(exc)
            finally:
                writing.clear()

        def read() -> None:
            last = 0
            try:
                while writing.is_set():
                    with store.snapshot() as view:
                        first = whole_articles(view)
                        time.sleep(0.005)  # the writer commits meanwhile
                        assert whole_articles(view) == first  # one snapshot, one state
                    assert first >= last  # a later snapshot never goes back
                    last = first
                    seen.append(first)
                    time.sleep(0.01)
            except BaseException as exc:
                problems.append(exc)

        threads = [
            threading.Thread(target=write),
            threading.Thread(target=read),
            threading.Thread(target=read),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not problems, problems
        with store.snapshot() as view:
            assert whole_articles(view) == total
    assert len(seen) > 5 and any(0 < n < total for n in seen)  # readers really ran during the writes
    store = EventStore.open(tmp_path / "events.duckdb")
    with store.snapshot() as view, pytest.raises(StoreError, match=r"\[E042\]"):  # a snapshot never writes
        view.add(article(999), [])
    store.close()


def test_store_read_only_open_in_the_writing_process_points_to_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with EventStore.open(path), pytest.raises(StoreError, match=r"\[E040\].*snapshot\(\)"):
        EventStore.open(path, read_only=True)


def _start_ingest(folder: Path, db: Path, delay: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STORE_HARNESS_DELAY": str(delay)}
    proc = subprocess.Popen(
        [sys.executable, str(HARNESS), "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith(b"extracted ")  # it holds the file now
    return proc


@pytest.mark.slow
def test_store_other_processes_get_e048_during_an_ingest_or_wait_for_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(30):
        (folder / f"a{n:02d}.txt").write_text(f"Attack {n}\n{article(n).text}\n")
    db = tmp_path / "events.duckdb"
    # 30 articles at 0.2 s each: the ingest must outlast two cold CLI start-ups (a fresh clone's
    # first runs compile their bytecode), or the second ingest finds the file free
    ingest = _start_ingest(folder, db, delay=0.2)
    try:
        # the real CLI reader: a clear message naming the ingest's process, exit code 2, no traceback
        listing = subprocess.run(
            [str(SCRIPT), "events", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )
        assert listing.returncode == 2, listing.stderr
        assert "[E048]" in listing.stderr and f"PID {ingest.pid}" in listing.stderr
        assert "Traceback" not in listing.stderr
        # a second ingest is refused the same way and writes nothing
        second = subprocess.run(
            [str(SCRIPT), "ingest", str(folder), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )
        assert second.returncode == 2 and "[E048]" in second.stderr
        # a library reader that agrees to wait opens the file once the ingest is done
        started = time.monotonic()
        with EventStore.open(db, read_only=True, wait=60) as reader:
            assert whole_articles(reader) == 30  # it got in once the writer had finished
        assert time.monotonic() - started > 0.2
    finally:
        if ingest.poll() is None:
            ingest.kill()
        ingest.wait(timeout=60)


@pytest.mark.slow
def test_cli_ingest_with_wait_queues_until_the_file_is_free(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"Attack {n}\n{article(n).text}\n")
    db = tmp_path / "events.duckdb"
    holder = EventStore.open(db)  # this test process owns the file for a while
    try:
        queued = subprocess.Popen(
            [sys.executable, str(HARNESS), "ingest", str(folder), "--db", str(db), "--wait", "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        time.sleep(1.5)
        assert queued.poll() is None  # still waiting, not failed
    finally:
        holder.close()
    out, err = queued.communicate(timeout=60)
    assert queued.returncode == 0, err
    assert "new: 3" in out


@pytest.mark.slow
@pytest.mark.parametrize("command", [["events", "--format", "json"], ["export", "--format", "geojson"]])
def test_cli_readers_with_wait_queue_until_the_file_is_free(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "events.duckdb"
    holder = EventStore.open(db)  # this test process writes the file for a while
    try:
        queued = subprocess.Popen(
            [str(SCRIPT), command[0], "--db", str(db), "--wait", "60", *command[1:]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        time.sleep(1.5)
        assert queued.poll() is None  # still waiting, not failed with E048
    finally:
        holder.close()
    out, err = queued.communicate(timeout=60)
    assert queued.returncode == 0, err
    assert out.strip().startswith(("[", "{"))
