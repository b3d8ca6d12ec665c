"""Reports of one event across articles become one event, inside the article's own transaction.

Each event the pipeline extracts from an article is a *report*. `write_reports` stores an article's
reports in `report_events`, compares each with the stored reports it could be the same event as
(same type and country, or none given, and date windows that can overlap: the block), keeps the
decisions in `report_links`, and rewrites the merged events of every group the new reports touch:
`events`, `claims`, `event_actors` and `reports` hold one row set per merged event. It runs in the
caller's transaction, so a killed process leaves every article with all of this or none of it.

Groups are recomputed from the links of the whole connected component a new report joins
(merge_clusters), never patched, so the events depend on which reports are stored, not on the
order they came in: ingesting A then B, B then A, or on Spark gives the same ids and rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwire.record import Article, Event
from eventwire.store import rows
from eventwire.store.merge_clusters import LinkEdge, cluster, merged_event_id
from eventwire.store.merge_config import MergeConfig, merge_config
from eventwire.store.merge_features import ReportFeatures, features_of
from eventwire.store.merge_pairs import Link, compare
from eventwire.store.merge_record import StoredReport, lead_report, merge_reports

_ROWS_PER_STATEMENT = 200
_FEATURES = ", ".join(f"o.{c}" for c in rows.FEATURE_COLUMNS)
# The stored reports worth comparing with new ones: those in a new report's block (same type,
# date windows that overlap, the same country or none given), and those with a new report's id.
# A report with no time anchor (window NULL) is in no block.
_CANDIDATES_SQL = f"""
SELECT n.key, {_FEATURES}
FROM (SELECT unnest(?) AS key, unnest(?) AS type, unnest(?) AS country_code,
             unnest(?) AS window_start, unnest(?) AS window_end) n
JOIN report_events o
  ON o.type = n.type AND o.window_start <= n.window_end AND o.window_end >= n.window_start
 AND (o.country_code IS NULL OR n.country_code IS NULL OR o.country_code = n.country_code)
UNION
SELECT n.key, {_FEATURES}
FROM (SELECT unnest(?) AS key, unnest(?) AS id) n JOIN report_events o ON o.id = n.id
"""
_EVENT_TABLES = ("events", "claims", "event_actors", "reports")
_EVENT_ID_COLUMN = {"events": "id", "claims": "event_id", "event_actors": "event_id", "reports": "event_id"}


def insert_rows(con: Any, head: str, width: int, table_rows: Sequence[rows.Row]) -> None:
    """Many rows, a few statements: DuckDB spends about a millisecond on every statement."""
    for start in range(0, len(table_rows), _ROWS_PER_STATEMENT):
        chunk = table_rows[start : start + _ROWS_PER_STATEMENT]
        values = ", ".join(f"({', '.join('?' * width)})" for _ in chunk)
        con.execute(head + values, [value for row in chunk for value in row])


def write_reports(
    con: Any, items: Sequence[tuple[Article, Sequence[Event]]], config: MergeConfig | None = None
) -> None:
    """Store new articles' events as reports and bring the merged events they touch up to date."""
    config = config or merge_config()
    new: dict[str, StoredReport] = {}
    for article, events in items:
        for event in events:
            report = StoredReport(event, article.id, article.published)
            new[report.key] = report  # an id twice in one article: its last record, as before
    if not new:
        return
    features = {key: features_of(r.event, r.article_id, r.published, config) for key, r in new.items()}
    links = _link_new(con, features, config)
    insert_rows(
        con,
        f"INSERT INTO report_events ({', '.join(rows.REPORT_COLUMNS)}) VALUES ",
        len(rows.REPORT_COLUMNS),
        [rows.report_row(f, new[k].event, f.id, f.window(config)) for k, f in features.items()],
    )
    joined = {key for link in links if link.same for key in (link.key_a, link.key_b)}
    groups: list[tuple[str, Sequence[StoredReport]]] = [
        (report.event.id, [report]) for key, report in new.items() if key not in joined
    ]
    if joined:
        groups += _regroup(con, sorted(joined & set(new)), set(new))
    _write_events(con, groups)


