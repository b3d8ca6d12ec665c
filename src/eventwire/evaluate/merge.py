"""`eventwire evaluate merge`: are reports of one event merged, and different events kept apart?

The set (evaluate/data/merge/) is built by the project from the demo corpus: demo stories, 2-3
rewritten variants of each (other outlets, later dates, other wording, other speakers and figures,
follow-ups with an updated toll), and hard negatives (the same type in the same country on another
day or in another town). All articles go through the real pipeline into one store; each article's
report of its story's type (the earliest in the text) is looked up in the stored events. Scores are
pairwise: over every pair of articles, "same stored event" against "same story". Reported for the
whole set and for each half; the merge settings (store/data/merge.yaml) were tuned on `tune` only.

    python -m eventwire.evaluate.merge --tune    # grid search of weights and threshold, tune half
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from eventwire.evaluate.base import EvalResult, prf
from eventwire.ingest import make_article
from eventwire.record import Article, Event
from eventwire.store import EventStore

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

_DATA = "eventwire.evaluate.data.merge"
HALVES = ("tune", "held-out")


@dataclass(frozen=True)
class GoldArticle:
    key: str
    article: Article
    story: str
    type: str
    half: str


@cache
def _gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(resources.files(_DATA).joinpath("gold.yaml").read_text("utf-8"))
    return data


def gold_articles() -> list[GoldArticle]:
    """Every article of the set with its story, in the order gold.yaml lists them."""
    written = {
        row["key"]: row
        for row in map(
            json.loads, resources.files(_DATA).joinpath("articles.jsonl").read_text("utf-8").splitlines()
        )
    }
    demo = {
        row["url"]: row
        for row in map(
            json.loads,
            resources.files("eventwire.demo").joinpath("corpus/wire.jsonl").read_text("utf-8").splitlines(),
        )
    }
    found = []
    for story, spec in _gold()["stories"].items():
        for key in spec["articles"]:
            row = demo[key.removeprefix("demo:")] if key.startswith("demo:") else written[key]
            article = make_article(
                row["text"],
                title=row.get("title"),
                url=row.get("url"),
                outlet=row.get("outlet"),
                published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
            )
            found.append(GoldArticle(key, article, story, spec["type"], spec["half"]))
    return found


def lead_report(events: Sequence[Event], event_type: str) -> Event | None:
    """The article's report of the story: its type, not background, earliest in the text."""
    candidates = [e for e in events if e.type == event_type and e.status != "historical"]
    return min(candidates, key=lambda e: (min((v.start for v in e.evidence), default=0), e.id), default=None)


