"""Ingest and clean: files, folders, feeds and stdin in; cleaned `Article` records out.

The first stage of the pipeline. Everything after it works on `Article.text`, so all cleaning
happens here, once, and every offset later stages produce points into that text.
"""

from __future__ import annotations

from eventwire.ingest.article import make_article
from eventwire.ingest.clean import CleanResult, clean_text
from eventwire.ingest.ids import article_id
from eventwire.ingest.language import detect_language
from eventwire.ingest.options import IngestFailure, IngestOptions
from eventwire.ingest.readers import read_inputs, read_labelled

__all__ = [
    "CleanResult",
    "IngestFailure",
    "IngestOptions",
    "article_id",
    "clean_text",
    "detect_language",
    "make_article",
    "read_inputs",
    "read_labelled",
]
