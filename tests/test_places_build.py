"""Building the gazetteer index from injected sources (a handful of rows, built in well under a second)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import SetupError
from eventwire.places import (
    SqliteGazetteer,
    build_gazetteer,
    gazetteer_path,
    open_gazetteer,
)
from eventwire.places import gazetteer as gazetteer_module
from eventwire.places.build import Sources, _centre, admin2_names, clean_admin_name
from eventwire.settings import Settings


def _city(
    gid: int, name: str, cc: str, lat: float, lon: float, pop: int, a1: str, alt: list[str]
) -> dict[str, Any]:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "population": pop,
        "admin1code": a1,
        "alternatenames": alt,
    }


CITIES = [
    _city(1, "Tall Ḩalaf", "SY", 36.83, 40.04, 9000, "01", ["Tell Halaf", "Тель-Халаф", "THF"]),
    _city(2, "Qaryat Nahr", "SY", 36.50, 40.75, 150000, "01", ["Nahr Village"]),
    _city(3, "Wadi Nahr", "IQ", 33.30, 44.40, 40000, "05", []),
    _city(4, "Al Mishraq", "IQ", 33.50, 44.10, 2000, "05", ["Mishraq"]),
]
ADMIN_ROWS = [
    {
        "lat": "36.83",
        "lon": "40.04",
        "name": "Tall Halaf",
        "admin1": "Muhafazat Nahr",
        "admin2": "Ras",
        "cc": "SY",
    },
    {
        "lat": "36.5",
        "lon": "40.75",
        "name": "Qaryat Nahr",
        "admin1": "Muhafazat Nahr",
        "admin2": "",
        "cc": "SY",
    },
    # No exact coordinate match for Wadi Nahr: the nearest row in the same country names its unit.
    {
        "lat": "33.31",
        "lon": "44.41",
        "name": "Elsewhere",
        "admin1": "Sahil Governorate",
        "admin2": "",
        "cc": "IQ",
    },
]
COUNTRIES = {
    "SY": {"name": "Syria", "geonameid": 163843, "population": 17_000_000, "capital": "Damascus"},
    "IQ": {"name": "Iraq", "geonameid": 99237, "population": 38_000_000, "capital": "Baghdad"},
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    stages: list[str] = []
    sources = Sources(CITIES, ADMIN_ROWS, COUNTRIES, {"SY": ["Syrian Arab Republic"]})
    build_gazetteer(path, progress=lambda stage, done, total: stages.append(stage), sources=sources)
    assert stages[-1] == "done"
    return path


def test_build_gazetteer_is_atomic_and_leaves_no_temporary_file(index: Path) -> None:
    assert index.is_file()
    assert [p.name for p in index.parent.iterdir()] == [index.name]


def test_build_gazetteer_indexes_names_and_latin_alternates(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    (place,) = gaz.lookup("Tell Halaf")
    assert (place.name, place.country_code, place.geonameid) == ("Tall Ḩalaf", "SY", 1)
    assert gaz.lookup("tall halaf") == [place]
    assert gaz.lookup("THF") == []  # codes among alternate names are not names
    assert gaz.lookup("Тель-Халаф") == []  # non-Latin scripts are not indexed


def test_build_gazetteer_joins_admin_names(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    (halaf,) = gaz.lookup("Tall Halaf")
    assert (halaf.admin1, halaf.admin2) == ("Nahr", "Ras")
    (wadi,) = gaz.lookup("Wadi Nahr")
    assert wadi.admin1 == "Sahil"


def test_build_gazetteer_derives_admin1_units_at_their_centre(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    for name in ("Nahr", "Nahr Governorate", "Nahr province", "Muhafazat Nahr"):
        (unit,) = [p for p in gaz.lookup(name) if p.feature_code == "ADM1"]
        assert (unit.name, unit.country_code, unit.admin1) == ("Nahr", "SY", "Nahr")
        # The middle of its cities' box, not its largest city (36.50, 40.75).
        assert (unit.lat, unit.lon) == pytest.approx((36.665, 40.395))
        assert unit.population == 159000


def test_build_centre_trims_far_flung_islands_and_crosses_the_antimeridian() -> None:
    grid = [(float(lat), float(lon)) for lat in range(10, 20) for lon in range(30, 40)]  # 100 cities
    assert _centre([*grid, (-40.0, 170.0)]) == pytest.approx((14.5, 34.5))  # one far island is trimmed
    assert _centre([(-17.0, 178.0), (-18.0, 179.5), (-16.0, -179.0)]) == pytest.approx((-17.0, 179.5))


def test_build_gazetteer_snaps_a_centre_outside_its_unit_to_its_nearest_city(tmp_path: Path) -> None:
    # An L-shaped country (AA) around a corner of its neighbour (BB): the middle of AA's box is in BB,
    # so AA's point is AA's own city nearest that middle; BB's centre is inside BB and stays.
    cities = [
        _city(10, "Corner", "AA", 0.0, 0.0, 1000, "01", []),
        _city(11, "North", "AA", 10.0, 0.0, 1000, "01", []),
        _city(12, "East", "AA", 0.0, 10.0, 1000, "01", []),
        _city(13, "Inner", "BB", 6.0, 6.0, 1000, "01", []),
        _city(14, "Inner Two", "BB", 4.0, 4.0, 1000, "01", []),
    ]
    countries = {
        "AA": {"name": "Aland", "geonameid": 1, "population": 3000, "capital": "Corner"},
        "BB": {"name": "Beland", "geonameid": 2, "population": 2000, "capital": "Inner"},
    }
    path = build_gazetteer(tmp_path / "l.sqlite", sources=Sources(cities, [], countries, {}))
    gaz = SqliteGazetteer(path)
    aa, bb = gaz.country("AA"), gaz.country("BB")
    assert aa is not None and bb is not None
    assert (aa.lat, aa.lon) in {(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)}  # one of its own cities
    assert (bb.lat, bb.lon) == pytest.approx((5.0, 5.0))


def test_build_gazetteer_adds_countries_with_their_names(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    syria = gaz.country("SY")
    assert syria is not None and syria.feature_code == "PCLI" and syria.geonameid == 163843
    assert gaz.lookup("Syrian Arab Republic") == [syria]
    assert gaz.country("FR") is None


def test_build_gazetteer_adds_supplement_borders_with_generated_variants(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    for text in ("Iraq-Syria border", "Syria-Iraq border", "Syrian-Iraqi border", "Iraqi-Syrian border"):
        (border,) = gaz.lookup(text)
        assert border.feature_code == "BDR" and border.name == "Iraq-Syria border"


def test_build_gazetteer_lookup_tries_article_variants(index: Path) -> None:
    gaz = SqliteGazetteer(index)
    assert [p.geonameid for p in gaz.lookup("al-Mishraq")] == [4]
    assert [p.geonameid for p in gaz.lookup("el-Mishraq")] == [4]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Muhafazat al Hudaydah", "Al Hudaydah"),
        ("Basra Governorate", "Basra"),
        ("Northern Region", "Northern Region"),
        ("Wilayat-e Baghlan", "Baghlan"),
        ("Kidal", "Kidal"),
    ],
)
def test_build_clean_admin_name(raw: str, clean: str) -> None:
    assert clean_admin_name(raw) == clean


def test_build_gazetteer_unreadable_index_raises_e032(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SetupError, match="E032"):
        SqliteGazetteer(bad).lookup("Mosul")
    with pytest.raises(SetupError, match="E032"):
        SqliteGazetteer(tmp_path / "missing.sqlite").country("SY")


def test_build_open_gazetteer_builds_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = Sources(CITIES, ADMIN_ROWS, COUNTRIES, {})

    def tiny_build(path: Path, **kwargs: Any) -> Path:
        return build_gazetteer(path, sources=sources, progress=kwargs.get("progress"))

    monkeypatch.setattr(gazetteer_module, "build_gazetteer", tiny_build)
    settings = Settings(cache_dir=tmp_path)
    gaz = open_gazetteer(settings)
    assert gaz.path == gazetteer_path(settings) and gaz.path.is_file()
    assert "building" in capsys.readouterr().err
    assert gaz.lookup("Qaryat Nahr")[0].population == 150000


def test_build_gazetteer_index_schema_is_compact(index: Path) -> None:
    with sqlite3.connect(index) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "places", "names"}


def test_build_gazetteer_adds_abbreviations_and_continents(tmp_path: Path) -> None:
    cities = [
        _city(20, "Kansas Town", "US", 38.0, -97.0, 5000, "KS", []),
        _city(21, "Us", "FR", 45.0, 2.0, 1200, "84", []),
        _city(22, "Leeds", "GB", 53.8, -1.5, 450000, "ENG", []),
    ]
    countries = {
        "US": {"name": "United States", "geonameid": 6252001, "population": 327_000_000, "capital": "DC"},
        "GB": {"name": "United Kingdom", "geonameid": 2635167, "population": 66_000_000, "capital": "London"},
        "FR": {"name": "France", "geonameid": 3017382, "population": 67_000_000, "capital": "Paris"},
    }
    path = build_gazetteer(tmp_path / "abbr.sqlite", sources=Sources(cities, [], countries, {}))
    gaz = SqliteGazetteer(path)
    for text, code in (("US", "US"), ("U.S.", "US"), ("UK", "GB"), ("U.K.", "GB")):
        assert code in {p.country_code for p in gaz.lookup(text) if p.feature_code == "PCLI"}, text
    # Written otherwise, "Us" is the French village only.
    assert [(p.name, p.feature_code) for p in gaz.lookup("Us")] == [("Us", "PPL")]
    assert [p.feature_code for p in gaz.lookup("us")] == ["PPL"]
    (europe,) = gaz.lookup("Europe")
    assert (europe.feature_code, europe.country_code) == ("CONT", "")
    assert any(p.feature_code == "RGN" for p in gaz.lookup("Middle East"))
    assert any(p.feature_code == "GULF" for p in gaz.lookup("Gulf"))


def test_build_gazetteer_places_countries_at_their_reference_point(tmp_path: Path) -> None:
    cities = [
        _city(30, "Edge Town", "AA", 1.0, 1.0, 5000, "01", []),
        _city(31, "Far", "AA", 9.0, 9.0, 50, "01", []),
    ]
    countries = {"AA": {"name": "Aland", "geonameid": 1, "population": 5050, "capital": "Edge Town"}}
    points = {"AA": (4.0, 6.0)}
    path = build_gazetteer(tmp_path / "pt.sqlite", sources=Sources(cities, [], countries, {}, points))
    aa = SqliteGazetteer(path).country("AA")
    assert aa is not None and (aa.lat, aa.lon) == (4.0, 6.0)


def test_build_gazetteer_derives_second_order_units_from_city_admin_names(tmp_path: Path) -> None:
    cities = [
        _city(40, "Paris", "US", 33.66, -95.56, 25000, "TX", []),
        _city(41, "Blossom", "US", 33.66, -95.38, 1500, "TX", []),
        _city(42, "Strasbourg", "FR", 48.58, 7.75, 270000, "44", []),
        _city(43, "Galway", "IE", 53.27, -9.05, 70000, "C", []),
    ]
    rows = [
        {
            "lat": "33.66",
            "lon": "-95.56",
            "name": "Paris",
            "admin1": "Texas",
            "admin2": "Lamar County",
            "cc": "US",
        },
        {
            "lat": "33.66",
            "lon": "-95.38",
            "name": "Blossom",
            "admin1": "Texas",
            "admin2": "Lamar County",
            "cc": "US",
        },
        {
            "lat": "48.58",
            "lon": "7.75",
            "name": "Strasbourg",
            "admin1": "Grand Est",
            "admin2": "Departement du Bas-Rhin",
            "cc": "FR",
        },
        {
            "lat": "53.27",
            "lon": "-9.05",
            "name": "Galway",
            "admin1": "Connacht",
            "admin2": "County Galway",
            "cc": "IE",
        },
    ]
    countries = {
        "US": {"name": "United States", "geonameid": 6252001, "population": 327_000_000, "capital": "DC"},
        "FR": {"name": "France", "geonameid": 3017382, "population": 67_000_000, "capital": "Paris"},
        "IE": {"name": "Ireland", "geonameid": 2963597, "population": 4_800_000, "capital": "Dublin"},
    }
    gaz = SqliteGazetteer(
        build_gazetteer(tmp_path / "a2.sqlite", sources=Sources(cities, rows, countries, {}))
    )
    (lamar,) = gaz.lookup("Lamar County")
    assert (lamar.feature_code, lamar.admin1, lamar.population) == ("ADM2", "Texas", 26500)
    assert lamar.lat == pytest.approx(33.66) and -95.56 <= lamar.lon <= -95.38
    assert gaz.lookup("Lamar") == []  # a county is named with its word
    assert [p.name for p in gaz.lookup("Bas-Rhin")] == [p.name for p in gaz.lookup("Departement du Bas-Rhin")]
    assert gaz.lookup("Bas-Rhin")[0].feature_code == "ADM2"
    # "Galway" stays the city; the county keeps its full name.
    assert [p.feature_code for p in gaz.lookup("Galway")] == ["PPL"]
    assert [p.feature_code for p in gaz.lookup("County Galway")] == ["ADM2"]


@pytest.mark.parametrize(
    ("raw", "display", "names"),
    [
        ("Clay County", "Clay County", {"Clay County"}),
        ("Orleans Parish", "Orleans Parish", {"Orleans Parish"}),
        ("Oyam District", "Oyam", {"Oyam District", "Oyam"}),
        ("Departement du Bas-Rhin", "Bas-Rhin", {"Departement du Bas-Rhin", "Bas-Rhin"}),
        ("Borough of Bolton", "Bolton", {"Borough of Bolton", "Bolton"}),
        ("Leicestershire", "Leicestershire", {"Leicestershire"}),
    ],
)
def test_build_admin2_names(raw: str, display: str, names: set[str]) -> None:
    assert admin2_names(raw) == (display, names)


def test_build_gazetteer_state_abbreviations_need_their_full_stop(tmp_path: Path) -> None:
    cities = [
        _city(50, "Wichita", "US", 37.69, -97.34, 390000, "KS", []),
        _city(51, "Kan", "CN", 43.67, 81.54, 900, "13", []),
    ]
    rows = [
        {"lat": "37.69", "lon": "-97.34", "name": "Wichita", "admin1": "Kansas", "admin2": "", "cc": "US"}
    ]
    countries = {
        "US": {"name": "United States", "geonameid": 6252001, "population": 327_000_000, "capital": "DC"},
        "CN": {"name": "China", "geonameid": 1814991, "population": 1_400_000_000, "capital": "Beijing"},
    }
    gaz = SqliteGazetteer(
        build_gazetteer(tmp_path / "ap.sqlite", sources=Sources(cities, rows, countries, {}))
    )
    assert [(p.name, p.feature_code) for p in gaz.lookup("Kan.")] == [("Kansas", "ADM1")]
    assert [p.country_code for p in gaz.lookup("Kan")] == ["CN"]
