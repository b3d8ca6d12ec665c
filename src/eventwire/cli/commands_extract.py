"""`eventwire schema` and `eventwire extract`: articles in, events out on stdout, no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

import typer

from eventwire.cli import _common
from eventwire.cli._common import (
    EXIT_FAILURES,
    Failure,
    MaxMbOpt,
    OutletColumnOpt,
    PathsArg,
    PublishedColumnOpt,
    PublishedOpt,
    TextColumnOpt,
    TitleColumnOpt,
    UrlColumnOpt,
)
from eventwire.cli.render import events_table, write_jsonl
from eventwire.record import Article, Event, Extraction, json_schema
from eventwire.settings import Settings
from eventwire.store.query import parse_date

SCHEMA_EXAMPLE = "Example: eventwire schema > eventwire.schema.json"
EXTRACT_EXAMPLE = "Example: eventwire extract news/ --published 2021-03-04 --format table"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def schema() -> None:
    """Print the JSON Schema of the extraction document (articles and events)."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def extract(
    paths: PathsArg,
    published: PublishedOpt = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: one document; jsonl: an event a line.")
    ] = ExtractFormat.json,
    text_column: TextColumnOpt = "text",
    title_column: TitleColumnOpt = "title",
    url_column: UrlColumnOpt = "url",
    published_column: PublishedColumnOpt = "published",
    outlet_column: OutletColumnOpt = "outlet",
    max_mb: MaxMbOpt = None,
) -> None:
    """Extract events from articles and print them; nothing is stored.

    Unreadable inputs and non-English articles are reported on stderr (exit code 1).
    """
    failures: list[Failure] = []
    sources: dict[str, str] = {}  # article id -> the file it came from, to name it in messages
    with _common.friendly_errors():
        settings = Settings.from_env()
        options = _common.ingest_options(
            published=parse_date(published),
            text_column=text_column,
            title_column=title_column,
            url_column=url_column,
            published_column=published_column,
            outlet_column=outlet_column,
            max_mb=max_mb,
            settings=settings,
        )
        inputs = _common.read_inputs(paths, options)

        def articles() -> Iterator[Article]:
            for source, item in inputs:
                if isinstance(item, Article):
                    sources[item.id] = source
                    yield item
                else:
                    failures.append(_common.as_failure(item))
                    _common.report(failures[-1])

        seen: list[Article] = []
        found: list[Event] = []
        for article, events in _common.make_pipeline(settings).run(articles()):
            foreign = _common.non_english(article, sources.get(article.id))
            if foreign is not None:
                failures.append(foreign)
                _common.report(foreign)
            if fmt is ExtractFormat.jsonl:
                write_jsonl(events)  # streamed: a long batch shows results as it goes
            seen.append(article)
            found.extend(events)
    if fmt is ExtractFormat.json:
        document = Extraction(articles=seen, events=found).model_dump(mode="json")
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif fmt is ExtractFormat.table:
        _common.stdout().print(events_table(found))
    if failures:
        raise typer.Exit(EXIT_FAILURES)
