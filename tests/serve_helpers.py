"""Real `eventwire serve` servers for tests: a demo database and a server on an ephemeral loopback port.

Reuse from any test module (API and page tests alike):

    from tests.serve_helpers import build_db, demo_db, running_server

    def test_something(tmp_path_factory):
        with running_server(demo_db(tmp_path_factory)) as base_url:   # 'http://127.0.0.1:PORT'
            httpx.get(f"{base_url}/api/events", params={"country": "NG"})

    def test_hostile(tmp_path):
        page = tmp_path / "hostile.txt"
        page.write_text("Headline\\n<script>alert(1)</script> Gunmen killed 5 people in Kano on Monday.")
        db = build_db(tmp_path / "hostile.duckdb", [page], published="2024-03-04")
        with running_server(db) as base_url: ...

- `build_db(path, inputs)` ingests files or folders with the real pipeline, through the real CLI
  (`eventwire ingest`) in a child process, so spaCy never loads into the test process.
- `demo_db(tmp_path_factory)` is the bundled demo corpus (src/eventwire/demo/corpus: 15 articles,
  about 70 events), ingested once per test session and copied for each caller: each server owns
  the writer of its own file, as `eventwire serve` does, and several can run side by side.
- `running_server(db)` opens the store as the writer (or `read_only=True`), starts the real app
  (`eventwire.serve.create_app`) under uvicorn in a thread on 127.0.0.1:0, waits until it accepts
  connections, yields its base URL, and stops it and closes the store on exit.
- `demo_server` (module-scoped fixture) is `running_server(demo_db(...))`. To use it in a test
  module without tripping ruff (F401/F811 on an imported fixture), bind it to a module name:

      from tests import serve_helpers
      demo_server = serve_helpers.demo_server

      def test_events(demo_server: str) -> None: ...
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventwire.demo import CORPUS_DIR
from eventwire.serve import background_server, create_app
from eventwire.store import EventStore

_INGEST = "from eventwire.cli import main; main()"
_demo_cache: dict[Path, Path] = {}


def build_db(
    path: Path, inputs: Sequence[Path], *, published: str | None = None, timeout: float = 300
) -> Path:
    """Ingest `inputs` (files or folders) into the DuckDB file `path` with the real pipeline; returns `path`.

    Raises AssertionError with the CLI's output when the ingest fails (exit 2) or any input fails
    (exit 1), so a broken fixture reads as such.
    """
    args = [sys.executable, "-c", _INGEST, "ingest", *map(str, inputs), "--db", str(path)]
    if published is not None:
        args += ["--published", published]
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"ingest failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return path


def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the demo corpus database (the ingest itself runs once per session)."""
    base = tmp_path_factory.getbasetemp()
    if base not in _demo_cache:
        folder = tmp_path_factory.mktemp("demo-db")
        _demo_cache[base] = build_db(folder / "demo.duckdb", [CORPUS_DIR])
    copy = tmp_path_factory.mktemp("demo-copy") / "demo.duckdb"
    shutil.copyfile(_demo_cache[base], copy)
    return copy


@contextmanager
def running_server(db: Path, *, read_only: bool = False) -> Iterator[str]:
    """The real API over the store at `db`, on 127.0.0.1 and a free port; yields its base URL."""
    with EventStore.open(db, read_only=read_only) as store, background_server(create_app(store)) as server:
        yield server.url


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a server over a copy of the demo database, shared by the tests of one module."""
    with running_server(demo_db(tmp_path_factory)) as base_url:
        yield base_url
