"""The figure lexicon ships as data: it loads, and a malformed file fails with E030."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from eventwire.claims.lexicon import KINDS, QUALIFIERS, load_lexicon, parse_lexicon
from eventwire.errors import SetupError


def test_claims_lexicon_loads_with_valid_labels() -> None:
    lex = load_lexicon()
    for table in (lex.transitive_verbs, lex.intransitive_verbs, lex.states, lex.nouns, lex.loss_verbs):
        assert set(table.values()) <= KINDS
    assert set(lex.qualifiers.values()) <= QUALIFIERS
    assert lex.vague["dozens"] == 12 and lex.vague["hundreds"] == 100
    assert lex.below <= set(lex.qualifiers)
    assert "say" in lex.reporting_verbs and "toll" in lex.count_nouns


def _raw() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("eventwire.claims.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("nouns", {"death": "maimed"}),
        ("qualifiers", {"about": "roughly"}),
        ("ones", {"one": "1"}),
        ("units", []),
    ],
)
def test_claims_lexicon_rejects_bad_entries(key: str, bad: object) -> None:
    data = _raw()
    data[key] = bad
    with pytest.raises(SetupError, match="E030"):
        parse_lexicon(data)


def test_claims_lexicon_rejects_a_non_mapping() -> None:
    with pytest.raises(SetupError, match="E030"):
        parse_lexicon(["not", "a", "mapping"])
