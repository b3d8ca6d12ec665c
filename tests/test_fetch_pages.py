"""Fetched pages and feeds become articles; `eventwire ingest URL` fetches what it is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import _common, app
from eventwire.errors import UsageError
from eventwire.fetch import Fetcher, page_article, parse_duration, read_url
from eventwire.fetch.durations import format_duration
from eventwire.fetch.urls import looks_like_url
from eventwire.ingest import IngestFailure, IngestOptions, read_inputs
from eventwire.record import Article
from eventwire.store import EventStore
from tests.fetch_helpers import Item, OneEventPipeline, Route, Site, page, rss, running_site

runner = CliRunner()
GAO = [
    "Gunmen attacked an army checkpoint near Gao on Tuesday, killing five soldiers, officials said.",
    "The attackers fled on motorbikes towards the border, a local official told reporters.",
    "No group has claimed responsibility for the attack, the third on the road this month.",
]
STORY = page("Gunmen kill five near Gao", GAO, date="2024-05-07", site_name="Sahel Monitor")


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site({"/gao.html": Route(STORY)}) as served:
        yield served


def fetch_article(site: Site, path: str, **kwargs: object) -> Article:
    with Fetcher() as fetcher:
        return page_article(fetcher.fetch(site.url(path), kind="page"), **kwargs)  # type: ignore[arg-type]


def test_pages_html_page_is_an_article_with_its_url(site: Site) -> None:
    article = fetch_article(site, "/gao.html")
    assert article.url == site.url("/gao.html")
    assert article.text.startswith("Gunmen attacked an army checkpoint near Gao")
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.published == dt.date(2024, 5, 7) and article.outlet == "Sahel Monitor"


def test_pages_feed_item_date_wins_and_its_title_fills_in(site: Site) -> None:
    article = fetch_article(site, "/gao.html", title="Five soldiers killed", published=dt.date(2024, 5, 8))
    # The page's headline stays (it is part of the content hash); the feed's date is data.
    assert article.title == "Gunmen kill five near Gao" and article.published == dt.date(2024, 5, 8)
    assert article.id == fetch_article(site, "/gao.html").id
    site.routes["/bare.html"] = Route(b"<html><body><p>" + GAO[0].encode() + b"</p></body></html>")
    assert fetch_article(site, "/bare.html", title="Five soldiers killed").title == "Five soldiers killed"


def test_pages_url_after_redirect_is_kept(site: Site) -> None:
    site.routes["/r/123"] = Route(status=302, headers={"Location": "/gao.html"})
    assert fetch_article(site, "/r/123").url == site.url("/gao.html")


def test_pages_charset_from_the_http_header(site: Site) -> None:
    text = "Боевики атаковали блокпост у города Гао во вторник, убив пятерых солдат."
    body = f"<html><head><title>Гао</title></head><body><p>{text}</p></body></html>".encode("windows-1251")
    site.routes["/ru.html"] = Route(body, content_type="text/html; charset=windows-1251")
    article = fetch_article(site, "/ru.html")
    assert article.text == text and article.language == "ru"


def test_pages_charset_from_meta_when_the_header_has_none(site: Site) -> None:
    text = "Боевики атаковали блокпост у города Гао во вторник."
    body = f"<html><head><meta charset='windows-1251'></head><body><p>{text}</p></body></html>"
    site.routes["/meta.html"] = Route(body.encode("windows-1251"), content_type="text/html")
    assert fetch_article(site, "/meta.html").text == text


def test_pages_latin1_without_any_declaration_is_read_as_western_text(site: Site) -> None:
    body = "<html><body><p>Soldiers entered the café in Gao.</p></body></html>".encode("latin-1")
    site.routes["/latin.html"] = Route(body, content_type="text/html")
    assert fetch_article(site, "/latin.html").text == "Soldiers entered the café in Gao."


def test_pages_feed_in_latin1_declared_by_header(site: Site) -> None:
    feed = rss(
        "Désert Info", [Item("Attaque près de Gao", summary="Gunmen attacked a café near Gao on Tuesday.")]
    )
    site.routes["/feed"] = Route(
        feed.replace(b' encoding="utf-8"', b"").decode().encode("latin-1"),
        content_type="text/xml; charset=iso-8859-1",
    )
    (article,) = read_url(site.url("/feed"))
    assert isinstance(article, Article)
    assert article.outlet == "Désert Info" and article.text == "Gunmen attacked a café near Gao on Tuesday."


def test_pages_read_url_reads_a_feed_without_following_links(site: Site) -> None:
    items = [Item("Raid", link=site.url("/gao.html"), summary="Gunmen attacked a checkpoint near Gao.")]
    site.routes["/feed.rss"] = Route(rss("Sahel Monitor", items), content_type="application/rss+xml")
    (article,) = read_url(site.url("/feed.rss"), IngestOptions())
    assert isinstance(article, Article) and article.text == "Gunmen attacked a checkpoint near Gao."
    assert site.hits("/gao.html") == 0  # only the URL given is fetched


def test_pages_read_inputs_mixes_urls_and_files(site: Site, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Protest in Bamako\nProtesters marched through Bamako on Friday.")
    items = list(read_inputs([site.url("/gao.html"), site.url("/missing.html"), str(note), "ftp://x/y"]))
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    assert (
        isinstance(items[1], IngestFailure)
        and items[1].code == "E061"
        and items[1].path == site.url("/missing.html")
    )
    assert isinstance(items[3], IngestFailure) and items[3].code == "E060"


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> OneEventPipeline:
    pipeline = OneEventPipeline()
    monkeypatch.setattr(_common, "make_pipeline", lambda settings: pipeline)
    return pipeline


def test_pages_cli_ingest_url_stores_the_page(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", site.url("/gao.html"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Articles read: 1 (new: 1, already stored: 0)" in result.stdout
    with EventStore.open(db, read_only=True) as store:
        (article,) = store.articles()
    assert article.url == site.url("/gao.html") and article.title == "Gunmen kill five near Gao"


def test_pages_cli_ingest_failed_url_is_named_and_the_batch_goes_on(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    site.routes["/stall.html"] = Route(stall=True)
    db = tmp_path / "events.duckdb"
    urls = [site.url("/missing.html"), site.url("/gao.html"), "file:///etc/passwd"]
    result = runner.invoke(app, ["ingest", *urls, "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "Articles read: 1 (new: 1" in result.stdout and "Failures: 2" in result.stdout
    assert "[E061]" in result.stderr and "missing.html" in result.stderr
    assert "[E060]" in result.stderr and "file:///etc/passwd" in result.stderr
    assert fake_pipeline.coded == ["Gunmen kill five near Gao"]


def test_pages_cli_ingest_max_mb_caps_the_download(
    site: Site, fake_pipeline: OneEventPipeline, tmp_path: Path
) -> None:
    site.routes["/long.html"] = Route(stream_bytes=4 * 2**20)
    result = runner.invoke(
        app, ["ingest", site.url("/long.html"), "--db", str(tmp_path / "e.duckdb"), "--max-mb", "1"]
    )
    assert result.exit_code == 1 and "[E063]" in result.stderr and "1 MB limit" in result.stderr


@pytest.mark.parametrize("value", ["https://x.org/feed", "HTTP://X", "ftp://x", "file:///tmp/a"])
def test_pages_urls_are_told_from_paths(value: str) -> None:
    assert looks_like_url(value)


@pytest.mark.parametrize("value", ["news/", "C:\\news\\a.txt", "a:b.txt", "-", "http.txt"])
def test_pages_paths_are_not_urls(value: str) -> None:
    assert not looks_like_url(value)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("1d", 86400), ("0.5s", 0.5)],
)
def test_pages_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["15", "", "m", "-1m", "0s", "1 fortnight", "15min"])
def test_pages_bad_durations_are_e067(text: str) -> None:
    with pytest.raises(UsageError, match=r"\[E067\]"):
        parse_duration(text)


def test_pages_duration_round_trip() -> None:
    assert [format_duration(parse_duration(t)) for t in ("45s", "15m", "1h30m", "2d")] == [
        "45s",
        "15m",
        "1h30m",
        "2d",
    ]
