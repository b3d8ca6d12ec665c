"""The worked example (../shared/examples/airstrike-albu-kamal.txt), scored by the analyst's checker.

We extract the article twice, as `make example` does (published 2018-06-21, and undated), write the
two JSON documents and run `examples/check_example.py` on them in a subprocess: the checker is the
analyst's, so we score with it as it stands rather than re-implementing its checks. Its output is
one line per check (`ok   required: ...`, `FAIL required: ...`, `miss optional: ...`) under a
`--- FILE (...)` header per document, and a last line `N passed, M failed`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import Errors, EventwireError
from eventwire.evaluate.base import EvalResult, require
from eventwire.ingest import IngestOptions, read_inputs
from eventwire.pipeline import Pipeline
from eventwire.record import Article, Extraction

DATASET = "example"
ARTICLE = "airstrike-albu-kamal.txt"
CHECKER = "check_example.py"
PUBLISHED = dt.date(2018, 6, 21)
# (name, publication date passed to ingest): the order check_example.py expects its arguments in
MODES: tuple[tuple[str, dt.date | None], ...] = (("dated", PUBLISHED), ("undated", None))
CHECKER_TIMEOUT_S = 120

_CHECK = re.compile(r"^(ok|FAIL|miss)\s+(required|optional): (.*)$")
_HEADER = re.compile(r"^--- ")
_SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


@dataclass(frozen=True)
class Check:
    mode: str  # "dated" or "undated": the document the check ran on
    label: str
    required: bool
    passed: bool


def parse_checker(output: str, modes: Sequence[str] = ("dated", "undated")) -> tuple[list[Check], int, int]:
    """The checks in check_example.py's output, and its own `N passed, M failed` totals.

    Raises EventwireError when the summary line is missing (the checker crashed or changed format),
    so a broken checker is never read as a perfect or an empty score.
    """
    checks: list[Check] = []
    section = -1
    summary: tuple[int, int] | None = None
    for line in output.splitlines():
        line = line.rstrip()
        if _HEADER.match(line):
            section += 1
        elif match := _CHECK.match(line):
            mark, kind, label = match.groups()
            mode = modes[section] if 0 <= section < len(modes) else "?"
            checks.append(Check(mode, label, kind == "required", mark == "ok"))
        elif match := _SUMMARY.match(line):
            summary = int(match.group(1)), int(match.group(2))
    if summary is None:
        raise EventwireError(Errors.E052.format(detail=f"{CHECKER} printed no 'N passed, M failed' line"))
    return checks, *summary


def score(checks: Sequence[Check]) -> dict[str, float]:
    """Fractions of all, required and optional checks passed (0.0 where there are none)."""

    def share(subset: list[Check]) -> float:
        return sum(c.passed for c in subset) / len(subset) if subset else 0.0

    return {
        "checks_passed": share(list(checks)),
        "required_passed": share([c for c in checks if c.required]),
        "optional_passed": share([c for c in checks if not c.required]),
    }


def evaluate(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """Run both extractions and the checker; `limit` is accepted for the common signature and ignored
    (there is one article, and the checker needs both documents)."""
    examples = data_dir.parent / "examples"
    article_path = require(examples / ARTICLE, DATASET)
    checker = require(examples / CHECKER, DATASET)
    pipeline.warm_up()  # model loading stays outside the timing
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventwire-example-") as tmp:
        paths: list[str] = []
        for mode, published in MODES:
            article = _read(article_path, published, pipeline)
            document = Extraction(articles=[article], events=pipeline.extract_article(article))
            out = Path(tmp) / f"{mode}.json"
            out.write_text(json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
            paths.append(str(out))
        run = subprocess.run(
            [sys.executable, str(checker), *paths],
            capture_output=True,
            text=True,
            check=False,  # exit 1 only means a required check failed: that is a score, not an error
            timeout=CHECKER_TIMEOUT_S,
        )
    try:
        checks, passed, failed = parse_checker(run.stdout, [m for m, _ in MODES])
    except EventwireError as exc:  # a crashed checker: its traceback's last line says why
        tail = run.stderr.strip().splitlines()[-1:] or ["(no stderr)"]
        raise EventwireError(f"{exc}; {CHECKER} stderr: {tail[0]}") from exc
    seconds = time.perf_counter() - start
    if passed + failed != len(checks):
        raise EventwireError(
            Errors.E052.format(
                detail=f"{CHECKER} reported {passed + failed} checks but printed {len(checks)} check lines"
            )
        )
    errors = [
        {
            "text": c.label,
            "gold": "pass",
            "predicted": "FAIL" if c.required else "miss",
            "mode": c.mode,
            "required": c.required,
        }
        for c in checks
        if not c.passed
    ]
    details: dict[str, Any] = {
        "passed": passed,
        "failed": failed,
        "required": {
            "passed": sum(c.passed for c in checks if c.required),
            "of": sum(c.required for c in checks),
        },
        "optional": {
            "passed": sum(c.passed for c in checks if not c.required),
            "of": sum(not c.required for c in checks),
        },
        "checker_exit": run.returncode,  # 1 when a required check failed
        "checks": [
            {"mode": c.mode, "check": c.label, "required": c.required, "passed": c.passed} for c in checks
        ],
    }
    return EvalResult(DATASET, len(checks), score(checks), seconds, errors, details)


def _read(path: Path, published: dt.date | None, pipeline: Pipeline) -> Article:
    """The article as `eventwire extract` reads it (same reader, same cleaning, same size limit)."""
    options = IngestOptions(max_mb=pipeline.settings.max_file_mb, published=published)
    items = list(read_inputs([path], options))
    if len(items) != 1 or not isinstance(items[0], Article):
        detail = getattr(items[0], "message", "") if items else "no article"
        raise EventwireError(Errors.E052.format(detail=f"{path}: could not read the example ({detail})"))
    return items[0]
