"""Flatten records into the rows of the store's tables (see schema.py), and back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eventwire.record import Article, Event, Figures
from eventwire.store.merge_features import ReportFeatures
from eventwire.store.merge_pairs import Link

ARTICLE_COLUMNS = ("id", "url", "outlet", "title", "published", "language", "text", "removed_boilerplate")
EVENT_COLUMNS = (
    "id",
    "article_id",
    "type",
    "mode",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "country_code",
    "country",
    "admin1",
    "location_name",
    "lat",
    "lon",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
    "injuries_best",
    "confidence",
    "record",
)
CLAIM_COLUMNS = (
    "event_id",
    "article_id",
    "kind",
    "value",
    "low",
    "high",
    "qualifier",
    "according_to",
    "text",
    "span_start",
    "span_end",
)
ACTOR_COLUMNS = ("event_id", "role", "name", "actor_id", "status", "according_to")

Row = tuple[Any, ...]

# The figure columns are INTEGER. A record may hold any int ("999999999999999999999 killed" parses),
# and one absurd figure must not make a whole article unstorable (found by tests/test_fuzz_extract.py):
# out of range, the flat column is NULL; the `record` JSON keeps the value as extracted.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _int(value: int | None) -> int | None:
    return value if value is None or _INT_MIN <= value <= _INT_MAX else None


def article_row(article: Article) -> Row:
    return (
        article.id,
        article.url,
        article.outlet,
        article.title,
        article.published,
        article.language,
        article.text,
        json.dumps(article.removed_boilerplate, ensure_ascii=False),
    )


def article_from_row(row: Row) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    boilerplate = values["removed_boilerplate"]
    values["removed_boilerplate"] = json.loads(boilerplate) if boilerplate else []
    return Article.model_validate(values)


def event_row(event: Event, article_id: str) -> Row:
    location = event.location
    fatalities = event.fatalities
    return (
        event.id,
        article_id,
        event.type,
        event.mode,
        event.status,
        event.date.start,
        event.date.end,
        event.date.precision,
        location.country_code if location else None,
        location.country if location else None,
        location.admin1 if location else None,
        location.name or location.text if location else None,
        location.lat if location else None,
        location.lon if location else None,
        _int(fatalities.best) if fatalities else None,
        _int(fatalities.low) if fatalities else None,
        _int(fatalities.high) if fatalities else None,
        _int(event.injuries.best) if event.injuries else None,
        event.confidence,
        event.model_dump_json(),
    )


def _figure_claims(event_id: str, article_id: str, kind: str, figures: Figures | None) -> list[Row]:
    if figures is None:
        return []
    return [
        (
            event_id,
            claim.article_id or article_id,
            kind,
            _int(claim.value),
            _int(claim.low),
            _int(claim.high),
            claim.qualifier,
            claim.according_to,
            claim.text,
            _int(claim.span[0]),
            _int(claim.span[1]),
        )
        for claim in figures.claims
    ]


def claim_rows(event: Event, article_id: str) -> list[Row]:
    return _figure_claims(event.id, article_id, "fatalities", event.fatalities) + _figure_claims(
        event.id, article_id, "injuries", event.injuries
    )


def actor_rows(event: Event) -> list[Row]:
    return [
        (event.id, actor.role, actor.name, actor.id, actor.status, actor.according_to)
        for actor in event.actors
    ]


REPORT_COLUMNS = (
    "key",
    "id",
    "article_id",
    "event_id",
    "type",
    "status",
    "country_code",
    "window_start",
    "window_end",
    "date_start",
    "date_end",
    "date_precision",
    "published",
    "lat",
    "lon",
    "where_prec",
    "sources",
    "actors",
    "words",
    "record",
)
# The columns a pair decision reads (see report_features): all but the merge's own bookkeeping.
FEATURE_COLUMNS = tuple(
    c for c in REPORT_COLUMNS if c not in {"event_id", "window_start", "window_end", "record"}
)
LINK_COLUMNS = ("key_a", "key_b", "score", "same", "forced", "criteria")


def report_row(
    features: ReportFeatures, event: Event, event_id: str, window: tuple[dt.date, dt.date] | None
) -> Row:
    """A report (one article's event) with the features merging compares, and its full record."""
    return (
        features.key,
        features.id,
        features.article_id,
        event_id,
        features.type,
        features.status,
        features.country_code,
        window[0] if window else None,
        window[1] if window else None,
        features.start,
        features.end,
        features.precision,
        features.published,
        features.lat,
        features.lon,
        features.where_prec,
        list(features.sources),
        list(features.actors),
        list(features.words),
        event.model_dump_json(),
    )


def report_features(row: Row) -> ReportFeatures:
    """FEATURE_COLUMNS of a report_events row back into the features."""
    values = dict(zip(FEATURE_COLUMNS, row, strict=True))
    return ReportFeatures(
        key=values["key"],
        id=values["id"],
        article_id=values["article_id"],
        type=values["type"],
        status=values["status"],
        country_code=values["country_code"],
        start=values["date_start"],
        end=values["date_end"],
        precision=values["date_precision"],
        published=values["published"],
        lat=values["lat"],
        lon=values["lon"],
        where_prec=values["where_prec"],
        sources=tuple(values["sources"] or ()),
        actors=tuple(values["actors"] or ()),
        words=tuple(values["words"] or ()),
    )


def link_row(link: Link) -> Row:
    return (link.key_a, link.key_b, link.score, link.same, link.forced, json.dumps(link.criteria))
