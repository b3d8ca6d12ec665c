"""A token-boundary phrase index over compact keys (the actor matcher's engine).

Why not spaCy's PhraseMatcher: it compares token by token, so "Kata'ib", "Kata’ib" and "Kataib"
or "al-Haq" and "al Haq" would each need their own pattern and the tokenizer decides which one
fits. Here each token contributes its compact key (letters and digits), keys are concatenated
from a start token while the running string is a prefix of some alias, and a full alias key is
a hit. The prefix set stops the walk after one or two tokens almost everywhere, so one pass over
an article costs about one dictionary look-up per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.tokens import Doc

from eventwire.actors.normalize import (
    capitals_compatible,
    cased_key,
    compact_key,
    is_lowercase_alias,
    needs_exact_case,
)

T = TypeVar("T")

# Punctuation that may sit inside a name ("al-Haq", "Martyrs' Brigades", "U.S."); anything else
# (commas, brackets, line breaks) ends a name.
_JOINERS = frozenset("-‐‑–'’ʼ`./&")
MAX_TOKENS = 16
# After these a capital letter says nothing about being a name.
_BOUNDARY = frozenset(".!?:;“\"‘'(—–-•")


@dataclass(frozen=True)
class DocKeys:
    """Per-token keys of one doc, computed once and shared by every index."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from the tokens on every access
    lower: list[str]
    cased: list[str]
    joinable: list[bool]  # may sit inside a name
    initial: list[bool]  # first word of a sentence, line or quote
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, doc: Doc) -> DocKeys:
        lower: list[str] = []
        cased: list[str] = []
        joinable: list[bool] = []
        initial: list[bool] = []
        starts: list[int] = []
        ends: list[int] = []
        previous = "\n"
        for token in doc:
            text = token.text
            initial.append(previous[-1:] in _BOUNDARY or "\n" in previous)
            previous = text if not token.whitespace_ or "\n" not in token.whitespace_ else "\n"
            key = compact_key(text)
            lower.append(key)
            cased.append(cased_key(text))
            joinable.append(bool(key) or (not token.is_space and all(ch in _JOINERS for ch in text)))
            starts.append(token.idx)
            ends.append(token.idx + len(text))
        return cls(doc, doc.text, lower, cased, joinable, initial, starts, ends)

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    value: T
    alias: str


@dataclass
class PhraseIndex(Generic[T]):
    """Aliases -> values; acronyms match case-sensitively, generic lowercase nouns in any case."""

    _folded: dict[str, list[tuple[str, T]]] = field(default_factory=dict)
    _cased: dict[str, list[tuple[str, T]]] = field(default_factory=dict)
    _prefixes: set[str] = field(default_factory=set)

    def add(self, alias: str, value: T) -> None:
        if needs_exact_case(alias):
            key = cased_key(alias)
            table = self._cased
        else:
            key = compact_key(alias)
            table = self._folded
        if not key:
            return
        bucket = table.setdefault(key, [])
        if (alias, value) not in bucket:
            bucket.append((alias, value))
        folded = key.lower()
        self._prefixes.update(folded[:n] for n in range(1, len(folded) + 1))

    def lookup(self, name: str) -> list[T]:
        """Exact look-up of one name (no case check beyond acronyms)."""
        found = [v for _, v in self._cased.get(cased_key(name), [])] if needs_exact_case(name) else []
        found += [v for _, v in self._folded.get(compact_key(name), [])]
        return list(dict.fromkeys(found))

    def hits_at(self, keys: DocKeys, i: int) -> list[Hit[T]]:
        """Every alias that starts at token `i`, longest last."""
        if not keys.lower[i]:
            return []
        hits: list[Hit[T]] = []
        folded = cased = ""
        n = len(keys.lower)
        for j in range(i, min(n, i + MAX_TOKENS)):
            if not keys.joinable[j]:
                break
            folded += keys.lower[j]
            cased += keys.cased[j]
            if folded not in self._prefixes:
                break
            if not keys.lower[j]:
                continue
            text = ""
            for alias, value in self._cased.get(cased, ()):
                hits.append(Hit(i, j + 1, value, alias))
            for alias, value in self._folded.get(folded, ()):
                text = text or keys.span_text(i, j + 1)
                if is_lowercase_alias(alias):
                    # "gunmen" or "Gunmen" opening a sentence, never "Militia" inside a name.
                    if text.islower() or (keys.initial[i] and text[1:].islower()):
                        hits.append(Hit(i, j + 1, value, alias))
                elif capitals_compatible(alias, text):
                    hits.append(Hit(i, j + 1, value, alias))
        return hits

    def all_hits(self, keys: DocKeys) -> list[Hit[T]]:
        out: list[Hit[T]] = []
        for i in range(len(keys.lower)):
            out.extend(self.hits_at(keys, i))
        return out

    def __len__(self) -> int:
        return len(self._folded) + len(self._cased)


def longest_first(hits: Sequence[Hit[T]], taken: list[bool]) -> list[Hit[T]]:
    """Greedy non-overlapping selection: longer spans first, then earlier ones; marks `taken`."""
    chosen: list[Hit[T]] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(taken[hit.start : hit.end]):
            continue
        for k in range(hit.start, hit.end):
            taken[k] = True
        chosen.append(hit)
    return chosen
