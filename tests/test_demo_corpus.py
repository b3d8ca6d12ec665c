"""The bundled demo corpus and its analyst coding (tests/fixtures/demo_expected.yaml) are well formed.

These tests check the data only: that the corpus loads in every format, is varied enough to guard
against over-fitting to the worked example, never copies it, and that every expectation in the
fixture is valid in the record's vocabularies and quotes the article verbatim. Scoring the pipeline
against the fixture is the golden pipeline test's job.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from eventwire.demo import CORPUS_DIR, CORPUS_SUFFIXES, corpus_files
from eventwire.record import PLOVER_TYPES, DatePrecision, EventStatus, PerpetratorStatus, Qualifier

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "demo_expected.yaml"
WORKED_EXAMPLE = REPO.parent / "shared" / "examples" / "airstrike-albu-kamal.txt"

JSONL_FIELDS = ("title", "text", "url", "published", "outlet")
MIN_ARTICLES, MIN_COUNTRIES, MIN_KINDS = 14, 7, 8
MIN_WORDS, MAX_WORDS = 150, 450
# The event kinds the corpus exists to exercise (the brief of the demo corpus).
REQUIRED_KINDS = {
    "drone_strike",
    "air_strike",
    "ied",
    "armed_clash",
    "protest_peaceful",
    "protest_force",
    "abduction",
    "arrests",
    "threat",
    "accusation",
    "background",
}
# ACLED's 6 event types and 25 sub-event types (CODEBOOKS.md).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
ACTOR_STATUS_KEYS = set(get_args(PerpetratorStatus)) - {"unknown"}
ACTOR_BLOCK_KEYS = ACTOR_STATUS_KEYS | {
    "unknown",
    "also_acceptable",
    "also_acceptable_status",
    "according_to",
    "note",
}
FIGURE_BLOCKS = ("fatalities", "injuries", "arrested", "abducted")


@dataclass(frozen=True)
class DemoArticle:
    file: str
    title: str
    text: str
    raw: str  # the file's content (a JSONL line's text), where boilerplate must be found
    published: dt.date | None
    outlet: str | None
    url: str | None


class _PageParser(HTMLParser):
    """Collects a saved page's metadata and the paragraphs inside <article> (what trafilatura keeps)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self.paragraphs: list[str] = []
        self._in_title = False
        self._article_depth = 0
        self._para: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and "property" in values:
            self.meta[values["property"]] = values.get("content", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "article":
            self._article_depth += 1
        elif tag == "p" and self._article_depth:
            self._para = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article":
            self._article_depth -= 1
        elif tag == "p" and self._para is not None:
            self.paragraphs.append(" ".join("".join(self._para).split()))
            self._para = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._para is not None:
            self._para.append(data)


def _read_jsonl(path: Path) -> list[DemoArticle]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        articles.append(
            DemoArticle(
                file=path.name,
                title=rec["title"],
                text=rec["text"],
                raw=rec["text"],
                published=dt.date.fromisoformat(rec["published"]),
                outlet=rec["outlet"],
                url=rec["url"],
            )
        )
    return articles


def _read_txt(path: Path) -> DemoArticle:
    raw = path.read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    return DemoArticle(path.name, title.strip(), body.strip(), raw, None, None, None)


def _read_html(path: Path) -> DemoArticle:
    raw = path.read_text(encoding="utf-8")
    parser = _PageParser()
    parser.feed(raw)
    # Paragraphs that are bylines are page furniture, not article text.
    body = [p for p in parser.paragraphs if not p.startswith("By ")]
    published = parser.meta.get("article:published_time", "")[:10]
    return DemoArticle(
        file=path.name,
        title=parser.meta.get("og:title", parser.title).strip(),
        text="\n\n".join(body),
        raw=raw,
        published=dt.date.fromisoformat(published) if published else None,
        outlet=parser.meta.get("og:site_name"),
        url=parser.meta.get("og:url"),
    )


@cache
def corpus() -> dict[tuple[str, str], DemoArticle]:
    articles: list[DemoArticle] = []
    for path in corpus_files():
        if path.suffix == ".jsonl":
            articles.extend(_read_jsonl(path))
        elif path.suffix == ".txt":
            articles.append(_read_txt(path))
        else:
            articles.append(_read_html(path))
    return {(a.file, a.title): a for a in articles}


@cache
def fixture() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return data


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = fixture()["articles"]
    return entries


def _events() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(entry, event) for entry in _entries() for event in entry["events"]]


