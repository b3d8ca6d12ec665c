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


# "during the offensive", "in the battle": an event named by its noun alone, which an earlier
# sentence may have dated.
_DURING_THE = re.compile(
    r"\b(?:during|in|throughout) the (?:[\w\-]+ ){0,2}?(offensive|battle|siege|war|campaign|occupation)\b",
    re.I,
)


class Background:
    """Which sentences and which clauses speak of the past.

    A date before the news window ("since 2009", "in 2015" in a 2018 story) makes its own clause
    background, not the whole sentence: in "Police blamed ISWAP, which has attacked the town since
    2016, for the bombing", only the relative clause is history. An undated past-tense sentence that
    continues a background sentence in the same paragraph keeps the frame ("Many were killed by
    roadside bombs." after deaths "from 2005 onwards")."""

    def __init__(
        self,
        sentences: Sequence[Span],
        dates_by_sentence: Sequence[Sequence[DateMention]],
        published: dt.date | None,
        lexicon: Lexicon,
    ) -> None:
        self.lexicon = lexicon
        self.old: list[list[Token]] = []  # per sentence: the tokens where past dates stand
        self.sentence: list[bool] = []  # the sentence's main clause is background
        self.carried: list[bool] = []
        self.main: list[bool] = []  # the main clause itself carries a past date
        told: list[str] = []  # the background sentences so far, lower-cased
        for i, sent in enumerate(sentences):
            dates = dates_by_sentence[i]
            current = [d for d in dates if not d.historical and not _old(d, published)]
            old = [_token_at(sent, d.start) for d in dates if d.historical or _old(d, published)]
            # With a current date in the sentence, only a subordinate clause can still be background
            # ("Al-Shabaab, which the US designated a terrorist group in 2008, attacked ... on Tuesday").
            self.old.append([t for t in old if clause_head(t).i != sent.root.i] if current else old)
            main = not current and any(clause_head(t).i == sent.root.i for t in old)
            carried = (
                not main
                and not dates
                and i > 0
                and (
                    (self.sentence[i - 1] and _continues(sentences[i - 1], sent)) or _refers_back(sent, told)
                )
            )
            self.main.append(main)
            self.carried.append(carried)
            self.sentence.append(main or carried)
            if main or carried:
                told.append(sent.text.lower())

    def of_trigger(self, token: Token, sentence: int) -> bool:
        """Is this trigger background: a past date in its clause or phrase, a carried frame, or a
        background phrase ("has long warned", "attacks during the Iraq war")?"""
        if self.carried[sentence] or has_background_cue(token, self.lexicon):
            return True
        head = clause_head(token)
        if self.main[sentence] and head.dep_ in {"relcl", "acl"}:
            return True  # "fought a war in 2006 that killed about 1,200 people": it tells of the war
        # A noun's own phrase counts ("attacks on its forces in 2007"); a verb's object clauses do not.
        inside = token.pos_ in {"NOUN", "PROPN"}
        return any(
            clause_head(t).i == head.i or (inside and token.left_edge.i <= t.i <= token.right_edge.i)
            for t in self.old[sentence]
        )


_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj", "pcomp"}


def clause_head(token: Token) -> Token:
    """The verb heading the clause `token` stands in (the sentence root for a main clause)."""
    current = token
    while current.head.i != current.i:
        if (current.dep_ in _CLAUSES and current.pos_ in {"VERB", "AUX"}) or current.dep_ in {"relcl", "acl"}:
            return current
        current = current.head
    return current


def _token_at(sent: Span, char: int) -> Token:
    for token in sent:
        if token.idx <= char < token.idx + max(1, len(token.text)):
            return token
    return sent.root


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


def _refers_back(sentence: Span, told: Sequence[str]) -> bool:
    """An undated sentence about "the offensive" an earlier background sentence (`told`, lower-cased)
    told of: "Rights groups later estimated that 1,600 civilians died during the offensive" (of 2017)."""
    found = _DURING_THE.search(sentence.text)
    if found is None:
        return False
    noun = found.group(1).lower()
    return any(noun in earlier for earlier in told)


def _continues(previous: Span, sentence: Span) -> bool:
    gap = sentence.doc.text[previous.start_char : sentence.start_char]
    if "\n" in gap[len(gap.rstrip()) :]:
        return False  # a new paragraph starts a new frame
    root = sentence.root
    return root.tag_ in {"VBD", "VBN"} or any(c.tag_ == "VBD" and c.dep_ == "auxpass" for c in root.children)
