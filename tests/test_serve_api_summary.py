"""GET /api/summary: the toll it reports counts the events that happened, not background or threats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from eventwire.record import Article, Event, EventDate, FigureClaim, Figures, Location
from eventwire.store import EventStore
from tests.serve_helpers import running_server


def _event(article: Article, n: int, status: str, killed: int) -> Event:
    text = f"{killed} killed"
    return Event(
        id=f"ev-{article.id}-{n}",
        type="ASSAULT",
        status=status,  # type: ignore[arg-type]
        date=EventDate(start=dt.date(2024, 3, n), end=dt.date(2024, 3, n), precision="day"),
        location=Location(name="Gao", country_code="ML", lat=16.27, lon=-0.04),
        fatalities=Figures(
            best=killed,
            low=killed,
            high=killed,
            claims=[FigureClaim(value=killed, text=text, span=(0, len(text)))],
        ),
        confidence=0.8,
    )


def test_serve_api_summary_counts_the_dead_of_events_that_occurred_only(tmp_path: Path) -> None:
    article = Article(id="art-gao", title="Gao", published=dt.date(2024, 3, 14), text="x")
    events = [
        _event(article, 1, "occurred", 7),
        _event(article, 2, "historical", 1200),  # "the 2012 war killed about 1,200 people"
        _event(article, 3, "threatened", 50),
    ]
    with EventStore.open(tmp_path / "gao.duckdb") as store:
        store.add(article, events)
    with running_server(tmp_path / "gao.duckdb", read_only=True) as base_url:
        summary = httpx.get(f"{base_url}/api/summary").json()
        listed = httpx.get(f"{base_url}/api/events").json()["items"]
    assert summary["total"] == 3
    assert summary["fatalities"] == 7
    assert sorted(item["fatalities"]["best"] for item in listed) == [7, 50, 1200]  # each event keeps its own
