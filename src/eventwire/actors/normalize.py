"""Name normalisation shared by the knowledge-base index and the matcher.

Two forms exist on purpose:
- `normalize_name` is readable ("kata'ib hezbollah"): casefolded, diacritics stripped, every
  apostrophe-like character unified to "'", hyphens and runs of spaces to one space, a leading
  "the" dropped. Provisional ids and exact look-ups start from it.
- `compact_key` drops everything but letters and digits ("kataibhezbollah"). News copy writes the
  same name as Kata'ib / Kata’ib / Kataib and al-Haq / al Haq; the token matcher concatenates
  token keys, so whatever the tokenizer does with apostrophes and hyphens, both sides meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic apostrophes and quote-like marks that transliterations use for ayn/hamza.
APOSTROPHES = "'’‘ʼʻ`´"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_DASH_RE = re.compile(r"[\-‐‑‒–—_/]+")
_SPACE_RE = re.compile(r"\s+")
_LEADING_THE_RE = re.compile(r"^the\s+")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")
_NON_ALNUM_CASED_RE = re.compile(r"[^0-9A-Za-z]+")
_WORD_RE = re.compile(r"[0-9A-Za-z]+")
# Articles and particles written either way in print (Al-Shabaab / al-Shabaab, Bin Laden / bin Laden).
_PARTICLES = frozenset(
    {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "bin", "ibn", "the", "of", "de", "la"}
)


def strip_diacritics(text: str) -> str:
    """`Erdoğan` -> `Erdogan`; characters without an ASCII base are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(text: str) -> str:
    """Readable normal form of a name: `The Kata’ib-Hezbollah` -> `kata'ib hezbollah`."""
    text = strip_diacritics(text).casefold()
    text = _APOSTROPHE_RE.sub("'", text)
    text = _DASH_RE.sub(" ", text)
    text = _SPACE_RE.sub(" ", text).strip()
    return _LEADING_THE_RE.sub("", text)


@lru_cache(maxsize=200_000)
def compact_key(text: str) -> str:
    """Letters and digits of the normalised name only: `Asa'ib Ahl al-Haq` -> `asaibahlalhaq`."""
    return _NON_ALNUM_RE.sub("", normalize_name(text))


@lru_cache(maxsize=200_000)
def cased_key(text: str) -> str:
    """Like `compact_key` but keeping case, for acronyms: `U.S.` -> `US` (never matches `us`)."""
    return _NON_ALNUM_CASED_RE.sub("", strip_diacritics(text))


def is_acronym(alias: str) -> bool:
    """`PMF`, `U.S.`, `M23`, `ISIS-K`: no lowercase letter at all, so case must match exactly."""
    plain = strip_diacritics(alias)
    return any(ch.isupper() for ch in plain) and not any(ch.islower() for ch in plain)


def needs_exact_case(alias: str) -> bool:
    """Acronyms, and mixed-case short forms (`LeT`, `MoD`, `FAMa`) whose capitals carry the meaning."""
    if is_acronym(alias):
        return True
    return any(any(ch.isupper() for ch in word[1:]) for word in _WORD_RE.findall(strip_diacritics(alias)))


def is_lowercase_alias(alias: str) -> bool:
    """Generic nouns (`gunmen`, `security forces`) match in any case."""
    return not any(ch.isupper() for ch in alias)


def words(text: str) -> list[str]:
    """Words of a name after removing apostrophes (`Kata’ib al-Haq` -> Kataib, al, Haq)."""
    return _WORD_RE.findall(_APOSTROPHE_RE.sub("", strip_diacritics(text)))


def capitals_compatible(alias: str, found: str) -> bool:
    """True when `found` is capitalised where the alias is.

    Why: "the Islamic State" is the group, "an islamic state" is a concept. An alias word that
    starts with a capital must start with one in the text; headline case (extra capitals) is fine.
    When the word counts differ (Deirezzor vs Deir ez-Zor) we only ask for one capital letter.
    """
    alias_words, found_words = words(alias), words(found)
    if len(alias_words) != len(found_words):
        return any(ch.isupper() for ch in found)
    return all(
        not a[:1].isupper() or f[:1].isupper() or a.lower() in _PARTICLES
        for a, f in zip(alias_words, found_words, strict=True)
    )


def slugify(text: str) -> str:
    """`Jaysh al-Mahdi` -> `jaysh-al-mahdi` (provisional ids)."""
    return "-".join(_WORD_RE.findall(normalize_name(text).replace("'", ""))) or "unnamed"


def surface_variants(alias: str) -> set[str]:
    """Spellings one alias takes in print: each apostrophe style or none, hyphen or space, no diacritics.

    Used for EntityRuler phrase patterns, which compare token by token and so need each form.
    """
    base = {alias, strip_diacritics(alias)}
    out: set[str] = set()
    for form in base:
        if _APOSTROPHE_RE.search(form):
            for mark in ("'", "’", "ʼ", ""):
                out.add(_APOSTROPHE_RE.sub(mark, form))
        else:
            out.add(form)
    for form in list(out):
        if "-" in form:
            out.add(form.replace("-", " "))
    return {_SPACE_RE.sub(" ", form).strip() for form in out if form.strip()}
