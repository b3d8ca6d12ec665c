"""benchmarks/geo_error_categories.py sorts geoparsing misses into causes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.geo_error_categories import cause, main


def _miss(gold_cc: str, predicted: dict[str, str] | None, kind: str = "geocoding") -> dict[str, object]:
    return {"kind": kind, "gold": {"country_code": gold_cc, "type": "Literal"}, "predicted": predicted}


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        (None, "not in the gazetteer"),
        ({"country_code": "FR", "feature_code": "PPLC"}, "wrong country"),
        ({"country_code": "US", "feature_code": "PCLI"}, "country point"),
        ({"country_code": "US", "feature_code": "ADM2"}, "unit point"),
        ({"country_code": "US", "feature_code": "PPL"}, "wrong place in the right country"),
    ],
)
def test_geo_errors_cause(predicted: dict[str, str] | None, expected: str) -> None:
    assert cause(_miss("US", predicted)) == expected


def test_geo_errors_report_counts_causes_and_recognition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        _miss("US", None),
        _miss("US", None),
        _miss("US", None, kind="missed"),
        _miss("US", None, "spurious"),
    ]
    path = tmp_path / "gwn.errors.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "gwn.json").write_text(json.dumps({"n": 10}))
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 geocoding misses of 10 gold spans" in out
    assert "not in the gazetteer: 2 (20.0% of all)" in out
    assert "1 missed, 1 spurious" in out
