"""Fuzzing ingest and cleaning: whatever the bytes, every input becomes articles or named failures.

10,000+ generated cases: random bytes under every supported suffix, text in many encodings
truncated or corrupted, HTML tag soup, malformed JSON, JSON Lines and CSV, broken feeds, stdin,
NULs, control characters, lone surrogates and lines of up to a million characters. Checked for each:
- nothing raises out of `read_labelled`;
- every failure carries a catalogued code (errors.Errors) and names the file it came from, and none
  is the readers' last-resort net ("unexpected ..."), which would be a bug in a reader;
- every article has body text, a content-hash id that matches it, only encodable characters, and
  can be stored.

Structured inputs are built by plain `random.Random(seed)` code from a seed Hypothesis draws:
drawing every word through Hypothesis cost 30 ms a case, this costs well under one. A failure
prints its seed and input (`note`), which is enough to replay it.
"""

from __future__ import annotations

import io
import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from eventwire.errors import Errors, IngestError
from eventwire.ingest import IngestFailure, IngestOptions, article_id, clean_text, make_article, read_labelled
from eventwire.ingest.readers import READERS
from eventwire.record import Article
from eventwire.store import EventStore
from tests.fuzz_settings import FUZZ

pytestmark = pytest.mark.slow

CODES = {member.name for member in Errors}
OPTIONS = IngestOptions(max_mb=4)
SUFFIXES = sorted(READERS)
LAST_NET = "could not read the file (unexpected "  # readers._guarded: an exception no reader expected
SEEDS = st.integers(0, 2**64 - 1)

WORDS = [
    "Gunmen",
    "attacked",
    "a",
    "checkpoint",
    "near",
    "Gao",
    "on",
    "Tuesday",
    "killing",
    "five",
    "soldiers",
    "the",
    "army",
    "said",
    ".",
    ",",
    "Protesters",
    "marched",
    "in",
    "Bamako",
    "le",
    "la",
    "der",
    "und",
    "y",
    "el",
    "2021-03-04",
    "12",
    "dozens",
]
# What breaks naive code: NUL and other controls, odd line and space separators, BOMs, zero-width
# marks, combining accents, right-to-left marks, lone surrogates, emoji, entities, delimiters, and
# the lines cleaning looks for.
NASTY = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9c",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u00ad",
    "\u0301",
    "\u202e",
    "\ufffd",
    "\ud800",
    "\udfff",
    "\udc80",
    "\U0001f4a5",
    "&amp;",
    "&#8217;",
    "&#xd800;",
    "&#0;",
    "&nbsp",
    "\\",
    '"',
    "'",
    ",",
    ";",
    "|",
    "<",
    ">",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\nSource: Reuters",
    "\nAdvertisement\n",
    "\nRelated:\n",
    "Share this",
    "Copyright 2021",
    "© AFP",
    "<p>",
    "</div>",
    "<script>",
    "]]>",
]
TAGS = [
    "p",
    "div",
    "br",
    "script",
    "style",
    "a",
    "h1",
    "title",
    "body",
    "html",
    "head",
    "article",
    "li",
    "meta",
    "noscript",
    "iframe",
    "table",
    "td",
    "svg",
    "time",
]
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1251",
]
FIELDS = ["text", "title", "url", "published", "outlet", "body", "content", "date", "", "Text"]


def words(r: random.Random, most: int = 40) -> str:
    parts = r.choices(WORDS, k=r.randint(0, most))
    for _ in range(r.randint(0, 6)):
        parts.insert(r.randint(0, len(parts)), r.choice(NASTY))
    if r.random() < 0.2:  # any code point at all
        parts.append("".join(chr(r.randint(0, 0x10FFFF)) for _ in range(r.randint(1, 12))))
    return " ".join(parts)


def tag_soup(r: random.Random) -> str:
    """Fragments of HTML: open, closed and unclosed tags, attributes, comments, CDATA and entities."""
    parts: list[str] = []
    for _ in range(r.randint(0, 25)):
        tag = r.choice(TAGS)
        attr = r.choice(["", ' class="x"', " href='http://a'", " data-x=<>", ' property="og:title"'])
        kinds = [f"<{tag}{attr}>", f"</{tag}>", f"<{tag}{attr}/>", f"<{tag}", "<!-- c -->", "<![CDATA[x]]>"]
        parts.append(r.choice([*kinds, words(r, 12), words(r, 12)]))
    return "".join(parts)


