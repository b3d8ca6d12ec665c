"""Who did it and to whom: source and target actors of a trigger, read from the parse."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from eventwire.annotations import ActorMention
from eventwire.events.syntax import subjects, with_conjuncts

_TARGET_PREPS = {"at", "on", "against", "targeting", "toward", "towards", "upon", "into"}
_NOUN_TARGET_PREPS = _TARGET_PREPS | {"of"}
# Light verbs whose subject is the author of the event noun they govern ("X launched an attack",
# "the EU imposed sanctions", "the army gave an ultimatum") live in events/data/cues.yaml
# (`agentive_verbs`); verbs that only comment on an event ("condemned the attack") are not among them.
_CARRYING = {"carry", "transport", "ferry"}
_PRONOUNS = {"it", "they", "we", "he", "she", "its", "their", "our", "his", "her", "them", "us"}


class MentionIndex:
    """Find the actor mention that covers a token, fast."""

    def __init__(self, mentions: Sequence[ActorMention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]

    def at(self, token: Token) -> ActorMention | None:
        i = bisect_right(self._starts, token.idx) - 1
        if i >= 0:
            m = self._mentions[i]
            if m.start <= token.idx < m.end:
                return m
        return None

    def within(self, start: int, end: int) -> list[ActorMention]:
        lo = bisect_right(self._starts, start - 1)
        return [m for m in self._mentions[lo:] if m.start < end and m.end <= end]


def phrase_actors(token: Token, index: MentionIndex, *, conjuncts: bool = True) -> list[ActorMention]:
    """Actors a noun phrase names: its head, an apposition ('the adviser, X'), or its modifiers
    ('PMF position', 'Israeli jets', 'their fighters', 'fighters of X'), conjuncts included.
    Prepositional phrases other than 'of' are left out ('militias in Iraq' is not Iraq)."""
    found: list[ActorMention] = []
    for head in with_conjuncts(token) if conjuncts else [token]:
        mention = index.at(head)
        if mention is not None and not _generic(mention):
            found.append(mention)
            found.extend(adjacent_mentions(head, mention, index))
            continue
        appositions = [m for c in head.children if c.dep_ == "appos" for m in phrase_actors(c, index)]
        if appositions:
            found.extend(appositions)
            continue
        # "Al-Shabaab fighters", "PMF position", "their fighters", "fighters of X": a named modifier
        # says more than a generic head noun.
        named: list[ActorMention] = []
        for child in head.children:
            if child.dep_ in {"compound", "amod", "nmod", "poss", "nummod"}:
                modifier = index.at(child)
                if modifier is not None:
                    named.append(modifier)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    named.extend(phrase_actors(pobj, index))
            elif child.dep_ == "acl" and child.lemma_.lower() in _CARRYING:
                # "a vehicle carrying Al-Shabaab commanders": the people aboard are who was hit
                for obj in (c for c in child.children if c.dep_ == "dobj"):
                    named.extend(phrase_actors(obj, index))
        specific = [m for m in named if not _generic(m)]
        if specific:
            found.extend(specific)
        elif mention is not None:
            found.append(mention)
        else:
            found.extend(named)
    return unique_actors(found)


def adjacent_mentions(token: Token, mention: ActorMention, index: MentionIndex) -> list[ActorMention]:
    """Names listed right after a name ('PMF members X and Y'): the small model often parses a
    multi-word militia name into fragments, so a list of names is read off the surface too."""
    found: list[ActorMention] = []
    doc = token.doc
    i = token.i
    end = mention.end
    while i < len(doc) and doc[i].idx < end:
        i += 1
    while i < len(doc):
        here = index.at(doc[i])
        if here is not None:
            found.append(here)
            while i < len(doc) and doc[i].idx < here.end:
                i += 1
            continue
        if doc[i].lower_ in {"and", "or", ","} and i + 1 < len(doc) and index.at(doc[i + 1]) is not None:
            i += 1
            continue
        break
    return found


def source_heads(trigger: Token, agentive: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens naming the doer of the event, before mapping them to actors."""
    if trigger.pos_ in {"VERB", "AUX", "ADJ"}:
        if _is_passive(trigger):
            return [p for c in trigger.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        heads = subjects(trigger)
        if not heads and trigger.pos_ == "ADJ" and trigger.head.i != trigger.i:
            heads = subjects(trigger.head)  # "X was ready to retaliate"
        if trigger.dep_ == "relcl":
            # "rioters, who set fire to a police post": the relative pronoun stands for the noun
            heads = [trigger.head if h.tag_ in {"WP", "WDT"} else h for h in heads]
        return heads
    heads = [c for c in trigger.children if c.dep_ == "poss"]
    heads += [c for c in trigger.children if c.dep_ in {"amod", "compound"}]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}):
        heads += [p for p in prep.children if p.dep_ == "pobj"]
    heads += between_sides(trigger)[:1]
    governor = _light_verb(trigger)
    if governor is not None and governor.lemma_.lower() in agentive:
        heads += source_heads(governor)
    governor = trigger.head
    if trigger.dep_ == "nsubj" and governor.i != trigger.i:
        # "The threats came from X": the origin of the event noun.
        for prep in (c for c in governor.children if c.dep_ == "prep" and c.lower_ == "from"):
            heads += [p for p in prep.children if p.dep_ == "pobj"]
    return heads


