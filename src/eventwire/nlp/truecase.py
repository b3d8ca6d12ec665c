"""Headline case to sentence case, so that a headline parses like a sentence.

Many outlets write headlines in title case ("Police Raid Rights Group's Offices, Seize Computers")
or in capitals. The small English model reads a capitalised word as a proper noun, so such a
headline parses as one long name with no verb, and no event is found in it. Lower-casing every word
but the names gives the parser a sentence: "Police raid rights group's offices, seize computers".

Which words are names is decided by the caller (the gazetteer and the actor knowledge base know
them); which are ordinary words, by the model's own word lists (the lemmatizer's `lemma_index`,
WordNet's 57,000 nouns, 11,000 verbs and their inflections) and its stop words. A capitalised word
that is neither, such as a surname, keeps its capital. Only the case of letters changes, so every
character offset into the result is an offset into the headline as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from spacy.language import Language

# A headline is in title case when at least this share of its longer words after the first start
# with a capital; sentence-case headlines capitalise only names, well below it.
TITLE_CASE_SHARE = 0.6
MAX_NAME_WORDS = 6  # the longest name looked up ("Saint Vincent and the Grenadines")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Lower-case words allowed inside a name ("Bosnia and Herzegovina", "Sao Tome and Principe").
_NAME_JOINERS = frozenset({"and", "of", "the", "de", "du", "la", "el", "al", "bin", "ibn"})
# Words of the closed classes that spaCy's stop words and WordNet's open classes both lack.
_FUNCTION_WORDS = frozenset(
    {"amid", "amidst", "despite", "following", "toward", "towards", "versus", "via", "upon", "onto", "unlike"}
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Inflections tried when a word is not in the word lists as written: (suffix, replacement).
_ENDINGS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("'s", ""),
    ("’s", ""),
)


def is_title_case(text: str) -> bool:
    """True for a headline written in title case or in capitals."""
    words = [m.group() for m in _WORD.finditer(text)][1:]
    longer = [w for w in words if len(w) > 3]
    if not longer:
        return False
    capitalised = sum(w[0].isupper() for w in longer)
    return capitalised / len(longer) >= TITLE_CASE_SHARE


def sentence_case(
    text: str,
    is_name: Callable[[str], bool],
    is_word: Callable[[str], bool],
) -> str:
    """`text` with every capitalised ordinary word lower-cased and its names kept.

    `is_name` is asked about runs of capitalised words (longest first, at most MAX_NAME_WORDS,
    joined by the text between them); `is_word` about a word in lower case. A word in capitals is
    an acronym (UN, ISIS) unless the whole headline is in capitals. In a headline that is not in
    title case only the first word can change.
    """
    if not is_title_case(text):
        return _first_word(text, is_name, is_word)
    shouting = text.upper() == text
    words = list(_WORD.finditer(text))
    out = list(text)
    i = 0
    while i < len(words):
        span = _longest_name(text, words, i, is_name)
        if span:
            if shouting:
                for match in words[i : i + span]:
                    word = match.group()
                    if not (len(word) <= 3 and is_name(word)):  # UN, US and EU stay acronyms
                        out[match.start() + 1 : match.end()] = word[1:].lower()
            i += span
            continue
        match = words[i]
        word = match.group()
        if i > 0 and word[0].isupper() and (shouting or not _acronym(word)) and _ordinary(word, is_word):
            out[match.start() : match.end()] = word.lower()
        elif shouting:  # the first word, or a name nobody knows: "KHARTOUM" reads as "Khartoum"
            out[match.start() + 1 : match.end()] = word[1:].lower()
        i += 1
    return _first_word("".join(out), is_name, is_word)


def _first_word(text: str, is_name: Callable[[str], bool], is_word: Callable[[str], bool]) -> str:
    """The headline with its first word in lower case when it is an ordinary word.

    A capitalised first word makes the small model read "Rebels ambush army convoy" as a name;
    "rebels ambush army convoy" parses with its verb.
    """
    words = list(_WORD.finditer(text))
    if not words:
        return text
    first = words[0]
    word = first.group()
    if not word[0].isupper() or _acronym(word) or _longest_name(text, words, 0, is_name):
        return text
    if not _ordinary(word, is_word):
        return text
    return text[: first.start()] + word.lower() + text[first.end() :]


def _longest_name(text: str, words: Sequence[re.Match[str]], i: int, is_name: Callable[[str], bool]) -> int:
    """How many words from `i` on form a name (0 when none does)."""
    if not words[i].group()[0].isupper():
        return 0
    end = min(len(words), i + MAX_NAME_WORDS)
    for j in range(end, i, -1):
        last = words[j - 1].group()
        if not last[0].isupper():
            continue
        inner = [w.group() for w in words[i:j]]
        if any(not w[0].isupper() and w.lower() not in _NAME_JOINERS for w in inner):
            continue
        name = _POSSESSIVE.sub("", text[words[i].start() : words[j - 1].end()])  # "Argentina's"
        if is_name(name):
            return j - i
    return 0


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _ordinary(word: str, is_word: Callable[[str], bool]) -> bool:
    lower = word.lower()
    if lower in _FUNCTION_WORDS or is_word(lower):
        return True
    return any(
        lower.endswith(suffix) and len(lower) > len(suffix) + 2 and is_word(lower[: -len(suffix)] + rest)
        for suffix, rest in _ENDINGS
    )


def model_words(nlp: Language) -> Callable[[str], bool]:
    """`is_word` from the model's stop words and its lemmatizer's word lists, where it has them."""
    known: set[str] = {w.lower() for w in nlp.Defaults.stop_words}
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in list(index):
                words = index[pos]
                if isinstance(words, Collection):
                    known.update(str(w) for w in words)
    return known.__contains__