def pairwise(
    items: Sequence[GoldArticle], predicted: dict[str, str | None]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """P/R/F1 over article pairs, for all and per half; and every wrong pair."""
    metrics: dict[str, float] = {}
    errors: list[dict[str, Any]] = []
    for label, chosen in (
        ("", items),
        *((f"{h.replace('-', '_')}_", [i for i in items if i.half == h]) for h in HALVES),
    ):
        tp = fp = fn = 0
        for a, b in itertools.combinations(chosen, 2):
            gold = a.story == b.story
            same = predicted[a.key] is not None and predicted[a.key] == predicted[b.key]
            tp += gold and same
            fp += same and not gold
            fn += gold and not same
            if label == "" and gold != same:
                kind = "split" if gold else "wrongly merged"
                errors.append({"error": kind, "a": a.key, "b": b.key, "story_a": a.story, "story_b": b.story})
        p, r, f = prf(tp, fp, fn)
        metrics |= {f"{label}pair_precision": p, f"{label}pair_recall": r, f"{label}pair_f1": f}
    return metrics, errors


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """Ingest the set into a fresh store and score the stored events (data_dir is not needed)."""
    items = gold_articles()[:limit] if limit else gold_articles()
    extracted = list(pipeline.run(item.article for item in items))
    with tempfile.TemporaryDirectory() as folder, EventStore.open(Path(folder) / "merge.duckdb") as store:
        store.add_many(extracted)
        event_of = _stored_events(store)
    predicted: dict[str, str | None] = {}
    for item, (article, events) in zip(items, extracted, strict=True):
        report = lead_report(events, item.type)
        predicted[item.key] = event_of.get(f"{article.id}:{report.id}") if report else None
    metrics, errors = pairwise(items, predicted)
    missing = sorted(item.key for item in items if predicted[item.key] is None)
    details = {
        "articles": len(items),
        "stories": len({item.story for item in items}),
        "no_report_of_the_type": missing,
        "predicted": {item.key: predicted[item.key] for item in items},
    }
    return EvalResult("merge", len(items), metrics, errors=errors, details=details)


def _stored_events(store: EventStore) -> dict[str, str]:
    con = store._db  # the evaluation reads the report-to-event mapping the merge keeps
    return {
        key: event_id for key, event_id in con.execute("SELECT key, event_id FROM report_events").fetchall()
    }


# tuning


def tune(
    pipeline: Pipeline, steps: Iterable[float] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
) -> dict[str, Any]:
    """Grid search of the four weights (summing to 1) and the threshold, scored on the tune half.

    Criteria are computed once per pair with the shipped config; a weight change only re-scores
    them. Clustering and scoring are the store's own (merge_clusters.cluster, `pairwise`).
    """
    import numpy as np

    from eventwire.store.merge_clusters import LinkEdge, cluster
    from eventwire.store.merge_config import CRITERIA, merge_config
    from eventwire.store.merge_features import features_of
    from eventwire.store.merge_pairs import compare

    config = merge_config()
    items = gold_articles()
    extracted = list(pipeline.run(item.article for item in items))
    reports = [
        features_of(event, article.id, article.published, config)
        for article, events in extracted
        for event in events
    ]
    pairs = [
        link
        for a, b in itertools.combinations(reports, 2)
        if a.article_id != b.article_id and (link := compare(a, b, config)).failed is None
    ]
    matrix = np.array([[link.criteria[name] for name in CRITERIA] for link in pairs], dtype=float).reshape(
        -1, 4
    )
    article_of = {r.key: r.article_id for r in reports}
    leads = {}
    for item, (article, events) in zip(items, extracted, strict=True):
        report = lead_report(events, item.type)
        leads[item.key] = f"{article.id}:{report.id}" if report else None
    tune_items = [i for i in items if i.half == "tune"]
    tune_leads = {leads[i.key] for i in tune_items if leads[i.key]}
    lead_pairs = [n for n, link in enumerate(pairs) if link.key_a in tune_leads and link.key_b in tune_leads]
    best: dict[str, Any] = {"tune_pair_f1": -1.0, "margin": -1.0}
    for combo in itertools.product(steps, repeat=3):
        last = round(1.0 - sum(combo), 4)
        if last < min(steps) - 1e-9:
            continue
        weights = np.array([*combo, last])
        scores = matrix @ weights
        for threshold in np.arange(0.5, 0.86, 0.025):
            edges = [
                LinkEdge(link.key_a, link.key_b, float(score), False)
                for link, score in zip(pairs, scores, strict=True)
                if score >= threshold
            ]
            group_of = {key: group[0] for group in cluster(article_of, article_of, edges) for key in group}
            predicted = {key: group_of[lead] if lead else None for key, lead in leads.items()}
            metrics, _ = pairwise(tune_items, predicted)
            # Among equally good settings, the one whose threshold sits farthest from the scores of
            # the tune half's story pairs: the least likely to flip on a new wording.
            margin = float(min((abs(scores[n] - threshold) for n in lead_pairs), default=0.0))
            f1 = metrics["pair_f1"]
            tie = abs(f1 - best["tune_pair_f1"]) < 1e-9
            if f1 > best["tune_pair_f1"] + 1e-9 or (tie and margin > best["margin"]):
                best = {
                    "tune_pair_f1": metrics["pair_f1"],
                    "margin": round(margin, 4),
                    "weights": dict(zip(CRITERIA, map(float, weights), strict=True)),
                    "threshold": round(float(threshold), 3),
                    "tune_metrics": metrics,
                }
    return best


if __name__ == "__main__":
    from eventwire.pipeline import Pipeline

    if sys.argv[1:] == ["--tune"]:
        print(json.dumps(tune(Pipeline()), indent=2))
    else:
        result = evaluate(Path("."), Pipeline())
        print(json.dumps(result.report(), indent=2))
        for error in result.errors:
            print(error)
