"""The gazetteer boundary: a protocol, the SQLite index behind it, and an in-memory fake for tests.

Lookups are by normalised name (normalize.py): the exact key first; when it misses, the same
key with the Arabic article dropped or added; then the loose skeleton key. Every tier returns
all candidates, and disambiguation (find.py) chooses among them.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from eventwire.annotations import Place
from eventwire.errors import Errors, SetupError
from eventwire.places import lexicon
from eventwire.places.build import INDEX_VERSION, build_gazetteer
from eventwire.places.normalize import abbreviation_key, article_variants, bare_key, name_key, skeleton_key
from eventwire.settings import Settings

_CACHE_SIZE = 50_000
_MIN_SIMILARITY = 60  # rapidfuzz ratio of a skeleton hit's name to the query, articles dropped


class Gazetteer(Protocol):
    def lookup(self, name: str) -> list[Place]:
        """Every place this surface form may name (empty when none)."""
        ...

    def country(self, code: str) -> Place | None:
        """The country with ISO2 `code` as a Place (feature_code "PCLI")."""
        ...


def _tiers(name: str) -> list[tuple[str, int, bool]]:
    """(key, tier, article variant) triples to try in order until one matches."""
    key = name_key(name)
    if not key:
        return []
    variants = article_variants(key)
    abbreviation = abbreviation_key(name)
    out = [(abbreviation, 0, False)] if abbreviation else []
    out += [(key, 0, False), *((v, 0, True) for v in variants if v)]
    out += [(skeleton_key(k), 1, k != key) for k in (key, *variants) if k and len(skeleton_key(k)) >= 4]
    return out


def _first_hit(name: str, fetch: Callable[[str, int], list[Place]]) -> list[Place]:
    found = _hit(name, fetch)
    if found and name_key(name) in lexicon.capitals_only() and not name.replace(".", "").isupper():
        # "Us" and "uk" are not the country abbreviations "US" and "UK"; towns so named stay.
        found = [p for p in found if p.feature_code != "PCLI"]
    return found


def _hit(name: str, fetch: Callable[[str, int], list[Place]]) -> list[Place]:
    for key, tier, variant in _tiers(name):
        found = fetch(key, tier)
        if found and variant:
            # Only Arabic place names take the Arabic article: "Flat" is not "Ash Flat", Arkansas.
            arabic = lexicon.arabic_article_countries()
            found = [p for p in found if p.country_code in arabic]
        if found and tier == 1:
            # Skeletons collide ("Ituri" ~ "Atyrau"): keep places whose own name still looks alike,
            # in countries whose names are transliterated (the only reason for a second spelling).
            bare, loose = bare_key(name), lexicon.transliterated_countries()
            found = [p for p in found if p.country_code in loose]
            found = [p for p in found if fuzz.ratio(bare, bare_key(p.name)) >= _MIN_SIMILARITY]
        if found:
            return found
    return []


class SqliteGazetteer:
    """The on-disk index. Opening is lazy and per thread (and per process after a fork)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[str, list[Place]] = {}

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None or getattr(self._local, "pid", None) != os.getpid():
            db = self._open()
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def _open(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise SetupError(Errors.E032.format(path=self.path, detail="no such file"))
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            row = db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SetupError(Errors.E032.format(path=self.path, detail=str(exc))) from exc
        if row is None or row[0] != str(INDEX_VERSION):
            raise SetupError(
                Errors.E032.format(path=self.path, detail=f"index version {row}, need {INDEX_VERSION}")
            )
        return db

    def check(self) -> None:
        """Open the index now, raising SetupError (E032) when it is missing or unreadable."""
        self._db()

    def _fetch(self, key: str, tier: int) -> list[Place]:
        rows = (
            self._db()
            .execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.cc, p.country, p.admin1, p.admin2,"
                " p.feature_code, p.population FROM names n JOIN places p ON p.id = n.place"
                " WHERE n.key = ? AND n.tier = ?",
                (key, tier),
            )
            .fetchall()
        )
        return [_place(row) for row in rows]

    def lookup(self, name: str) -> list[Place]:
        found = self._cache.get(name)
        if found is None:
            found = _first_hit(name, self._fetch)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[name] = found
        return list(found)

    def country(self, code: str) -> Place | None:
        row = (
            self._db()
            .execute(
                "SELECT geonameid, name, lat, lon, cc, country, admin1, admin2, feature_code, population"
                " FROM places WHERE cc = ? AND feature_code = 'PCLI'",
                (code.upper(),),
            )
            .fetchone()
        )
        return _place(row) if row else None


def _place(row: tuple[object, ...]) -> Place:
    geonameid, name, lat, lon, cc, country, admin1, admin2, feature, population = row
    return Place(
        name=str(name),
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        country_code=str(cc),
        country=str(country),
        geonameid=int(geonameid) if geonameid is not None else None,  # type: ignore[call-overload]
        admin1=str(admin1) if admin1 is not None else None,
        admin2=str(admin2) if admin2 is not None else None,
        feature_code=str(feature) if feature is not None else None,
        population=int(population or 0),  # type: ignore[call-overload]
    )


class InMemoryGazetteer:
    """A fake for tests: `InMemoryGazetteer([("Albu Kamal", place), ("Abu Kamal", place), ...])`."""

    def __init__(self, places: Iterable[tuple[str, Place]]) -> None:
        self._index: dict[tuple[str, int], list[Place]] = defaultdict(list)
        self._countries: dict[str, Place] = {}
        for name, place in places:
            abbreviation = abbreviation_key(name)
            keys = [(abbreviation, 0)] if abbreviation else [(name_key(name), 0), (skeleton_key(name), 1)]
            for key, tier in keys:
                if key and place not in self._index[(key, tier)]:
                    self._index[(key, tier)].append(place)
            if place.feature_code == "PCLI":
                self._countries[place.country_code] = place

    def lookup(self, name: str) -> list[Place]:
        return list(_first_hit(name, lambda key, tier: self._index.get((key, tier), [])))

    def country(self, code: str) -> Place | None:
        return self._countries.get(code.upper())


def gazetteer_path(settings: Settings) -> Path:
    return settings.cache_dir / f"gazetteer-v{INDEX_VERSION}.sqlite"


def _stderr_progress(stage: str, done: int, total: int) -> None:
    if done == 0:
        print(f"eventwire: building the gazetteer index: {stage}...", file=sys.stderr, flush=True)


def open_gazetteer(settings: Settings) -> SqliteGazetteer:
    """The index under settings.cache_dir, built on first use (about a minute, once per machine)."""
    path = gazetteer_path(settings)
    if not path.exists():
        print(f"eventwire: no gazetteer index at {path}; building it once.", file=sys.stderr, flush=True)
        try:
            build_gazetteer(path, progress=_stderr_progress)
        except OSError as exc:
            raise SetupError(Errors.E032.format(path=path, detail=str(exc))) from exc
    gazetteer = SqliteGazetteer(path)
    gazetteer.check()
    return gazetteer
