"""The sentence table: news sentences an analyst codes by hand, and the coding the pipeline must give.

Each row of tests/fixtures/sentences.yaml is one short text (a sentence or a two-sentence snippet)
with the events it reports; only the fields a row names are checked (the schema is documented at the
top of the YAML file). The coverage tests count the table itself: every PLOVER type, every event
status and perpetrator status, and every number form, attribution pattern and date expression the
issue lists must appear in at least one row.

Run `.venv/bin/python -m tests.test_sentence_table` to print every row that fails, with what the
pipeline coded instead.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.ingest import make_article
from eventwire.record import PLOVER_TYPES, Event, EventActor, Figures

TABLE = Path(__file__).parent / "fixtures" / "sentences.yaml"
STATUSES = {"occurred", "threatened", "denied", "planned", "hypothetical", "historical"}
PERPETRATOR_STATUSES = {"asserted", "suspected", "claimed", "denied", "unknown"}
# The forms the issue asks the table to cover; rows name what they exercise under `covers`.
REQUIRED_COVERS = {
    "digits",
    "words",
    "range",
    "more than",
    "at least",
    "some",
    "nearly",
    "up to",
    "dozens",
    "tens",
    "hundreds",
    "vague beside explicit",
    "none hurt",
    "killed vs wounded",
    "arrested",
    "abducted",
    "said",
    "according to",
    "put the figure at",
    "monitor reported",
    "conflicting figures",
    "updated toll",
    "weekday",
    "night",
    "early this week",
    "last month",
    "explicit date",
    "date range",
    "undated",
    "since",
    "onwards",
    "designation",
}
EVENT_KEYS = {
    "type",
    "mode",
    "status",
    "sources",
    "targets",
    "fatalities",
    "injuries",
    "according_to",
    "date",
    "place",
}
ROW_KEYS = {"id", "text", "published", "expect", "covers", "xfail"}
MAX_XFAIL_SHARE = 0.10


@cache
def load_table() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return data["defaults"], data["rows"]


def _published(row: dict[str, Any]) -> dt.date | None:
    defaults, _ = load_table()
    value = row.get("published", defaults["published"])
    return None if value in (None, "none") else dt.date.fromisoformat(str(value))


def extract_row(pipeline: Any, row: dict[str, Any]) -> list[Event]:
    # One sentence is too short for language identification: the text is English by construction.
    article = make_article(row["text"], title=None, published=_published(row))
    events: list[Event] = pipeline.extract_article(article.model_copy(update={"language": "en"}))
    return events


# ---------------------------------------------------------------------------------------------------
# Matching one expected event against one coded event: every field the row names must hold.


def _contains(needle: str, *haystacks: str | None) -> bool:
    return any(needle.lower() in (h or "").lower() for h in haystacks)


def _actor_spec(spec: str | dict[str, Any]) -> tuple[str, str | None]:
    if isinstance(spec, str):
        return spec, None
    return str(spec["name"]), spec.get("status")


def _actors_problems(kind: str, specs: Sequence[Any], actors: Sequence[EventActor]) -> list[str]:
    problems = []
    for spec in specs:
        name, status = _actor_spec(spec)
        found = [a for a in actors if _contains(name, a.name, a.text)]
        if not found:
            problems.append(f"{kind} {name!r} missing")
        elif status is not None and all(a.status != status for a in found):
            problems.append(f"{kind} {name!r} status {[a.status for a in found]} != {status}")
    return problems


def _figure_problems(kind: str, spec: Any, figures: Figures | None) -> list[str]:
    if spec is None or spec == "none":
        return [] if figures is None or figures.best is None else [f"{kind} {figures.best} != none"]
    if not isinstance(spec, dict):
        spec = {"best": spec}
    if figures is None:
        return [f"{kind} missing"]
    problems = [
        f"{kind}.{key} {getattr(figures, key)} != {spec[key]}"
        for key in ("best", "low", "high")
        if key in spec and getattr(figures, key) != spec[key]
    ]
    if "qualifier" in spec and all(c.qualifier != spec["qualifier"] for c in figures.claims):
        problems.append(f"{kind} qualifier {[c.qualifier for c in figures.claims]} != {spec['qualifier']}")
    if "according_to" in spec and not any(
        _contains(spec["according_to"], c.according_to) for c in figures.claims
    ):
        problems.append(
            f"{kind} speaker {[c.according_to for c in figures.claims]} != {spec['according_to']}"
        )
    for claim in spec.get("claims", []):
        hits = [c for c in figures.claims if c.value == claim["value"]]
        if "according_to" in claim:
            hits = [c for c in hits if _contains(claim["according_to"], c.according_to)]
        if not hits:
            problems.append(
                f"{kind} claim {claim} not among {[(c.value, c.according_to) for c in figures.claims]}"
            )
    return problems


def _date_problems(spec: Any, event: Event) -> list[str]:
    if spec is None or spec == "none":
        return [] if event.date.start is None else [f"date {event.date.start} != none"]
    problems = []
    for key in ("start", "end"):
        if key in spec:
            want = None if spec[key] in (None, "none") else dt.date.fromisoformat(str(spec[key]))
            if getattr(event.date, key) != want:
                problems.append(f"date.{key} {getattr(event.date, key)} != {want}")
    if "precision" in spec and event.date.precision != spec["precision"]:
        problems.append(f"date.precision {event.date.precision} != {spec['precision']}")
    if "text" in spec and not _contains(spec["text"], event.date.text):
        problems.append(f"date.text {event.date.text!r} lacks {spec['text']!r}")
    return problems


def event_problems(spec: dict[str, Any], event: Event) -> list[str]:
    problems = []
    for key in ("type", "mode", "status"):
        if key in spec and getattr(event, key) != spec[key]:
            problems.append(f"{key} {getattr(event, key)} != {spec[key]}")
    if problems:
        return problems  # another event altogether: the rest would only add noise
    sources = [a for a in event.actors if a.role in {"source", "assoc_source"}]
    targets = [a for a in event.actors if a.role in {"target", "assoc_target"}]
    problems += _actors_problems("source", spec.get("sources", []), sources)
    problems += _actors_problems("target", spec.get("targets", []), targets)
    if "fatalities" in spec:
        problems += _figure_problems("fatalities", spec["fatalities"], event.fatalities)
    if "injuries" in spec:
        problems += _figure_problems("injuries", spec["injuries"], event.injuries)
    if "according_to" in spec:
        claims = [c for f in (event.fatalities, event.injuries) if f is not None for c in f.claims]
        if not any(_contains(spec["according_to"], c.according_to) for c in claims):
            problems.append(f"speaker {[c.according_to for c in claims]} != {spec['according_to']}")
    if "date" in spec:
        problems += _date_problems(spec["date"], event)
    if "place" in spec:
        location = event.location
        if location is None or not _contains(spec["place"], location.name, location.text):
            problems.append(f"place {location.name if location else None} != {spec['place']}")
    return problems


def row_problems(row: dict[str, Any], events: Sequence[Event]) -> list[str]:
    """What is wrong with the coding of one row; [] when every expected event is found."""
    expected = row["expect"]
    if not expected:
        return [f"unexpected {e.type} {e.status}" for e in events]
    problems = []
    free = list(events)
    for spec in expected:
        attempts = [(event_problems(spec, e), e) for e in free]
        matched = next((e for p, e in attempts if not p), None)
        if matched is not None:
            free.remove(matched)
            continue
        same_type = [p for p, e in attempts if e.type == spec.get("type", e.type)]
        detail = (
            min(same_type, key=len)
            if same_type
            else [f"no {spec.get('type', 'event')} among {[e.type for e in events]}"]
        )
        problems.append(f"{spec.get('type', 'event')}: " + "; ".join(detail))
    return problems


def _describe(events: Sequence[Event]) -> str:
    lines = []
    for e in events:
        actors = ", ".join(f"{a.role}={a.name}[{a.status}]" for a in e.actors)
        dead = e.fatalities.best if e.fatalities else None
        hurt = e.injuries.best if e.injuries else None
        place = e.location.name if e.location else None
        lines.append(
            f"    {e.type}/{e.mode}/{e.status} {actors} killed={dead} hurt={hurt} "
            f"date={e.date.start}..{e.date.end}/{e.date.precision} place={place}"
        )
    return "\n".join(lines) or "    (no events)"


# ---------------------------------------------------------------------------------------------------
# The tests


def _params() -> list[Any]:
    _, rows = load_table()
    params = []
    for row in rows:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


@pytest.mark.slow
@pytest.mark.parametrize("row", _params())
def test_sentence_table_row_is_coded_as_an_analyst_codes_it(pipeline: Any, row: dict[str, Any]) -> None:
    events = extract_row(pipeline, row)
    problems = row_problems(row, events)
    assert not problems, "\n".join([*problems, "coded:", _describe(events)])


def test_sentence_table_rows_follow_the_schema() -> None:
    _, rows = load_table()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "row ids are unique"
    for row in rows:
        assert set(row) <= ROW_KEYS, (row["id"], set(row) - ROW_KEYS)
        assert isinstance(row["expect"], list), row["id"]
        for spec in row["expect"]:
            assert set(spec) <= EVENT_KEYS, (row["id"], set(spec) - EVENT_KEYS)
            assert spec.get("type", "ASSAULT") in PLOVER_TYPES, row["id"]
            assert spec.get("status", "occurred") in STATUSES, row["id"]


def test_sentence_table_has_enough_rows_and_few_expected_failures() -> None:
    _, rows = load_table()
    assert len(rows) >= 160
    xfails = [r for r in rows if r.get("xfail")]
    assert len(xfails) <= MAX_XFAIL_SHARE * len(rows), [r["id"] for r in xfails]


def test_sentence_table_covers_every_type_status_and_form() -> None:
    _, rows = load_table()
    specs = [spec for r in rows for spec in r["expect"]]
    assert {s.get("type") for s in specs} >= set(PLOVER_TYPES)
    assert {s.get("status") for s in specs} >= STATUSES
    perpetrators = {
        status for s in specs for a in s.get("sources", []) if (status := _actor_spec(a)[1]) is not None
    }
    assert perpetrators >= PERPETRATOR_STATUSES
    covered = {c for r in rows for c in r.get("covers", [])}
    assert covered >= REQUIRED_COVERS, sorted(REQUIRED_COVERS - covered)
    assert any(not r["expect"] for r in rows), "rows with no event at all"


def main(argv: Sequence[str]) -> int:
    """Print each failing row (or only the rows whose id contains an argument) with its coding."""
    from eventwire import Pipeline

    _, rows = load_table()
    pipeline = Pipeline()
    failed = 0
    for row in rows:
        if argv and not any(a in row["id"] for a in argv):
            continue
        events = extract_row(pipeline, row)
        problems = row_problems(row, events)
        if problems or argv:
            failed += bool(problems)
            mark = " (xfail)" if row.get("xfail") else ""
            print(f"{'FAIL' if problems else 'ok'} {row['id']}{mark}: {row['text']}")
            for p in problems:
                print(f"  - {p}")
            print(_describe(events))
    print(f"{failed} of {len(rows)} rows fail")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
