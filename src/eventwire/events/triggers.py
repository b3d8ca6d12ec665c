"""Find event triggers (verbs, nouns and fixed phrases) in a parsed document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.events.lexicon import Lexicon, TriggerSense

_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
# An adjectival or participial use ("the wounded", "armed") is tagged ADJ; verbs only.
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "obj"}


@dataclass(frozen=True)
class TriggerHit:
    token: Token  # syntactic head of the trigger words
    start: int
    end: int
    sense: TriggerSense

    @property
    def text(self) -> str:
        doc = self.token.doc
        return doc.text[self.start : self.end]


def find_triggers(doc: Doc, lexicon: Lexicon) -> list[TriggerHit]:
    hits: list[TriggerHit] = []
    covered: set[int] = set()
    lowers = [t.lower_ for t in doc]
    for words, sense in lexicon.phrases:
        n = len(words)
        for i in range(len(doc) - n + 1):
            if lowers[i] != words[0] or lowers[i : i + n] != list(words):
                continue
            span = doc[i : i + n]
            if any(t.i in covered for t in span):
                continue
            covered.update(t.i for t in span)
            hits.append(TriggerHit(span.root, span.start_char, span.end_char, sense))
    for token in doc:
        if token.i in covered:
            continue
        word_sense = _word_sense(token, lexicon)
        if word_sense is not None:
            hits.append(TriggerHit(token, token.idx, token.idx + len(token.text), word_sense))
    hits.sort(key=lambda h: h.start)
    return hits


def _word_sense(token: Token, lexicon: Lexicon) -> TriggerSense | None:
    lemma = token.lemma_.lower()
    if token.pos_ in _VERB_POS:
        sense = lexicon.verbs.get(lemma)
    elif token.pos_ in _NOUN_POS:
        sense = lexicon.nouns.get(lemma) or lexicon.nouns.get(token.lower_)
    else:
        return None
    if sense is None or not _constraints_hold(token, sense, lexicon):
        return None
    if sense.future_only and token.tag_ in {"VBD", "VBN"} and not _has_modal(token):
        # "retaliated" reports a strike back; "will retaliate" / "ready to retaliate" is a threat.
        return TriggerSense(type="ASSAULT")
    return sense


def _constraints_hold(token: Token, sense: TriggerSense, lexicon: Lexicon) -> bool:
    if sense.needs_object and not any(_lemma(o) in sense.needs_object for o in _objects(token)):
        return False
    if sense.needs_modifier:
        mods = {
            c.lower_.replace(".", "")
            for c in token.children
            if c.dep_ in {"amod", "compound", "nmod", "poss"}
        }
        mods |= {c.lower_ for c in token.children if c.dep_ in {"amod", "compound", "nmod", "poss"}}
        if not mods & sense.needs_modifier and not (mods & _names_of_days()):
            return False
    if sense.needs_verb and not (token.head.pos_ == "VERB" and token.head.lemma_.lower() in sense.needs_verb):
        return False
    if sense.needs_agent_or_weapon:
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "agent"}]
        weapons = {w.lower() for w in lexicon.weapons} | {"strike", "airstrike", "shell", "bomb"}
        if not any(_lemma(s) in weapons for s in subjects):
            return False
    return True


def _objects(token: Token) -> list[Token]:
    out = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    for particle in (c for c in token.children if c.dep_ == "prt"):
        out.extend(c for c in particle.children if c.dep_ == "pobj")
    return out


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _has_modal(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)


def _names_of_days() -> set[str]:
    # "Monday's strike": a dated strike is an attack, whatever adjective it lacks.
    return {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
