"""`eventwire export`: stored events in an analyst format (ACLED, UCDP, PLOVER, GeoJSON, Parquet, CSV)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli import _common
from eventwire.cli._common import (
    ActorOpt,
    Admin1Opt,
    BboxOpt,
    CountryOpt,
    DbOpt,
    LimitOpt,
    MinFatalitiesOpt,
    SinceOpt,
    TextOpt,
    TypeOpt,
    UntilOpt,
)
from eventwire.store import EventStore
from eventwire.store.export_write import LEFT_OUT_BECAUSE, ExportFormat, export_events
from eventwire.store.query import query_from_strings

EXPORT_EXAMPLE = "Example: eventwire export --db events.duckdb --format acled --country SY --out syria.csv"


def export(
    db: DbOpt,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="acled: ACLED's 31 columns (CSV); ucdp: UCDP GED's columns (CSV); "
            "plover: PLOVER JSON Lines; geojson: RFC 7946 points; parquet: typed columns (needs --out); "
            "csv: eventwire's flat columns.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write (default: stdout; parquet needs a file)."),
    ] = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    bbox: BboxOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = None,
    wait: _common.WaitOpt = 0.0,
) -> None:
    """Export stored events (read-only) in an analyst format, filtered like `eventwire events`.

    Only events ACLED would code go into the acled export: those with an ACLED event type that
    occurred (threats, plans and background facts are left out). The ucdp export holds the events
    with a UCDP type of violence; geojson the events with coordinates. A line on stderr says how
    many were written and why others were left out.
    """
    with _common.friendly_errors():
        query = query_from_strings(
            country=country,
            admin1=admin1,
            type_=type_,
            actor=actor,
            since=since,
            until=until,
            bbox=bbox,
            min_fatalities=min_fatalities,
            text=text,
            limit=limit,
        )
        with EventStore.open(db, read_only=True, wait=wait) as store:
            found = store.events(query)
        result = export_events(found, fmt, out=out, stream=sys.stdout)
    where = f" to {out}" if out else ""
    line = f"Exported {result.written} of {result.total} events as {fmt.value}{where}"
    if result.left_out and fmt in LEFT_OUT_BECAUSE:
        line += f"; {result.left_out} left out: {LEFT_OUT_BECAUSE[fmt]}"
    _common.stderr().print(line + ".", markup=False, highlight=False)
