"""Print the README's "How accurate is it?" table from the reports `make eval` writes.

make eval                                             # writes out/eval/DATASET.json
.venv/bin/python benchmarks/accuracy_table.py out/eval
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from eventwire.evaluate import DATASETS, anchors

# The figures worth a line in the README, per dataset (every metric is in the reports).
HEADLINE = {
    "realnews": [
        "precision",
        "recall",
        "f1",
        "complete_recall",
        "event_type_acc",
        "actor1_acc",
        "location_acc",
        "date_overlap_acc",
        "fatalities_acc",
    ],
    "acled-notes": [
        "event_type",
        "sub_event_type",
        "country",
        "loc_25km",
        "fatalities_exact_gold>0",
        "date_exact",
        "actor1",
        "actor2",
    ],
    "acled-march": [
        "model_event_type",
        "model_sub_event_type",
        "event_type",
        "sub_event_type",
    ],
    "muc4": [
        "precision",
        "recall",
        "f1",
        "type_acc",
        "perp_org_acc",
        "target_acc",
        "place_acc",
        "deaths_acc",
    ],
    "isaf": [
        "kind_acc",
        "kind_exact_acc",
        "province_acc",
        "date_acc",
        "killed_exact_acc",
        "captured_detect_acc",
    ],
    "gwn": ["acc_161km", "country_acc", "median_km", "auc", "toponym_f1"],
    "lgl": ["acc_161km", "country_acc", "median_km", "auc", "toponym_f1"],
    "geovirus": ["acc_161km", "country_acc", "median_km", "auc", "toponym_f1"],
    "event-location": ["accuracy", "coverage"],
    "re3d": ["f1", "spacy_only_f1", "org_f1", "person_f1", "location_f1"],
    "wikievents": [
        "trigger_f1",
        "baseline_trigger_f1",
        "victim_f1",
        "baseline_victim_f1",
        "place_f1",
        "baseline_place_f1",
        "arg_f1",
        "baseline_arg_f1",
    ],
    "plover": ["accuracy", "macro_f1"],
    "example": ["required_passed", "checks_passed"],
}


def reports(source: Path) -> dict[str, dict[str, object]]:
    """{dataset: {"n", "metrics"}} from a folder of reports or from the baseline's full-set figures."""
    if source.is_file():
        baseline = json.loads(source.read_text())
        return {
            name: {
                "n": e["full"]["n"],
                "metrics": {
                    **{m: b["measured"] for m, b in e["full"]["bounds"].items()},
                    **e["full"].get("references", {}),
                },
            }
            for name, e in baseline["datasets"].items()
            if "full" in e
        }
    return {p.stem: json.loads(p.read_text()) for p in sorted(source.glob("*.json"))}


def table(source: Path) -> str:
    lines = ["| dataset | n | metric | eventwire | published |", "|---|---|---|---|---|"]
    found = reports(source)
    for name in DATASETS:
        report: dict[str, Any] = found.get(name)  # type: ignore[assignment]
        if report is None:
            continue
        anchor = anchors().get(name, {})
        for metric in HEADLINE.get(name, list(report["metrics"])):
            if metric not in report["metrics"]:
                continue
            ref = anchor.get(metric)
            published = f"{ref['value']:.3f} ({ref['source']})" if ref else ""
            value = report["metrics"][metric]
            lines.append(f"| {name} | {report['n']} | {metric} | {value:.3f} | {published} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(Path(sys.argv[1] if len(sys.argv) > 1 else "out/eval")))
