"""Write benchmarks/baseline.json from a fresh run: the scores now, and the bound each may not cross.

    .venv/bin/python benchmarks/make_baseline.py            # quick subsets only (what CI gates)
    .venv/bin/python benchmarks/make_baseline.py --full     # also the full sets (what `make eval` gates)
    .venv/bin/python benchmarks/make_baseline.py --full --only gwn,lgl   # re-measure some, keep the rest

A bound is the measured score moved by the noise margin in the score's bad direction, so the gate
passes on the run that set it and fails on a real regression. Review the diff before committing:
a bound that goes down is a regression someone accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eventwire.evaluate import DATASETS, baseline_path, default_data_dir, run
from eventwire.pipeline import Pipeline

# The quick gate's subset per dataset: small enough for `make test`, large enough to mean something.
QUICK_LIMITS = {
    "realnews": 30,
    "acled-notes": 300,
    "acled-march": 300,
    "muc4": 120,
    "isaf": 60,
    "gwn": 40,
    "lgl": 40,
    "geovirus": 40,
    "event-location": 496,
    "re3d": 28,
    "wikievents": 20,
    "plover": 160,
    "example": 1,
    "merge": 41,  # the whole set: it is the project's own and takes seconds
}
LOWER_IS_BETTER = ("_km", "auc", "_err")
MARGIN = 0.02  # fractions: two points of accuracy or F1
KM_MARGIN = 0.10  # km and AUC: ten per cent of the value


def direction(metric: str) -> str:
    return "lower" if metric.endswith(LOWER_IS_BETTER) else "higher"


def bounds(metrics: dict[str, float]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for metric, value in metrics.items():
        if metric.startswith("baseline_"):
            continue  # a reference method's score, shown beside ours, not something to defend
        way = direction(metric)
        if way == "higher":
            bound = max(0.0, round(value - MARGIN, 4))
        else:
            bound = round(value * (1 + KM_MARGIN) + 1e-4, 4)
        out[metric] = {"bound": bound, "direction": way, "measured": round(value, 4)}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--full", action="store_true", help="also score the full sets")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument(
        "--only", default="", help="comma-separated datasets to re-measure; the others keep their entries"
    )
    args = parser.parse_args(argv)
    only = [name for name in args.only.split(",") if name]
    unknown = sorted(set(only) - set(DATASETS))
    if unknown:
        parser.error(f"unknown datasets: {', '.join(unknown)} (known: {', '.join(DATASETS)})")
    data = args.data or default_data_dir()
    if not data.exists():
        print(f"skipped: {data} is absent")
        return 0
    path = baseline_path()
    old = json.loads(path.read_text()) if path.exists() else {"datasets": {}}
    pipeline = Pipeline()
    pipeline.warm_up()
    doc: dict[str, Any] = {
        "note": "Written by benchmarks/make_baseline.py: make test gates quick subsets, make eval full sets.",
        "margin": 0.0,
        "datasets": {},
    }
    for name in DATASETS:
        if only and name not in only and name in old["datasets"]:
            doc["datasets"][name] = old["datasets"][name]
            continue
        entry: dict[str, Any] = {}
        quick = run(name, data, pipeline, limit=QUICK_LIMITS[name])
        entry["quick"] = {"limit": QUICK_LIMITS[name], "n": quick.n, "seconds": round(quick.seconds, 1)}
        entry["quick"]["bounds"] = bounds(quick.metrics)
        if args.full:
            full = run(name, data, pipeline)
            entry["full"] = {"n": full.n, "seconds": round(full.seconds, 1), "bounds": bounds(full.metrics)}
            references = {m: round(v, 4) for m, v in full.metrics.items() if m.startswith("baseline_")}
            if references:
                entry["full"]["references"] = references  # shown beside ours, never gated
        elif "full" in old["datasets"].get(name, {}):
            entry["full"] = old["datasets"][name]["full"]
        doc["datasets"][name] = entry
        print(f"{name}: quick {quick.n} items in {quick.seconds:.1f} s", file=sys.stderr)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
