"""The analyst's web page in a real browser: Debian's headless chromium driven by Playwright, against
the real `eventwire serve` (tests/serve_helpers.py) over the demo database.

A user loads the page, filters by country and type in the filter panel, brushes the timeline,
clicks a marker and opens the event, and sees each claim marked in the article with its speaker.
Hostile article text (markup, a 5,000-character word) stays inert text. Every test fails if the
page asks for anything beyond loopback, logs an error or opens a dialog.

Screenshots land in out/test-artifacts/; `UPDATE_SCREENSHOT=1` also writes docs/screenshot.png,
the README's picture of the page.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from eventwire.serve.page import is_built
from tests import serve_helpers
from tests.serve_helpers import build_db, running_server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "out" / "test-artifacts"
README_SCREENSHOT = REPO / "docs" / "screenshot.png"
# No sandbox: the tests run as root. The rest keeps chromium from calling home on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
VIEWPORT = {"width": 1440, "height": 1000}

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: install Debian's chromium (`make browser`) for the browser tests",
        allow_module_level=True,
    )
if not is_built():
    pytest.skip(
        "the web page is not built (src/eventwire/serve/static/): run `make web` first",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright  # noqa: E402

demo_server = serve_helpers.demo_server


@dataclass
class Watched:
    """What a page did that it must not: leave loopback, log an error, open a dialog."""

    page: Page
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside == [], f"the page requested non-loopback URLs: {self.outside}"
        assert self.errors == [], f"the page logged errors: {self.errors}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Debian's chromium, never a downloaded browser (`playwright install` is not used).
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(30_000)
    seen = Watched(page)

    def guard(route: Route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOOPBACK:
            route.continue_()
        else:
            seen.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    yield seen
    context.close()


def wait_rendered(page: Page) -> None:
    """Wait until the page has drawn the state its URL fragment names (it sets data-rendered)."""
    # A function, not an expression: the page's CSP forbids the eval Playwright would use for one.
    page.wait_for_function(
        "() => document.body.dataset.rendered === location.hash"
        " && document.body.getAttribute('aria-busy') === 'false'"
    )


def header_total(page: Page) -> int:
    found = re.match(r"([\d,]+) events", page.locator("#totals").inner_text())
    assert found, page.locator("#totals").inner_text()
    return int(found.group(1).replace(",", ""))


def api_total(base_url: str, **filters: str) -> int:
    total: int = httpx.get(f"{base_url}/api/summary", params=filters).json()["total"]
    return total


_MARKERS_SHOWN = """() => document.querySelectorAll('.ew-marker').length +
  [...document.querySelectorAll('.ew-cluster span')].reduce((n, s) => n + Number(s.textContent), 0)"""


def markers_shown(page: Page, expected: int, timeout_s: float = 5.0) -> int:
    """Events on the map: single markers plus the counts written on the clusters. The cluster layer
    swaps markers for clusters in steps after a redraw, so read it until it shows `expected` or the
    time is up, and return the last count."""
    deadline = time.monotonic() + timeout_s
    while True:
        count: int = page.evaluate(_MARKERS_SHOWN)
        if count == expected or time.monotonic() > deadline:
            return count
        page.wait_for_timeout(100)


def table_column(page: Page, index: int) -> list[str]:
    return page.locator(f"#event-table tbody tr td:nth-child({index})").all_inner_texts()


def event_with_most_speakers(base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dated, located event whose claims name the most speakers (conflicting figures), and its detail."""
    items = httpx.get(f"{base_url}/api/events", params={"limit": 1000}).json()["items"]
    best: tuple[int, dict[str, Any], dict[str, Any]] | None = None
    for item in items:
        location = item["location"] or {}
        if not (item["date"]["start"] and location.get("country_code") and location.get("lat") is not None):
            continue
        detail: dict[str, Any] = httpx.get(f"{base_url}/api/events/{item['id']}").json()
        speakers = {
            c["according_to"] for c in detail["claims"] if c["according_to"] and c["span_start"] is not None
        }
        if speakers and (best is None or len(speakers) > best[0]):
            best = (len(speakers), item, detail)
    assert best is not None, "the demo database has no event with a named speaker: the fixture is broken"
    return best[1], best[2]


