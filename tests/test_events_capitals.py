"""A text written in capitals (wire and radio transcripts, telex archives) is read as if in ordinary
case, and its evidence still quotes it as written."""

from __future__ import annotations

import datetime as dt

from eventwire.ingest import make_article
from eventwire.record import Event

TUESDAY = dt.date(2024, 3, 12)
TEXT = (
    "Gunmen killed five villagers and a policeman in Kano on Monday, police said. "
    "The attackers fled towards the border."
)


def _events(pipeline: object, text: str) -> list[Event]:
    article = make_article(text, published=TUESDAY)
    return pipeline.extract_article(article)  # type: ignore[attr-defined, no-any-return]


def test_a_text_in_capitals_gives_the_event_its_ordinary_case_gives(pipeline: object) -> None:
    ordinary = _events(pipeline, TEXT)
    shouted = _events(pipeline, TEXT.upper())
    assert [(e.type, e.status, e.date.start if e.date else None) for e in shouted] == [
        (e.type, e.status, e.date.start if e.date else None) for e in ordinary
    ]
    assert shouted[0].location is not None and shouted[0].location.name == "Kano"
    assert shouted[0].fatalities is not None and shouted[0].fatalities.best == 5


def test_evidence_quotes_the_text_in_capitals_as_written(pipeline: object) -> None:
    text = TEXT.upper()
    (event, *_) = _events(pipeline, text)
    for evidence in event.evidence:
        assert evidence.sentence == text[evidence.start : evidence.end]
        assert evidence.sentence.isupper()