def json_value(r: random.Random, depth: int = 0) -> object:
    kind = r.randint(0, 8 if depth < 3 else 5)
    if kind <= 5:
        return [
            None,
            r.random() < 0.5,
            r.randint(-(2**70), 2**70),
            r.random() * 1e300,
            words(r),
            tag_soup(r),
        ][kind]
    if kind == 6:
        return [json_value(r, depth + 1) for _ in range(r.randint(0, 3))]
    return {r.choice(FIELDS): json_value(r, depth + 1) for _ in range(r.randint(0, 3))}


def record(r: random.Random) -> dict[str, object]:
    """A record with some article fields: strings, HTML, wrong types, nested objects."""
    return {
        r.choice(FIELDS): r.choice([words(r), tag_soup(r), json_value(r)]) for _ in range(r.randint(0, 5))
    }


def corrupt(r: random.Random, data: bytes) -> bytes:
    """Truncate, cut a hole in, or splice junk into `data` (or leave it whole)."""
    at = r.randint(0, len(data))
    junk = r.randbytes(r.randint(1, 8))
    return r.choice([data, data, data[:at], data[:at] + junk + data[at:], data[:at] + data[at + len(junk) :]])


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="eventwire-fuzz-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def store() -> Iterator[EventStore]:
    with EventStore.open(":memory:") as memory:
        yield memory


def check(items: list[tuple[str, Article | IngestFailure]], label: str, store: EventStore) -> None:
    for source, item in items:
        assert label in source
        if isinstance(item, IngestFailure):
            assert item.code in CODES, item
            assert item.message.startswith(f"[{item.code}] "), item.message
            assert label in item.path and label in item.message, item  # it names the file
            assert LAST_NET not in item.message, item.message  # a reader bug, caught by the last net
            continue
        assert isinstance(item, Article)
        assert item.text.strip()
        assert item.id == article_id(item.title, item.text)
        for value in (item.text, item.title, item.url, item.outlet):
            if value is not None:
                value.encode("utf-8")  # no lone surrogates reach the hash or the store
        store.add(item, [])


def read_file(workdir: Path, name: str, data: bytes, store: EventStore) -> None:
    note(f"{name}: {data[:3000]!r}")
    path = workdir / name
    path.write_bytes(data)
    check(list(read_labelled([path], OPTIONS)), str(path), store)


@settings(FUZZ, max_examples=2000)
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_bytes_under_every_suffix(
    workdir: Path, store: EventStore, data: bytes, suffix: str
) -> None:
    read_file(workdir, f"bytes{suffix}", data, store)


