"""eventwire: news articles in, source-attributed conflict event data out.

>>> import eventwire
>>> result = eventwire.extract("Gunmen killed three police officers in Kano on Monday, police said.")
>>> [e.type for e in result.events]
['ASSAULT']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.record import Article, Event, Extraction, json_schema

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline, extract

__version__ = "0.1.0"

__all__ = ["Article", "Event", "Extraction", "Pipeline", "__version__", "extract", "json_schema"]


def __getattr__(name: str) -> Any:
    # The pipeline imports spaCy (a second or more); `eventwire schema` and the record models don't need it.
    if name in {"Pipeline", "extract"}:
        from eventwire import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
