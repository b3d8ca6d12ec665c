"""Clean one article's text: normalise it and remove what scrapers and aggregators add to it.

Cleaning happens once, here: every character offset later stages produce points into the text this
returns. The rules are general (patterns in `data/boilerplate.yaml`), never tuned to one site:
- normalise Unicode (NFC), line endings, odd spaces and zero-width characters; decode HTML entities a
  scraper left behind;
- cut a trailing block of related links, recommendations or comments opened by a marker line;
- drop trailing credit lines ("Source: X", "Via X"), keeping the outlet they name;
- drop widget lines (share buttons, "Advertisement", copyright, tags, cookie notices) anywhere;
- rebuild paragraphs: one blank line between paragraphs, hard-wrapped lines joined.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import Errors, SetupError

_DATA = "eventwire.ingest.data"
_FILE = "boilerplate.yaml"
# A trailing block opened by a marker is cut only when it is small next to the body above it; a
# "Related" line in the middle of a long story must not take the second half of the story with it.
_TAIL_SHARE = 0.5
# An outlet named by a credit line is a name, not a sentence.
_OUTLET_MAX_WORDS = 6
_OUTLET_MAX_CHARS = 80
# Hard-wrapped paragraphs (e-mail, wire feeds) have lines of similar, moderate length that mostly end
# mid-sentence; such lines are joined, other multi-line blocks keep one paragraph per line.
_WRAP_MIN_MEAN = 40
_WRAP_MAX_LINE = 120

_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
# Lone UTF-16 surrogates: JSON escapes such as "\ud800" decode to them, and no UTF-8 encoder (the
# content hash, DuckDB) accepts them. Found by tests/test_fuzz_ingest.py.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z][a-zA-Z0-9]{1,9});")
_DECOR = "-–—*_=#•·|~ "
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…", "]")
# After a tail marker: end of line, punctuation glued to it, or a capital glued to it ("RelatedIran").
_MARKER_END = r"(?=\s*$|\s*[^\w\s]|(?-i:[A-Z]))"


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text, the lines removed from it (as written) and the outlet a credit line named."""

    text: str
    removed: list[str] = field(default_factory=list)
    outlet: str | None = None


@dataclass(frozen=True)
class _Rules:
    lines: tuple[tuple[re.Pattern[str], int], ...]
    tail_markers: tuple[re.Pattern[str], ...]
    outlet_lines: tuple[re.Pattern[str], ...]
    max_chars: int


def _invalid(detail: str) -> SetupError:
    return SetupError(Errors.E030.format(path=f"ingest/data/{_FILE}", detail=detail))


def _compile(pattern: str, suffix: str = "") -> re.Pattern[str]:
    try:
        return re.compile(f"(?:{pattern}){suffix}", re.IGNORECASE)
    except re.error as exc:
        raise _invalid(f"pattern {pattern!r}: {exc}") from exc


