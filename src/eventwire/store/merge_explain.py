"""Why reports were merged: a merged event, its reports and the pair decisions behind it.

`explain(con, event_id)` reads the tables store/merge.py writes. The id may be a merged event's or
a report's own id (a report absorbed into a larger event says which event it is in now). Links
from the event's reports to reports of other events are listed too when they came close, with
the reason they did not merge, so a missed merge can be told from a link that was never there.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from eventwire.errors import Errors, UsageError
from eventwire.record import Event, Figures
from eventwire.store.merge_config import merge_config


@dataclass(frozen=True)
class ReportView:
    """One report of the event: the article it came from and what that article said."""

    key: str
    id: str
    article_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    date: str
    place: str | None
    fatalities: str
    injuries: str


@dataclass(frozen=True)
class LinkView:
    """One pair decision: the criteria, the score against the threshold, and what came of it."""

    report_a: str
    report_b: str
    score: float
    same: bool
    forced: bool
    criteria: dict[str, Any]
    outcome: str


@dataclass
class Explanation:
    event: Event
    asked: str
    threshold: float
    weights: dict[str, float]
    reports: list[ReportView] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)

    @property
    def absorbed(self) -> bool:
        """The id asked for is a report's that is now part of an event with another id."""
        return self.asked != self.event.id

    def to_json(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "event_id": self.event.id,
            "absorbed": self.absorbed,
            "threshold": self.threshold,
            "weights": self.weights,
            "event": self.event.model_dump(mode="json"),
            "reports": [
                {**asdict(r), "published": r.published and r.published.isoformat()} for r in self.reports
            ],
            "links": [asdict(link) for link in self.links],
        }


def explain(con: Any, event_id: str, path: object) -> Explanation:
    """The explanation of `event_id` (a merged event's or a report's id); E070 when neither."""
    has_reports = bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'report_events'"
        ).fetchone()[0]
    )
    resolved = _resolve(con, event_id, has_reports)
    if resolved is None:
        raise UsageError(Errors.E070.format(event_id=event_id, path=path))
    (record,) = con.execute("SELECT record FROM events WHERE id = ?", [resolved]).fetchone()
    config = merge_config()
    found = Explanation(Event.model_validate_json(record), event_id, config.threshold, dict(config.weights))
    if not has_reports:
        # A store written before merging (schema 2): each event is its own single report.
        found.reports = [_view_of(found.event, r.article_id, None, None) for r in found.event.reports]
        return found
    reports = con.execute(
        "SELECT r.key, r.article_id, r.record, a.title, a.outlet FROM report_events r "
        "LEFT JOIN articles a ON a.id = r.article_id WHERE r.event_id = ? "
        "ORDER BY r.published NULLS LAST, r.key",
        [resolved],
    ).fetchall()
    keys = [key for key, *_ in reports]
    for key, article_id, report_record, title, outlet in reports:
        report = Event.model_validate_json(report_record)
        found.reports.append(_view_of(report, article_id, title, outlet, key=key))
    links = con.execute(
        "SELECT l.key_a, l.key_b, l.score, l.same, l.forced, l.criteria, ra.event_id, rb.event_id, "
        "ra.article_id, rb.article_id FROM report_links l "
        "JOIN report_events ra ON ra.key = l.key_a JOIN report_events rb ON rb.key = l.key_b "
        "WHERE list_contains(?, l.key_a) OR list_contains(?, l.key_b) "
        "ORDER BY l.score DESC, l.key_a, l.key_b",
        [keys, keys],
    ).fetchall()
    for key_a, key_b, score, same, forced, criteria, event_a, event_b, article_a, article_b in links:
        found.links.append(
            LinkView(
                key_a,
                key_b,
                score,
                same,
                forced,
                json.loads(criteria) if criteria else {},
                _outcome(
                    same, forced, score, config.threshold, event_a, event_b, article_a, article_b, resolved
                ),
            )
        )
    return found


def _resolve(con: Any, event_id: str, has_reports: bool) -> str | None:
    if con.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone():
        return event_id
    if not has_reports:
        return None
    row = con.execute(
        "SELECT event_id FROM report_events WHERE id = ? OR key = ? ORDER BY key LIMIT 1",
        [event_id, event_id],
    ).fetchone()
    return str(row[0]) if row else None


def _outcome(
    same: bool,
    forced: bool,
    score: float,
    threshold: float,
    event_a: str,
    event_b: str,
    article_a: str,
    article_b: str,
    event_id: str,
) -> str:
    if forced:
        return "merged: both reports carry the same event id"
    if same and event_a == event_b:
        return f"merged: score {score:.2f} >= threshold {threshold:.2f}"
    if same:
        other = event_b if event_a == event_id else event_a
        return (
            f"not merged: score {score:.2f} >= {threshold:.2f}, but {other} already holds a report of "
            f"an article in this event (reports of one article are never one event)"
        )
    where = (
        ""
        if event_a == event_b
        else f" (the other report is in {event_b if event_a == event_id else event_a})"
    )
    return f"not merged: score {score:.2f} < threshold {threshold:.2f}{where}"


def _view_of(
    event: Event, article_id: str, title: str | None, outlet: str | None, *, key: str | None = None
) -> ReportView:
    report = next((r for r in event.reports if r.article_id == article_id), None)
    date = event.date
    if date.start is None:
        when = f"undated ({date.text})" if date.text else "undated"
    elif date.end in (None, date.start):
        when = f"{date.start} ({date.precision})"
    else:
        when = f"{date.start}..{date.end} ({date.precision})"
    place = None
    if event.location is not None:
        name = event.location.name or event.location.text
        place = ", ".join(part for part in (name, event.location.country_code) if part)
    return ReportView(
        key=key or f"{article_id}:{event.id}",
        id=event.id,
        article_id=article_id,
        title=title,
        outlet=outlet or (report.outlet if report else None),
        published=report.published if report else None,
        date=when,
        place=place,
        fatalities=figures_text(event.fatalities),
        injuries=figures_text(event.injuries),
    )


def figures_text(figures: Figures | None) -> str:
    """'4 (best 4, low 4, high 6): 4 according to STC; 6 according to a medic'."""
    if figures is None or figures.best is None:
        return "-"
    claims = "; ".join(
        f"{c.text!r}" + (f" according to {c.according_to}" if c.according_to else "") for c in figures.claims
    )
    return f"best {figures.best}, low {figures.low}, high {figures.high}: {claims}"
