"""`eventwire train types`: learn ACLED event types from an ACLED export's notes."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli import _common

TRAIN_EXAMPLE = (
    "Example: eventwire train types --acled acled-export.csv --out my-model --validate-from 2022-03-01"
)
TYPES_EXAMPLE = TRAIN_EXAMPLE

train_app = typer.Typer(help="Train the learned components on your own labelled data.", no_args_is_help=True)

DEFAULT_LICENCE = (
    "ACLED data, used under ACLED's terms of use (as distributed with the GPL-3.0 acledR package)"
)


@train_app.command("types", epilog=TYPES_EXAMPLE)
def types(
    acled: Annotated[
        list[Path],
        typer.Option(
            "--acled", help="An ACLED export (CSV with event_date, event_type, sub_event_type, notes)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the model and its card into.")],
    validate_from: Annotated[
        str | None,
        typer.Option(
            "--validate-from",
            help="YYYY-MM-DD: first train on the events before this date and score the rest, for the card.",
        ),
    ] = None,
    licence: Annotated[
        str, typer.Option("--licence", help="The data's terms, for the card.")
    ] = DEFAULT_LICENCE,
) -> None:
    """Train the ACLED type model on the notes of ACLED exports and write it, with its card, to --out.

    Use it with EVENTWIRE_TYPE_MODEL=FOLDER (or Settings(type_model=FOLDER)).
    """
    with _common.friendly_errors():
        from eventwire.acled_types import build_model, read_acled_csv, write_card
        from eventwire.errors import Errors, UsageError

        split = None
        if validate_from is not None:
            try:
                split = dt.date.fromisoformat(validate_from)
            except ValueError as exc:
                detail = f"'{validate_from}' is not YYYY-MM-DD"
                raise UsageError(Errors.E078.format(path="--validate-from", detail=detail)) from exc
        notes = [note for path in acled for note in read_acled_csv(path)]
        model = build_model(notes, files=[p.name for p in acled], licence=licence, validate_from=split)
        validation = model.card["validation"]
        if validation:
            sys.stderr.write(
                f"validation: trained on the events before {split}, scored on {validation['n']}: "
                f"event type {validation['event_type']:.3f}, "
                f"sub-event type {validation['sub_event_type']:.3f}\n"
            )
        model.save(out)
        write_card(out, model.card)
        summary = {
            "out": str(out),
            "rows": len(notes),
            "classes": len(model.labels),
            "features": len(model.vocabulary),
        }
        if validation:
            summary["validation_event_type"] = validation["event_type"]
            summary["validation_sub_event_type"] = validation["sub_event_type"]
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
