"""The events stage, specified by sentences an analyst would code by hand.

Each row: a short news text, its publication date, and the coding expected of its main event.
Names are matched as substrings of the canonical actor names, case-insensitively.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.record import Event

THURSDAY = dt.date(2024, 3, 14)

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "Gunmen killed three police officers at a checkpoint in Maiduguri on Tuesday, police said.",
        {"type": "ASSAULT", "status": "occurred", "killed": 3, "country": "NG", "date": "2024-03-12"},
    ),
    (
        "A roadside bomb exploded near a military convoy outside Kandahar on Monday, wounding four soldiers.",
        {
            "type": "ASSAULT",
            "mode": "explosives",
            "injured": 4,
            "country": "AF",
            "acled": "Remote explosive/landmine/IED",
        },
    ),
    (
        "Israeli warplanes struck a weapons depot near Damascus overnight, the Syrian army said.",
        {
            "type": "ASSAULT",
            "mode": "aerial",
            "source": "israel",
            "country": "SY",
            "acled": "Air/drone strike",
        },
    ),
    (
        "A drone strike hit a car in Marib province on Sunday, killing two men.",
        {"type": "ASSAULT", "mode": "drone", "killed": 2, "country": "YE"},
    ),
    (
        "Al-Shabaab fighters attacked an army base in Lower Shabelle on Wednesday.",
        {"type": "ASSAULT", "source": "shabaab", "country": "SO", "date": "2024-03-13"},
    ),
    (
        "Al-Shabaab claimed responsibility for the bombing in Mogadishu, which killed at least 12 people.",
        {"type": "ASSAULT", "claimed": "shabaab", "killed": 12, "country": "SO"},
    ),
    (
        "Thousands of protesters marched through central Baghdad on Friday to demand jobs.",
        {"type": "PROTEST", "country": "IQ", "acled": "Peaceful protest"},
    ),
    (
        "Police arrested 14 protesters in Nairobi on Tuesday after clashes over fuel prices.",
        {"type": "COERCE", "mode": "arrest", "country": "KE", "acled": "Arrests"},
    ),
    (
        "Armed men abducted 20 students from a school in Kaduna State on Monday.",
        {"type": "ASSAULT", "mode": "abduct", "country": "NG", "acled": "Abduction/forced disappearance"},
    ),
    (
        "The Houthis threatened to attack ships in the Red Sea if the blockade continues.",
        {"type": "THREATEN", "source": "houthi"},
    ),
    (
        "Hezbollah accused Israel of killing civilians in southern Lebanon.",
        {"type": "ACCUSE", "source": "hezbollah", "target": "israel"},
    ),
    (
        "Heavy clashes broke out between the army and the Rapid Support Forces in Omdurman on Saturday.",
        {"type": "ASSAULT", "acled": "Armed clash", "country": "SD"},
    ),
    (
        "The ministry said no one was hurt when a rocket hit an empty field near Sderot.",
        {"type": "ASSAULT", "injured": 0, "country": "IL"},
    ),
    (
        "The Pentagon denied that American aircraft had carried out the strike on Tuesday near Al-Qaim.",
        {"type": "ASSAULT", "denied": "united states", "country": "IQ"},
    ),
    (
        "The United States designated the group a terrorist organization in 2009.",
        {"type": "SANCTION", "status": "historical"},
    ),
]


def _names(event: Event, role: str, status: str | None = None) -> str:
    return " | ".join(
        f"{a.name} {a.text or ''}".lower()
        for a in event.actors
        if a.role == role and (status is None or a.status == status)
    )


def _main_event(events: list[Event], kind: str) -> Event:
    matching = [e for e in events if e.type == kind]
    assert matching, f"no {kind} event in {[(e.type, e.evidence[0].sentence) for e in events]}"
    return max(matching, key=lambda e: e.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_sentence_coding(pipeline: Any, text: str, want: dict[str, Any]) -> None:
    events = pipeline.extract(text, title=None, published=THURSDAY).events
    event = _main_event(events, want["type"])
    if "status" in want:
        assert event.status == want["status"]
    if "mode" in want:
        assert event.mode == want["mode"]
    if "acled" in want:
        assert event.acled.sub_event_type == want["acled"]
    if "country" in want:
        assert event.location is not None and event.location.country_code == want["country"]
    if "date" in want:
        assert str(event.date.start) == want["date"]
    if "killed" in want:
        assert event.fatalities is not None and event.fatalities.best == want["killed"]
    if "injured" in want:
        assert event.injuries is not None and event.injuries.best == want["injured"]
    if "source" in want:
        assert want["source"] in _names(event, "source", "asserted")
    if "claimed" in want:
        assert want["claimed"] in _names(event, "source", "claimed")
    if "denied" in want:
        assert want["denied"] in _names(event, "source", "denied")
    if "target" in want:
        assert want["target"] in _names(event, "target")


@pytest.mark.slow
def test_events_background_fact_is_historical(pipeline: Any) -> None:
    text = (
        "Rebels shelled the town of Goma on Monday. The group has fought the army since 2012, "
        "when it first seized the city."
    )
    events = pipeline.extract(text, published=THURSDAY).events
    assert any(e.type == "ASSAULT" and e.status == "occurred" for e in events)
    assert all(e.status == "historical" for e in events if e.date.start and e.date.start.year == 2012)


@pytest.mark.slow
def test_events_undated_article_keeps_relative_dates(pipeline: Any) -> None:
    events = pipeline.extract("Gunmen attacked a village near Mopti on Sunday night.", published=None).events
    attack = _main_event(events, "ASSAULT")
    assert attack.date.start is None
    assert attack.date.precision == "unknown"
    assert attack.date.text and "Sunday" in attack.date.text


@pytest.mark.slow
def test_events_repeated_mentions_are_one_event(pipeline: Any) -> None:
    text = (
        "An airstrike hit a market in Idlib on Monday, killing nine people. "
        "Rescue workers said the airstrike destroyed several shops. "
        "Residents said the attack came without warning."
    )
    attacks = [e for e in pipeline.extract(text, published=THURSDAY).events if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert len(attacks[0].evidence) == 3


@pytest.mark.slow
def test_events_a_separate_attack_stays_separate(pipeline: Any) -> None:
    text = (
        "A car bomb exploded in Kirkuk on Monday, killing five people. "
        "In a separate attack on Wednesday, gunmen shot dead two policemen in Mosul."
    )
    attacks = [e for e in pipeline.extract(text, published=THURSDAY).events if e.type == "ASSAULT"]
    assert len(attacks) == 2


@pytest.mark.slow
def test_events_ids_are_deterministic(pipeline: Any) -> None:
    text = "Gunmen killed two farmers in Benue State on Saturday."
    first = [e.id for e in pipeline.extract(text, published=THURSDAY).events]
    second = [e.id for e in pipeline.extract(text, published=THURSDAY).events]
    assert first and first == second
