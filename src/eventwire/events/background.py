"""Which sentences speak of background rather than of the news: a 2009 designation, deaths
'from 2005 onwards', 'during the Iraq war'. Events coded from them get status 'historical'."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventwire.annotations import DateMention
from eventwire.events.lexicon import Lexicon

_DURING_WAR = re.compile(
    r"\bduring the [\w\- ]{0,40}\b(war|occupation|insurgency|conflict|invasion|era)\b", re.I
)


def historical_sentences(
    sentences: Sequence[Span],
    dates_by_sentence: Sequence[Sequence[DateMention]],
    published: dt.date | None,
    lexicon: Lexicon,
) -> list[bool]:
    """Sentences dated in the past (a year before publication, "since 2009"), and undated past-tense
    sentences that continue such a sentence. Background phrases without a date ("has long",
    "during the war") are checked per trigger by `has_background_cue`, since they often qualify
    only one phrase of a sentence that also reports news."""
    flags: list[bool] = []
    framed: list[bool] = []  # the sentence sets a background frame, by a date or a phrase
    for i, sent in enumerate(sentences):
        dates = dates_by_sentence[i]
        current = [d for d in dates if not d.historical and not _old(d, published)]
        old = [d for d in dates if d.historical or _old(d, published)]
        flag = bool(old) and not current
        if not flag and not dates and i > 0 and framed[i - 1] and _continues(sentences[i - 1], sent):
            # "Many were killed by roadside bombs." after a sentence about deaths from 2005 onwards:
            # an undated past-tense sentence in the same paragraph keeps the background frame.
            flag = True
        flags.append(flag)
        framed.append(flag)
    return flags


def has_background_cue(token: Token, lexicon: Lexicon) -> bool:
    """A background phrase inside the trigger's own phrase or clause ('attacks ... during the Iraq war',
    'has long warned')."""
    subtree = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return _phrase_cue(subtree.text, lexicon)


def _phrase_cue(text: str, lexicon: Lexicon) -> bool:
    lowered = text.lower()
    background = (c for c in lexicon.cue("background") if c != "during the")
    return bool(_DURING_WAR.search(text)) or any(cue in lowered for cue in background)


def _old(mention: DateMention, published: dt.date | None) -> bool:
    """A year-precision date before the year of publication (or any bare year in an undated story)."""
    if mention.precision != "year" or mention.date_start is None:
        return False
    if published is None:
        return True
    return mention.date_start.year < published.year


def _continues(previous: Span, sentence: Span) -> bool:
    gap = sentence.doc.text[previous.start_char : sentence.start_char]
    if "\n" in gap[len(gap.rstrip()) :]:
        return False  # a new paragraph starts a new frame
    root = sentence.root
    return root.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" and c.dep_ == "auxpass" for c in root.children)
