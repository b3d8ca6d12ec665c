"""An ingest that loses nothing: `eventwire ingest` killed with SIGKILL again and again, then re-run.

A real `eventwire ingest` subprocess (tests/store_harness.py: the real CLI, readers and store, a
small deterministic stand-in for the NLP stages) ingests a folder of 48 articles plus two copies.
It is killed at seeded random moments spread over the whole batch: while it starts and creates the
file, while it writes an article (its progress lines on stderr say which), after the last article
while it closes and checkpoints, and during re-runs over a complete store. After every kill the
store must hold whole articles only; after the last re-run it must equal a clean reference run,
row for row, ids included.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.record import Event
from eventwire.store import EventStore
from tests.store_harness import events_for

pytestmark = pytest.mark.slow

HARNESS = Path(__file__).with_name("store_harness.py")
ARTICLES = 48
KILLS = 24
SEED = 7
DELAY = 0.03  # seconds of stand-in extraction per article: several commits per run (every 0.25 s)

# Every table, in a stable order; ingested_at is a wall-clock time and is left out.
TABLES = {
    "articles": "SELECT id, url, outlet, title, published, language, text, removed_boilerplate "
    "FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "reports": "SELECT * FROM reports ORDER BY ALL",
    "claims": "SELECT * FROM claims ORDER BY ALL",
    "event_actors": "SELECT * FROM event_actors ORDER BY ALL",
}
TOWNS = ("Gao", "Mopti", "Timbuktu", "Kidal", "Menaka", "Segou", "Douentza", "Tessalit")


def write_corpus(folder: Path) -> None:
    """48 distinct articles, an exact copy of one and a re-wrapped copy of another (same content hash)."""
    rng = random.Random(SEED)
    folder.mkdir()
    for i in range(ARTICLES):
        town = rng.choice(TOWNS)
        paragraphs = [
            f"Gunmen attacked a checkpoint near {town} on Tuesday, killing {rng.randint(2, 40)} soldiers, "
            f"officials said in statement {i}-{j}."
            for j in range(rng.randint(1, 4))
        ]
        body = "\n\n".join(paragraphs)
        (folder / f"a{i:03d}.txt").write_text(f"Attack {i} near {town}\n{body}\n")
    shutil.copy(folder / "a005.txt", folder / "b-copy-of-a005.txt")
    headline, body = (folder / "a007.txt").read_text().split("\n", 1)
    rewrapped = body.replace(" near ", "\nnear ").replace(", ", ",  ")
    (folder / "b-rewrapped-a007.txt").write_text(f"{headline}\n{rewrapped}")


@dataclass
class Ingest:
    """One `eventwire ingest` child; its stderr names each article as it goes to the store."""

    folder: Path
    db: Path
    started: float = field(default_factory=time.monotonic)
    proc: subprocess.Popen[bytes] = field(init=False)
    extracted: int = 0

    def __post_init__(self) -> None:
        env = {**os.environ, "STORE_HARNESS_DELAY": str(DELAY)}
        self.proc = subprocess.Popen(
            [sys.executable, str(HARNESS), "ingest", str(self.folder), "--db", str(self.db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=HARNESS.parent.parent,
        )

    def wait_for_articles(self, count: int) -> None:
        """Block until the child has handed `count` articles to the store (or has ended)."""
        assert self.proc.stderr is not None
        while self.extracted < count:
            line = self.proc.stderr.readline()
            if not line:
                return
            if line.startswith(b"extracted "):
                self.extracted += 1

    def kill(self) -> bool:
        """SIGKILL; True when the child was still running (a real kill, not a finished run)."""
        alive = self.proc.poll() is None
        if alive:
            self.proc.send_signal(signal.SIGKILL)
        self.finish()
        return alive

    def finish(self) -> int:
        assert self.proc.stderr is not None
        self.proc.stderr.read()
        return self.proc.wait(timeout=120)


def run_clean(folder: Path, db: Path) -> tuple[float, float]:
    """A complete run; returns (seconds to its first article, seconds in all)."""
    ingest = Ingest(folder, db)
    ingest.wait_for_articles(1)
    first = time.monotonic() - ingest.started
    assert ingest.finish() == 0
    return first, time.monotonic() - ingest.started


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {table: con.execute(sql).fetchall() for table, sql in TABLES.items()}
    finally:
        con.close()


def assert_whole(db: Path) -> int:
    """Every stored article has all its events, claims and actors, and nothing points nowhere."""
    if not db.exists():
        return 0
    with EventStore.open(db, read_only=True) as store:  # replays a WAL left by the kill
        articles = store.articles()
    tables = dump(db)
    assert len({a.id for a in articles}) == len(articles)
    article_ids = {a.id for a in articles}
    reports = Counter(article_id for _, article_id in tables["reports"])
    for article in articles:
        assert reports[article.id] == len(events_for(article)), f"article {article.id} is half-written"
    event_ids = {row[0] for row in tables["events"]}
    assert {event_id for event_id, _ in tables["reports"]} == event_ids  # no event without a report
    assert {article_id for _, article_id in tables["reports"]} <= article_ids  # nor report without article
    claims = Counter(row[0] for row in tables["claims"])
    actors = Counter(row[0] for row in tables["event_actors"])
    for row in tables["events"]:
        event = Event.model_validate_json(row[-1])
        assert row[1] in article_ids
        figures = [f for f in (event.fatalities, event.injuries) if f is not None]
        assert claims[event.id] == sum(len(f.claims) for f in figures), f"claims of {event.id}"
        assert actors[event.id] == len(event.actors), f"actors of {event.id}"
    assert set(claims) <= event_ids and set(actors) <= event_ids
    return len(articles)


def kill_schedule(rng: random.Random, remaining: int) -> Iterator[tuple[str, int, float]]:
    """(moment, articles to wait for, extra seconds) for the next kill, given what is left to store."""
    while True:
        roll = rng.random()
        if remaining == 0:
            yield "re-run over a complete store", 0, -1.0
        elif roll < 0.2:
            yield "start-up: imports, opening the file, reading inputs", 0, -1.0
        else:
            count = rng.randint(1, min(16, remaining))
            if count < remaining:
                yield "mid-run, articles being extracted and committed", count, rng.uniform(0, 2 * DELAY)
            else:
                # the last commit and the close take a few tenths of a second: kill anywhere in them,
                # and now and then let the run end, so the batch is got through
                yield "after the last article: commit, close", count, rng.uniform(0, 0.5)


def test_store_ingest_killed_24_times_stores_every_article_once_and_whole(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write_corpus(folder)
    reference_db, db = tmp_path / "reference.duckdb", tmp_path / "killed.duckdb"
    to_first, total = run_clean(folder, reference_db)
    reference = dump(reference_db)
    assert len(reference["articles"]) == ARTICLES  # the two copies were stored once
    assert len(reference["events"]) > ARTICLES

    rng = random.Random(SEED)
    moments: Counter[str] = Counter()  # kills that landed, by moment
    tried: Counter[str] = Counter()  # kills attempted (seeded, so the same on every machine)
    wal_seen = 0
    stored = 0
    attempts = 0
    # Land KILLS kills, and go on killing until the batch has been got through once, so the moments
    # at its end are tried however slowly this machine commits.
    while sum(moments.values()) < KILLS or stored < ARTICLES:
        attempts += 1
        assert attempts < 4 * KILLS, f"could not land {KILLS} kills and finish: {moments}, {stored} stored"
        moment, wait_for, extra = next(kill_schedule(rng, ARTICLES - stored))
        tried[moment] += 1
        ingest = Ingest(folder, db)
        if wait_for:
            ingest.wait_for_articles(wait_for)
            time.sleep(extra)
        else:
            time.sleep(rng.uniform(0, to_first))  # somewhere in start-up
        if ingest.kill():
            moments[moment] += 1
        wal_seen += db.with_name(db.name + ".wal").exists()
        now = assert_whole(db)
        assert now >= stored  # a kill never takes back what was committed
        stored = now

    done = Ingest(folder, db)
    assert done.finish() == 0
    assert assert_whole(db) == ARTICLES
    assert dump(db) == reference  # same rows, same ids as the clean run

    print(f"\nclean run {total:.2f}s; kills by moment: {dict(moments)}; WAL left by {wal_seen} kills")
    assert moments["mid-run, articles being extracted and committed"] >= KILLS // 3
    # Whether a start-up or a last-article kill lands before the process exits depends on the
    # machine's speed; every moment is tried on every machine.
    assert len(tried) >= 3 and len(moments) >= 2
    assert wal_seen > 0  # recovery from the write-ahead log was exercised
