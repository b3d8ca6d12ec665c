"""The body of one worker process: build the pipeline once, then code the chunks the parent sends.

Messages go over two one-way pipes. Tasks come in on one, drained by a thread into a local queue,
so the parent can hand a worker its next chunk while the worker is busy (the parent never blocks on
a full pipe). Results go back on the other. When the parent goes away (ends, is killed), the task
pipe reaches end-of-file or the result pipe breaks, and the worker exits by itself.
"""

from __future__ import annotations

import os
import queue
import resource
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from eventwire.errors import EventwireError
from eventwire.record import Article, Event
from eventwire.settings import Settings
from eventwire.workers.guarded import ArticleFailure, PipelineLike, extract_guarded

READY, RESULT, ERROR = "ready", "result", "error"

# One article's result on the wire: its events, or the failure message (the parent has the article).
WireOutcome = list[Event] | str
PipelineFactory = Callable[[Settings], PipelineLike]


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serve(tasks: Connection, results: Connection, factory: PipelineFactory, settings: Settings) -> None:
    """Entry point of a worker process (multiprocessing target; must stay importable by name)."""
    # Ctrl-C in a terminal signals the whole process group. The parent decides what to do and ends
    # the workers itself; a worker that died of the signal would be taken for a crash on an article.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pipeline = factory(settings)
        warm_up = getattr(pipeline, "warm_up", None)
        if callable(warm_up):
            warm_up()
    except BaseException as exc:
        detail = str(exc) if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"
        _send(results, (ERROR, detail))
        return
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_drain, args=(tasks, inbox), daemon=True).start()
    if not _send(results, (READY, os.getpid(), peak_rss_mb())):
        return
    while True:
        task = inbox.get()
        if task is None:
            return
        task_id, articles = task
        outcomes = extract_guarded(pipeline, articles)
        if not _send(results, (RESULT, task_id, [_wire(o) for o in outcomes], peak_rss_mb())):
            return


def _wire(outcome: tuple[Article, list[Event]] | ArticleFailure) -> WireOutcome:
    return outcome.message if isinstance(outcome, ArticleFailure) else outcome[1]


def _drain(tasks: Connection, inbox: queue.SimpleQueue[Any]) -> None:
    try:
        while True:
            task = tasks.recv()
            inbox.put(task)
            if task is None:
                return
    except (EOFError, OSError):
        inbox.put(None)  # the parent has gone: finish nothing more


def _send(results: Connection, message: tuple[Any, ...]) -> bool:
    try:
        results.send(message)
    except (BrokenPipeError, EOFError, OSError):
        return False
    return True
