"""Long texts go through spaCy in pieces (its max_length is 1,000,000 characters): never dropped."""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+")


def split_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Pieces of `text` of at most `max_chars`, each with its offset; cut at paragraph, then sentence,
    then whitespace boundaries so no sentence is split when it can be helped."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            end = _cut_point(text, start, end)
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _cut_point(text: str, start: int, end: int) -> int:
    window = text[start:end]
    floor = len(window) // 2  # never cut so early that pieces become tiny
    for pattern in (_PARAGRAPH, _SENTENCE_END):
        last = None
        for match in pattern.finditer(window):
            if match.end() > floor:
                last = match.end()
        if last is not None:
            return start + last
    space = window.rfind(" ", floor)
    return start + space + 1 if space > 0 else end
