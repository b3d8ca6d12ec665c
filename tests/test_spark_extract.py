"""`eventwire spark extract` on local[2], then `eventwire store import`: the same store as `ingest`.

Specification:
- over at least 200 articles (the demo corpus, the public re3d and WikiEvents texts in ../shared
  when present, and varied project-written reports to make up the number), a folder holding .txt,
  .html and .jsonl files, a duplicate and an empty file: Spark's run, imported, gives the store that
  `eventwire ingest` gives: every table row for row, event ids and full records included, and the
  same failures;
- the output is Parquet partitioned by country_code and month, with the columns of the store's
  Parquet export, and the pipeline was built at most once per Python worker (two on local[2]);
- JSON Lines and Parquet inputs are read like `ingest` reads a .jsonl file: same articles, same ids.

One SparkSession for the module: local[2], no UI, loopback only, the test's Python on the executors.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import eventwire.demo
from eventwire.cli import app
from eventwire.store.export_parquet import SCHEMA as EXPORT_SCHEMA
from tests.conftest import SHARED
from tests.test_ingest_workers import dump_store as dump

pytestmark = [
    pytest.mark.slow,
    # pyspark 4.3 has not been tested with pandas 3; the job passes Arrow batches, not pandas frames.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]
runner = CliRunner()
ARTICLES = 200


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="the Spark extra is not installed (make spark)")
    from pyspark.sql import SparkSession

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("eventwire-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# --- the 200 articles --------------------------------------------------------------------------

TOWNS = [
    ("Gao", "Mali"), ("Kidal", "Mali"), ("Maiduguri", "Nigeria"), ("Kano", "Nigeria"), ("Goma", "Congo"),
    ("Beni", "Congo"), ("Mogadishu", "Somalia"), ("Kismayo", "Somalia"), ("Aleppo", "Syria"),
    ("Idlib", "Syria"), ("Mosul", "Iraq"), ("Kirkuk", "Iraq"), ("Kharkiv", "Ukraine"), ("Kherson", "Ukraine"),
    ("Taiz", "Yemen"), ("Marib", "Yemen"), ("Kandahar", "Afghanistan"), ("Peshawar", "Pakistan"),
    ("Quetta", "Pakistan"), ("Arauca", "Colombia"),
]  # fmt: skip
ATTACKERS = ["Gunmen", "Suspected militants", "Armed men on motorcycles", "Unidentified attackers"]
TARGETS = ["a police checkpoint", "a village market", "an army convoy", "a displacement camp", "a mosque"]
SPEAKERS = ["a police spokesman said", "local officials said", "a hospital director said", "residents said"]
NUMBERS = ["two", "three", "five", "seven", "nine", "12", "15", "more than 20"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def written_report(n: int) -> dict[str, str]:
    """A short wire report written for this test, varied in place, actors, figures, kind and date."""
    town, country = TOWNS[n % len(TOWNS)]
    day = DAYS[n % 7]
    killed, wounded = NUMBERS[n % len(NUMBERS)], NUMBERS[(n * 3 + 1) % len(NUMBERS)]
    speaker = SPEAKERS[n % len(SPEAKERS)]
    kind = n % 4
    if kind == 0:
        title = f"{ATTACKERS[n % 4]} kill {killed} in attack near {town}"
        text = (
            f"{ATTACKERS[n % 4]} attacked {TARGETS[n % 5]} near {town}, {country}, on {day}, "
            f"killing {killed} people and wounding {wounded} others, {speaker}. "
            f"No group claimed responsibility (report {n})."
        )
    elif kind == 1:
        title = f"Protesters clash with police in {town}"
        text = (
            f"Thousands of protesters marched in {town} on {day} against rising fuel prices. "
            f"Police fired tear gas and {wounded} demonstrators were hurt, {speaker}. "
            f"Organisers vowed to return (report {n})."
        )
    elif kind == 2:
        title = f"Army says it arrested {killed} suspects in {town}"
        text = (
            f"Soldiers arrested {killed} suspected militants in a raid in {town}, {country}, on {day}, "
            f"{speaker}. Weapons and explosives were seized during the operation (report {n})."
        )
    else:
        title = f"Rebels threaten to attack {town}"
        text = (
            f"Rebel commanders threatened on {day} to attack {town} unless the government withdrew "
            f"its troops from the region within a week, {speaker}. "
            f"The army said it would defend the city (report {n})."
        )
    published = f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
    return {"title": title, "text": text, "published": published, "url": f"https://example.org/wire/{n}"}


def _shared_records() -> list[dict[str, str]]:
    """The re3d and WikiEvents dev texts, when ../shared is beside the repo (CI has it)."""
    records: list[dict[str, str]] = []
    for path in sorted((SHARED / "benchmarks" / "re3d").glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                doc = json.loads(line)
                records.append(
                    {"title": doc.get("title") or "", "text": doc["text"], "url": doc.get("sourceUrl") or ""}
                )
    dev = SHARED / "benchmarks" / "wikievents" / "dev.jsonl"
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                text = " ".join(sentence[1] for sentence in doc["sentences"])
                records.append({"text": text, "url": f"wikievents:{doc['doc_id']}"})
    return records


def build_corpus(folder: Path) -> int:
    """A folder `eventwire ingest` reads as >= 200 articles; returns how many inputs it holds."""
    shutil.copytree(eventwire.demo.CORPUS_DIR, folder)
    demo = len(list(folder.glob("*.txt"))) + len(list(folder.glob("*.htm*")))
    demo += sum(1 for line in (folder / "wire.jsonl").read_text().splitlines() if line.strip())
    shared = _shared_records()
    with (folder / "shared-benchmarks.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(record) + "\n" for record in shared)
    written = max(60, ARTICLES - demo - len(shared))
    reports = folder / "reports"
    reports.mkdir()
    for n in range(written):
        report = written_report(n)
        (reports / f"r{n:03d}.txt").write_text(f"{report['title']}\n{report['text']}\n", encoding="utf-8")
    for n in range(0, 40, 4):  # the same attacks told by a second outlet: the store merges the reports
        report = written_report(n)
        town = TOWNS[n % len(TOWNS)][0]
        retold = {
            **report,
            "title": f"Deadly attack near {town}",
            "text": f"{NUMBERS[n % len(NUMBERS)].capitalize()} people were killed on {DAYS[n % 7]} when "
            f"{ATTACKERS[n % 4].lower()} attacked {TARGETS[n % 5]} near {town}, {SPEAKERS[(n + 1) % 4]}.",
            "url": f"https://example.org/other/{n}",
        }
        (reports / f"r{n:03d}-retold.json").write_text(json.dumps(retold), encoding="utf-8")
        written += 1
    shutil.copy(reports / "r007.txt", reports / "r007-again.txt")  # the same text twice: stored once
    (reports / "r999-empty.txt").write_text("")  # a bad input: E001 both ways
    return demo + len(shared) + written + 2


# --- the tests ---------------------------------------------------------------------------------


def _ingest(inputs: Path, db: Path) -> Any:
    return runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--workers", "1"])


def _spark_extract(inputs: Path, output: Path, *flags: str) -> Any:
    return runner.invoke(app, ["spark", "extract", "--input", str(inputs), "--output", str(output), *flags])


def _import(output: Path, db: Path) -> Any:
    return runner.invoke(app, ["store", "import", str(output), "--db", str(db)])


def test_spark_local2_over_200_articles_stores_what_ingest_stores(spark: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    inputs = build_corpus(corpus)
    single, imported, output = tmp_path / "single.duckdb", tmp_path / "spark.duckdb", tmp_path / "out"

    ingested = _ingest(corpus, single)
    assert ingested.exit_code == 1, ingested.output  # the empty file
    extracted = _spark_extract(corpus, output, "--master", "local[2]")
    assert extracted.exit_code == 1, extracted.output
    assert f"Inputs read: {inputs}" in extracted.output and "duplicates skipped: 1" in extracted.output
    assert "r999-empty.txt" in extracted.output and "[E001]" in extracted.output
    loaded = _import(output, imported)
    assert loaded.exit_code == 1 and "[E001]" in loaded.output

    expected = dump(single)
    assert len(expected["articles"]) >= ARTICLES
    assert dump(imported) == expected  # every table, row for row: ids and full records included
    if "report_links" in expected:  # the store merges reports across articles (schema v3 and later)
        merged = [row for row in expected["report_links"] if row[3]]  # (key_a, key_b, score, same, ...)
        assert merged, "no two articles merged: the equality would not cover the cross-article merge"
    events_line = next(line for line in ingested.output.splitlines() if line.startswith("Events stored"))
    assert events_line.split(" in ")[0] in loaded.output
    assert f"new: {len(expected['articles'])}" in loaded.output  # the duplicate never reached the store

    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["master"] == "local[2]" and 1 <= manifest["pipeline_loads"] <= 2
    events_dirs = {p.relative_to(output / "events").parts[:2] for p in (output / "events").rglob("*.parquet")}
    assert ("country_code=SY", "month=2024-03") in events_dirs or len(events_dirs) > 10
    assert all(a.startswith("country_code=") and b.startswith("month=") for a, b in events_dirs)

    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    table = ds.dataset(output / "events", format="parquet", partitioning="hive").to_table()
    assert set(EXPORT_SCHEMA.names) <= set(table.column_names)
    assert {"article_id", "record", "month"} <= set(table.column_names)
    assert table.num_rows == manifest["events"]


def test_spark_reads_jsonl_and_parquet_like_ingest_reads_jsonl(spark: Any, tmp_path: Path) -> None:
    records = [written_report(n) for n in range(12)]
    records.insert(5, {"title": "No text here"})  # a bad record: named by its line
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    parquet = tmp_path / "wire.parquet"
    spark.createDataFrame([{**r, "text": r.get("text")} for r in records]).coalesce(1).write.parquet(
        str(parquet)
    )

    single = tmp_path / "single.duckdb"
    assert _ingest(jsonl, single).exit_code == 1
    expected = dump(single)
    for source, name in ((jsonl, "jsonl"), (parquet, "parquet")):
        output, db = tmp_path / f"out-{name}", tmp_path / f"{name}.duckdb"
        extracted = _spark_extract(source, output, "--partitions", "3")
        assert extracted.exit_code == 1, extracted.output
        assert "[E006]" in extracted.output and ("line 6" in extracted.output or "row 6" in extracted.output)
        assert _import(output, db).exit_code == 1
        assert dump(db) == expected, name


def test_spark_refuses_an_output_that_holds_files_and_an_input_that_is_not_there(
    spark: Any, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    (tmp_path / "in.jsonl").write_text(json.dumps(written_report(1)) + "\n")
    refused = _spark_extract(tmp_path / "in.jsonl", tmp_path / "out")
    assert refused.exit_code == 2 and "[E096]" in refused.output
    missing = _spark_extract(tmp_path / "nowhere", tmp_path / "out2")
    assert missing.exit_code == 2 and "[E095]" in missing.output
    not_a_run = _import(tmp_path / "out", tmp_path / "x.duckdb")
    assert not_a_run.exit_code == 2 and "[E097]" in not_a_run.output
