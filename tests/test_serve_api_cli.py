"""`eventwire serve` as a user runs it: the real command in a child process, and its refusals.

Also the load benchmark (benchmarks/load.py), run small: it must finish with no failed request.
Speed is reported by the benchmark, never asserted here.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from tests import export_fixtures as fx

ROOT = Path(__file__).resolve().parents[1]
LOAD = ROOT / "benchmarks" / "load.py"
CLI = "from eventwire.cli import main; main()"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return fx.build_store(tmp_path / "events.duckdb")


def _eventwire(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=120)


@contextmanager
def _serving(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`eventwire serve ARGS --port 0` in a child process: its base URL (from its first lines) and itself."""
    sys.path.insert(0, str(LOAD.parent))
    try:
        from load import server_url  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(LOAD.parent))
    child = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", *args, "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield server_url(child), child
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_serve_cli_serves_owns_the_writer_and_stops_on_sigterm(db: Path) -> None:
    with _serving("--db", str(db)) as (base_url, child):
        health = httpx.get(f"{base_url}/api/health").json()
        assert health["status"] == "ok" and health["events"] == len(fx.ALL)
        assert httpx.get(f"{base_url}/api/events", params={"country": "SY"}).json()["total"] == 1
        # The server holds the writer: another process cannot open the file meanwhile.
        other = _eventwire("events", "--db", str(db))
        assert other.returncode == 2 and "[E048]" in other.stderr
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
    after = _eventwire("events", "--db", str(db), "--format", "json")
    assert after.returncode == 0 and len(json.loads(after.stdout)) == len(fx.ALL)


def test_serve_cli_read_only_shares_the_file_with_readers(db: Path) -> None:
    with _serving("--db", str(db), "--read-only") as (base_url, child):
        reader = _eventwire("events", "--db", str(db), "--format", "json", "--country", "IQ")
        assert reader.returncode == 0, reader.stderr
        assert [e["id"] for e in json.loads(reader.stdout)] == ["ev-battle", "ev-threat"]
        assert httpx.get(f"{base_url}/api/summary").json()["total"] == len(fx.ALL)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0


def test_serve_cli_refuses_a_missing_database_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(missing)])
    assert result.exit_code == 2 and "[E041]" in result.stderr
    assert not missing.exists()


def test_serve_cli_port_in_use_is_a_clear_error(db: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--port", port])
    assert result.exit_code == 2 and "[E088]" in result.stderr and port in result.stderr
    assert "Traceback" not in result.output


def test_serve_load_benchmark_runs_without_errors(db: Path) -> None:
    args = ["--db", str(db), "--requests", "400", "--concurrency", "8", "--warmup", "20", "--json"]
    done = subprocess.run(
        [sys.executable, str(LOAD), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["errors"] == 0 and result["requests"] == 400, result["first_errors"]
    assert result["requests_per_s"] > 0 and 0 < result["p50_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert "cores" in result["machine"]
