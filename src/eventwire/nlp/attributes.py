"""Remember which one-token rules of the attribute ruler a token satisfies.

The model's attribute ruler maps tags to parts of speech and morphology with 179 Matcher rules,
171 of them about one token (`[{"TAG": "PRP", "LOWER": "he"}]`). spaCy's Matcher tries every rule at
every token: 7% of the pipeline's time on the speed benchmark. A one-token rule that compares
attributes with literal values (`==`, IN, NOT_IN) gives the same answer for every value it does not
name, so each token is reduced to a key (its value of each attribute the rules read, or "other"
for a string the rules never name) and the rules matching a key are found once. Rules with other
predicates (REGEX, operators) and longer rules still go through a Matcher. The matches, and so the
attributes set, are the ruler's own.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token attributes whose values are string keys: one the rules never name stands for all such values.
_STRINGS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE"})
# Other attributes Doc.to_array reads (small value sets, kept as they are in the key).
_OTHERS = frozenset({"POS", "IS_SPACE", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "IS_LOWER", "IS_UPPER"})
_SET_PREDICATES = frozenset({"IN", "NOT_IN"})
_OTHER_VALUE = -1  # no string key is negative
MAX_ENTRIES = 500_000  # distinct keys remembered before the memo starts afresh

Match = tuple[int, int, int, int]


def literal_values(pattern: object) -> dict[str, list[Any]] | None:
    """The literal values a one-token pattern compares each attribute with, or None when it is not a
    one-token pattern of literal comparisons (REGEX, operators, extensions, several tokens)."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict):
        return None
    values: dict[str, list[Any]] = {}
    for key, value in pattern[0].items():
        name = "ORTH" if str(key).upper() == "TEXT" else str(key).upper()
        if name not in _STRINGS | _OTHERS:
            return None
        if isinstance(value, dict):
            if not value or not set(value) <= _SET_PREDICATES:
                return None
            listed = [v for options in value.values() for v in options]
        else:
            listed = [value]
        if not all(isinstance(v, str | int | bool) for v in listed):
            return None
        values.setdefault(name, []).extend(listed)
    return values or None


class MemoMatch:
    """Stands in for `AttributeRuler.match` with the same result, computed with a memo."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._ruler = ruler
        self._size = -1
        self._build()

    def _build(self) -> None:
        ruler = self._ruler
        strings = ruler.vocab.strings
        self._one = Matcher(ruler.vocab, validate=False)
        self._rest = Matcher(ruler.vocab, validate=False)
        named: dict[str, set[int]] = {}
        for i, entry in enumerate(ruler.patterns):
            key = strings.add(str(i))  # the ruler's own key for its i-th rule
            one: list[Any] = []
            rest: list[Any] = []
            for pattern in cast(list[Any], entry["patterns"]):
                values = literal_values(pattern)
                (rest if values is None else one).append(pattern)
                for name, listed in (values or {}).items():
                    keys = named.setdefault(name, set())
                    if name in _STRINGS:
                        keys.update(strings.add(v) if isinstance(v, str) else int(v) for v in listed)
            if one:
                self._one.add(key, one)
            if rest:
                self._rest.add(key, rest)
        names = sorted(named)
        self._attrs = [IDS[name] for name in names]
        # Per attribute: the string keys the rules name, or None to keep every value.
        self._named: list[frozenset[int] | None] = [
            frozenset(named[name]) if name in _STRINGS else None for name in names
        ]
        self._memo: dict[tuple[int, ...], list[int]] = {}
        self._size = len(ruler.attrs)

    def _key(self, row: list[int]) -> tuple[int, ...]:
        return tuple(
            value if named is None or value in named else _OTHER_VALUE
            for value, named in zip(row, self._named, strict=True)
        )

    def __call__(self, doc: Doc) -> list[Match]:
        if len(self._ruler.attrs) != self._size:  # rules added since: start again
            self._build()
        strings = self._ruler.vocab.strings
        found: list[tuple[int, int, int]] = list(
            self._rest(doc, allow_missing=True, as_spans=False) if len(self._rest) else []
        )
        if self._attrs and len(doc):
            rows: list[Any] = doc.to_array(self._attrs).tolist()
            for i, row in enumerate(rows):
                key = self._key(row if isinstance(row, list) else [row])
                ids = self._memo.get(key)
                if ids is None:
                    if len(self._memo) >= MAX_ENTRIES:
                        self._memo.clear()
                    # This token stands for every token of its key.
                    one = self._one(doc[i : i + 1], allow_missing=True, as_spans=False)
                    ids = self._memo[key] = [m_id for m_id, _, _ in one]
                found.extend((m_id, i, i + 1) for m_id in ids)
        # As AttributeRuler.match: sorted by rule number, so that later rules have precedence.
        return sorted((int(strings[m_id]), m_id, start, end) for m_id, start, end in found)


def memoize_attribute_ruler(ruler: AttributeRuler) -> None:
    """Make the attribute ruler match its one-token rules through a memo."""
    if not isinstance(ruler.match, MemoMatch):
        # An instance attribute shadows the method: AttributeRuler.__call__ calls self.match(doc).
        ruler.match = MemoMatch(ruler)  # type: ignore[method-assign]
