"""What every command shares: error handling, consoles, flag parsing and the library hooks.

The pipeline and the ingest readers are imported lazily so `eventwire --help` and `eventwire
schema` answer at once instead of loading spaCy; tests replace `make_pipeline`/`read_inputs`
here with fakes.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Protocol, TextIO

import typer
from rich.console import Console

from eventwire.errors import Errors, EventwireError, UsageError
from eventwire.record import Article, Event
from eventwire.settings import Settings

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


# Options shared by `extract` and `ingest`.
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", metavar="YYYY-MM-DD", help="Publication date for articles that carry none."),
]
TextColumnOpt = Annotated[str, typer.Option("--text-column", help="CSV/JSONL column with the article text.")]
TitleColumnOpt = Annotated[str, typer.Option("--title-column", help="CSV/JSONL column with the headline.")]
UrlColumnOpt = Annotated[str, typer.Option("--url-column", help="CSV/JSONL column with the URL.")]
PublishedColumnOpt = Annotated[
    str, typer.Option("--published-column", help="CSV/JSONL column with the publication date.")
]
OutletColumnOpt = Annotated[
    str, typer.Option("--outlet-column", help="CSV/JSONL column with the outlet name.")
]
MaxMbOpt = Annotated[
    float | None,
    typer.Option("--max-mb", help="Refuse larger input files (default: the max_file_mb setting)."),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files or folders to read; '-' reads stdin.", metavar="PATH", show_default=False),
]

# The event filters shared by `events` and `export` (EventQuery, store/query.py). Each command lists
# them with these types and hands the values to `query_from_strings`, so the flags mean the same in
# both (and in the API).
_FILTERS = "Filters"

WaitOpt = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        metavar="SECONDS",
        help="If another process has the database open, retry for this long before giving up (E048).",
    ),
]
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file of the event store.", show_default=False)]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="ISO2/ISO3 code or country name.", rich_help_panel=_FILTERS),
]
Admin1Opt = Annotated[
    str | None,
    typer.Option("--admin1", help="First-level region, e.g. 'Deir ez-Zor'.", rich_help_panel=_FILTERS),
]
TypeOpt = Annotated[
    str | None,
    typer.Option(
        "--type",
        help="PLOVER type (ASSAULT) or ACLED event/sub-event type ('Battles', 'Air/drone strike').",
        rich_help_panel=_FILTERS,
    ),
]
ActorOpt = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Any name, acronym or spelling the actor knowledge base resolves (see `eventwire kb find`).",
        rich_help_panel=_FILTERS,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="YYYY-MM-DD", help="Events ending on or after this day.", rich_help_panel=_FILTERS
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="YYYY-MM-DD",
        help="Events starting on or before this day.",
        rich_help_panel=_FILTERS,
    ),
]
BboxOpt = Annotated[
    str | None,
    typer.Option(
        "--bbox",
        metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
        help="Bounding box in degrees (RFC 7946 order).",
        rich_help_panel=_FILTERS,
    ),
]
MinFatalitiesOpt = Annotated[
    int | None,
    typer.Option(
        "--min-fatalities", min=0, help="At least this many killed (best estimate).", rich_help_panel=_FILTERS
    ),
]
TextOpt = Annotated[
    str | None,
    typer.Option(
        "--text", help="Words that must all appear in the evidence sentences.", rich_help_panel=_FILTERS
    ),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", min=0, help="At most this many events.", rich_help_panel=_FILTERS)
]


class PipelineLike(Protocol):
    def run(self, articles: Any) -> Iterator[tuple[Article, list[Event]]]: ...


class FailureLike(Protocol):
    """`eventwire.ingest.IngestFailure`: one input that did not become an article."""

    path: str
    code: str
    message: str


@dataclass(frozen=True)
class Failure:
    """A problem with one input, as reported on stderr and in the ingest summary."""

    path: str
    message: str


def _console(file: TextIO, **kwargs: Any) -> Console:
    # Built per call so CliRunner's swapped streams are picked up. Piped into a file or another
    # program, tables get a wide canvas so a path or a reason is never folded across two lines.
    width = None if file.isatty() else _PIPE_WIDTH
    return Console(file=file, width=width, soft_wrap=True, **kwargs)


_PIPE_WIDTH = 240


def stdout() -> Console:
    return _console(sys.stdout)


def stderr() -> Console:
    return _console(sys.stderr, highlight=False)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Print an EventwireError's message (it already says how to fix it) and exit 2, no traceback."""
    try:
        yield
    except EventwireError as exc:
        stderr().print(f"[red]Error:[/red] {exc}", markup=True)
        raise typer.Exit(EXIT_USAGE) from exc


def make_pipeline(settings: Settings) -> PipelineLike:
    from eventwire.pipeline import Pipeline

    return Pipeline(settings)


def read_inputs(paths: Sequence[str], options: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """(file, Article or IngestFailure) from files, folders and '-' (stdin), via eventwire.ingest."""
    from eventwire.ingest import IngestOptions, read_labelled

    stdin: TextIO | None = sys.stdin if "-" in paths else None
    return iter(read_labelled(list(paths), IngestOptions(**options), stdin=stdin))


def ingest_options(
    *,
    published: dt.date | None,
    text_column: str,
    title_column: str,
    url_column: str,
    published_column: str,
    outlet_column: str,
    max_mb: float | None,
    settings: Settings,
) -> dict[str, Any]:
    if max_mb is None:
        max_mb = settings.max_file_mb
    if max_mb <= 0:
        raise UsageError(f"--max-mb must be positive, got {max_mb}.")
    return {
        "text_column": text_column,
        "title_column": title_column,
        "url_column": url_column,
        "published_column": published_column,
        "outlet_column": outlet_column,
        "max_mb": max_mb,
        "published": published,
    }


def report(failure: Failure) -> None:
    """One line on stderr per failed input; catalogue messages already start with their path."""
    line = failure.message if failure.path in failure.message else f"{failure.path}: {failure.message}"
    print(line, file=sys.stderr)


def as_failure(item: object) -> Failure:
    failure: FailureLike = item  # type: ignore[assignment]
    return Failure(path=str(failure.path), message=str(failure.message))


@functools.cache
def _language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return str(found.name) if found is not None else f"'{code}'"


def non_english(article: Article, source: str | None = None) -> Failure | None:
    """Articles not in English are kept (their record is printed or stored) but reported as E007."""
    if article.language == "en":
        return None
    name = f'article "{article.title}"' if article.title else f"article {article.id[:12]}"
    where = f"{source}: {name}" if source else (article.url or name)
    return Failure(
        path=where, message=Errors.E007.format(path=where, language=_language_name(article.language))
    )


def describe_size(path: Path) -> str:
    size = (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )
    return f"{size / 1_048_576:.1f} MB"
