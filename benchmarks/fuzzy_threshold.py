"""Choose the fuzzy-matching threshold for actor names on re3d, not by hand.

    .venv/bin/python benchmarks/fuzzy_threshold.py

For each candidate cutoff (rapidfuzz `ratio`, 0-100), scores re3d's Organisation+Person F1 on named
mentions and prints the table; the chosen value is the one with the best F1 (ties: the stricter).
`eventwire.actors.provisional.FUZZY_CUTOFF` holds the value chosen this way.
"""

from __future__ import annotations

import sys

from eventwire.actors import provisional
from eventwire.evaluate import default_data_dir, run
from eventwire.pipeline import Pipeline

CUTOFFS = (80.0, 84.0, 88.0, 90.0, 92.0, 94.0, 96.0, 98.0, 101.0)  # 101: fuzzy matching off


def main() -> int:
    data = default_data_dir()
    if not (data / "re3d").exists():
        print(f"skipped: {data / 're3d'} is absent")
        return 0
    pipeline = Pipeline()
    pipeline.warm_up()
    rows = []
    for cutoff in CUTOFFS:
        provisional.FUZZY_CUTOFF = cutoff
        result = run("re3d", data, pipeline)
        rows.append((cutoff, result.metrics["f1"], result.metrics["org_f1"], result.metrics["person_f1"]))
        print(f"cutoff {cutoff:5.1f}  f1 {rows[-1][1]:.4f}  org {rows[-1][2]:.4f}  person {rows[-1][3]:.4f}")
    best = max(rows, key=lambda r: (round(r[1], 4), r[0]))
    print(f"best cutoff: {best[0]} (f1 {best[1]:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
