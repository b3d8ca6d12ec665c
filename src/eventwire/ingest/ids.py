"""Content-hash ids: the same article read twice, from any file or format, gets the same id."""

from __future__ import annotations

import hashlib
import unicodedata

ID_LENGTH = 20


def _canonical(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(title: str | None, text: str) -> str:
    """First 20 hex digits of the SHA-256 of the NFC-normalised, whitespace-collapsed title and text.

    Whitespace never changes an id (a re-wrapped copy is the same article); a missing title and an
    empty one are the same.
    """
    payload = _canonical(title or "") + "\n" + _canonical(text)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:ID_LENGTH]
