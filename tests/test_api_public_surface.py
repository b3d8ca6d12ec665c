"""The public API is small and pinned (after httpx's test_exported_members)."""

from __future__ import annotations

import json

import eventwire
from eventwire.record import json_schema
from tests.conftest import REPO


def test_api_all_is_pinned() -> None:
    assert sorted(eventwire.__all__) == [
        "Article",
        "Event",
        "Extraction",
        "Pipeline",
        "__version__",
        "extract",
        "json_schema",
    ]


def test_api_every_exported_name_resolves() -> None:
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None


def test_api_json_schema_is_pinned() -> None:
    """The record is the external contract: a change to it must update tests/fixtures/schema.json
    (regenerate with `eventwire schema > tests/fixtures/schema.json` and review the diff)."""
    pinned = json.loads((REPO / "tests" / "fixtures" / "schema.json").read_text())
    assert json_schema() == pinned
