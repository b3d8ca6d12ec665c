"""The headline tells the story's event: joined to the body's event of its type, or kept on its own.

Headlines below are written for this project in the styles outlets use: title case, sentence
case, capitals, with a colon or a possessive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.ingest import make_article
from eventwire.record import Event

THURSDAY = dt.date(2024, 3, 14)
BODY = (
    "Soldiers raided a rebel camp outside Gao on Monday, killing three fighters, the army said.\n\n"
    "The raid came a week after the rebels seized two villages nearby."
)


def _events(pipeline: object, text: str, title: str | None) -> list[Event]:
    article = make_article(text, title=title, published=THURSDAY)
    return pipeline.extract_article(article)  # type: ignore[attr-defined, no-any-return]


def _headline_events(events: list[Event]) -> list[Event]:
    return [e for e in events if any(ev.part == "title" for ev in e.evidence)]


# (headline, the type of the event it tells); each is read with a body that tells nothing.
HEADLINES = [
    ("Rebels Ambush Army Convoy Near Gao, Killing Seven", "ASSAULT"),
    ("Gunmen Kidnap 20 Villagers in Zamfara State", "ASSAULT"),
    ("Air Strike Hits Market in Idlib", "ASSAULT"),
    ("Thousands March in Nairobi Against Tax Increases", "PROTEST"),
    ("Dock Workers Strike Over Unpaid Wages", "PROTEST"),
    ("Opposition Leader Condemns Arrests of Journalists", "ACCUSE"),
    ("Government Accuses Rebels of Violating Truce", "ACCUSE"),
    ("Police Arrest Dozens of Opposition Supporters in Harare", "COERCE"),
    ("Military Imposes Curfew on Northern City", "COERCE"),
    ("Government Lifts State of Emergency", "CONCEDE"),
    ("Rebels Threaten to Attack Oil Facilities", "THREATEN"),
    ("Union Demands Release of Detained Leaders", "REQUEST"),
    ("Rebels Agree to Hold Peace Talks Next Month", "AGREE"),
    ("Rival Factions Sign Ceasefire in Juba", "RETREAT"),  # PLOVER: a ceasefire in force is a retreat
    ("Foreign Ministers Meet in Doha for Talks on Sudan", "CONSULT"),
    ("EU Imposes New Sanctions on Belarus", "SANCTION"),
    ("Army Deploys Troops to Border Region", "MOBILIZE"),
    ("Parliament Rejects Peace Proposal", "REJECT"),
    ("Troops Withdraw From Disputed Town", "RETREAT"),
    ("UN Delivers Food Aid to Besieged City", "AID"),
    ("POLICE ARREST 40 PROTESTERS IN LAGOS", "COERCE"),
    ("Sudan: Paramilitary Forces Shell Camp for Displaced People", "ASSAULT"),
    ("Ethiopia's Government Declares Ceasefire in Tigray", "CONCEDE"),
    ("gunmen kill five in attack on church in Ondo", "ASSAULT"),
]
QUIET = "Officials in the capital gave few details on Wednesday."


@pytest.mark.parametrize(("headline", "expected"), HEADLINES)
def test_headline_event_type_is_read_from_the_headline(
    pipeline: object, headline: str, expected: str
) -> None:
    told = _headline_events(_events(pipeline, QUIET, headline))
    assert [e.type for e in told][:1] == [expected], [(e.type, e.status) for e in told]


def test_headline_joins_the_body_event_it_retells(pipeline: object) -> None:
    without = _events(pipeline, BODY, None)
    with_title = _events(pipeline, BODY, "Army Raids Rebel Camp Near Gao, Killing Three")
    raid = next(e for e in with_title if e.type == "ASSAULT")
    assert [ev.part for ev in raid.evidence][-1] == "title"
    assert raid.evidence[-1].sentence == "Army Raids Rebel Camp Near Gao, Killing Three"
    assert (raid.evidence[-1].start, raid.evidence[-1].end) == (0, len(raid.evidence[-1].sentence))
    # the body event is the same event: its text evidence and figures are unchanged, nothing is added
    # beside it (ids differ only because the headline is part of the article's id)
    same = next(e for e in without if e.type == "ASSAULT")
    assert [ev.sentence for ev in raid.evidence if ev.part == "text"] == [ev.sentence for ev in same.evidence]
    assert raid.fatalities is not None and raid.fatalities.best == 3
    assert [e.type for e in with_title] == [e.type for e in without]


def test_headline_event_the_body_does_not_tell_is_kept_with_headline_evidence(
    pipeline: object,
) -> None:
    events = _events(pipeline, QUIET, "Militants Behead Two Officials in Cabo Delgado, Killing Both")
    told = events[0]
    assert told.type == "ASSAULT"
    assert [(ev.part, ev.start) for ev in told.evidence] == [("title", 0)]
    assert told.fatalities is None and told.injuries is None  # figures come from the body, with speakers
    assert told.location is not None and told.location.country_code == "MZ"
    again = _events(pipeline, QUIET, "Militants Behead Two Officials in Cabo Delgado, Killing Both")
    assert [e.id for e in again] == [e.id for e in events]  # deterministic


def test_headline_is_not_read_for_an_article_in_another_language(pipeline: object) -> None:
    text = "Les manifestants ont défilé vendredi dans les rues de la capitale contre la vie chère."
    assert _events(pipeline, text, "Thousands March in Capital Against Rising Prices") == []


def test_headline_through_the_cli_first_line_of_a_text_file(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("eventwire")
    if not script.exists():
        pytest.skip(f"console script {script} is not installed (pip install -e .)")
    story = tmp_path / "story.txt"
    story.write_text("Rebels Ambush Army Convoy Near Gao\n\n" + QUIET + "\n", encoding="utf-8")
    done = subprocess.run(
        [str(script), "extract", str(story), "--format", "json", "--published", "2024-03-14"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["events"]
    assert events[0]["type"] == "ASSAULT"
    assert events[0]["evidence"] == [
        {
            "article_id": events[0]["reports"][0]["article_id"],
            "sentence": "Rebels Ambush Army Convoy Near Gao",
            "start": 0,
            "end": 34,
            "part": "title",
        }
    ]


def test_headline_events_come_first_in_the_headline_order(pipeline: object) -> None:
    body = (
        "Clashes between rival groups killed five people in Jos on Monday, police said. "
        "Authorities then imposed a 24-hour curfew on the city."
    )
    events = _events(pipeline, body, "Authorities Impose Curfew in Jos After Deadly Clashes")
    assert [e.type for e in events][:2] == ["COERCE", "ASSAULT"]  # the lead first, though told second
    assert all(any(ev.part == "title" for ev in e.evidence) for e in events[:2])
    assert [e.type for e in _events(pipeline, body, None)][:2] == ["ASSAULT", "COERCE"]


def test_headline_with_a_hyphenated_ceasefire_is_not_a_fire(pipeline: object) -> None:
    told = _headline_events(_events(pipeline, QUIET, "Rebels and Army Agree to Cease-Fire in Darfur"))
    assert [e.type for e in told] == ["AGREE"]


def test_headline_that_is_the_whole_text_or_a_paragraph_is_not_read_twice(pipeline: object) -> None:
    line = "Gunmen killed three police officers at a checkpoint in Maiduguri on Tuesday, police said."
    once = _events(pipeline, line, None)
    assert [e.type for e in _events(pipeline, line, line)] == [e.type for e in once]  # a one-line file
    long_title = "Gunmen kill officers in Maiduguri. " * 10  # 350 characters: not a headline
    assert not _headline_events(_events(pipeline, QUIET, long_title))
