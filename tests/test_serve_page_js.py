"""The page's pure JavaScript (claim highlighting, code-point offsets, the URL state, timeline bins,
antimeridian cuts), run with Node's own test runner: web/test/*.test.js, no npm package needed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[1] / "web"


def test_page_javascript_units_pass_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is absent: the page's JavaScript tests need `node` (20 or later)")
    tests = sorted(str(path.relative_to(WEB)) for path in (WEB / "test").glob("*.test.js"))
    assert tests, "web/test/ holds no *.test.js"
    done = subprocess.run([node, "--test", *tests], cwd=WEB, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout
