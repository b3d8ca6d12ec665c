"""ACLED types from PLOVER types: ACLED codes what happened on the ground, so some PLOVER events
carry no ACLED type at all (a promise, a boycott, a deployment)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.events.coding import acled_coding
from eventwire.ingest import make_article
from eventwire.record import Event

THURSDAY = dt.date(2024, 3, 14)


@pytest.mark.parametrize(
    ("plover", "mode", "words", "sub_event_type"),
    [
        ("AGREE", None, {"agree"}, "Agreement"),
        ("AGREE", None, {"sign", "deal"}, "Agreement"),
        ("AGREE", None, {"promise"}, None),  # a promise is not an agreement made
        ("AGREE", None, {"invite"}, None),
        ("PROTEST", "boycott", {"boycott"}, None),  # staying away is not a demonstration
        ("PROTEST", "demo", {"march"}, "Peaceful protest"),
        ("MOBILIZE", "troops", {"deploy"}, None),  # where forces go is not what they do
        ("ASSAULT", "aerial", {"strike"}, "Air/drone strike"),
    ],
)
def test_acled_type_of_a_plover_event(
    plover: str, mode: str | None, words: set[str], sub_event_type: str | None
) -> None:
    coding = acled_coding(plover, mode, [], clash=False, words=words)
    assert coding.sub_event_type == sub_event_type
    assert (coding.event_type is None) == (sub_event_type is None)


def _events(pipeline: object, text: str) -> list[Event]:
    return pipeline.extract_article(make_article(text, published=THURSDAY))  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize(
    "text",
    [
        "The army and the rebels agreed a ceasefire in Doha on Tuesday.",
        "The army and the rebels signed a peace agreement in Doha on Tuesday.",
        "A ceasefire between the army and the rebels took effect on Tuesday.",
    ],
)
def test_an_agreement_made_is_an_acled_agreement(pipeline: object, text: str) -> None:
    assert any(e.acled.sub_event_type == "Agreement" for e in _events(pipeline, text))


def test_a_promise_is_coded_in_plover_but_not_as_an_acled_agreement(pipeline: object) -> None:
    events = _events(pipeline, "The governor promised on Tuesday to press the ministry for more electricity.")
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and all(e.acled.event_type is None for e in agree)