@settings(FUZZ, max_examples=1500)
@given(seed=SEEDS, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_text_in_any_encoding_broken_anywhere(
    workdir: Path, store: EventStore, seed: int, encoding: str, suffix: str
) -> None:
    r = random.Random(seed)
    text = "\n".join(words(r) for _ in range(r.randint(1, 5)))
    read_file(workdir, f"encoded{suffix}", corrupt(r, text.encode(encoding, errors="replace")), store)


@settings(FUZZ, max_examples=1000)
@given(seed=SEEDS)
def test_fuzz_ingest_html_pages_of_tag_soup(workdir: Path, store: EventStore, seed: int) -> None:
    r = random.Random(seed)
    data = tag_soup(r).encode("utf-8", errors="surrogatepass")  # lone surrogates as the bad bytes they become
    read_file(workdir, "page.html", corrupt(r, data), store)


@settings(FUZZ, max_examples=1500)
@given(seed=SEEDS, shape=st.integers(0, 3), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_fuzz_ingest_malformed_json_and_json_lines(
    workdir: Path, store: EventStore, seed: int, shape: int, encoding: str
) -> None:
    r = random.Random(seed)
    rows = [record(r) for _ in range(r.randint(0, 5))]
    if shape == 0:  # JSON Lines
        name, text = (
            "records.jsonl",
            "\n".join(json.dumps(row, ensure_ascii=r.random() < 0.5) for row in rows),
        )
    elif shape == 1:  # a JSON array
        name, text = "records.json", json.dumps(rows)
    elif shape == 2:  # {"articles": [...]}, as NewsAPI writes it
        name, text = "records.json", json.dumps({"status": "ok", "articles": rows})
    else:  # JSON Lines misnamed .json
        name, text = "records.json", "\n".join(json.dumps(row) for row in rows)
    data = text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")
    read_file(workdir, name, corrupt(r, data), store)


@settings(FUZZ, max_examples=1500)
@given(seed=SEEDS, delimiter=st.sampled_from([",", ";", "\t", "|"]), quoting=st.booleans())
def test_fuzz_ingest_malformed_csv(
    workdir: Path, store: EventStore, seed: int, delimiter: str, quoting: bool
) -> None:
    r = random.Random(seed)
    cells = [words, tag_soup, lambda r: r.choice(['"', '""', 'a"b', "\n", "x\r\ny", "", delimiter])]

    def line(row: list[str]) -> str:
        if quoting:
            row = ['"' + cell.replace('"', '""') + '"' for cell in row]
        return delimiter.join(row)

    header = r.sample(FIELDS, r.randint(0, 4)) + [words(r, 3) for _ in range(r.randint(0, 1))]
    rows = [[r.choice(cells)(r) for _ in range(r.randint(0, 6))] for _ in range(r.randint(0, 6))]
    text = "\n".join(line(row) for row in [header, *rows])
    read_file(workdir, "table.csv", corrupt(r, text.encode("utf-8", errors="surrogatepass")), store)


def feed(r: random.Random) -> str:
    atom = r.random() < 0.5
    items = []
    for _ in range(r.randint(0, 4)):
        names = r.sample(
            ["title", "description", "summary", "content", "pubDate", "updated", "link", "guid"], 4
        )
        escape = r.random() < 0.5
        body = ""
        for name in names[: r.randint(0, 4)]:
            value = r.choice([words(r), tag_soup(r), "Tue, 21 Jun 2018 10:00:00 +0000", "2018-02-30"])
            value = value.replace("&", "&amp;").replace("<", "&lt;") if escape else value
            body += f"<{name}>{value}</{name}>"
        items.append(f"<entry>{body}</entry>" if atom else f"<item>{body}</item>")
    if atom:
        return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{"".join(items)}</feed>'
    return f'<rss version="2.0"><channel><title>{words(r, 5)}</title>{"".join(items)}</channel></rss>'


@settings(FUZZ, max_examples=1000)
@given(seed=SEEDS, suffix=st.sampled_from([".xml", ".rss", ".atom"]))
def test_fuzz_ingest_broken_feeds(workdir: Path, store: EventStore, seed: int, suffix: str) -> None:
    r = random.Random(seed)
    read_file(workdir, f"feed{suffix}", corrupt(r, feed(r).encode("utf-8", errors="surrogatepass")), store)


@settings(FUZZ, max_examples=500)
@given(data=st.binary(max_size=1024), seed=SEEDS)
def test_fuzz_ingest_stdin_bytes(store: EventStore, data: bytes, seed: int) -> None:
    r = random.Random(seed)
    if r.random() < 0.5:
        data = r.choice([words, tag_soup, lambda r: json.dumps(record(r))])(r).encode(
            "utf-8", "surrogatepass"
        )
    note(repr(data))
    # As Python hands stdin to a program in a C/POSIX locale: UTF-8 with 'surrogateescape'.
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    check(list(read_labelled(["-"], OPTIONS, stdin=stdin)), "<stdin>", store)
    as_text = io.StringIO(data.decode("utf-8", "surrogateescape"))  # a stream without .buffer
    check(list(read_labelled(["-"], OPTIONS, stdin=as_text)), "<stdin>", store)


@settings(FUZZ, max_examples=1000)
@given(seed=SEEDS, first_line=st.booleans())
def test_fuzz_clean_and_make_article(seed: int, first_line: bool) -> None:
    r = random.Random(seed)
    text = "\n".join(words(r) for _ in range(r.randint(0, 6)))
    title = words(r, 8) if r.random() < 0.5 else None
    note(repr((text, title)))
    cleaned = clean_text(text)
    cleaned.text.encode("utf-8")
    assert cleaned.text == cleaned.text.strip()
    try:
        article = make_article(text, title=title, title_from_first_line=first_line)
    except IngestError as exc:
        assert exc.code == "E006", exc
        return
    assert article.text.strip() and article.id == article_id(article.title, article.text)


@settings(FUZZ, max_examples=60)
@given(
    piece=st.sampled_from(
        ["a", "word ", "\u00e9", "<p>", "&amp;", ",", '"', "\x0b", "Related: ", "x" * 999 + "\n"]
    ),
    count=st.sampled_from([10_000, 200_000, 1_000_000]),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".json", ".xml"]),
)
def test_fuzz_ingest_very_long_lines(
    workdir: Path, store: EventStore, piece: str, count: int, suffix: str
) -> None:
    body = piece * (count // len(piece))
    if suffix == ".jsonl":
        body = json.dumps({"title": "Long", "text": body})
    elif suffix == ".csv":
        body = "title,text\nLong," + json.dumps(body)
    elif suffix == ".json":
        body = json.dumps([{"text": body}])
    elif suffix == ".xml":
        body = f"<rss><channel><item><description>{body}</description></item></channel></rss>"
    else:
        body = "Long line\n" + body
    read_file(workdir, f"long{suffix}", body.encode("utf-8"), store)
