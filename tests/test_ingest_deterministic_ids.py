"""Same input, same ids: article and event ids do not depend on the run, the process or hash seeds.

The demo corpus (text, HTML and JSONL) and the worked example are coded twice with the real
pipeline: in this process, and by a real `eventwire ingest` in another process under a fixed
PYTHONHASHSEED that differs from this one's, so anything keyed on the iteration order of a set or
dict of strings would show. Article ids, event ids and whole event records must agree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.demo import CORPUS_DIR
from eventwire.ingest import IngestOptions, article_id, read_inputs
from eventwire.record import Article, Event
from tests.conftest import EXAMPLE

SCRIPT = Path(sys.executable).parent / "eventwire"
PUBLISHED = "2021-03-04"


@pytest.mark.slow
def test_ingest_ids_are_the_same_across_processes_and_hash_seeds(pipeline: object, tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip(f"console script {SCRIPT} is not installed (pip install -e .)")
    folder = tmp_path / "news"
    shutil.copytree(CORPUS_DIR, folder)
    if EXAMPLE.exists():
        shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    db = tmp_path / "events.duckdb"
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    other = subprocess.Popen(
        [str(SCRIPT), "ingest", str(folder), "--db", str(db), "--published", PUBLISHED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    import datetime as dt

    options = IngestOptions(published=dt.date.fromisoformat(PUBLISHED))
    articles = [item for item in read_inputs([folder], options) if isinstance(item, Article)]
    here: dict[str, Event] = {}
    for _, events in pipeline.run(articles):  # type: ignore[attr-defined]
        here.update((event.id, event) for event in events)  # a merged id keeps its last record
    _, err = other.communicate(timeout=300)
    assert other.returncode == 0, err

    assert len(articles) >= 15 and len(here) >= 20
    for article in articles:  # content hashes, recomputable from the stored text
        assert article.id == article_id(article.title, article.text)
    con = duckdb.connect(str(db), read_only=True)
    stored_articles = {a for (a,) in con.execute("SELECT id FROM articles").fetchall()}
    records = con.execute("SELECT record FROM events").fetchall()
    con.close()
    there = {e.id: e for e in (Event.model_validate_json(r) for (r,) in records)}
    assert stored_articles == {a.id for a in articles}
    assert set(there) == set(here)
    assert all(there[key] == here[key] for key in here)
