"""Flatten records into the rows of the store's tables (see schema.py), and back."""

from __future__ import annotations

import json
from typing import Any

from eventwire.record import Article, Event, Figures

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
