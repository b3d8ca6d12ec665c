"""`eventwire gazetteer build`: the offline place index, built once and cached on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from eventwire.cli import _common
from eventwire.settings import Settings

GAZETTEER_EXAMPLE = "Example: eventwire gazetteer build"
BUILD_EXAMPLE = "Example: eventwire gazetteer build --force"

gazetteer_app = typer.Typer(
    help="Manage the offline place index (gazetteer).", no_args_is_help=True, epilog=GAZETTEER_EXAMPLE
)


@gazetteer_app.command("build", epilog=BUILD_EXAMPLE)
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the index exists.")] = False,
) -> None:
    """Build the place index from the installed GeoNames data (once; workers share it)."""
    with _common.friendly_errors():
        from eventwire.places import build_gazetteer, gazetteer_path

        path = Path(gazetteer_path(Settings.from_env()))
        if path.exists() and not force:
            _common.stdout().print(
                f"Gazetteer already built: {path} ({_common.describe_size(path)}). Use --force to rebuild.",
                markup=False,
                highlight=False,
            )
            return
        console = _common.stderr()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
        ) as progress:
            tasks: dict[str, TaskID] = {}

            def on_progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total or None)
                    if not console.is_terminal:  # logs get one plain line per stage instead of a bar
                        console.print(f"gazetteer: {stage}...", markup=False)
                progress.update(tasks[stage], completed=done, total=total or None)

            built = Path(build_gazetteer(path, progress=on_progress))
        _common.stdout().print(
            f"Gazetteer built: {built} ({_common.describe_size(built)})", markup=False, highlight=False
        )
