"""Gazetteer lookups: which spellings reach which places (exact, article variants, skeleton keys)."""

from __future__ import annotations

from eventwire.places import InMemoryGazetteer
from tests.places_helpers import place as _p

DEIR = _p("Dayr az Zawr", "SY", 35.34, 40.14, pop=240_000)
SOISSONS = _p("Soissons", "FR", 49.38, 3.32, pop=28_000)
ASH_FLAT = _p("Ash Flat", "US", 36.22, -91.61, pop=1_000)
QAIM = _p("Al Qa'im", "IQ", 34.37, 41.09, pop=74_000)
GAZ = InMemoryGazetteer(
    [("Dayr az Zawr", DEIR), ("Soissons", SOISSONS), ("Ash Flat", ASH_FLAT), ("Al Qa'im", QAIM)]
)


def test_lookup_transliteration_variants_reach_the_place() -> None:
    assert GAZ.lookup("Deir al-Zour") == [DEIR]
    assert GAZ.lookup("Qaim") == [QAIM]  # the Arabic article dropped


def test_lookup_loose_spellings_only_where_names_are_transliterated() -> None:
    assert GAZ.lookup("Seasons") == []  # not a spelling of Soissons: French names have one spelling
    assert GAZ.lookup("Soissons") == [SOISSONS]


def test_lookup_the_arabic_article_only_for_arabic_names() -> None:
    assert GAZ.lookup("Flat") == []  # "Ash Flat", Arkansas, is not "al-Flat"
    assert GAZ.lookup("Ash Flat") == [ASH_FLAT]


def test_lookup_spelling_data_arabic_names_are_transliterated_too() -> None:
    from eventwire.places import lexicon

    arabic, loose = lexicon.arabic_article_countries(), lexicon.transliterated_countries()
    assert {"SY", "IQ", "YE"} <= arabic < loose
    assert {"AF", "RU", "CN"} <= loose - arabic
    assert "FR" not in loose and "US" not in loose
