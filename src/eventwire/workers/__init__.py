"""Coding articles on every core of one machine: a pool of worker processes (`ingest --workers N`).

Workers extract; the caller's process stores (one writer, see store/eventstore.py).
"""

from __future__ import annotations

from eventwire.workers.guarded import ArticleFailure, Outcome, describe, extract_guarded
from eventwire.workers.pool import PoolStats, WorkerPool
from eventwire.workers.stream import POOL_MIN_ARTICLES, available_cores, extract_stream, plan_workers

__all__ = [
    "POOL_MIN_ARTICLES",
    "ArticleFailure",
    "Outcome",
    "PoolStats",
    "WorkerPool",
    "available_cores",
    "describe",
    "extract_guarded",
    "extract_stream",
    "plan_workers",
]
