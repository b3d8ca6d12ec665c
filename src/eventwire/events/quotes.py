"""Who speaks a quotation that names no speaker of its own.

News copy often gives the attribution once and lets the quote run on in its own paragraph:

    Netanyahu told his cabinet that he had "reiterated our guiding principles regarding Syria."
    "First of all, Iran needs to withdraw from all of Syria. Second, we will take action ..."

The second paragraph is Netanyahu's: its "we" is his side. A sentence inside quotation marks with no
verb of saying is given the speaker of the nearest sentence before it that has one, looking back at
most `_LOOK_BACK` sentences and never past a paragraph without quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from eventwire.annotations import ActorMention
from eventwire.events.lexicon import Lexicon
from eventwire.events.roles import MentionIndex, actors_of
from eventwire.events.syntax import subjects

_OPENING = {"“", '"', "‘"}
_QUOTES = {"“", "”", '"'}
_LOOK_BACK = 3
FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me"})


def quote_speakers(
    sentences: Sequence[Span], index: MentionIndex, lexicon: Lexicon
) -> list[list[ActorMention]]:
    """Per sentence: the actors who speak it when it is an unattributed quotation, else []."""
    reporting = lexicon.cue("reporting_verbs")
    own: list[list[ActorMention]] = [_speakers(sent, index, reporting) for sent in sentences]
    out: list[list[ActorMention]] = []
    text = sentences[0].doc.text if sentences else ""  # read once: rebuilt from the tokens each time
    for i, sent in enumerate(sentences):
        if own[i] or not _quoted(sent, text):
            out.append([])
            continue
        found: list[ActorMention] = []
        for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
            if own[j]:
                found = own[j] if _has_quote(sentences[j]) or _quoted(sentences[j], text) else []
                break
            if not (_quoted(sentences[j], text) or _has_quote(sentences[j])):
                break  # narrative in between: the quotation is not the last speaker's
        out.append(found)
    return out


def _speakers(sent: Span, index: MentionIndex, reporting: frozenset[str]) -> list[ActorMention]:
    for token in sent:
        if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in reporting:
            found = actors_of(subjects(token), index)
            if found:
                return found
    return []


def _quoted(sent: Span, doc_text: str) -> bool:
    """The sentence opens a quotation, or continues one opened earlier in its paragraph."""
    text = sent.text.lstrip()
    if text[:1] in _OPENING:
        return True
    paragraph_start = doc_text.rfind("\n", 0, sent.start_char) + 1
    before = doc_text[paragraph_start : sent.start_char]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


def _has_quote(sent: Span) -> bool:
    return any(c in sent.text for c in _QUOTES)
