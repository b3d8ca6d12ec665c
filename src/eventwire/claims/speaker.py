"""Who says a figure: the subject of the reporting verb governing it, or "according to X".

The name is the actor's canonical name when the speaker overlaps an actor mention ("The PMF"
-> "Popular Mobilization Forces"), otherwise the noun phrase without its article. A pronoun
speaker ("it said") counts only when the actors stage resolved it; otherwise we say nothing
rather than guess from earlier sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventwire.annotations import ActorMention
from eventwire.claims.lexicon import ClaimsLexicon

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_SIDE_CLAUSES = frozenset({"parataxis", "ccomp", "advcl", "conj"})
_NP_PREPS = frozenset({"of", "for", "at", "in", "from", "with"})
_MAX_NP_TOKENS = 10


def speaker_of(anchor: Token, actors: Sequence[ActorMention], lex: ClaimsLexicon) -> str | None:
    """The speaker of the figure hanging on `anchor` (its verb or noun), or None."""
    chain = [anchor, *anchor.ancestors]
    for i, token in enumerate(chain):
        if token.lemma_.lower() not in lex.reporting_verbs or token.pos_ not in {"VERB", "AUX"}:
            continue
        if i == 0 and token.lemma_.lower() in lex.loss_verbs:
            continue  # "the attack claimed 22 lives": the attack is no speaker
        name = _subject_name(token, actors, lex)
        if name:
            return name
    name = _according_to(anchor, actors)
    if name:
        return name
    for token in chain:
        for child in token.children:
            # "..., police said.": a trailing reporting clause with no clause of its own.
            trailing = child.dep_ in _SIDE_CLAUSES and child.i > anchor.i
            if trailing and child.lemma_.lower() in lex.reporting_verbs:
                name = (
                    None
                    if any(c.dep_ == "ccomp" for c in child.children)
                    else _subject_name(child, actors, lex)
                )
                if name:
                    return name
    return None


def _subject_name(verb: Token, actors: Sequence[ActorMention], lex: ClaimsLexicon) -> str | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _name(child, actors)
        if child.dep_ == "agent":  # "were reported by the health ministry"
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _name(pobj, actors) if pobj is not None else None
    return None


def _sentence(anchor: Token) -> list[Token]:
    # Token.sent rebuilds every sentence of the doc; walking to the boundaries is far cheaper.
    doc = anchor.doc
    first = anchor.i
    while first > 0 and not doc[first].is_sent_start:
        first -= 1
    last = anchor.i + 1
    while last < len(doc) and not doc[last].is_sent_start:
        last += 1
    return list(doc[first:last])


def _according_to(anchor: Token, actors: Sequence[ActorMention]) -> str | None:
    for token in _sentence(anchor):
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is not None:
            return _name(pobj, actors)
    return None


def _name(head: Token, actors: Sequence[ActorMention]) -> str | None:
    tokens = _phrase(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    actor = _actor_at(head, start, end, actors)
    pronoun = head.pos_ == "PRON" or head.tag_ in {"PRP", "WP", "WDT", "EX"}
    # A generic actor ("Monitoring group") says less than the words it came from ("Syrian conflict
    # monitoring group"): keep the phrase, unless the phrase is only a pronoun.
    if actor is not None and (pronoun or not actor.actor.id.startswith("generic:")):
        return actor.actor.name
    if pronoun:
        return None
    while tokens and (tokens[0].tag_ in {"DT", "PDT"} or tokens[0].dep_ == "punct"):
        tokens = tokens[1:]
    if not tokens:
        return None
    doc = head.doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text.strip()
    return text or None


def _phrase(head: Token) -> list[Token]:
    """The noun phrase up to its head, plus an "of"/"for" complement ("spokesman for the army"),
    cut at commas, brackets and clauses."""
    doc = head.doc
    first = head.left_edge.i
    for i in range(head.i - 1, first - 1, -1):
        if doc[i].is_punct and doc[i].text not in {"'", "’", "-"}:
            first = i + 1
            break
    last = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _NP_PREPS:
            last = child.right_edge.i
        elif child.dep_ in {"compound", "flat"}:
            last = max(last, child.i)
        break
    for i in range(head.i + 1, last + 1):
        if doc[i].is_punct and doc[i].text not in {"'", "’", "-", "."}:
            last = i - 1
            break
    if last - first >= _MAX_NP_TOKENS:
        first = max(first, head.i - _MAX_NP_TOKENS + 1)
        last = head.i
    return list(doc[first : last + 1])


def _actor_at(head: Token, start: int, end: int, actors: Sequence[ActorMention]) -> ActorMention | None:
    overlapping = [a for a in actors if a.start < end and a.end > start]
    if not overlapping:
        return None
    on_head = [a for a in overlapping if a.start <= head.idx < a.end]
    named = [a for a in overlapping if not a.actor.id.startswith("generic:")]
    return (on_head or named or overlapping)[0]
