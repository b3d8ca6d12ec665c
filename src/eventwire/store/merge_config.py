"""The settings of report merging (store/data/merge.yaml): weights, threshold, tolerances.

They live in one data file so that a tuning run changes data, not code, and `eventwire explain`
can print the threshold a link was judged against.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

CRITERIA = ("date", "place", "actors", "text")


@dataclass(frozen=True)
class MergeConfig:
    threshold: float
    weights: dict[str, float]
    near_miss: float
    date_slack_days: dict[str, int]
    undated_window_days: int
    coarse_date_score: float
    place_radius_km: dict[int, float]
    coarse_place_prec: int
    coarse_place_score: float
    no_actor_score: float
    state_kinds: frozenset[str]
    source_statuses: frozenset[str]
    status_groups: dict[str, str]
    stopwords: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeConfig:
        weights = {name: float(data["weights"][name]) for name in CRITERIA}
        if set(data["weights"]) != set(CRITERIA):
            raise ValueError(f"merge.yaml: weights must name exactly {', '.join(CRITERIA)}")
        return cls(
            threshold=float(data["threshold"]),
            weights=weights,
            near_miss=float(data["near_miss"]),
            date_slack_days={str(k): int(v) for k, v in data["date_slack_days"].items()},
            undated_window_days=int(data["undated_window_days"]),
            coarse_date_score=float(data["coarse_date_score"]),
            place_radius_km={int(k): float(v) for k, v in data["place_radius_km"].items()},
            coarse_place_prec=int(data["coarse_place_prec"]),
            coarse_place_score=float(data["coarse_place_score"]),
            no_actor_score=float(data["no_actor_score"]),
            state_kinds=frozenset(data["state_kinds"]),
            source_statuses=frozenset(data["source_statuses"]),
            status_groups={str(k): str(v) for k, v in data["status_groups"].items()},
            stopwords=frozenset(str(data["stopwords"]).split()),
        )

    def with_weights(self, weights: dict[str, float], threshold: float) -> MergeConfig:
        """A copy with other weights and threshold (the tuning run tries many)."""
        fields = {**self.__dict__, "weights": dict(weights), "threshold": threshold}
        return MergeConfig(**fields)


@functools.cache
def merge_config() -> MergeConfig:
    text = resources.files("eventwire.store.data").joinpath("merge.yaml").read_text(encoding="utf-8")
    return MergeConfig.from_dict(yaml.safe_load(text))
