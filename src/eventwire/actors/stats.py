"""What the knowledge base holds (`eventwire kb stats`) and how a name resolves (`eventwire kb find`)."""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from eventwire.actors.kb import ActorKB
from eventwire.actors.normalize import normalize_name
from eventwire.annotations import ActorEntry

# Kinds that count as non-state armed groups (ACLED inter 2-4 and armed criminal organisations).
ARMED_KINDS = frozenset({"armed_group", "militia", "rebels", "criminal"})
INTERNATIONAL = "International"


@cache
def regions() -> dict[str, str]:
    """ISO2 code -> ACLED region."""
    text = resources.files("eventwire.actors.data").joinpath("regions.yaml").read_text(encoding="utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    return {code: region for region, codes in data.items() for code in codes}


def region_of(entry: ActorEntry) -> str:
    return regions().get(entry.country_code or "", INTERNATIONAL)


def kb_stats(kb: ActorKB) -> dict[str, Any]:
    """Counts by kind and by region; generic (unnamed) actors are counted apart."""
    named = [e for e in kb if not e.id.startswith("generic:")]
    armed = [e for e in named if e.kind in ARMED_KINDS]
    return {
        "total": len(named),
        "generic": len(kb) - len(named),
        "non_state_armed_groups": len(armed),
        "by_kind": dict(Counter(e.kind for e in named).most_common()),
        "by_region": dict(Counter(region_of(e) for e in named).most_common()),
        "armed_groups_by_region": dict(Counter(region_of(e) for e in armed).most_common()),
    }


def explain_name(name: str, kb: ActorKB, *, limit: int = 5) -> dict[str, Any]:
    """How a name resolves: exact alias matches after normalisation, else the closest aliases."""
    key = normalize_name(name)
    exact = kb.candidates(name)
    out: dict[str, Any] = {"query": name, "normalised": key, "exact": [describe(e, kb) for e in exact]}
    if not exact:
        choices = {a: e for e in kb for a in (e.name, *e.aliases)}
        near = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=limit)
        out["closest"] = [
            {"alias": alias, "score": round(score, 1), **describe(choices[alias], kb)}
            for alias, score, _ in near
        ]
    return out


def describe(entry: ActorEntry, kb: ActorKB) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "sector": entry.sector,
        "acled_inter": entry.acled_inter,
        "country": entry.country_code,
        "region": region_of(entry),
        "ancestors": kb.ancestors(entry.id),
        "aliases": list(entry.aliases),
    }
