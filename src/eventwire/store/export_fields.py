"""What the ACLED, UCDP and PLOVER exports share: the two sides of an event, country codes, regions.

ACLED and UCDP both reduce an event to one actor per side. The choice here follows the record's
own `acled.interaction` (events/coding.py): on each side, the actor with the lowest ACLED inter
code wins, so actor1/actor2 and the interaction code always agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pycountry

from eventwire.record import Event, EventActor, FigureClaim
from eventwire.store.query import codebooks

# ACLED names only actors it is sure of: a suspected or denied perpetrator is not actor1 (it goes
# in the notes); "unknown" is the status of an unidentified perpetrator, which ACLED does name.
CODED_STATUSES = frozenset({"asserted", "claimed", "unknown"})
# Kinds that UCDP names "Government of <country>".
STATE_KINDS = frozenset({"state", "government", "military", "police", "intelligence"})


@dataclass(frozen=True)
class Side:
    """One side of an event: the main actor and those associated with it."""

    main: EventActor | None
    associated: tuple[EventActor, ...]

    @property
    def inter(self) -> int:
        """ACLED inter code of the main actor; 0 when there is none (ACLED's code for no actor2)."""
        return (self.main.acled_inter or 0) if self.main else 0


def side(event: Event, role: str) -> Side:
    """The main actor of the source (role='source') or target side, and the rest of that side."""
    members = [a for a in event.actors if a.role == role and a.status in CODED_STATUSES]
    assoc = [a for a in event.actors if a.role == f"assoc_{role}" and a.status in CODED_STATUSES]
    if not members:
        return Side(None, tuple(assoc))
    coded = [a for a in members if a.acled_inter]
    main = min(coded, key=lambda a: a.acled_inter or 0) if coded else members[0]
    rest = [a for a in members if a is not main and a.name != main.name]
    return Side(main, tuple(unique_by_name([*rest, *assoc])))


def uncoded_perpetrators(event: Event) -> list[EventActor]:
    """Source actors that are only suspected, or that deny the role: ACLED's notes, not actor1."""
    return [a for a in event.actors if a.role == "source" and a.status not in CODED_STATUSES]


def interaction(first: int, second: int) -> int:
    """ACLED's interaction: both inter codes, lower first (13); one actor alone gives e.g. 60."""
    codes = sorted(code for code in (first, second) if code)
    if not codes:
        return 0
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def unique_by_name(actors: Sequence[EventActor]) -> list[EventActor]:
    seen: set[str] = set()
    out: list[EventActor] = []
    for actor in actors:
        if actor.name not in seen:
            seen.add(actor.name)
            out.append(actor)
    return out


def joined(values: Sequence[str | None], separator: str = "; ") -> str:
    """Non-empty values without repeats, in order (ACLED separates several names with '; ')."""
    return separator.join(dict.fromkeys(v for v in values if v))


@functools.cache
def _country(code: str) -> object | None:
    try:
        return pycountry.countries.lookup(code)
    except LookupError:
        return None


def iso3(country_code: str | None) -> str | None:
    found = _country(country_code) if country_code else None
    return str(found.alpha_3) if found is not None else None  # type: ignore[attr-defined]


def iso_numeric(country_code: str | None) -> int | None:
    found = _country(country_code) if country_code else None
    return int(found.numeric) if found is not None else None  # type: ignore[attr-defined]


def country_name(event: Event) -> str | None:
    """The country as the gazetteer named it, else pycountry's common name."""
    location = event.location
    if location is None:
        return None
    if location.country:
        return location.country
    found = _country(location.country_code) if location.country_code else None
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)  # type: ignore[attr-defined]


def acled_region(country_code: str | None) -> str | None:
    from eventwire.actors.stats import regions

    return regions().get((country_code or "").upper())


def ucdp_region(country_code: str | None) -> str | None:
    code = (country_code or "").upper()
    tables = codebooks()
    if code in tables["ucdp_region_exceptions"]:
        return str(tables["ucdp_region_exceptions"][code])
    region = acled_region(code)
    return str(tables["ucdp_region_of_acled_region"][region]) if region else None


def country_code_of(event: Event) -> str | None:
    return event.location.country_code if event.location else None


def article_ids(event: Event) -> list[str]:
    """Every article the event was coded from: its reports, then any evidence from elsewhere."""
    return list(dict.fromkeys([r.article_id for r in event.reports] + [e.article_id for e in event.evidence]))


def evidence_text(event: Event) -> str | None:
    return " ".join(dict.fromkeys(e.sentence for e in event.evidence)) or None


def fatality_claims(event: Event) -> list[FigureClaim]:
    return list(event.fatalities.claims) if event.fatalities else []


def midpoint(start: dt.date | None, end: dt.date | None) -> dt.date | None:
    """The middle day of a date range: ACLED codes a week or a month known only as such at its middle."""
    if start is None:
        return None
    if end is None or end <= start:
        return start
    return start + (end - start) // 2


def claim_summary(claim: FigureClaim) -> str:
    """'more than 50 (according to X)', '12 ("dozens")' for a vague word, '20-30' for a range."""
    qualifier = "" if claim.qualifier in ("exact", "vague", "range") else f"{claim.qualifier} "
    figure: object = claim.value
    if claim.qualifier == "range" and claim.high:
        figure = f"{claim.low if claim.low is not None else claim.value}-{claim.high}"
    elif claim.qualifier == "vague":
        figure = f'{claim.value} ("{claim.text}")'
    source = f" (according to {claim.according_to})" if claim.according_to else ""
    return f"{qualifier}{figure}{source}"
