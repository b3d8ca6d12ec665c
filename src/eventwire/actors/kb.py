"""The actor knowledge base: YAML files in `data/kb/`, validated on load, indexed for look-up.

Each file holds `actors: [ {id, name, kind, ...}, ... ]`. Loading checks every field (unknown
keys, codes, ISO2 countries, links between ids) and fails with E030 naming the file and the
entry, because a silently half-loaded knowledge base would only show up as missing actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pycountry
import yaml

from eventwire.actors.normalize import is_acronym, normalize_name, words
from eventwire.actors.patterns import ruler_patterns
from eventwire.actors.phrases import PhraseIndex
from eventwire.actors.variants import DATA_DIR, all_aliases
from eventwire.annotations import ActorEntry
from eventwire.errors import Errors, SetupError

KB_DIR = DATA_DIR / "kb"

KINDS = frozenset(
    {
        "state", "government", "military", "police", "intelligence", "armed_group", "militia",
        "party", "igo", "coalition", "person", "ngo", "media", "civilians", "other", "organisation",
        "rebels", "protesters", "rioters", "criminal",
    }
)  # fmt: skip
# PLOVER sector codes (CODEBOOKS.md, "Sectors").
SECTORS = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
        "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO",
        "UNO", "EUR", "NGO", "ISM", "IMG", "MNC",
    }
)  # fmt: skip
COUNTRY_KINDS = ("state", "government", "military", "police", "intelligence")
_LINKS = ("member_of", "part_of", "backed_by", "allied_with", "split_from")
_FIELDS = frozenset(
    {
        "id",
        "name",
        "kind",
        "sector",
        "acled_inter",
        "country",
        "wikidata",
        "acled_name",
        "aliases",
        "office",
        "active",
        "ambiguous",
    }
    | set(_LINKS)
)
# The C loader parses the knowledge base several times faster; the pure-Python one is the fallback.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_RE = re.compile(r"^[a-z0-9]+(?:[-:][a-z0-9]+)*$")
_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
# "al-Assad" and "bin Salman" are the surname; the particle alone is not.
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "van", "von", "de", "da", "del", "la"})


class ActorKB:
    """Validated actors with alias, country and hierarchy look-ups."""

    def __init__(self, entries: Sequence[ActorEntry]) -> None:
        self._entries: dict[str, ActorEntry] = {e.id: e for e in entries}
        self._by_country: dict[tuple[str, str], ActorEntry] = {}
        for entry in entries:
            if entry.country_code and entry.kind in COUNTRY_KINDS and not entry.id.startswith("generic:"):
                self._by_country.setdefault((entry.country_code, entry.kind), entry)

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None) -> ActorKB:
        """The packaged knowledge base, or the YAML files given; raises SetupError (E030) on bad data."""
        files = list(paths) if paths is not None else sorted(KB_DIR.glob("*.yaml"))
        entries: list[ActorEntry] = []
        seen: dict[str, Path] = {}
        for path in files:
            for entry in _read_file(path):
                if entry.id in seen:
                    raise SetupError(
                        Errors.E030.format(
                            path=path, detail=f"duplicate id '{entry.id}' (also in {seen[entry.id].name})"
                        )
                    )
                seen[entry.id] = path
                entries.append(entry)
        for entry in entries:
            for link in _LINKS:
                for target in getattr(entry, link):
                    if target not in seen:
                        raise SetupError(
                            Errors.E030.format(
                                path=seen[entry.id], detail=f"{entry.id}: {link} '{target}' is not a known id"
                            )
                        )
        return cls(entries)

    def get(self, actor_id: str) -> ActorEntry | None:
        return self._entries.get(actor_id)

    def candidates(self, name: str) -> list[ActorEntry]:
        """Actors one of whose aliases (or their spelling variants) equals `name` once normalised."""
        return [self._entries[i] for i in self.alias_index.lookup(name)]

    def ancestors(self, actor_id: str) -> list[str]:
        """Ids reachable through member_of / part_of, nearest first."""
        out: list[str] = []
        frontier = [actor_id]
        while frontier:
            nxt: list[str] = []
            for current in frontier:
                entry = self._entries.get(current)
                if entry is None:
                    continue
                for parent in (*entry.member_of, *entry.part_of):
                    if parent != actor_id and parent not in out:
                        out.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return out

    def country_actor(self, country_code: str, kind: str = "state") -> ActorEntry | None:
        """The state, government, military, police or intelligence service of a country (first listed)."""
        return self._by_country.get((country_code.upper(), kind))

    def entity_ruler_patterns(self) -> list[dict[str, object]]:
        """EntityRuler patterns for every alias and its printed variants.

        Phrase patterns (strings) are meant for `phrase_matcher_attr: LOWER`; acronyms come as token
        patterns on ORTH so that "IDF" never matches "idf". Generic nouns are left out: "police" is
        not a named entity. Each pattern carries the actor id (`ent_id_`).
        """
        return ruler_patterns(self)

    @cached_property
    def alias_index(self) -> PhraseIndex[str]:
        """Alias (every transliteration variant) -> actor id, in knowledge-base order."""
        index: PhraseIndex[str] = PhraseIndex()
        for entry in self._entries.values():
            for alias in all_aliases(entry):
                index.add(alias, entry.id)
        return index

    @cached_property
    def surname_index(self) -> PhraseIndex[str]:
        """Surname -> person id; used only after the person was named in full in the same article."""
        index: PhraseIndex[str] = PhraseIndex()
        for entry in self._entries.values():
            if entry.kind != "person":
                continue
            for alias in (entry.name, *entry.aliases):
                parts = alias.replace("-", " ").split()
                if len(parts) < 2 or is_acronym(alias):
                    continue
                index.add(parts[-1], entry.id)
                if parts[-2].lower() in _PARTICLES:
                    index.add(f"{parts[-2]}-{parts[-1]}", entry.id)
        return index

    @cached_property
    def fuzzy_choices(self) -> tuple[list[str], list[str]]:
        """Normalised multi-word aliases (named actors only) and their ids, for near-miss matching."""
        names: list[str] = []
        ids: list[str] = []
        for entry in self._entries.values():
            if entry.id.startswith("generic:"):
                continue
            for alias in all_aliases(entry):
                norm = normalize_name(alias)
                if len(norm.split()) >= 2 and len(norm) >= 10:
                    names.append(norm)
                    ids.append(entry.id)
        return names, ids

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)


@cache
def default_kb() -> ActorKB:
    """The packaged knowledge base, loaded once per process."""
    return ActorKB.load()


@cache
def _iso2_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def _read_file(path: Path) -> list[ActorEntry]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise SetupError(Errors.E030.format(path=path, detail=str(exc))) from exc
    items = raw.get("actors") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise SetupError(Errors.E030.format(path=path, detail="expected a top-level 'actors:' list"))
    return [_entry(path, n, item) for n, item in enumerate(items)]


def _entry(path: Path, n: int, item: Any) -> ActorEntry:
    def bad(detail: str) -> SetupError:
        ident = item.get("id") if isinstance(item, dict) else None
        return SetupError(Errors.E030.format(path=path, detail=f"entry {n} ({ident or '?'}): {detail}"))

    if not isinstance(item, dict):
        raise bad("not a mapping")
    unknown = set(item) - _FIELDS
    if unknown:
        raise bad(f"unknown field(s) {sorted(unknown)}; known: {sorted(_FIELDS)}")
    actor_id, name, kind = item.get("id"), item.get("name"), item.get("kind")
    if not isinstance(actor_id, str) or not _ID_RE.match(actor_id):
        raise bad("id must be a lowercase slug such as 'sy-military' or 'generic:gunmen'")
    if not isinstance(name, str) or not name.strip():
        raise bad("name is required")
    if kind not in KINDS:
        raise bad(f"kind '{kind}' is not one of {sorted(KINDS)}")
    sector = item.get("sector")
    if sector is not None and sector not in SECTORS:
        raise bad(f"sector '{sector}' is not a PLOVER sector code")
    inter = item.get("acled_inter")
    if inter is not None and (not isinstance(inter, int) or isinstance(inter, bool) or not 0 <= inter <= 8):
        raise bad("acled_inter must be an integer 0-8")
    country = item.get("country")
    if country is not None and (not isinstance(country, str) or country not in _iso2_codes()):
        raise bad(f"country '{country}' is not an ISO 3166-1 alpha-2 code")
    wikidata = item.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA_RE.match(wikidata)):
        raise bad(f"wikidata '{wikidata}' is not a Q-id")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and words(a) for a in aliases):
        raise bad("aliases must be a list of non-empty names")
    # Generic actors match on their aliases only, so their display name may repeat one.
    names = aliases if actor_id.startswith("generic:") else [name, *aliases]
    normalised = [normalize_name(a) for a in names]
    repeats = sorted({a for a in normalised if normalised.count(a) > 1})
    if repeats:
        raise bad(f"name/aliases repeat after normalisation: {repeats}")
    links: dict[str, tuple[str, ...]] = {}
    for link in _LINKS:
        value = item.get(link) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"{link} must be a list of ids")
        links[link] = tuple(value)
    for key in ("acled_name", "office", "active"):
        if item.get(key) is not None and not isinstance(item[key], str | int):
            raise bad(f"{key} must be text")
    return ActorEntry(
        id=actor_id,
        name=name.strip(),
        kind=kind,
        sector=sector,
        acled_inter=inter,
        country_code=country,
        wikidata=wikidata,
        acled_name=item.get("acled_name"),
        aliases=tuple(aliases),
        office=item.get("office"),
        active=str(item["active"]) if item.get("active") is not None else None,
        member_of=links["member_of"],
        part_of=links["part_of"],
        backed_by=links["backed_by"],
        allied_with=links["allied_with"],
        split_from=links["split_from"],
        ambiguous=tuple(_ambiguous(item, bad)),
    )


def _ambiguous(item: dict[str, Any], bad: Any) -> list[str]:
    """Aliases this actor knowingly shares with another (e.g. an acronym two groups use)."""
    value = item.get("ambiguous") or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad("ambiguous must be a list of aliases")
    return list(value)


__all__ = ["ActorKB", "all_aliases", "default_kb"]
