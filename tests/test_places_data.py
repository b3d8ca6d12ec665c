"""The places data files load, validate and hold what the stage relies on."""

from __future__ import annotations

import pycountry
import pytest

from eventwire.places import lexicon
from eventwire.places.normalize import name_key


def _iso2() -> set[str]:
    return {c.alpha_2 for c in pycountry.countries} | {"XK"}


def test_data_supplement_rows_are_valid() -> None:
    rows = lexicon.supplement()
    assert len(rows) > 30
    known = _iso2()
    names = [name_key(r.name) for r in rows]
    assert len(names) == len(set(names)), "duplicate supplement names"
    for row in rows:
        assert row.feature_code in lexicon.SUPPLEMENT_FEATURES
        assert set(row.countries) <= known, row.name
        open_water = row.feature_code in ("SEA", "GULF", "CONT", "OCN")
        assert row.country_code or open_water or row.countries, row.name
        if row.feature_code == "BDR":
            assert len(row.countries) == 2, f"{row.name}: a border joins two countries"


def test_data_shared_countries_cover_every_alias() -> None:
    shared = lexicon.shared_countries()
    assert shared[name_key("Euphrates")] == ("TR", "SY", "IQ")
    assert shared[name_key("Gaza Strip")] == ("PS",)


def test_data_demonyms_and_country_names_use_iso_codes() -> None:
    known = _iso2()
    assert set(lexicon.demonyms().values()) <= known
    assert {code for _, code in lexicon.country_names()} <= known
    assert lexicon.demonyms()["syrian"] == "SY"


def test_data_supplement_has_continents_and_macro_regions() -> None:
    features = {name_key(r.name): r.feature_code for r in lexicon.supplement()}
    for name in ("Europe", "Africa", "Asia", "North America", "South America"):
        assert features[name_key(name)] == "CONT"
    for name in ("Middle East", "Latin America", "Balkans", "Caucasus", "Central Asia", "Horn of Africa"):
        assert features[name_key(name)] == "RGN"


def test_data_country_abbreviations_count_only_in_capitals() -> None:
    names = dict(lexicon.country_names())
    assert (names["US"], names["U.S."], names["UK"], names["UAE"], names["DRC"]) == (
        "US",
        "US",
        "GB",
        "AE",
        "CD",
    )
    only = lexicon.capitals_only()
    assert {name_key("US"), name_key("U.K."), name_key("UAE")} <= only
    assert name_key("DR Congo") not in only and name_key("Burma") not in only


def test_data_aliases_use_iso_codes() -> None:
    assert {code for _, _, code in lexicon.aliases()} <= _iso2()


@pytest.mark.parametrize("word", ["Police", "Said", "Man", "Of", "Mobile", "Reading", "Hamas"])
def test_data_not_places_lists_common_words_that_geonames_knows(word: str) -> None:
    assert name_key(word) in lexicon.not_places()


def test_data_cues_load() -> None:
    cues = lexicon.cues()
    assert "near" in cues.near_preps and "in" in cues.locative_preps
    assert ("area", "of") in cues.near_phrases
    assert "province" in cues.admin1_nouns and "town" in cues.settlement_nouns
