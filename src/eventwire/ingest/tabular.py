"""Many articles per file: JSON arrays, JSON Lines and CSV, one article per record.

JSONL and CSV are streamed record by record, so a file of any size goes through in constant memory;
only each record's text is held to `max_mb`. A bad record is reported as a failure that names its
line (JSONL), item (JSON) or row (CSV; the header is row 1) and the rest of the file goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import Errors, IngestError, SetupError
from eventwire.ingest.article import build_article
from eventwire.ingest.decode import bom_encoding, check_binary, decode, western_text
from eventwire.ingest.html import fragment_to_text, looks_like_html
from eventwire.ingest.options import IngestFailure, IngestOptions, ingest_error
from eventwire.ingest.published import parse_published
from eventwire.record import Article

_HEAD = 65536
_FIELDS = ("text", "title", "url", "published", "outlet")
_DEFAULTS = IngestOptions()
_DELIMITERS = (",", ";", "\t", "|")
_CSV_FIELD_CAP = 2**31 - 1

Item = Article | IngestFailure


@cache
def column_aliases() -> dict[str, tuple[str, ...]]:
    """Other tools' names for each field (data/columns.yaml), tried when an option is left at its default."""
    raw: Any = yaml.safe_load(
        resources.files("eventwire.ingest.data").joinpath("columns.yaml").read_text("utf-8")
    )
    if not isinstance(raw, dict) or set(raw) != set(_FIELDS):
        raise SetupError(Errors.E030.format(path="ingest/data/columns.yaml", detail=f"needs keys {_FIELDS}"))
    return {field: tuple(str(name).lower() for name in raw[field]) for field in _FIELDS}


def resolve_column(names: Iterable[str], field: str, options: IngestOptions) -> str | None:
    """Which of a record's keys holds `field` (e.g. 'text'), or None."""
    chosen = str(getattr(options, f"{field}_column"))
    by_lower = {name.strip().lower(): name for name in names}
    if chosen in by_lower.values():
        return chosen
    if chosen != getattr(_DEFAULTS, f"{field}_column"):
        return by_lower.get(chosen.lower())
    for alias in column_aliases()[field]:
        if alias in by_lower:
            return by_lower[alias]
    return None


def record_article(record: Mapping[str, Any], source: str, options: IngestOptions) -> Article:
    """The article in one JSON object or CSV row; raises `IngestError` (E004, E006) for a bad one."""
    key = resolve_column(record, "text", options)
    value = record.get(key) if key is not None else None
    if value is None:
        fields = ", ".join(list(record)[:12]) or "none"
        detail = f"no '{options.text_column}' field (fields: {fields})"
        raise ingest_error(Errors.E006, source, detail=detail)
    if not isinstance(value, str):
        detail = f"'{key}' holds {type(value).__name__}, not text"
        raise ingest_error(Errors.E006, source, detail=detail)
    size_mb = len(value.encode("utf-8", "replace")) / 2**20
    if size_mb > options.max_mb:
        raise ingest_error(Errors.E004, source, size_mb=size_mb, limit_mb=options.max_mb)
    if looks_like_html(value):
        value = fragment_to_text(value)
    published = parse_published(_value(record, "published", options))
    return build_article(
        value,
        title=_text(_value(record, "title", options)),
        url=_text(_value(record, "url", options)),
        outlet=_text(_value(record, "outlet", options)),
        published=published or options.published,
        source=source,
    )


def _value(record: Mapping[str, Any], field: str, options: IngestOptions) -> Any:
    key = resolve_column(record, field, options)
    return record.get(key) if key is not None else None


def _text(value: Any) -> str | None:
    if isinstance(value, Mapping):
        # NewsAPI-style {"source": {"id": ..., "name": "..."}}.
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _records(items: Iterable[tuple[str, Any]], options: IngestOptions) -> Iterator[Item]:
    for source, record in items:
        if not isinstance(record, Mapping):
            detail = f"expected an object, found {type(record).__name__}"
            yield IngestFailure.from_error(ingest_error(Errors.E005, source, fmt="JSON", detail=detail))
            continue
        try:
            yield record_article(record, source, options)
        except IngestError as exc:
            yield IngestFailure.from_error(exc)


