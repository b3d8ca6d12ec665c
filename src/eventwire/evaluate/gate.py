"""The accuracy gate: current scores against committed bounds (benchmarks/baseline.json).

Each bound has a direction: `higher` (accuracies, F1: the score may not fall below the bound) or
`lower` (km, AUC: it may not rise above it). A small margin absorbs run-to-run noise; anything
beyond it fails, so lowering the pipeline's accuracy fails CI, and so does raising a bound above
the score it guards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from eventwire.evaluate.base import EvalResult


@dataclass(frozen=True)
class Bound:
    metric: str
    bound: float
    direction: Literal["higher", "lower"]
    margin: float = 0.0

    def holds(self, value: float) -> bool:
        if self.direction == "higher":
            return value >= self.bound - self.margin
        return value <= self.bound + self.margin


@dataclass(frozen=True)
class Breach:
    dataset: str
    metric: str
    value: float | None
    bound: Bound

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.dataset}.{self.metric}: missing from the results"
        word = "below" if self.bound.direction == "higher" else "above"
        return (
            f"{self.dataset}.{self.metric} = {self.value:.4f} is {word} its bound {self.bound.bound:.4f} "
            f"(margin {self.bound.margin:.4f})"
        )


def bounds_of(baseline: dict[str, Any], dataset: str, section: str = "quick") -> list[Bound]:
    entry = baseline["datasets"].get(dataset, {}).get(section, {})
    margin = float(baseline.get("margin", 0.0))
    return [
        Bound(metric, float(spec["bound"]), spec["direction"], float(spec.get("margin", margin)))
        for metric, spec in entry.get("bounds", {}).items()
    ]


def check(result: EvalResult, bounds: list[Bound]) -> list[Breach]:
    breaches = []
    for bound in bounds:
        value = result.metrics.get(bound.metric)
        if value is None or not bound.holds(value):
            breaches.append(Breach(result.dataset, bound.metric, value, bound))
    return breaches
