"""What kind of article this is: a news report, or writing about the news.

A report opens with the news ("A British soldier has died in an explosion in Syria, the Ministry of
Defence has said"): its first sentences tell a happening as fact, and a past-tense happening with a
toll or a named place is news even when no day is given. Analyses, opinion columns and letters argue;
the happenings they name are mostly background or rhetoric, and only one the text dates to the news
window counts. Obituaries, live blogs and transcripts are told apart for the record.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from eventwire.record import Genre
from eventwire.reportability.cues import Cues

_TIMESTAMP = re.compile(r"^\s*\d{1,2}[.:]\d{2}\s?(?:am|pm|gmt|bst|utc|cet|est|edt)?\b", re.I | re.M)
_SPEAKER = re.compile(r"^\s*(?:Q|A|[A-Z][A-Za-z.\- ]{1,30}):\s", re.M)
_AUTHOR_LINE = re.compile(r"•\s*[A-Z][\w’'.\- ]{2,60}\s(?:is|was)\s(?:a|an|the)\s", re.M)
_ENDING = 300  # an opinion column's author line stands in its last few hundred characters
_REPORTING = {"say", "tell", "report", "announce", "confirm", "state", "claim", "warn", "accuse"}


def read_genre(text: str, lede: Span | None, cues: Cues) -> Genre:
    """The genre of an article from its text and the parse of its first sentence (`lede`)."""
    lowered = text.lower()
    ending = lowered[-_ENDING:]
    if any(mark in lowered[:_ENDING] or mark in ending for mark in cues.letter_marks):
        return "letter"
    if len(_SPEAKER.findall(text)) >= 3:
        return "transcript"
    if len(_TIMESTAMP.findall(text)) >= 3:
        return "live"
    if any(mark in lowered for mark in cues.obituary_marks):
        return "obituary"
    opening = lowered[:_ENDING]
    if (
        _AUTHOR_LINE.search(text[-_ENDING:])
        or any(mark in ending for mark in cues.opinion_author)
        or any(mark in opening for mark in cues.opinion_labels)
    ):
        return "opinion"
    if lede is not None and not tells_news(lede):
        return "analysis"
    return "report"


def tells_news(sentence: Span) -> bool:
    """Does a sentence tell something that happened: a past or perfect verb, or a verb of saying?"""
    for token in sentence:
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.lemma_.lower() in _REPORTING and token.tag_ in {"VBD", "VBZ", "VBN"}:
            return True
        if token.tag_ == "VBD" and token.pos_ == "VERB":
            return True
        if token.tag_ == "VBN" and token.dep_ == "acl" and token.head.dep_ == "ROOT":
            return True  # "Thousands protested in Belgrade": parsed as a clause on the subject
        if token.tag_ == "VBN" and any(
            (c.lemma_ == "have" and c.dep_ == "aux") or (c.tag_ == "VBD" and c.dep_ == "auxpass")
            for c in token.children
        ):
            return True  # "has been killed", "were killed"
    return False


def first_sentence(doc: Doc, start: int = 0) -> Span | None:
    """The first sentence after character `start` (past a dateline) that has a verb: a dateline the
    parser did not recognise ("SAN SALVADOR, 3 JAN 90 --") or an editor's tag is not the lede."""
    for sentence in doc.sents:
        if sentence.end_char > start and has_verb(sentence):
            return sentence
    return None


def has_verb(sentence: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in sentence)
