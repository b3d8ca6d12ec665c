"""Shared fixtures: the real pipeline (loaded once per session) and the ../shared data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "airstrike-albu-kamal.txt"


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a message saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: this test reads the project's shared data (../shared beside the repo)"
        )
    return path


@pytest.fixture(scope="session")
def pipeline() -> Iterator[object]:
    from eventwire import Pipeline

    p = Pipeline()
    p.warm_up()
    yield p


@pytest.fixture(scope="session")
def nlp(pipeline: object) -> object:
    return pipeline.nlp  # type: ignore[attr-defined]
