"""Fuzzing the full extract: news-like text of every odd kind goes through all stages without a crash.

500+ generated articles mix the words that steer each stage (actors under their aliases, verbs of
violence and speech, figures from "22" to "scores", relative and impossible dates, places with
variant spellings) with punctuation, quotes, other scripts, emoji and control characters, in
random order and in sentence templates. The real pipeline (spaCy model, knowledge base, gazetteer)
codes each; checked: nothing raises, every event survives a JSON round trip, its evidence and
claims point into the text, its date range is ordered, it can be stored, and a second extraction
of the same article gives the same records.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from eventwire.errors import IngestError
from eventwire.ingest import make_article
from eventwire.record import Event
from eventwire.store import EventStore
from tests.fuzz_settings import FUZZ

pytestmark = pytest.mark.slow

ACTORS = [
    "the army",
    "Islamic State",
    "ISIS",
    "Boko Haram",
    "al-Shabaab",
    "the PMF",
    "Popular Mobilization Forces (PMF)",
    "Kata’ib Hezbollah",
    "Kata'ib Hezbollah",
    "Hashd al-Shaabi",
    "the IRGC's Quds Force",
    "police",
    "protesters",
    "the US-led coalition",
    "Israel",
    "unidentified gunmen",
    "the Taliban",
    "the militia",
    "the group",
    "it",
    "a monitoring group",
    "President Biden",
    "the UN",
    "Wagner",
    "RSF",
    "the Houthis",
    "NATO",
    "a man",
]
VERBS = [
    "attacked",
    "killed",
    "bombed",
    "denied",
    "threatened",
    "accused",
    "condemned",
    "said",
    "demanded",
    "claimed responsibility for",
    "marched in",
    "shelled",
    "kidnapped",
    "arrested",
    "wounded",
    "struck",
    "will attack",
    "could strike",
    "did not carry out",
    "was blamed for",
    "has been designated",
]
FIGURES = [
    "22",
    "more than 50",
    "dozens",
    "a dozen",
    "a dozen more",
    "two dozen",
    "scores",
    "at least 3",
    "0",
    "no",
    "1,000",
    "-5",
    "12.5",
    "999999999999999999999",
    "one",
    "hundreds",
    "up to six",
    "between 4 and 7",
    "nearly 300,000",
    "22 or more than 50",
    "IV",
]
DATES = [
    "on Sunday night",
    "early this week",
    "last month",
    "on 21 June 2018",
    "in 2009",
    "from 2005 onwards",
    "yesterday",
    "on 2018-02-30",
    "on Feb 30",
    "at 3 p.m.",
    "since 1999",
    "next year",
    "Monday's",
    "in 1066",
    "on 31/12/9999",
    "this morning",
    "two weeks ago",
    "on the 32nd",
]
PLACES = [
    "Albu Kamal",
    "Abu Kamal",
    "Al-Bukamal",
    "Deir ez-Zor",
    "Deir al-Zour",
    "Syria",
    "Mogadishu",
    "Maiduguri",
    "Kabul",
    "Al-Qaim",
    "Qaim",
    "Tall Afar",
    "Gao",
    "Boukamal",
    "Hodeidah",
    "Nowhere-ville",
    "Paris",
    "Springfield",
    "Sana'a",
    "the border",
    "Iraq and Syria",
    "El Fasher",
]
ODD = [
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "—",
    "–",
    "…",
    "...",
    "(",
    ")",
    "[",
    "]",
    ";",
    ":",
    "!",
    "?",
    "-",
    "/",
    "%",
    "\U0001f4a5",
    "الحشد الشعبي",
    "Москва",
    "北京",
    "\u200b",
    "\u00a0",
    "\t",
    "\x0b",
    "\x00",
    "\ufeff",
    "e\u0301",
    "#",
    "@user",
    "http://x.y/z",
    "&amp;",
    "'s",
    "U.S.",
    "No.",
    "Mr.",
    "\n",
    "\n\n",
    "1.",
    "•",
]
SPEECH = ["the PMF said", "according to the monitor", "officials said", "a spokesman told AFP", "it said"]
TEMPLATES = [
    "{a} {v} {b} in {p} {d}, killing {n} people, {s}.",
    "{n} people were killed and {n} wounded in {p} {d}, {s}.",
    "{a} {v} {b} {d}. {a} denied involvement.",
    "{s} that {a} {v} {p} {d}.",
    "{d} {a} {v} {b}",
    "{p}: {n} dead",
]


def sentence(r: random.Random) -> str:
    if r.random() < 0.3:  # word salad
        pool = ACTORS + VERBS + FIGURES + DATES + PLACES + ODD + SPEECH
        return " ".join(r.choices(pool, k=r.randint(1, 16)))
    text = r.choice(TEMPLATES)
    for key, pool in (
        ("{a}", ACTORS),
        ("{b}", ACTORS),
        ("{v}", VERBS),
        ("{p}", PLACES),
        ("{d}", DATES),
        ("{n}", FIGURES),
        ("{s}", SPEECH),
    ):
        while key in text:
            text = text.replace(key, r.choice(pool), 1)
    if r.random() < 0.3:
        text = text.replace(" ", f" {r.choice(ODD)} ", 1)
    return text


def news_text(r: random.Random) -> str:
    paragraphs = [" ".join(sentence(r) for _ in range(r.randint(1, 3))) for _ in range(r.randint(1, 2))]
    headline = sentence(r) if r.random() < 0.8 else ""
    return headline + "\n" + "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def store() -> Iterator[EventStore]:
    with EventStore.open(":memory:") as memory:
        yield memory


def check_event(event: Event, text: str, article_id: str, title: str | None = None) -> None:
    assert Event.model_validate_json(event.model_dump_json()) == event
    for evidence in event.evidence:
        assert evidence.article_id == article_id
        where = title if evidence.part == "title" else text  # headline evidence counts in the title
        assert where is not None
        assert 0 <= evidence.start <= evidence.end <= len(where)
        assert where[evidence.start : evidence.end] == evidence.sentence
    for figures in (event.fatalities, event.injuries):
        if figures is None:
            continue
        for claim in figures.claims:
            start, end = claim.span
            assert 0 <= start <= end <= len(text), claim
        if figures.best is not None:  # UCDP's ordering: low <= best <= high
            assert figures.low is not None and figures.high is not None, figures
            assert figures.low <= figures.best <= figures.high, figures
    if event.date.start and event.date.end:
        assert event.date.start <= event.date.end, event.date


@settings(FUZZ, max_examples=500)
@given(
    seed=st.integers(0, 2**64 - 1), published=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
)
def test_fuzz_extract_news_like_text(
    pipeline: object, store: EventStore, seed: int, published: dt.date | None
) -> None:
    r = random.Random(seed)
    raw = news_text(r)
    note(repr(raw))
    try:
        article = make_article(raw, published=published, title_from_first_line=True)
    except IngestError as exc:
        assert exc.code == "E006"
        return
    events = pipeline.extract_batch([article])[0]  # type: ignore[attr-defined]
    for event in events:
        check_event(event, article.text, article.id, article.title)
    store.add(article, events)
    if seed % 10 == 0:  # same input, same ids (and same records)
        assert pipeline.extract_batch([article])[0] == events  # type: ignore[attr-defined]
