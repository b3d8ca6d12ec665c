"""Run the real `eventwire` CLI with a small, deterministic stand-in for the NLP pipeline.

The store tests kill and re-run `eventwire ingest` dozens of times; loading spaCy and the gazetteer
each time would take minutes. Everything else is the real code: argument parsing, the ingest
readers and cleaning, the has-article check, `EventStore.add` and its transactions. Only
`_common.make_pipeline` is replaced, here, in the child process; nothing in the package knows
about it.

    python tests/store_harness.py ingest FOLDER --db FILE

`STORE_HARNESS_DELAY` (seconds per article, default 0) stands in for extraction time, so that a
kill lands while articles are being written rather than after the run ended.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.record import (
    Article,
    Event,
    EventActor,
    EventDate,
    Evidence,
    FigureClaim,
    Figures,
    Location,
    Report,
)
from eventwire.settings import Settings

TYPES = ("ASSAULT", "PROTEST", "THREATEN", "COERCE")
SHARED_EVENTS = 3  # events several articles report (merged), stored once


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _event(article: Article, key: str, n: int) -> Event:
    """An event with claims and actors whose content depends only on the article and `key`."""
    seed = _digest(f"{article.id}:{key}")
    sentence = article.text[:80]
    claims = [
        FigureClaim(
            value=seed % 30 + i, text=f"{seed % 30 + i} people", span=(i, i + 5), article_id=article.id
        )
        for i in range(1 + seed % 3)
    ]
    return Event(
        id=key
        if key.startswith("shared-")
        else hashlib.sha256(f"{article.id}:{key}".encode()).hexdigest()[:20],
        type=TYPES[(seed + n) % len(TYPES)],  # type: ignore[arg-type]
        date=EventDate(start=article.published, precision="day" if article.published else "unknown"),
        location=Location(text="Gao", name="Gao", lat=16.27, lon=-0.04, country="Mali", country_code="ML"),
        actors=[
            EventActor(role="source", name=f"Group {seed % 7}", status="suspected", according_to="police"),
            EventActor(role="target", name="Civilians"),
        ][: 1 + seed % 2],
        fatalities=Figures(best=claims[0].value, claims=claims),
        injuries=Figures(best=1, claims=[FigureClaim(value=1, text="one", span=(0, 3))]) if n == 0 else None,
        evidence=[Evidence(article_id=article.id, sentence=sentence, start=0, end=len(sentence))],
        reports=[Report(article_id=article.id, outlet=article.outlet, url=article.url)],
        confidence=0.6,
    )


def events_for(article: Article) -> list[Event]:
    """0-3 events of the article's own, and for about one article in four a shared (merged) event."""
    seed = _digest(article.id)
    events = [_event(article, f"own-{n}", n) for n in range(seed % 4)]
    if seed % 4 == 1:
        events.append(_event(article, f"shared-{seed % SHARED_EVENTS}", len(events)))
    return events


class HarnessPipeline:
    def __init__(self, delay: float) -> None:
        self.delay = delay

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            if self.delay:
                time.sleep(self.delay)
            # The test reads these lines to kill the process while it writes a chosen article.
            print(f"extracted {article.id}", file=sys.stderr, flush=True)
            yield article, events_for(article)


def _report_peak_rss() -> None:
    """'peak-rss-kb N' on stderr: this program's own peak (VmHWM). getrusage's ru_maxrss cannot tell
    it: a child forked from a big parent (pytest with spaCy loaded) inherits the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print(f"peak-rss-kb {line.split()[1]}", file=sys.stderr, flush=True)


def make_pipeline(settings: Settings) -> HarnessPipeline:
    # At module level so `ingest --workers N` can send it to its worker processes by name.
    return HarnessPipeline(float(os.environ.get("STORE_HARNESS_DELAY", "0") or 0))


def main() -> None:
    from eventwire.cli import _common
    from eventwire.cli import main as cli_main

    if os.environ.get("STORE_HARNESS_PEAK_RSS"):
        atexit.register(_report_peak_rss)

    _common.make_pipeline = make_pipeline  # type: ignore[assignment]
    sys.argv = ["eventwire", *sys.argv[1:]]
    cli_main()


if __name__ == "__main__":
    main()
