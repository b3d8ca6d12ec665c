"""A real HTTP server on 127.0.0.1 for the fetch and watch tests, and the feeds and pages it serves.

`running_site()` starts the standard library's threading HTTP server on an ephemeral port in a
thread. Each path answers from a `Route`: a body with a status and headers, a conditional GET
(304 when the client's validator matches), a stalled answer (held until the test ends), or a body
streamed chunk by chunk without a length. Every request is logged, so tests count what was fetched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import KW_ONLY, dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from xml.sax.saxutils import escape

from eventwire.record import Article, Event, EventDate, Evidence, Location

STREAM_CHUNK = 64 * 1024
# How long a stalled handler holds its answer at most: far beyond any client timeout in the tests.
STALL_SECONDS = 30.0


@dataclass
class Route:
    body: bytes = b""
    _: KW_ONLY
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # sent, and a matching If-None-Match gets 304
    last_modified: str | None = None  # sent, and an equal If-Modified-Since gets 304
    stall: bool = False  # hold the answer until the site is closed
    stream_bytes: int = 0  # stream this many bytes in chunks, with no Content-Length


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    streamed: dict[str, int] = field(default_factory=dict)  # bytes a streaming route managed to send
    closing: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for request in self.requests if request.path == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [request.path for request in self.requests]


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[Site]

    def log_message(self, format: str, *args: object) -> None:  # the test output stays quiet
        return

    def do_GET(self) -> None:
        site = self.site
        with site.lock:
            site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = site.routes.get(self.path)
        if route is None:
            self._answer(404, b"<html><body><p>Not found</p></body></html>", "text/html")
            return
        if route.stall:
            site.closing.wait(STALL_SECONDS)
            return
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
        ):
            self._answer(304, b"", None, route)
            return
        if route.stream_bytes:
            self._stream(route)
            return
        self._answer(route.status, route.body, route.content_type, route)

    def _answer(self, status: int, body: bytes, content_type: str | None, route: Route | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if route is not None:
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, route: Route) -> None:
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        self.end_headers()
        chunk = b"<p>" + b"x" * (STREAM_CHUNK - 7) + b"</p>\n"
        sent = 0
        try:
            while sent < route.stream_bytes:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the client hung up: what the size limit is for
        finally:
            with self.site.lock:
                self.site.streamed[self.path] = sent


@contextmanager
def running_site(routes: dict[str, Route] | None = None) -> Iterator[Site]:
    site = Site(routes=dict(routes or {}))
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    # A short poll interval: shutdown() waits for the loop to look, 0.5 s by default, at every teardown.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), name="loopback-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.closing.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# Documents.


def page(title: str, paragraphs: Iterable[str], *, date: str | None = None, site_name: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    if site_name:
        meta += f'<meta property="og:site_name" content="{escape(site_name)}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    # As news sites do: the headline in <h1>, the site's name appended in <title>.
    head_title = f"{title} | {site_name}" if site_name else title
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(head_title)}</title>{meta}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Sahel Monitor</footer></body></html>"
    ).encode()


@dataclass(frozen=True)
class Item:
    title: str
    link: str | None = None
    summary: str | None = None  # <description>
    content: str | None = None  # <content:encoded>, the full story
    guid: str | None = None
    published: dt.datetime | None = None


def rss(title: str, items: Iterable[Item]) -> bytes:
    parts = []
    for item in items:
        fields = [f"<title>{escape(item.title)}</title>"]
        if item.link:
            fields.append(f"<link>{escape(item.link)}</link>")
        if item.guid:
            fields.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.published:
            fields.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.summary:
            fields.append(f"<description>{escape(item.summary)}</description>")
        if item.content:
            fields.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>")
        parts.append(f"<item>{''.join(fields)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://example.org/</link>"
        f"{''.join(parts)}</channel></rss>"
    ).encode()


# A stand-in for the NLP pipeline: one event per English article, so tests need no model.


class OneEventPipeline:
    """One event per English article; remembers the titles it was asked to code."""

    def __init__(self) -> None:
        self.coded: list[str | None] = []

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            self.coded.append(article.title)
            yield article, ([one_event(article)] if article.language == "en" else [])


def one_event(article: Article) -> Event:
    sentence = article.text.split("\n")[0]
    return Event(
        id=hashlib.sha256(article.id.encode()).hexdigest()[:20],
        type="ASSAULT",
        date=EventDate(start=article.published, precision="day" if article.published else "unknown"),
        location=Location(text="Gao", name="Gao", lat=16.27, lon=-0.04, country="Mali", country_code="ML"),
        evidence=[Evidence(article_id=article.id, sentence=sentence, start=0, end=len(sentence))],
    )
