"""Fetch one URL with httpx, refusing what a news fetcher has no business downloading.

Every refusal is a catalogued `IngestError` naming the URL that was asked for:
- E060 a scheme other than http/https, for the URL given and for every redirect hop (a redirect to
  file:// or ftp:// is refused, not followed);
- E061 an HTTP error status; E062 more than `max_redirects` hops (loops end here too);
- E063 a body over `max_bytes`: refused from Content-Length before reading, or counted while
  streaming and cut off there, so a 2 GB response costs at most `max_bytes` (decoded bytes are
  counted: a small gzip bomb is cut off like a large body);
- E064 a content type that cannot be what was asked for (an image for a page), before the body;
- E065 the connection failed; E066 no answer within the read timeout, or the whole download
  (redirects included) over `total_timeout`, so a server trickling a byte a second ends too.

Feeds are fetched with their last ETag / Last-Modified, so an unchanged feed costs a 304.
The fetcher is a protocol (`PageFetcher`); `Fetcher` is the httpx one and opens nothing until its
first request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Literal, Protocol
from urllib.parse import urljoin

import httpx

from eventwire import __version__
from eventwire.errors import Errors, IngestError
from eventwire.fetch.media import accepts, expected_types
from eventwire.fetch.urls import check_url
from eventwire.ingest.options import ingest_error

Kind = Literal["page", "feed", "any"]
USER_AGENT = f"eventwire/{__version__} (news event coder; fetches only the addresses it is given)"
_ACCEPT: dict[Kind, str] = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
    "any": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
}
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchLimits:
    """What one fetch may cost. The defaults suit news pages and feeds."""

    max_bytes: int = 10 * 2**20
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # the longest wait for any one piece of the response
    total_timeout: float = 60.0  # the whole fetch, redirects included
    max_redirects: int = 5

    @classmethod
    def of(cls, *, max_mb: float | None = None, timeout: float | None = None) -> FetchLimits:
        """Limits from the CLI's --max-mb and --timeout (None keeps the default)."""
        limits = cls()
        if max_mb is not None:
            limits = replace(limits, max_bytes=int(max_mb * 2**20))
        if timeout is not None:
            limits = replace(
                limits,
                connect_timeout=min(timeout, limits.connect_timeout),
                read_timeout=timeout,
                total_timeout=max(3 * timeout, limits.total_timeout),
            )
        return limits


@dataclass(frozen=True)
class Validators:
    """A response's ETag and Last-Modified, sent back so the server can answer 304 Not Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Fetched:
    """A fetched document: where it ended up, its type and charset, and its bytes."""

    requested: str  # the URL asked for (what errors and 'seen' state name)
    url: str  # the URL after redirects
    status: int
    media_type: str = ""  # "text/html", lower case; "" when the server sent none
    charset: str | None = None
    body: bytes = b""
    validators: Validators = Validators()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class PageFetcher(Protocol):
    """What the watcher and the URL reader need: one GET, with limits, as a `Fetched` or an IngestError."""

    def fetch(self, url: str, *, kind: Kind = "any", validators: Validators | None = None) -> Fetched: ...


class Fetcher:
    """The httpx fetcher. Reuse one for many fetches (connections are kept alive); close it after."""

    def __init__(
        self,
        limits: FetchLimits | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.limits = limits or FetchLimits()
        self._transport = transport
        self._user_agent = user_agent
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            limits = self.limits
            self._client = httpx.Client(
                headers={"User-Agent": self._user_agent},
                timeout=httpx.Timeout(
                    limits.read_timeout, connect=limits.connect_timeout, pool=limits.connect_timeout
                ),
                # Redirects are followed here, hop by hop, so each hop's scheme is checked.
                follow_redirects=False,
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def fetch(self, url: str, *, kind: Kind = "any", validators: Validators | None = None) -> Fetched:
        """GET `url`, following at most `max_redirects` redirects; raises IngestError (E060-E066)."""
        check_url(url)
        headers = {"Accept": _ACCEPT[kind], **(validators.headers() if validators else {})}
        deadline = time.monotonic() + self.limits.total_timeout
        hops = [url]
        current = url
        for _ in range(self.limits.max_redirects + 1):
            target = self._get(url, current, kind, headers, validators, deadline)
            if isinstance(target, Fetched):
                return target
            if target in hops:
                raise ingest_error(
                    Errors.E062, url, limit=self.limits.max_redirects, detail=f"loop back to {target}"
                )
            hops.append(target)
            current = target
        detail = " → ".join(hops[-3:])
        raise ingest_error(Errors.E062, url, limit=self.limits.max_redirects, detail=f"… → {detail}")

    def _get(
        self,
        url: str,
        current: str,
        kind: Kind,
        headers: dict[str, str],
        validators: Validators | None,
        deadline: float,
    ) -> Fetched | str:
        """One request: the document, or the next URL when the answer is a redirect."""
        try:
            with self.client.stream("GET", current, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return self._next_hop(url, response)
                if response.status_code == 304 and validators:
                    return Fetched(url, str(response.url), 304, validators=validators)
                if not response.is_success:
                    status = f"{response.status_code} {response.reason_phrase}".strip()
                    raise ingest_error(Errors.E061, url, status=status)
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if not accepts(kind, media_type):
                    raise ingest_error(
                        Errors.E064, url, content_type=media_type, expected=expected_types(kind)
                    )
                body = self._read_body(url, response, deadline)
                return Fetched(
                    requested=url,
                    url=str(response.url),
                    status=response.status_code,
                    media_type=media_type,
                    charset=response.charset_encoding,
                    body=body,
                    validators=Validators(
                        response.headers.get("etag"), response.headers.get("last-modified")
                    ),
                )
        except IngestError:
            raise
        except httpx.TimeoutException as exc:
            seconds = self.limits.connect_timeout if isinstance(exc, httpx.ConnectTimeout) else None
            raise ingest_error(
                Errors.E066,
                url,
                seconds=seconds or self.limits.read_timeout,
                detail=type(exc).__name__,
            ) from exc
        except httpx.HTTPError as exc:
            raise ingest_error(Errors.E065, url, detail=_describe(exc)) from exc

    def _next_hop(self, url: str, response: httpx.Response) -> str:
        # urljoin keeps the address as the server wrote it, for the message ("file:///etc/passwd").
        target = urljoin(str(response.url), response.headers["location"])
        try:
            check_url(target)
        except IngestError as exc:
            scheme = target.split(":", 1)[0]
            detail = f"redirected to {target}; '{scheme}:' is not fetched"
            raise ingest_error(Errors.E060, url, detail=detail) from exc
        return target

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.limits.max_bytes
        limit_mb = f"{limit / 2**20:g}"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ingest_error(Errors.E063, url, limit_mb=limit_mb)
        chunks: list[bytes] = []
        size = 0
        # Leaving the `stream` block closes the connection: the rest of an oversized body is never read.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise ingest_error(Errors.E063, url, limit_mb=limit_mb)
            if time.monotonic() > deadline:
                detail = f"the whole download took over {self.limits.total_timeout:g} s"
                raise ingest_error(Errors.E066, url, seconds=self.limits.total_timeout, detail=detail)
            chunks.append(chunk)
        return b"".join(chunks)


def _describe(exc: httpx.HTTPError) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
