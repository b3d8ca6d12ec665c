"""Score the pipeline's output for the demo corpus against the analyst codings in
tests/fixtures/demo_expected.yaml. Used by test_demo_golden.py and runnable on its own:

    .venv/bin/python -m tests.demo_scoring        # prints every check and the totals
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eventwire import Pipeline
from eventwire.actors import ActorKB, default_kb
from eventwire.demo import corpus_files
from eventwire.ingest import read_inputs
from eventwire.record import Article, Event, EventActor

FIXTURE = Path(__file__).parent / "fixtures" / "demo_expected.yaml"
_STATUSES = {"asserted", "claimed", "suspected", "denied", "unknown"}


@dataclass
class Score:
    lines: list[str] = field(default_factory=list)
    passed: int = 0
    total: int = 0
    required_missing: list[str] = field(default_factory=list)

    def check(self, label: str, ok: bool) -> None:
        self.total += 1
        self.passed += ok
        self.lines.append(f"{'ok  ' if ok else 'FAIL'} {label}")

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"\s+", " ", re.sub(r"[’'`\-.]", "", text)).strip()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


class ActorMatcher:
    """Is a coded actor the one the analyst named? By knowledge-base id (and its parents), else by name."""

    def __init__(self, kb: ActorKB, aliases: dict[str, list[str]]) -> None:
        self.kb = kb
        self.aliases = aliases

    def matches(self, actor: EventActor, wanted: str) -> bool:
        names = [wanted, *self.aliases.get(wanted, [])]
        ids = {e.id for n in names for e in self.kb.candidates(n)}
        if actor.id and (actor.id in ids or ids & set(self.kb.ancestors(actor.id))):
            return True
        have = {_norm(actor.name), _norm(actor.text)}
        return any(_norm(n) and any(_norm(n) in h or (h and h in _norm(n)) for h in have if h) for n in names)


def load_fixture() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return data


def corpus_articles(fixture: dict[str, Any]) -> dict[str, Article]:
    """The corpus as articles, keyed by title; undated files get the fixture's scoring date."""
    published = {a["title"]: a["published"] for a in fixture["articles"]}
    out: dict[str, Article] = {}
    for item in read_inputs(corpus_files()):
        assert isinstance(item, Article), item
        title = item.title or ""
        if item.published is None and title in published:
            item = item.model_copy(update={"published": dt.date.fromisoformat(published[title])})
        out[title] = item
    return out


def _candidates(events: list[Event], spec: dict[str, Any]) -> list[Event]:
    types = {spec["plover_type"], *spec.get("also_acceptable_types", [])}
    return [e for e in events if e.type in types]


def _best_match(candidates: list[Event], spec: dict[str, Any]) -> Event:
    loc = spec.get("location") or {}

    def closeness(e: Event) -> tuple[int, float]:
        same_status = int(e.status == spec.get("status", e.status))
        if loc.get("lat") is not None and e.location is not None and e.location.lat is not None:
            return same_status, -_km(e.location.lat, e.location.lon or 0.0, loc["lat"], loc["lon"])
        return same_status, -1e6

    return max(candidates, key=closeness)


def _denied_on_an_event(spec: dict[str, Any], events: list[Event], matcher: ActorMatcher) -> bool:
    """A denial may be its own REJECT event or a 'denied' status on the attack's perpetrator."""
    names = (spec.get("source_actors") or {}).get("asserted") or []
    return any(
        a.role == "source" and a.status == "denied" and matcher.matches(a, n)
        for e in events
        for a in e.actors
        for n in names
    )


def score_event(
    spec: dict[str, Any], events: list[Event], matcher: ActorMatcher, score: Score, where: str
) -> None:
    label = f"{where} / {spec['key']}"
    if "plover_type" not in spec:
        return  # coded by ACLED only (e.g. a disrupted weapon): no PLOVER event is expected
    if spec["plover_type"] == "REJECT" and _denied_on_an_event(spec, events, matcher):
        score.check(f"{label}: the denial is coded (as a 'denied' perpetrator)", True)
        return
    found = _candidates(events, spec)
    score.check(f"{label}: a {spec['plover_type']} event is coded", bool(found))
    if not found:
        if spec.get("required"):
            score.required_missing.append(label)
        return
    event = _best_match(found, spec)
    if "status" in spec:
        score.check(f"{label}: status {spec['status']}", event.status == spec["status"])
    if "plover_mode" in spec:
        modes = {spec["plover_mode"], *spec.get("also_acceptable_modes", [])}
        score.check(f"{label}: mode {spec['plover_mode']}", event.mode in modes)
    if "acled_sub_event_type" in spec:
        score.check(
            f"{label}: ACLED {spec['acled_sub_event_type']}",
            event.acled.sub_event_type == spec["acled_sub_event_type"],
        )
    loc = spec.get("location")
    if loc:
        got = event.location
        score.check(
            f"{label}: country {loc['country_iso2']}",
            got is not None and got.country_code == loc["country_iso2"],
        )
        if loc.get("lat") is not None:
            near = (
                got is not None
                and got.lat is not None
                and _km(got.lat, got.lon or 0.0, loc["lat"], loc["lon"]) <= loc.get("tolerance_km", 50)
            )
            score.check(f"{label}: placed within {loc.get('tolerance_km', 50)} km of {loc['name']}", near)
    date = spec.get("date") or {}
    if date.get("start"):
        score.check(f"{label}: date starts {date['start']}", str(event.date.start) == date["start"])
    for role in ("source", "target"):
        coded = spec.get(f"{role}_actors") or {}
        for status, names in coded.items():
            if status not in _STATUSES or not isinstance(names, list):
                continue
            for name in names:
                statuses = (
                    {status, *coded.get("also_acceptable_status", [])} if role == "source" else {status}
                )
                ok = any(
                    a.role == role and (role == "target" or a.status in statuses) and matcher.matches(a, name)
                    for a in event.actors
                )
                score.check(f"{label}: {role} {name} ({status})", ok)
    fatalities = spec.get("fatalities") or {}
    if "best" in fatalities:
        best = event.fatalities.best if event.fatalities else None
        score.check(f"{label}: fatalities best {fatalities['best']}", best == fatalities["best"])
    injuries = spec.get("injuries") or {}
    if "best" in injuries:
        best = event.injuries.best if event.injuries else None
        score.check(f"{label}: injuries best {injuries['best']}", best == injuries["best"])


def score_corpus(pipeline: Pipeline | None = None) -> Score:
    pipeline = pipeline or Pipeline()
    fixture = load_fixture()
    articles = corpus_articles(fixture)
    kb = default_kb()
    score = Score()
    for entry in fixture["articles"]:
        article = articles[entry["title"]]
        events = pipeline.extract_article(article)
        matcher = ActorMatcher(kb, entry.get("actors_to_resolve") or {})
        for spec in entry["events"]:
            score_event(spec, events, matcher, score, entry["title"][:48])
    return score


if __name__ == "__main__":
    result = score_corpus()
    print("\n".join(result.lines))
    print(f"{result.passed} passed, {result.total - result.passed} failed ({result.rate:.1%})")
    if result.required_missing:
        print("required events missing:", *result.required_missing, sep="\n  ")
