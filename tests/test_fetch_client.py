"""The fetcher against a real HTTP server on 127.0.0.1: what it fetches, and every way it refuses."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from eventwire.errors import IngestError
from eventwire.fetch import Fetcher, FetchLimits, Validators
from eventwire.fetch.client import USER_AGENT
from tests.fetch_helpers import Route, Site, page, running_site

STORY = page("Gunmen kill five near Gao", ["Gunmen attacked a checkpoint near Gao on Tuesday, killing five."])


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site({"/story.html": Route(STORY)}) as served:
        yield served


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchLimits(max_bytes=256 * 1024, read_timeout=0.5, connect_timeout=0.5)) as client:
        yield client


def refusal(fetcher: Fetcher, url: str, **kwargs: object) -> IngestError:
    with pytest.raises(IngestError) as caught:
        fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]
    assert url in str(caught.value), "the message names the URL that was asked for"
    return caught.value


def test_fetch_page_body_type_and_user_agent(site: Site, fetcher: Fetcher) -> None:
    fetched = fetcher.fetch(site.url("/story.html"), kind="page")
    assert fetched.status == 200 and fetched.body == STORY
    assert fetched.media_type == "text/html" and fetched.charset == "utf-8"
    assert fetched.url == fetched.requested == site.url("/story.html")
    (request,) = site.requests
    assert request.headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("eventwire/")


@pytest.mark.parametrize("status", [404, 500, 503])
def test_fetch_error_status_is_e061(site: Site, fetcher: Fetcher, status: int) -> None:
    site.routes["/broken"] = Route(b"<p>oops</p>", status=status)
    error = refusal(fetcher, site.url("/broken"))
    assert error.code == "E061" and f"HTTP {status}" in str(error)


def test_fetch_stalled_server_times_out_e066(site: Site, fetcher: Fetcher) -> None:
    site.routes["/stall"] = Route(stall=True)
    started = time.monotonic()
    error = refusal(fetcher, site.url("/stall"))
    assert error.code == "E066" and "0.5 s" in str(error)
    assert time.monotonic() - started < 5


def test_fetch_oversize_stream_is_cut_off_mid_stream(site: Site, fetcher: Fetcher) -> None:
    total = 64 * 2**20  # 64 MB offered, with no Content-Length to refuse up front
    site.routes["/huge.html"] = Route(stream_bytes=total)
    error = refusal(fetcher, site.url("/huge.html"))
    assert error.code == "E063" and "0.25 MB" in str(error)
    deadline = time.monotonic() + 5
    while "/huge.html" not in site.streamed and time.monotonic() < deadline:
        time.sleep(0.01)  # the server thread notices the hang-up on its next write
    # Stopped after the limit plus what the sockets buffered, far short of the whole body.
    assert site.streamed["/huge.html"] < 16 * 2**20


def test_fetch_declared_oversize_is_refused_before_the_body(site: Site, fetcher: Fetcher) -> None:
    site.routes["/big.html"] = Route(b"<p>" + b"y" * (300 * 1024) + b"</p>")
    assert refusal(fetcher, site.url("/big.html")).code == "E063"


def test_fetch_follows_redirects_to_the_final_url(site: Site, fetcher: Fetcher) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/story.html"})
    fetched = fetcher.fetch(site.url("/old"), kind="page")
    assert fetched.body == STORY and fetched.url == site.url("/story.html")
    assert fetched.requested == site.url("/old")


def test_fetch_redirect_loop_is_e062(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    error = refusal(fetcher, site.url("/a"))
    assert error.code == "E062" and "loop" in str(error)
    assert site.paths() == ["/a", "/b"]


def test_fetch_redirect_chain_over_the_cap_is_e062(site: Site) -> None:
    for hop in range(5):
        site.routes[f"/hop{hop}"] = Route(status=307, headers={"Location": f"/hop{hop + 1}"})
    site.routes["/hop5"] = Route(STORY)
    with Fetcher(FetchLimits(max_redirects=3)) as capped:
        assert refusal(capped, site.url("/hop0")).code == "E062"
    with Fetcher(FetchLimits(max_redirects=5)) as enough:
        assert enough.fetch(site.url("/hop0")).body == STORY


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/story.html"])
def test_fetch_redirect_to_other_scheme_is_refused(site: Site, fetcher: Fetcher, target: str) -> None:
    site.routes["/sneaky"] = Route(status=302, headers={"Location": target})
    error = refusal(fetcher, site.url("/sneaky"))
    assert error.code == "E060" and f"redirected to {target}" in str(error)
    assert site.paths() == ["/sneaky"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "gopher://x", "http:///x"]
)
def test_fetch_only_http_and_https(fetcher: Fetcher, url: str) -> None:
    assert refusal(fetcher, url).code == "E060"


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("page", "image/png"), ("page", "application/pdf"), ("feed", "application/json"), ("any", "video/mp4")],
)
def test_fetch_wrong_content_type_is_e064(site: Site, fetcher: Fetcher, kind: str, content_type: str) -> None:
    site.routes["/thing"] = Route(b"\x89PNG\r\n", content_type=content_type)
    error = refusal(fetcher, site.url("/thing"), kind=kind)
    assert error.code == "E064" and content_type in str(error)


@pytest.mark.parametrize("content_type", [None, "application/octet-stream", "text/xml", "text/plain"])
def test_fetch_feed_accepts_generic_and_xml_types(
    site: Site, fetcher: Fetcher, content_type: str | None
) -> None:
    site.routes["/feed"] = Route(b"<rss><channel/></rss>", content_type=content_type)
    assert fetcher.fetch(site.url("/feed"), kind="feed").body == b"<rss><channel/></rss>"


def test_fetch_conditional_get_etag_gives_304(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetcher.fetch(site.url("/feed.xml"), kind="feed")
    assert first.status == 200 and first.validators == Validators(etag='"v1"')
    second = fetcher.fetch(site.url("/feed.xml"), kind="feed", validators=first.validators)
    assert second.not_modified and second.body == b""
    assert site.requests[1].headers["if-none-match"] == '"v1"'
    site.routes["/feed.xml"] = Route(b"<rss>new</rss>", content_type="application/rss+xml", etag='"v2"')
    third = fetcher.fetch(site.url("/feed.xml"), kind="feed", validators=first.validators)
    assert third.status == 200 and third.body == b"<rss>new</rss>"


def test_fetch_conditional_get_last_modified_gives_304(site: Site, fetcher: Fetcher) -> None:
    stamp = "Tue, 07 May 2024 10:00:00 GMT"
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="text/xml", last_modified=stamp)
    first = fetcher.fetch(site.url("/feed.xml"), kind="feed")
    assert first.validators == Validators(last_modified=stamp)
    assert fetcher.fetch(site.url("/feed.xml"), kind="feed", validators=first.validators).not_modified


def test_fetch_closed_port_is_e065(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe is closed.
    error = refusal(fetcher, f"http://127.0.0.1:{port}/feed.xml")
    assert error.code == "E065"


def test_fetch_constructor_opens_nothing() -> None:
    fetcher = Fetcher()
    assert fetcher._client is None
    fetcher.close()
