"""`eventwire evaluate` through the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, require_shared

EVENTWIRE = Path(sys.executable).with_name("eventwire")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EVENTWIRE), *args], capture_output=True, text=True, cwd=REPO, check=False)


def test_cli_evaluate_unknown_dataset_is_a_usage_error() -> None:
    run = _run("evaluate", "no-such-set")
    assert run.returncode == 2
    assert "E051" in run.stderr and "gwn" in run.stderr


@pytest.mark.slow
def test_cli_evaluate_writes_report_and_errors(tmp_path: Path) -> None:
    require_shared("benchmarks", "event-location")
    report, errors = tmp_path / "r.json", tmp_path / "e.jsonl"
    run = _run(
        "evaluate", "event-location", "--limit", "40", "--report", str(report), "--errors", str(errors)
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(report.read_text())
    assert set(doc) >= {"dataset", "n", "metrics", "seconds"}
    assert doc["dataset"] == "event-location" and doc["n"] == 40
    assert 0.0 <= doc["metrics"]["accuracy"] <= 1.0
    assert "accuracy" in run.stdout
    for line in errors.read_text().splitlines():
        assert {"text", "gold", "predicted"} <= set(json.loads(line))


@pytest.mark.slow
def test_cli_evaluate_check_passes_against_the_committed_baseline() -> None:
    require_shared("examples", "check_example.py")
    assert _run("evaluate", "example", "--check").returncode == 0
