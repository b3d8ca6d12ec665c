"""`eventwire evaluate`: score the pipeline against public gold data, and gate CI on the scores."""

from eventwire.evaluate.base import DatasetMissing, EvalResult
from eventwire.evaluate.gate import Bound, Breach, bounds_of, check
from eventwire.evaluate.registry import DATASETS, anchors, baseline_path, default_data_dir, run

__all__ = [
    "DATASETS",
    "Bound",
    "Breach",
    "DatasetMissing",
    "EvalResult",
    "anchors",
    "baseline_path",
    "bounds_of",
    "check",
    "default_data_dir",
    "run",
]