def brush_over(page: Page, day: str) -> None:
    """Drag across the timeline bar holding `day`, as a user selects a range with the mouse."""
    bars = page.evaluate(
        """() => [...document.querySelectorAll('#timeline rect.bar')].map((bar) => {
             const box = bar.getBoundingClientRect();
             return {title: bar.querySelector('title').textContent, x: box.x, w: box.width};
           })"""
    )
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    for bar in bars:
        found = re.match(r"(\d{4}-\d\d-\d\d)(?: – (\d{4}-\d\d-\d\d))?:", bar["title"])
        assert found, bar["title"]
        if found.group(1) <= day <= (found.group(2) or found.group(1)):
            y = box["y"] + box["height"] / 2
            page.mouse.move(bar["x"] - 3, y)
            page.mouse.down()
            page.mouse.move(bar["x"] + bar["w"] / 2, y, steps=4)
            page.mouse.move(bar["x"] + bar["w"] + 3, y, steps=4)
            page.mouse.up()
            return
    raise AssertionError(f"no timeline bar holds {day}: {[bar['title'] for bar in bars]}")


def click_marker(page: Page, event_id: str) -> None:
    """Click clusters (each zooms in or fans out) until the event's own marker shows, then click it."""
    marker = page.locator(f'.ew-marker[data-event-id="{event_id}"]')
    for _ in range(12):
        if marker.is_visible():
            break
        page.locator(".ew-cluster-icon").first.click()
        try:
            marker.wait_for(state="visible", timeout=3_000)
        except Exception:  # still clustered: the next click goes one level deeper
            continue
    marker.click()


