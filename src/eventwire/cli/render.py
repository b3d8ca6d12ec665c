"""Output formats shared by `extract` and `events`: a Rich table, JSON, JSON Lines, CSV, GeoJSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum

from rich.table import Table

from eventwire.cli._common import stdout
from eventwire.record import Event
from eventwire.store import events_to_csv_rows, events_to_geojson
from eventwire.store.export import actors_by_role


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _date(event: Event) -> str:
    start, end = event.date.start, event.date.end
    if start is None:
        return event.date.text or "?"
    return start.isoformat() if end in (None, start) else f"{start.isoformat()}..{end.isoformat()}"


def _place(event: Event) -> tuple[str, str]:
    location = event.location
    if location is None:
        return "", ""
    name = location.name or location.text or ""
    if location.admin1 and location.admin1 != name:
        name = f"{name}, {location.admin1}" if name else location.admin1
    return name, location.country_code or location.country or ""


def _who(event: Event) -> str:
    roles = actors_by_role(event)
    source = ", ".join(roles.get("source", [])) or "?"
    target = ", ".join(roles.get("target", [])) or "?"
    return f"{source} → {target}"


def events_table(events: Sequence[Event]) -> Table:
    table = Table(title=f"{len(events)} event{'s' if len(events) != 1 else ''}", title_justify="left")
    # Short codes never wrap; the free-text columns (place, actors) take what width is left.
    for header in ("type", "status", "date", "place", "country", "source → target", "killed"):
        wraps = header in ("place", "source → target")
        table.add_column(header, justify="right" if header == "killed" else "left", no_wrap=not wraps)
    for event in events:
        place, country = _place(event)
        killed = event.fatalities.best if event.fatalities else None
        table.add_row(
            event.type + (f"/{event.mode}" if event.mode else ""),
            event.status,
            _date(event),
            place,
            country,
            _who(event),
            "" if killed is None else str(killed),
        )
    return table


def write_events(events: Sequence[Event], fmt: Format) -> None:
    """Print events to stdout in one of the flat formats (json here is a plain array of events)."""
    out = sys.stdout
    if fmt is Format.table:
        stdout().print(events_table(events))
    elif fmt is Format.json:
        out.write(
            json.dumps([e.model_dump(mode="json") for e in events], indent=2, ensure_ascii=False) + "\n"
        )
    elif fmt is Format.jsonl:
        write_jsonl(events)
    elif fmt is Format.csv:
        header, rows = events_to_csv_rows(events)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    else:
        out.write(json.dumps(events_to_geojson(events), indent=2, ensure_ascii=False) + "\n")


def write_jsonl(events: Sequence[Event]) -> None:
    for event in events:
        sys.stdout.write(event.model_dump_json() + "\n")
