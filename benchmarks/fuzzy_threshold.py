"""Choose the fuzzy-matching threshold for actor names on re3d, not by hand.

    .venv/bin/python benchmarks/fuzzy_threshold.py

For each candidate cutoff (rapidfuzz `ratio`, 0-100), scores re3d's Organisation+Person F1 on named
mentions and prints the table. The chosen value is the strictest cutoff (fuzzy matching still on)
whose F1 is within NOISE of the best: where re3d cannot tell cutoffs apart, a stricter one risks
fewer wrong merges ("National Liberation Army" is not the "Mon National Liberation Army").
`eventwire.actors.provisional.FUZZY_CUTOFF` holds the value chosen this way.
"""

from __future__ import annotations

import sys

from eventwire.actors import provisional
from eventwire.evaluate import default_data_dir, run
from eventwire.pipeline import Pipeline

CUTOFFS = (80.0, 84.0, 88.0, 90.0, 92.0, 94.0, 96.0, 98.0, 101.0)  # 101: fuzzy matching off
NOISE = 0.001  # one mention in re3d moves F1 by about this much


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
    top = max(r[1] for r in rows)
    chosen = max(r for r in rows if r[0] <= 100.0 and r[1] >= top - NOISE)
    print(f"best f1 {top:.4f}; chosen cutoff: {chosen[0]} (f1 {chosen[1]:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
