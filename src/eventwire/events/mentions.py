"""Event mentions: one trigger occurrence read with its status, actors and speaker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from eventwire.annotations import ActorMention
from eventwire.events.lexicon import Lexicon, TriggerSense
from eventwire.events.quotes import FIRST_PERSON
from eventwire.events.roles import (
    MentionIndex,
    actors_of,
    between_sides,
    clause_actors,
    is_pronoun,
    noun_phrase,
    source_heads,
    target_heads,
    unique_actors,
)
from eventwire.events.syntax import (
    accusation_governor,
    denial_governor,
    is_negated,
    is_purpose_clause,
    modal_status,
    reporting_verb,
    subjects,
    threat_governor,
)
from eventwire.events.triggers import TriggerHit

SPEECH_ACTS = {
    "THREATEN",
    "ACCUSE",
    "REQUEST",
    "REJECT",
    "SUPPORT",
    "CONCEDE",
    "AGREE",
    "CONSULT",
    "SANCTION",
}
_CROWDS = {"generic:rioters"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_DISTINCT = {"another", "separate", "second", "other", "new", "further", "earlier", "later"}


@dataclass
class EventMention:
    hit: TriggerHit
    sentence: int
    status: str
    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    speaker: str | None = None
    anaphoric: bool = False
    historical: bool = False
    # A generic plural ("attacks against it") or the content of an accusation ("accused them of
    # kidnappings"): it may name an event reported elsewhere but never makes one on its own.
    weak: bool = False
    generic_plural: bool = False  # "attacks", "clashes": weak unless the sentence anchors it
    denied: bool = False  # "X denied that its aircraft carried out the strike": sources are denied
    distinct: bool = False  # "another attack", "a separate strike": never the same event as before


@dataclass
class NegatedMention:
    """'no airstrikes had been carried out': a denial, evidence for perpetrator status, not an event."""

    hit: TriggerHit
    sentence: int


def read_mention(
    hit: TriggerHit,
    sentence: int,
    index: MentionIndex,
    lexicon: Lexicon,
    *,
    historical: bool = False,
    quoted_by: Sequence[ActorMention] = (),
) -> EventMention | NegatedMention | None:
    token = hit.token
    kind = hit.sense.type
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "compound":
        return None  # "attack helicopter", "warning statement": a modifier, not an event
    if kind != "ASSAULT" and token.dep_ in {"relcl", "acl"} and not (historical or _headless(token)):
        # "forces deployed there", "the territory it captured": description, not news. A dated
        # background clause is a fact of its own ("which the US designated a terrorist group in 2008").
        return None
    if kind != "ASSAULT" and token.pos_ in {"NOUN", "PROPN"} and _in_description(token):
        return None  # "relatives of people who went missing under state detention": who they are
    if kind == "ASSAULT" and threat_governor(token, lexicon) is not None:
        return None  # the content of a threat; the THREATEN mention carries its targets
    if is_purpose_clause(token, lexicon):
        if not _crowd_purpose(token, kind, lexicon):
            return None
        hit = replace(
            hit, sense=TriggerSense(type="PROTEST", mode=hit.sense.mode if kind == "PROTEST" else "demo")
        )
        kind = "PROTEST"
    if is_negated(token, lexicon):
        return NegatedMention(hit, sentence) if kind == "ASSAULT" else None
    status = "threatened" if kind == "THREATEN" else (modal_status(token, lexicon) or "occurred")
    mention = EventMention(hit=hit, sentence=sentence, status=status)
    speech_act = kind in SPEECH_ACTS
    between = between_sides(token)
    mention.sources = actors_of(
        source_heads(token, lexicon.cue("agentive_verbs")), index, conjuncts=not between
    )
    if kind == "ASSAULT" and mention.sources and all(s.actor.id in _CROWDS for s in mention.sources):
        # a mob that burns and loots is rioting (ACLED: Riots / mob violence), not an armed attack
        mention.hit = replace(hit, sense=TriggerSense(type="PROTEST", mode="riot"))
    mention.speaker = speaker_of(token, index, lexicon)
    if not mention.sources:
        mention.sources = _pronoun_subject_is_speaker(token, index, lexicon)
    if not mention.sources and quoted_by and _first_person(token, lexicon):
        # an unattributed quotation continues its speaker's words: "we will take action" is theirs
        mention.sources = list(quoted_by)
        mention.speaker = mention.speaker or quoted_by[0].actor.name
    mention.targets = [
        m
        # the recipient of aid is its target: "sent military aid to Ukraine"
        for m in actors_of(target_heads(token, speech_act=speech_act or kind == "AID"), index)
        if m.actor.id not in {s.actor.id for s in mention.sources}
    ]
    if speech_act and not mention.targets:
        mention.targets = _complement_actors(token, index, {s.actor.id for s in mention.sources})
    if kind == "THREATEN" and not mention.targets:
        # "take action against efforts ... by Iran": whoever the threatened phrase names
        # ("we will take action - and are already taking action - against ...": the conjoined verb's)
        heads = [h for verb in (token, *token.conjuncts) for h in target_heads(verb, speech_act=True)]
        mention.targets = _phrase_actors_within(heads, index, {s.actor.id for s in mention.sources})
    if token.pos_ in {"NOUN", "PROPN"}:
        words = {c.lower_ for c in token.children if c.dep_ in {"det", "amod", "poss"}}
        mention.distinct = bool(words & _DISTINCT)
        mention.anaphoric = bool(words & _DEFINITE) or any(c.dep_ == "poss" for c in token.children)
        bare = not any(c.dep_ in {"det", "poss", "nummod"} for c in token.children)
        mention.generic_plural = mention.weak = kind == "ASSAULT" and token.tag_ == "NNS" and bare
    if kind == "ASSAULT" and accusation_governor(token, lexicon) is not None:
        mention.weak = True
        mention.generic_plural = False
    if kind == "ASSAULT" and denial_governor(token) is not None:
        mention.denied = True
    return mention


def _first_person(token: Token, lexicon: Lexicon) -> bool:
    heads = source_heads(token, lexicon.cue("agentive_verbs"))
    return bool(heads) and all(h.lower_ in FIRST_PERSON for h in heads)


def _phrase_actors_within(
    heads: Sequence[Token], index: MentionIndex, exclude: set[str]
) -> list[ActorMention]:
    found = [m for h in heads for m in clause_actors(h, index) if m.actor.id not in exclude]
    return unique_actors(found)


def _headless(token: Token) -> bool:
    """ "Thousands protested in Belgrade": the parser made the subject the root and the verb its
    clause; a clause on the root noun of a sentence is the sentence's news ("around 15,000 people,
    mostly women, protested": on a noun in apposition to the root, too)."""
    if token.dep_ != "acl":
        return False
    # A finite past ("retirees including former health workers protested") is never a noun's
    # clause: the parser lost the subject in a phrase on it.
    links = {"appos", "conj", "pobj", "prep"} if token.tag_ == "VBD" else {"appos", "conj"}
    head = token.head
    while head.dep_ in links and head.head.i != head.i:
        head = head.head
    return head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN", "NUM"}


