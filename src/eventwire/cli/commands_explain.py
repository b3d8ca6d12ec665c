"""`eventwire explain`: why reports were merged into one event, or why a text's events are what they are.

`eventwire explain EVENT_ID --db FILE` shows a stored event, its reports and every merge decision.
`eventwire explain ARTICLES` codes the articles (nothing is stored) and shows every candidate event
with the reportability verdict on it: the status it got, or why it was dropped, and the words that
decided it.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from eventwire.cli import _common
from eventwire.cli._common import PublishedOpt
from eventwire.errors import Errors, UsageError
from eventwire.record import Article
from eventwire.settings import Settings
from eventwire.store import EventStore
from eventwire.store.merge_explain import Explanation, figures_text
from eventwire.store.query import parse_date

if TYPE_CHECKING:
    from eventwire.reportability import Judged  # imports spaCy: only when articles are explained

EXPLAIN_EXAMPLE = "Example: eventwire explain ev-71d764cb01b2d8b4304a --db events.duckdb"


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


def explain(
    target: Annotated[
        str,
        typer.Argument(
            help="An event id (or the id of a report merged into one) with --db; or articles to code."
        ),
    ],
    db: Annotated[
        Path | None, typer.Option("--db", help="DuckDB file of the event store.", show_default=False)
    ] = None,
    fmt: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="table for reading, json for tools.")
    ] = ExplainFormat.table,
    wait: _common.WaitOpt = 0.0,
    published: PublishedOpt = None,
) -> None:
    """Show why an event is what it is.

    With --db: a stored event, the reports (articles) it was merged from, and every pair decision.
    Each link lists its criteria (date, place, actors, text, each 0-1, with the distance in km),
    the weighted score and the threshold it was judged against, and whether it merged the pair.
    Opens the database read-only.

    With articles (files, folders, '-' for stdin): every candidate event in them, kept or dropped,
    with the reportability verdict (reason and cue) and the article's genre. Nothing is stored:
    eventwire explain article.txt --published 2018-06-21
    """
    if db is None:
        _explain_articles(target, published, fmt)
        return
    event_id = target
    with _common.friendly_errors(), EventStore.open(db, read_only=True, wait=wait) as store:
        found = store.explain(event_id)
    if fmt is ExplainFormat.json:
        sys.stdout.write(json.dumps(found.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    _print_table(found)


def _explain_articles(target: str, published: str | None, fmt: ExplainFormat) -> None:
    with _common.friendly_errors():
        if target != "-" and not Path(target).exists():
            raise UsageError(Errors.E071.format(target=target))
        from eventwire.pipeline import Pipeline

        settings = Settings.from_env()
        options = _common.ingest_options(
            published=parse_date(published),
            text_column="text",
            title_column="title",
            url_column="url",
            published_column="published",
            outlet_column="outlet",
            max_mb=None,
            settings=settings,
        )
        pipeline = Pipeline(settings)
        rows: list[dict[str, object]] = []
        for source, item in _common.read_inputs([target], options):
            if not isinstance(item, Article):
                _common.report(_common.as_failure(item))
                continue
            for judged in pipeline.candidates(item):
                rows.append(_candidate_row(source, judged))
    if fmt is ExplainFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table("source", "sentence", "type", "status", "why", "cue", "genre", title="Candidate events")
    for row in rows:
        table.add_row(
            *(str(row[k] or "") for k in ("source", "sentence", "type", "status", "reason", "cue", "genre"))
        )
    _common.stdout().print(table)


def _candidate_row(source: str, judged: Judged) -> dict[str, object]:
    event, verdict = judged.event, judged.verdict
    why = event.reportability
    return {
        "source": source,
        "event_id": event.id if judged.kept else None,
        "sentence": event.evidence[0].sentence if event.evidence else "",
        "type": event.type,
        "mode": event.mode,
        "status": event.status if judged.kept else "dropped",
        "reason": verdict.reason,
        "cue": verdict.cue,
        "genre": why.genre if why else None,
    }


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
