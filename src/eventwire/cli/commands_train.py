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
        from eventwire.acled_types import read_acled_csv, score, train, write_card
        from eventwire.acled_types.features import STEM_CHARS
        from eventwire.errors import Errors, UsageError

        notes = [note for path in acled for note in read_acled_csv(path)]
        validation = None
        if validate_from is not None:
            try:
                split = dt.date.fromisoformat(validate_from)
            except ValueError as exc:
                raise UsageError(
                    Errors.E078.format(path="--validate-from", detail=f"'{validate_from}' is not YYYY-MM-DD")
                ) from exc
            before = [n for n in notes if n.date < split]
            after = [n for n in notes if n.date >= split]
            if not before or not after:
                detail = f"no events {'before' if not before else 'from'} {split} to train or score on"
                raise UsageError(Errors.E078.format(path="--validate-from", detail=detail))
            validation = {"split": split.isoformat(), **score(train(before), after)}
            sys.stderr.write(
                f"validation: trained on {len(before)} events before {split}, scored on {len(after)}: "
                f"event type {validation['event_type']:.3f}, "
                f"sub-event type {validation['sub_event_type']:.3f}\n"
            )
        model = train(notes)
        model.card = {
            "files": [p.name for p in acled],
            "rows": len(notes),
            "first_date": min(n.date for n in notes).isoformat(),
            "last_date": max(n.date for n in notes).isoformat(),
            "licence": licence,
            "command": "eventwire train types "
            + " ".join(f"--acled {p.name}" for p in acled)
            + (f" --validate-from {validate_from}" if validate_from else "")
            + " --out FOLDER",
            "features": f"words, word pairs, {STEM_CHARS}-letter stems: {len(model.vocabulary)}",
            "labels": model.labels,
            "trained": dt.date.today().isoformat(),
            "validation": validation,
        }
        model.save(out)
        write_card(out, model.card)
        summary = {
            "out": str(out),
            "rows": len(notes),
            "classes": len(model.labels),
            "features": len(model.vocabulary),
        }
        if validation:
            summary |= {
                "validation_event_type": validation["event_type"],
                "validation_sub_event_type": validation["sub_event_type"],
            }
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
