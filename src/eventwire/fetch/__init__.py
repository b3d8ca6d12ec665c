"""Fetching: article URLs and RSS/Atom feeds over http(s) with httpx, and the feed watcher.

Only addresses a user gives are fetched (`eventwire ingest https://…`, `eventwire watch FEED`),
with limits on size, time and redirects (see client.py). `Watcher` is the library object behind
`eventwire watch`, made to run in a thread of a process that owns the store's writer.

Names are imported on first use: the ingest readers import `fetch.urls` to tell URLs from paths,
and that must not load httpx for a run that reads only files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.fetch.client import Fetched, Fetcher, FetchLimits, PageFetcher, Validators
    from eventwire.fetch.durations import parse_duration
    from eventwire.fetch.pages import page_article, read_url
    from eventwire.fetch.state import MemoryWatchState, StoreWatchState, WatchState
    from eventwire.fetch.urls import check_url, looks_like_url
    from eventwire.fetch.watch import FeedPoll, PollResult, Watcher, WatchOptions

_HOMES = {
    "client": ("Fetched", "Fetcher", "FetchLimits", "PageFetcher", "Validators"),
    "durations": ("parse_duration",),
    "pages": ("page_article", "read_url"),
    "state": ("MemoryWatchState", "StoreWatchState", "WatchState"),
    "urls": ("check_url", "looks_like_url"),
    "watch": ("FeedPoll", "PollResult", "Watcher", "WatchOptions"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "FeedPoll",
    "FetchLimits",
    "Fetched",
    "Fetcher",
    "MemoryWatchState",
    "PageFetcher",
    "PollResult",
    "StoreWatchState",
    "Validators",
    "WatchOptions",
    "WatchState",
    "Watcher",
    "check_url",
    "looks_like_url",
    "page_article",
    "parse_duration",
    "read_url",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire.fetch' has no attribute {name!r}")
    return getattr(importlib.import_module(f"eventwire.fetch.{module}"), name)
