"""Command-line interface (`eventwire ...`), built on Typer and Rich."""

from __future__ import annotations

from eventwire.cli.app import app, main

__all__ = ["app", "main"]
