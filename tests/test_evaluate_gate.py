"""The accuracy gate: committed bounds in benchmarks/baseline.json, checked on quick subsets in CI."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eventwire.evaluate import Bound, EvalResult, baseline_path, bounds_of, check, run
from tests.conftest import require_shared


def _result(**metrics: float) -> EvalResult:
    return EvalResult(dataset="toy", n=10, metrics=metrics)


def test_evaluate_gate_passes_at_the_bound_and_fails_past_it() -> None:
    floor = Bound("accuracy", 0.80, "higher", margin=0.01)
    assert check(_result(accuracy=0.80), [floor]) == []
    assert check(_result(accuracy=0.795), [floor]) == []  # inside the noise margin
    assert len(check(_result(accuracy=0.78), [floor])) == 1


def test_evaluate_gate_raising_a_floor_above_the_score_fails() -> None:
    score = _result(acc_161km=0.90)
    assert check(score, [Bound("acc_161km", 0.89, "higher")]) == []
    breaches = check(score, [Bound("acc_161km", 0.95, "higher")])
    assert [b.metric for b in breaches] == ["acc_161km"]
    assert "below its bound" in str(breaches[0])


def test_evaluate_gate_lower_is_better_for_km() -> None:
    ceiling = Bound("median_km", 20.0, "lower", margin=2.0)
    assert check(_result(median_km=21.0), [ceiling]) == []
    assert "above its bound" in str(check(_result(median_km=30.0), [ceiling])[0])


def test_evaluate_gate_a_missing_metric_is_a_breach() -> None:
    assert "missing" in str(check(_result(), [Bound("f1", 0.5, "higher")])[0])


def test_evaluate_baseline_covers_every_dataset() -> None:
    from eventwire.evaluate import DATASETS

    baseline = json.loads(baseline_path().read_text())
    assert set(baseline["datasets"]) == set(DATASETS)
    for name, entry in baseline["datasets"].items():
        assert entry["quick"]["limit"] >= 1, name
        for metric, spec in entry["quick"]["bounds"].items():
            assert spec["direction"] in {"higher", "lower"}, (name, metric)
            if spec["direction"] == "higher":
                assert 0.0 <= spec["bound"] <= 1.0, (name, metric)


BASELINE: dict[str, Any] = json.loads(baseline_path().read_text()) if baseline_path().exists() else {}


@pytest.mark.slow
@pytest.mark.parametrize("dataset", sorted(BASELINE.get("datasets", {})))
def test_evaluate_quick_gate(pipeline: Any, dataset: str) -> None:
    """The CI gate: each dataset's quick subset scores within its bounds."""
    data = require_shared("benchmarks")
    limit = BASELINE["datasets"][dataset]["quick"]["limit"]
    result = run(dataset, data, pipeline, limit=limit)
    breaches = check(result, bounds_of(BASELINE, dataset, "quick"))
    print(json.dumps(result.report()["metrics"]))
    assert not breaches, "\n".join(str(b) for b in breaches)
