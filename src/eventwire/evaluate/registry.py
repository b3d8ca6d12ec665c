"""The datasets `eventwire evaluate` knows, and how one is run."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from eventwire.errors import Errors, UsageError
from eventwire.evaluate.base import EvalResult

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Scorer = Callable[..., EvalResult]

# name -> (module, function): imported on use, so one dataset's reader never slows another's start.
DATASETS: dict[str, tuple[str, str]] = {
    "realnews": ("eventwire.evaluate.realtext", "evaluate_realnews"),
    "acled-notes": ("eventwire.evaluate.realtext", "evaluate_acled_notes"),
    "acled-march": ("eventwire.evaluate.realtext", "evaluate_acled_march"),
    "muc4": ("eventwire.evaluate.realtext", "evaluate_muc4"),
    "isaf": ("eventwire.evaluate.realtext", "evaluate_isaf"),
    "gwn": ("eventwire.evaluate.geoparsing", "evaluate_gwn"),
    "lgl": ("eventwire.evaluate.geoparsing", "evaluate_lgl"),
    "geovirus": ("eventwire.evaluate.geoparsing", "evaluate_geovirus"),
    "event-location": ("eventwire.evaluate.event_location", "evaluate"),
    "re3d": ("eventwire.evaluate.re3d", "evaluate"),
    "wikievents": ("eventwire.evaluate.wikievents", "evaluate"),
    "plover": ("eventwire.evaluate.plover", "evaluate"),
    "example": ("eventwire.evaluate.example", "evaluate"),
    "merge": ("eventwire.evaluate.merge", "evaluate"),
}


def repo_root() -> Path:
    """The checkout this package runs from (editable install), else the current folder."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").exists() and (parent / "benchmarks").is_dir():
            return parent
    return Path.cwd()


def default_data_dir() -> Path:
    """../shared/benchmarks beside the checkout."""
    return repo_root().parent / "shared" / "benchmarks"


def baseline_path() -> Path:
    return repo_root() / "benchmarks" / "baseline.json"


def scorer(name: str) -> Scorer:
    if name not in DATASETS:
        raise UsageError(Errors.E051.format(name=name, known=", ".join(DATASETS)))
    module, function = DATASETS[name]
    found: Scorer = getattr(import_module(module), function)
    return found


def run(name: str, data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    start = time.perf_counter()
    result = scorer(name)(data_dir, pipeline, limit=limit)
    if not result.seconds:
        result.seconds = time.perf_counter() - start
    return result


@cache
def anchors() -> dict[str, dict[str, dict[str, Any]]]:
    text = resources.files("eventwire.evaluate.data").joinpath("anchors.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(text)
    return data
