"""One date per event, and the ACLED / UCDP precision codes of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eventwire.annotations import DateMention
from eventwire.dates.calendar import span_days
from eventwire.record import EventDate

_RANK = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4}
# ACLED time_precision: 1 the day, 2 within a week, 3 within a month or wider.
# UCDP date_prec: 1 the day, 2 two to six days, 3 a week, 4 a month, 5 a year.
_CODES: dict[str, tuple[int, int]] = {
    "day": (1, 1),
    "days": (2, 2),
    "week": (2, 3),
    "month": (3, 4),
    "year": (3, 5),
}
# "Reported this week": an undated event in a dated story happened in the week up to publication.
_DEFAULT_WINDOW_DAYS = 6


def precision_codes(
    precision: str, start: dt.date | None, end: dt.date | None
) -> tuple[int | None, int | None]:
    """(acled_time_precision 1-3, ucdp_date_prec 1-5) for a date of this precision and range.

    The label decides ("Sunday night" is a day even if the night runs into Monday); the range
    only fills in an "unknown" label, and widens a "days"/"week" label that spans more than 7 days.
    """
    if precision not in _CODES:
        if start is None or end is None or end < start:
            return None, None
        n = span_days(start, end)
        precision = (
            "day" if n <= 1 else "days" if n <= 6 else "week" if n == 7 else "month" if n <= 31 else "year"
        )
    acled, ucdp = _CODES[precision]
    if precision in {"days", "week"} and start is not None and end is not None and span_days(start, end) > 7:
        return 3, 4
    return acled, ucdp


def event_date(mentions: Sequence[DateMention], published: dt.date | None) -> EventDate:
    """The date of one event from the date mentions of its sentences (nearest first).

    The most precise current (non-historical) resolved mention wins; ties go to the nearest.
    With nothing resolvable: the relative text in an undated story, else the week up to
    publication, else unknown.
    """
    resolved = [
        (i, d)
        for i, d in enumerate(mentions)
        if not d.historical and d.date_start is not None and d.date_end is not None and d.precision in _RANK
    ]
    relative = next((d for d in mentions if d.relative and not d.historical), None)
    if published is None and relative is not None:
        # Undated, "on Wednesday morning ... the faction that split from Boko Haram in 2016": a bare
        # year is background far more often than the date of an event its story dates by weekday.
        resolved = [(i, d) for i, d in resolved if d.precision != "year"]
    if resolved:
        _, best = min(resolved, key=lambda item: (_RANK[item[1].precision], item[0]))
        return _event_date(best.date_start, best.date_end, best.precision, best.text)
    if published is None:
        return EventDate(text=relative.text) if relative else EventDate()
    start = published - dt.timedelta(days=_DEFAULT_WINDOW_DAYS)
    return _event_date(start, published, "week", None)


def _event_date(start: dt.date | None, end: dt.date | None, precision: str, text: str | None) -> EventDate:
    acled, ucdp = precision_codes(precision, start, end)
    return EventDate(
        start=start,
        end=end,
        precision=precision,  # type: ignore[arg-type]
        text=text,
        acled_time_precision=acled,  # type: ignore[arg-type]
        ucdp_date_prec=ucdp,  # type: ignore[arg-type]
    )
