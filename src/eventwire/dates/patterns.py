"""The date expressions we look for, as regexes built once from the lexicon, each with its rule.

Month and weekday names match only capitalised (news copy capitalises them), which keeps the
modal "may" and the verb "march" out; everything else matches in any case. A group named `t`,
when a pattern has one, is the mention's text: locative words before it ("in", "on", "during")
help find the date but are not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eventwire.dates import rules
from eventwire.dates.lexicon import DateLexicon, load_lexicon


@dataclass(frozen=True)
class DatePattern:
    name: str
    regex: re.Pattern[str]
    rule: rules.Rule
    # A cheap regex every match must contain: the full pattern only runs in windows around its
    # hits, which keeps the stage fast on long articles (20 full scans cost ~10 ms per 5 kB).
    anchor: re.Pattern[str]
    tense_sensitive: bool = False  # a weekday reads forward under "will": "talks will resume on Monday"


def _alternation(words: list[str], case_insensitive: bool = True) -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"(?i:{body})" if case_insensitive else f"(?:{body})"


def _sources(lex: DateLexicon) -> dict[str, str]:
    full = _alternation([w.capitalize() for w in lex.months], case_insensitive=False)
    abbr = _alternation([w.capitalize() for w in lex.month_abbreviations], case_insensitive=False)
    month = rf"(?:{full}\b|{abbr}\b\.?)"
    wd = _alternation([w.capitalize() for w in lex.weekdays], case_insensitive=False)
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    yr = r"(?:1[89]\d\d|20\d\d)"
    nums = _alternation(list(lex.numbers))
    parts = _alternation(list(lex.day_parts))
    to = r"\s*(?:[-–]|(?i:and|to|through|until|till)\b)\s*"
    month_part = r"(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
    night_of = rf"(?:(?i:the\s+){parts}\s+(?i:of)\s+)?"
    unit_part = r"(?i:early|late|earlier|later|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|mid)"
    between = r"(?i:between|from)\s+"
    the = r"(?:(?i:the)\s+)"
    of = r"(?:(?i:of)\s+)?"
    year_end = rf"(?:,?\s+(?P<y>{yr})\b)?"
    upto = r"\s+(?i:and|to|until|till|through)\s+"
    rel = r"(?P<rel>(?i:last|this|next|early|late|earlier|later))"
    since = _alternation(sorted(lex.since_cues))
    prep = _alternation([c for c in lex.year_cues if c not in lex.since_cues])
    return {
        "iso": r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<mn>[01]?\d)-(?P<d>[0-3]?\d)\b",
        "numeric": rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{yr})\b",
        "range_md": rf"(?P<t>(?:{between})?\b(?P<m1>{month})\s+(?P<d1>{day}){to}"
        rf"(?:(?P<m2>{month})\s+)?(?P<d2>{day})\b{year_end})",
        "range_dm": rf"(?P<t>{between}{the}?\b(?P<d1>{day})(?:\s+{of}(?P<m1>{month}))?"
        rf"{to}{the}?(?P<d2>{day})\s+{of}(?P<m2>{month}){year_end})",
        "range_dm_hyphen": rf"\b(?P<d1>{day})\s*[-–]\s*(?P<d2>{day})\s+(?P<m2>{month}){year_end}",
        "month_range": rf"{between}(?P<m1>{full})(?:\s+(?P<y1>{yr}))?{upto}(?P<m2>{full})\b{year_end}",
        "year_range": rf"\b(?:{between}(?P<y1>{yr}){upto}(?P<y2>{yr})"
        rf"|(?P<y3>{yr})\s*[-–]\s*(?P<y4>{yr}|\d\d))\b",
        "day_md": rf"(?P<t>{night_of}(?:{wd},?\s+)?(?P<m>{month})\s+(?P<d>{day})\b{year_end})",
        "day_dm": rf"(?P<t>{night_of}(?:{wd},?\s+)?{the}?\b(?P<d>{day})\s+{of}(?P<m>{month}){year_end})",
        "month_year": rf"(?:(?P<part>{month_part})[\s-]+)?(?P<m>{month}),?\s+(?P<y>{yr})\b",
        "month_alone": rf"(?:\b(?P<cue>{_alternation(list(lex.month_cues))})\s+)?"
        rf"(?P<t>(?:(?P<rel>(?i:last|this|next))\s+)?(?:(?P<part>{month_part})[\s-]+)?(?P<m>{full}))\b(?!\s+\d)",
        "weekday": rf"(?P<t>{night_of}(?:{rel}(?:\s+(?i:on))?\s+)?(?P<wd>{wd})(?:\s+(?:{parts})\b)?)",
        "relative_day": r"\b(?P<t>(?i:the\s+day\s+before\s+yesterday|(?:early\s+|late\s+)?yesterday"
        r"|(?:earlier\s+|early\s+|late\s+)?today|tonight|tomorrow|(?:late\s+)?last\s+night|overnight"
        r"|this\s+(?:morning|afternoon|evening)))\b",
        "calendar_unit": rf"\b(?P<t>(?:(?P<part>{unit_part})[\s-]+)?"
        r"(?P<which>(?i:this|last|next|the\s+previous))\s+(?P<unit>(?i:weekend|week|month|year)))\b",
        "the_weekend": r"\b(?i:at|over|during)\s+(?P<t>(?i:the\s+weekend))\b",
        "ago": rf"\b(?P<t>(?P<n>\d{{1,3}}|{nums})\s+"
        r"(?P<unit>(?i:day|week|month|year|decade))s?\s+(?i:ago))\b",
        "past_period": rf"\b(?i:in|over|during|within|for)\s+(?P<t>(?i:the\s+(?:past|last))\s+"
        rf"(?:(?P<n>\d{{1,3}}|{nums})\s+)?(?P<unit>(?i:hour|day|week|month|year))s?)\b",
        "recent": r"\b(?P<t>(?i:in\s+recent\s+(?P<unit>days|weeks|months)))\b",
        "decade": r"\b(?P<t>(?:(?i:since)\s+)?(?i:the)\s+(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
        r"(?P<dec>(?:1[89]|20)\d0)(?:'s|’s|s))\b",
        "year": rf"(?:\b(?P<prep>{prep})\s+)?(?P<t>(?:(?P<since>{since}|(?i:from))\s+)?"
        rf"(?:(?P<part>(?i:early|mid|late))[\s-]+)?\b(?P<y>{yr})\b(?!\s*[-–]\s*\d)(?!-)"
        rf"(?:\s+(?P<on>{_alternation(sorted(lex.onwards_cues))}))?)",
    }


_RULES: dict[str, rules.Rule] = {
    "iso": rules.explicit_day,
    "numeric": rules.numeric_day,
    "range_md": rules.day_range,
    "range_dm": rules.day_range,
    "range_dm_hyphen": rules.day_range,
    "month_range": rules.month_range,
    "year_range": rules.year_range,
    "day_md": rules.explicit_day,
    "day_dm": rules.explicit_day,
    "month_year": rules.month_year,
    "month_alone": rules.month_alone,
    "weekday": rules.weekday,
    "relative_day": rules.relative_day,
    "calendar_unit": rules.calendar_unit,
    "the_weekend": rules.the_weekend,
    "ago": rules.ago,
    "past_period": rules.past_period,
    "recent": rules.recent,
    "decade": rules.decade,
    "year": rules.year,
}


def _anchors(lex: DateLexicon) -> dict[str, re.Pattern[str]]:
    names = [w.capitalize() for w in (*lex.months, *lex.month_abbreviations)]
    month = re.compile(_alternation(names, case_insensitive=False))
    digits = re.compile(r"\d{4}")
    anchors = {name: month for name in _RULES if name.startswith(("range_", "day_", "month_"))}
    anchors.update({name: digits for name in ("iso", "numeric", "year_range", "decade", "year")})
    anchors["weekday"] = re.compile(
        _alternation([w.capitalize() for w in lex.weekdays], case_insensitive=False)
    )
    anchors["relative_day"] = re.compile(
        r"(?i:yesterday|today|tonight|tomorrow|night|morning|afternoon|evening)"
    )
    anchors["calendar_unit"] = re.compile(r"(?i:week|month|year)")
    anchors["the_weekend"] = re.compile(r"(?i:weekend)")
    anchors["ago"] = re.compile(r"(?i:\bago\b)")
    anchors["past_period"] = re.compile(r"(?i:\b(?:past|last)\b)")
    anchors["recent"] = re.compile(r"(?i:recent)")
    return anchors


@cache
def date_patterns() -> tuple[DatePattern, ...]:
    """Compiled once per process; the order breaks ties between equally long matches."""
    lex = load_lexicon()
    sources = _sources(lex)
    anchors = _anchors(lex)
    return tuple(
        DatePattern(name, re.compile(sources[name]), rule, anchors[name], tense_sensitive=name == "weekday")
        for name, rule in _RULES.items()
    )


@cache
def bare_year() -> re.Pattern[str]:
    """A spaCy DATE entity that is only a year ("2015", "the year 2015")."""
    return re.compile(r"(?i:the\s+year\s+)?(?P<y>(?:1[89]|20)\d\d)")