def _link_new(con: Any, new: dict[str, ReportFeatures], config: MergeConfig) -> list[Link]:
    """Compare every new report with the stored ones in its block and with the other new ones."""
    windowed = [(f, window) for f in new.values() if (window := f.window(config)) is not None]
    found = con.execute(
        _CANDIDATES_SQL,
        [
            [f.key for f, _ in windowed],
            [f.type for f, _ in windowed],
            [f.country_code for f, _ in windowed],
            [w[0] for _, w in windowed],
            [w[1] for _, w in windowed],
            list(new),
            [f.id for f in new.values()],
        ],
    ).fetchall()
    links: dict[tuple[str, str], Link] = {}
    for new_key, *other in found:
        link = compare(new[new_key], rows.report_features(tuple(other)), config)
        links[(link.key_a, link.key_b)] = link
    # New reports among themselves (the articles of one batch): compare checks the block.
    by_type: dict[str, list[ReportFeatures]] = {}
    for f, _ in windowed:
        by_type.setdefault(f.type, []).append(f)
    by_id: dict[str, list[ReportFeatures]] = {}
    for f in new.values():
        by_id.setdefault(f.id, []).append(f)
    for group in [*by_type.values(), *by_id.values()]:
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.article_id != second.article_id:
                    link = compare(first, second, config)
                    links[(link.key_a, link.key_b)] = link
    kept = [
        link
        for link in links.values()
        if link.failed is None and (link.same or link.score >= config.threshold - config.near_miss)
    ]
    insert_rows(
        con,
        f"INSERT OR REPLACE INTO report_links ({', '.join(rows.LINK_COLUMNS)}) VALUES ",
        len(rows.LINK_COLUMNS),
        [rows.link_row(link) for link in sorted(kept, key=lambda k: (k.key_a, k.key_b))],
    )
    return kept


_COMPONENT_SQL = """
WITH RECURSIVE component(key) AS (
    SELECT unnest(?)
    UNION
    SELECT l.there FROM component c JOIN (
        SELECT key_a AS here, key_b AS there FROM report_links WHERE same
        UNION ALL SELECT key_b, key_a FROM report_links WHERE same
    ) l ON l.here = c.key
)
SELECT r.key, r.id, r.article_id, r.event_id, r.published, r.record, l.key_b, l.score, l.forced
FROM component c JOIN report_events r ON r.key = c.key
LEFT JOIN report_links l ON l.key_a = r.key AND l.same
"""


def _regroup(con: Any, seeds: list[str], new_keys: set[str]) -> list[tuple[str, Sequence[StoredReport]]]:
    """Regroup every report reachable from `seeds` through same-event links.

    Drops the stored events whose groups changed and returns the groups to write. Events of the
    component that the new reports left as they were are kept as they are.
    """
    report_id: dict[str, str] = {}
    article_of: dict[str, str] = {}
    current: dict[str, str] = {}  # the event each report is stored under now (new ones: their own id)
    old_event: dict[str, str] = {}
    stored: dict[str, tuple[Any, str]] = {}
    edges: list[LinkEdge] = []
    for key, rid, article_id, event_id, published, record, key_b, score, forced in con.execute(
        _COMPONENT_SQL, [seeds]
    ).fetchall():
        report_id[key], article_of[key], stored[key] = rid, article_id, (published, record)
        current[key] = event_id
        if key not in new_keys:
            old_event[key] = event_id
        if key_b is not None:
            edges.append(LinkEdge(key, key_b, score, forced))
    members: dict[str, set[str]] = {}
    for key, event_id in old_event.items():
        members.setdefault(event_id, set()).add(key)
    changed: list[tuple[str, list[str]]] = []
    kept: set[str] = set()
    for group in cluster(sorted(report_id), article_of, edges):
        event_id = merged_event_id(report_id[key] for key in group)
        if not new_keys & set(group) and members.get(event_id) == set(group):
            kept.add(event_id)  # untouched by the new reports
        else:
            changed.append((event_id, group))
    stale = sorted(set(old_event.values()) - kept)
    if stale:
        for table in _EVENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, {_EVENT_ID_COLUMN[table]})", [stale])
    moved = [(key, event_id) for event_id, group in changed for key in group if current[key] != event_id]
    for start in range(0, len(moved), _ROWS_PER_STATEMENT):
        chunk = moved[start : start + _ROWS_PER_STATEMENT]
        con.execute(
            "UPDATE report_events SET event_id = m.event_id "
            "FROM (SELECT unnest(?) AS key, unnest(?) AS event_id) m WHERE report_events.key = m.key",
            [[k for k, _ in chunk], [e for _, e in chunk]],
        )

    def report(key: str) -> StoredReport:
        published, record = stored[key]
        return StoredReport(Event.model_validate_json(record), article_of[key], published)

    return [(event_id, [report(key) for key in group]) for event_id, group in changed]