def _event_id(item: tuple[dict[str, Any], dict[str, Any]]) -> str:
    return f"{item[0]['kind']}:{item[1]['key']}"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


# --- the corpus ---------------------------------------------------------------------------------


def test_demo_corpus_dir_is_exported_and_holds_every_format() -> None:
    assert CORPUS_DIR.is_dir()
    suffixes = [p.suffix for p in corpus_files()]
    assert suffixes.count(".jsonl") == 1
    assert suffixes.count(".txt") >= 2
    assert suffixes.count(".html") >= 1
    strays = [p.name for p in CORPUS_DIR.iterdir() if p.suffix not in CORPUS_SUFFIXES]
    assert not strays, f"files ingest would reject: {strays}"


def test_demo_corpus_files_are_package_data() -> None:
    pyproject = REPO / "pyproject.toml"
    patterns = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]["eventwire"]
    for suffix in CORPUS_SUFFIXES:
        assert f"**/*{suffix}" in patterns, f"{suffix} files would be missing from the wheel"


def test_demo_corpus_jsonl_records_have_required_fields() -> None:
    path = CORPUS_DIR / "wire.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        rec = json.loads(line)
        for field in JSONL_FIELDS:
            assert isinstance(rec.get(field), str) and rec[field].strip(), f"line {number}: {field}"
        assert rec["url"].startswith("https://example.org/"), f"line {number}: real-looking URL"
        assert 2023 <= dt.date.fromisoformat(rec["published"]).year <= 2025, f"line {number}"


def test_demo_corpus_has_enough_unique_articles() -> None:
    articles = list(corpus().values())
    assert len(articles) >= MIN_ARTICLES
    assert len({a.title for a in articles}) == len(articles), "titles must be unique"
    assert len({a.text for a in articles}) == len(articles)


@pytest.mark.parametrize("key", sorted(corpus()), ids=lambda k: k[1][:40])
def test_demo_corpus_article_length_is_news_sized(key: tuple[str, str]) -> None:
    count = len(corpus()[key].text.split())
    assert MIN_WORDS <= count <= MAX_WORDS, f"{count} words"


def test_demo_corpus_html_page_carries_metadata() -> None:
    pages = [a for a in corpus().values() if a.file.endswith(".html")]
    for page in pages:
        assert page.published is not None, "article:published_time"
        assert page.outlet, "og:site_name"
        assert "<title>" in page.raw and "<nav" in page.raw and "<footer" in page.raw


def test_demo_corpus_does_not_copy_the_worked_example() -> None:
    if not WORKED_EXAMPLE.exists():
        pytest.skip(f"worked example not found at {WORKED_EXAMPLE} (../shared is absent in a user's clone)")
    example = _words(WORKED_EXAMPLE.read_text(encoding="utf-8"))
    span = 8  # eight words in a row in common is copying, not coincidence
    example_grams = {tuple(example[i : i + span]) for i in range(len(example) - span + 1)}
    for article in corpus().values():
        words = _words(article.title + " " + article.text)
        shared = {tuple(words[i : i + span]) for i in range(len(words) - span + 1)} & example_grams
        assert not shared, f"{article.title}: shares {sorted(' '.join(g) for g in shared)[:3]}"


# --- the analyst coding -------------------------------------------------------------------------


def test_demo_expected_covers_every_article_exactly_once() -> None:
    keys = [(entry["file"], entry["title"]) for entry in _entries()]
    assert len(keys) == len(set(keys)), "an article is coded twice"
    assert set(keys) == set(corpus()), "fixture and corpus disagree on the articles"


def test_demo_expected_published_dates_match_the_articles() -> None:
    for entry in _entries():
        article = corpus()[(entry["file"], entry["title"])]
        published = dt.date.fromisoformat(entry["published"])
        if article.published is not None:
            assert published == article.published, entry["title"]
        assert 2023 <= published.year <= 2025


def test_demo_expected_spans_countries_kinds_and_perpetrator_statuses() -> None:
    countries = {c for entry in _entries() for c in entry["countries"]}
    kinds = {entry["kind"] for entry in _entries()}
    assert len(countries) >= MIN_COUNTRIES, countries
    assert len(kinds) >= MIN_KINDS, kinds
    assert kinds >= REQUIRED_KINDS, REQUIRED_KINDS - kinds
    statuses = {status for _, event in _events() for status in event.get("source_actors", {})}
    assert {"claimed", "denied", "suspected"} <= statuses


