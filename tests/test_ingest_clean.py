"""Cleaning: boilerplate lines go (and are recorded), prose stays, paragraphs survive."""

from __future__ import annotations

import re

import pytest

from eventwire.ingest import clean_text
from eventwire.ingest.clean import load_rules

BODY = (
    "Security forces exchanged fire with gunmen near the provincial headquarters on Monday, "
    "killing two attackers, the regional police chief told reporters at a news conference.\n\n"
    "The chief said a third attacker was arrested and that two officers were treated for minor injuries."
)


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "- Advertisement -",
        "Story continues below advertisement",
        "Related",
        "Related Articles",
        "Related Stories:",
        "Read more",
        "Read More: Parliament votes to extend state of emergency",
        "Also read: Border crossing reopens after two weeks",
        "Share this",
        "Share this article",
        "Share on Facebook",
        "Share on Twitter",
        "Click here to subscribe to our alerts",
        "Subscribe to our newsletter",
        "Sign up for our newsletter",
        "Follow us on Twitter and Instagram",
        "© 2019 Valley Herald Media",
        "Copyright 2020 The Evening Ledger",
        "All rights reserved.",
        "Recommended",
        "Trending now",
        "We use cookies to give you the best experience on our website.",
        "By continuing to browse the site you agree to our use of cookies.",
        "Tags: protest, police, capital",
        "Facebook",
        "Twitter",
        "WhatsApp | Telegram | Email",
        "Print",
        "*****",
    ],
)
def test_clean_widget_line_removed_anywhere(line: str) -> None:
    first, second = BODY.split("\n\n")
    result = clean_text(f"{first}\n\n{line}\n\n{second}")
    assert result.text == BODY
    assert result.removed == [line.strip()]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Residents who want to read more about the compensation scheme can visit the town hall.",
        "Related talks between the two delegations began on Monday in the capital.",
        "Share prices of defence companies rose sharply after the ministry announced new orders.",
        "Subscribers to the militia's channel were told to gather near the bridge at dawn.",
        "Advertisements posted on social media called on former soldiers to join the new force.",
        "Twitter users shared videos of the explosion within minutes of the blast.",
        "Via a spokesman, the ministry said the operation would continue until the town was secure.",
        "The copyright dispute between the two broadcasters went to court in March.",
        "‘Infiltrate and undermine’",
    ],
)
def test_clean_prose_that_mentions_markers_is_kept(paragraph: str) -> None:
    text = f"{BODY}\n\n{paragraph}\n\nThe inquiry into the shooting is expected to report within a month."
    result = clean_text(text)
    assert paragraph in result.text
    assert result.removed == []


@pytest.mark.parametrize(
    ("credit", "outlet"),
    [
        ("Source » dailywire", "dailywire"),
        ("Source: Reuters", "Reuters"),
        ("Source - Gulf Observer", "Gulf Observer"),
        ("Via The Mountain Post", "The Mountain Post"),
        ("Via: regionalnews.example", "regionalnews.example"),
        ("Originally published by Harbour Times", "Harbour Times"),
        ("This article first appeared on Coastline Weekly.", "Coastline Weekly"),
    ],
)
def test_clean_trailing_credit_names_outlet(credit: str, outlet: str) -> None:
    result = clean_text(f"{BODY}\n\n{credit}\n\nShare this\n")
    assert result.text == BODY
    assert result.outlet == outlet
    assert result.removed == [credit, "Share this"]


def test_clean_credit_like_line_inside_body_is_kept() -> None:
    text = f"Source: a senior officer\n\n{BODY}"
    result = clean_text(text)
    assert result.outlet is None
    assert result.text.startswith("Source: a senior officer")


def test_clean_credit_that_is_a_sentence_is_not_an_outlet() -> None:
    text = f"{BODY}\n\nSource: officials said the convoy was hit. Two trucks burned near the checkpoint."
    result = clean_text(text)
    assert result.outlet is None
    assert "Two trucks burned" in result.text


@pytest.mark.parametrize(
    "footer",
    [
        'You May Be Interested{"items": [{"title": "Storm hits coast"}]}',
        "You May Be Interested<div class='teaser'>Floods in the south",
        "You might also like\nFarmers protest over water rights\nNew bridge opens",
        "Related Stories\nCeasefire talks stall\nElection date set",
        "Comments\n12 comments\nGreat article!",
        "RelatedCeasefire talks stall",
    ],
)
def test_clean_trailing_block_removed_even_when_glued(footer: str) -> None:
    result = clean_text(f"{BODY}\n\n{footer}")
    assert result.text == BODY
    assert result.removed == [line for line in footer.split("\n") if line]


def test_clean_marker_mid_story_does_not_cut_the_rest() -> None:
    second_half = "\n\n".join([BODY] * 3)
    result = clean_text(f"{BODY}\n\nRelated Articles\n\n{second_half}")
    assert result.text == f"{BODY}\n\n{second_half}"
    assert result.removed == ["Related Articles"]


def test_clean_removed_lines_in_text_order() -> None:
    text = f"Advertisement\n\n{BODY}\n\nTags: army, police\n\nSource: Valley Herald\n\nYou May Be Interested"
    result = clean_text(text)
    assert result.removed == [
        "Advertisement",
        "Tags: army, police",
        "Source: Valley Herald",
        "You May Be Interested",
    ]


def test_clean_normalises_whitespace_and_paragraphs() -> None:
    text = (
        "  First\u00a0paragraph  has   odd\tspacing.\r\n\r\n\r\n\r\nSecond\u200b paragraph.\rThird line.\n\n"
    )
    result = clean_text(text)
    assert result.text == "First paragraph has odd spacing.\n\nSecond paragraph.\n\nThird line."


def test_clean_joins_hard_wrapped_lines() -> None:
    text = (
        "The governor said the curfew would stay in force until the\n"
        "security forces had searched every district of the city for\n"
        "weapons, and that Iranian-\n"
        "backed groups would not be allowed to operate openly.\n\n"
        "Second paragraph."
    )
    result = clean_text(text)
    first, second = result.text.split("\n\n")
    assert first.startswith("The governor said the curfew would stay in force until the security forces")
    assert "Iranian-backed groups" in first
    assert second == "Second paragraph."


def test_clean_decodes_leftover_entities_and_composes_accents() -> None:
    result = clean_text("The mayor of Bogota&#8217;s office said &amp; confirmed it. Cafe\u0301 owners fled.")
    assert result.text == "The mayor of Bogota’s office said & confirmed it. Café owners fled."


def test_clean_rules_file_is_valid() -> None:
    rules = load_rules()
    assert rules.lines and rules.tail_markers and rules.outlet_lines
    for pattern, limit in rules.lines:
        assert isinstance(pattern, re.Pattern) and limit > 0
        # A pattern that matched an empty line would swallow paragraph breaks.
        assert not pattern.fullmatch("")
    assert all("outlet" in p.groupindex for p in rules.outlet_lines)


def test_clean_only_boilerplate_gives_empty_text() -> None:
    result = clean_text("Advertisement\n\nShare this\n\nFacebook")
    assert result.text == ""
    assert result.removed == ["Advertisement", "Share this", "Facebook"]
