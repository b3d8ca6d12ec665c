"""summarize_figures and to_claim: ACLED's conservative best, UCDP-style low/high, claims kept."""

from __future__ import annotations

import pytest

from eventwire.annotations import FigureMention
from eventwire.claims import summarize_figures, to_claim
from eventwire.record import FigureClaim, Figures, Qualifier


def claim(
    value: int, qualifier: Qualifier = "exact", low: int | None = None, high: int | None = None
) -> FigureClaim:
    return FigureClaim(value=value, low=low, high=high, qualifier=qualifier, text=str(value), span=(0, 1))


CASES: list[tuple[list[FigureClaim], tuple[int | None, int | None, int | None]]] = [
    ([], (None, None, None)),
    ([claim(22)], (22, 22, 22)),
    ([claim(22), claim(50, "more than", low=51)], (22, 22, 50)),
    ([claim(50, "more than", low=51)], (50, 50, 50)),  # bounds never leave best outside them
    ([claim(12, "vague"), claim(22), claim(50, "more than", low=51)], (22, 22, 50)),
    ([claim(12, "vague")], (12, 12, 12)),
    ([claim(12, "vague"), claim(100, "vague")], (12, 12, 100)),
    ([claim(20, "range", low=20, high=30)], (20, 20, 30)),
    ([claim(0)], (0, 0, 0)),
    ([claim(0), claim(3)], (0, 0, 3)),
    ([claim(40, "approximate", high=40), claim(35)], (35, 35, 40)),
    ([claim(15, "up to", high=15)], (15, 15, 15)),
    ([claim(5, "at least", low=5), claim(9)], (5, 5, 9)),
]


@pytest.mark.parametrize(("claims", "expected"), CASES)
def test_claims_summary_best_low_high(claims: list[FigureClaim], expected: tuple[int | None, ...]) -> None:
    figures = summarize_figures(claims)
    assert (figures.best, figures.low, figures.high) == expected
    assert figures.claims == claims


def test_claims_summary_empty_is_nothing_reported() -> None:
    assert summarize_figures([]) == Figures()


def test_claims_summary_to_claim_keeps_text_span_speaker() -> None:
    mention = FigureMention(
        kind="killed",
        value=50,
        low=51,
        high=None,
        qualifier="more than",
        start=10,
        end=48,
        text="put the toll at more than 50",
        according_to="Monitor",
    )
    out = to_claim(mention, "a1")
    assert out == FigureClaim(
        value=50,
        low=51,
        high=None,
        qualifier="more than",
        according_to="Monitor",
        text="put the toll at more than 50",
        span=(10, 48),
        article_id="a1",
    )
    vague = FigureMention("killed", 12, None, None, "vague", 0, 6, "dozens", vague=True)
    assert to_claim(vague).qualifier == "vague"


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        pytest.param(
            [("4 killed", 4), ("two more died", 2)], (4, 4, 4), id="an increment beside a toll is left out"
        ),
        pytest.param([("two more died", 2)], (2, 2, 2), id="an increment alone is at least its number"),
        pytest.param(
            [("5 killed", 5), ("two fighters who had been wounded in the attack died", 2)],
            (5, 5, 5),
            id="the wounded who died were counted before",
        ),
        pytest.param([("more than 3 killed", 3), ("6 dead", 6)], (3, 3, 6), id="more than is a toll"),
    ],
)
def test_claims_summary_increments_are_not_tolls(
    stated: list[tuple[str, int]], expected: tuple[int, int, int]
) -> None:
    claims = [
        FigureClaim(value=value, text=text, span=(100 * i, 100 * i + len(text)))
        for i, (text, value) in enumerate(stated)
    ]
    figures = summarize_figures(claims)
    assert (figures.best, figures.low, figures.high) == expected
