"""Every command has help ending in an Example, appears in the README, and the real script runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "eventwire"
runner = CliRunner()


def _command_paths() -> list[list[str]]:
    """Every command and group, walked from the Click tree Typer builds (new commands included)."""
    paths: list[list[str]] = [[]]

    def walk(command: object, prefix: list[str]) -> None:
        # Typer vendors its own Click, so groups are recognised by their `commands` mapping.
        subcommands: dict[str, object] = getattr(command, "commands", None) or {}
        for name, sub in subcommands.items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return paths


COMMANDS = _command_paths()


def test_cli_walk_finds_the_commands() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"schema", "extract", "ingest", "events", "gazetteer", "gazetteer build"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "eventwire")
def test_cli_every_command_help_ends_with_example(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[-1].startswith("Example: eventwire") or lines[-1].startswith("Example: "), lines[-3:]
    assert "eventwire" in lines[-1]


def test_cli_every_command_in_readme() -> None:
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md is not written yet")
    text = readme.read_text(encoding="utf-8")
    missing = [" ".join(path) for path in COMMANDS if path and f"eventwire {' '.join(path)}" not in text]
    if missing and len(text) < 200:
        pytest.skip(f"README.md is still a stub; it will need: {missing}")
    assert not missing, f"commands missing from README.md: {missing}"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script {SCRIPT} is not installed (pip install -e .)")
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def test_cli_script_version_help_and_schema() -> None:
    assert _run("--version").stdout.startswith("eventwire ")
    helped = _run("--help")
    assert helped.returncode == 0 and "Example:" in helped.stdout
    schema = _run("schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "Extraction"


def test_cli_script_exit_codes(tmp_path: Path) -> None:
    bad_date = _run("extract", "x.txt", "--published", "next tuesday")
    assert bad_date.returncode == 2 and "[E020]" in bad_date.stderr and "Traceback" not in bad_date.stderr
    missing_db = _run("events", "--db", str(tmp_path / "none.duckdb"))
    assert missing_db.returncode == 2 and "[E041]" in missing_db.stderr
    assert _run("events").returncode == 2  # --db is required


def test_cli_script_events_from_a_store(tmp_path: Path) -> None:
    from eventwire.record import Article, Event, EventDate, Location
    from eventwire.store import EventStore

    db = tmp_path / "events.duckdb"
    article = Article(id="a1", text="Police fired tear gas at students in the capital on Tuesday.")
    event = Event(
        id="a1-1",
        type="COERCE",
        date=EventDate(start=None),
        location=Location(name="Nairobi", lat=-1.28, lon=36.82, country="Kenya", country_code="KE"),
    )
    with EventStore.open(db) as store:
        store.add(article, [event])
    result = _run("events", "--db", str(db), "--format", "geojson", "--country", "Kenya")
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[36.82, -1.28]]
    table = _run("events", "--db", str(db))
    assert table.returncode == 0 and "Nairobi" in table.stdout and "COERCE" in table.stdout
