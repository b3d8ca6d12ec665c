"""Headline case to sentence case, so that a headline parses like a sentence; capitals to ordinary case.

Many outlets write headlines in title case ("Police Raid Rights Group's Offices, Seize Computers")
or in capitals. The small English model reads a capitalised word as a proper noun, so such a
headline parses as one long name with no verb, and no event is found in it. Lower-casing every word
but the names gives the parser a sentence: "Police raid rights group's offices, seize computers".

Which words are names is decided by the caller (the gazetteer and the actor knowledge base know
them); which are ordinary words, by the model's own word lists (the lemmatizer's `lemma_index`,
WordNet's 57,000 nouns, 11,000 verbs and their inflections) and its stop words. A capitalised word
that is neither, such as a surname, keeps its capital. Only the case of letters changes, so every
character offset into the result is an offset into the headline as written.

Whole texts come in capitals too: wire services, radio transcripts and telex archives ("GUERRILLAS
OF THE FMLN ATTACKED THE POWER STATION"). Read as written, every word is a name to the model, the
parser finds no verbs and the sentence splitter no sentences. `text_case` gives such a text the case
an editor would: sentences start with a capital, names keep theirs, acronyms the knowledge base
spells in capitals stay in capitals, and ordinary words are lower-cased. Offsets are kept here too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence

from spacy.language import Language

# A headline is in title case when at least this share of its longer words after the first start
# with a capital; sentence-case headlines capitalise only names, well below it.
TITLE_CASE_SHARE = 0.6
# A text is in capitals when at least this share of its cased letters are capitals and it has at least
# CAPITALS_MIN_LETTERS of them; a text in ordinary case has well under a fifth.
CAPITALS_SHARE = 0.9
CAPITALS_MIN_LETTERS = 40
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
MAX_NAME_WORDS = 6  # the longest name looked up ("Saint Vincent and the Grenadines")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Lower-case words allowed inside a name ("Bosnia and Herzegovina", "Sao Tome and Principe").
NAME_JOINERS = frozenset({"and", "of", "the", "de", "du", "la", "el", "al", "bin", "ibn"})
# Words of the closed classes that spaCy's stop words and WordNet's open classes both lack.
_FUNCTION_WORDS = frozenset(
    {"amid", "amidst", "despite", "following", "toward", "towards", "versus", "via", "upon", "onto", "unlike"}
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_DOUBLED = re.compile(r"^(\w+?([b-df-hj-np-tv-z]))\2(?:ed|ing|er|ers)$")
# Only spaces and hyphens may stand between the words of a name: never a sentence's end or a comma.
_NAME_GAP = re.compile(r"[\s-]*")
# Where a sentence starts: the text's start, after a full stop, a new line, a bracketed label
# ("[TEXT] THE ARMY...") or a dateline's dash ("SAN SALVADOR, 3 JAN 90 -- THE ARMY...").
# (Possessive quantifiers: a long run of spaces or punctuation is read once, never re-split.)
_SENTENCE_START = re.compile(
    r"((?:^|[.!?][\"'”’)\]]*+\s++|\n\s*+|--\s*+|:\s++\")(?:\[[^\]\n]{0,60}\]\s*+)*+)(\W*+)([a-z])"
)
# Month and day names, capitalised in English though the word lists have them in lower case.
_CALENDAR = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
# A bracketed acronym defined after the name it stands for: "LIBERATION FRONT [FMLN]".
_BRACKETED_ACRONYM = re.compile(r"(?<=[A-Z] )([(\[])([A-Z]{2,6})([)\]])")
_AFTER_DIGIT = re.compile(r"(?<=\d)[A-Za-z]+\b")  # "4TH BRIGADE", "1980S"
_PRONOUN_I = re.compile(r"\bi\b(?=['’\s,.;:!?])")
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
    *,
    shouting: bool | None = None,
    keeps_capitals: Callable[[str], bool] | None = None,
) -> str:
    """`text` with every capitalised ordinary word lower-cased and its names kept.

    `is_name` is asked about runs of capitalised words (longest first, at most MAX_NAME_WORDS,
    joined by the text between them); `is_word` about a word in lower case. A word in capitals is
    an acronym (UN, ISIS) unless the whole headline is in capitals. In a headline that is not in
    title case only the first word can change. `shouting` says the text is in capitals (by default:
    it has no lower-case letter); there, `keeps_capitals` names the words to leave in capitals.
    """
    if not is_title_case(text):
        return _first_word(text, is_name, is_word)
    if shouting is None:
        shouting = text.upper() == text

    def stays_capital(word: str) -> bool:
        if "." in word.rstrip("."):  # "U.S.", "U.N."
            return True
        if keeps_capitals is not None:
            return keeps_capitals(word)
        return len(word) <= 3 and is_name(word)  # UN, US and EU stay acronyms

    words = list(_WORD.finditer(text))
    out = list(text)
    i = 0
    while i < len(words):
        span = _longest_name(text, words, i, is_name)
        if span:
            if shouting:
                for k, match in enumerate(words[i : i + span]):
                    word = match.group()
                    if k > 0 and word.lower() in NAME_JOINERS:  # "Armed Forces of Colombia"
                        out[match.start() : match.end()] = word.lower()
                    elif not stays_capital(word):
                        out[match.start() + 1 : match.end()] = word[1:].lower()
            i += span
            continue
        match = words[i]
        word = match.group()
        if i > 0 and word[0].isupper() and (shouting or not _acronym(word)) and _ordinary(word, is_word):
            out[match.start() : match.end()] = word.lower()
        elif shouting and not stays_capital(word):
            # the first word, or a name nobody knows: "KHARTOUM" reads as "Khartoum"
            out[match.start() + 1 : match.end()] = word[1:].lower()
        i += 1
    return _first_word("".join(out), is_name, is_word)


def in_capitals(text: str) -> bool:
    """True for a text written in capitals (a wire or radio transcript, a telex). Asked of every
    article, so the letters are counted by the regex engine, not a Python loop (English texts:
    ASCII letters are enough to tell)."""
    upper = len(_UPPER.findall(text))
    lower = len(_LOWER.findall(text))
    return upper >= CAPITALS_MIN_LETTERS and upper >= CAPITALS_SHARE * (upper + lower)


def text_case(
    text: str,
    is_name: Callable[[str], bool],
    is_word: Callable[[str], bool],
    keeps_capitals: Callable[[str], bool],
) -> str:
    """A text in capitals in ordinary case: names capitalised, sentences started with a capital.

    The result has the text's length, so that offsets into it are offsets into the text as written;
    where a letter's lower case would change the length (Turkish dotted I), the text is returned as is.
    """
    cased = sentence_case(text, is_name, is_word, shouting=True, keeps_capitals=keeps_capitals)
    cased = _defined_acronyms(text, cased)
    cased = _PRONOUN_I.sub("I", cased)
    cased = _CALENDAR.sub(lambda m: m.group().capitalize(), cased)
    cased = _AFTER_DIGIT.sub(lambda m: m.group().lower(), cased)
    cased = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), cased)
    return cased if len(cased) == len(text) else text


def _defined_acronyms(text: str, cased: str) -> str:
    """`cased` with the acronyms `text` defines in brackets back in capitals, wherever they stand,
    and the words of the name each one follows capitalised: "TERRORISTS OF THE FARABUNDO MARTI
    NATIONAL LIBERATION FRONT [FMLN]" reads "terrorists of the Farabundo Marti National Liberation
    Front [FMLN]"."""
    out = list(cased)
    words = list(_WORD.finditer(text))
    starts = [w.start() for w in words]
    defined: set[str] = set()
    for match in _BRACKETED_ACRONYM.finditer(text):
        acronym = match.group(2)
        defined.add(acronym)
        end = match.start()
        last = bisect_left(starts, match.start())  # the words before the bracket: words[:last]
        for word in reversed(words[max(0, last - len(acronym) - 2) : last]):
            if not _NAME_GAP.fullmatch(text[word.end() : end]) or word.group().lower() in _NAME_STOPS:
                break
            out[word.start()] = text[word.start()]
            end = word.start()
    if defined:
        for word in words:
            if word.group().rstrip(".") in defined:
                out[word.start() : word.end()] = word.group()
    return "".join(out)