@cache
def load_rules() -> _Rules:
    """The boilerplate patterns, validated and compiled once per process."""
    raw: Any = yaml.safe_load(resources.files(_DATA).joinpath(_FILE).read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise _invalid("not a mapping")
    default = int(raw.get("max_chars", 160))
    lines: list[tuple[re.Pattern[str], int]] = []
    for entry in raw.get("lines") or ():
        if isinstance(entry, str):
            lines.append((_compile(entry), default))
        elif isinstance(entry, dict) and isinstance(entry.get("pattern"), str):
            lines.append((_compile(entry["pattern"]), int(entry.get("max_chars", default))))
        else:
            raise _invalid(f"lines: {entry!r} is neither a pattern nor a mapping with 'pattern'")
    markers = tuple(_compile(str(p), _MARKER_END) for p in raw.get("tail_markers") or ())
    outlets = tuple(_compile(str(p)) for p in raw.get("outlet_lines") or ())
    if not lines or not markers or not outlets:
        raise _invalid("needs non-empty 'lines', 'tail_markers' and 'outlet_lines'")
    if any("outlet" not in p.groupindex for p in outlets):
        raise _invalid("every outlet_lines pattern needs a named group (?P<outlet>...)")
    return _Rules(tuple(lines), markers, outlets, max(n for _, n in lines))


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so that it can be encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def normalise(text: str) -> str:
    """NFC text with '\\n' line ends, single spaces, no zero-width characters, stripped lines."""
    text = replace_surrogates(text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if _ENTITY.search(text):
        # Scrapers that store HTML-escaped text leave "&#8217;" and "&amp;" in plain-text output.
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def clean_text(text: str) -> CleanResult:
    """Normalise `text` and remove boilerplate lines; see the module docstring for the rules."""
    rules = load_rules()
    lines = normalise(text).split("\n")
    end = _tail_block_start(lines, rules)
    end, outlet = _trailing_credits(lines, end, rules)
    kept: list[str] = []
    removed: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append(line)
        elif i >= end or _is_widget(line, rules):
            removed.append(line)
        else:
            kept.append(line)
    return CleanResult(text=_paragraphs(kept), removed=removed, outlet=outlet)


def is_boilerplate_line(line: str) -> bool:
    """True when the whole (whitespace-collapsed) line is a widget line such as "Advertisement"."""
    return _is_widget(line, load_rules())


def _is_widget(line: str, rules: _Rules) -> bool:
    if len(line) > rules.max_chars:
        return False
    bare = line.strip(_DECOR).rstrip(":").rstrip()
    if not bare:
        # A rule of dashes or stars between sections.
        return len(line) >= 3
    return any(len(bare) <= limit and pattern.fullmatch(bare) for pattern, limit in rules.lines)


def _tail_block_start(lines: list[str], rules: _Rules) -> int:
    """Index of the marker line that opens a trailing block of links or comments (len(lines) if none)."""
    sizes = [len(line) for line in lines]
    total = sum(sizes)
    before = 0
    for i, line in enumerate(lines):
        after = total - before - sizes[i]
        if line and before and after <= _TAIL_SHARE * before:
            bare = line.strip(_DECOR)
            if any(marker.match(bare) for marker in rules.tail_markers):
                return i
        before += sizes[i]
    return len(lines)


def _trailing_credits(lines: list[str], end: int, rules: _Rules) -> tuple[int, str | None]:
    """Move `end` above credit and widget lines at the end; the credit nearest the end names the outlet."""
    outlet: str | None = None
    start = end
    while start > 0:
        line = lines[start - 1]
        if line:
            named = _outlet(line, rules)
            if named is not None:
                outlet = outlet or named
            elif not _is_widget(line, rules):
                break
        start -= 1
    if start == 0:
        # Nothing but credit-like lines: they are the text itself, not credits under a story.
        return end, None
    return start, outlet


def _outlet(line: str, rules: _Rules) -> str | None:
    if len(line) > _OUTLET_MAX_CHARS + 40:
        return None
    for pattern in rules.outlet_lines:
        match = pattern.fullmatch(line.strip(_DECOR))
        if match:
            name = match.group("outlet").strip(" .,;:()[]<>\"'“”")
            short = len(name) <= _OUTLET_MAX_CHARS and len(name.split()) <= _OUTLET_MAX_WORDS
            # "Source: officials said the convoy was hit. It burned." is prose, not a credit.
            if short and ". " not in name and any(ch.isalpha() for ch in name):
                return name
    return None


def _paragraphs(lines: list[str]) -> str:
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block))
            block = []
    return "\n\n".join(paragraphs)


def _unwrap(block: list[str]) -> list[str]:
    if len(block) < 2 or not _hard_wrapped(block):
        return block
    joined = block[0]
    for line in block[1:]:
        # "Iranian-" + "backed": a line-end hyphen before a lower-case letter is part of the word.
        joined += line if joined.endswith("-") and line[:1].islower() else " " + line
    return [joined]


def _hard_wrapped(block: list[str]) -> bool:
    body = block[:-1]
    if max(len(line) for line in body) > _WRAP_MAX_LINE:
        return False
    if sum(len(line) for line in body) / len(body) < _WRAP_MIN_MEAN:
        return False
    open_ended = sum(1 for line in body if not line.endswith(_TERMINAL))
    return open_ended * 2 >= len(body)
