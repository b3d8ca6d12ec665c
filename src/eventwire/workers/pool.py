"""WorkerPool: N processes code a stream of articles; the results come back in input order.

Design (the ideas of benchmarks/speed.py, moved into the library):
- spawn, not fork: each worker imports eventwire afresh and builds its own pipeline once (spaCy,
  the knowledge base, the gazetteer), as an executor does on a cluster, and its memory is its own.
- Streaming and bounded: articles are read from the input iterator only as chunks are handed out,
  and at most `window` chunks are read but not yet yielded, whatever the input's size.
- Ordered: chunk k is yielded after chunk k-1, so what the caller stores, and in what order, is the
  same as with one process (a merged event keeps the record written last).
- A worker that dies (a segfault in a native library, the OOM killer) costs the article it was
  coding, not the batch: its chunk is re-run one article at a time on a fresh worker, and the article
  that kills a worker alone is reported (E090). A Python exception on an article is caught inside
  the worker (guarded.py, E091).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from eventwire.errors import Errors, SetupError
from eventwire.record import Article
from eventwire.settings import Settings
from eventwire.workers.guarded import ArticleFailure, Outcome, chunked, describe
from eventwire.workers.process import ERROR, READY, RESULT, PipelineFactory, WireOutcome, serve

CHUNK_ARTICLES = 8  # one spaCy batch of the fast mode (pipeline.BATCH_ARTICLES)
TASKS_PER_WORKER = 2  # the next chunk waits in the worker while it codes this one
WINDOW_PER_WORKER = 4  # chunks read ahead per worker: bounds memory, absorbs a slow chunk
LOAD_TIMEOUT = 600.0  # seconds for a worker to build its pipeline (the gazetteer may be built first)
_GRACE = 2.0  # seconds a worker has to exit after being told to stop


@dataclass
class _Task:
    id: int
    chunk: int  # position of the chunk in the input
    start: int  # first article of the chunk this task codes
    articles: list[Article]
    alone: bool = False  # re-run after a worker died: one article, on a worker with nothing else to do


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection  # parent -> worker
    results: Connection  # worker -> parent
    ready: bool = False
    in_flight: deque[_Task] = field(default_factory=deque)
    spawned_at: float = field(default_factory=time.perf_counter)

    def can_take(self, task: _Task) -> bool:
        if not self.ready or len(self.in_flight) >= TASKS_PER_WORKER:
            return False
        if task.alone or any(t.alone for t in self.in_flight):
            return not self.in_flight
        return True


@dataclass
class PoolStats:
    """What a run cost: for the progress display, the benchmark and the tests."""

    workers: int
    load_seconds: float = 0.0  # from start until the first worker was ready
    started: int = 0  # worker processes started, replacements included
    died: int = 0  # worker processes that ended without being asked to
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)  # by process id


class WorkerPool:
    """`with WorkerPool(factory, settings, 2) as pool: for outcome in pool.run(articles): ...`

    `factory(settings)` builds the pipeline inside each worker; it must be importable by name
    (a module-level function or class) because spawned processes receive it by reference.
    """

    def __init__(
        self,
        factory: PipelineFactory,
        settings: Settings,
        workers: int,
        *,
        chunk_articles: int = CHUNK_ARTICLES,
        load_timeout: float = LOAD_TIMEOUT,
    ) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.factory = factory
        self.settings = settings
        self.size = workers
        self.chunk_articles = max(1, chunk_articles)
        self.load_timeout = load_timeout
        self.window = WINDOW_PER_WORKER * workers
        self.stats = PoolStats(workers=workers)
        self._context = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self._task_ids = 0
        self._started_at = 0.0

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the processes; they load the pipeline in the background while input is read."""
        self._started_at = time.perf_counter()
        while len(self._workers) < self.size:
            self._workers.append(self._spawn())

    def wait_ready(self) -> float:
        """Block until every worker has built its pipeline (benchmarks time loading apart); seconds waited."""
        if not self._workers:
            self.start()
        pending: deque[_Task] = deque()
        while not all(w.ready for w in self._workers):
            self._receive(pending)  # nothing is in flight yet, so only readiness (or a failure) comes back
        return time.perf_counter() - self._started_at

    def _spawn(self) -> _Worker:
        task_out, task_in = self._context.Pipe(duplex=False)  # (receiving end, sending end)
        result_out, result_in = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=serve,
            args=(task_out, result_in, self.factory, self.settings),
            name="eventwire-worker",
            daemon=True,
        )
        process.start()
        task_out.close()  # the worker holds these ends now; closing ours lets each side see the other go
        result_in.close()
        self.stats.started += 1
        return _Worker(process, tasks=task_in, results=result_out)

    def close(self) -> None:
        """Stop every worker: idle ones exit at once, busy ones are terminated (a chunk holds no state)."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.tasks.send(None)
        deadline = time.monotonic() + _GRACE
        for worker in self._workers:
            if not worker.in_flight:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.terminate()
            worker.process.join(_GRACE)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()
        self._workers = []

    # running

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Each article's events (or its failure), in input order, while later chunks are coded."""
        if not self._workers:
            self.start()
        chunks = chunked(articles, self.chunk_articles, self.settings.chunk_chars)
        pending: deque[_Task] = deque()
        slots: dict[int, list[Outcome | None]] = {}  # chunk -> its outcomes, filled as tasks return
        missing: dict[int, int] = {}  # chunk -> outcomes still to come
        read = done = 0  # chunks read from the input / yielded
        exhausted = False
        while True:
            while not exhausted and read - done < self.window and len(pending) < self._capacity():
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                slots[read], missing[read] = [None] * len(chunk), len(chunk)
                pending.append(self._task(read, 0, chunk))
                read += 1
            self._dispatch(pending)
            while done in missing and missing[done] == 0:
                del missing[done]
                yield from (outcome for outcome in slots.pop(done) if outcome is not None)
                done += 1
            if exhausted and not missing:
                return
            for task, outcomes in self._receive(pending):
                for offset, outcome in enumerate(outcomes):
                    slots[task.chunk][task.start + offset] = outcome
                missing[task.chunk] -= len(outcomes)

    def _task(self, chunk: int, start: int, articles: list[Article], alone: bool = False) -> _Task:
        self._task_ids += 1
        return _Task(self._task_ids, chunk, start, articles, alone)

    def _capacity(self) -> int:
        return TASKS_PER_WORKER * len(self._workers)

    def _dispatch(self, pending: deque[_Task]) -> None:
        kept: deque[_Task] = deque()
        while pending:
            task = pending.popleft()
            worker = next((w for w in self._workers if w.can_take(task)), None)
            if worker is None:
                kept.append(task)
                continue
            worker.in_flight.append(task)
            # A worker that died since its last message shows up in _receive; the task is re-run then.
            with contextlib.suppress(OSError):
                worker.tasks.send((task.id, task.articles))
        pending.extend(kept)

    def _receive(self, pending: deque[_Task]) -> list[tuple[_Task, list[Outcome]]]:
        """Block until a worker reports or ends; return the tasks that came back, with their outcomes."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self._workers:
            by_handle[worker.results] = worker
            by_handle[worker.process.sentinel] = worker
        timeout = None if any(w.ready for w in self._workers) else self._load_time_left()
        ready = wait(list(by_handle), timeout=timeout)
        if not ready:
            raise SetupError(
                Errors.E092.format(detail=f"no worker was ready after {self.load_timeout:.0f} s")
            )
        returned: list[tuple[_Task, list[Outcome]]] = []
        ended: list[_Worker] = []
        for handle in ready:
            worker = by_handle[handle]
            if handle is worker.results:
                returned.extend(self._read(worker))
            elif worker not in ended:
                ended.append(worker)
        for worker in ended:
            returned.extend(self._read(worker))  # what it sent before it ended
            returned.extend(self._replace(worker, pending))
        return returned

    def _read(self, worker: _Worker) -> list[tuple[_Task, list[Outcome]]]:
        returned = []
        try:
            while worker.results.poll():
                returned.extend(self._handle(worker, worker.results.recv()))
        except (EOFError, OSError):
            pass  # it ended; its process sentinel is ready too and _replace deals with it
        return returned

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> list[tuple[_Task, list[Outcome]]]:
        kind = message[0]
        if kind == ERROR:
            raise SetupError(Errors.E092.format(detail=message[1]))
        if kind == READY:
            worker.ready = True
            if not self.stats.load_seconds:
                self.stats.load_seconds = time.perf_counter() - self._started_at
            self.stats.worker_peak_rss_mb[message[1]] = message[2]
            return []
        assert kind == RESULT, f"unexpected message from a worker: {kind!r}"
        _, task_id, wire, rss_mb = message
        task = worker.in_flight.popleft()
        assert task.id == task_id, "a worker answered out of order"
        self.stats.worker_peak_rss_mb[worker.process.pid or 0] = rss_mb
        return [(task, [_outcome(a, w) for a, w in zip(task.articles, wire, strict=True)])]

    def _replace(self, worker: _Worker, pending: deque[_Task]) -> list[tuple[_Task, list[Outcome]]]:
        """A worker ended unasked: blame the article it was coding, re-run the rest, start another."""
        worker.process.join()
        self.stats.died += 1
        self._workers.remove(worker)
        worker.tasks.close()
        worker.results.close()
        if not worker.ready:
            raise SetupError(
                Errors.E092.format(detail=f"a worker process {_ending(worker.process)} while loading")
            )
        returned: list[tuple[_Task, list[Outcome]]] = []
        if worker.in_flight:
            culprit, *innocent = worker.in_flight  # a worker codes its tasks in the order it got them
            pending.extendleft(reversed(innocent))
            if len(culprit.articles) == 1:
                article = culprit.articles[0]
                message = Errors.E090.format(article=describe(article), ending=_ending(worker.process))
                returned.append((culprit, [ArticleFailure(article, message)]))
            else:
                pending.extendleft(
                    reversed(
                        [
                            self._task(culprit.chunk, culprit.start + i, [article], alone=True)
                            for i, article in enumerate(culprit.articles)
                        ]
                    )
                )
        self._workers.append(self._spawn())
        return returned

    def _load_time_left(self) -> float:
        """Seconds until the most recently started worker has had `load_timeout` to get ready."""
        latest = max((w.spawned_at for w in self._workers), default=self._started_at)
        return max(0.1, latest + self.load_timeout - time.perf_counter())


def _outcome(article: Article, wire: WireOutcome) -> Outcome:
    return ArticleFailure(article, wire) if isinstance(wire, str) else (article, wire)


def _ending(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"