def read_json(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    """A JSON array of articles, one article object, an object holding such an array, or JSONL misnamed."""
    text = decode(path.read_bytes(), label)
    yield from json_items(text, label, options)


def json_items(text: str, label: str, options: IngestOptions) -> Iterator[Item]:
    """The articles of a JSON document held in memory (files and stdin)."""
    if not text.strip():
        raise ingest_error(Errors.E001, label)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _jsonl(enumerate(io.StringIO(text, newline=""), 1), label, options)
            return
        detail = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise ingest_error(Errors.E005, label, fmt="JSON", detail=detail) from exc
    if isinstance(doc, Mapping) and resolve_column(doc, "text", options) is None:
        # {"articles": [...]} as NewsAPI and `eventwire extract --format json` write it.
        doc = next((v for v in doc.values() if isinstance(v, list) and v and isinstance(v[0], Mapping)), doc)
    if isinstance(doc, list):
        yield from _records(((f"{label}:item {i}", item) for i, item in enumerate(doc, 1)), options)
    else:
        yield from _records([(label, doc)], options)


def read_jsonl(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    """One JSON object per line, streamed; blank lines are skipped."""
    yield from _jsonl(numbered_lines(path, label), label, options)


def _jsonl(lines: Iterable[tuple[int, str | None]], label: str, options: IngestOptions) -> Iterator[Item]:
    seen = False
    for number, line in lines:
        source = f"{label}:line {number}"
        if line is None:
            seen = True
            yield IngestFailure.from_error(
                ingest_error(Errors.E003, source, detail="no encoding fits this line")
            )
            continue
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} (column {exc.colno})"
            yield IngestFailure.from_error(ingest_error(Errors.E005, source, fmt="JSON Lines", detail=detail))
            continue
        yield from _records([(source, record)], options)
    if not seen:
        raise ingest_error(Errors.E001, label)


def numbered_lines(path: Path, label: str) -> Iterator[tuple[int, str | None]]:
    """The lines of a record file, numbered from 1, line ends kept; None for a line no encoding fits.

    Lines are decoded one by one (UTF-8, else Windows-1252 when it reads as Western text), so one
    badly encoded record in a concatenated scrape costs that record, not the rest of the file.
    UTF-16 and UTF-32 files (with a byte-order mark) are decoded as a stream.
    """
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
        if not head.strip():
            raise ingest_error(Errors.E001, label)
        check_binary(head, label)
        encoding = bom_encoding(head)
        handle.seek(0)
        if encoding in ("utf-16", "utf-32"):
            stream = io.TextIOWrapper(handle, encoding=encoding, newline="")
            number = 0  # reported when decoding fails on the line after it
            try:
                for number, line in enumerate(stream, 1):
                    yield number, line
            except UnicodeDecodeError as exc:
                raise ingest_error(Errors.E003, f"{label}:line {number + 1}", detail=exc.reason) from exc
            return
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError as exc:
            if western_text(head) is None:
                detail = f"invalid UTF-8 byte 0x{head[exc.start]:02x} at offset {exc.start}"
                raise ingest_error(Errors.E003, label, detail=detail) from exc
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, western_text(raw)


def read_csv(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    """CSV with a header row; the delimiter (, ; tab |) is the one the header uses most."""
    limit = min(_CSV_FIELD_CAP, int(options.max_mb * 4 * 2**20) + 1)
    if csv.field_size_limit() < limit:
        # One article per field: the default 128 KB limit is smaller than many long articles.
        csv.field_size_limit(limit)
    numbered = numbered_lines(path, label)
    first = next(numbered, None)
    header_line = first[1] if first is not None else None
    delimiter = max(_DELIMITERS, key=header_line.count) if header_line else ","

    def lines() -> Iterator[str]:
        for number, line in itertools.chain([first] if first else [], numbered):
            if line is None:
                # The csv reader cannot skip part of a record: the rest of the file is unreliable.
                raise ingest_error(Errors.E003, f"{label}:line {number}", detail="no encoding fits this line")
            yield line

    reader = csv.reader(lines(), delimiter=delimiter, strict=True)
    yield from _csv_rows(reader, label, options)


def _csv_rows(reader: Iterator[list[str]], label: str, options: IngestOptions) -> Iterator[Item]:
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ingest_error(Errors.E001, label) from None
    except csv.Error as exc:
        raise ingest_error(Errors.E005, label, fmt="CSV", detail=f"header: {exc}") from exc
    if resolve_column(header, "text", options) is None:
        detail = f"no column '{options.text_column}' (columns: {', '.join(header)})"
        raise ingest_error(Errors.E006, label, detail=detail)
    row_number = 1
    while True:
        row_number += 1
        source = f"{label}:row {row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestFailure.from_error(ingest_error(Errors.E005, source, fmt="CSV", detail=str(exc)))
            if "field larger than field limit" in str(exc):
                return  # the reader is now inside the huge field: nothing after it can be trusted
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            detail = f"{len(row)} fields, the header has {len(header)}"
            yield IngestFailure.from_error(ingest_error(Errors.E005, source, fmt="CSV", detail=detail))
            continue
        try:
            yield record_article(dict(zip(header, row, strict=False)), source, options)
        except IngestError as exc:
            yield IngestFailure.from_error(exc)
