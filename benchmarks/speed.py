"""Speed benchmark: how many real conflict news articles per second the full pipeline codes.

Reads the public gold documents in ../shared/benchmarks/ (DSTL re3d: documents.json per source;
WikiEvents: dev.jsonl), runs `Pipeline().run(...)` over them in one process, then in a pool of
worker processes (each builds its own Pipeline once and codes chunks of articles), and prints
articles/s, characters/s, events found and peak memory for each mode. Model loading and a warm-up
article are timed separately and never counted in the throughput.

    python benchmarks/speed.py [--limit N] [--workers 1|2|all] [--json OUT] [--profile]

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import multiprocessing as mp
import os
import platform
import queue
import resource
import shlex
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eventwire.record import Article, Event

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
DEFAULT_PIPELINE = "eventwire:Pipeline"
# Written for this benchmark; it only forces the lazy model and gazetteer loads before timing.
WARMUP_TEXT = (
    "Gunmen attacked a police checkpoint near the town of Kisumu on Monday, killing two officers "
    "and wounding three others, a police spokesman said. No group has claimed responsibility."
)


class PipelineLike(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass
class ModeResult:
    mode: str
    workers: int
    articles: int = 0
    chars: int = 0
    events: int = 0
    load_seconds: float = 0.0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # this process (single) or parent + all workers (pool)
    worker_peak_rss_mb: float | None = None  # the largest worker (pool only)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"articles_per_s": self.articles_per_s, "chars_per_s": self.chars_per_s}


# --- data --------------------------------------------------------------------------------------


def _article(
    text: str, *, title: str | None = None, url: str | None = None, outlet: str | None = None
) -> Article:
    """An Article as ingest makes it; a content hash when the ingest package is not there yet."""
    try:
        from eventwire.ingest import make_article  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        digest = hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()
        return Article(id=digest, title=title, text=text, url=url, outlet=outlet)
    article: Article = make_article(text, title=title, url=url, outlet=outlet)
    return article


def load_re3d(folder: Path) -> list[Article]:
    """re3d: one folder per source, each with a mongoexport `documents.json` (one object a line)."""
    articles = []
    for path in sorted(folder.glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                doc = json.loads(line)
                articles.append(
                    _article(
                        doc["text"],
                        title=doc.get("title"),
                        url=doc.get("sourceUrl"),
                        outlet=doc.get("sourceName"),
                    )
                )
    return articles


def load_wikievents(path: Path) -> list[Article]:
    """WikiEvents: its `text` glues the headline to the body, so rebuild it from the sentences."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            text = " ".join(sentence[1] for sentence in doc["sentences"])
            articles.append(_article(text, url=f"wikievents:{doc['doc_id']}"))
    return articles


def load_documents(root: Path, limit: int | None = None) -> list[Article]:
    """All benchmark documents under `root` (re3d first, then WikiEvents), at most `limit`."""
    articles: list[Article] = []
    if (root / "re3d").is_dir():
        articles += load_re3d(root / "re3d")
    if (root / "wikievents" / "dev.jsonl").is_file():
        articles += load_wikievents(root / "wikievents" / "dev.jsonl")
    return articles[:limit] if limit is not None else articles


# --- running -----------------------------------------------------------------------------------


def make_pipeline(spec: str) -> PipelineLike:
    """Build the pipeline named `module:attribute` (a class or factory taking no arguments)."""
    module_name, _, attr = spec.partition(":")
    factory = getattr(importlib.import_module(module_name), attr or "Pipeline")
    pipeline: PipelineLike = factory()
    return pipeline


def _stage_seconds(pipeline: PipelineLike) -> dict[str, float]:
    stages = getattr(pipeline, "stage_seconds", None)
    return dict(stages) if isinstance(stages, dict) else {}


