"""One event from several reports: what the merged record keeps from each.

- type, status, ACLED and UCDP codings: the lead report's (highest confidence, then earliest);
  mode: the one most reports give;
- date: the narrowest window among the reports (the most precise one);
- location: the most precise report's place;
- actors: the union, one entry per role, actor and perpetrator status (one article may suspect a
  group that another says claimed the attack: both statements stay);
- fatalities and injuries: every report's claims, each with its article and speaker, and best,
  low and high recomputed over all of them by the claims stage's own rules (claims.summary);
- evidence, weapons, contexts and the list of reports: all of them, reports in order of publication;
- confidence: the best report's.
A group of one report is that report's record, unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.claims.summary import summarize_figures
from eventwire.record import Event, EventActor, EventDate, FigureClaim, Figures, Location, Report

_PRECISION_RANK = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}


@dataclass(frozen=True)
class StoredReport:
    """A report as the store keeps it: the record, the article it came from, that article's date."""

    event: Event
    article_id: str
    published: dt.date | None

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.event.id}"


def chronological(reports: Sequence[StoredReport]) -> list[StoredReport]:
    return sorted(reports, key=lambda r: (r.published is None, r.published or dt.date.min, r.key))


def lead_report(reports: Sequence[StoredReport]) -> StoredReport:
    ordered = chronological(reports)
    return min(enumerate(ordered), key=lambda pair: (-pair[1].event.confidence, pair[0]))[1]


def merge_reports(event_id: str, reports: Sequence[StoredReport]) -> Event:
    if len(reports) == 1:
        return reports[0].event.model_copy(update={"id": event_id})
    ordered = chronological(reports)
    lead = lead_report(ordered)
    events = [r.event for r in ordered]
    return Event(
        id=event_id,
        type=lead.event.type,
        mode=_mode(events, lead.event.mode),
        context=_union(c for e in events for c in e.context),
        acled=lead.event.acled,
        ucdp=lead.event.ucdp,
        status=lead.event.status,
        date=_narrowest_date(ordered),
        location=_most_precise_place(ordered),
        actors=_actors(events),
        fatalities=_figures(ordered, "fatalities"),
        injuries=_figures(ordered, "injuries"),
        weapons=_union(w for e in events for w in e.weapons),
        evidence=[item for e in events for item in e.evidence],
        reports=_reports(ordered),
        confidence=max(e.confidence for e in events),
    )


def _union(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _mode(events: Sequence[Event], lead_mode: str | None) -> str | None:
    counts = Counter(e.mode for e in events if e.mode)
    if not counts:
        return None
    return min(counts, key=lambda m: (-counts[m], m != lead_mode, m))


def _narrowest_date(reports: Sequence[StoredReport]) -> EventDate:
    dated = [r for r in reports if r.event.date.start is not None]
    if not dated:
        return lead_report(reports).event.date

    def width(r: StoredReport) -> int:
        date = r.event.date
        assert date.start is not None
        return ((date.end or date.start) - date.start).days

    best = min(
        enumerate(dated),
        key=lambda pair: (width(pair[1]), _PRECISION_RANK.get(pair[1].event.date.precision, 9), pair[0]),
    )
    return best[1].event.date


def _most_precise_place(reports: Sequence[StoredReport]) -> Location | None:
    located = [r for r in reports if r.event.location is not None]
    if not located:
        return None

    def precision(r: StoredReport) -> int:
        loc = r.event.location
        assert loc is not None
        if loc.ucdp_where_prec is not None:
            return loc.ucdp_where_prec
        return 9 if loc.lat is None else 8

    return min(enumerate(located), key=lambda pair: (precision(pair[1]), pair[0]))[1].event.location


def _actors(events: Sequence[Event]) -> list[EventActor]:
    seen: dict[tuple[str, str, str], EventActor] = {}
    for event in events:
        for actor in event.actors:
            seen.setdefault((actor.role, actor.id or actor.name.casefold(), actor.status), actor)
    return list(seen.values())


def _figures(reports: Sequence[StoredReport], kind: str) -> Figures | None:
    found = [(r, getattr(r.event, kind)) for r in reports]
    if all(figures is None for _, figures in found):
        return None
    claims: list[FigureClaim] = [
        claim if claim.article_id else claim.model_copy(update={"article_id": r.article_id})
        for r, figures in found
        if figures is not None
        for claim in figures.claims
    ]
    return summarize_figures(claims, {r.article_id: r.published for r in reports})


def _reports(reports: Sequence[StoredReport]) -> list[Report]:
    out: dict[str, Report] = {}
    for r in reports:
        for report in r.event.reports or [Report(article_id=r.article_id, published=r.published)]:
            out.setdefault(report.article_id, report)
    return list(out.values())
