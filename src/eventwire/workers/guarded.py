"""Extraction that survives a bad article: one failure is named, the rest of the chunk is coded.

Shared by the worker processes of `ingest --workers N` and by the Spark executors, so both report a
failing article the same way and both code every other article exactly as one process would.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from eventwire.errors import Errors
from eventwire.record import Article, Event


class PipelineLike(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass(frozen=True)
class ArticleFailure:
    """An article that was read but could not be coded; nothing of it is stored, so a re-run retries it."""

    article: Article
    message: str  # a catalogued message (E090, E091) naming the article, the cause and what to do


Outcome = tuple[Article, list[Event]] | ArticleFailure


def chunked(articles: Iterable[Article], size: int, max_chars: int) -> Iterator[list[Article]]:
    """Lists of at most `size` articles and (unless one article alone is longer) `max_chars` characters."""
    chunk: list[Article] = []
    chars = 0
    for article in articles:
        chunk.append(article)
        chars += len(article.text)
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def describe(article: Article) -> str:
    """How messages name an article: its id, and its headline or URL when it has one."""
    name = article.title or article.url
    return f"{article.id[:12]} ({name[:80]})" if name else article.id[:12]


def extract_guarded(pipeline: PipelineLike, articles: Sequence[Article]) -> list[Outcome]:
    """Each article with its events, in order; an article whose extraction raises becomes a failure.

    The chunk goes through the pipeline in one call (spaCy batches its texts). Only when that call
    raises is each article run alone, so the one that fails is named and the others still coded:
    the pipeline's output for an article does not depend on its neighbours in a batch.
    """
    try:
        return list(pipeline.run(articles))
    except Exception:
        if len(articles) == 1:
            return [_failure(articles[0])]
    outcomes: list[Outcome] = []
    for article in articles:
        try:
            outcomes.extend(pipeline.run([article]))
        except Exception:
            outcomes.append(_failure(article))
    return outcomes


class _InputError(Exception):
    """An error of the input iterator, carried through the pipeline untouched (its __cause__)."""


def extract_streaming(pipeline: PipelineLike, articles: Iterable[Article]) -> Iterator[Outcome]:
    """`extract_guarded` for one process, over a stream: each article's events as soon as the pipeline
    gives them (it batches as it likes), and when the pipeline raises, the articles it held are
    re-run one by one so that only the failing one is lost; then the stream goes on.
    """
    source = iter(articles)
    held: deque[Article] = deque()  # handed to the pipeline, events not yet back

    def feed() -> Iterator[Article]:
        while True:
            try:
                article = next(source)
            except StopIteration:
                return
            except Exception as exc:
                raise _InputError() from exc
            held.append(article)
            yield article

    while True:
        try:
            for article, events in pipeline.run(feed()):
                held.popleft()
                yield article, events
            return
        except _InputError as exc:
            raise exc.__cause__ from None  # type: ignore[misc]
        except Exception:
            failed = list(held)
            held.clear()
            yield from extract_guarded(pipeline, failed)


def _failure(article: Article) -> ArticleFailure:
    # Called inside `except`: the last frame of the traceback says where the pipeline broke.
    lines = traceback.format_exc().strip().splitlines()
    detail = lines[-1] if lines else "unknown error"
    where = next((line.strip() for line in reversed(lines) if line.strip().startswith("File ")), "")
    message = Errors.E091.format(article=describe(article), detail=detail, where=where or "unknown place")
    return ArticleFailure(article, message)
