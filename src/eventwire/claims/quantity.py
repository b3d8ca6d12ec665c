"""Quantities as news copy writes them: "22", "two dozen", "more than 50", "between 20 and 30",
"dozens", "no one". One regex (built once from the lexicon) finds them; `parse_quantity` reads one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from eventwire.claims.lexicon import ClaimsLexicon, load_lexicon
from eventwire.record import Qualifier


@dataclass(frozen=True)
class Quantity:
    """A count with its hedge: value is the figure (a range's lower bound), low/high its bounds."""

    value: int
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "exact"
    vague: bool = False  # "dozens", "scores": a convention, not a count


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def quantity_regex(lowercase_input: bool = False) -> re.Pattern[str]:
    """Finds quantities in running text; groups: qual, lo, hi, one, vague, zero, no, suf.

    With `lowercase_input` the pattern expects already lower-cased text and runs without
    IGNORECASE, about five times faster (the figure finder lower-cases the article once).
    """
    return re.compile(_quantity_source(), 0 if lowercase_input else re.IGNORECASE)


def _quantity_source() -> str:
    lex = load_lexicon()
    word = rf"(?:(?:{_alt(lex.tens)})(?:[\s-]+(?:{_alt(set(lex.ones) - {'zero'})}))?|(?:{_alt(lex.ones)}))\b"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
    scale = rf"(?:{_alt(lex.scales)})\b"
    unit = rf"(?:{digits}(?:\.\d+)?|{word}|an?)\s+{scale}"
    number = rf"(?:{unit}(?:\s+(?:and\s+)?(?:{unit}|{word}))*|{digits}|{word})"
    dozen = rf"(?:(?:half\s+a|an?|{digits}|{word})\s+dozen\b)"
    core = rf"(?:{dozen}|{number})"
    # A figure is not glued to a hyphen ("a 500-strong force", "a 22-year-old"), a decimal, a time
    # or a percentage, and not preceded by a currency sign or another digit.
    end = r"(?![\w%]|[.,:/]\d|-\w|\s*(?:%|per\s*cent\b|percent\b))"
    pattern = (
        r"(?<![\w$£€.,:/-])"
        rf"(?:(?P<qual>{_alt(lex.qualifiers)})\s+)?"
        r"(?:"
        rf"(?:between|from)\s+(?P<lo>{core})\s+(?:and|to)\s+(?P<hi>{core}){end}"
        rf"|(?P<lo2>{core})\s+(?:to|or)\s+(?P<hi2>{core}){end}"
        rf"|(?P<lo3>{digits})\s*[-–]\s*(?P<hi3>{digits}){end}"
        rf"|(?P<zero>no\s+one|nobody|none)\b"
        rf"|(?P<vague>{_alt(lex.vague)})\b"
        rf"|(?P<one>{core}){end}"
        rf"|(?P<no>no)\b(?!\s+(?:longer|more|less|one|doubt)\b)"
        r")"
        rf"(?:\s+(?P<suf>{_alt(lex.suffixes)})\b)?"
    )
    return pattern


def number_value(text: str, lex: ClaimsLexicon | None = None) -> int | None:
    """ "1,200" -> 1200, "twenty-two" -> 22, "one hundred and five" -> 105, "two dozen" -> 24."""
    lex = lex or load_lexicon()
    total, current = 0.0, 0.0
    seen = False
    words = re.split(r"[\s-]+", text.lower().replace(",", "").strip())
    for i, w in enumerate(words):
        if w in {"and", ""}:
            continue
        if w == "half" and i + 1 < len(words) and words[i + 1] == "a":
            current += 0.5
        elif w in {"a", "an"}:
            current += 0 if i > 0 and words[i - 1] == "half" else 1
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in lex.scales:
            scale = lex.scales[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w in lex.ones or w in lex.tens:
            current += lex.ones.get(w, lex.tens.get(w, 0))
        else:
            try:
                current += float(w)
            except ValueError:
                return None
        seen = True
    return round(total + current) if seen else None


# More people than any one event has ever killed, hurt, held or displaced is a serial number, a sum
# of money or a typo, not a count of people ("999999999999999999999 killed").
MAX_PEOPLE = 100_000_000


def quantity_from_match(m: re.Match[str], lex: ClaimsLexicon | None = None) -> Quantity | None:
    lex = lex or load_lexicon()
    if m.group("zero") or m.group("no"):
        return Quantity(0)
    if m.group("vague"):
        conventional = lex.vague[" ".join(m.group("vague").lower().split())]
        return Quantity(conventional, qualifier="vague", vague=True)
    lo_text = m.group("lo") or m.group("lo2") or m.group("lo3")
    hi_text = m.group("hi") or m.group("hi2") or m.group("hi3")
    if lo_text and hi_text:
        lo, hi = number_value(lo_text, lex), number_value(hi_text, lex)
        if lo is None or hi is None or hi <= lo or hi > MAX_PEOPLE:
            return None
        return Quantity(lo, lo, hi, "range")
    value = number_value(m.group("one"), lex)
    if value is None or value > MAX_PEOPLE:
        return None
    qual_text = " ".join((m.group("qual") or "").lower().split())
    suffix = " ".join((m.group("suf") or "").lower().split())
    # "a dozen", "two dozen": a round count is an approximation even without a hedge word.
    qualifier: Qualifier = (
        lex.qualifiers.get(qual_text)
        or lex.suffixes.get(suffix)
        or ("approximate" if "dozen" in m.group("one").lower() else "exact")
    )
    return _bounded(value, qualifier, qual_text in lex.below)


def _bounded(value: int, qualifier: Qualifier, below: bool) -> Quantity:
    if qualifier == "more than":
        return Quantity(value, value + 1, None, qualifier)
    if qualifier == "at least":
        return Quantity(value, value, None, qualifier)
    if qualifier == "fewer than":
        return Quantity(value, None, max(value - 1, 0), qualifier)
    if qualifier == "up to":
        return Quantity(value, None, value, qualifier)
    if qualifier == "approximate" and below:
        return Quantity(value, None, value, qualifier)
    return Quantity(value, None, None, qualifier)


def parse_quantity(text: str) -> Quantity | None:
    """The quantity `text` states, or None when it is not one ("22", "at least 5", "dozens", "no one")."""
    m = quantity_regex().fullmatch(text.strip())
    return quantity_from_match(m) if m else None
