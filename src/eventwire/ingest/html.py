"""HTML pages (trafilatura) and HTML fragments (feed items, scraped records) to text."""

from __future__ import annotations

import codecs
import datetime as dt
import html as html_lib
import logging
import re
from dataclasses import dataclass

import trafilatura

from eventwire.errors import Errors
from eventwire.ingest.article import build_article
from eventwire.ingest.decode import bom_encoding, check_binary, decode
from eventwire.ingest.options import ingest_error
from eventwire.ingest.published import parse_published
from eventwire.record import Article

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|section|article|header|footer|pre)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_ELEMENT = re.compile(r"<[A-Za-z!/?]")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_BODY = re.compile(r"<body[^>]*>(.*)", re.IGNORECASE | re.DOTALL)
_LOOKS_HTML = re.compile(
    r"</?(?:p|br|div|span|a|h[1-6]|li|ul|ol|strong|em|b|i|blockquote|figure|img|table)\b[^>]*>", re.I
)

# trafilatura logs every page it finds no main text in; the reader reports that itself (E006).
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def decode_html(data: bytes, path: str) -> str:
    """Text of an HTML file: a byte-order mark or UTF-8 first, then the page's declared charset."""
    check_binary(data[:8192], path)
    if bom_encoding(data[:4]) is None:
        match = _CHARSET.search(data[:4096])
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                codec = None
            # A page that declares windows-1251 or Shift_JIS is decoded as it says, not guessed at.
            if codec and codec != "utf-8":
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    try:
                        return data.decode(codec)
                    except UnicodeDecodeError:
                        pass
    return decode(data, path)


def looks_like_html(text: str) -> bool:
    """True when a record's text carries HTML markup (scrapers often store the raw fragment)."""
    return bool(_LOOKS_HTML.search(text[:20000]))


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, tags and entities removed.

    Regular expressions rather than a parser: feed descriptions and scraped fields are often broken
    fragments, and the output only needs the words and the paragraph breaks.
    """
    text = _DROP.sub(" ", fragment)
    text = _BREAK.sub("\n", text)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    return html_lib.unescape(text)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: the main text and the metadata found with it."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


def read_page(page: str, source: str) -> Page:
    """Main text and metadata of a whole HTML page.

    trafilatura finds the main text and the metadata; when it finds none (very short or unusual
    pages), the body's text is taken as it stands. Raises E005 when the page cannot be parsed at all
    and E006 when it holds no text.
    """
    if not _ELEMENT.search(page[:65536]):
        detail = "no HTML element found; save plain text as .txt"
        raise ingest_error(Errors.E005, source, fmt="HTML", detail=detail)
    error: Exception | None = None
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    except Exception as exc:
        # trafilatura, lxml and htmldate raise many kinds of errors on broken pages; the plain-text
        # fallback below still reads what it can, so one page's quirk does not lose its text.
        doc, error = None, exc
    if doc is not None and not isinstance(doc, dict) and doc.text and doc.text.strip():
        return Page(doc.text, _str(doc.title), _str(doc.url), _str(doc.sitename), parse_published(doc.date))
    return _fallback(page, source, error)


def _fallback(page: str, source: str, error: Exception | None) -> Page:
    title = _TITLE.search(page)
    body = _BODY.search(page)
    text = fragment_to_text(body.group(1) if body else page)
    if not text.strip():
        detail = f"the page has no visible text{f'; {error}' if error else ''}"
        raise ingest_error(Errors.E006, source, detail=detail)
    return Page(text, _str(html_lib.unescape(title.group(1))) if title else None)


def article_from_html(page: str, source: str, published: dt.date | None = None) -> Article:
    """An `Article` from an HTML page; `published` is the default date when the page names none."""
    meta = read_page(page, source)
    return build_article(
        meta.text,
        title=meta.title,
        url=meta.url,
        outlet=meta.outlet,
        published=meta.published or published,
        source=source,
    )


def _str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
