"""From figure mentions to the record: claims, and ACLED's conservative best with UCDP-style bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from eventwire.annotations import FigureMention
from eventwire.claims.lexicon import load_lexicon
from eventwire.record import FigureClaim, Figures


def to_claim(mention: FigureMention, article_id: str | None = None) -> FigureClaim:
    """The published form of one figure mention (vague ones carry the qualifier "vague")."""
    return FigureClaim(
        value=mention.value,
        low=mention.low,
        high=mention.high,
        qualifier="vague" if mention.vague else mention.qualifier,
        according_to=mention.according_to,
        text=mention.text,
        span=(mention.start, mention.end),
        article_id=article_id,
    )


def summarize_figures(
    claims: Sequence[FigureClaim], published: Mapping[str, dt.date | None] | None = None
) -> Figures:
    """best = the lowest explicit figure (ACLED's conservative rule); low/high = the widest bounds.

    Vague claims ("dozens" = 12) count only when no claim gives a number: "dozens" beside an
    explicit 22 is consistent with it and must not pull best or low below what anyone counted.
    A "more than 50" claim compares as 50 for best, as 51 for low, and as 50 for high (no upper
    bound is stated); low and high never leave best outside them, so "more than 50" alone is 50,
    50, 50 (the claim keeps its own low of 51). Zero ("no one was hurt") is a figure: 0, not null.
    `published` (article id -> date) lets an update supersede the figures of articles published
    before its own too: a merged event's reports (store/merge_record.py).
    """
    usable = [c for c in current_claims(claims, published) if c.value is not None]
    tolls = [c for c in usable if not is_increment(c)]
    usable = tolls or usable  # "two more died" says at least two, and only when no toll is given
    if not usable:
        return Figures(claims=list(claims))
    explicit = [c for c in usable if c.qualifier != "vague"]
    pool = explicit or usable
    values = [c.value for c in pool if c.value is not None]
    lows = [c.low if c.low is not None else c.value for c in pool]
    highs = [c.high if c.high is not None else c.value for c in pool]
    best = min(values)
    return Figures(
        best=best,
        low=min(best, *(v for v in lows if v is not None)),
        high=max(best, *(v for v in highs if v is not None)),
        claims=list(claims),
    )


def is_increment(claim: FigureClaim) -> bool:
    """ "Two more of the wounded died", "another three bodies", "two who had been wounded died":
    deaths added to a toll given elsewhere (often in another article), not a toll ("more than 50"
    is a toll)."""
    lex = load_lexicon()
    text = claim.text.lower()
    words = text.split()[:3]
    if any(phrase in text for phrase in lex.increment_phrases):
        return True
    return any(
        w in lex.increment_words and not (w == "more" and i + 1 < len(words) and words[i + 1] == "than")
        for i, w in enumerate(words)
    )


def current_claims(
    claims: Sequence[FigureClaim], published: Mapping[str, dt.date | None] | None = None
) -> list[FigureClaim]:
    """The claims still current: an update ("the toll rose to 31", "has climbed to 40") is a later
    count of the same dead, not a second opinion, so it supersedes the earlier figures of its own
    article, and with `published`, those of articles published before its own. Figures after the
    update, and other articles' figures, stay in play."""
    words = load_lexicon().update_words
    updates = [c for c in claims if c.value is not None and words & set(c.text.lower().split())]
    if not updates:
        return list(claims)
    dates = published or {}

    def earlier(c: FigureClaim, u: FigureClaim) -> bool:
        if c.article_id == u.article_id:
            return c.span[0] < u.span[0]
        mine, theirs = dates.get(c.article_id or ""), dates.get(u.article_id or "")
        return mine is not None and theirs is not None and mine < theirs

    superseded = {id(c) for u in updates for c in claims if c is not u and earlier(c, u)}
    return [c for c in claims if id(c) not in superseded]