def _write_events(con: Any, groups: Sequence[tuple[str, Sequence[StoredReport]]]) -> None:
    """The rows of merged events: one events row, its articles, claims and actors, per group."""
    tables: tuple[list[rows.Row], ...] = ([], [], [], [])
    for event_id, reports in groups:
        event = merge_reports(event_id, reports)
        lead = lead_report(reports).article_id
        tables[0].append(rows.event_row(event, lead))
        tables[1].extend(dict.fromkeys((event_id, r.article_id) for r in reports))
        tables[2].extend(rows.claim_rows(event, lead))
        tables[3].extend(rows.actor_rows(event))
    heads = (
        f"INSERT INTO events ({', '.join(rows.EVENT_COLUMNS)}) VALUES ",
        "INSERT OR IGNORE INTO reports (event_id, article_id) VALUES ",
        "INSERT INTO claims VALUES ",
        "INSERT INTO event_actors VALUES ",
    )
    widths = (len(rows.EVENT_COLUMNS), 2, len(rows.CLAIM_COLUMNS), len(rows.ACTOR_COLUMNS))
    for head, width, table_rows in zip(heads, widths, tables, strict=True):
        insert_rows(con, head, width, table_rows)


def backfill(con: Any, config: MergeConfig | None = None) -> None:
    """Schema v3 on an older file: every stored (event, article) becomes a report of that event.

    The events stay as they are. An event several articles reported under one id (how v2 merged)
    gets one report per article, all holding its stored record, linked as one event.
    """
    config = config or merge_config()
    found = con.execute(
        "SELECT r.event_id, r.article_id, e.record, a.published FROM reports r "
        "JOIN events e ON e.id = r.event_id LEFT JOIN articles a ON a.id = r.article_id "
        "ORDER BY r.event_id, r.article_id"
    ).fetchall()
    report_rows: list[rows.Row] = []
    by_event: dict[str, list[ReportFeatures]] = {}
    for event_id, article_id, record, published in found:
        event = Event.model_validate_json(record)
        feats = features_of(event, article_id, published, config)
        report_rows.append(rows.report_row(feats, event, event_id, feats.window(config)))
        by_event.setdefault(event_id, []).append(feats)
    insert_rows(
        con,
        f"INSERT INTO report_events ({', '.join(rows.REPORT_COLUMNS)}) VALUES ",
        len(rows.REPORT_COLUMNS),
        report_rows,
    )
    links = [
        compare(first, other, config)
        for same in by_event.values()
        for first in same[:1]
        for other in same[1:]
    ]
    insert_rows(
        con,
        f"INSERT INTO report_links ({', '.join(rows.LINK_COLUMNS)}) VALUES ",
        len(rows.LINK_COLUMNS),
        [rows.link_row(link) for link in links],
    )
