"""Bytes to text: refuse binary files, find the encoding of text files.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then Windows-1252 or
Latin-1, but only when the result reads like Western text. Anything else is an E003, because a
wrong guess would silently feed mojibake to every later stage.
"""

from __future__ import annotations

import codecs
import re

from eventwire.errors import Errors
from eventwire.ingest.options import ingest_error

SNIFF_BYTES = 8192
# Formats people drop into article folders by mistake, named so the E002 message says what it was.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes other than tab, newline, carriage return and form feed.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CONTROL_SHARE = 0.05
# Single-byte Western encodings: a real text is mostly ASCII with some accented letters. A decoded
# result with many C1 control characters or mostly non-ASCII letters is some other encoding.
_C1 = re.compile(r"[\x80-\x9f]")
_MAX_HIGH_SHARE = 0.3


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `head` announces, if any."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def check_binary(head: bytes, path: str) -> None:
    """Raise E002 when the first bytes of a file are not text."""
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ingest_error(Errors.E002, path, detail=f"it is {what}")
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise ingest_error(Errors.E002, path, detail="it contains NUL bytes")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and controls > _CONTROL_SHARE * len(sample):
        detail = f"{100 * controls / len(sample):.0f}% control characters"
        raise ingest_error(Errors.E002, path, detail=detail)


def decode(data: bytes, path: str) -> str:
    """The text of `data`; raises E002 for binary data and E003 when no encoding fits."""
    check_binary(data[:SNIFF_BYTES], path)
    encoding = bom_encoding(data[:4])
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ingest_error(Errors.E003, path, detail=f"bad {encoding}: {exc.reason}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fallback = western_text(data)
        if fallback is not None:
            return fallback
        detail = f"invalid UTF-8 byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise ingest_error(Errors.E003, path, detail=detail) from exc


def western_text(data: bytes) -> str | None:
    """`data` as Windows-1252 (or Latin-1) text when it reads like Western text, else None."""
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_western(text):
            return text
    return None


def _looks_western(text: str) -> bool:
    if not text:
        return True
    high = len(text) - len(text.encode("ascii", "ignore"))
    if high > _MAX_HIGH_SHARE * len(text):
        return False
    return len(_C1.findall(text)) <= max(1, high // 20)
