"""The `eventwire` command: thin wrappers over the library, one public function per command."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventwire import __version__
from eventwire.cli import commands_evaluate, commands_export, commands_extract, commands_store
from eventwire.cli._common import EXIT_USAGE
from eventwire.cli.commands_explain import EXPLAIN_EXAMPLE, explain
from eventwire.cli.commands_gazetteer import gazetteer_app
from eventwire.cli.commands_kb import kb_app
from eventwire.cli.commands_serve import SERVE_EXAMPLE, serve
from eventwire.cli.commands_spark import spark_app, store_app
from eventwire.cli.commands_train import TRAIN_EXAMPLE, train_app
from eventwire.cli.commands_watch import WATCH_EXAMPLE, watch
from eventwire.errors import EventwireError

APP_EXAMPLE = "Example: eventwire extract article.txt --format table"

app = typer.Typer(
    name="eventwire",
    help="News articles in, source-attributed conflict event data out. Runs offline.",
    epilog=APP_EXAMPLE,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        print(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """News articles in, source-attributed conflict event data out. Runs offline."""


app.command("schema", epilog=commands_extract.SCHEMA_EXAMPLE)(commands_extract.schema)
app.command("extract", epilog=commands_extract.EXTRACT_EXAMPLE)(commands_extract.extract)
app.command("ingest", epilog=commands_store.INGEST_EXAMPLE)(commands_store.ingest)
app.command("events", epilog=commands_store.EVENTS_EXAMPLE)(commands_store.events)
app.command("export", epilog=commands_export.EXPORT_EXAMPLE)(commands_export.export)
app.command("evaluate", epilog=commands_evaluate.EVALUATE_EXAMPLE)(commands_evaluate.evaluate)
app.command("explain", epilog=EXPLAIN_EXAMPLE)(explain)
app.command("serve", epilog=SERVE_EXAMPLE)(serve)
app.command("watch", epilog=WATCH_EXAMPLE)(watch)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(kb_app, name="kb")
app.add_typer(spark_app, name="spark")
app.add_typer(store_app, name="store")
app.add_typer(train_app, name="train", epilog=TRAIN_EXAMPLE)


def main() -> None:
    """Console-script entry point. Commands handle their own errors; this is the last net."""
    try:
        app(prog_name="eventwire")
    except EventwireError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
