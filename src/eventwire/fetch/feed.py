"""A feed's items as the watcher needs them: what identifies each, where it links, and its article.

`ingest.feeds.feed_items` makes the articles (one per item, in document order, a failure for an
item without text). The watcher needs more of each item than an article keeps: the guid or link
that identifies it across polls, and whether the item carries the story or only a teaser. This
module reads those from the same document, item for item, and pairs them with the articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from eventwire.errors import Errors, IngestError
from eventwire.fetch.urls import ALLOWED_SCHEMES
from eventwire.ingest.feeds import feed_items
from eventwire.ingest.html import fragment_to_text
from eventwire.ingest.options import IngestFailure, IngestOptions, ingest_error
from eventwire.ingest.published import parse_published
from eventwire.record import Article

_ITEMS = {"item", "entry"}  # as ingest.feeds reads them
_FULL_FIELDS = ("encoded", "content")  # content:encoded (RSS) and Atom <content>: the story itself
_DATE_FIELDS = ("pubDate", "published", "date", "updated", "issued", "modified")
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
# A description this long is the story, not a teaser: many RSS 2.0 feeds put whole articles there.
FULL_TEXT_CHARS = 1500


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed, with its own article (or the failure of an item without text)."""

    key: str  # what 'seen' remembers: the guid/id, else the link, else a hash of the item's XML
    link: str | None  # the item's http(s) link, the page to fetch when it carries only a teaser
    title: str | None
    published: dt.date | None
    outlet: str | None  # the feed's own title
    full_text: bool  # the item carries the story itself, so its link need not be fetched
    article: Article | IngestFailure


def read_feed(text: str, label: str, options: IngestOptions, base: str | None = None) -> list[FeedItem]:
    """The items of a feed; raises E005 (as ingest does) when it is not a feed. Relative item links
    are resolved against `base`, the feed's own URL."""
    try:
        articles = list(feed_items(text, label, options))
    except IngestError as exc:
        # A feed with no items today is quiet news, not a broken feed (ingest calls it E006).
        if exc.code == "E006" and not _item_elements(ET.fromstring(text)):
            return []
        raise
    root = ET.fromstring(text)  # feed_items parsed it already: this cannot fail
    channel = next((el for el in root.iter() if _local(el) == "channel"), root)
    outlet = _words(_text(_child(channel, "title")))
    elements = _item_elements(root)
    if len(elements) != len(articles):
        # feed_items yields one result per item; if that ever changes, items must not be mis-paired.
        detail = f"{len(elements)} items but {len(articles)} articles"
        raise ingest_error(Errors.E005, label, fmt="RSS/Atom XML", detail=detail)
    return [
        _item(element, article, outlet, base) for element, article in zip(elements, articles, strict=True)
    ]


def _item_elements(root: ET.Element) -> list[ET.Element]:
    return [element for element in root.iter() if _local(element) in _ITEMS]


def _item(
    element: ET.Element, article: Article | IngestFailure, outlet: str | None, base: str | None
) -> FeedItem:
    link = _link(element, base)
    guid = _text(_child(element, "guid")) or _text(_child(element, "id")) or element.get(_RDF_ABOUT)
    key = guid or link or "sha1:" + hashlib.sha1(ET.tostring(element)).hexdigest()[:20]
    title = _text(_child(element, "title"))
    dates = (parse_published(_text(_child(element, name))) for name in _DATE_FIELDS)
    full = any(_has_content(_child(element, name)) for name in _FULL_FIELDS)
    long_enough = isinstance(article, Article) and len(article.text) >= FULL_TEXT_CHARS
    return FeedItem(
        key=key,
        link=link,
        title=_words(fragment_to_text(title)) if title else None,
        published=next((d for d in dates if d is not None), None),
        outlet=outlet,
        full_text=full or long_enough,
        article=article,
    )


def _link(item: ET.Element, base: str | None) -> str | None:
    """The item's page: Atom's alternate link or RSS <link> (made absolute), or a guid that is a URL."""
    candidates = [
        str(child.get("href")).strip()
        for child in item
        if _local(child) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate"
    ]
    candidates.append(_text(_child(item, "link")) or "")
    links = [urljoin(base, candidate) if base else candidate for candidate in candidates if candidate]
    # A guid is often an opaque id ("12345", "urn:uuid:…"): it is a link only when it is an absolute URL.
    links.append(_text(_child(item, "guid")) or "")
    return next((link for link in links if link.split(":", 1)[0].lower() in ALLOWED_SCHEMES), None)


def _local(element: ET.Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if _local(child) == name), None)


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return (element.text or "").strip() or None


def _has_content(element: ET.Element | None) -> bool:
    """Text, or inline XHTML children (Atom <content type="xhtml">); an Atom content src= has neither."""
    return element is not None and (bool((element.text or "").strip()) or len(element) > 0)


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None
