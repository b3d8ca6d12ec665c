"""event_date picks one date per event; precision_codes maps precision to ACLED and UCDP codes."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.annotations import DateMention
from eventwire.dates import event_date, precision_codes
from eventwire.record import DatePrecision, EventDate

D = dt.date
THU = D(2018, 6, 21)


def mention(
    text: str,
    start: dt.date | None,
    end: dt.date | None,
    precision: DatePrecision,
    historical: bool = False,
    relative: bool = True,
) -> DateMention:
    return DateMention(0, len(text), text, start, end, precision, historical=historical, relative=relative)


SUNDAY = mention("Sunday night", D(2018, 6, 17), D(2018, 6, 17), "day")
MONDAY = mention("Monday", D(2018, 6, 18), D(2018, 6, 18), "day")
EARLY_WEEK = mention("early this week", D(2018, 6, 18), D(2018, 6, 20), "days")
LAST_MONTH = mention("last month", D(2018, 5, 1), D(2018, 5, 31), "month")
SINCE_2009 = mention("since 2009", D(2009, 1, 1), D(2009, 12, 31), "year", historical=True, relative=False)


def test_dates_event_date_most_precise_wins() -> None:
    date = event_date([EARLY_WEEK, SUNDAY], THU)
    assert date == EventDate(
        start=D(2018, 6, 17),
        end=D(2018, 6, 17),
        precision="day",
        text="Sunday night",
        acled_time_precision=1,
        ucdp_date_prec=1,
    )


def test_dates_event_date_ties_go_to_the_nearest() -> None:
    assert event_date([MONDAY, SUNDAY], THU).text == "Monday"
    assert event_date([SUNDAY, MONDAY], THU).text == "Sunday night"


def test_dates_event_date_ignores_background() -> None:
    date = event_date([SINCE_2009, LAST_MONTH], THU)
    assert (date.start, date.end, date.precision, date.text) == (
        D(2018, 5, 1),
        D(2018, 5, 31),
        "month",
        "last month",
    )
    assert (date.acled_time_precision, date.ucdp_date_prec) == (3, 4)


def test_dates_event_date_days_span() -> None:
    date = event_date([EARLY_WEEK], THU)
    assert (date.precision, date.acled_time_precision, date.ucdp_date_prec) == ("days", 2, 2)


def test_dates_event_date_no_mention_is_the_week_to_publication() -> None:
    date = event_date([], THU)
    assert (date.start, date.end, date.precision, date.text) == (D(2018, 6, 15), THU, "week", None)
    assert (date.acled_time_precision, date.ucdp_date_prec) == (2, 3)
    assert event_date([SINCE_2009], THU).precision == "week"


def test_dates_event_date_undated_keeps_relative_text() -> None:
    relative = mention("Sunday night", None, None, "unknown")
    assert event_date([relative], None) == EventDate(text="Sunday night")
    assert event_date([], None) == EventDate()
    assert event_date([SINCE_2009], None) == EventDate()


CODES: list[tuple[str, dt.date | None, dt.date | None, tuple[int | None, int | None]]] = [
    ("day", D(2018, 6, 17), D(2018, 6, 17), (1, 1)),
    ("day", D(2018, 6, 17), D(2018, 6, 18), (1, 1)),  # a night running into Monday is still Sunday
    ("days", D(2018, 6, 18), D(2018, 6, 20), (2, 2)),
    ("week", D(2018, 6, 11), D(2018, 6, 17), (2, 3)),
    ("month", D(2018, 5, 1), D(2018, 5, 31), (3, 4)),
    ("year", D(2017, 1, 1), D(2017, 12, 31), (3, 5)),
    ("days", D(2018, 6, 1), D(2018, 6, 20), (3, 4)),  # a "days" label wider than a week
    ("unknown", None, None, (None, None)),
    ("unknown", D(2018, 6, 17), D(2018, 6, 17), (1, 1)),
    ("unknown", D(2018, 6, 1), D(2018, 6, 30), (3, 4)),
    ("unknown", D(2018, 6, 30), D(2018, 6, 1), (None, None)),
]


@pytest.mark.parametrize(("precision", "start", "end", "codes"), CODES)
def test_dates_precision_codes(
    precision: str, start: dt.date | None, end: dt.date | None, codes: tuple[int | None, int | None]
) -> None:
    assert precision_codes(precision, start, end) == codes
