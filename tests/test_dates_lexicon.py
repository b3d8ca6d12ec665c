"""The date lexicon ships as data: it loads, and a malformed file fails with E030."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from eventwire.dates.lexicon import load_lexicon, parse_lexicon
from eventwire.dates.patterns import date_patterns
from eventwire.errors import SetupError


def _raw() -> dict[str, Any]:
    text = resources.files("eventwire.dates.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_dates_lexicon_loads() -> None:
    lex = load_lexicon()
    assert len(lex.months) == 12 and sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(lex.weekdays.values()) == list(range(7))
    assert lex.month("Sept.") == 9 and lex.count("two") == 2 and lex.count("12") == 12
    assert "since" in lex.since_cues
    assert len(date_patterns()) >= 15


@pytest.mark.parametrize(
    ("key", "bad"),
    [("months", {"June": 13}), ("weekdays", {"Monday": 7}), ("day_parts", "night"), ("year_cues", [])],
)
def test_dates_lexicon_rejects_bad_entries(key: str, bad: object) -> None:
    data = _raw()
    data[key] = bad
    with pytest.raises(SetupError, match="E030"):
        parse_lexicon(data)
