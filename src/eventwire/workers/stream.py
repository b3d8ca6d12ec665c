"""How many processes code a stream of articles, and the one call that codes it either way.

`ingest` calls `plan_workers` then `extract_stream`; the benchmark and the tests call them too.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator

from eventwire.record import Article
from eventwire.settings import Settings
from eventwire.workers.guarded import Outcome, extract_streaming
from eventwire.workers.pool import PoolStats, WorkerPool
from eventwire.workers.process import PipelineFactory

# Below this many articles to code, the default is one process. Measured with benchmarks/scale.py on
# the 2-core machine: one process is ready to code after 1.0-1.7 s (L1) and codes 16-17 articles/s;
# two workers load at once and are both ready after 2.4-5.6 s (L2), then code 31 articles/s when the
# cores are idle. The pool is done first from n = (L2 - L1) / (1/16.5 - 1/31), 50 to 140 articles.
POOL_MIN_ARTICLES = 100


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def plan_workers(requested: int | None, articles: Iterable[Article]) -> tuple[int, Iterator[Article]]:
    """(processes, the same articles): `requested`, or every core unless the input is short.

    To tell a short input, up to POOL_MIN_ARTICLES articles are read ahead; they are handed back,
    in order, at the head of the returned iterator.
    """
    stream = iter(articles)
    if requested is not None:
        return max(1, requested), stream
    cores = available_cores()
    if cores == 1:
        return 1, stream
    head = list(itertools.islice(stream, POOL_MIN_ARTICLES))
    workers = cores if len(head) >= POOL_MIN_ARTICLES else 1
    return workers, itertools.chain(head, stream)


def extract_stream(
    articles: Iterable[Article],
    *,
    factory: PipelineFactory,
    settings: Settings,
    workers: int,
    stats: list[PoolStats] | None = None,
) -> Iterator[Outcome]:
    """Every article's events, or its failure, in input order: in this process or in a pool.

    With a pool, `stats` (when given) receives the pool's PoolStats as soon as it starts.
    """
    if workers <= 1:
        yield from extract_streaming(factory(settings), articles)
        return
    with WorkerPool(factory, settings, workers) as pool:
        if stats is not None:
            stats.append(pool.stats)
        yield from pool.run(articles)
