"""The ACLED type model: trained by `eventwire train types`, shipped with its card, rebuilt the same
from the shared data, and retrained by a user on an ACLED export of their own."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from eventwire.acled_types import TypeModel, load_type_model, packaged_model_folder, read_acled_csv, train
from eventwire.cli import app
from tests.conftest import require_shared

runner = CliRunner()
SCRIPT = Path(sys.executable).parent / "eventwire"

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes"]
# Notes written for this test, in ACLED's style: three kinds of event, told in varied words.
NOTES = {
    ("Protests", "Peaceful protest"): [
        "On {d} March 2023, 200 teachers protested outside the ministry in Lusaka to demand higher pay.",
        "On {d} March 2023, residents gathered in front of the town hall in Mopti to demand clean water.",
        "On {d} March 2023, students marched peacefully through Kisumu against tuition fees. [size=hundreds]",
    ],
    ("Explosions/Remote violence", "Air/drone strike"): [
        "On {d} March 2023, military aircraft bombed rebel positions near Gao, killing four fighters.",
        "On {d} March 2023, a drone strike hit a vehicle near Kidal, killing two militants.",
        "On {d} March 2023, warplanes carried out airstrikes on a village near Tessalit.",
    ],
    ("Battles", "Armed clash"): [
        "On {d} March 2023, soldiers clashed with militants near Menaka; three soldiers were killed.",
        "On {d} March 2023, rebels and the army exchanged fire for hours outside Ansongo.",
        "On {d} March 2023, fighting broke out between two armed groups near Anefis, leaving five dead.",
    ],
}


def _write_export(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        n = 0
        for day in range(1, 9):
            for (event_type, sub_event_type), notes in NOTES.items():
                for note in notes:
                    n += 1
                    writer.writerow(
                        [f"TST{n}", f"2023-03-{day:02d}", event_type, sub_event_type, note.format(d=day)]
                    )
    return path


def test_train_types_writes_a_model_and_its_card_a_user_can_run(tmp_path: Path) -> None:
    export = _write_export(tmp_path / "export.csv")
    out = tmp_path / "model"
    result = runner.invoke(
        app, ["train", "types", "--acled", str(export), "--out", str(out), "--validate-from", "2023-03-07"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rows"] == 72 and summary["classes"] == 3
    assert summary["validation_sub_event_type"] >= 0.9  # the held-out days read like the others
    assert {p.name for p in out.iterdir()} == {"model.json", "model.npz", "MODEL_CARD.md"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "export.csv" in card and "Validation by date" in card and "| Armed clash |" in card

    model = TypeModel.load(out)
    found = model.predict("On 9 March 2023, jets bombed positions near Gao.")
    assert found is not None and found.sub_event_type == "Air/drone strike"

    # the setting that puts the user's model to work, through the CLI as a user runs it
    article = tmp_path / "article.txt"
    article.write_text(
        "Soldiers clashed with militants near Menaka on Monday, the army said.", encoding="utf-8"
    )
    env = {**os.environ, "EVENTWIRE_TYPE_MODEL": str(out)}
    done = subprocess.run(
        [str(SCRIPT), "extract", str(article), "--format", "json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["events"]
    assert any(e["acled"]["sub_event_type"] == "Armed clash" for e in events)


def test_train_types_says_what_an_export_lacks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("event_date,notes\n2023-03-01,Something happened.\n", encoding="utf-8")
    result = runner.invoke(app, ["train", "types", "--acled", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "E077" in result.output and "sub_event_type" in result.output
    assert not (tmp_path / "m").exists()


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "EVENTWIRE_TYPE_MODEL": str(tmp_path / "nowhere")}
    article = tmp_path / "a.txt"
    article.write_text("Soldiers clashed with militants near Menaka on Monday.", encoding="utf-8")
    done = subprocess.run(
        [str(SCRIPT), "extract", str(article)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "E076" in done.stderr


def test_the_packaged_model_has_its_card_and_met_its_targets_by_date() -> None:
    model = load_type_model()
    assert len(model.labels) >= 20
    validation = model.card["validation"]
    assert validation["split"] == "2022-03-01"
    assert validation["event_type"] >= 0.90 and validation["sub_event_type"] >= 0.85
    assert (packaged_model_folder() / "MODEL_CARD.md").is_file()
    assert sum(f.stat().st_size for f in packaged_model_folder().iterdir()) < 20_000_000


def test_the_packaged_model_is_what_the_training_command_builds_from_the_shared_data() -> None:
    export = require_shared("benchmarks", "acled-notes", "acled-2022q1.csv")
    rebuilt = train(read_acled_csv(export))
    shipped = load_type_model()
    assert rebuilt.labels == shipped.labels
    assert rebuilt.vocabulary == shipped.vocabulary
    # the shipped weights are stored as float16
    assert np.allclose(rebuilt.weights, shipped.weights, atol=2e-3)


@pytest.mark.parametrize("text", ["", "   ", "zzzz qqqq"])
def test_the_model_reads_any_text(text: str) -> None:
    found = load_type_model().predict(text)
    assert found is not None and found.sub_event_type in load_type_model().labels
