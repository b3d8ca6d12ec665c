"""Reportability: is each candidate a specific, real, current happening the text reports as fact?

The stage after events (DESIGN.md, "reportability"). It reads the article's genre once, judges each
candidate event on the words that told it, and gives it its status (occurred, hypothetical, planned,
historical) or drops it (a figure of speech, a recollection, a campaign toll, a habit, nothing that
anchors it as news). Every kept event carries the verdict in `reportability` ({reason, cue, genre});
`Pipeline.candidates` returns the dropped ones too, with theirs, for `eventwire explain`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventwire.annotations import DateMention
from eventwire.events.candidate import Candidate
from eventwire.events.coding import event_id
from eventwire.record import Event, Genre
from eventwire.reportability.cues import Cues, load_cues
from eventwire.reportability.genre import first_sentence, has_verb, read_genre
from eventwire.reportability.judge import (
    BRIEF_SENTENCES,
    LEDE_SENTENCES,
    Reading,
    Verdict,
    judge_triggers,
    with_verdict,
    without_sentences,
)

__all__ = ["Judged", "ReportabilityStage", "Verdict"]


@dataclass(frozen=True)
class Judged:
    """A candidate after the stage: the event as it leaves (status and verdict set), and the verdict."""

    event: Event
    verdict: Verdict

    @property
    def kept(self) -> bool:
        return self.verdict.kept


class ReportabilityStage:
    """The reportability stage; one per pipeline (it holds nothing but its word lists)."""

    def __init__(self, cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()

    def genre(self, text: str, doc: Doc, start: int = 0) -> Genre:
        """The genre of an article from its text and the parse of its first piece (after `start`)."""
        return read_genre(text, first_sentence(doc, start), self.cues)

    def assess(
        self,
        candidates: Sequence[Candidate],
        doc: Doc,
        *,
        genre: Genre,
        published: dt.date | None,
        opening: bool,
        start: int = 0,
        headline: bool = False,
        dates: Sequence[DateMention] = (),
        offset: int = 0,
    ) -> list[Judged]:
        """Judge the candidates of one parsed piece; `opening` says whether the piece opens the article
        (its first sentences after character `start`, the dateline's end, are the lede); `offset` is
        where the piece starts in the article text."""
        sentences = list(doc.sents)
        told = [i for i, s in enumerate(sentences) if s.end_char > start and has_verb(s)]
        lede = frozenset(told[:LEDE_SENTENCES] if opening else ())
        reading = Reading(
            genre=genre,
            published=published,
            lede=lede,
            sentences=sentences,
            text=doc.text,
            dates=dates,
            # (a piece of a chunked article is long: only an opening piece this short is a whole story)
            brief=opening and not headline and len(told) <= BRIEF_SENTENCES,
        )
        judged = []
        for candidate in candidates:
            if headline:
                candidate = replace(candidate, headline=True)
            verdict, each = judge_triggers(candidate, reading, self.cues)
            event = candidate.event
            if verdict.status == "occurred":
                # a sentence whose every mention was stopped told something else: it leaves the event
                # ("Gunmen killed four in Kidal on Sunday. The war has killed 400,000.")
                telling = {t.sent.start for t, v in each if v.status == "occurred"}
                stopped = {
                    t.sent.start: (t, v)
                    for t, v in each
                    if v.status != "occurred" and v.reason != "unanchored" and t.sent.start not in telling
                }  # (a sentence that merely lacks an anchor may go on telling the news: it stays)
                if stopped:
                    spans = [
                        (offset + t.sent.start_char, offset + t.sent.end_char) for t, _ in stopped.values()
                    ]
                    judged += [Judged(_apart(event, t, offset, genre, v), v) for t, v in stopped.values()]
                    event = without_sentences(event, spans)
            judged.append(Judged(with_verdict(event, verdict, genre), verdict))
        return judged


def _apart(event: Event, trigger: Token, offset: int, genre: Genre, verdict: Verdict) -> Event:
    """What one stopped sentence of a candidate told, as a candidate of its own (shown by explain)."""
    lo, hi = offset + trigger.sent.start_char, offset + trigger.sent.end_char
    others = [(e.start, e.end) for e in event.evidence if e.part == "text" and not lo <= e.start < hi]
    alone = without_sentences(event, others)
    article = event.evidence[0].article_id if event.evidence else ""
    start = offset + trigger.idx
    alone = alone.model_copy(
        update={"id": event_id(article, [(start, start + len(trigger.text))], event.type)}
    )
    return with_verdict(alone, verdict, genre)
