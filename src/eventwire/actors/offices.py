"""'The Iraqi prime minister', 'Israel's defence minister': an office description names its holder
on the article's date. Without a date, or when the knowledge base has no holder for that day, the
mention stays the country it names."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from eventwire.actors.kb import ActorKB
from eventwire.annotations import ActorEntry, ActorMention

_YEARS = re.compile(r"(\d{4})\s*(?:-\s*(\d{4})?)?")


@cache
def office_titles() -> dict[str, str]:
    text = resources.files("eventwire.actors.data").joinpath("offices.yaml").read_text(encoding="utf-8")
    titles: dict[str, str] = yaml.safe_load(text)["titles"]
    return titles


@cache
def _title_pattern() -> re.Pattern[str]:
    words = sorted(office_titles(), key=len, reverse=True)
    return re.compile(r"(?:'s\s+|’s\s+|\s+)(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def holders(kb: ActorKB) -> dict[tuple[str, str], list[ActorEntry]]:
    """(canonical title, country code) -> the people who held that office."""
    return _holders(id(kb), kb)


@cache
def _holders(_key: int, kb: ActorKB) -> dict[tuple[str, str], list[ActorEntry]]:
    titles = office_titles()
    table: dict[tuple[str, str], list[ActorEntry]] = defaultdict(list)
    for entry in kb:
        if entry.kind != "person" or not entry.office or not entry.country_code:
            continue
        title = entry.office.lower().split(" of ")[0].strip()
        canonical = titles.get(title)
        if canonical is not None:
            table[(canonical, entry.country_code)].append(entry)
    return dict(table)


def in_office(entry: ActorEntry, day: dt.date) -> bool:
    """Does `active` ("1996-1999, 2009-2021, 2022-") cover the year of `day`?"""
    for match in _YEARS.finditer(entry.active or ""):
        start = int(match.group(1))
        open_ended = match.group(0).rstrip().endswith("-")
        end = int(match.group(2)) if match.group(2) else (9999 if open_ended else start)
        if start <= day.year <= end:
            return True
    return False


def resolve_offices(
    text: str, mentions: Sequence[ActorMention], kb: ActorKB, published: dt.date | None
) -> list[ActorMention]:
    """Replace '<country or demonym> <title>' mentions by the office holder on the publication date."""
    if published is None:
        return list(mentions)
    table = holders(kb)
    out: list[ActorMention] = []
    for mention in mentions:
        entry = mention.actor
        match = _title_pattern().match(text, mention.end) if entry.kind == "state" else None
        if match is None or not entry.country_code:
            out.append(mention)
            continue
        title = office_titles()[match.group(1).lower()]
        current = [p for p in table.get((title, entry.country_code), []) if in_office(p, published)]
        if len(current) != 1:
            out.append(mention)  # no holder known for that date, or an ambiguous one: keep the country
            continue
        end = match.end()
        out.append(ActorMention(mention.start, end, text[mention.start : end], current[0], via="office"))
    return out
