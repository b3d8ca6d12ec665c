"""Whether two reports are the same event: hard conditions, then a weighted score against a threshold.

Hard conditions (any one failing means "not the same event", whatever else agrees): same PLOVER
type and kind of status, no other country, time windows that overlap once widened by their
precision, places no farther apart than the coarser one's precision allows, and perpetrators that
do not contradict each other. Then four criteria in 0..1 (date, place, actors, text), weighted as
store/data/merge.yaml says. `compare` is symmetric, so which report came first never matters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from eventwire.store.merge_config import CRITERIA, MergeConfig
from eventwire.store.merge_features import ReportFeatures


@dataclass(frozen=True)
class Link:
    """The decision on one pair of reports, with every criterion, for the links table and explain."""

    key_a: str  # the smaller key first: a pair is stored once
    key_b: str
    score: float
    same: bool
    forced: bool = False  # the two reports carry one event id: the producer already merged them
    criteria: dict[str, Any] = field(default_factory=dict)
    failed: str | None = None  # the hard condition that failed, if any


def compare(a: ReportFeatures, b: ReportFeatures, config: MergeConfig) -> Link:
    if b.key < a.key:
        a, b = b, a
    if a.id == b.id:
        return Link(a.key, b.key, 1.0, True, forced=True, criteria={"same_id": True})
    criteria: dict[str, Any] = {}
    failed = _hard_failure(a, b, config, criteria)
    if failed is not None or a.article_id == b.article_id:
        return Link(a.key, b.key, 0.0, False, criteria=criteria, failed=failed or "same article")
    criteria["date"] = _date_score(a, b, config)
    criteria["place"] = _place_score(a, b, config, criteria.get("distance_km"), criteria.get("radius_km"))
    criteria["actors"] = _actor_score(a, b, config)
    criteria["text"] = _text_score(a, b)
    score = round(sum(config.weights[name] * criteria[name] for name in CRITERIA), 4)
    return Link(a.key, b.key, score, score >= config.threshold, criteria=criteria)


def _hard_failure(
    a: ReportFeatures, b: ReportFeatures, config: MergeConfig, criteria: dict[str, Any]
) -> str | None:
    if a.type != b.type:
        return f"type {a.type} vs {b.type}"
    if config.status_groups.get(a.status) != config.status_groups.get(b.status):
        return f"status {a.status} vs {b.status}"
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return f"country {a.country_code} vs {b.country_code}"
    wa, wb = a.window(config), b.window(config)
    if wa is None or wb is None:
        return "no date and no publication date"
    if wa[0] > wb[1] or wb[0] > wa[1]:
        return f"dates {_span(a)} vs {_span(b)} do not overlap"
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
        radius = config.place_radius_km.get(max(a.where_prec or 6, b.where_prec or 6))
        criteria["distance_km"] = round(distance, 1)
        criteria["radius_km"] = radius
        if radius is not None and distance > radius:
            return f"places {distance:.0f} km apart, more than the {radius:.0f} km their precision allows"
    # A perpetrator one report names may be the other's target (a clash told from each side).
    if (
        a.sources
        and b.sources
        and not set(a.sources) & set(b.sources)
        and not (set(a.sources) & set(b.actors) or set(b.sources) & set(a.actors))
    ):
        return f"perpetrators {', '.join(a.sources)} vs {', '.join(b.sources)}"
    return None


def _span(report: ReportFeatures) -> str:
    if report.start is None:
        return f"undated (published {report.published})"
    return str(report.start) if report.end in (None, report.start) else f"{report.start}..{report.end}"


def _date_score(a: ReportFeatures, b: ReportFeatures, config: MergeConfig) -> float:
    if a.start is None or b.start is None:
        return 0.0  # anchored on the publication date only: the rest must carry the decision
    coarse = {"month", "year", "unknown"}
    a_end, b_end = a.end or a.start, b.end or b.start
    overlap = a.start <= b_end and b.start <= a_end
    score = 1.0 if overlap else 0.5
    if a.precision in coarse or b.precision in coarse:
        score = min(score, config.coarse_date_score)
    return score


def _place_score(
    a: ReportFeatures, b: ReportFeatures, config: MergeConfig, distance: float | None, radius: float | None
) -> float:
    if distance is None:
        # No coordinates on one side: the same country (or none given) is all there is.
        return 0.0
    coarser = max(a.where_prec or 6, b.where_prec or 6)
    score = 1.0 - distance / radius if radius else 0.0
    if coarser > config.coarse_place_prec:
        score = min(score, config.coarse_place_score)
    return round(max(score, 0.0), 4)


def _actor_score(a: ReportFeatures, b: ReportFeatures, config: MergeConfig) -> float:
    if not a.actors or not b.actors:
        return config.no_actor_score
    shared = len(set(a.actors) & set(b.actors))
    return round(shared / min(len(a.actors), len(b.actors)), 4)


def _text_score(a: ReportFeatures, b: ReportFeatures) -> float:
    if not a.words or not b.words:
        return 0.0
    shared = len(set(a.words) & set(b.words))
    return round(shared / len(set(a.words) | set(b.words)), 4)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