def _light_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of: directly ("imposed sanctions"), as a passive subject
    ("sanctions were imposed by X"), or through a preposition ("put its forces on high alert")."""
    if noun.dep_ in {"dobj", "nsubjpass"}:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def target_heads(trigger: Token, *, speech_act: bool) -> list[Token]:
    """Tokens naming who the event was done to."""
    heads: list[Token] = []
    if trigger.pos_ in {"VERB", "AUX", "ADJ"}:
        if _is_passive(trigger):
            heads += [c for c in trigger.children if c.dep_ == "nsubjpass"]
        heads += [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
        preps = _TARGET_PREPS | ({"for", "to"} if speech_act else set())
        for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in preps):
            heads += [p for p in prep.children if p.dep_ == "pobj"]
        for clause in (c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}):
            # "threatening to attack X", "ready to retaliate against X", "warned that ... for X"
            heads += target_heads(clause, speech_act=speech_act)
    else:
        for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS):
            heads += [p for p in prep.children if p.dep_ == "pobj"]
        heads += between_sides(trigger)[1:]
    return heads


def between_sides(trigger: Token) -> list[Token]:
    """'clashes between the army and the RSF': the first side, then the others."""
    holders = [trigger]
    if trigger.dep_ == "nsubj":
        holders.append(trigger.head)  # "clashes broke out between X and Y"
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "between"):
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                return [pobj, *pobj.conjuncts]
    return []


def _generic(mention: ActorMention) -> bool:
    return mention.actor.id.startswith("generic:")


def actors_of(heads: Iterable[Token], index: MentionIndex, *, conjuncts: bool = True) -> list[ActorMention]:
    return unique_actors([m for head in heads for m in phrase_actors(head, index, conjuncts=conjuncts)])


def clause_actors(token: Token, index: MentionIndex) -> list[ActorMention]:
    """Every actor named anywhere in the clause under `token` (used for speech-act targets)."""
    left = min(t.idx for t in token.subtree)
    right = max(t.idx + len(t.text) for t in token.subtree)
    return index.within(left, right)


def noun_phrase(token: Token) -> str:
    words = [t for t in token.subtree if not (t.dep_ == "det" and t.i == token.left_edge.i)]
    words = [t for t in words if t.dep_ not in {"relcl", "acl"} and t.i <= token.i + 6]
    return " ".join(t.text for t in words).strip()


def is_pronoun(token: Token) -> bool:
    return token.lower_ in _PRONOUNS


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def unique_actors(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out: list[ActorMention] = []
    for m in mentions:
        if m.actor.id not in seen:
            seen.add(m.actor.id)
            out.append(m)
    return out
