"""EntityRuler patterns built from the knowledge base (DESIGN.md, "nlp").

The statistical NER labels militias as PERSON or NORP; these patterns, placed before `ner`,
give every known alias its right label. Configure the ruler with `phrase_matcher_attr: LOWER`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.tokenizer import Tokenizer

from eventwire.actors.normalize import is_lowercase_alias, needs_exact_case, surface_variants
from eventwire.actors.variants import all_aliases
from eventwire.annotations import ActorEntry


@cache
def _tokenizer() -> Tokenizer:
    # The blank English tokenizer is the one en_core_web_sm uses; it loads no model.
    return spacy.blank("en").tokenizer


def ruler_label(entry: ActorEntry) -> str:
    if entry.kind == "state":
        return "GPE"
    if entry.kind == "person":
        return "PERSON"
    return "ORG"


def ruler_patterns(entries: Iterable[ActorEntry]) -> list[dict[str, object]]:
    tokenizer = _tokenizer()
    patterns: list[dict[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        if entry.id.startswith("generic:"):
            continue
        label = ruler_label(entry)
        for alias in all_aliases(entry):
            if is_lowercase_alias(alias):
                continue
            for form in surface_variants(alias):
                if (label, form) in seen:
                    continue
                seen.add((label, form))
                if needs_exact_case(form):
                    tokens = [{"ORTH": t.text} for t in tokenizer(form)]
                    patterns.append({"label": label, "pattern": tokens, "id": entry.id})
                else:
                    patterns.append({"label": label, "pattern": form, "id": entry.id})
    return patterns
