"""Publication dates in the forms feeds, CMSs and spreadsheets write them."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.published import parse_published

JUNE_21 = dt.date(2018, 6, 21)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-06-21", JUNE_21),
        ("2018-06-21T23:30:00Z", JUNE_21),
        ("2018-06-21 23:30:00+03:00", JUNE_21),
        ("2018-6-21", JUNE_21),
        ("Thu, 21 Jun 2018 10:00:00 +0000", JUNE_21),
        ("Thu, 21 Jun 2018 10:00:00 GMT", JUNE_21),
        ("21 June 2018", JUNE_21),
        ("June 21, 2018", JUNE_21),
        ("Thursday, June 21st, 2018", JUNE_21),
        ("Sept. 3, 2018", dt.date(2018, 9, 3)),
        ("2018/06/21", JUNE_21),
        ("20180621", JUNE_21),
        (JUNE_21, JUNE_21),
        (dt.datetime(2018, 6, 21, 8, 0), JUNE_21),
    ],
)
def test_published_common_formats(value: object, expected: dt.date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2018-02-30", "Fri, 30 Feb 2018 10:00:00 +0000", "31 April 2018", "yesterday", "", None, 1529575200],
)
def test_published_impossible_or_unreadable_is_none(value: object) -> None:
    assert parse_published(value) is None


def test_published_ambiguous_numeric_dates_are_not_guessed() -> None:
    assert parse_published("03/04/2018") is None
