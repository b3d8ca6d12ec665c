"""ACLED-column rows: the 31 columns of ACLED's data since 2023, with ACLED's names and codes.

Only events ACLED would code go in: those with an ACLED event type that occurred (threats, plans
and background facts have no row). Where ACLED's conventions need a choice, it is made here:
- actor1/actor2 are the main source and target (lowest inter code on each side); suspected and
  denied perpetrators are not named as actors, the notes say who suspects or denies what;
- inter codes are 0 when a side has no actor or no known ACLED actor type, as ACLED codes a missing
  actor2; interaction is both codes, lower first (13), one side alone gives e.g. 60;
- event_date is the middle of the date range (ACLED codes a week or month known only as such at
  its middle; time_precision says how sure the day is);
- fatalities is the record's conservative `best`, 0 when nothing was reported, as ACLED writes it;
  conflicting figures go in the notes;
- event_id_cnty is the ISO3 code and the eventwire id (ACLED numbers its own events), so a row
  leads back to its record; timestamp is when the export was written (Unix seconds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from eventwire.record import Event, EventActor
from eventwire.store.export_fields import (
    Side,
    acled_region,
    claim_summary,
    country_code_of,
    country_name,
    fatality_claims,
    interaction,
    iso3,
    iso_numeric,
    joined,
    midpoint,
    side,
    uncoded_perpetrators,
)

CsvValue = str | int | float | None
ActorNamer = Callable[[EventActor], str]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
_CIVILIANS = 7
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def acled_codes(event: Event) -> bool:
    """True when ACLED would code the event: it has an ACLED event type and it happened."""
    return event.acled.event_type is not None and event.status == "occurred"


def kb_acled_name(actor: EventActor) -> str:
    """ACLED's own name for a knowledge-base actor ("Military Forces of Syria (2000-)"), else ours."""
    from eventwire.actors import default_kb

    entry = default_kb().get(actor.id) if actor.id else None
    return entry.acled_name if entry is not None and entry.acled_name else actor.name


def acled_rows(
    events: Sequence[Event], *, timestamp: int, name: ActorNamer = kb_acled_name
) -> tuple[list[str], list[list[CsvValue]]]:
    """Header and one row per event ACLED would code (see `acled_codes`), in the given order."""
    return list(ACLED_COLUMNS), [_row(e, timestamp, name) for e in events if acled_codes(e)]


def _row(event: Event, timestamp: int, name: ActorNamer) -> list[CsvValue]:
    first, second = side(event, "source"), side(event, "target")
    location = event.location
    code = country_code_of(event)
    day = midpoint(event.date.start, event.date.end)
    values: dict[str, CsvValue] = {
        "event_id_cnty": f"{iso3(code) or 'XXX'}-{event.id}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": event.date.acled_time_precision,
        "disorder_type": event.acled.disorder_type,
        "event_type": event.acled.event_type,
        "sub_event_type": event.acled.sub_event_type,
        "actor1": name(first.main) if first.main else None,
        "assoc_actor_1": _associated(first, name),
        "inter1": first.inter,
        "actor2": name(second.main) if second.main else None,
        "assoc_actor_2": _associated(second, name),
        "inter2": second.inter,
        "interaction": interaction(first.inter, second.inter),
        "civilian_targeting": _civilian_targeting(event),
        "iso": iso_numeric(code),
        "region": acled_region(code),
        "country": country_name(event),
        "admin1": location.admin1 if location else None,
        "admin2": location.admin2 if location else None,
        "admin3": None,
        "location": (location.name or location.text) if location else None,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geo_precision": location.acled_geo_precision if location else None,
        "source": joined([r.outlet or r.url for r in event.reports]) or None,
        "source_scale": None,
        "notes": notes(event),
        "fatalities": event.fatalities.best if event.fatalities and event.fatalities.best is not None else 0,
        "tags": "crowd size=no report" if event.acled.event_type in _DEMONSTRATIONS else None,
        "timestamp": timestamp,
    }
    return [values[column] for column in ACLED_COLUMNS]


def _associated(part: Side, name: ActorNamer) -> str | None:
    return joined([name(actor) for actor in part.associated]) or None


def _civilian_targeting(event: Event) -> str | None:
    targets = [a for a in event.actors if a.role == "target" and a.status != "denied"]
    return "Civilian targeting" if any(a.acled_inter == _CIVILIANS for a in targets) else None


def notes(event: Event) -> str:
    """ACLED-style notes: 'On 16 June 2019: <the evidence sentence>', then what is disputed."""
    parts: list[str] = []
    when = _when(event.date.start, event.date.end)
    sentence = event.evidence[0].sentence if event.evidence else ""
    parts.append(f"{when}: {sentence}" if when else sentence)
    doubted = [
        f"{a.name} {a.status}" + (f" (according to {a.according_to})" if a.according_to else "")
        for a in uncoded_perpetrators(event)
    ]
    if doubted:
        parts.append(f"[perpetrator: {'; '.join(doubted)}]")
    claims = fatality_claims(event)
    if len(claims) > 1:
        parts.append(f"[fatalities: {'; '.join(claim_summary(c) for c in claims)}]")
    return " ".join(p for p in parts if p)


def _when(start: dt.date | None, end: dt.date | None) -> str | None:
    """'On 16 June 2019', or 'Between 13 and 19 June 2019' for a range."""
    if start is None:
        return None
    if end is None or end <= start:
        return f"On {start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"Between {start.day} and {end.day} {end:%B %Y}"
    first = f"{start.day} {start:%B}" if start.year == end.year else f"{start.day} {start:%B %Y}"
    return f"Between {first} and {end.day} {end:%B %Y}"
