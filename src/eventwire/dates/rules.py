"""Our own resolution rules: a matched date expression plus the publication date -> a date range.

Every rule anchors on the publication date (never on "now"): an article read years later must
give the same dates. Without a publication date, relative expressions stay relative (no dates,
precision "unknown"); explicit dates with a year still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from eventwire.dates.calendar import (
    ONE_DAY,
    add_days,
    month_bounds,
    safe_date,
    shift_month,
    span_precision,
    week_monday,
    weekday_on_or_after,
    weekday_on_or_before,
    year_for,
)
from eventwire.dates.lexicon import load_lexicon
from eventwire.record import DatePrecision

Cue = Literal["", "since", "decade", "bare_year"]


@dataclass(frozen=True)
class Reading:
    """What one expression means: a date range, or nothing resolvable yet (relative, undated)."""

    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision
    relative: bool = False
    cue: Cue = ""  # a background cue for the historical rule in find.py


Rule = Callable[[re.Match[str], dt.date | None, bool], Reading | None]

UNRESOLVED = Reading(None, None, "unknown", relative=True)


def _range(start: dt.date | None, end: dt.date | None, relative: bool, cue: Cue = "") -> Reading | None:
    if start is None or end is None or end < start:
        return None
    return Reading(start, end, span_precision(start, end), relative, cue)


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_of(text: str | None) -> int | None:
    return load_lexicon().month(text) if text else None


def _part_of_month(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date]:
    first, last = month_bounds(year, month)
    key = " ".join((part or "").lower().split())
    if key in {"early", "the beginning of", "the start of"}:
        return first, first.replace(day=10)
    if key in {"mid", "the middle of"}:
        return first.replace(day=11), first.replace(day=20)
    if key in {"late", "the end of"}:
        return first.replace(day=21), last
    return first, last


def _month_reading(part: str | None, year: int, month: int, relative: bool) -> Reading:
    # "early June" is still a month-level statement for ACLED/UCDP, whatever the sub-range.
    start, end = _part_of_month(part, year, month)
    return Reading(start, end, "month", relative)


def explicit_day(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "21 June 2018", "June 21", "Sunday, June 17", "2018-06-21"."""
    month = _month_of(_group(m, "m")) or int(_group(m, "mn") or 0)
    day = _day_number(m.group("d"))
    year_text = _group(m, "y")
    if year_text:
        date = safe_date(int(year_text), month, day)
        return Reading(date, date, "day") if date else None
    if published is None:
        return UNRESOLVED if safe_date(2000, month, day) else None  # 2000 is a leap year
    date = safe_date(year_for(month, day, published), month, day)
    return Reading(date, date, "day", relative=True) if date else None


