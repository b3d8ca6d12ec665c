"""`eventwire evaluate`: our scores on public gold data, beside the published anchors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from eventwire.cli import _common
from eventwire.errors import Errors, UsageError
from eventwire.settings import Settings

EVALUATE_EXAMPLE = (
    "Example: eventwire evaluate realnews --report out/realnews.json --errors out/realnews-errors.jsonl"
)


def evaluate(
    dataset: Annotated[
        str,
        typer.Argument(
            help="realnews, acled-notes, muc4, isaf, gwn, lgl, geovirus, event-location, re3d, wikievents, "
            "plover, example, merge or all."
        ),
    ],
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N documents or items.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the report JSON here (one dataset).")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every miss as JSON Lines here (one dataset).")
    ] = None,
    report_dir: Annotated[
        Path | None,
        typer.Option(
            "--report-dir",
            help="Write DATASET.json and DATASET.errors.jsonl here (real-text sets: inputs and output too).",
        ),
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="The benchmarks folder (default ../shared/benchmarks).")
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Fail (exit 1) when a score breaks its bound in benchmarks/baseline.json."
        ),
    ] = False,
) -> None:
    """Score eventwire against public gold data and print our figures beside the published ones."""
    from eventwire.evaluate import DATASETS, anchors, baseline_path, bounds_of, default_data_dir, run
    from eventwire.evaluate import check as check_bounds

    with _common.friendly_errors():
        names = list(DATASETS) if dataset == "all" else [dataset]
        if dataset != "all" and dataset not in DATASETS:
            raise UsageError(Errors.E051.format(name=dataset, known=", ".join(DATASETS)))
        if len(names) > 1 and (report or errors):
            raise UsageError(
                Errors.E052.format(detail="--report and --errors take one dataset; use --report-dir.")
            )
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline(Settings.from_env())
        root = data or default_data_dir()
        baseline = json.loads(baseline_path().read_text()) if check else None
        breaches: list[str] = []
        for name in names:
            result = run(name, root, pipeline, limit=limit)
            if report_dir is not None:
                result.write_report(report_dir / f"{name}.json")
                result.write_errors(report_dir / f"{name}.errors.jsonl")
                result.write_attachments(report_dir)
            if report is not None:
                result.write_report(report)
            if errors is not None:
                result.write_errors(errors)
            _common.stdout().print(
                _table(name, result.n, result.seconds, result.metrics, anchors().get(name, {}))
            )
            if baseline is not None:
                section = "quick" if limit is not None else "full"
                breaches += [str(b) for b in check_bounds(result, bounds_of(baseline, name, section))]
    for line in breaches:
        _common.stderr().print(f"[red]below bound:[/red] {line}", markup=True)
    if breaches:
        raise typer.Exit(1)


def _table(
    name: str, n: int, seconds: float, metrics: dict[str, float], anchor: dict[str, dict[str, object]]
) -> Table:
    table = Table(title=f"{name}: {n} items, {seconds:.1f} s", title_justify="left")
    table.add_column("metric")
    table.add_column("eventwire", justify="right")
    table.add_column("published", justify="right")
    for metric, value in metrics.items():
        ref = anchor.get(metric)
        published = f"{float(ref['value']):.3f} ({ref['source']})" if ref else ""  # type: ignore[arg-type]
        table.add_row(metric, f"{value:.3f}", published)
    return table
