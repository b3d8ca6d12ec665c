"""Scale benchmark: articles/s on one core, on every core (`ingest --workers N`) and on Spark local[N].

One article set for every mode, in one invocation, so the ratios compare like with like:
- `1 process`: eventwire.workers.extract_stream with workers=1 (what `ingest --workers 1` runs);
- `N workers`: eventwire.workers.WorkerPool (what `ingest --workers N` runs; the parent only reads
  and collects, as ingest's parent reads and stores);
- `spark local[N]`: eventwire.spark.job.extract_to_parquet, input JSON Lines, output Parquet, after
  a warm-up job that builds the pipeline in each Python worker.
Loading (spaCy, knowledge base, gazetteer) is timed apart: `load s` is the wait until every process
could code, and `art/s` counts only the coding that follows. `end-to-end art/s` puts the load back in.
Peak memory is per process: the one process; each pool worker (and the parent); each Spark Python
worker (and the JVM, which in local mode is driver and executor at once).

The article set: the re3d and WikiEvents dev documents of ../shared/benchmarks (real conflict news,
as benchmarks/speed.py reads them), the demo corpus, then PLOVER synthetic stories up to --articles.
Events are compared across modes by article and event id, field by field; the script exits 1 if any
mode codes a different event.

    python benchmarks/scale.py [--articles 400] [--workers 2] [--no-spark] [--json out/scale.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import eventwire.demo
from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.record import Article
from eventwire.settings import Settings
from eventwire.workers import ArticleFailure, Outcome, WorkerPool, extract_stream
from speed import DEFAULT_DATA, load_documents, machine_info  # benchmarks/speed.py, beside this file

PLOVER_STORIES = "plover-synthetic/gpt_synthetic_events_2023-10-19_19.csv"


@dataclass
class ModeResult:
    mode: str
    processes: int
    articles: int = 0
    chars: int = 0
    events: int = 0
    failures: int = 0
    load_seconds: float = 0.0
    seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # by process: "parent", "worker 123", ...
    runs: list[float] = field(default_factory=list)  # run seconds of every repeat; `seconds` is the best
    load_average: list[float] = field(default_factory=list)  # the machine's 1-minute load before each repeat
    notes: str = ""
    found: dict[str, list[str]] = field(default_factory=dict, repr=False)  # article id -> event JSON

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def end_to_end_per_s(self) -> float:
        total = self.seconds + self.load_seconds
        return self.articles / total if total else 0.0

    @property
    def largest_worker_mb(self) -> float:
        workers = [mb for who, mb in self.peak_rss_mb.items() if who.startswith(("worker", "process"))]
        return max(workers, default=0.0)

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, ArticleFailure):
            self.failures += 1
            return
        article, events = outcome
        self.articles += 1
        self.chars += len(article.text)
        self.events += len(events)
        self.found[article.id] = [e.model_dump_json() for e in events]

    def as_dict(self) -> dict[str, Any]:
        rates = {
            "articles_per_s": self.articles_per_s,
            "end_to_end_articles_per_s": self.end_to_end_per_s,
            "chars_per_s": self.chars / self.seconds if self.seconds else 0.0,
            "largest_worker_mb": self.largest_worker_mb,
        }
        return {k: v for k, v in asdict(self).items() if k != "found"} | rates


# --- the article set ---------------------------------------------------------------------------


def article_records(data: Path, count: int) -> list[dict[str, str]]:
    """JSON Lines records (title, text, url, outlet) of up to `count` distinct articles."""
    records = [
        {k: v for k, v in (("title", a.title), ("text", a.text), ("url", a.url), ("outlet", a.outlet)) if v}
        for a in load_documents(data) + _demo_articles()
    ]
    stories = data / PLOVER_STORIES
    if stories.is_file():
        with stories.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                if len(records) >= count:
                    break
                records.append({"text": row["text"], "outlet": row.get("source") or "", "url": f"plover:{n}"})
    return records[:count]


def _demo_articles() -> list[Article]:
    return [a for a in read_inputs([eventwire.demo.CORPUS_DIR]) if isinstance(a, Article)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the modes ---------------------------------------------------------------------------------


def run_pool(articles: Sequence[Article], workers: int) -> ModeResult:
    """The pool first: this process has not loaded spaCy yet, so its peak is the parent's own."""
    result = ModeResult(f"{workers} workers", workers)
    with WorkerPool(Pipeline, Settings.from_env(), workers) as pool:
        result.load_seconds = pool.wait_ready()
        started = time.perf_counter()
        for outcome in pool.run(articles):
            result.add(outcome)
        result.seconds = time.perf_counter() - started
        peaks = sorted(pool.stats.worker_peak_rss_mb.items())
        result.peak_rss_mb = {f"worker {n}": mb for n, (_, mb) in enumerate(peaks, 1)}
    result.peak_rss_mb["parent"] = _peak_rss_mb()
    return result


