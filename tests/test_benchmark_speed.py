"""benchmarks/speed.py: its loaders read the shared benchmark formats and its modes count correctly.

Runs on tiny hand-made files in the two formats and a fake pipeline, so it needs neither the
shared data nor the spaCy model.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.record import Article, Event

SPEED = Path(__file__).resolve().parents[1] / "benchmarks" / "speed.py"


@pytest.fixture(scope="module")
def speed() -> Iterator[ModuleType]:
    # Imported by its own name from its folder, as `python benchmarks/speed.py` runs it, so that
    # spawned pool workers can import it too (they get the parent's sys.path).
    sys.path.insert(0, str(SPEED.parent))
    try:
        yield importlib.import_module("speed")
    finally:
        sys.path.remove(str(SPEED.parent))


class CountingPipeline:
    """Stands in for eventwire.Pipeline: one event per article that mentions 'killed'."""

    def __init__(self) -> None:
        self.stage_seconds: dict[str, float] = {"nlp": 0.0}

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            self.stage_seconds["nlp"] += 0.5
            events = [Event(id=article.id, type="ASSAULT")] if "killed" in article.text else []
            yield article, events


def _write_shared(root: Path) -> None:
    source = root / "re3d" / "Some Outlet"
    source.mkdir(parents=True)
    docs = [
        {
            "_id": "a1",
            "title": "Clashes in the north",
            "text": "Two soldiers were killed.\nThe army said.",
            "sourceName": "Some Outlet",
            "sourceUrl": "http://example.org/1",
        },
        {
            "_id": "a2",
            "title": "Talks resume",
            "text": "Delegations met in Geneva on Monday.",
            "sourceName": "Some Outlet",
            "sourceUrl": "http://example.org/2",
        },
    ]
    # mongoexport writes one object a line, and the real files start with a byte-order mark.
    (source / "documents.json").write_text(
        "\ufeff" + "\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8"
    )
    wiki = root / "wikievents"
    wiki.mkdir()
    doc = {
        "doc_id": "doc_1",
        "text": "Bomb hits marketThree people were killed.",
        "sentences": [[[], "Bomb hits market"], [[], "Three people were killed."]],
    }
    (wiki / "dev.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")


def test_speed_loaders_read_re3d_and_wikievents(speed: ModuleType, tmp_path: Path) -> None:
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    assert [a.title for a in articles] == ["Clashes in the north", "Talks resume", None]
    assert articles[0].outlet == "Some Outlet" and articles[0].url == "http://example.org/1"
    # WikiEvents' text glues the headline to the body; the loader rebuilds it from sentences.
    assert articles[2].text == "Bomb hits market Three people were killed."
    assert len({a.id for a in articles}) == 3
    assert len(speed.load_documents(tmp_path, limit=2)) == 2


def test_speed_single_mode_counts_articles_events_and_stages(speed: ModuleType, tmp_path: Path) -> None:
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    result = speed.run_single(f"{__name__}:CountingPipeline", articles)
    assert (result.articles, result.events) == (3, 2)
    assert result.chars == sum(len(a.text) for a in articles)
    assert result.stage_seconds == {"nlp": 1.5}  # the warm-up article is not counted
    assert result.peak_rss_mb > 0
    table = speed.format_table([result])
    assert "art/s" in table and "single" in table


def test_speed_skips_with_a_message_when_data_is_absent(
    speed: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert speed.main(["--data", str(tmp_path / "missing")]) == 0
    assert "skipped" in capsys.readouterr().err


@pytest.mark.slow
def test_speed_pool_mode_spreads_chunks_over_workers(speed: ModuleType, tmp_path: Path) -> None:
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    # Spawned workers import the pipeline by name, so it must live in an importable module.
    (tmp_path / "fake_pipeline_pool.py").write_text(
        textwrap.dedent(
            """
            class CountingPipeline:
                def __init__(self):
                    self.stage_seconds = {"nlp": 0.0}

                def run(self, articles):
                    for article in articles:
                        self.stage_seconds["nlp"] += 0.5
                        yield article, ["event"] if "killed" in article.text else []
            """
        )
    )
    sys.path.insert(0, str(tmp_path))
    try:
        result = speed.run_pool("fake_pipeline_pool:CountingPipeline", articles, workers=2, chunk_size=1)
    finally:
        sys.path.remove(str(tmp_path))
    assert (result.mode, result.workers, result.articles, result.events) == ("pool", 2, 3, 2)
    assert result.stage_seconds == {"nlp": 1.5}
    assert result.worker_peak_rss_mb and result.peak_rss_mb > result.worker_peak_rss_mb


@pytest.mark.slow
def test_speed_pool_mode_fails_loudly_when_workers_cannot_load(speed: ModuleType) -> None:
    articles = [Article(id="x", text="Nothing happened.")]
    with pytest.raises(RuntimeError, match="could not build the pipeline"):
        speed.run_pool("no_such_module_for_speed:Pipeline", articles, workers=2, load_timeout=60)


class ModeEchoPipeline:
    """Codes 'killed' articles as ASSAULT, or as PROTEST in full mode when told to disagree."""

    disagree = False

    def __init__(self) -> None:
        self.mode = os.environ.get("EVENTWIRE_NLP_MODE", "unset")
        self.tokens_seen = 0

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        kind = "PROTEST" if self.disagree and self.mode == "full" else "ASSAULT"
        for article in articles:
            self.tokens_seen += len(article.text.split())
            yield article, [Event(id=article.id, type=kind)] if "killed" in article.text else []


def test_speed_runs_each_nlp_mode_and_restores_the_environment(
    speed: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_NLP_MODE", "before")
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    full = speed.run_single(f"{__name__}:ModeEchoPipeline", articles, nlp_mode="full")
    assert os.environ["EVENTWIRE_NLP_MODE"] == "before"
    assert (full.label, full.events) == ("full/single", 2)
    # Tokens of the timed articles only, not of the warm-up article.
    assert full.tokens == sum(len(a.text.split()) for a in articles) and full.tokens_per_s > 0
    assert set(full.found) == {a.id for a in articles}


def test_speed_compare_finds_identical_runs_identical(speed: ModuleType, tmp_path: Path) -> None:
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    full, fast = (
        speed.run_single(f"{__name__}:ModeEchoPipeline", articles, nlp_mode=m) for m in ("full", "fast")
    )
    agreement = speed.compare(fast, full)
    assert agreement.agrees and (agreement.identical, agreement.same_id) == (2, 2)
    assert "fast/single  identical: 2 events vs 2" in speed.format_agreement([agreement])


def test_speed_compare_names_the_fields_that_differ(
    speed: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ModeEchoPipeline, "disagree", True)
    _write_shared(tmp_path)
    articles = speed.load_documents(tmp_path)
    full, fast = (
        speed.run_single(f"{__name__}:ModeEchoPipeline", articles, nlp_mode=m) for m in ("full", "fast")
    )
    agreement = speed.compare(fast, full)
    assert not agreement.agrees
    assert (agreement.same_id, agreement.identical, agreement.articles_differing) == (2, 0, 2)
    assert agreement.fields_differing == {"type": 2}
    assert "DIFFERENT" in speed.format_agreement([agreement])


def test_speed_main_fails_when_the_modes_disagree(
    speed: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_shared(tmp_path)
    out = tmp_path / "speed.json"
    argv = ["--data", str(tmp_path), "--workers", "1", "--pipeline", f"{__name__}:ModeEchoPipeline"]
    assert speed.main([*argv, "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert [r["nlp_mode"] for r in report["results"]] == ["full", "fast"]
    assert report["agreement"][0]["agrees"] is True
    monkeypatch.setattr(ModeEchoPipeline, "disagree", True)
    assert speed.main(argv) == 1
    assert "DIFFERENT" in capsys.readouterr().out


def test_speed_reads_realnews_articles_as_extract_does(speed: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "realnews"
    folder.mkdir()
    rows = [
        {"id": "g1", "published": "2018-02-25", "text": "Jets struck a market in Idlib on Sunday."},
        {"id": "g2", "published": "2018-02-26", "text": "The talks in Geneva ended without a deal."},
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    articles = speed.load_documents(tmp_path, corpus="realnews")
    assert [a.text for a in articles] == [r["text"] for r in rows]
    assert [str(a.published) for a in articles] == ["2018-02-25", "2018-02-26"]
    assert len(speed.load_documents(tmp_path, limit=1, corpus="realnews")) == 1


def test_speed_reference_row_gives_eventwire_as_a_multiple_of_plain_spacy(speed: ModuleType) -> None:
    reference = speed.SpacyReference(model="en_core_web_sm", seconds=10.0, cpu_seconds=10.0, tokens=5000)
    single = speed.ModeResult(mode="single", workers=1, nlp_mode="fast", cpu_seconds=12.5)
    pool = speed.ModeResult(mode="pool", workers=2, nlp_mode="fast", cpu_seconds=30.0)
    table = speed.format_reference(reference, [single, pool])
    assert "plain spaCy (en_core_web_sm, nlp.pipe)" in table
    assert "1.25" in table and "3.00" not in table  # a pool's CPU time is not one process's
