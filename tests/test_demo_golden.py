"""The demo corpus through the whole pipeline, against the analyst codings and a reviewed golden file.

Two guards:
- agreement with tests/fixtures/demo_expected.yaml (written from the articles, never from output)
  may not fall below the floor in tests/fixtures/demo_baseline.json, and every required event
  must be found;
- tests/fixtures/demo_golden.json pins a compact summary of every event: when the pipeline
  changes it, regenerate it with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_demo_golden.py`
  and review the diff by eye before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from eventwire.record import Event
from tests.demo_scoring import corpus_articles, load_fixture, score_corpus

FIXTURES = Path(__file__).parent / "fixtures"
BASELINE = FIXTURES / "demo_baseline.json"
GOLDEN = FIXTURES / "demo_golden.json"


def _summary(event: Event) -> dict[str, Any]:
    loc = event.location
    return {
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "acled": event.acled.sub_event_type,
        "date": [str(event.date.start), str(event.date.end), event.date.precision],
        "place": [loc.name, loc.country_code, loc.acled_geo_precision] if loc else None,
        "actors": sorted(f"{a.role}:{a.name}:{a.status}" for a in event.actors),
        "fatalities": event.fatalities.best if event.fatalities else None,
        "injuries": event.injuries.best if event.injuries else None,
        "evidence": [e.start for e in event.evidence],
    }


@pytest.mark.slow
def test_demo_agreement_with_analyst_coding_stays_above_floor(pipeline: Any) -> None:
    score = score_corpus(pipeline)
    floor = json.loads(BASELINE.read_text())["check_rate_floor"]
    print("\n".join(line for line in score.lines if line.startswith("FAIL")))
    print(f"demo agreement: {score.passed}/{score.total} = {score.rate:.3f} (floor {floor})")
    assert not score.required_missing, f"required events not found: {score.required_missing}"
    assert score.rate >= floor


@pytest.mark.slow
def test_demo_output_matches_golden_file(pipeline: Any) -> None:
    articles = corpus_articles(load_fixture())
    got = {title: [_summary(e) for e in pipeline.extract_article(a)] for title, a in sorted(articles.items())}
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == expected, "demo output changed: regenerate with UPDATE_GOLDEN=1 and review the diff"
