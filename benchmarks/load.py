"""Load benchmark of `eventwire serve`: list queries from concurrent clients on loopback.

    .venv/bin/python benchmarks/load.py                       # demo corpus, 5,000 requests, 16 clients
    .venv/bin/python benchmarks/load.py --db events.duckdb --requests 20000 --concurrency 32

Starts the real server (`eventwire serve --port 0`) in a child process, so the clients (httpx,
asyncio, in this process) do not share its interpreter; waits for /api/health; warms up; then fires
`--requests` list queries (/api/events with a rotating set of filters, pages and sorts) from
`--concurrency` clients, each with its own keep-alive connection. Reports requests/s, latency
percentiles and errors (any status but 200, or a failed connection), with the machine. Exit status
1 when any request failed: tests/test_serve_api_load.py runs it small and fails on errors, not on speed.
Without --db, the demo corpus is ingested into a temporary file first (about 10 s, not timed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

_CLI = "from eventwire.cli import main; main()"
_URL_LINE = re.compile(r"API: (http://[\d.]+:\d+)/api/events")
_START_TIMEOUT_S = 60.0

# The list queries the clients rotate through: what the page's table, filters and map ask for.
QUERIES: list[dict[str, Any]] = [
    {"limit": 50},
    {"limit": 50, "offset": 50, "sort": "-date"},
    {"limit": 100, "sort": "-fatalities"},
    {"limit": 50, "country": "NG"},
    {"limit": 50, "type": "ASSAULT,PROTEST"},
    {"limit": 50, "since": "2024-01-01", "sort": "date"},
    {"limit": 50, "min_fatalities": 1},
    {"limit": 50, "bbox": "-20,-40,60,40"},
    {"limit": 50, "text": "killed"},
    {"limit": 1000},
]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def ingest_demo(folder: Path) -> Path:
    from eventwire.demo import CORPUS_DIR

    db = folder / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-c", _CLI, "ingest", str(CORPUS_DIR), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    return db


def server_url(child: subprocess.Popen[str]) -> str:
    """The base URL a starting `eventwire serve --port 0` prints, once it answers /api/health."""
    assert child.stderr is not None
    stderr = child.stderr
    deadline = time.monotonic() + _START_TIMEOUT_S
    seen: list[str] = []
    base_url = None
    while base_url is None:  # the server prints its URL once its socket is bound
        line = stderr.readline()
        if not line or time.monotonic() > deadline:
            raise RuntimeError("eventwire serve did not start:\n" + "".join(seen))
        seen.append(line)
        found = _URL_LINE.search(line)
        base_url = found.group(1) if found else None
    # Keep reading what it logs, so a full pipe never blocks it.
    threading.Thread(target=lambda: [None for _ in stderr], daemon=True).start()
    with httpx.Client(base_url=base_url) as client:
        while True:  # bound is not yet serving: poll until the app answers
            try:
                if client.get("/api/health").status_code == 200:
                    return base_url
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or child.poll() is not None:
                raise RuntimeError("eventwire serve did not answer /api/health:\n" + "".join(seen))
            time.sleep(0.05)


@contextmanager
def server_process(db: Path, cache_entries: int) -> Iterator[tuple[str, int]]:
    """`eventwire serve --db DB --port 0` in a child process; yields its base URL and process id."""
    args = [sys.executable, "-c", _CLI, "serve", "--db", str(db), "--port", "0", "--log-level", "warning"]
    args += ["--cache-entries", str(cache_entries)]
    child = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        yield server_url(child), child.pid
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


async def _client(base_url: str, jobs: asyncio.Queue[int], latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        while True:
            try:
                n = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            params = QUERIES[n % len(QUERIES)]
            started = time.perf_counter()
            try:
                response = await client.get("/api/events", params=params)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {params}: {response.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {params}: {exc}")
            latencies.append(time.perf_counter() - started)


async def fire(base_url: str, requests: int, concurrency: int) -> dict[str, Any]:
    jobs: asyncio.Queue[int] = asyncio.Queue()
    for n in range(requests):
        jobs.put_nowait(n)
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(_client(base_url, jobs, latencies, errors) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return (
            round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2) if latencies else 0.0
        )

    return {
        "requests": len(latencies),
        "concurrency": concurrency,
        "seconds": round(elapsed, 3),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else 0.0,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), 0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="event store to serve (default: the demo corpus, ingested)")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument(
        "--cache-entries",
        type=int,
        default=256,
        help="the server's response cache (0: every query hits DuckDB)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as tmp:
        db = args.db or ingest_demo(Path(tmp))
        with server_process(db, args.cache_entries) as (base_url, pid):
            asyncio.run(fire(base_url, args.warmup, args.concurrency))
            cpu_before = cpu_seconds(pid)
            result = asyncio.run(fire(base_url, args.requests, args.concurrency))
            # Server CPU per request does not depend on what else the machine is running.
            result["server_cpu_ms_per_request"] = round(
                (cpu_seconds(pid) - cpu_before) * 1000 / max(result["requests"], 1), 3
            )
            with httpx.Client(base_url=base_url) as client:
                result["events_in_store"] = client.get("/api/health").json()["events"]
    result["machine"] = machine()
    result["load_average"] = load_average()
    result["cache_entries"] = args.cache_entries
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['requests']} list queries, {args.concurrency} concurrent clients, loopback, "
            f"{result['events_in_store']} events in the store, response cache {args.cache_entries} entries\n"
            f"  {result['requests_per_s']} requests/s   p50 {result['p50_ms']} ms   p90 {result['p90_ms']} ms"
            f"   p99 {result['p99_ms']} ms   max {result['max_ms']} ms   errors {result['errors']}\n"
            f"  server CPU {result['server_cpu_ms_per_request']} ms/request\n"
            f"  machine: {result['machine']}, load average {result['load_average']}"
        )
        for line in result["first_errors"]:
            print(f"  error: {line}", file=sys.stderr)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
