"""eventwire: news articles in, source-attributed conflict event data out."""

from __future__ import annotations

from eventwire.record import Article, Event, Extraction

__version__ = "0.1.0"

__all__ = ["Article", "Event", "Extraction", "__version__"]
