"""Sort the geoparsing misses of `eventwire evaluate gwn|lgl|geovirus --errors FILE` into causes.

    .venv/bin/eventwire evaluate gwn --report-dir out/
    .venv/bin/python benchmarks/geo_error_categories.py out/gwn.errors.jsonl

Geocoding misses (gold spans resolved more than 161 km away, or not at all) fall into:
- not in the gazetteer: nothing resolved (buildings, streets, villages under 500 people);
- country point: the right country, coded as the country, but its reference point is far from the
  one the gold data uses (the Factbook's 38N 97W against GeoNames' 39.8N 98.5W for the United States);
- unit point: the right province, county or region, whose point is far from the gold one;
- wrong country: a homonym in another country (Paris, Texas read as Paris, France);
- wrong place in the right country: a homonym or a wrong candidate inside the country;
each split by the gold type where the data has one (GWN: Literal, Metonymic, Non_Literal_Modifier...).
Recognition misses (gold toponyms we did not tag) and spurious tags are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_UNITS = ("ADM1", "ADM2", "RGN", "TERR", "BDR", "STM", "SEA", "GULF", "STRT", "LK", "OCN", "CONT")


def cause(error: dict[str, Any]) -> str:
    predicted = error.get("predicted")
    if not predicted:
        return "not in the gazetteer"
    feature = predicted.get("feature_code") or ""
    if predicted.get("country_code") != error["gold"].get("country_code"):
        return "wrong country"
    if feature == "PCLI":
        return "country point"
    if feature in _UNITS:
        return "unit point"
    return "wrong place in the right country"


def summarise(errors: list[dict[str, Any]]) -> dict[str, Any]:
    geocoding = [e for e in errors if e.get("kind") == "geocoding"]
    by_cause = Counter(cause(e) for e in geocoding)
    by_type: dict[str, Counter[str]] = {}
    for e in geocoding:
        by_type.setdefault(cause(e), Counter())[e["gold"].get("type") or "-"] += 1
    return {
        "geocoding_misses": len(geocoding),
        "by_cause": dict(by_cause.most_common()),
        "by_cause_and_gold_type": {c: dict(t.most_common()) for c, t in by_type.items()},
        "recognition_missed": sum(e.get("kind") == "missed" for e in errors),
        "recognition_spurious": sum(e.get("kind") == "spurious" for e in errors),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("errors", type=Path, help="an errors JSONL file written by `eventwire evaluate`")
    parser.add_argument("--n", type=int, default=0, help="gold spans scored (the report's n), for shares")
    args = parser.parse_args(argv)
    # Not splitlines(): quoted article text may hold U+2028, which it would split on.
    lines = args.errors.read_text(encoding="utf-8").split("\n")
    errors = [json.loads(line) for line in lines if line.strip()]
    summary = summarise(errors)
    report = args.errors.with_name(args.errors.name.replace(".errors.jsonl", ".json"))
    n = args.n or (json.loads(report.read_text())["n"] if report.is_file() else 0)
    print(f"{summary['geocoding_misses']} geocoding misses" + (f" of {n} gold spans" if n else ""))
    for name, count in summary["by_cause"].items():
        share = f" ({count / n:.1%} of all)" if n else ""
        types = ", ".join(f"{t} {c}" for t, c in summary["by_cause_and_gold_type"][name].items())
        print(f"  {name}: {count}{share}  [{types}]")
    print(f"recognition: {summary['recognition_missed']} missed, {summary['recognition_spurious']} spurious")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
