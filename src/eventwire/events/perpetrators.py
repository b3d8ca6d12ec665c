"""Perpetrator status from the text: who claimed an attack, who is suspected, who denies it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.annotations import ActorMention
from eventwire.events.lexicon import Lexicon
from eventwire.events.roles import MentionIndex, actors_of, noun_phrase, phrase_actors
from eventwire.events.syntax import subjects

_RESPONSIBILITY_WORDS = {"responsible", "responsibility", "behind", "involvement", "involved", "perpetrator"}


@dataclass(frozen=True)
class PerpetratorCue:
    status: str  # claimed | suspected | denied | asserted
    actor: ActorMention
    according_to: str | None
    sentence: int


def perpetrator_cues(
    sent: Span, sent_index: int, index: MentionIndex, lexicon: Lexicon
) -> list[PerpetratorCue]:
    cues: list[PerpetratorCue] = []
    lowered = sent.text.lower()
    suspicion = any(t.lemma_.lower() in lexicon.cue("suspected") for t in sent) or any(
        phrase in lowered for phrase in lexicon.cue("suspected") if " " in phrase
    )
    for token in sent:
        lemma = token.lemma_.lower()
        if _claims_responsibility(token, lemma, lexicon):
            cues += _cues("claimed", actors_of(subjects(token), index), None, sent_index)
        elif lemma in {"responsible", "behind"} and token.head.i != token.i:
            status = "suspected" if suspicion else "asserted"
            cues += _cues(status, actors_of(_holders(token.head), index), None, sent_index)
        elif lemma == "suspect" and token.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            heads = [c for c in token.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            speaker = None if passive else _speaker_name(token, index)
            cues += _cues("suspected", actors_of(heads, index), speaker, sent_index)
        elif token.lower_ == "suspected" and token.dep_ in {
            "amod",
            "compound",
        }:  # "Suspected" opens a sentence
            cues += _cues("suspected", phrase_actors(token.head, index), None, sent_index)
        elif lemma == "blame" and token.pos_ == "VERB":
            heads = [c for c in token.children if c.dep_ == "dobj"]
            cues += _cues("suspected", actors_of(heads, index), _speaker_name(token, index), sent_index)
        elif (
            lemma == "deny"
            and token.pos_ == "VERB"
            and (any(w in lowered for w in _RESPONSIBILITY_WORDS) or _denies_an_act(token))
        ):
            cues += _cues("denied", actors_of(subjects(token), index), None, sent_index)
    return cues


def speaks_of_responsibility(sent: Span) -> bool:
    return any(t.lower_ in _RESPONSIBILITY_WORDS for t in sent)


def denial_actors(trigger: Token, index: MentionIndex, lexicon: Lexicon) -> list[ActorMention]:
    """A negated attack under a verb of saying: the speaker and the actors named in the phrase deny it
    ('the coalition said no U.S. or coalition airstrikes had been carried out')."""
    found = list(phrase_actors(trigger, index))
    current = trigger
    while current.head.i != current.i:
        current = current.head
        if current.lemma_.lower() in lexicon.cue("reporting_verbs") or current.lemma_.lower() == "deny":
            found = [*actors_of(subjects(current), index), *found]
            break
    return found


def _cues(
    status: str, actors: list[ActorMention], speaker: str | None, sentence: int
) -> list[PerpetratorCue]:
    return [PerpetratorCue(status, a, speaker, sentence) for a in actors]


def _claims_responsibility(token: Token, lemma: str, lexicon: Lexicon) -> bool:
    if lemma == "claim" and token.pos_ == "VERB":
        # "claimed responsibility", and "claimed the attack": the object is an attack word
        attacks = {word for word, senses in lexicon.nouns.items() if senses[0].type == "ASSAULT"}
        return _has_object(token, {"responsibility", "credit", *attacks})
    return lemma == "take" and _has_object(token, {"responsibility"})


def _holders(verb: Token) -> list[Token]:
    """Who is said to be behind it: the subject of "be", or of the verb above it in "X is believed to
    be behind the strike" (a passive subject there)."""
    found = subjects(verb)
    current = verb
    while not found and current.dep_ in {"xcomp", "ccomp"} and current.head.i != current.i:
        current = current.head
        found = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return found


def _has_object(token: Token, words: set[str]) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in token.children)


def _denies_an_act(token: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp", "dobj"} and c.pos_ in {"VERB", "NOUN"} for c in token.children)


def _speaker_name(verb: Token, index: MentionIndex) -> str | None:
    actors = actors_of(subjects(verb), index)
    if actors:
        return actors[0].actor.name
    heads = subjects(verb)
    return noun_phrase(heads[0]) if heads else None
