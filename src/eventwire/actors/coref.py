"""In-article coreference, precise rather than greedy (via="coref").

- "the militia", "the Iran-backed group", "the rebels": the nearest earlier named actor of a kind
  the noun can describe, within a few sentences;
- "it said", "its spokesman said": the speaker is the nearest earlier organisation or state;
- "he said", "she told reporters": the nearest earlier person.
Candidates named inside quoted speech are skipped, and grammatical subjects are preferred: in
"Netanyahu told his cabinet that in calls with Pompeo and Putin he had ...", "he" is Netanyahu.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.actors.found import SUBJECT_DEPS, DocState, Found
from eventwire.actors.lexicons import CorefRules, coref_rules

_SPEAKER_PRONOUNS = {"it": "organisation", "he": "person", "she": "person"}
# Kinds a non-person pronoun ("it") may stand for.
_ORG_KINDS = frozenset(
    {
        "state", "government", "military", "police", "intelligence", "armed_group", "militia", "party",
        "igo", "coalition", "ngo", "media", "organisation", "rebels", "criminal",
    }
)  # fmt: skip
_MODIFIER_POS = frozenset({"ADJ", "VERB", "PROPN", "NOUN", "PUNCT"})
MAX_MODIFIERS = 4


def resolve_coreference(state: DocState) -> None:
    rules = coref_rules()
    has_parse = state.doc.has_annotation("DEP")
    for token in state.doc:
        if token.lower_ == "the":
            _definite(state, rules, token)
        elif has_parse and token.lower_ in _SPEAKER_PRONOUNS and state.free(token.i, token.i + 1):
            _speaker(state, rules, token)
        elif has_parse and token.lower_ == "its" and state.free(token.i, token.i + 1):
            # "its spokesman said": the possessor of a speaking subject is the speaker's organisation.
            head = token.head
            if (
                token.dep_ == "poss"
                and head.dep_ in SUBJECT_DEPS
                and head.head.lemma_ in rules.reporting_verbs
            ):
                _link(state, rules, token.i, token.i + 1, _ORG_KINDS)


def _definite(state: DocState, rules: CorefRules, the: Token) -> None:
    """`the` + up to four modifiers + a noun from the table, heading its own noun phrase."""
    doc = state.doc
    for k in range(the.i + 1, min(len(doc), the.i + 2 + MAX_MODIFIERS)):
        token = doc[k]
        kinds = rules.nouns.get(token.lower_)
        if kinds is not None:
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            if token.dep_ == "compound" or (nxt is not None and (nxt.lower_ == "of" or nxt.pos_ == "PROPN")):
                return
            if not all(f.generic for f in _overlapping(state, the.i, k + 1)):
                return
            _link(state, rules, the.i, k + 1, kinds)
            return
        if token.pos_ not in _MODIFIER_POS or token.is_sent_start or not state.free(k, k + 1):
            return
        if token.pos_ == "PUNCT" and token.text not in "-‐‑–":
            return


def _speaker(state: DocState, rules: CorefRules, token: Token) -> None:
    if token.dep_ not in SUBJECT_DEPS or token.head.lemma_ not in rules.reporting_verbs:
        return
    if state.in_quotes(token.i):
        return
    kinds = frozenset({"person"}) if _SPEAKER_PRONOUNS[token.lower_] == "person" else _ORG_KINDS
    _link(state, rules, token.i, token.i + 1, kinds)


def _overlapping(state: DocState, start: int, end: int) -> list[Found]:
    return [f for f in state.found if f.start < end and f.end > start]


def _link(state: DocState, rules: CorefRules, start: int, end: int, kinds: frozenset[str]) -> None:
    antecedent = _antecedent(state, rules, start, kinds)
    if antecedent is None:
        return
    for item in _overlapping(state, start, end):
        state.remove(item)
    state.add(start, end, antecedent.actor, "coref")


def _antecedent(state: DocState, rules: CorefRules, before: int, kinds: frozenset[str]) -> Found | None:
    """Nearest earlier mention of an allowed kind in the window, subjects first, quotes skipped."""
    first_sentence = state.sentence_of(before) - rules.window_sentences
    candidates = [
        f
        for f in state.found
        if f.end <= before
        and not f.generic
        and f.actor.kind in kinds
        and state.sentence_of(f.start) >= first_sentence
        and not state.in_quotes(f.start)
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda f: -f.start)
    # Subjects are the salient antecedents (Centering theory's ranking): the nearest subject in the
    # window beats a nearer object ("KH said it would retaliate against the U.S. ... it said": KH).
    for item in candidates:
        if state.is_subject(item):
            return item
    return candidates[0]