def run_single(articles: Sequence[Article]) -> ModeResult:
    result = ModeResult("1 process", 1)
    started = time.perf_counter()
    pipeline = Pipeline(Settings.from_env())
    pipeline.warm_up()
    result.load_seconds = time.perf_counter() - started

    def factory(settings: Settings) -> Pipeline:
        return pipeline

    started = time.perf_counter()
    for outcome in extract_stream(articles, factory=factory, settings=pipeline.settings, workers=1):
        result.add(outcome)
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = {"process": _peak_rss_mb()}
    return result


def run_spark(jsonl: Path, workers: int, scratch: Path, repeat: int) -> ModeResult:
    from eventwire.spark.importer import ExtractedRun
    from eventwire.spark.job import extract_to_parquet
    from eventwire.spark.session import spark_session

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    result = ModeResult(f"spark local[{workers}]", workers)
    started = time.perf_counter()
    spark = spark_session(
        f"local[{workers}]",
        {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.memory": "2g",
            "spark.sql.shuffle.partitions": str(4 * workers),
        },
    )
    spark.sparkContext.setLogLevel("ERROR")
    session_seconds = time.perf_counter() - started
    try:
        warm = scratch / "warm.jsonl"
        with jsonl.open(encoding="utf-8") as lines:
            warm.write_text("".join(next(lines) for _ in range(2 * workers)))
        warm_run = extract_to_parquet(spark, str(warm), str(scratch / "warm-out"), partitions=2 * workers)
        result.load_seconds = session_seconds + warm_run.seconds
        for n in range(repeat):
            result.load_average.append(os.getloadavg()[0])
            run = extract_to_parquet(spark, str(jsonl), str(scratch / f"out-{n}"))
            result.runs.append(run.seconds)
        result.seconds = min(result.runs)
        for article, events in ExtractedRun.open(scratch / "out-0").articles():
            result.add((article, events))
        result.failures = run.failure_count
        peaks = sorted(run.worker_peak_rss_mb.items())
        result.peak_rss_mb = {f"worker {n}": mb for n, (_, mb) in enumerate(peaks, 1)}
        result.peak_rss_mb["parent"] = _peak_rss_mb()
        result.peak_rss_mb["jvm"] = _jvm_peak_mb(spark)
        result.notes = (
            f"JVM start {session_seconds:.1f} s, warm-up job {warm_run.seconds:.1f} s "
            f"({warm_run.pipeline_loads} pipeline loads); {run.pipeline_loads} loads in the last timed job; "
            f"{run.partitions} partitions"
        )
    finally:
        spark.stop()
    return result


