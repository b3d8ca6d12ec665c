"""The worked example, scored by the analyst's own checker in both modes (dated and undated)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, require_shared

EVENTWIRE = Path(sys.executable).with_name("eventwire")


@pytest.mark.slow
def test_example_passes_check_example_in_both_modes(tmp_path: Path) -> None:
    article = require_shared("examples", "airstrike-albu-kamal.txt")
    checker = require_shared("examples", "check_example.py")
    dated, undated = tmp_path / "dated.json", tmp_path / "undated.json"
    for out, extra in ((dated, ["--published", "2018-06-21"]), (undated, [])):
        run = subprocess.run(
            [str(EVENTWIRE), "extract", str(article), *extra, "--format", "json"],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        out.write_text(run.stdout)
    check = subprocess.run(
        [sys.executable, str(checker), str(dated), str(undated)], capture_output=True, text=True, check=False
    )
    print(check.stdout)
    assert check.returncode == 0, check.stdout