def _in_description(token: Token) -> bool:
    """Does a noun stand in a relative clause or a participle on another noun ("people who went
    missing under detention", "troops stationed under the agreement")?"""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            participle = ancestor.tag_ in {"VBN", "VBG"}  # not "ammunition to break up protests"
            return ancestor.dep_ == "relcl" or (
                ancestor.dep_ == "acl" and participle and not _headless(ancestor)
            )
    return False


def _crowd_purpose(token: Token, kind: str, lexicon: Lexicon) -> bool:
    """'Residents gathered outside the town hall to demand water': a crowd's protest or demand that
    a gathering verb carries out is the protest itself, not an intention."""
    return kind in {"PROTEST", "REQUEST"} and token.head.lemma_.lower() in lexicon.cue("gathering_verbs")


def speaker_of(token: Token, index: MentionIndex, lexicon: Lexicon) -> str | None:
    """Who reports this ('the ministry said', 'according to X'), as a canonical name when known."""
    verb = reporting_verb(token, lexicon)
    if verb is not None:
        heads = subjects(verb)
        actors = actors_of(heads, index)
        if actors:
            return actors[0].actor.name
        if heads and not is_pronoun(heads[0]):
            return noun_phrase(heads[0])
    for t in token.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objects = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            actors = actors_of(objects, index)
            if actors:
                return actors[0].actor.name
            if objects:
                return noun_phrase(objects[0])
    return None


def _pronoun_subject_is_speaker(token: Token, index: MentionIndex, lexicon: Lexicon) -> list[ActorMention]:
    """'KH said it was ready to retaliate', 'the group said its forces had targeted X': a pronoun
    subject (or one owned by a pronoun) inside reported speech is the speaker."""
    heads = source_heads(token, lexicon.cue("agentive_verbs"))
    if not heads or not all(
        is_pronoun(h) or any(is_pronoun(c) for c in h.children if c.dep_ == "poss") for h in heads
    ):
        return []
    verb = reporting_verb(token, lexicon)
    if verb is None or verb.i == token.i:
        return []
    return actors_of(subjects(verb), index)


def _complement_actors(token: Token, index: MentionIndex, exclude: set[str]) -> list[ActorMention]:
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp", "dobj"}:
            found = [m for m in clause_actors(child, index) if m.actor.id not in exclude]
            if found:
                return found
    return []
