"""What `eventwire spark extract --input` reads, and how each executor turns it into articles.

Three kinds of input, read with the same readers as `eventwire ingest`, so the same input gives the
same articles, ids and error messages:
- files: a folder (or one file) of .txt, .html, .jsonl, .csv, feeds... The driver lists it as
  ingest walks it; executors read each file by its path, so on a cluster the folder must be on a
  file system every executor sees (NFS, a shared mount). For HDFS or S3, use JSON Lines or Parquet.
- jsonl: one JSON Lines file, split by Spark across executors (any Hadoop file system).
- parquet: a Parquet file or folder with the same columns as JSON Lines (text, title, url,
  published, outlet, or the names given with --text-column and the like).

Every item carries (source_index, item_index): its place in the order ingest reads the input, so
`store import` can store articles in the order a single-machine run stores them.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import Errors, IngestError, UsageError
from eventwire.ingest import IngestFailure, IngestOptions, read_labelled
from eventwire.ingest.decode import western_text
from eventwire.ingest.options import ingest_error
from eventwire.ingest.readers import READERS
from eventwire.ingest.tabular import record_article
from eventwire.record import Article

InputKind = Literal["auto", "files", "jsonl", "parquet"]


@dataclass(frozen=True)
class Item:
    """One article read on an executor, or the failure that took its place, with its input order."""

    source_index: int
    item_index: int
    source: str
    article: Article | None = None
    failure: str | None = None  # the catalogued message


@dataclass(frozen=True)
class InputPlan:
    kind: Literal["files", "jsonl", "parquet"]
    path: str
    files: tuple[tuple[str, str], ...] = ()  # kind "files": (absolute path, label), in ingest's order


def plan_input(path: str, kind: InputKind = "auto") -> InputPlan:
    """How to read `path`: a folder is files (or Parquet when it holds .parquet files), a file by suffix.

    Paths with a scheme (hdfs://, s3a://) are left to Spark: jsonl or parquet, by suffix or `kind`.
    """
    chosen: Literal["files", "jsonl", "parquet"]
    if "://" in path and not path.startswith("file://"):
        if kind == "files":
            raise UsageError(Errors.E095.format(path=path) + " Folders of files must be on a local path.")
        chosen = kind if kind != "auto" else "parquet" if ".parquet" in path else "jsonl"
        return InputPlan(chosen, path)
    local = Path(path.removeprefix("file://"))
    if not local.exists():
        raise UsageError(Errors.E095.format(path=path))
    suffix = local.suffix.lower()
    if kind != "auto":
        chosen = kind
    elif local.is_dir():
        chosen = "parquet" if any(local.rglob("*.parquet")) else "files"
    else:
        chosen = "parquet" if suffix == ".parquet" else "jsonl" if suffix == ".jsonl" else "files"
    if chosen == "files":
        labels = [str(f) for f in list_files(local)] if local.is_dir() else [str(local)]
        # Executors do not share the driver's working directory: they open each file by its absolute
        # path, and messages name it as `eventwire ingest` would (the label).
        return InputPlan("files", path, tuple((os.path.abspath(label), label) for label in labels))
    if chosen == "jsonl" and local.is_dir():
        raise UsageError(Errors.E095.format(path=path) + " --format jsonl reads one file; a folder is files.")
    return InputPlan(chosen, str(local.resolve()) if chosen == "parquet" else path)


def list_files(folder: Path) -> Iterator[Path]:
    """The files `eventwire ingest FOLDER` reads, in its order: depth first by name, hidden skipped."""
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from list_files(Path(entry.path))
        elif Path(entry.name).suffix.lower() in READERS and entry.is_file():
            yield Path(entry.path)


# --- on executors ------------------------------------------------------------------------------


def read_files(indexed: Iterable[tuple[int, tuple[str, str]]], options: IngestOptions) -> Iterator[Item]:
    """(index, (absolute path, label)) -> the items of each file, read exactly as ingest reads them."""
    for source_index, (absolute, label) in indexed:
        for item_index, (source, item) in enumerate(read_labelled([absolute], options)):
            if isinstance(item, IngestFailure) and absolute != label:
                item = IngestFailure(
                    item.path.replace(absolute, label), item.code, item.message.replace(absolute, label)
                )
            yield _item(source_index, item_index, source.replace(absolute, label), item)


def read_jsonl_lines(
    numbered: Iterable[tuple[bytes, int]], path: str, options: IngestOptions
) -> Iterator[Item]:
    """(raw line, index from 0) pairs of one JSON Lines file -> items, as ingest reads each line."""
    for raw, index in numbered:
        label = f"{path}:line {index + 1}"
        if index == 0 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            line: str | None = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = western_text(raw)
        if line is None:
            yield _failure(
                index, label, ingest_error(Errors.E003, label, detail="no encoding fits this line")
            )
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} (column {exc.colno})"
            yield _failure(index, label, ingest_error(Errors.E005, label, fmt="JSON Lines", detail=detail))
            continue
        yield _record(index, label, record, options)


def read_parquet_rows(
    numbered: Iterable[tuple[Any, int]], path: str, options: IngestOptions
) -> Iterator[Item]:
    """(Spark Row, index from 0) pairs -> items; columns are matched like JSON Lines fields."""
    for row, index in numbered:
        yield _record(index, f"{path}:row {index + 1}", row.asDict(recursive=True), options)


def _record(index: int, label: str, record: Any, options: IngestOptions) -> Item:
    if not isinstance(record, Mapping):
        detail = f"expected an object, found {type(record).__name__}"
        return _failure(index, label, ingest_error(Errors.E005, label, fmt="JSON", detail=detail))
    try:
        return Item(0, index, label, article=record_article(record, label, options))
    except IngestError as exc:
        return _failure(index, label, exc)


def _failure(index: int, label: str, error: IngestError) -> Item:
    return Item(0, index, label, failure=str(error))


def _item(source_index: int, item_index: int, label: str, item: Article | IngestFailure) -> Item:
    if isinstance(item, Article):
        return Item(source_index, item_index, label, article=item)
    return Item(source_index, item_index, item.path, failure=item.message)
