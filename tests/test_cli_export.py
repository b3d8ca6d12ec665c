"""`eventwire export` through the CLI: every format, to a file and to stdout, with the shared filters."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store.export_acled import ACLED_COLUMNS
from eventwire.store.export_ucdp import UCDP_COLUMNS
from tests.export_fixtures import ALL, build_store
from tests.test_store_export_formats import assert_rfc7946_feature_collection

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli-export") / "events.duckdb")


def test_cli_export_acled_to_stdout(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "acled"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == list(ACLED_COLUMNS) and len(frame) == 4
    assert "Exported 4 of 7 events as acled; 3 left out: ACLED would not code them" in result.stderr


def test_cli_export_ucdp_to_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ged.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "ucdp", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the data went to the file
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(UCDP_COLUMNS) and sorted(frame["id"]) == ["ev-battle", "ev-bombing"]
    assert f"to {out}" in result.stderr


def test_cli_export_plover_jsonl(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "plover"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(ALL) and all(r["has_event"] for r in records)


def test_cli_export_geojson_validates(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson", "--country", "IQ"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert_rfc7946_feature_collection(document)
    assert sorted(f["id"] for f in document["features"]) == ["ev-battle", "ev-threat"]


def test_cli_export_parquet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows == len(ALL)


def test_cli_export_parquet_without_out_is_e046(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 2
    assert "[E046]" in result.stderr and "--out" in result.stderr and "Traceback" not in result.output


def test_cli_export_csv(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--min-fatalities", "5"])
    assert result.exit_code == 0, result.output
    assert sorted(pd.read_csv(io.StringIO(result.stdout))["id"]) == ["ev-airstrike", "ev-bombing"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--actor", "Hashd al-Shaabi"], ["ev-airstrike"]),
        (["--type", "Battles"], ["ev-battle"]),
        (["--bbox", "35,30,45,38", "--since", "2019-06-12"], ["ev-airstrike", "ev-threat"]),
        (["--admin1", "borno"], ["ev-bombing"]),
        (["--text", "Suva"], ["ev-suva"]),
        (["--until", "2019-06-14", "--limit", "1"], ["ev-battle"]),
    ],
)
def test_cli_export_filters(db: Path, args: list[str], expected: list[str]) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "plover", *args])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == expected


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--format", "xml"], "xml"),
        (["--format", "csv", "--bbox", "1,2,3"], "[E045]"),
        (["--format", "csv", "--type", "airstrike"], "[E044]"),
        (["--format", "csv", "--since", "last week"], "[E020]"),
    ],
)
def test_cli_export_usage_errors_exit_2(db: Path, args: list[str], code: str) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 2
    assert code in result.output and "Traceback" not in result.output


def test_cli_export_missing_db_is_e041(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv"])
    assert result.exit_code == 2 and "[E041]" in result.stderr


def test_cli_export_help_says_what_each_format_holds() -> None:
    result = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Only events ACLED would code go into the acled export" in text
    for flag in ("--country", "--admin1", "--type", "--actor", "--since", "--until", "--bbox"):
        assert flag in text
    assert "--min-fatalities" in text and "--text" in text and "--limit" in text and "--out" in text


def test_cli_events_and_export_share_the_filter_flags() -> None:
    def flags(command: str) -> set[str]:
        text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        return {word.strip(",") for word in text.split() if word.startswith("--")}

    shared = {"--country", "--admin1", "--type", "--actor", "--since", "--until", "--bbox"}
    shared |= {"--min-fatalities", "--text", "--limit", "--db", "--format"}
    assert shared <= flags("events") and shared <= flags("export")


@pytest.mark.slow
def test_cli_export_demo_corpus_loads_in_pandas_and_as_geojson(pipeline: Any, tmp_path: Path) -> None:
    """The issue's acceptance check: the demo corpus, stored, exported in every format, loads."""
    from eventwire.store import EventStore
    from tests.demo_scoring import corpus_articles, load_fixture

    demo = tmp_path / "demo.duckdb"
    with EventStore.open(demo) as store:
        for article in corpus_articles(load_fixture()).values():
            store.add(article, pipeline.extract_article(article))
        total = store.counts()["events"]
    assert total > 20
    for fmt in ("acled", "ucdp", "csv"):
        out = tmp_path / f"{fmt}.csv"
        assert runner.invoke(app, ["export", "--db", str(demo), "-f", fmt, "-o", str(out)]).exit_code == 0
        frame = pd.read_csv(out)
        assert len(frame) > 0, fmt
    acled = pd.read_csv(tmp_path / "acled.csv")
    assert list(acled.columns) == list(ACLED_COLUMNS) and (acled["fatalities"] >= 0).all()
    assert pd.api.types.is_integer_dtype(acled["interaction"]) and pd.api.types.is_float_dtype(
        acled["latitude"]
    )
    result = runner.invoke(app, ["export", "--db", str(demo), "-f", "geojson"])
    assert result.exit_code == 0
    assert_rfc7946_feature_collection(json.loads(result.stdout))
    out = tmp_path / "demo.parquet"
    assert runner.invoke(app, ["export", "--db", str(demo), "-f", "parquet", "-o", str(out)]).exit_code == 0
    assert pq.read_table(out).num_rows == total
    plover = runner.invoke(app, ["export", "--db", str(demo), "-f", "plover"]).stdout.splitlines()
    assert len(plover) == total and all(json.loads(line)["event"] for line in plover)
