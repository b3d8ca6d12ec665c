"""What the events stage hands on: an event as coded, with the words in the text that told it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.record import Event


@dataclass(frozen=True)
class Candidate:
    """An event before the reportability stage has judged whether the text reports it as news.

    `triggers` are the words that name the happening, one per mention ("struck", "the strike",
    "Monday's attack"); `headline` marks an event told by the article's title.
    """

    event: Event
    triggers: tuple[Token, ...]
    headline: bool = False
