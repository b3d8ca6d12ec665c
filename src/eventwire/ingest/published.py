"""Publication dates as inputs write them: ISO dates and datetimes, RFC 2822, common English forms.

A value that cannot be read, or names an impossible day (2018-02-30), gives None: the article is
kept without a date rather than failed, because a bad date line should not cost the text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[\d:]+)?Z?")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
# Day-first and month-first numeric dates (03/04/2018) are ambiguous and deliberately not read.
_WRITTEN = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B, %Y")


def parse_published(value: object) -> dt.date | None:
    """The date `value` names, or None when it is missing, unreadable or impossible."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    for pattern in (_ISO_DATE, _SLASHED):
        match = pattern.match(text)
        if match:
            return _date(*match.groups())
    match = _COMPACT.fullmatch(text)
    if match:
        return _date(*match.groups())
    if re.match(r"[A-Za-z]{3},? \d{1,2} [A-Za-z]{3}", text) or re.match(
        r"\d{1,2} [A-Za-z]{3} \d{4} \d", text
    ):
        return _rfc2822(text)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text.replace(".", ""))
    cleaned = re.sub(r"^[A-Za-z]+day,? ", "", cleaned)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    for fmt in _WRITTEN:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _rfc2822(text: str) -> dt.date | None:
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date() if parsed else None