def numeric_day(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "21/06/2018" or "06/21/2018", only when the order cannot be misread (one part above 12)."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a or a == b:
        day, month = b, a
    else:
        return None  # 03/04/2018: March 4 or 3 April? Not ours to guess.
    date = safe_date(year, month, day)
    return Reading(date, date, "day") if date else None


def day_range(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "between June 3 and 5", "from 3 to 5 March", "June 28 - July 2, 2018"."""
    m2 = _month_of(_group(m, "m2"))
    m1 = _month_of(_group(m, "m1")) or m2
    m2 = m2 or m1
    if m1 is None or m2 is None:
        return None
    d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2"))
    year_text = _group(m, "y")
    if year_text:
        y2 = int(year_text)
    elif published is None:
        return UNRESOLVED
    else:
        y2 = year_for(m2, d2, published)
    y1 = y2 - 1 if m1 > m2 else y2  # "December 30 to January 2"
    return _range(safe_date(y1, m1, d1), safe_date(y2, m2, d2), relative=not year_text)


def month_range(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "between March and May 2018"."""
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    if m1 is None or m2 is None:
        return None
    year_text = _group(m, "y")
    if year_text:
        y2 = int(year_text)
    elif published is None:
        return UNRESOLVED
    else:  # as for a month alone: a month well ahead of publication is last year's
        y2 = published.year if m2 <= published.month + 2 else published.year - 1
    y1 = int(_group(m, "y1") or (y2 - 1 if m1 > m2 else y2))
    return _range(month_bounds(y1, m1)[0], month_bounds(y2, m2)[1], relative=not year_text)


def month_year(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "June 2018", "late June 2018"."""
    month = _month_of(m.group("m"))
    return _month_reading(_group(m, "part"), int(m.group("y")), month, False) if month else None


def month_alone(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "in June", "last May", "early June": a month name with a cue that makes it a date."""
    month = _month_of(m.group("m"))
    rel = (_group(m, "rel") or "").lower()
    part = _group(m, "part")
    if month is None or not (_group(m, "cue") or rel or part):
        return None  # a bare "June" may be a person's name
    if published is None:
        return UNRESOLVED
    year = published.year
    if rel == "last":
        year -= 1 if month >= published.month else 0
    elif rel == "next":
        year += 1 if month <= published.month else 0
    elif rel != "this" and month > published.month + 2:
        year -= 1  # a past month in news copy, unless it is only just ahead ("in July" in June)
    return _month_reading(part, year, month, True)


def weekday(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "Sunday night", "on Tuesday", "Monday's": the most recent such day on or before publication
    (the same weekday as publication is that day); forward only for "next" or a future verb."""
    wd = load_lexicon().weekdays[m.group("wd").lower()]
    if published is None:
        return UNRESOLVED
    rel = (_group(m, "rel") or "").lower()
    if rel == "next" or future:
        date = weekday_on_or_after(published + ONE_DAY if rel == "next" else published, wd)
    elif rel == "last":
        date = weekday_on_or_before(published - ONE_DAY, wd)
    elif rel == "this":
        date = week_monday(published) + dt.timedelta(days=wd)
    else:
        date = weekday_on_or_before(published, wd)
    return Reading(date, date, "day", relative=True)


_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "night": -1, "overnight": -1}


def relative_day(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "yesterday", "today", "last night", "overnight" (the night before publication)."""
    if published is None:
        return UNRESOLVED
    words = m.group("t").lower().split()
    if "before" in words:  # the day before yesterday
        offset = -2
    elif words[0] == "this":  # this morning
        offset = 0
    else:
        offset = next((_DAY_OFFSETS[w] for w in words if w in _DAY_OFFSETS), 0)
    date = add_days(published, offset)
    return Reading(date, date, "day", relative=True) if date else None


def _week_part(part: str, monday: dt.date, published: dt.date) -> tuple[dt.date, dt.date]:
    if part in {"early", "the start of", "the beginning of"}:
        return monday, monday + dt.timedelta(days=2)
    if part in {"late", "the end of"}:
        return monday + dt.timedelta(days=3), monday + dt.timedelta(days=6)
    if part in {"mid", "the middle of"}:
        return monday + dt.timedelta(days=1), monday + dt.timedelta(days=3)
    if part == "earlier":
        return monday, published
    if part == "later":
        return published, monday + dt.timedelta(days=6)
    return monday, monday + dt.timedelta(days=6)


def calendar_unit(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "early this week", "last week", "late last month", "earlier this year", "last weekend"."""
    if published is None:
        return UNRESOLVED
    part = " ".join((_group(m, "part") or "").lower().split())
    which = " ".join(m.group("which").lower().split())
    unit = m.group("unit").lower()
    step = {"last": -1, "the previous": -1, "next": 1}.get(which, 0)
    if unit == "weekend":
        saturday = week_monday(published) + dt.timedelta(days=5 + 7 * step)
        return _range(saturday, saturday + ONE_DAY, True)
    if unit == "week":
        monday = week_monday(published) + dt.timedelta(days=7 * step)
        if step == 0 and not part:
            return _range(monday, published, True)  # "this week": so far, up to publication
        return _range(*_week_part(part, monday, published), True)
    if unit == "month":
        year, month = shift_month(published.year, published.month, step)
        if step == 0 and part in {"", "earlier"}:
            return Reading(published.replace(day=1), published, "month", True)
        return _month_reading(part if part != "earlier" else "", year, month, True)
    year = published.year + step
    if step == 0 and part in {"", "earlier"}:
        return Reading(dt.date(year, 1, 1), published, "year", True)
    spans = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (9, 12)}
    first, last = spans.get(part, (1, 12))
    return Reading(month_bounds(year, first)[0], month_bounds(year, last)[1], "year", True)


def the_weekend(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "over the weekend": the weekend holding or just before publication."""
    if published is None:
        return UNRESOLVED
    saturday = weekday_on_or_before(published, 5)
    return _range(saturday, saturday + ONE_DAY, True)


_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}


def ago(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "two days ago" (a day), "three weeks ago" (that week), "a year ago" (that year)."""
    if published is None:
        return UNRESOLVED
    n = load_lexicon().count(m.group("n"))
    unit = m.group("unit").lower()
    if n is None:
        return None
    if unit == "day":
        date = add_days(published, -n)
        return Reading(date, date, "day", True) if date else None
    if unit == "week":
        centre = add_days(published, -7 * n)
        return _range(add_days(centre, -3), add_days(centre, 3), True) if centre else None
    if unit == "month":
        year, month = shift_month(published.year, published.month, -n)
        return _month_reading(None, year, month, True)
    years = n * (10 if unit == "decade" else 1)
    start = safe_date(published.year - years, 1, 1)
    return Reading(start, month_bounds(start.year, 12)[1], "year", True) if start else None


def past_period(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "in the past three days", "over the last week", "in the past 24 hours": up to publication."""
    if published is None:
        return UNRESOLVED
    n = load_lexicon().count(m.group("n")) if _group(m, "n") else 1
    unit = m.group("unit").lower()
    if n is None:
        return None
    days = max(1, -(-n // 24)) if unit == "hour" else n * _UNIT_DAYS[unit]
    return _range(add_days(published, -(days - 1)), published, True)


def recent(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "in recent days" (the week to publication), "in recent weeks" (the month to publication)."""
    if published is None:
        return UNRESOLVED
    days = {"days": 7, "weeks": 30, "months": 90}[m.group("unit").lower()]
    return _range(add_days(published, -(days - 1)), published, True)


def decade(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "in the 1990s", "since the early 2000s"."""
    first = int(m.group("dec"))
    part = (_group(m, "part") or "").lower()
    lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
    return Reading(dt.date(first + lo, 1, 1), dt.date(first + hi, 12, 31), "year", cue="decade")


def year_range(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "between 2005 and 2007", "2014-2016", "2015-16"."""
    first = int(_group(m, "y1") or m.group("y3"))
    last_text = _group(m, "y2") or m.group("y4")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if last <= first:
        return None
    return Reading(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", cue="bare_year")


def year(m: re.Match[str], published: dt.date | None, future: bool) -> Reading | None:
    """ "in 2015", "since 2009", "from 2005 onwards", "early 2016": a year after a cue word."""
    since = (_group(m, "since") or "").lower()
    onwards = bool(_group(m, "on")) and since in {"", "from"}
    if since == "from" and not onwards:
        return None  # "from 2005 to ..." is a range; a lone "from 2005" is left to the year range
    if not (_group(m, "prep") or since or _group(m, "part")):
        return None
    value = int(m.group("y"))
    part = (_group(m, "part") or "").lower()
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part, (1, 12))
    cue: Cue = "since" if (since and since != "from") or onwards else "bare_year"
    return Reading(month_bounds(value, first)[0], month_bounds(value, last)[1], "year", cue=cue)
