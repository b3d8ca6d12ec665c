"""The bundled demo corpus: short conflict news articles written by the project, in every input format.

The articles are fictionalised but realistic reporting from a dozen countries and cover the hard
parts of event coding in general forms (claimed and denied perpetrators, conflicting casualty
figures from named sources, figures in words, relative dates, places given only by district or
region, acronyms, coreference, aggregator footers). `make run` ingests this folder; the analyst
coding of every article lives in `tests/fixtures/demo_expected.yaml`, so the corpus doubles as a
guard against tuning the program to the one worked example.

Files in `CORPUS_DIR`:
- `wire.jsonl`: one article per line with `title`, `text`, `url`, `published`, `outlet`;
- `*.txt`: plain text, headline on the first line (one ends with an aggregator footer);
- `*.html`: a saved web page with navigation and footer clutter around the article.
"""

from __future__ import annotations

from pathlib import Path

CORPUS_DIR: Path = Path(__file__).resolve().parent / "corpus"

# The suffixes eventwire's ingest reads; anything else in the folder is not part of the corpus.
CORPUS_SUFFIXES: tuple[str, ...] = (".jsonl", ".txt", ".html")


def corpus_files() -> list[Path]:
    """The corpus files, sorted by name, so runs over the demo are reproducible."""
    return sorted(p for p in CORPUS_DIR.iterdir() if p.is_file() and p.suffix in CORPUS_SUFFIXES)


__all__ = ["CORPUS_DIR", "CORPUS_SUFFIXES", "corpus_files"]
