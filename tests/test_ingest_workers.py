"""`eventwire ingest --workers N`: every core codes, one process writes, and what is stored is the same.

Specification:
- N worker processes store exactly what one process stores: same rows, same ids, and the same
  record for an event several articles report (the last one written wins, so order matters);
- a worker that crashes on an article (a signal, as a native library would) costs that article
  only: it is named (E090), the others are stored; a Python exception on an article is E091;
- input is read as the workers need it, never all at once (bounded memory);
- killed with SIGKILL again and again, `ingest --workers 2` resumes like one process does, and its
  workers do not outlive it; Ctrl-C (SIGINT to the process group) ends the workers too;
- with no --workers, short inputs are coded in this process (worker start-up costs seconds).

The real pipeline runs once (the demo corpus, 1 against 2 workers); the other tests use stand-in
pipelines from this module, which spawned workers import by name.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import eventwire.demo
from eventwire.cli import _common, app
from eventwire.ingest import make_article
from eventwire.record import Article, Event
from eventwire.settings import Settings
from eventwire.workers import POOL_MIN_ARTICLES, WorkerPool, plan_workers
from eventwire.workers import stream as worker_stream
from tests.store_harness import events_for
from tests.test_store_kill_resume import HARNESS, assert_whole, write_corpus

runner = CliRunner()
CRASH, RAISE = "CRASH-THE-WORKER", "RAISE-IN-THE-PIPELINE"


class JitteryPipeline:
    """The store harness's events, after a random pause per article, so workers finish out of order."""

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            time.sleep(random.uniform(0, 0.02))
            if CRASH in article.text:
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file from the test
                os.kill(os.getpid(), signal.SIGSEGV)
            if RAISE in article.text:
                raise ValueError("a stand-in bug")
            yield article, events_for(article)


def jittery_pipeline(settings: Settings) -> JitteryPipeline:
    return JitteryPipeline()


def _ingest(folder: Path, db: Path, *flags: str) -> Any:
    return runner.invoke(app, ["ingest", str(folder), "--db", str(db), *flags])


_CLOCK_COLUMNS = {"ingested_at", "updated_at"}  # when a row was written, not what it says


def dump_store(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the store (merge bookkeeping included), rows sorted, wall-clock columns left out."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [name for (name,) in con.execute("SHOW TABLES").fetchall()]
        dumped = {}
        for table in tables:
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c not in _CLOCK_COLUMNS)
            dumped[table] = con.execute(f"SELECT {kept} FROM {table} ORDER BY ALL").fetchall()
        return dumped
    finally:
        con.close()


@pytest.fixture
def jittery(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "make_pipeline", jittery_pipeline)


@pytest.mark.slow
def test_ingest_workers_real_pipeline_two_processes_store_what_one_stores(tmp_path: Path) -> None:
    corpus = str(eventwire.demo.CORPUS_DIR)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert _ingest(Path(corpus), one, "--workers", "1").exit_code == 0
    result = _ingest(Path(corpus), two, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "Coding with 2 worker processes" in result.output
    stored = dump_store(two)
    assert len(stored["articles"]) == 15 and len(stored["events"]) > 15
    assert stored == dump_store(one)


def test_ingest_workers_three_processes_store_the_same_rows_in_the_same_order(
    tmp_path: Path, jittery: None
) -> None:
    folder = tmp_path / "news"
    write_corpus(folder)  # 48 articles, two copies, and events shared by several articles
    one, three = tmp_path / "one.duckdb", tmp_path / "three.duckdb"
    assert _ingest(folder, one, "--workers", "1").exit_code == 0
    result = _ingest(folder, three, "--workers", "3")
    assert result.exit_code == 0, result.output
    assert "Articles read: 50 (new: 48, already stored: 2)" in result.output
    assert dump_store(three) == dump_store(one)


def test_ingest_workers_a_crash_and_an_exception_cost_one_article_each(tmp_path: Path, jittery: None) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(30):
        marker = CRASH if i == 11 else RAISE if i == 20 else ""
        body = (
            f"Gunmen attacked a police post near the town of Gao on Tuesday, officials said ({i}). {marker}"
        )
        (folder / f"a{i:02d}.txt").write_text(f"Report {i}\n{body}\n")
    db = tmp_path / "events.duckdb"
    result = _ingest(folder, db, "--workers", "2")
    assert result.exit_code == 1, result.output
    assert "Failures: 2" in result.output  # and no other: the texts are English
    assert "[E090]" in result.output and "Report 11" in result.output and "SIGSEGV" in result.output
    assert "[E091]" in result.output and "Report 20" in result.output and "a stand-in bug" in result.output
    con = duckdb.connect(str(db), read_only=True)
    titles = {title for (title,) in con.execute("SELECT title FROM articles").fetchall()}
    con.close()
    assert titles == {f"Report {i}" for i in range(30)} - {"Report 11", "Report 20"}


def test_ingest_workers_read_input_only_as_far_as_the_window() -> None:
    pulled = 0

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield make_article(f"Gunmen attacked a post near Gao ({i}).", title=f"Report {i}")

    with WorkerPool(jittery_pipeline, Settings(), 2, chunk_articles=4) as pool:
        outcomes = pool.run(articles())
        first = next(outcomes)
        assert isinstance(first, tuple) and first[0].title == "Report 0"
        # the window (4 chunks a worker) plus the chunk being read
        assert pulled <= (pool.window + 1) * 4
        following = [next(outcomes) for _ in range(39)]
        assert [o[0].title for o in following] == [f"Report {i}" for i in range(1, 40)]  # type: ignore[index]
        assert pulled <= 40 + (pool.window + 1) * 4
        outcomes.close()  # stopping early, as Ctrl-C does: the pool ends its busy workers
    assert pulled < 100


def test_ingest_workers_default_is_one_process_for_a_short_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_stream, "available_cores", lambda: 4)
    short = [make_article(f"Text {i}.", title=f"T{i}") for i in range(POOL_MIN_ARTICLES - 1)]
    long = [make_article(f"Text {i}.", title=f"T{i}") for i in range(POOL_MIN_ARTICLES + 5)]
    workers, stream = plan_workers(None, short)
    assert workers == 1 and list(stream) == short
    workers, stream = plan_workers(None, iter(long))
    assert workers == 4 and list(stream) == long  # the articles read ahead come back first, in order
    workers, stream = plan_workers(2, short)
    assert workers == 2 and list(stream) == short