# Where the words of a name defined by an acronym stop, reading backwards from the acronym.
_NAME_STOPS = frozenset(
    {"the", "a", "an", "of", "by", "for", "to", "from", "in", "on", "and", "with", "that"}
)


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
        if any(not w[0].isupper() and w.lower() not in NAME_JOINERS for w in inner):
            continue
        gaps = (text[a.end() : b.start()] for a, b in zip(words[i : j - 1], words[i + 1 : j], strict=True))
        if not all(_NAME_GAP.fullmatch(gap) for gap in gaps):
            continue
        name = _POSSESSIVE.sub("", text[words[i].start() : words[j - 1].end()])  # "Argentina's"
        if is_name(name):
            return j - i
    return 0


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _ordinary(word: str, is_word: Callable[[str], bool]) -> bool:
    lower = word.lower().rstrip(".")  # the word regex keeps a full stop: "WEEK."
    if lower in _FUNCTION_WORDS or is_word(lower):
        return True
    if any(
        lower.endswith(suffix) and len(lower) > len(suffix) + 2 and is_word(lower[: -len(suffix)] + rest)
        for suffix, rest in _ENDINGS
    ):
        return True
    doubled = _DOUBLED.match(lower)  # "kidnapped", "shelling" -> "kidnap", "shell"
    return doubled is not None and is_word(doubled.group(1))


def model_verbs_and_adjectives(nlp: Language) -> frozenset[str]:
    """The verbs and adjectives of the lemmatizer's word lists: an acronym spelled like one of them
    ("MEND", "RAW") is read as the word in a text in capitals."""
    known: set[str] = set()
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in ("verb", "adj"):
                words = index.get(pos)
                if isinstance(words, Collection):
                    known.update(str(w) for w in words)
    return frozenset(known)


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
        if lookups is not None and lookups.has_table("lemma_exc"):
            irregular = lookups.get_table("lemma_exc")  # inflected forms by part of speech: "took", "men"
            for pos in list(irregular):
                forms = irregular[pos]
                if isinstance(forms, Collection):
                    known.update(str(w) for w in forms)
    return known.__contains__
