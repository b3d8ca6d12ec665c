"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item.

Elements are matched by local name, so the many namespace spellings feeds use in the wild
(content:encoded, dc:date, atom:link inside RSS) need no table. The XML parser never resolves
entities or fetches anything: the standard library's expat loads no external DTD or entity (no XXE,
no network) and, from expat 2.4 on, refuses entity-expansion bombs.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from eventwire.errors import Errors, IngestError
from eventwire.ingest.article import build_article
from eventwire.ingest.html import fragment_to_text
from eventwire.ingest.options import IngestFailure, IngestOptions, ingest_error
from eventwire.ingest.published import parse_published
from eventwire.record import Article

_FEED_ROOTS = {"rss", "feed", "RDF"}
_ITEMS = {"item", "entry"}
# Full content beats a summary when a feed carries both.
_TEXT_FIELDS = ("encoded", "content", "description", "summary")
_DATE_FIELDS = ("pubDate", "published", "date", "updated", "issued", "modified")
_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:[\w-]+:)?(rss|feed|RDF)\b", re.DOTALL)


def looks_like_feed(text: str) -> bool:
    """True when the document's root element is an RSS, RDF or Atom root."""
    return bool(_SNIFF.match(text[:4096]))


def _local(element: ET.Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element) -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for child in element:
        found.setdefault(_local(child), child)
    return found


def _inner(element: ET.Element) -> str:
    """Text of an element whose content may be escaped HTML, CDATA or inline XHTML."""
    if len(element):
        parts = [element.text or ""]
        parts += [ET.tostring(child, encoding="unicode") for child in element]
        return fragment_to_text("".join(parts))
    return fragment_to_text(element.text or "")


def _link(fields: dict[str, ET.Element], item: ET.Element) -> str | None:
    for child in item:
        if _local(child) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return str(child.get("href")).strip()
    link = fields.get("link")
    if link is not None and (link.text or "").strip():
        return (link.text or "").strip()
    guid = fields.get("guid")
    if guid is not None and (guid.text or "").strip().startswith("http"):
        return (guid.text or "").strip()
    return None


def feed_items(data: bytes | str, label: str, options: IngestOptions) -> Iterator[Article | IngestFailure]:
    """The articles of one feed document; raises E005 when it is not well-formed XML or not a feed."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ingest_error(Errors.E005, label, fmt="RSS/Atom XML", detail=str(exc)) from exc
    if _local(root) not in _FEED_ROOTS:
        detail = f"root element <{_local(root)}> is not rss, feed or RDF"
        raise ingest_error(Errors.E005, label, fmt="RSS/Atom XML", detail=detail)
    channel = next((el for el in root.iter() if _local(el) == "channel"), root)
    title = _children(channel).get("title")
    outlet = " ".join((title.text or "").split()) if title is not None else None
    items = [el for el in root.iter() if isinstance(el.tag, str) and _local(el) in _ITEMS]
    if not items:
        raise ingest_error(Errors.E006, label, detail="the feed has no items")
    for number, item in enumerate(items, 1):
        source = f"{label}:item {number}"
        try:
            yield _item_article(item, source, outlet, options.published)
        except IngestError as exc:
            yield IngestFailure.from_error(exc)


def _item_article(item: ET.Element, source: str, outlet: str | None, default: dt.date | None) -> Article:
    fields = _children(item)
    texts = [_inner(fields[name]) for name in _TEXT_FIELDS if name in fields]
    text = max(texts, key=lambda t: len(t.strip()), default="")
    if not text.strip():
        raise ingest_error(Errors.E006, source, detail="the item has no description or content")
    title = _inner(fields["title"]) if "title" in fields else None
    dates = [parse_published(fields[name].text) for name in _DATE_FIELDS if name in fields]
    published = next((d for d in dates if d is not None), None)
    return build_article(
        text,
        title=title,
        url=_link(fields, item),
        outlet=outlet or None,
        published=published or default,
        source=source,
    )