def _jvm_peak_mb(spark: Any) -> float:
    """VmHWM of the JVM pyspark launched (driver and, in local mode, executor)."""
    proc = getattr(spark.sparkContext._gateway, "proc", None)
    if proc is None:
        return 0.0
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _best(runs: Sequence[ModeResult]) -> ModeResult:
    best = min(runs, key=lambda r: r.seconds)
    best.runs = [r.seconds for r in runs]
    if "parent" in runs[0].peak_rss_mb:
        # ru_maxrss only grows: after a one-process run this process holds a pipeline too, so the
        # parent's own peak is the one measured on the first repeat, before any.
        best.peak_rss_mb["parent"] = runs[0].peak_rss_mb["parent"]
    best.load_average = [a for r in runs for a in r.load_average]
    return best


# --- agreement and report ----------------------------------------------------------------------


def differences(run: ModeResult, reference: ModeResult) -> int:
    """Articles whose events (ids and full records, in order) differ from the reference run's."""
    return sum(run.found.get(aid) != events for aid, events in reference.found.items()) + len(
        run.found.keys() - reference.found.keys()
    )


def format_table(results: Sequence[ModeResult], reference: ModeResult) -> str:
    header = ("mode", "articles", "events", "load s", "run s", "art/s", "x 1 proc", "end-to-end art/s")
    header += ("peak MB per worker", "differ")
    rows = [header]
    for r in results:
        rows.append(
            (
                r.mode,
                str(r.articles),
                str(r.events),
                f"{r.load_seconds:.1f}",
                f"{r.seconds:.1f}",
                f"{r.articles_per_s:.1f}",
                f"{r.articles_per_s / reference.articles_per_s:.2f}" if reference.articles_per_s else "-",
                f"{r.end_to_end_per_s:.1f}",
                f"{r.largest_worker_mb:,.0f}",
                str(differences(r, reference)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=400, help="articles in the set (default 400)")
    parser.add_argument("--workers", type=int, default=2, help="pool size and Spark local[N] (default 2)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per mode; the best is kept (default 3)"
    )
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark mode")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared benchmarks folder")
    parser.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="also write the results as JSON"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        print(
            f"skipped: benchmark data not found at {args.data} (it lives in ../shared/benchmarks/)",
            file=sys.stderr,
        )
        return 0
    machine = machine_info()
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    with tempfile.TemporaryDirectory(prefix="eventwire-scale-") as tmp:
        scratch = Path(tmp)
        jsonl = scratch / "articles.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in article_records(args.data, args.articles)))
        articles = [a for a in read_inputs([jsonl]) if isinstance(a, Article)]
        chars = sum(len(a.text) for a in articles)
        print(f"command : {command}")
        print(f"machine : {machine['cpus']} CPUs (nproc), {machine['cpu_model']}, Python {machine['python']}")
        print(f"data    : {len(articles)} articles, {chars:,} characters")
        # Interleaved, the pool before the one process each time (see run_pool), best run of each kept:
        # the machine is shared, and another user's job slows whichever mode it overlaps.
        pools, singles = [], []
        for _ in range(args.repeat):
            load = os.getloadavg()[0]
            pools.append(run_pool(articles, args.workers))
            pools[-1].load_average.append(load)
            load = os.getloadavg()[0]
            singles.append(run_single(articles))
            singles[-1].load_average.append(load)
        results = [_best(singles), _best(pools)]
        if not args.no_spark:
            results.append(run_spark(jsonl, args.workers, scratch, args.repeat))
    reference = results[0]
    print()
    print(format_table(results, reference))
    for r in results:
        memory = ", ".join(f"{who} {mb:,.0f}" for who, mb in sorted(r.peak_rss_mb.items()))
        runs = ", ".join(f"{seconds:.1f}" for seconds in r.runs)
        loads = ", ".join(f"{load:.1f}" for load in r.load_average)
        print(f"  {r.mode}: runs {runs} s (machine load before each: {loads}); peak MB {memory}")
        if r.notes:
            print(f"    {r.notes}")
    if args.json:
        report = {"command": command, "machine": machine, "articles": len(articles), "chars": chars}
        report["results"] = [r.as_dict() | {"differ": differences(r, reference)} for r in results]
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(differences(r, reference) == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
