"""Calendar arithmetic the resolution rules share; nothing here raises on impossible dates."""

from __future__ import annotations

import calendar
import datetime as dt

from eventwire.record import DatePrecision

ONE_DAY = dt.timedelta(days=1)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for an impossible one ("February 30", year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_monday(day: dt.date) -> dt.date:
    """Monday of the ISO week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def add_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def span_days(start: dt.date, end: dt.date) -> int:
    """Inclusive length of [start, end] in days."""
    return (end - start).days + 1


def span_precision(start: dt.date, end: dt.date) -> DatePrecision:
    """Precision of a range by its length: 1 day, 2-6 days, a week, up to a month, wider."""
    n = span_days(start, end)
    if n <= 1:
        return "day"
    if n <= 6:
        return "days"
    if n == 7:
        return "week"
    if n <= 31:
        return "month"
    return "year"


def year_for(month: int, day: int, published: dt.date) -> int:
    """The year of "June 21" in a story: the publication year, unless that puts the date more than
    about two months after publication, which in news copy means last year's date."""
    candidate = safe_date(published.year, month, day)
    if candidate is not None and (candidate - published).days > 62:
        return published.year - 1
    return published.year
