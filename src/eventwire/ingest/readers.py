"""`read_inputs`: files, folders and stdin in, articles and failures out, never an exception.

Every input is one of: a single-article file (.txt, .html/.htm), a record file (.json, .jsonl, .csv)
or a feed (.xml, .rss, .atom). Folders are walked recursively in sorted order, skipping hidden
entries and files of other types; `-` is stdin, its format sniffed from its first character.
A bad input becomes an `IngestFailure` with a catalogued code, and the batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from eventwire.errors import Errors, IngestError
from eventwire.fetch.urls import looks_like_url
from eventwire.ingest.article import build_article
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import feed_items, looks_like_feed
from eventwire.ingest.html import article_from_html, decode_html
from eventwire.ingest.options import IngestFailure, IngestOptions, ingest_error
from eventwire.ingest.tabular import json_items, read_csv, read_json, read_jsonl
from eventwire.record import Article

Item = Article | IngestFailure
Reader = Callable[[Path, str, IngestOptions], Iterator[Item]]
STDIN = "-"
STDIN_LABEL = "<stdin>"


def _read_text(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    text = decode(_read_single(path, label, options), label)
    yield _text_article(text, label, options)


def _read_html(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    page = decode_html(_read_single(path, label, options), label)
    yield article_from_html(page, label, options.published)


def _read_feed(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    data = path.read_bytes()
    if not data.strip():
        raise ingest_error(Errors.E001, label)
    yield from feed_items(data, label, options)


READERS: dict[str, Reader] = {
    ".txt": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".xml": _read_feed,
    ".rss": _read_feed,
    ".atom": _read_feed,
}


def read_inputs(
    paths: Sequence[str | Path], options: IngestOptions = IngestOptions(), stdin: TextIO | None = None
) -> Iterator[Article | IngestFailure]:
    """Articles from every path, in order, with a failure in place of each input that could not be read.

    Dates: each record's or page's own date is parsed (ISO dates and datetimes, RFC 2822, "21 June
    2018"); `options.published` fills in where there is none. An unreadable or impossible date
    (2018-02-30) leaves `published` None (or the default) and the article is kept.
    """
    for _, item in read_labelled(paths, options, stdin):
        yield item


def read_labelled(
    paths: Sequence[str | Path], options: IngestOptions = IngestOptions(), stdin: TextIO | None = None
) -> Iterator[tuple[str, Article | IngestFailure]]:
    """`read_inputs`, with the file (or '<stdin>') each item came from, so a caller can name it later."""
    for entry in paths:
        label = str(entry)
        if label == STDIN:
            for item in _guarded(lambda: _read_stdin(stdin or sys.stdin, options), STDIN_LABEL):
                yield STDIN_LABEL, item
            continue
        if isinstance(entry, str) and looks_like_url(entry):
            from eventwire.fetch.pages import read_url  # httpx loads only when a URL is given

            for item in _guarded(partial(read_url, label, options), label):
                yield label, item
            continue
        path = Path(entry)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield label, _failure(Errors.E010, label, detail=exc.strerror or exc)
            continue
        if not exists:
            yield label, _failure(Errors.E008, label)
        elif is_dir:
            for file in _walk(path):
                for item in _read_file(file, str(file), options):
                    yield str(file), item
        elif path.suffix.lower() not in READERS:
            yield label, _failure(Errors.E009, label, suffix=path.suffix or "(none)")
        else:
            for item in _read_file(path, label, options):
                yield label, item


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files under `folder`, depth first in name order, without hidden entries or symlinked dirs."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in READERS and entry.is_file():
            yield Path(entry.path)


def _read_file(path: Path, label: str, options: IngestOptions) -> Iterator[Item]:
    reader = READERS[path.suffix.lower()]
    yield from _guarded(lambda: reader(path, label, options), label)


def _guarded(make: Callable[[], Iterator[Item]], label: str) -> Iterator[Item]:
    """Run one input's reader; whatever goes wrong becomes a failure naming the input."""
    try:
        yield from make()
    except IngestError as exc:
        yield IngestFailure.from_error(exc, exc.path or label)
    except UnicodeDecodeError as exc:
        yield _failure(Errors.E003, label, detail=exc.reason)
    except OSError as exc:
        yield _failure(Errors.E010, label, detail=exc.strerror or exc)
    except Exception as exc:
        # A reader bug must not end a batch of thousands of files; the failure names it for a report.
        detail = f"unexpected {exc.__class__.__name__}: {exc}"
        yield _failure(Errors.E010, label, detail=detail)


def _failure(template: Errors, label: str, **fields: object) -> IngestFailure:
    return IngestFailure.from_error(ingest_error(template, label, **fields))


def _read_single(path: Path, label: str, options: IngestOptions) -> bytes:
    """The bytes of a one-article file, refused before reading when empty (E001) or too large (E004)."""
    size = path.stat().st_size
    if size == 0:
        raise ingest_error(Errors.E001, label)
    if size > options.max_mb * 2**20:
        raise ingest_error(Errors.E004, label, size_mb=size / 2**20, limit_mb=options.max_mb)
    data = path.read_bytes()
    if not data.strip():
        raise ingest_error(Errors.E001, label)
    return data


def _text_article(text: str, label: str, options: IngestOptions) -> Article:
    if not text.strip():
        raise ingest_error(Errors.E001, label)
    return build_article(text, published=options.published, title_from_first_line=True, source=label)


def _read_stdin(stream: TextIO, options: IngestOptions) -> Iterator[Item]:
    """stdin: '<' starts HTML or a feed, '{' or '[' JSON or JSONL, anything else plain text."""
    text = _stdin_text(stream)
    size_mb = len(text.encode("utf-8", "replace")) / 2**20
    if size_mb > options.max_mb:
        raise ingest_error(Errors.E004, STDIN_LABEL, size_mb=size_mb, limit_mb=options.max_mb)
    head = text.lstrip("\ufeff \t\r\n")
    if not head:
        raise ingest_error(Errors.E001, STDIN_LABEL)
    if head.startswith("<"):
        if looks_like_feed(head):
            yield from feed_items(head, STDIN_LABEL, options)
        else:
            yield article_from_html(head, STDIN_LABEL, options.published)
    elif head[0] in "{[":
        yield from json_items(head, STDIN_LABEL, options)
    else:
        yield _text_article(text, STDIN_LABEL, options)


def _stdin_text(stream: TextIO) -> str:
    """stdin decoded like a file: binary refused (E002), encodings found or refused (E003).

    Python's own decoding of stdin turns bytes that are not UTF-8 into lone surrogates (its
    'surrogateescape' handler in C and POSIX locales), which no later stage can encode; so the raw
    bytes are read when the stream has them, or recovered from the surrogates when it does not.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return decode(buffer.read(), STDIN_LABEL)
    text: str | bytes = stream.read()
    if isinstance(text, bytes):
        return decode(text, STDIN_LABEL)
    try:
        return decode(text.encode("utf-8", "surrogateescape"), STDIN_LABEL)
    except UnicodeEncodeError:
        return text  # surrogates that stand for no byte: normalise() replaces them
