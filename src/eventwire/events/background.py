"""Which sentences speak of background rather than of the news: a 2009 designation, deaths
'from 2005 onwards', 'during the Iraq war'. Events coded from them get status 'historical'."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span

from eventwire.annotations import DateMention
from eventwire.events.lexicon import Lexicon

_DURING_WAR = re.compile(r"\bduring the [\w\- ]{0,40}\b(war|occupation|insurgency|conflict|invasion|era)\b", re.I)


def historical_sentences(
    sentences: Sequence[Span],
    dates_by_sentence: Sequence[Sequence[DateMention]],
    published: dt.date | None,
    lexicon: Lexicon,
) -> list[bool]:
    background = [c for c in lexicon.cue("background") if c != "during the"]
    flags: list[bool] = []
    for i, sent in enumerate(sentences):
        dates = dates_by_sentence[i]
        current = [d for d in dates if not d.historical and not _old(d, published)]
        old = [d for d in dates if d.historical or _old(d, published)]
        lowered = sent.text.lower()
        flag = bool(old) and not current
        if not flag and not current:
            flag = bool(_DURING_WAR.search(sent.text)) or any(cue in lowered for cue in background)
        if not flag and not dates and i > 0 and flags[i - 1] and _continues(sentences[i - 1], sent):
            # "Many were killed by roadside bombs." after a sentence about deaths from 2005 onwards:
            # an undated past-tense sentence in the same paragraph keeps the background frame.
            flag = True
        flags.append(flag)
    return flags


def _old(mention: DateMention, published: dt.date | None) -> bool:
    """A year-precision date before the year of publication (or any bare year in an undated story)."""
    if mention.precision != "year" or mention.date_start is None:
        return False
    if published is None:
        return True
    return mention.date_start.year < published.year


def _continues(previous: Span, sentence: Span) -> bool:
    between = sentence.doc.text[previous.end_char : sentence.start_char]
    if "\n\n" in between or "\n" in between.strip(" "):
        return False
    root = sentence.root
    return root.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" and c.dep_ == "auxpass" for c in root.children)
