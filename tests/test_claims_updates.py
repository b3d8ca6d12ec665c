"""Updated tolls: "the death toll rose to 31" is a later count of the same dead, not a second opinion.

The update replaces the figures its own article gave before it; figures after it and figures from
other articles stay in play, and every claim stays listed (sentences.yaml, "Conventions").
"""

from __future__ import annotations

from typing import Any

from eventwire.claims import find_figures, summarize_figures
from eventwire.claims.summary import current_claims
from eventwire.record import FigureClaim


def claim(value: int, text: str, start: int, article: str = "a1") -> FigureClaim:
    return FigureClaim(value=value, text=text, span=(start, start + len(text)), article_id=article)


def test_claims_update_replaces_the_earlier_figures_of_its_article() -> None:
    claims = [claim(18, "killing 18 people", 10), claim(31, "the death toll later rose to 31", 60)]
    figures = summarize_figures(claims)
    assert (figures.best, figures.low, figures.high) == (31, 31, 31)
    assert [c.value for c in figures.claims] == [18, 31]  # the earlier claim is kept, not counted


def test_claims_update_leaves_later_and_other_articles_figures_in_play() -> None:
    claims = [
        claim(7, "7 people were killed", 5),
        claim(11, "the toll had climbed to 11", 50),
        claim(14, "14 dead", 90),
        claim(5, "5 people were killed", 0, article="a2"),
    ]
    assert [c.value for c in current_claims(claims)] == [11, 14, 5]


def test_claims_without_update_words_are_all_current() -> None:
    claims = [claim(22, "killing 22 fighters", 0), claim(50, "put the fatality figure at more than 50", 40)]
    assert current_claims(claims) == claims


def test_claims_bare_figure_counts_what_the_figure_before_it_counted(nlp: Any) -> None:
    doc = nlp("The army said 12 militants were killed in the raid. The group put the figure at three.")
    assert [(f.kind, f.value) for f in find_figures(doc)] == [("killed", 12), ("killed", 3)]


def test_claims_bare_toll_counts_deaths(nlp: Any) -> None:
    doc = nlp("Gunmen opened fire at a rally. By evening the toll had climbed to 11.")
    assert [(f.kind, f.value) for f in find_figures(doc)] == [("killed", 11)]


def test_claims_shot_dead_is_one_death(nlp: Any) -> None:
    doc = nlp("A policeman was shot dead by unknown gunmen on Monday.")
    assert [(f.kind, f.value) for f in find_figures(doc)] == [("killed", 1)]
