"""Name keys: how a place name is written in the index and looked up.

Two keys per name. The *exact* key only removes what never distinguishes two places in English
news (case, diacritics, apostrophes, hyphens, and the spelling of the Arabic article:
"Deir ez-Zor" = "Deir al-Zor", "Ālbū Kamāl" = "Albu Kamal"). The *skeleton* key also drops
spaces and doubled letters and collapses vowel runs, because transliterations from Arabic,
Persian or Pashto disagree mostly on vowels and word breaks ("Deir al-Zour" ~ "Dayr az Zawr",
"Raqqah" ~ "Raqqa", "Hodeidah" ~ "Hudaydah"). Skeleton hits are a fallback, used only when no
exact key matches, because they collide far more often.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus a mark.
_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t"}
)
# Apostrophes and ayn/hamza marks vanish ("Kata'ib" = "Kataib", "Ma`arrat" = "Maarrat").
_APOSTROPHES = re.compile(r"['’‘`´ʿʾʻʼ′]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Romanisations of the Arabic definite article, assimilated or not ("ad-Dawr", "ash-Sham", "ez-Zor").
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "er", "es", "et", "ez", "ul"}
)
_VOWEL_RUN = re.compile(r"[aeiouy]+(?:w(?![aeiouy]))?")
_DOUBLE = re.compile(r"(.)\1+")
# Arabic ta marbuta is written "-ah" or "-a" ("Raqqah"/"Raqqa"); final "h" after a vowel is noise.
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Casefold, strip diacritics, drop apostrophes, turn hyphens and punctuation into spaces."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The exact key: normalised, with every Arabic article spelled "al"."""
    words = normalize(name).split()
    if len(words) > 1:
        # Only a word followed by another word is an article: "As" alone is not.
        words = ["al" if w in ARABIC_ARTICLES and i < len(words) - 1 else w for i, w in enumerate(words)]
    return " ".join(words)


def bare_key(name: str) -> str:
    """The exact key without a leading Arabic article: "Ar Raqqah" and "Raqqah" compare alike."""
    key = name_key(name)
    return key[3:] if key.startswith("al ") else key


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """The loose key: exact key without spaces, doubled letters, final "h", with vowel runs as "a"."""
    key = _FINAL_H.sub("", name_key(name)).replace(" ", "")
    key = _DOUBLE.sub(r"\1", key)
    return _VOWEL_RUN.sub("a", key)


def abbreviation_key(name: str) -> str | None:
    """The key of an abbreviation written with its full stop ("Kan.", "N.J."), else None.

    Abbreviations are indexed apart from words: "Kan." is Kansas, "Kan" is not, and "Mass." is
    Massachusetts where "Mass" is a church service.
    """
    text = name.strip()
    if not text.endswith(".") or " " in text or len(text) > 6:
        return None
    key = name_key(text)
    return f"{key}." if key else None


def article_variants(key: str) -> list[str]:
    """Exact keys to try when a key misses: with the leading article dropped, or with one added.

    News writes "Raqqa" for "Ar-Raqqah" and "Al-Qaim" for "Qaim" alike; the index holds whichever
    the data had, so the lookup tries the other form.
    """
    # A fused article ("Alqaim", "Albu Kamal") needs no variant: the skeleton key drops spaces.
    return [key[3:]] if key.startswith("al ") else [f"al {key}"]
