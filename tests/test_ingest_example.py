"""The project's worked example (read from ../shared, never copied): headline, outlet, clean footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.record import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "airstrike-albu-kamal.txt"


@pytest.fixture(scope="module")
def example() -> Article:
    if not EXAMPLE.exists():
        pytest.skip(f"the shared example is not at {EXAMPLE}")
    (article,) = read_inputs([EXAMPLE])
    assert isinstance(article, Article)
    return article


def test_example_headline_and_outlet(example: Article) -> None:
    first_line = next(line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip())
    assert example.title == first_line.strip()
    assert example.outlet == "cnsnews"
    assert example.language == "en"


def test_example_footer_removed(example: Article) -> None:
    assert "You May Be Interested" not in example.text
    assert "Source »" not in example.text
    assert example.removed_boilerplate == ["Source » cnsnews", "You May Be Interested"]
    assert example.title is not None and not example.text.startswith(example.title)


def test_example_paragraphs_kept(example: Article) -> None:
    raw_paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    # Headline and the two footer lines go; every other paragraph stays, one blank line apart.
    assert len(example.text.split("\n\n")) == len(raw_paragraphs) - 3
