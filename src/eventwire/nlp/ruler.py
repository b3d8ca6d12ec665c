"""The actor EntityRuler with its exact-case token patterns matched as phrases.

The knowledge base gives the ruler about 1,400 token patterns that only spell words in exact case
(`[{"ORTH": "IS"}, {"ORTH": "West"}, ...]`: acronyms and names that must not match in lower case).
spaCy's token Matcher tries every pattern at every token, so those patterns alone took 30% of the
whole pipeline's time on the speed benchmark (3.3 s of 11 s), while the PhraseMatcher finds the same
spans by hash lookup in milliseconds. This ruler routes them to a PhraseMatcher on ORTH and merges
its matches with the other two matchers' before spaCy's own longest-first conflict resolution, so
the entities it sets are the stock EntityRuler's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import entity_ruler_score
from spacy.tokens import Doc

FACTORY = "eventwire_entity_ruler"
# Token attributes that compare the exact text of a token (spaCy treats TEXT as ORTH).
_EXACT_KEYS = frozenset({"ORTH", "TEXT"})

Match = tuple[int, int, int]


def exact_words(pattern: object) -> list[str] | None:
    """The words of a token pattern that only spells words in exact case, else None."""
    if not isinstance(pattern, list) or not pattern:
        return None
    words = []
    for token in pattern:
        if not isinstance(token, dict) or len(token) != 1:
            return None
        ((key, value),) = token.items()
        if str(key).upper() not in _EXACT_KEYS or not isinstance(value, str):
            return None
        words.append(value)
    return words


class ExactCaseEntityRuler(EntityRuler):
    """An EntityRuler that matches exact-case token patterns with a PhraseMatcher on ORTH."""

    def __init__(self, nlp: Language, name: str = "entity_ruler", **config: Any) -> None:
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        super().__init__(nlp, name, **config)

    def add_patterns(self, patterns: Sequence[dict[str, Any]]) -> None:
        exact = [entry for entry in patterns if exact_words(entry["pattern"]) is not None]
        super().add_patterns([entry for entry in patterns if exact_words(entry["pattern"]) is None])
        for entry in exact:
            label = entry["label"]
            if "id" in entry:  # as EntityRuler.add_patterns keys patterns that carry an id
                key_label = self._create_label(label, entry["id"])
                self._ent_ids[self.matcher._normalize_key(key_label)] = (label, entry["id"])
                label = key_label
            # Kept with the token patterns so that `patterns`, `len` and serialisation are unchanged.
            self.token_patterns[label].append(entry["pattern"])
            words = exact_words(entry["pattern"]) or []
            self.exact_matcher.add(label, [Doc(self.nlp.vocab, words=words)])

    def match(self, doc: Doc) -> list[Match]:
        matches: list[Match] = super().match(doc)
        extra = [(m_id, start, end) for m_id, start, end in self.exact_matcher(doc) if start != end]
        if not extra:
            return matches
        # The same de-duplication and order as EntityRuler.match: longest first, then leftmost.
        merged = set(matches).union(extra)
        return sorted(merged, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def clear(self) -> None:
        super().clear()
        self.exact_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")

    def remove(self, ent_id: str) -> None:
        raise NotImplementedError("ExactCaseEntityRuler is built once from the knowledge base")


@Language.factory(
    FACTORY,
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={
        "phrase_matcher_attr": None,
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": "||",
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
)
def make_exact_case_entity_ruler(
    nlp: Language,
    name: str,
    phrase_matcher_attr: str | None,
    validate: bool,
    overwrite_ents: bool,
    ent_id_sep: str,
    scorer: Callable[..., Any] | None = entity_ruler_score,
) -> ExactCaseEntityRuler:
    return ExactCaseEntityRuler(
        nlp,
        name,
        phrase_matcher_attr=phrase_matcher_attr,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=ent_id_sep,
        scorer=scorer,
    )
