"""The data files of the places stage (places/data/), loaded and validated once per process."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from eventwire.errors import Errors, SetupError
from eventwire.places.normalize import name_key

_DATA = "eventwire.places.data"
# Feature codes the supplement may use; BDR (a border area) is ours, the rest are GeoNames codes.
SUPPLEMENT_FEATURES = frozenset(
    {"BDR", "RGN", "TERR", "STM", "SEA", "GULF", "STRT", "LK", "ADM1", "CONT", "OCN"}
)


@dataclass(frozen=True)
class SupplementRow:
    name: str
    aliases: tuple[str, ...]
    feature_code: str
    country_code: str  # "" when the feature spans several countries
    countries: tuple[str, ...]  # every country it touches (borders, rivers, seas)
    lat: float
    lon: float


@dataclass(frozen=True)
class Cues:
    locative_preps: frozenset[str]
    near_preps: frozenset[str]
    near_phrases: frozenset[tuple[str, str]]
    near_suffixes: frozenset[str]
    place_nouns: frozenset[str]
    admin1_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    facility_heads: frozenset[str]
    assault_nouns: frozenset[str]
    district_nouns: frozenset[str]
    speech_verbs: frozenset[str]


def _text(filename: str) -> str:
    try:
        return resources.files(_DATA).joinpath(filename).read_text(encoding="utf-8")
    except OSError as exc:
        raise SetupError(Errors.E030.format(path=f"places/data/{filename}", detail=str(exc))) from exc


def _invalid(filename: str, detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=f"places/data/{filename}", detail=detail))


def _csv_rows(filename: str) -> Iterator[dict[str, str]]:
    lines = [line for line in _text(filename).splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        if None in row or any(value is None for value in row.values()):
            raise _invalid(filename, f"row {number}: wrong number of columns")
        yield {key: value.strip() for key, value in row.items()}


def _code(filename: str, code: str) -> str:
    if len(code) != 2 or not code.isupper():
        raise _invalid(filename, f"{code!r} is not an ISO 3166-1 alpha-2 code")
    return code


@cache
def supplement() -> tuple[SupplementRow, ...]:
    rows = []
    for raw in _csv_rows("supplement.csv"):
        feature = raw["feature_code"]
        if feature not in SUPPLEMENT_FEATURES:
            raise _invalid("supplement.csv", f"{raw['name']}: unknown feature code {feature!r}")
        lat, lon = float(raw["lat"]), float(raw["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _invalid("supplement.csv", f"{raw['name']}: coordinates out of range")
        country = _code("supplement.csv", raw["country_code"]) if raw["country_code"] else ""
        countries = tuple(_code("supplement.csv", c) for c in raw["countries"].split())
        rows.append(
            SupplementRow(
                name=raw["name"],
                aliases=tuple(a.strip() for a in raw["aliases"].split("|") if a.strip()),
                feature_code=feature,
                country_code=country,
                countries=countries or ((country,) if country else ()),
                lat=lat,
                lon=lon,
            )
        )
    return tuple(rows)


@cache
def shared_countries() -> dict[str, tuple[str, ...]]:
    """Name key of a supplement place -> the countries it touches (for borders, rivers, seas)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in supplement():
        for name in (row.name, *row.aliases):
            out[name_key(name)] = row.countries
    return out


@cache
def aliases() -> tuple[tuple[str, str, str], ...]:
    """(alias, GeoNames name, ISO2) rows."""
    return tuple(
        (raw["alias"], raw["name"], _code("aliases.csv", raw["country_code"]))
        for raw in _csv_rows("aliases.csv")
    )


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """Extra (name, ISO2) rows: short and former names the country data lacks ("Burma", "Britain")."""
    return tuple(
        (raw["name"], _code("country_names.csv", raw["country_code"]))
        for raw in _csv_rows("country_names.csv")
    )


@cache
def capitals_only() -> frozenset[str]:
    """Name keys of the country abbreviations in country_names.csv ("US", "U.K.", "UAE"): they name
    the country only when the text writes them in capitals, as the file does ("us" is a pronoun)."""
    return frozenset(name_key(name) for name, _ in country_names() if name.replace(".", "").isupper())


@cache
def _spellings() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(_text("spellings.yaml"))
    try:
        arabic = frozenset(_code("spellings.yaml", c) for c in raw["arabic_article"])
        others = frozenset(_code("spellings.yaml", c) for group in raw["transliterated"] for c in group)
    except (KeyError, TypeError) as exc:
        raise _invalid("spellings.yaml", f"missing or malformed key: {exc}") from exc
    return {"arabic_article": arabic, "transliterated": arabic | others}


def arabic_article_countries() -> frozenset[str]:
    """Countries whose place names carry the Arabic article (spellings.yaml)."""
    return _spellings()["arabic_article"]


def transliterated_countries() -> frozenset[str]:
    """Countries whose place names reach English news in several spellings (spellings.yaml)."""
    return _spellings()["transliterated"]


@cache
def demonyms() -> dict[str, str]:
    """Normalised demonym ("syrian") -> ISO2, with the plural that names the people ("syrians")."""
    table: dict[str, str] = {}
    for raw in _csv_rows("demonyms.csv"):
        key, code = name_key(raw["demonym"]), _code("demonyms.csv", raw["country_code"])
        table[key] = code
        if not key.endswith(("s", "sh", "ch", "ese")):  # "Swiss", "British", "French", "Chinese"
            table.setdefault(f"{key}s", code)
    return table


@cache
def not_places() -> frozenset[str]:
    """Name keys of capitalised words that are GeoNames places but rarely places in news."""
    words = (line.strip() for line in _text("not_places.txt").splitlines())
    return frozenset(name_key(w) for w in words if w and not w.startswith("#"))


@cache
def cues() -> Cues:
    raw = yaml.safe_load(_text("cues.yaml"))
    if not isinstance(raw, dict):
        raise _invalid("cues.yaml", "expected a mapping")
    try:

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw[key])

        phrases = frozenset((str(a).lower(), str(b).lower()) for a, b in raw["near_phrases"])
        return Cues(
            locative_preps=words("locative_preps"),
            near_preps=words("near_preps"),
            near_phrases=phrases,
            near_suffixes=words("near_suffixes"),
            place_nouns=words("place_nouns"),
            admin1_nouns=words("admin1_nouns"),
            settlement_nouns=words("settlement_nouns"),
            facility_heads=words("facility_heads"),
            assault_nouns=words("assault_nouns"),
            district_nouns=words("district_nouns"),
            speech_verbs=words("speech_verbs"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _invalid("cues.yaml", f"missing or malformed key: {exc}") from exc
