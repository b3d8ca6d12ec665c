"""The `nlp_mode` setting picks the spaCy components; the pipeline parses in batches and counts tokens."""

from __future__ import annotations

from typing import Any

import pytest

import eventwire.pipeline as pipeline_module
from eventwire.errors import UsageError
from eventwire.ingest import make_article
from eventwire.pipeline import BATCH_ARTICLES, Pipeline
from eventwire.record import Article
from eventwire.settings import Settings
from tests.conftest import require_shared


def test_pipeline_nlp_mode_defaults_to_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_NLP_MODE", raising=False)
    assert Settings.from_env().nlp_mode == "fast"


def test_pipeline_nlp_mode_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_NLP_MODE", "full")
    assert Settings.from_env().nlp_mode == "full"


def test_pipeline_nlp_mode_refuses_an_unknown_mode() -> None:
    with pytest.raises(UsageError, match="nlp_mode"):
        Settings.from_env(nlp_mode="fastest")


@pytest.mark.parametrize("mode", ["fast", "full"])
def test_pipeline_passes_its_nlp_mode_to_the_loader(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(pipeline_module, "load_nlp", lambda model, patterns, **kw: calls.append(kw) or "nlp")
    pipeline = Pipeline(Settings(nlp_mode=mode), kb=_NoPatterns())  # type: ignore[arg-type]
    assert pipeline.nlp == "nlp"  # type: ignore[comparison-overlap]
    assert calls == [{"mode": mode}]


class _NoPatterns:
    def entity_ruler_patterns(self) -> list[dict[str, object]]:
        return []


def test_pipeline_counts_the_tokens_it_codes(pipeline: Pipeline) -> None:
    text = "Gunmen killed three police officers in Kano on Monday, police said."
    before = pipeline.tokens_seen
    pipeline.extract(text)
    assert pipeline.tokens_seen - before == len(pipeline.nlp.make_doc(text))


def _articles(n: int, chars: int = 40) -> list[Article]:
    return [Article(id=f"a{i}", text=("Gunmen attacked a checkpoint. " * chars)[:chars]) for i in range(n)]


@pytest.mark.parametrize(
    ("mode", "articles", "batches"),
    [
        ("fast", _articles(20), [BATCH_ARTICLES, BATCH_ARTICLES, 20 - 2 * BATCH_ARTICLES]),
        ("full", _articles(3), [1, 1, 1]),  # the reference mode: one article a spaCy call, as before
        ("fast", _articles(5, chars=40_000), [3, 2]),  # a batch stops at chunk_chars (100,000) characters
    ],
)
def test_pipeline_run_parses_articles_in_batches(
    monkeypatch: pytest.MonkeyPatch, mode: str, articles: list[Article], batches: list[int]
) -> None:
    sizes: list[int] = []

    def extract_batch(batch: list[Article]) -> list[list[object]]:
        sizes.append(len(batch))
        return [[] for _ in batch]

    pipeline = Pipeline(Settings(nlp_mode=mode))  # type: ignore[arg-type]
    monkeypatch.setattr(pipeline, "extract_batch", extract_batch)
    assert [a.id for a, _ in pipeline.run(articles)] == [a.id for a in articles]
    assert sizes == batches


def test_pipeline_batch_gives_each_article_its_own_events(pipeline: Pipeline) -> None:
    example = require_shared("examples", "airstrike-albu-kamal.txt").read_text(encoding="utf-8")
    # Long enough to go through spaCy in pieces, beside a short article and one in another language.
    split = Pipeline(Settings(chunk_chars=2000), gazetteer=pipeline.gazetteer, kb=pipeline.kb)
    split._nlp = pipeline.nlp
    articles = [
        make_article(example, title="Airstrike"),
        make_article("Le gouvernement a annoncé des mesures hier soir à Paris.", title="Paris"),
        make_article("Gunmen killed three police officers in Kano on Monday, police said.", title="Kano"),
    ]
    one_by_one = [split.extract_article(a) for a in articles]
    assert split.extract_batch(articles) == one_by_one
    assert [len(events) > 0 for events in one_by_one] == [True, False, True]
