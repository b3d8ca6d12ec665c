"""Headlines in title case or capitals become sentence case; names and offsets are kept."""

from __future__ import annotations

import pytest

from eventwire.nlp.truecase import in_capitals, is_title_case, sentence_case, text_case

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


# A whole text in capitals (a wire or radio transcript) in ordinary case.
TEXT_WORDS = WORDS | {
    "guerrilla", "attack", "kidnap", "mayor", "army", "national", "liberation", "front", "terrorist",
    "was", "were", "by", "in", "a", "and", "who", "said", "today", "he", "found", "dead", "i",
    "saw", "take", "took", "place", "week", "bomb", "explode", "at", "brigade", "it", "this", "text",
}  # fmt: skip
ACRONYMS = {"ELN", "UN"}


def _text_case(text: str) -> str:
    return text_case(text, _is_name, TEXT_WORDS.__contains__, ACRONYMS.__contains__)


def test_a_text_in_capitals_reads_in_ordinary_case() -> None:
    text = (
        "KABUL, 9 JAN 90 -- [TEXT] THE MAYOR OF KABUL, WHO WAS KIDNAPPED ON 5 JANUARY BY ELN "
        "GUERRILLAS, WAS FOUND DEAD TODAY. I SAW IT TAKE PLACE THIS WEEK."
    )
    assert _text_case(text) == (
        "Kabul, 9 Jan 90 -- [text] The mayor of Kabul, who was kidnapped on 5 January by ELN "
        "guerrillas, was found dead today. I saw it take place this week."
    )


def test_an_acronym_defined_in_brackets_stays_in_capitals_with_its_name_capitalised() -> None:
    text = "TERRORISTS OF THE ZARAGOZA NATIONAL LIBERATION FRONT [ZNLF] ATTACKED. THE ZNLF SAID."
    assert _text_case(text) == (
        "Terrorists of the Zaragoza National Liberation Front [ZNLF] attacked. The ZNLF said."
    )


def test_text_case_keeps_every_offset() -> None:
    text = "A BOMB EXPLODED AT THE 4TH BRIGADE IN KABUL ON MONDAY. UN OFFICE."
    cased = _text_case(text)
    assert len(cased) == len(text)
    assert cased.upper() == text.upper()
    assert "4th brigade" in cased and "Monday" in cased and "UN office" in cased


def test_only_a_text_mostly_in_capitals_is_in_capitals() -> None:
    assert in_capitals("GUERRILLAS OF THE FMLN ATTACKED THE POWER STATION IN SAN MIGUEL TODAY.")
    assert not in_capitals("The FMLN attacked the power station in San Miguel, the ARMY said today.")
    assert not in_capitals("UN NATO")  # too short to tell


def test_a_name_before_its_acronym_stops_at_a_comma() -> None:
    text = "THE ARMY, KABUL LIBERATION FRONT [KLF] SAID."
    assert _text_case(text) == "The army, Kabul Liberation Front [KLF] said."


def test_long_runs_of_spaces_and_marks_read_in_one_pass() -> None:
    # Each of these took time growing with the square of its length (minutes at this size).
    for text in ("A BOMB. " + " " * 200_000 + "1", "A BOMB " + "X [AB] " * 30_000):
        cased = _text_case(text)
        assert len(cased) == len(text) and cased.upper() == text.upper()
