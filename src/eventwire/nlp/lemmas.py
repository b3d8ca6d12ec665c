"""Two repeated costs of spaCy's rule lemmatizer removed, with the same lemmas.

- Its `lemma_index` table holds a list of known words per part of speech (57,000 nouns), and each
  new word is looked up in it with `in`: a scan of the list. Those scans made the lemmatizer 7% of
  the pipeline's time on the speed benchmark. The lists are kept, answering `in` from a set.
- It caches only the words its suffix rules handle; every base form (singular noun, infinitive,
  positive adjective: most tokens of news text) is worked out again each time. Its answer depends
  only on the token's text, part of speech and morphology, the key of spaCy's own cache, so every
  answer is remembered under that key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.pipeline import Lemmatizer
from spacy.tokens import Token

# More distinct (word, tag, features) keys than this and the memo starts afresh: a bound on memory
# for a long-running worker, far above the ~10,000 keys of the whole speed benchmark.
MAX_ENTRIES = 500_000


class IndexedWords(list[str]):
    """A list of words that answers `word in words` from a set; still a list everywhere else."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set


class MemoLemmatize:
    """A lemmatizer's `lemmatize` method with a bounded memo keyed as spaCy's own cache is."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self._lemmatize = lemmatize
        self._memo: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        lemmas = self._memo.get(key)
        if lemmas is None:
            if len(self._memo) >= MAX_ENTRIES:
                self._memo.clear()
            lemmas = self._memo[key] = self._lemmatize(token)
        return lemmas


def speed_up_lemmatizer(lemmatizer: Lemmatizer) -> None:
    """Set-backed word index and a memo for a rule lemmatizer (other modes are left as they are)."""
    if lemmatizer.mode != "rule" or isinstance(lemmatizer.lemmatize, MemoLemmatize):
        return
    if lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos in list(index):
            if isinstance(index[pos], list):
                index[pos] = IndexedWords(index[pos])
    # spaCy itself binds `lemmatize` per instance (to rule_lemmatize in rule mode).
    lemmatizer.lemmatize = MemoLemmatize(lemmatizer.rule_lemmatize)
