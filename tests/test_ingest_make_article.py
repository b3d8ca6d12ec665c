"""make_article (the library entry point) and the public surface of eventwire.ingest."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire.ingest
from eventwire.errors import IngestError
from eventwire.ingest import make_article

BODY = "Insurgents ambushed a police patrol on the ring road on Wednesday, killing two officers, police said."


def test_make_article_public_surface_is_pinned() -> None:
    assert sorted(eventwire.ingest.__all__) == [
        "CleanResult",
        "IngestFailure",
        "IngestOptions",
        "article_id",
        "clean_text",
        "detect_language",
        "make_article",
        "read_inputs",
        "read_labelled",
    ]


def test_make_article_keeps_first_line_by_default() -> None:
    article = make_article(f"Patrol ambushed\n\n{BODY}")
    assert article.title is None
    assert article.text == f"Patrol ambushed\n\n{BODY}"


def test_make_article_title_from_first_line() -> None:
    article = make_article(f"\n\n  Patrol   ambushed \n\n{BODY}\n", title_from_first_line=True)
    assert article.title == "Patrol ambushed"
    assert article.text == BODY


def test_make_article_skips_widget_lines_before_headline() -> None:
    article = make_article(f"Advertisement\nPatrol ambushed\n\n{BODY}", title_from_first_line=True)
    assert article.title == "Patrol ambushed"
    assert article.removed_boilerplate == ["Advertisement"]


def test_make_article_explicit_fields() -> None:
    article = make_article(
        BODY,
        title="Patrol ambushed",
        url="https://x.example/a",
        outlet="Ring Road Radio",
        published=dt.date(2020, 2, 2),
    )
    assert (article.title, article.url, article.outlet, article.published) == (
        "Patrol ambushed",
        "https://x.example/a",
        "Ring Road Radio",
        dt.date(2020, 2, 2),
    )
    assert article.language == "en"


def test_make_article_repeated_headline_dropped_from_body() -> None:
    article = make_article(f"Patrol ambushed.\n\n{BODY}", title="Patrol ambushed")
    assert article.text == BODY
    assert article.removed_boilerplate == ["Patrol ambushed."]


def test_make_article_outlet_from_credit_unless_given() -> None:
    assert make_article(f"{BODY}\n\nSource: Ring Road Radio").outlet == "Ring Road Radio"
    assert make_article(f"{BODY}\n\nSource: Ring Road Radio", outlet="Wire").outlet == "Wire"


@pytest.mark.parametrize("text", ["", "   \n\n", "Advertisement\n\nShare this"])
def test_make_article_without_body_raises_e006(text: str) -> None:
    with pytest.raises(IngestError) as info:
        make_article(text)
    assert info.value.code == "E006"


def test_make_article_non_english_is_marked() -> None:
    article = make_article("Les rebelles ont attaqué la ville pendant la nuit, selon des sources locales.")
    assert article.language == "fr"
