"""Headlines in title case or capitals become sentence case; names and offsets are kept."""

from __future__ import annotations

import pytest

from eventwire.nlp.truecase import is_title_case, sentence_case

NAMES = {"Malawi", "Portugal", "Saint Vincent and the Grenadines", "Kabul", "UN", "Argentina", "Turkey"}
WORDS = {
    "police", "raid", "rights", "group", "office", "seize", "computer", "commend", "for", "their",
    "action", "leader", "criticize", "response", "to", "crisis", "condemn", "airstrike", "on",
    "hospital", "denounce", "by", "turkey", "expel", "dozen", "of", "diplomat", "the", "kabul",
}  # fmt: skip


def _is_name(text: str) -> bool:  # as the gazetteer answers: in any case
    return text.lower() in {n.lower() for n in NAMES}


def _case(text: str) -> str:
    return sentence_case(text, _is_name, WORDS.__contains__)


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # an ordinary first word too: a capital makes "Police Raid" read as a name
        (
            "Police Raid Rights Group Offices, Seize Computers",
            "police raid rights group offices, seize computers",
        ),
        ("Malawi Commends Portugal for Their Action", "Malawi commends Portugal for their action"),
        # a name of several words, with lower-case words inside it
        (
            "Saint Vincent and the Grenadines Denounces Raid",
            "Saint Vincent and the Grenadines denounces raid",
        ),
        # a name with a possessive, and a name that is also a word ("turkey")
        (
            "Leader Criticizes Argentina's Response to Crisis",
            "leader criticizes Argentina's response to crisis",
        ),
        ("Turkey Expels Dozens of Diplomats", "Turkey expels dozens of diplomats"),
        # an acronym stays; a word neither list knows (a surname) keeps its capital
        (
            "UN Condemns Airstrike on Kabul Hospital by Haftar",
            "UN condemns airstrike on Kabul hospital by Haftar",
        ),
        # capitals: names get a capital, acronyms stay, the rest is lower case
        ("UN CONDEMNS AIRSTRIKE ON KABUL HOSPITAL", "UN condemns airstrike on Kabul hospital"),
    ],
)
def test_truecase_title_case_headlines_read_as_sentences(headline: str, expected: str) -> None:
    assert _case(headline) == expected


def test_truecase_only_letter_case_changes_so_offsets_hold() -> None:
    headline = "Police Raid Rights Group Offices, Seize Computers in Kabul"
    cased = _case(headline)
    assert len(cased) == len(headline)
    assert cased.lower() == headline.lower()
    assert cased[cased.index("Kabul") :] == headline[headline.index("Kabul") :]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # sentence case already: only an ordinary first word changes
        ("Police raid offices of Kabul rights group", "police raid offices of Kabul rights group"),
        ("Kabul police raid offices of rights group", "Kabul police raid offices of rights group"),
        ("UN condemns raid", "UN condemns raid"),
        ("Haftar condemns raid", "Haftar condemns raid"),  # a word no list knows may be a name
        ("", ""),
    ],
)
def test_truecase_sentence_case_headlines_change_at_most_their_first_word(
    headline: str, expected: str
) -> None:
    assert not is_title_case(headline)
    assert _case(headline) == expected


def test_truecase_title_case_is_a_share_of_the_longer_words() -> None:
    assert is_title_case("Police Raid Rights Group Offices, Seize Computers")
    assert is_title_case("POLICE RAID OFFICES")
    assert not is_title_case("Police raid the offices of a Kabul rights group")