def _diff(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {stage: seconds - before.get(stage, 0.0) for stage, seconds in after.items()}


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def _build_and_warm(spec: str) -> tuple[PipelineLike, float]:
    started = time.perf_counter()
    pipeline = make_pipeline(spec)
    for _ in pipeline.run([_article(WARMUP_TEXT, title="Warm-up")]):
        pass
    return pipeline, time.perf_counter() - started


def run_single(spec: str, articles: Sequence[Article]) -> ModeResult:
    result = ModeResult(mode="single", workers=1)
    pipeline, result.load_seconds = _build_and_warm(spec)
    before = _stage_seconds(pipeline)
    started = time.perf_counter()
    for article, events in pipeline.run(articles):
        result.articles += 1
        result.chars += len(article.text)
        result.events += len(events)
    result.seconds = time.perf_counter() - started
    result.stage_seconds = _diff(_stage_seconds(pipeline), before)
    result.peak_rss_mb = _peak_rss_mb()
    return result


_WORKER: PipelineLike | None = None


def _init_worker(spec: str, ready: Any) -> None:
    global _WORKER
    try:
        _WORKER, _ = _build_and_warm(spec)
    except BaseException as exc:
        # Tell the parent why, or it would wait while the pool respawns failing workers forever.
        ready.put(f"{type(exc).__name__}: {exc}")
        raise
    ready.put(os.getpid())


def _wait_for_workers(ready: Any, workers: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for _ in range(workers):
        try:
            message = ready.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"the workers did not load the pipeline within {timeout:.0f} s") from None
        if isinstance(message, str):
            raise RuntimeError(f"a worker could not build the pipeline: {message}")


def _code_chunk(chunk: list[Article]) -> dict[str, Any]:
    assert _WORKER is not None, "worker not initialised"
    before = _stage_seconds(_WORKER)
    counts = {"articles": 0, "chars": 0, "events": 0}
    for article, events in _WORKER.run(chunk):
        counts["articles"] += 1
        counts["chars"] += len(article.text)
        counts["events"] += len(events)
    stages = _diff(_stage_seconds(_WORKER), before)
    return counts | {"pid": os.getpid(), "rss_mb": _peak_rss_mb(), "stages": stages}


def run_pool(
    spec: str,
    articles: Sequence[Article],
    workers: int,
    chunk_size: int | None = None,
    load_timeout: float = 900.0,
) -> ModeResult:
    result = ModeResult(mode="pool", workers=workers)
    # Small chunks keep every worker busy to the end; a few per worker keeps pickling overhead low.
    size = chunk_size or max(1, len(articles) // (workers * 4))
    chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
    # spawn, not fork: each worker loads its own models (as on a cluster) and its peak RSS is its own.
    ctx = mp.get_context("spawn")
    ready = ctx.Queue()
    started = time.perf_counter()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(spec, ready)) as pool:
        _wait_for_workers(ready, workers, load_timeout)  # every worker has loaded and warmed up
        result.load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        worker_rss: dict[int, float] = {}
        for counts in pool.imap_unordered(_code_chunk, chunks):
            result.articles += counts["articles"]
            result.chars += counts["chars"]
            result.events += counts["events"]
            worker_rss[counts["pid"]] = max(worker_rss.get(counts["pid"], 0.0), counts["rss_mb"])
            for stage, seconds in counts["stages"].items():
                result.stage_seconds[stage] = result.stage_seconds.get(stage, 0.0) + seconds
        result.seconds = time.perf_counter() - started
        pool.close()
        pool.join()
    children = max([*worker_rss.values(), _peak_rss_mb(resource.RUSAGE_CHILDREN)])
    result.worker_peak_rss_mb = children
    result.peak_rss_mb = _peak_rss_mb() + sum(worker_rss.values())
    return result


# --- reporting ---------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def format_table(results: Sequence[ModeResult]) -> str:
    header = (
        "mode",
        "workers",
        "articles",
        "chars",
        "events",
        "load s",
        "run s",
        "art/s",
        "chars/s",
        "peak MB",
    )
    rows = [header] + [
        (
            r.mode,
            str(r.workers),
            str(r.articles),
            str(r.chars),
            str(r.events),
            f"{r.load_seconds:.1f}",
            f"{r.seconds:.2f}",
            f"{r.articles_per_s:.2f}",
            f"{r.chars_per_s:,.0f}",
            f"{r.peak_rss_mb:,.0f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def format_stages(result: ModeResult) -> str:
    total = sum(result.stage_seconds.values()) or 1.0
    summed = ", summed over workers" if result.workers > 1 else ""
    lines = [f"per-stage time, {result.mode} ({result.workers} worker(s){summed}):"]
    for stage, seconds in sorted(result.stage_seconds.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {stage:<12} {seconds:8.2f} s  {100 * seconds / total:5.1f}%")
    return "\n".join(lines)


def _workers(value: str) -> int:
    if value == "all":
        return os.cpu_count() or 1
    workers = int(value)
    if workers < 1:
        raise argparse.ArgumentTypeError("--workers must be 1 or more, or 'all'")
    return workers


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="code at most N documents")
    parser.add_argument(
        "--workers",
        type=_workers,
        default="all",
        help="pool size after the one-process run: 1 (no pool), N or all",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="also write the results as JSON"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print per-stage time (Pipeline.stage_seconds)"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared benchmarks folder")
    parser.add_argument("--chunk-size", type=int, default=None, help="articles per pool task (default: auto)")
    parser.add_argument(
        "--pipeline", default=DEFAULT_PIPELINE, help="module:attribute of the pipeline to time (for stubs)"
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
    articles = load_documents(args.data, args.limit)
    if not articles:
        print(f"skipped: no re3d or WikiEvents documents under {args.data}", file=sys.stderr)
        return 0
    machine = machine_info()
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    print(f"command : {command}")
    print(f"machine : {machine['cpus']} CPUs, {machine['cpu_model']}, Python {machine['python']}")
    chars = sum(len(a.text) for a in articles)
    print(f"data    : {len(articles)} documents, {chars:,} characters from {args.data}")
    try:
        results = [run_single(args.pipeline, articles)]
        if args.workers > 1:
            results.append(run_pool(args.pipeline, articles, args.workers, args.chunk_size))
    except (ImportError, AttributeError, RuntimeError) as exc:
        print(f"error: cannot build the pipeline {args.pipeline!r}: {exc}", file=sys.stderr)
        return 2
    print()
    print(format_table(results))
    if args.profile:
        for result in results:
            print()
            print(
                format_stages(result)
                if result.stage_seconds
                else "per-stage time: Pipeline has no stage_seconds"
            )
    if args.json:
        report = {"command": command, "machine": machine, "documents": len(articles), "results": []}
        report["results"] = [r.as_dict() for r in results]
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
