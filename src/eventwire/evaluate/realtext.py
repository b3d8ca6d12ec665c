"""Real text coded by people: realnews, acled-notes, muc4 and isaf, each scored by its own score.py.

Each of these folders ships the scorer its codings were made for (`score.py`, read its docstring for
the protocol). We do not re-implement it: the pipeline codes the folder's articles exactly as
`eventwire extract ARTICLES --format json` would, and the folder's scorer, loaded from the folder,
scores that output. So `eventwire evaluate realnews` reports what `python score.py` reports on the
same output, figure for figure, and the two cannot drift apart.

`--limit N` scores the first N articles (cases, for acled-notes) with the gold of those articles
only. With `--report-dir`, the inputs scored and the system's output are written beside the report
(`NAME.articles.jsonl`, `NAME.gold.jsonl` or `NAME.cases.csv`, `NAME.system.json`), so anyone can
re-score them with the folder's score.py.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import importlib.util
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from eventwire.evaluate.base import EvalResult, require
from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.record import Article, Event, Extraction

SCORER = "score.py"
# Figures a scorer prints that describe the output rather than grade it: no bound can guard them.
DESCRIPTIVE = {"events_per_case"}


@dataclass(frozen=True)
class RealTextSet:
    name: str
    folder: str
    articles: str  # the coder's input: JSONL articles, or the CSV the cases are written from
    gold: str | None  # JSONL gold keyed by "article"; None where the CSV is the gold (acled-notes)


REALNEWS = RealTextSet("realnews", "realnews", "articles.jsonl", "gold.jsonl")
MUC4 = RealTextSet("muc4", "muc4", "articles.jsonl", "gold.jsonl")
ISAF = RealTextSet("isaf", "isaf", "articles.jsonl", "gold.jsonl")
ACLED_NOTES = RealTextSet("acled-notes", "acled-notes", "acled-2022q1.csv", None)


def load_scorer(path: Path, name: str) -> ModuleType:
    """The folder's score.py as a module (it is a script of its own, not a package of ours)."""
    spec = importlib.util.spec_from_file_location(f"eventwire_scorer_{name.replace('-', '_')}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_articles(pipeline: Pipeline, path: Path) -> dict[str, Any]:
    """What `eventwire extract PATH --format json` prints, as a dict."""
    articles: list[Article] = []
    for item in read_inputs([path]):
        if isinstance(item, Article):
            articles.append(item)
    events: list[Event] = []
    for _, found in pipeline.run(articles):
        events.extend(found)
    return Extraction(articles=articles, events=events).model_dump(mode="json")


def evaluate_realnews(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    return _evaluate(REALNEWS, data_dir, pipeline, limit)


def evaluate_muc4(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    return _evaluate(MUC4, data_dir, pipeline, limit)


def evaluate_isaf(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    return _evaluate(ISAF, data_dir, pipeline, limit)


def evaluate_acled_notes(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    return _evaluate(ACLED_NOTES, data_dir, pipeline, limit)


# The held-out month: acled-notes' events from this day on, coded with a type model trained by
# `eventwire train types` on the events before it only (the packaged model has seen all of them).
HELD_OUT_FROM = dt.date(2022, 3, 1)


def evaluate_acled_march(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """acled-notes' March events, coded by the pipeline with a type model trained on January and
    February alone; `model_event_type` and `model_sub_event_type` score that model on the March
    notes by itself (the whole note read, no pipeline), with its confusion matrix in the details."""
    from eventwire.acled_types import read_acled_csv, score, train

    folder = require(data_dir / ACLED_NOTES.folder, "acled-march")
    notes = read_acled_csv(require(folder / ACLED_NOTES.articles, "acled-march"))
    earlier = train([n for n in notes if n.date < HELD_OUT_FROM])
    held_out = [n for n in notes if n.date >= HELD_OUT_FROM][:limit]
    alone = score(earlier, held_out)
    builder = pipeline.builder
    packaged = builder.type_model
    builder.type_model = earlier if packaged is not None else None  # `rules` settings score the rules
    try:
        result = _evaluate(ACLED_NOTES, data_dir, pipeline, limit, rows_from=HELD_OUT_FROM)
    finally:
        builder.type_model = packaged
    result.dataset = "acled-march"
    result.metrics |= {
        "model_event_type": alone["event_type"],
        "model_sub_event_type": alone["sub_event_type"],
    }
    result.details |= {"model_classes": alone["classes"], "model_confusion": alone["confusion"]}
    result.attachments = {
        name.replace("acled-notes.", "acled-march.", 1): data for name, data in result.attachments.items()
    }
    return result


def _evaluate(
    dataset: RealTextSet,
    data_dir: Path,
    pipeline: Pipeline,
    limit: int | None,
    rows_from: dt.date | None = None,
) -> EvalResult:
    folder = require(data_dir / dataset.folder, dataset.name)
    scorer = load_scorer(require(folder / SCORER, dataset.name), dataset.name)
    with tempfile.TemporaryDirectory(prefix=f"eventwire-{dataset.name}-") as tmp:
        work = Path(tmp)
        if dataset.gold is None:
            inputs, args = _acled_cases(scorer, folder / dataset.articles, work, limit, rows_from)
        else:
            inputs, args = _article_subset(dataset, folder, work, limit)
        system = code_articles(pipeline, inputs)
        system_path = work / "system.json"
        system_path.write_text(json.dumps(system, ensure_ascii=False), encoding="utf-8")
        metrics_path, errors_path = work / "metrics.json", work / "errors.jsonl"
        _call(
            scorer.main, [*args, str(system_path), "--json", str(metrics_path), "--errors", str(errors_path)]
        )
        scored = json.loads(metrics_path.read_text(encoding="utf-8"))["metrics"]
        errors = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines() if line]
        files = {
            p.name: p.read_bytes() for p in work.iterdir() if p.name not in {"metrics.json", "errors.jsonl"}
        }
    graded = {k: v for k, v in scored.items() if isinstance(v, float) and k not in DESCRIPTIVE}
    metrics = {k: float(v) for k, v in graded.items()}
    counts = {k: v for k, v in scored.items() if k not in graded}
    n = len(system["articles"])
    return EvalResult(
        dataset=dataset.name,
        n=n,
        metrics=metrics,
        errors=errors,
        details={"counts": counts},
        attachments={f"{dataset.name}.{name}": data for name, data in files.items()},
    )


def _article_subset(
    dataset: RealTextSet, folder: Path, work: Path, limit: int | None
) -> tuple[Path, list[str]]:
    """The articles (the first `limit`) and their gold, as files the scorer reads."""
    assert dataset.gold is not None
    articles, gold = work / "articles.jsonl", work / "gold.jsonl"
    if limit is None:
        shutil.copyfile(folder / dataset.articles, articles)
        shutil.copyfile(folder / dataset.gold, gold)
    else:
        lines = _lines(folder / dataset.articles)[:limit]
        kept = {json.loads(line)["id"] for line in lines}
        articles.write_text("".join(lines), encoding="utf-8")
        gold.write_text(
            "".join(line for line in _lines(folder / dataset.gold) if json.loads(line)["article"] in kept),
            encoding="utf-8",
        )
    return articles, [str(articles), str(gold)]


def _acled_cases(
    scorer: ModuleType, table: Path, work: Path, limit: int | None, rows_from: dt.date | None = None
) -> tuple[Path, list[str]]:
    """ACLED rows (the first `limit`, dated `rows_from` or later) as a CSV, and the coder's cases
    written from it by the scorer."""
    cases_csv = work / "cases.csv"
    with (
        table.open(encoding="utf-8", newline="") as src,
        cases_csv.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.reader(src)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        dated = header.index("event_date")
        written = 0
        for row in reader:
            if limit is not None and written >= limit:
                break
            if rows_from is not None and row[dated][:10] < rows_from.isoformat():
                continue
            writer.writerow(row)
            written += 1
    cases = work / "cases.jsonl"
    _call(scorer.main, ["cases", str(cases_csv), str(cases)])
    return cases, ["score", str(cases_csv)]


def _call(main: Callable[[list[str]], int], argv: list[str]) -> None:
    """Run a scorer's command line in this process; its printed table is not ours to show."""
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    if code:
        raise RuntimeError(f"score.py {' '.join(argv[:1])} exited with {code}")


def _lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line if line.endswith("\n") else line + "\n" for line in handle if line.strip()]