def test_demo_expected_every_article_has_a_required_event_and_background() -> None:
    for entry in _entries():
        assert any(event["required"] for event in entry["events"]), entry["title"]
        assert entry.get("not_current_events"), f"{entry['title']}: name the background facts"
        keys = [event["key"] for event in entry["events"]]
        assert len(keys) == len(set(keys)), entry["title"]


@pytest.mark.parametrize("item", _events(), ids=_event_id)
def test_demo_expected_event_codes_are_valid(item: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, event = item
    if "plover_type" in event:
        assert event["plover_type"] in PLOVER_TYPES
    for alt in event.get("also_acceptable_types", []):
        assert alt in PLOVER_TYPES
    assert event.get("status", "occurred") in get_args(EventStatus)
    if "acled_event_type" in event:
        assert event["acled_sub_event_type"] in ACLED[event["acled_event_type"]]
    for role in ("source_actors", "target_actors"):
        block = event.get(role, {})
        assert set(block) <= ACTOR_BLOCK_KEYS, set(block) - ACTOR_BLOCK_KEYS
        for status in block.get("also_acceptable_status", []):
            assert status in ACTOR_STATUS_KEYS
    if event["required"] and event.get("plover_type") == "ASSAULT":
        assert "location" in event and "date" in event and "fatalities" in event


@pytest.mark.parametrize("item", [i for i in _events() if "date" in i[1]], ids=_event_id)
def test_demo_expected_dates_are_consistent(item: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, event = item
    date = event["date"]
    assert date["precision"] in get_args(DatePrecision)
    published = dt.date.fromisoformat(entry["published"])
    start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
    assert start <= end <= published
    span = {"day": 0, "days": 6, "week": 6, "month": 30}[date["precision"]]
    assert (end - start).days <= span


@pytest.mark.parametrize("item", [i for i in _events() if i[1].get("location")], ids=_event_id)
def test_demo_expected_locations_are_complete(item: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, event = item
    loc = event["location"]
    assert loc["country_iso2"] in item[0]["countries"]
    assert -90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180
    assert loc["tolerance_km"] > 0 and loc["geo_precision"] in (1, 2, 3)
    assert loc["name"] and loc["admin1"] and loc["surface_forms"]


@pytest.mark.parametrize("item", _events(), ids=_event_id)
def test_demo_expected_figures_are_consistent(item: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, event = item
    for name in FIGURE_BLOCKS:
        block = event.get(name)
        if block is None:
            continue
        for claim in block["claims"]:
            assert claim["qualifier"] in get_args(Qualifier)
            assert claim["value"] is None or claim["value"] >= 0
            assert claim["evidence"]
        values = [block.get(k) for k in ("low", "best", "high") if block.get(k) is not None]
        assert values == sorted(values), f"{name}: low <= best <= high"
        claimed = {c["value"] for c in block["claims"]}
        if block["best"] is not None and name != "fatalities":
            assert block["best"] in claimed or block["best"] == sum(v for v in claimed if v)


def test_demo_expected_quotes_are_verbatim() -> None:
    for entry in _entries():
        article = corpus()[(entry["file"], entry["title"])]
        text = article.title + "\n" + article.text
        for line in entry.get("boilerplate_to_remove", []):
            assert line in article.raw, f"{entry['title']}: boilerplate {line!r}"
        for event in entry["events"]:
            quotes = [event.get("evidence")]
            quotes += event.get("date", {}).get("cues", [])
            quotes += (event.get("location") or {}).get("surface_forms", [])
            for name in FIGURE_BLOCKS:
                block = event.get(name) or {}
                quotes += [c["evidence"] for c in block.get("claims", [])]
                quotes += block.get("vague_cues", []) + block.get("not_casualties", [])
            for quote in filter(None, quotes):
                assert quote in text, f"{entry['title']} / {event['key']}: {quote!r} is not in the article"


@pytest.mark.slow
def test_demo_expected_locations_fall_in_their_country() -> None:
    rg = pytest.importorskip("reverse_geocoder")
    located = [event["location"] for _, event in _events() if event.get("location")]
    found = rg.search([(loc["lat"], loc["lon"]) for loc in located], mode=1, verbose=False)
    for loc, hit in zip(located, found, strict=True):
        assert hit["cc"] == loc["country_iso2"], f"{loc['name']}: {hit}"
