"""Quoted vows: a first-person threat in a quotation is the speaker's, even when the quotation runs on
in a paragraph of its own after the attribution."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.ingest import make_article
from eventwire.record import Event

THURSDAY = dt.date(2024, 3, 14)


def _events(pipeline: Any, text: str) -> list[Event]:
    article = make_article(text, title=None, published=THURSDAY).model_copy(update={"language": "en"})
    events: list[Event] = pipeline.extract_article(article)
    return events


def _threats(events: list[Event]) -> list[tuple[list[str], list[str]]]:
    return [
        (
            [a.name for a in e.actors if a.role == "source"],
            [a.name for a in e.actors if a.role == "target"],
        )
        for e in events
        if e.type == "THREATEN"
    ]


def test_events_quote_running_on_in_its_own_paragraph_is_the_speakers(pipeline: Any) -> None:
    text = (
        'Erdogan told his party on Wednesday that he had "made our position clear."\n\n'
        '"First, the attacks must stop. Second, we will take action against the PKK in northern Iraq."'
    )
    threats = _threats(_events(pipeline, text))
    assert any(
        any("Erdo" in s for s in sources) and any("Kurdistan Workers" in t for t in targets)
        for sources, targets in threats
    ), threats


def test_events_quote_after_narrative_has_no_borrowed_speaker(pipeline: Any) -> None:
    text = (
        "Erdogan spoke to his party on Wednesday.\n\n"
        "The meeting lasted two hours.\n\n"
        '"We will take action against the PKK in northern Iraq."'
    )
    assert all(not any("Erdo" in s for s in sources) for sources, _ in _threats(_events(pipeline, text)))


def test_events_past_action_is_not_a_threat(pipeline: Any) -> None:
    events = _events(pipeline, "The government took action against the smugglers last year.")
    assert not [e for e in events if e.type == "THREATEN"]


def test_events_first_person_future_attack_is_a_threat(pipeline: Any) -> None:
    events = _events(pipeline, '"We will strike the terrorists wherever they hide," the army chief said.')
    assert [e.status for e in events if e.type == "THREATEN"] == ["threatened"]
    assert not [e for e in events if e.type == "ASSAULT"]
