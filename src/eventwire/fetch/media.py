"""Content types a fetch accepts, and the text of a fetched body.

Types are checked from the response header before the body is read, so a PDF or an image linked
from a feed costs one header. Servers that send no type or a generic one are common (and feeds are
often served as text/plain or text/html): those are accepted and the body is sniffed instead.

Charsets, in the order browsers use: a byte-order mark, the HTTP header's charset, the document's
own declaration (<meta charset> for HTML, <?xml encoding?> for feeds), then ingest's decoding
(strict UTF-8, then Western text), which refuses binary bodies (E002) and unknown encodings (E003).
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Literal

from eventwire.errors import Errors
from eventwire.ingest.decode import bom_encoding, check_binary
from eventwire.ingest.feeds import looks_like_feed
from eventwire.ingest.html import decode_html
from eventwire.ingest.options import ingest_error

if TYPE_CHECKING:
    from eventwire.fetch.client import Fetched, Kind

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml"}
)
# What a server sends when it does not know: sniffed after reading.
UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)["']""")
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)

Shape = Literal["page", "feed", "text"]


def _is_xml(media_type: str) -> bool:
    return media_type in FEED_TYPES or media_type == "text/xml" or media_type.endswith("+xml")


def accepts(kind: Kind, media_type: str) -> bool:
    """Whether a response of `media_type` can be what a `kind` fetch asked for."""
    if media_type in UNKNOWN_TYPES:
        return True
    if kind == "page":
        return media_type in HTML_TYPES or media_type == "text/plain"
    if kind == "feed":
        return _is_xml(media_type) or media_type.startswith("text/")
    return media_type in HTML_TYPES or _is_xml(media_type) or media_type == "text/plain"


def expected_types(kind: Kind) -> str:
    """The types `accepts` takes, in words, for the E064 message."""
    return {
        "page": "an HTML page (text/html)",
        "feed": "an RSS/Atom feed (application/rss+xml, application/atom+xml, text/xml)",
        "any": "an HTML page, an RSS/Atom feed or plain text",
    }[kind]


def body_text(fetched: Fetched) -> str:
    """The text of a fetched body; raises E006 (empty), E002 (binary) or E003 (no encoding fits)."""
    label, body = fetched.requested, fetched.body
    if not body.strip():
        raise ingest_error(Errors.E006, label, detail="the response was empty")
    if bom_encoding(body[:4]) is None:
        declared = fetched.charset or _xml_encoding(body)
        text = _decode_as(body, declared, label) if declared else None
        if text is not None:
            return text
    # decode_html reads a <meta charset> first; on a feed or plain text it is ingest's decode().
    return decode_html(body, label)


def shape_of(fetched: Fetched, text: str) -> Shape:
    """What a fetched document is: a feed (by its root element), an HTML page, or plain text."""
    if looks_like_feed(text):
        return "feed"
    if fetched.media_type in HTML_TYPES or _HTML_START.match(text[:4096]):
        return "page"
    return "text"


def _xml_encoding(body: bytes) -> str | None:
    found = _XML_ENCODING.match(body[:300])
    return found.group(1).decode("ascii") if found else None


def _decode_as(body: bytes, charset: str, label: str) -> str | None:
    """`body` in the charset it was declared in, or None when the name is unknown or the bytes disagree."""
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return None
    check_binary(body[:8192], label)
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        # A wrong declaration is common (a page that says latin-1 but is UTF-8): guess as ingest does.
        return None