# --- killed, interrupted -----------------------------------------------------------------------


class _Child:
    """`eventwire ingest --workers 2` through the store harness, its processes marked for /proc."""

    def __init__(self, folder: Path, db: Path, delay: float = 0.03) -> None:
        self.marker = f"WORKERS_TEST_RUN={uuid.uuid4().hex}"
        key, value = self.marker.split("=")
        env = {**os.environ, "STORE_HARNESS_DELAY": str(delay), key: value}
        self.proc = subprocess.Popen(
            [sys.executable, str(HARNESS), "ingest", str(folder), "--db", str(db), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=HARNESS.parent.parent,
            start_new_session=True,  # its own process group, as a shell gives a command
        )
        self.extracted = 0

    def wait_for_articles(self, count: int) -> None:
        assert self.proc.stderr is not None
        while self.extracted < count:
            line = self.proc.stderr.readline()
            if not line:
                return
            self.extracted += line.startswith(b"extracted ")

    def finish(self, timeout: float = 120) -> int:
        assert self.proc.stderr is not None
        self.proc.stderr.read()  # end of file once the parent and every worker have exited
        return self.proc.wait(timeout=timeout)

    def survivors(self) -> list[int]:
        """Processes still carrying this run's marker (the workers inherit the environment)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if self.marker.encode() in (entry / "environ").read_bytes().split(b"\0"):
                        found.append(int(entry.name))
                except OSError:
                    continue
        return found

    def assert_no_survivors(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while (left := self.survivors()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not left, f"worker processes outlived the run: {left}"


@pytest.mark.slow
def test_ingest_workers_killed_again_and_again_resumes_and_leaves_no_workers(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_corpus(folder)
    reference, db = tmp_path / "reference.duckdb", tmp_path / "killed.duckdb"
    assert _Child(folder, reference).finish() == 0
    rng = random.Random(11)
    stored = kills = 0
    while stored < 48 and kills < 5:
        child = _Child(folder, db)
        child.wait_for_articles(rng.randint(4, 24))
        time.sleep(rng.uniform(0, 0.1))
        if child.proc.poll() is None:
            os.kill(child.proc.pid, signal.SIGKILL)  # the parent only: its workers must notice alone
            kills += 1
        child.finish()
        child.assert_no_survivors()
        now = assert_whole(db)
        assert now >= stored
        stored = now
    assert kills >= 3
    assert _Child(folder, db).finish() == 0
    assert dump_store(db) == dump_store(reference)


@pytest.mark.slow
def test_ingest_workers_ctrl_c_ends_the_workers_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_corpus(folder)
    reference, db = tmp_path / "reference.duckdb", tmp_path / "interrupted.duckdb"
    assert _Child(folder, reference, delay=0).finish() == 0
    child = _Child(folder, db, delay=0.1)
    child.wait_for_articles(10)
    os.killpg(child.proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole group
    code = child.finish(timeout=30)
    assert code != 0
    child.assert_no_survivors(seconds=10)
    assert assert_whole(db) < 48
    assert _Child(folder, db, delay=0).finish() == 0
    assert dump_store(db) == dump_store(reference)


def test_ingest_one_process_names_the_article_the_pipeline_raised_on(tmp_path: Path, jittery: None) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(12):
        marker = RAISE if i == 5 else ""
        body = (
            f"Gunmen attacked a police post near the town of Gao on Tuesday, officials said ({i}). {marker}"
        )
        (folder / f"a{i:02d}.txt").write_text(f"Report {i}\n{body}\n")
    result = _ingest(folder, tmp_path / "events.duckdb", "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "Articles read: 12 (new: 11, already stored: 0)" in result.output
    assert "Failures: 1" in result.output and "[E091]" in result.output and "Report 5" in result.output
