"""The `example` scorer: reading check_example.py's output, and the worked example end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.evaluate.example import Check, evaluate, parse_checker, score

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"

# The shape check_example.py prints: a header per document, a line per check, then the totals.
OUTPUT = """\
--- /tmp/dated.json (published 2018-06-21)
ok   required: one article record
FAIL required: airstrike country is Syria (SY)
miss optional: netanyahu-vow
ok   optional: velayati-warning
--- /tmp/undated.json (no publication date)
ok   required: one article record
ok   required: undated article: no invented calendar date
4 passed, 2 failed
"""


def test_evaluate_example_parses_each_check_with_its_document() -> None:
    checks, passed, failed = parse_checker(OUTPUT)
    assert (passed, failed) == (4, 2)
    assert checks[1] == Check("dated", "airstrike country is Syria (SY)", required=True, passed=False)
    assert checks[2] == Check("dated", "netanyahu-vow", required=False, passed=False)
    assert [c.mode for c in checks] == ["dated"] * 4 + ["undated"] * 2


def test_evaluate_example_scores_fractions_of_all_required_and_optional() -> None:
    checks, _, _ = parse_checker(OUTPUT)
    assert score(checks) == {
        "checks_passed": pytest.approx(4 / 6),
        "required_passed": pytest.approx(3 / 4),
        "optional_passed": pytest.approx(1 / 2),
    }
    assert score([]) == {"checks_passed": 0.0, "required_passed": 0.0, "optional_passed": 0.0}


def test_evaluate_example_refuses_output_without_a_summary() -> None:
    # A crashed checker must not read as a clean (or empty) score.
    with pytest.raises(EventwireError, match="E052"):
        parse_checker("ok   required: one article record\nTraceback (most recent call last):\n")


@pytest.mark.slow
def test_evaluate_example_runs_the_checker_on_both_extractions(pipeline: object) -> None:
    if not (BENCHMARKS.parent / "examples" / "check_example.py").exists():
        pytest.skip(f"{BENCHMARKS.parent / 'examples'} is absent: the worked example lives in ../shared")
    result = evaluate(BENCHMARKS, pipeline)  # type: ignore[arg-type]
    assert result.dataset == "example"
    assert result.n == result.details["passed"] + result.details["failed"]
    assert {c["mode"] for c in result.details["checks"]} == {"dated", "undated"}
    assert len(result.errors) == result.details["failed"]
    # the project's own acceptance bar (tests/test_example_worked.py): every required check passes
    assert result.metrics["required_passed"] == 1.0, result.errors
