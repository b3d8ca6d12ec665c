"""What the caller tells ingest (options) and what ingest tells the caller about bad input (failures)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventwire.errors import Errors, IngestError


@dataclass(frozen=True)
class IngestOptions:
    """How to read inputs. Column names apply to CSV, JSON and JSONL records."""

    text_column: str = "text"
    title_column: str = "title"
    url_column: str = "url"
    published_column: str = "published"
    outlet_column: str = "outlet"
    max_mb: float = 10.0  # limit for single-article files (.txt/.html) and for any one record's text
    published: dt.date | None = None  # default publication date for articles that carry none


@dataclass(frozen=True)
class IngestFailure:
    """One input that could not become an article; the batch goes on without it."""

    path: str  # file name, or "file.csv:row 7" / "file.jsonl:line 3" for one bad record
    code: str  # "E001" ...
    message: str  # the full catalogued message from errors.Errors

    @classmethod
    def from_error(cls, error: IngestError, path: str | None = None) -> IngestFailure:
        return cls(path=path or error.path, code=error.code, message=str(error))


def ingest_error(template: Errors, source: str, **fields: object) -> IngestError:
    """The catalogued `template` filled in for one input (a file, or "file.csv:row 7")."""
    return IngestError(template.format(path=source, **fields), path=source)
