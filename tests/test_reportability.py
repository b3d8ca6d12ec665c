"""The reportability stage: the genre it reads, the verdict it leaves on each event, what it drops."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.ingest import make_article

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday

REPORT = "Gunmen killed four villagers in Kidal on Sunday, officials said. The army sent troops to the area."
OPINION = (
    "The world has looked away for too long. Gunmen killed four villagers in Kidal on Sunday, and nobody "
    "in the capitals cared.\n\n• Amina Diallo is a Guardian columnist"
)
LETTER = (
    "Your report on Kidal (14 March) leaves out the shelling of the town. Rebels shelled the market on "
    "Sunday.\n\nJohn Smith\nLondon\n\nHave an opinion on anything you've read in the Guardian today? "
    "Please email us your letter and it will be considered for publication in our letters spread."
)
LIVE = (
    "10.02am GMT Jets struck Idlib on Sunday, monitors said.\n\n10.15am GMT More reports are coming in."
    "\n\n10.31am GMT The UN called for calm."
)
TRANSCRIPT = (
    "Q: Did the army shell the town?\nA: It did not.\nQ: Who fired then?\nA: The rebels fired on Sunday."
)
ANALYSIS = (
    "There is a quiet in the streets of Kidal these days. Every family knows someone who has left. "
    "Gunmen killed four villagers in the town on Sunday."
)


def _genres(pipeline: Any, text: str) -> set[str]:
    article = make_article(text, published=PUBLISHED).model_copy(update={"language": "en"})
    return {j.event.reportability.genre for j in pipeline.candidates(article)}


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (REPORT, "report"),
        (OPINION, "opinion"),
        (LETTER, "letter"),
        (LIVE, "live"),
        (TRANSCRIPT, "transcript"),
        (ANALYSIS, "analysis"),
    ],
    ids=["report", "opinion", "letter", "live", "transcript", "analysis"],
)
def test_reportability_reads_the_articles_genre(pipeline: Any, text: str, genre: str) -> None:
    assert _genres(pipeline, text) == {genre}


def test_reportability_every_event_carries_its_verdict(pipeline: Any) -> None:
    article = make_article(REPORT, published=PUBLISHED).model_copy(update={"language": "en"})
    events = pipeline.extract_article(article)
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.status == "occurred"
    assert killing.reportability is not None
    assert (killing.reportability.reason, killing.reportability.cue) == ("dated", "Sunday")
    assert all(e.reportability is not None for e in events)


def test_reportability_a_column_dates_its_news_or_codes_nothing(pipeline: Any) -> None:
    """In an opinion column an undated past happening is rhetoric or background, a dated one news."""
    undated = OPINION.replace(" on Sunday", "")
    article = make_article(undated, published=PUBLISHED).model_copy(update={"language": "en"})
    assert [e for e in pipeline.extract_article(article) if e.type == "ASSAULT"] == []
    article = make_article(OPINION, published=PUBLISHED).model_copy(update={"language": "en"})
    assert [e.status for e in pipeline.extract_article(article) if e.type == "ASSAULT"] == ["occurred"]


def test_reportability_a_stopped_sentence_takes_its_toll_with_it(pipeline: Any) -> None:
    text = "Gunmen killed four villagers in Kidal on Sunday. The war has killed more than 400,000 people."
    article = make_article(text, published=PUBLISHED).model_copy(update={"language": "en"})
    judged = pipeline.candidates(article)
    killing = next(j.event for j in judged if j.kept and j.event.type == "ASSAULT")
    assert killing.fatalities is not None and killing.fatalities.best == 4
    assert [e.sentence for e in killing.evidence] == ["Gunmen killed four villagers in Kidal on Sunday."]
    toll = next(j for j in judged if not j.kept)
    assert (toll.verdict.reason, toll.event.evidence[0].sentence) == (
        "cumulative",
        "The war has killed more than 400,000 people.",
    )
    assert len({j.event.id for j in judged}) == len(judged)  # every candidate has an id of its own


def test_reportability_a_date_of_speech_does_not_date_what_was_said(pipeline: Any) -> None:
    text = (
        "The minister spoke about the reform at length. Officials said on Tuesday that the "
        "militia had burned a village near Gao."
    )
    article = make_article(text, published=PUBLISHED).model_copy(update={"language": "en"})
    reasons = [j.verdict.reason for j in pipeline.candidates(article) if j.event.type == "ASSAULT"]
    assert reasons == ["lede"]  # news of the report's opening, not of Tuesday's briefing
