"""The reportability word lists (reportability/data/cues.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from eventwire.errors import Errors, SetupError

_FILE = "cues.yaml"


@dataclass(frozen=True)
class Cues:
    hypothetical_governors: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    planned_governors: frozenset[str]
    cumulative: tuple[str, ...]
    short_spans: tuple[str, ...]
    campaign_nouns: frozenset[str]
    campaign_phases: frozenset[str]
    abstract_targets: frozenset[str]
    recollection_verbs: frozenset[str]
    comparison_verbs: frozenset[str]
    allegation_words: frozenset[str]
    denial_verbs: frozenset[str]
    first_person: frozenset[str]
    letter_marks: tuple[str, ...]
    opinion_author: tuple[str, ...]
    opinion_labels: tuple[str, ...]
    obituary_marks: tuple[str, ...]


@cache
def load_cues() -> Cues:
    text = resources.files("eventwire.reportability.data").joinpath(_FILE).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise SetupError(Errors.E030.format(path=f"reportability/data/{_FILE}", detail="not a mapping"))
    missing = [name for name in Cues.__dataclass_fields__ if name not in raw]
    if missing:
        detail = f"missing lists: {', '.join(missing)}"
        raise SetupError(Errors.E030.format(path=f"reportability/data/{_FILE}", detail=detail))

    def words(name: str) -> list[str]:
        return [str(w).lower() for w in raw[name]]

    return Cues(
        hypothetical_governors=frozenset(words("hypothetical_governors")),
        hypothetical_modifiers=frozenset(words("hypothetical_modifiers")),
        planned_governors=frozenset(words("planned_governors")),
        cumulative=tuple(words("cumulative")),
        short_spans=tuple(words("short_spans")),
        campaign_nouns=frozenset(words("campaign_nouns")),
        campaign_phases=frozenset(words("campaign_phases")),
        abstract_targets=frozenset(words("abstract_targets")),
        recollection_verbs=frozenset(words("recollection_verbs")),
        comparison_verbs=frozenset(words("comparison_verbs")),
        allegation_words=frozenset(words("allegation_words")),
        denial_verbs=frozenset(words("denial_verbs")),
        first_person=frozenset(words("first_person")),
        letter_marks=tuple(words("letter_marks")),
        opinion_author=tuple(words("opinion_author")),
        opinion_labels=tuple(words("opinion_labels")),
        obituary_marks=tuple(words("obituary_marks")),
    )
