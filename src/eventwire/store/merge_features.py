"""What a report is compared on: its type, time window, place, actors and evidence words.

A report is one event as extracted from one article. Its features are computed once, when the
article is stored, and kept in `report_events` beside the full record, so comparing a new report
with hundreds of stored ones reads a few columns instead of parsing hundreds of records.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from eventwire.record import Event, EventActor, Location
from eventwire.store.merge_config import MergeConfig

_WORD = re.compile(r"[a-z]+")
# Plural and tense endings: "killing" / "killed" / "kills", "strikes" / "struck" stay apart, but
# the common inflections meet without a stemmer package.
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


@dataclass(frozen=True)
class ReportFeatures:
    """One report, reduced to what the pair decision reads (see merge_pairs.compare)."""

    key: str  # article_id:id, unique per report even where two articles share an event id
    id: str
    article_id: str
    type: str
    status: str
    country_code: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str
    published: dt.date | None
    lat: float | None
    lon: float | None
    where_prec: int | None  # UCDP where_prec of the place, 1 (exact) .. 7
    sources: tuple[str, ...]  # actors on the perpetrator side, as family keys
    actors: tuple[str, ...]  # every specific actor named, any role, as family keys
    words: tuple[str, ...]  # content words of the evidence, stemmed, sorted, unique

    def window(self, config: MergeConfig) -> tuple[dt.date, dt.date] | None:
        """The widened time window reports must share to be compared; None: no time anchor at all."""
        if self.start is not None:
            slack = dt.timedelta(days=config.date_slack_days.get(self.precision, 0))
            return self.start - slack, (self.end or self.start) + slack
        if self.published is not None:
            return self.published - dt.timedelta(days=config.undated_window_days), self.published
        return None


def report_key(article_id: str, event_id: str) -> str:
    return f"{article_id}:{event_id}"


def features_of(
    event: Event, article_id: str, published: dt.date | None, config: MergeConfig
) -> ReportFeatures:
    location = event.location
    specific = [a for a in event.actors if _is_specific(a)]
    sources = {
        family(a, config)
        for a in specific
        if a.role in ("source", "assoc_source") and a.status in config.source_statuses
    }
    return ReportFeatures(
        key=report_key(article_id, event.id),
        id=event.id,
        article_id=article_id,
        type=event.type,
        status=event.status,
        country_code=location.country_code if location else None,
        start=event.date.start,
        end=event.date.end,
        precision=event.date.precision,
        published=published,
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        where_prec=where_prec(location),
        sources=tuple(sorted(sources)),
        actors=tuple(sorted({family(a, config) for a in specific if a.status != "denied"})),
        words=content_words(" ".join(e.sentence for e in event.evidence), config),
    )


def where_prec(location: Location | None) -> int | None:
    """UCDP where_prec when the record has it; else from ACLED's 1-3 or the feature code."""
    if location is None or (location.lat is None and location.country_code is None):
        return None
    if location.ucdp_where_prec is not None:
        return location.ucdp_where_prec
    if (location.feature_code or "").startswith("PCL"):
        return 6
    return {1: 1, 2: 2, 3: 4}.get(location.acled_geo_precision or 0, 4)


def family(actor: EventActor, config: MergeConfig) -> str:
    """The key two reports must share to name the same side: state forces collapse to their state."""
    if actor.kind in config.state_kinds and actor.country_code:
        return f"state:{actor.country_code.upper()}"
    if actor.id:
        return actor.id
    return "name:" + " ".join(_WORD.findall(_fold(actor.name)))


def _is_specific(actor: EventActor) -> bool:
    # "Unidentified gunmen" and "civilians" are in every second report: sharing them proves nothing,
    # and an unknown perpetrator contradicts nobody.
    if actor.id and actor.id.startswith("generic:"):
        return False
    return not (actor.id is None and actor.status == "unknown")


def content_words(text: str, config: MergeConfig) -> tuple[str, ...]:
    words = {_stem(w) for w in _WORD.findall(_fold(text)) if len(w) > 2 and w not in config.stopwords}
    return tuple(sorted(words))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
