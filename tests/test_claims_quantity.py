"""parse_quantity: every way news copy writes a count, and what is not one."""

from __future__ import annotations

import pytest

from eventwire.claims import Quantity, parse_quantity

QUANTITIES: list[tuple[str, Quantity]] = [
    ("22", Quantity(22)),
    ("1,200", Quantity(1200)),
    ("twenty-two", Quantity(22)),
    ("Twenty two", Quantity(22)),
    ("seven", Quantity(7)),
    ("one hundred and five", Quantity(105)),
    ("two thousand", Quantity(2000)),
    ("1.5 million", Quantity(1_500_000)),
    ("a dozen", Quantity(12, qualifier="approximate")),
    ("two dozen", Quantity(24, qualifier="approximate")),
    ("half a dozen", Quantity(6, qualifier="approximate")),
    ("more than 50", Quantity(50, 51, None, "more than")),
    ("over 100", Quantity(100, 101, None, "more than")),
    ("at least 3", Quantity(3, 3, None, "at least")),
    ("At least five", Quantity(5, 5, None, "at least")),
    ("no fewer than 40", Quantity(40, 40, None, "at least")),
    ("50 or more", Quantity(50, 50, None, "at least")),
    ("fewer than 10", Quantity(10, None, 9, "fewer than")),
    ("up to 15", Quantity(15, None, 15, "up to")),
    ("as many as 300", Quantity(300, None, 300, "up to")),
    ("some 500", Quantity(500, qualifier="approximate")),
    ("about 60", Quantity(60, qualifier="approximate")),
    ("an estimated 1,500", Quantity(1500, qualifier="approximate")),
    ("30 or so", Quantity(30, qualifier="approximate")),
    ("nearly 40", Quantity(40, None, 40, "approximate")),
    ("almost 90", Quantity(90, None, 90, "approximate")),
    ("between 20 and 30", Quantity(20, 20, 30, "range")),
    ("from 3 to 5", Quantity(3, 3, 5, "range")),
    ("20-30", Quantity(20, 20, 30, "range")),
    ("two or three", Quantity(2, 2, 3, "range")),
    ("dozens", Quantity(12, qualifier="vague", vague=True)),
    ("Dozens", Quantity(12, qualifier="vague", vague=True)),
    ("tens", Quantity(10, qualifier="vague", vague=True)),
    ("scores", Quantity(20, qualifier="vague", vague=True)),
    ("hundreds", Quantity(100, qualifier="vague", vague=True)),
    ("tens of thousands", Quantity(10_000, qualifier="vague", vague=True)),
    ("several", Quantity(3, qualifier="vague", vague=True)),
    ("a few", Quantity(3, qualifier="vague", vague=True)),
    ("no one", Quantity(0)),
    ("nobody", Quantity(0)),
    ("none", Quantity(0)),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES, ids=[t for t, _ in QUANTITIES])
def test_claims_quantity_parses(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text", ["", "the", "22-year", "$5", "3.5", "30 to 20", "third", "5%", "10:30", "fighters"]
)
def test_claims_quantity_rejects_what_is_not_a_count(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text", ["999999999999999999999", "between 5 and 200000000000"])
def test_quantity_beyond_any_count_of_people_is_not_a_figure(text: str) -> None:
    assert parse_quantity(text) is None
