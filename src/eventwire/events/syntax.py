"""Small questions asked of the dependency parse: is this trigger negated, modal, reported, embedded?"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon

# Links through which a threat's content hangs off the threatening word ("threatening to attack X",
# "warned of attacks on X"). Adverbial clauses ("after fighters were killed") are facts, not content.
_CLAUSE_LINKS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acomp"}


def ancestors_within_sentence(token: Token) -> Iterator[Token]:
    current = token
    while current.head.i != current.i:
        current = current.head
        yield current


def is_negated(token: Token, lexicon: Lexicon) -> bool:
    """'did not attack', 'no airstrikes had been carried out', 'never fired'."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ in {"NOUN", "PROPN"}:
        if token.dep_ == "conj" and _has_no_determiner(token.head, lexicon):
            return True  # "no U.S. or coalition airstrikes"
        return _has_no_determiner(token, lexicon)
    if token.pos_ == "VERB":
        # "no airstrikes had been carried out": the negation sits on the verb's subject.
        return any(
            c.dep_ in {"nsubjpass", "nsubj"} and _has_no_determiner(c, lexicon) for c in token.children
        )
    return False


def _has_no_determiner(noun: Token, lexicon: Lexicon) -> bool:
    """'no U.S. or coalition airstrikes': the parser may hang 'no' on a modifier, so look left."""
    negations = lexicon.cue("negations")
    return any(
        t.lower_ in negations and t.dep_ in {"det", "neg"} for t in noun.doc[noun.left_edge.i : noun.i]
    )


def modal_status(token: Token, lexicon: Lexicon) -> str | None:
    """'hypothetical' or 'planned' when a modal, a condition or a plan governs the trigger's own clause."""
    verb = token if token.pos_ in {"VERB", "AUX"} else _governing_verb(token)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            word = child.lower_
            if word in lexicon.cue("hypothetical"):
                return "hypothetical"
            if word in lexicon.cue("planned") or word in {"'ll", "wo"}:
                return "planned"
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return "hypothetical"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in lexicon.cue("planned"):
        return "planned"
    return None


def _governing_verb(noun: Token) -> Token | None:
    """ "plan to hold a rally", "will impose sanctions": the verb a noun trigger is the object of."""
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        return noun.head
    return None


def is_purpose_clause(token: Token, lexicon: Lexicon | None = None) -> bool:
    """'crossed into Syria to combat X', 'needs to withdraw': an infinitive that did not happen here.
    A decision or a start reports the act itself ('voted to lift the curfew', 'began to withdraw')."""
    if token.pos_ != "VERB" or token.dep_ not in {"xcomp", "advcl", "acl", "ccomp", "relcl"}:
        return False
    if lexicon is not None and token.dep_ == "xcomp" and token.head.lemma_.lower() in lexicon.cue("enacting"):
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def threat_governor(token: Token, lexicon: Lexicon) -> Token | None:
    """The threatening word when `token` is the content of a threat ('threatening to attack X')."""
    governors = lexicon.cue("threat_governors")
    current = token
    while current.head.i != current.i and current.dep_ in _CLAUSE_LINKS:
        current = current.head
        if current.lemma_.lower() in governors:
            return current
    return None


def accusation_governor(token: Token, lexicon: Lexicon) -> Token | None:
    """The accusing word when `token` is what someone is accused of ('accuses them of ... killings')."""
    accusing = lexicon.cue("accusation_governors")
    current = token
    while current.head.i != current.i and current.dep_ in _CLAUSE_LINKS | {"conj"}:
        current = current.head
        if current.lemma_.lower() in accusing:
            return current
    return None


def denial_governor(token: Token) -> Token | None:
    """'deny' above the trigger's clause ('denied that its aircraft had carried out the strike')."""
    current = token
    while current.head.i != current.i and current.dep_ in _CLAUSE_LINKS | {"conj", "nsubj", "nsubjpass"}:
        current = current.head
        if current.lemma_.lower() == "deny" and current.pos_ == "VERB":
            return current
    return None


def reporting_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying whose clause holds `token` ('the ministry said ... killing 12')."""
    reporting = lexicon.cue("reporting_verbs")
    for ancestor in ancestors_within_sentence(token):
        if (
            ancestor.pos_ in {"VERB", "AUX"}
            and ancestor.lemma_.lower() in reporting
            and ancestor.i != token.i
        ):
            return ancestor
    # Quotes often end with the attribution: '"...," it said.' parses the quote under the verb of
    # saying, so the ancestors above cover it; a sentence-initial "According to X" is a prep.
    return None


def subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if not found and verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
        # "threatening to attack" / "fired two missiles, killing 22": the subject is shared.
        return subjects(verb.head)
    return found


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]
