"""Durations as people type them: 30s, 15m, 1h, 1h30m, 1d."""

from __future__ import annotations

import re

from eventwire.errors import Errors, UsageError

_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_WHOLE = re.compile(r"(?:\d+(?:\.\d+)?[smhd])+")


def parse_duration(value: str) -> float:
    """Seconds in `value` ('15m' is 900.0); raises UsageError E067 for anything else or for zero.

    A unit is required: a bare '15' could mean seconds or minutes, and a watch that polls a news
    site every 15 seconds instead of every 15 minutes is not a mistake to make silently.
    """
    text = value.strip().lower().replace(" ", "")
    if not _WHOLE.fullmatch(text):
        raise UsageError(Errors.E067.format(value=value))
    seconds = sum(float(number) * _UNIT_SECONDS[unit] for number, unit in _PART.findall(text))
    if seconds <= 0:
        raise UsageError(Errors.E067.format(value=value))
    return seconds


def format_duration(seconds: float) -> str:
    """'15m', '1h30m', '45s': the inverse of parse_duration for whole seconds."""
    left = round(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if left >= size:
            parts.append(f"{left // size}{unit}")
            left %= size
    return "".join(parts) or f"{seconds:g}s"
