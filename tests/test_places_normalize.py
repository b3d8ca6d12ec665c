"""Name keys: spellings news uses for one place meet in the index."""

from __future__ import annotations

import pytest

from eventwire.places.normalize import article_variants, name_key, normalize, skeleton_key


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Ālbū Kamāl", "albu kamal"),
        ("Kata’ib", "kataib"),
        ("Ma`arrat an-Nu`man", "maarrat an numan"),
        ("São Tomé", "sao tome"),
        ("St. Petersburg", "st petersburg"),
        ("Łódź", "lodz"),
    ],
)
def test_normalize_strips_case_diacritics_apostrophes_and_hyphens(written: str, expected: str) -> None:
    assert normalize(written) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir al-Zor"),
        ("el-Qaim", "Al Qaim"),
        ("ash-Shaddadi", "Al-Shaddadi"),
        ("Ar-Raqqah", "al Raqqah"),
    ],
)
def test_normalize_name_key_unifies_arabic_articles(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_normalize_name_key_keeps_a_lone_article_word() -> None:
    assert name_key("As") == "as"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir al-Zour", "Dayr az Zawr"),
        ("Raqqa", "Raqqah"),
        ("Hodeidah", "Hudaydah"),
        ("Albu Kamal", "Al-Bukamal"),
        ("Tal Abyad", "Tall Abyad"),
        ("Idlib", "Edlib"),
    ],
)
def test_normalize_skeleton_key_joins_transliterations(a: str, b: str) -> None:
    assert skeleton_key(a) == skeleton_key(b)


@pytest.mark.parametrize(("a", "b"), [("Mosul", "Basra"), ("Homs", "Hama"), ("Aleppo", "Idlib")])
def test_normalize_skeleton_key_keeps_different_places_apart(a: str, b: str) -> None:
    assert skeleton_key(a) != skeleton_key(b)


def test_normalize_article_variants_drop_or_add_the_article() -> None:
    assert article_variants("al raqqa") == ["raqqa"]
    assert article_variants("qaim") == ["al qaim"]
