"""Office descriptions name their holder on the article's date, and only then."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.actors import find_actors
from eventwire.actors.offices import in_office
from eventwire.annotations import ActorEntry


@pytest.mark.parametrize(
    ("active", "year", "expected"),
    [
        ("1996-1999, 2009-2021, 2022-", 1997, True),
        ("1996-1999, 2009-2021, 2022-", 2005, False),
        ("1996-1999, 2009-2021, 2022-", 2030, True),
        ("2022", 2022, True),
        ("2022", 2023, False),
        (None, 2020, False),
    ],
)
def test_actors_offices_active_years(active: str | None, year: int, expected: bool) -> None:
    entry = ActorEntry(id="person-x", name="X", kind="person", active=active)
    assert in_office(entry, dt.date(year, 6, 1)) is expected


def test_actors_offices_resolve_to_the_holder_on_the_date(pipeline: Any) -> None:
    doc = pipeline.nlp("The Israeli prime minister said the army would respond.")
    found = find_actors(doc, pipeline.kb, dt.date(2023, 8, 15))
    first = found[0]
    assert (first.text, first.actor.id, first.via) == (
        "Israeli prime minister",
        "person-benjamin-netanyahu",
        "office",
    )


def test_actors_offices_need_a_date(pipeline: Any) -> None:
    doc = pipeline.nlp("Israel's defence minister visited the border on Monday.")
    assert [m.actor.kind for m in find_actors(doc, pipeline.kb, None)] == ["state"]
