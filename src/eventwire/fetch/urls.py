"""Which inputs are URLs, and which URLs eventwire fetches: http and https, with a host, nothing else.

Kept free of httpx and of eventwire.ingest: the ingest readers import this module to ask "is this
a URL?", so it must load nothing that imports them back.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from eventwire.errors import Errors, IngestError

ALLOWED_SCHEMES = ("http", "https")
# A scheme and "://": how a user writes a URL on the command line. "C:\news" and "notes.txt" are not.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def looks_like_url(value: str) -> bool:
    """True for 'https://…', 'ftp://…', 'file://…': an address to fetch or refuse, never a path."""
    return bool(_URL.match(value))


def _refused(label: str, detail: str) -> IngestError:
    return IngestError(Errors.E060.format(path=label, detail=detail), path=label)


def check_url(url: str, label: str | None = None) -> str:
    """`url` when it is an http(s) URL with a host; raises E060 otherwise (file://, ftp://, no host)."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _refused(label or url, f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        detail = f"'{scheme}:' is not fetched" if scheme else "no scheme"
        raise _refused(label or url, detail)
    if not parts.hostname:
        raise _refused(label or url, "no host name")
    return url
