"""The real `eventwire` script with the real reader, pipeline and store (slow: loads the model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.record import Event, Extraction
from eventwire.store import EventStore

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "eventwire"
EXAMPLE = Path("/work/shared/examples/airstrike-albu-kamal.txt")

ARTICLES = {
    "clash.txt": (
        "Militants attack army post in northern Mali\n"
        "Suspected jihadist militants attacked an army post near Gao on Tuesday, killing four soldiers, "
        "the Malian army said in a statement. Two attackers were also killed."
    ),
    "protest.txt": (
        "Thousands protest in Nairobi\n"
        "Thousands of protesters marched through Nairobi on Monday to demand lower food prices. "
        "Police fired tear gas to disperse the crowd, witnesses said."
    ),
}


@pytest.fixture(scope="module")
def ready() -> None:
    """Skip, saying why, until the reader and pipeline exist (the first run may build the gazetteer)."""
    try:
        from eventwire.ingest import read_inputs  # noqa: F401
        from eventwire.pipeline import Pipeline  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the pipeline is not complete yet ({exc})")
    if not SCRIPT.exists():
        pytest.skip(f"console script {SCRIPT} is not installed (pip install -e .)")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160"}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=300, env=env)


def test_cli_end_to_end_ingest_garbage_then_rerun(ready: None, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in ARTICLES.items():
        (news / name).write_text(text, encoding="utf-8")
    (news / "corrupt.txt").write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "events.duckdb"

    first = _run("ingest", str(news), "--db", str(db), "--published", "2021-03-04")
    assert first.returncode == 1, first.stderr
    assert "corrupt.txt" in first.stderr
    assert "new: 2" in first.stdout
    with EventStore.open(db, read_only=True) as store:
        counts = store.counts()
        assert counts["articles"] == 2

    second = _run("ingest", str(news), "--db", str(db), "--published", "2021-03-04")
    assert second.returncode == 1
    assert "new: 0, already stored: 2" in second.stdout
    with EventStore.open(db, read_only=True) as store:
        assert store.counts() == counts

    listed = _run("events", "--db", str(db), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert len([Event.model_validate(item) for item in json.loads(listed.stdout)]) == counts["events"]
    for fmt in ("csv", "geojson", "table"):
        assert _run("events", "--db", str(db), "--format", fmt).returncode == 0


def test_cli_end_to_end_extract_example(ready: None) -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is not on this machine")
    result = _run("extract", str(EXAMPLE), "--published", "2018-06-21")
    assert result.returncode == 0, result.stderr
    extraction = Extraction.model_validate_json(result.stdout)
    assert len(extraction.articles) == 1
    assert any(event.type == "ASSAULT" for event in extraction.events)
