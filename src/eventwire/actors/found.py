"""The resolver's working state for one doc: mentions found so far, by token span."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.actors.phrases import DocKeys
from eventwire.annotations import ActorEntry, ActorMention, ActorVia

# Paired quotation marks; an actor named inside quoted speech is seldom the later speaker.
_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’\n]{3,}’(?=\W|$)")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Found:
    start: int  # token index
    end: int  # token index, exclusive
    actor: ActorEntry
    via: ActorVia

    @property
    def generic(self) -> bool:
        return self.actor.id.startswith("generic:")


@dataclass
class DocState:
    doc: Doc
    keys: DocKeys
    found: list[Found] = field(default_factory=list)
    taken: list[bool] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # token index of each sentence start

    @classmethod
    def of(cls, doc: Doc) -> DocState:
        keys = DocKeys.of(doc)
        quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(keys.text)]
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            sent_starts = [s.start for s in doc.sents]
        else:
            sent_starts = [0]
        return cls(doc, keys, [], [False] * len(doc), quotes, sent_starts)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, start: int, end: int, actor: ActorEntry, via: ActorVia) -> Found:
        item = Found(start, end, actor, via)
        self.found.append(item)
        for k in range(start, end):
            self.taken[k] = True
        return item

    def remove(self, item: Found) -> None:
        self.found.remove(item)
        for k in range(item.start, item.end):
            self.taken[k] = False

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.sent_starts, token) - 1

    def in_quotes(self, token: int) -> bool:
        char = self.keys.starts[token]
        return any(a < char < b for a, b in self.quotes)

    def is_subject(self, item: Found) -> bool:
        if not self.doc.has_annotation("DEP"):
            return False
        # Any token whose arc leaves the span as a subject: the parser sometimes splits a multi-word
        # name across a sentence boundary, so the span's root alone is not reliable.
        for token in self.doc[item.start : item.end]:
            outside = not item.start <= token.head.i < item.end
            if outside and (
                token.dep_ in SUBJECT_DEPS or (token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS)
            ):
                return True
        return False

    def mentions(self) -> list[ActorMention]:
        out = []
        for item in sorted(self.found, key=lambda f: f.start):
            start, end = self.keys.starts[item.start], self.keys.ends[item.end - 1]
            out.append(ActorMention(start, end, self.keys.text[start:end], item.actor, item.via))
        return out
