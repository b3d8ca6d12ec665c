"""`eventwire explain EVENT_ID --db FILE`: why reports were merged, through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.app import app
from eventwire.store import EventStore
from tests.test_store_merge import LAHIJ, article, report

runner = CliRunner()


@pytest.fixture
def merged_db(tmp_path: Path) -> Path:
    """Two articles on one drone strike (merged), and a strike in another town (kept apart)."""
    a, b, c = article("a"), article("b", dt.date(2024, 3, 16)), article("c")
    path = tmp_path / "events.duckdb"
    with EventStore.open(path) as store:
        store.add(a, [report(a, killed=[(4, "the STC")])])
        store.add(b, [report(b, killed=[(7, "a medic")])])
        store.add(c, [report(c, place=LAHIJ)])
    return path


def merged_id(path: Path) -> str:
    with EventStore.open(path, read_only=True) as store:
        (event,) = [e for e in store.events() if len(e.reports) == 2]
    return event.id


def test_cli_explain_json_lists_reports_and_the_link_that_merged_them(merged_db: Path) -> None:
    done = runner.invoke(app, ["explain", merged_id(merged_db), "--db", str(merged_db), "--format", "json"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.output)
    assert [r["article_id"] for r in found["reports"]] == ["art-a", "art-b"]
    assert [r["outlet"] for r in found["reports"]] == ["Outlet a", "Outlet b"]
    assert "'7 killed' according to a medic" in found["reports"][1]["fatalities"]
    (link,) = found["links"]
    assert link["same"] and link["score"] >= found["threshold"]
    assert link["criteria"]["place"] == 1.0 and link["criteria"]["distance_km"] == 0.0
    assert link["outcome"].startswith("merged: score")
    assert found["event"]["fatalities"]["best"] == 4 and found["event"]["fatalities"]["high"] == 7


def test_cli_explain_table_shows_criteria_and_threshold(merged_db: Path) -> None:
    done = runner.invoke(app, ["explain", merged_id(merged_db), "--db", str(merged_db)], terminal_width=220)
    assert done.exit_code == 0, done.output
    assert "2 report(s) from 2 article(s)" in done.output
    assert "threshold 0.5" in done.output and "merged: score" in done.output


def test_cli_explain_a_report_id_names_the_event_it_is_in_now(merged_db: Path) -> None:
    done = runner.invoke(app, ["explain", "ev-art-b-1", "--db", str(merged_db)], terminal_width=220)
    assert done.exit_code == 0, done.output
    assert f"ev-art-b-1 is a report merged into event {merged_id(merged_db)}" in done.output


def test_cli_explain_single_report_event_has_no_links(merged_db: Path) -> None:
    done = runner.invoke(app, ["explain", "ev-art-c-1", "--db", str(merged_db)], terminal_width=220)
    assert done.exit_code == 0, done.output
    assert "reported by one article only" in done.output


def test_cli_explain_unknown_id_is_a_clear_error(merged_db: Path) -> None:
    done = runner.invoke(app, ["explain", "ev-nope", "--db", str(merged_db)])
    assert done.exit_code == 2
    assert "[E070]" in done.output and "ev-nope" in done.output and "eventwire events" in done.output


STORY = """Attack in Kidal

Gunmen killed four villagers in Kidal on Sunday, officials said.

The war has killed more than 400,000 people.

The Kurds fear an attack by Turkey if the troops are withdrawn.
"""


def test_cli_explain_articles_shows_every_candidate_and_why(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = runner.invoke(app, ["explain", str(story), "--published", "2024-03-14", "--format", "json"])
    assert done.exit_code == 0, done.output
    rows = {row["sentence"]: row for row in json.loads(done.output) if row["type"] == "ASSAULT"}
    killing = rows["Gunmen killed four villagers in Kidal on Sunday, officials said."]
    assert (killing["status"], killing["reason"], killing["cue"]) == ("occurred", "dated", "Sunday")
    assert killing["event_id"].startswith("ev-")
    toll = rows["The war has killed more than 400,000 people."]
    assert (toll["status"], toll["reason"], toll["event_id"]) == ("dropped", "cumulative", None)
    feared = rows["The Kurds fear an attack by Turkey if the troops are withdrawn."]
    assert (feared["status"], feared["reason"]) == ("hypothetical", "feared")
    assert {row["genre"] for row in rows.values()} == {"report"}


def test_cli_explain_articles_table_names_the_reason(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    done = runner.invoke(app, ["explain", str(story), "--published", "2024-03-14"])
    assert done.exit_code == 0, done.output
    assert "Candidate events" in done.output and "cumulative" in done.output


def test_cli_explain_an_id_without_a_store_says_what_to_add() -> None:
    done = runner.invoke(app, ["explain", "ev-0000"])
    assert done.exit_code == 2
    assert "E071" in done.output and "--db" in done.output
