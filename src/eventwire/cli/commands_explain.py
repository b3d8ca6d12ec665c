"""`eventwire explain EVENT_ID`: why reports of several articles were merged into one event."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from eventwire.cli import _common
from eventwire.cli._common import DbOpt
from eventwire.store import EventStore
from eventwire.store.merge_explain import Explanation, figures_text

EXPLAIN_EXAMPLE = "Example: eventwire explain ev-71d764cb01b2d8b4304a --db events.duckdb"


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


def explain(
    event_id: Annotated[str, typer.Argument(help="An event id, or the id of a report merged into one.")],
    db: DbOpt,
    fmt: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="table for reading, json for tools.")
    ] = ExplainFormat.table,
    wait: _common.WaitOpt = 0.0,
) -> None:
    """Show a stored event, the reports (articles) it was merged from, and every pair decision.

    Each link lists its criteria (date, place, actors, text, each 0-1, with the distance in km),
    the weighted score and the threshold it was judged against, and whether it merged the pair.
    Opens the database read-only.
    """
    with _common.friendly_errors(), EventStore.open(db, read_only=True, wait=wait) as store:
        found = store.explain(event_id)
    if fmt is ExplainFormat.json:
        sys.stdout.write(json.dumps(found.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    _print_table(found)


def _print_table(found: Explanation) -> None:
    out = _common.stdout()
    event = found.event
    if found.absorbed:
        out.print(f"{found.asked} is a report merged into event {event.id}.", markup=False, highlight=False)
    where = event.location.name or event.location.text if event.location else None
    date = (
        event.date.start
        if event.date.end in (None, event.date.start)
        else f"{event.date.start}..{event.date.end}"
    )
    out.print(
        f"Event {event.id}: {event.type}{'/' + event.mode if event.mode else ''}, {event.status}, "
        f"{date or 'undated'}, {where or 'no place'}\n"
        f"Killed: {figures_text(event.fatalities)}\n"
        f"Injured: {figures_text(event.injuries)}\n"
        f"{len(found.reports)} report(s) from {len({r.article_id for r in found.reports})} article(s)",
        markup=False,
        highlight=False,
    )
    reports = Table("report", "article", "outlet", "published", "date", "place", "killed", title="Reports")
    for r in found.reports:
        reports.add_row(
            r.id,
            r.title or r.article_id,
            r.outlet or "",
            str(r.published or ""),
            r.date,
            r.place or "",
            r.fatalities,
        )
    out.print(reports)
    if not found.links:
        out.print("No links: this event was reported by one article only.", markup=False)
        return
    weights = ", ".join(f"{name} {weight:g}" for name, weight in found.weights.items())
    links = Table(
        "report A", "report B", "date", "place", "actors", "text", "km", "score", "outcome",
        title=f"Links (score = {weights}; threshold {found.threshold:g})",
    )  # fmt: skip
    short = {r.key: r.id for r in found.reports}
    for link in found.links:
        c = link.criteria
        links.add_row(
            short.get(link.report_a, link.report_a),
            short.get(link.report_b, link.report_b),
            *(_number(c.get(name)) for name in ("date", "place", "actors", "text", "distance_km")),
            f"{link.score:.2f}",
            link.outcome,
        )
    out.print(links)


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, int | float) else "-"
