"""`eventwire kb`: what the actor knowledge base holds, and how a name resolves."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventwire.cli import _common

KB_EXAMPLE = 'Example: eventwire kb find "Kataib Hizballah"'
STATS_EXAMPLE = "Example: eventwire kb stats"
FIND_EXAMPLE = "Example: eventwire kb find PMF"

kb_app = typer.Typer(help="Inspect the actor knowledge base.", no_args_is_help=True, epilog=KB_EXAMPLE)


@kb_app.command("stats", epilog=STATS_EXAMPLE)
def stats() -> None:
    """Print counts by kind and by ACLED region as JSON ({"total", "by_kind", "by_region", ...})."""
    with _common.friendly_errors():
        from eventwire.actors import default_kb
        from eventwire.actors.stats import kb_stats

        sys.stdout.write(json.dumps(kb_stats(default_kb()), indent=2) + "\n")


@kb_app.command("find", epilog=FIND_EXAMPLE)
def find(name: Annotated[str, typer.Argument(help="A name, acronym or spelling to look up.")]) -> None:
    """Show which actors a name resolves to and why (exact alias after normalisation, or the closest)."""
    with _common.friendly_errors():
        from eventwire.actors import default_kb
        from eventwire.actors.stats import explain_name

        sys.stdout.write(json.dumps(explain_name(name, default_kb()), indent=2, ensure_ascii=False) + "\n")
