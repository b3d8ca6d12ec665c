"""What every dataset scorer returns, and how a result is written out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import Errors, SetupError


class DatasetMissing(SetupError):
    """The gold data is not where it should be (../shared/benchmarks/ in a checkout)."""


@dataclass
class EvalResult:
    """One dataset's scores. `metrics` are fractions 0-1 (accuracies, P/R/F1) or km / AUC values."""

    dataset: str
    n: int
    metrics: dict[str, float]
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)  # each miss: text context, gold, predicted
    details: dict[str, Any] = field(default_factory=dict)  # breakdowns: confusion matrix, per-type P/R/F1
    # files that let anyone re-score the run by other means (the inputs scored, the system's output)
    attachments: dict[str, bytes] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        """The report document: {"dataset", "n", "metrics", "seconds"} plus any details."""
        doc: dict[str, Any] = {
            "dataset": self.dataset,
            "n": self.n,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "seconds": round(self.seconds, 2),
        }
        if self.details:
            doc["details"] = self.details
        return doc

    def write_report(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.report(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def write_attachments(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.attachments.items():
            (folder / name).write_bytes(data)

    def write_errors(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            for error in self.errors:
                out.write(json.dumps(error, ensure_ascii=False, default=str) + "\n")


def require(path: Path, dataset: str) -> Path:
    if not path.exists():
        raise DatasetMissing(Errors.E050.format(dataset=dataset, path=path))
    return path


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
