"""The model card: what a type model was trained on, under which terms, and how it scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CARD_FILE = "MODEL_CARD.md"


def write_card(folder: Path, card: dict[str, Any]) -> Path:
    """Write MODEL_CARD.md beside the model from its card (also kept in model.json)."""
    validation = card.get("validation") or {}
    lines = [
        "# ACLED type model",
        "",
        "A linear classifier (multinomial logistic regression over tf-idf word, word-pair and stem",
        "features) from an event's sentences to its ACLED sub-event type. Written by",
        "`eventwire train types`; rebuild it with the command below.",
        "",
        "## Data",
        f"- files: {', '.join(card.get('files', []))}",
        f"- rows: {card.get('rows')} events dated {card.get('first_date')} to {card.get('last_date')}",
        f"- licence: {card.get('licence')}",
        "",
        "## Training",
        f"- command: `{card.get('command')}`",
        f"- features: {card.get('features')}, classes: {len(card.get('labels', []))}",
        f"- trained on: {card.get('trained')}",
        "",
    ]
    if validation:
        lines += [
            "## Validation by date",
            f"A model trained on the events before {validation.get('split')} only, scored on the "
            f"{validation.get('n')} events from that date on:",
            "",
            f"- event type accuracy: {validation.get('event_type')}",
            f"- sub-event type accuracy: {validation.get('sub_event_type')}",
            "",
            "| sub-event type | support | precision | recall |",
            "|---|---|---|---|",
        ]
        for label, row in validation.get("classes", {}).items():
            lines.append(f"| {label} | {row['support']} | {row['precision']} | {row['recall']} |")
        lines += [
            "",
            "The confusion matrix (gold -> predicted -> count) is in model.json, `card.validation`.",
            "",
        ]
    lines += [
        "## Use",
        "eventwire applies the model to each event whose PLOVER type has ACLED types, within the types",
        "that PLOVER type allows. Set `EVENTWIRE_TYPE_MODEL=FOLDER` to use a model of your own.",
        "",
    ]
    path = folder / CARD_FILE
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
