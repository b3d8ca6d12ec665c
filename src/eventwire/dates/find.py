"""find_dates: every date expression of one article, resolved against its publication date.

Our own patterns come first (weekday anchoring, "early this week", "since 2009"); spaCy DATE
entities they do not cover go to dateparser, but only short spans that name a month or a year:
over free text dateparser reads "we" as Wednesday, and on "the coming days" it guesses.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from eventwire.annotations import DateMention
from eventwire.dates.calendar import month_bounds, span_precision
from eventwire.dates.lexicon import load_lexicon
from eventwire.dates.patterns import DatePattern, bare_year, date_patterns
from eventwire.dates.rules import Reading
from eventwire.record import DatePrecision

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# An explicit date more than a year before publication is background, not the news of the day.
_BACKGROUND_DAYS = 365


def find_dates(doc: Doc, published: dt.date | None) -> list[DateMention]:
    """All date mentions of `doc`, sorted by start offset, resolved against `published`."""
    text = doc.text
    found: list[tuple[int, int, int, Reading]] = []
    hits: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for order, pattern in enumerate(date_patterns()):
        for m in _matches(pattern, text, hits):
            start, end = m.span("t") if "t" in pattern.regex.groupindex and m.group("t") else m.span()
            future = pattern.tense_sensitive and _future_verb(doc, start, end)
            reading = pattern.rule(m, published, future)
            if reading is not None and not (reading.cue == "bare_year" and _is_count(doc, end)):
                found.append((start, end, order, reading))
    chosen = _longest_first(found)
    mentions = [_mention(text, s, e, r, published) for s, e, r in chosen]
    taken = [(s, e) for s, e, _ in chosen]
    mentions.extend(_from_entities(doc, text, published, taken))
    mentions.sort(key=lambda d: (d.start, d.end))
    return mentions


_WINDOW = 60  # characters either side of an anchor hit; date expressions are shorter


def _matches(
    pattern: DatePattern, text: str, hits: dict[re.Pattern[str], list[tuple[int, int]]]
) -> list[re.Match[str]]:
    """The pattern's matches, searched only in windows around its anchor's hits."""
    windows = hits.get(pattern.anchor)
    if windows is None:
        windows = []
        for hit in pattern.anchor.finditer(text):
            start, end = max(0, hit.start() - _WINDOW), min(len(text), hit.end() + _WINDOW)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        hits[pattern.anchor] = windows
    out: list[re.Match[str]] = []
    seen: set[tuple[int, int]] = set()
    for start, end in windows:
        for m in pattern.regex.finditer(text, start, end):
            if m.span() not in seen:
                seen.add(m.span())
                out.append(m)
    return out


def _longest_first(found: list[tuple[int, int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """Overlapping matches: the longest wins ("Sunday night" over "Sunday"), then the earlier pattern."""
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    chosen: list[tuple[int, int, Reading]] = []
    for start, end, _order, reading in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, reading))
    return chosen


def _is_count(doc: Doc, end: int) -> bool:
    """ "a force of 2015 fighters": a year-shaped number that counts the noun after it."""
    span = doc.char_span(max(0, end - 4), end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span[-1]
    return token.dep_ == "nummod" and token.head.i > token.i


def _future_verb(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb a weekday attaches to is future ("will meet on Monday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    for _ in range(4):
        head = token.head
        if head.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in head.children)
        if head.i == token.i:
            return False
        token = head
    return False


def _historical(reading: Reading, published: dt.date | None) -> bool:
    """Background cues. Undated articles: only "since <year>" and decades count; a bare "in 2015"
    in an undated story might be this year's news, so it is not marked (the conservative choice)."""
    if reading.start is None or reading.end is None:
        return False
    if reading.cue == "decade":
        return published is None or reading.end < published
    if reading.cue == "since":
        if published is None:
            return reading.precision in {"year", "month"}
        return (published - reading.end).days > _BACKGROUND_DAYS
    if published is None or reading.relative:
        return False
    if reading.cue == "bare_year":
        return reading.end.year < published.year
    return (published - reading.end).days > _BACKGROUND_DAYS


def _mention(text: str, start: int, end: int, reading: Reading, published: dt.date | None) -> DateMention:
    return DateMention(
        start=start,
        end=end,
        text=text[start:end],
        date_start=reading.start,
        date_end=reading.end,
        precision=reading.precision,
        historical=_historical(reading, published),
        relative=reading.relative,
    )


def _from_entities(
    doc: Doc, text: str, published: dt.date | None, taken: list[tuple[int, int]]
) -> list[DateMention]:
    out: list[DateMention] = []
    lexicon = load_lexicon()
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(ent.start_char < e and ent.end_char > s for s, e in taken):
            continue
        if ent.root.dep_ == "nummod":
            continue  # "2015 fighters": the NER's DATE is a count
        reading = _entity_reading(ent.text.strip(), published, lexicon.months)
        if reading is not None:
            out.append(_mention(text, ent.start_char, ent.end_char, reading, published))
    return out


_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_SLASHED = re.compile(r"\d[/.]\d")


def _entity_reading(text: str, published: dt.date | None, months: dict[str, int]) -> Reading | None:
    whole = bare_year().fullmatch(text)
    if whole:
        y = int(whole.group("y"))
        return Reading(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", cue="bare_year")
    if _SLASHED.search(text):
        return None  # numeric dates are ours to read (numeric_day), ambiguous ones stay unread
    has_year = bool(_HAS_YEAR.search(text))
    has_month = any(word.strip(".,").lower() in months for word in text.split())
    # A month name alone ("June said ...") is too often a name; it needs a day or a year here.
    if not has_year and not (has_month and any(c.isdigit() for c in text)):
        return None
    if not has_year and published is None:
        return Reading(None, None, "unknown", relative=True)
    return _dateparser_reading(text, published, relative=not has_year)


_PERIODS: dict[str, DatePrecision] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _dateparser_reading(text: str, published: dt.date | None, relative: bool) -> Reading | None:
    base = published or dt.date(2000, 1, 1)
    try:
        data = _date_parser(base).get_date_data(text)
    except (ValueError, OverflowError, TypeError):  # dateparser's own errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision = _PERIODS.get(str(data.period), "day")
    if precision == "month":
        start, end = month_bounds(day.year, day.month)
    elif precision == "year":
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    else:
        start = end = day
    return Reading(start, end, precision if precision != "week" else span_precision(start, end), relative)


@lru_cache(maxsize=64)
def _date_parser(base: dt.date) -> Any:
    # Imported here: dateparser is only needed for the rare span our rules do not cover.
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)