def save_screenshot(page: Page, name: str, *, readme: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if readme and os.environ.get("UPDATE_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(README_SCREENSHOT))


def test_page_filters_brushes_and_shows_claims_in_the_article(watched: Watched, demo_server: str) -> None:
    page = watched.page
    target, detail = event_with_most_speakers(demo_server)
    country, event_type, day = target["location"]["country_code"], target["type"], target["date"]["start"]

    page.goto(f"{demo_server}/")
    wait_rendered(page)
    page.locator(".ew-marker-icon, .ew-cluster-icon").first.wait_for()
    everything = api_total(demo_server)
    assert header_total(page) == everything
    located = len(httpx.get(f"{demo_server}/api/events.geojson").json()["features"])
    assert markers_shown(page, located) == located

    page.get_by_label("Country").select_option(country)
    wait_rendered(page)
    assert header_total(page) == api_total(demo_server, country=country) < everything
    assert set(table_column(page, 4)) == {country}

    page.get_by_role("checkbox", name=re.compile(rf"^{event_type}\b")).check()
    wait_rendered(page)
    by_type = api_total(demo_server, country=country, type=event_type)
    assert header_total(page) == by_type
    assert all(cell.startswith(event_type) for cell in table_column(page, 2))

    brush_over(page, day)
    wait_rendered(page)
    since, until = (
        page.get_by_label("From", exact=True).input_value(),
        page.get_by_label("To", exact=True).input_value(),
    )
    assert since <= day <= until, (since, day, until)
    brushed = api_total(demo_server, country=country, type=event_type, since=since, until=until)
    assert header_total(page) == brushed <= by_type
    located = len(
        httpx.get(
            f"{demo_server}/api/events.geojson",
            params={"country": country, "type": event_type, "since": since, "until": until},
        ).json()["features"]
    )
    assert markers_shown(page, located) == located

    click_marker(page, target["id"])
    page.locator(".leaflet-popup").get_by_role("button", name="Open event").click()
    wait_rendered(page)
    panel = page.locator("#event-panel")
    assert panel.locator("h2").inner_text().startswith(event_type)
    assert page.locator(f'.ew-marker.selected[data-event-id="{target["id"]}"]').count() == 1
    assert (
        page.locator(f'#event-table tr[data-event-id="{target["id"]}"]').get_attribute("aria-current")
        == "true"
    )

    shown = 0
    for index, claim in enumerate(detail["claims"]):
        if claim["span_start"] is None:
            continue
        marks = panel.locator(f'mark[data-claims~="{index}"]').all_text_contents()
        assert "".join(marks) == claim["text"], (index, claim)
        item = panel.locator(f'.claim-item[data-claim="{index}"]')
        if claim["according_to"]:
            assert item.locator(".speaker-name").inner_text() == claim["according_to"]
            shown += 1
    assert shown >= 1

    first = next(i for i, claim in enumerate(detail["claims"]) if claim["span_start"] is not None)
    panel.locator(f'.claim-item[data-claim="{first}"]').get_by_role("button").click()
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert str(first) in page.evaluate("document.activeElement.dataset.claims").split()
    save_screenshot(page, "page-filtered-event.png")

    # Clearing the filters keeps the open event: the README's view of the whole page.
    page.get_by_role("button", name="Clear all filters").click()
    wait_rendered(page)
    assert header_total(page) == everything
    assert panel.is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    panel.evaluate("(element) => { element.scrollTop = 0; }")
    save_screenshot(page, "page.png", readme=True)
    watched.assert_clean()


def test_page_rows_are_reachable_and_open_with_the_keyboard(watched: Watched, demo_server: str) -> None:
    page = watched.page
    page.goto(f"{demo_server}/")
    wait_rendered(page)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, button')]
             .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                            && !c.textContent.trim())
             .map((c) => c.outerHTML)"""
    )
    assert unlabelled == []

    page.get_by_role("button", name=re.compile("^Sort by killed")).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({id: document.activeElement.dataset.eventId, tag: document.activeElement.tagName,"
        " outline: getComputedStyle(document.activeElement).outlineStyle})"
    )
    first_row = page.locator("#event-table tbody tr").first.get_attribute("data-event-id")
    assert focused == {"id": first_row, "tag": "TR", "outline": "solid"}

    page.keyboard.press("Enter")
    wait_rendered(page)
    assert f"event={first_row}" in page.evaluate("location.hash")
    assert page.locator("#event-panel").is_visible()
    page.get_by_role("button", name="Close event").click()
    wait_rendered(page)
    assert page.locator("#event-panel").is_hidden()
    watched.assert_clean()


def test_page_marks_the_headline_of_an_event_the_headline_tells(watched: Watched, demo_server: str) -> None:
    page = watched.page
    items = httpx.get(f"{demo_server}/api/events", params={"limit": 1000}).json()["items"]
    details = (httpx.get(f"{demo_server}/api/events/{item['id']}").json() for item in items)
    detail = next(d for d in details if any(e.get("part") == "title" for e in d["event"]["evidence"]))
    told = {e["sentence"] for e in detail["event"]["evidence"] if e["part"] == "title"}
    in_text = {e["start"] for e in detail["event"]["evidence"] if e["part"] == "text"}

    page.goto(f"{demo_server}/#event={detail['event']['id']}")
    wait_rendered(page)
    panel = page.locator("#event-panel")
    panel.locator("article.source").first.wait_for()
    # Evidence from a headline marks the headline, never the first characters of the text.
    assert set(panel.locator("article.source h4.evidence").all_inner_texts()) == told
    assert panel.locator("article.source h4:not(.evidence)").count() == len(
        panel.locator("article.source").all()
    ) - len(told)
    assert panel.locator(".article-text .evidence").count() >= len(in_text) > 0
    watched.assert_clean()


def test_page_link_restores_its_filters_and_back_undoes_a_change(watched: Watched, demo_server: str) -> None:
    page = watched.page
    page.goto(f"{demo_server}/#type=ASSAULT,PROTEST")
    wait_rendered(page)
    both = api_total(demo_server, type="ASSAULT,PROTEST")
    assert header_total(page) == both
    assert page.get_by_role("checkbox", name=re.compile(r"^ASSAULT\b")).is_checked()
    assert page.get_by_role("checkbox", name=re.compile(r"^PROTEST\b")).is_checked()
    assert set(cell.split("/")[0] for cell in table_column(page, 2)) <= {"ASSAULT", "PROTEST"}

    page.get_by_role("checkbox", name=re.compile(r"^PROTEST\b")).uncheck()
    wait_rendered(page)
    assert header_total(page) == api_total(demo_server, type="ASSAULT") < both

    page.go_back()
    wait_rendered(page)
    assert header_total(page) == both
    assert page.get_by_role("checkbox", name=re.compile(r"^PROTEST\b")).is_checked()
    watched.assert_clean()


def test_page_shows_the_api_message_for_a_bad_link(watched: Watched, demo_server: str) -> None:
    page = watched.page
    page.goto(f"{demo_server}/#min_fatalities=-1&event=ev-does-not-exist")
    wait_rendered(page)
    bad_filter = httpx.get(f"{demo_server}/api/summary", params={"min_fatalities": "-1"})
    missing = httpx.get(f"{demo_server}/api/events/ev-does-not-exist")
    assert (bad_filter.status_code, missing.status_code) == (400, 404)
    assert page.get_by_role("alert").inner_text() in {
        bad_filter.json()["error"]["message"],
        missing.json()["error"]["message"],
    }
    assert page.locator("#event-panel .error").inner_text() == missing.json()["error"]["message"]
    # the browser logs each failed request as an error: only the network and dialogs must stay clean
    assert all("status of 4" in error for error in watched.errors), watched.errors
    assert watched.outside == [] and watched.dialogs == []


LONG_WORD = "W" * 5000
SCRIPT = "<script>window.__pwned=1;alert('script')</script>"
HOSTILE = "\n".join(
    [
        """Gunmen <img src=x onerror="window.__pwned=1;alert('title')"> attack village in Kano""",
        "KANO, Nigeria - Gunmen killed five people in the village of Gwarzo in Kano state on Monday,"
        f" police said. {SCRIPT}",
        """Witnesses said the attackers <img src=x onerror="window.__pwned=1;alert('img')"> arrived.""",
        f"A local official said {LONG_WORD} was written on a wall near the mosque.",
        "<b>Residents</b> said seven others were wounded, according to a hospital official.",
    ]
)


def test_page_renders_hostile_article_text_inert(watched: Watched, tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    db = build_db(tmp_path / "hostile.duckdb", [source], published="2024-03-06")
    page = watched.page
    with running_server(db) as base_url:
        event = httpx.get(f"{base_url}/api/events").json()["items"][0]
        detail = httpx.get(f"{base_url}/api/events/{event['id']}").json()
        article = httpx.get(f"{base_url}/api/articles/{detail['reports'][0]['article_id']}").json()
        # the page must get the markup and the long word as they were written, or this proves nothing
        assert "<script>" in article["text"] and "onerror" in article["text"] and LONG_WORD in article["text"]
        assert "<img" in article["title"]

        page.goto(f"{base_url}/")
        wait_rendered(page)
        page.locator(f'#event-table tr[data-event-id="{event["id"]}"]').click()
        wait_rendered(page)
        panel = page.locator("#event-panel")
        text = panel.locator(".article-text")
        assert SCRIPT in text.inner_text()
        assert LONG_WORD in text.inner_text()
        assert panel.locator("h4").inner_text() == article["title"]
        tags = page.evaluate(
            "[...document.querySelectorAll('#event-panel .article-text *, #event-panel h4 *')]"
            ".map((e) => e.tagName)"
        )
        assert set(tags) <= {"SPAN", "MARK"}, tags
        assert page.locator("#event-panel img, #event-panel script, #event-panel b").count() == 0
        assert page.evaluate("window.__pwned") is None
        overflow = page.evaluate(
            """() => ({page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                      panel: document.querySelector('#event-panel').scrollWidth
                             - document.querySelector('#event-panel').clientWidth})"""
        )
        assert overflow == {"page": 0, "panel": 0}
        save_screenshot(page, "page-hostile.png")
    watched.assert_clean()
