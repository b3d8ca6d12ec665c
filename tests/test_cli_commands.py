"""The CLI through Typer's CliRunner, with a fake reader and a fake pipeline (fast, no model)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from eventwire.cli import _common, app
from eventwire.record import Article, Event, EventActor, EventDate, Evidence, Figures, Location
from eventwire.store import EventStore

runner = CliRunner()

GOOD = {
    "raid.txt": "Army raids rebel camp\nSoldiers raided a rebel camp outside Gao on Monday, killing three.",
    "march.txt": "Thousands march in capital\nProtesters marched through Bamako on Friday over fuel prices.",
}
FRENCH = "Manifestation à Bamako\nLes manifestants ont défilé vendredi dans les rues de la capitale."


@dataclass(frozen=True)
class FakeFailure:
    path: str
    code: str
    message: str


def fake_read_inputs(paths: Sequence[str], options: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """Stands in for eventwire.ingest.read_labelled: .txt files, folders, '-', binary files fail."""
    files: list[tuple[str, str | None]] = []
    for raw in paths:
        if raw == "-":
            files.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(raw)
        for file in sorted(path.iterdir()) if path.is_dir() else [path]:
            data = file.read_bytes() if file.exists() else None
            if data is None:
                yield str(file), FakeFailure(str(file), "E008", f"[E008] {file}: no such file or directory.")
            elif b"\x00" in data:
                yield (
                    str(file),
                    FakeFailure(str(file), "E002", f"[E002] {file}: file looks binary (NUL bytes)."),
                )
            else:
                files.append((str(file), data.decode()))
    for name, text in files:
        assert text is not None
        title, _, body = text.partition("\n")
        yield (
            name,
            Article(
                id=hashlib.sha256(text.encode()).hexdigest()[:16],
                url=f"file://{name}",
                title=title,
                published=options["published"],
                language="fr" if "Les " in body else "en",
                text=body,
            ),
        )


class FakePipeline:
    """One event per English article, located in Mali; counts what it was asked to process."""

    processed: ClassVar[list[str]] = []

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            FakePipeline.processed.append(article.id)
            yield article, ([fake_event(article)] if article.language == "en" else [])


def fake_event(article: Article) -> Event:
    protest = "march" in article.text or "Protest" in article.text
    return Event(
        id=f"{article.id}-1",
        type="PROTEST" if protest else "ASSAULT",
        mode=None if protest else "firearms",
        date=EventDate(start=article.published or dt.date(2021, 3, 1), precision="day"),
        location=Location(
            text="Bamako" if protest else "Gao",
            name="Bamako" if protest else "Gao",
            lat=12.65 if protest else 16.27,
            lon=-8.0 if protest else -0.04,
            country="Mali",
            country_code="ML",
        ),
        actors=[EventActor(role="source", name="Protesters" if protest else "Malian Armed Forces")],
        fatalities=None if protest else Figures(best=3),
        evidence=[Evidence(article_id=article.id, sentence=article.text, start=0, end=len(article.text))],
    )


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> type[FakePipeline]:
    FakePipeline.processed = []
    monkeypatch.setattr(_common, "read_inputs", fake_read_inputs)
    monkeypatch.setattr(_common, "make_pipeline", lambda settings: FakePipeline())
    return FakePipeline


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in GOOD.items():
        (news / name).write_text(text)
    return news


@pytest.fixture
def garbage_folder(folder: Path) -> Path:
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    return folder


def test_cli_extract_json_prints_extraction(fakes: type[FakePipeline], folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder), "--published", "2021-03-05"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"articles", "events"}
    assert len(document["articles"]) == 2 and len(document["events"]) == 2
    assert {a["published"] for a in document["articles"]} == {"2021-03-05"}
    assert result.stderr == ""


def test_cli_extract_jsonl_one_event_a_line(fakes: type[FakePipeline], folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert {Event.model_validate_json(line).type for line in lines} == {"ASSAULT", "PROTEST"}


def test_cli_extract_table_shows_places_and_actors(fakes: type[FakePipeline], folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder), "-f", "table"])
    assert result.exit_code == 0
    for expected in ("ASSAULT", "PROTEST", "Gao", "Bamako", "ML", "Malian Armed Forces → ?", "3"):
        assert expected in result.stdout


def test_cli_extract_reads_stdin(fakes: type[FakePipeline]) -> None:
    result = runner.invoke(app, ["extract", "-"], input=GOOD["raid.txt"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["title"] == "Army raids rebel camp"


def test_cli_extract_failures_exit_1_and_rest_printed(
    fakes: type[FakePipeline], garbage_folder: Path
) -> None:
    result = runner.invoke(app, ["extract", str(garbage_folder), str(garbage_folder / "missing.txt")])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["events"]) == 2
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert "broken.txt" in errors[0] and "[E002]" in errors[0]
    assert "missing.txt" in errors[1] and "[E008]" in errors[1]


def test_cli_extract_non_english_is_e007_but_printed(fakes: type[FakePipeline], folder: Path) -> None:
    (folder / "manif.txt").write_text(FRENCH)
    result = runner.invoke(app, ["extract", str(folder)])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert len(document["articles"]) == 3 and len(document["events"]) == 2
    assert "[E007]" in result.stderr and "French" in result.stderr and "manif.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],  # no paths
        ["extract", "x.txt", "--published", "21/06/2018"],
        ["extract", "x.txt", "--published", "2018-02-30"],
        ["extract", "x.txt", "--format", "xml"],
        ["extract", "x.txt", "--max-mb", "0"],
        ["ingest", "x.txt"],  # no --db
        ["events", "--db", "x.duckdb", "--since", "yesterday"],
        ["events", "--db", "x.duckdb", "--format", "parquet"],
        ["events", "--db", "x.duckdb", "--bbox", "0,0"],
        ["events", "--db", "x.duckdb", "--type", "bombing"],
        ["events", "--db", "x.duckdb", "--min-fatalities", "-1"],
        ["no-such-command"],
    ],
)
def test_cli_usage_errors_exit_2(fakes: type[FakePipeline], args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_cli_bad_date_message_names_the_fix(fakes: type[FakePipeline]) -> None:
    result = runner.invoke(app, ["extract", "x.txt", "--published", "21/06/2018"])
    assert "[E020]" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_cli_ingest_garbage_folder_stores_good_and_names_bad(
    fakes: type[FakePipeline], garbage_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", str(garbage_folder), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "Articles read: 2 (new: 2, already stored: 0)" in result.stdout
    assert "Events stored: 2" in result.stdout
    assert "Failures: 1" in result.stdout
    assert "broken.txt" in result.stderr and "[E002]" in result.stderr
    with EventStore.open(db, read_only=True) as store:
        assert store.counts() == {"articles": 2, "events": 2, "claims": 0}


def test_cli_ingest_rerun_stores_nothing_new(fakes: type[FakePipeline], folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert len(fakes.processed) == 2
    second = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert second.exit_code == 0
    assert "Articles read: 2 (new: 0, already stored: 2)" in second.stdout
    assert "Events stored: 0" in second.stdout
    assert len(fakes.processed) == 2  # stored articles never reach the pipeline again
    with EventStore.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 2


def test_cli_ingest_non_english_stored_without_events(
    fakes: type[FakePipeline], folder: Path, tmp_path: Path
) -> None:
    (folder / "manif.txt").write_text(FRENCH)
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "[E007]" in result.stderr
    with EventStore.open(db, read_only=True) as store:
        assert store.counts() == {"articles": 3, "events": 2, "claims": 0}


@pytest.fixture
def stored(fakes: type[FakePipeline], folder: Path, tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    assert (
        runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--published", "2021-03-05"]).exit_code
        == 0
    )
    return db


def test_cli_events_json(stored: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(stored), "--format", "json"])
    assert result.exit_code == 0
    events = [Event.model_validate(item) for item in json.loads(result.stdout)]
    assert sorted(e.type for e in events) == ["ASSAULT", "PROTEST"]


def test_cli_events_csv(stored: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(stored), "--format", "csv", "--type", "assault"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert (
        rows[0]["type"] == "ASSAULT"
        and rows[0]["location_name"] == "Gao"
        and rows[0]["fatalities_best"] == "3"
    )


def test_cli_events_geojson(stored: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(stored), "--format", "geojson"])
    assert result.exit_code == 0
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    coordinates = sorted(f["geometry"]["coordinates"] for f in collection["features"])
    assert coordinates == [[-8.0, 12.65], [-0.04, 16.27]]


@pytest.mark.parametrize(
    ("args", "count"),
    [
        ([], 2),
        (["--country", "ML"], 2),
        (["--country", "Mali"], 2),
        (["--country", "SY"], 0),
        (["--since", "2021-03-06"], 0),
        (["--until", "2021-03-05", "--limit", "1"], 1),
        (["--actor", "malian armed forces"], 1),
        (["--bbox", "-1,15,1,17"], 1),  # Gao, not Bamako
        (["--min-fatalities", "1"], 1),
        (["--text", "RAIDED camp"], 1),
        (["--type", "protest", "--country", "Mali", "--since", "2021-03-01"], 1),
    ],
)
def test_cli_events_filters(stored: Path, args: list[str], count: int) -> None:
    result = runner.invoke(app, ["events", "--db", str(stored), "--format", "jsonl", *args])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == count


def test_cli_events_table(stored: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(stored)])
    assert result.exit_code == 0
    assert "2 events" in result.stdout and "2021-03-05" in result.stdout


def test_cli_events_missing_db_is_e041(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "[E041]" in result.stderr and "Traceback" not in result.output


def test_cli_schema_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == {"articles", "events"}
    assert result.stdout.startswith("{\n  ")  # indented


def test_cli_version() -> None:
    from eventwire import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_cli_gazetteer_build_is_noop_when_present(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    places = pytest.importorskip("eventwire.places", reason="eventwire.places is not written yet")
    index = tmp_path / "gazetteer.db"
    index.write_bytes(b"x" * 2048)
    built: list[Path] = []
    monkeypatch.setattr(places, "gazetteer_path", lambda settings: index, raising=False)
    monkeypatch.setattr(
        places, "build_gazetteer", lambda path, progress=None: built.append(path) or path, raising=False
    )
    result = runner.invoke(app, ["gazetteer", "build"])
    assert result.exit_code == 0 and "already built" in result.stdout and not built
    result = runner.invoke(app, ["gazetteer", "build", "--force"])
    assert result.exit_code == 0 and "Gazetteer built" in result.stdout and built == [index]
