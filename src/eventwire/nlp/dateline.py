"""The dateline that opens a wire story: "MAIDUGURI, Nigeria (Reuters) - ", "KABUL -"."""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][\w.'\- ]{1,40})?\s*(?:\([^)]{1,40}\))?\s*[-–—:]\s+"
)


def dateline_end(text: str) -> int:
    """Where the dateline at the start of `text` ends (0 when there is none). Its place is where the
    story was filed, not an actor of the story and not where its events happened."""
    match = _DATELINE.match(text)
    return match.end() if match else 0
