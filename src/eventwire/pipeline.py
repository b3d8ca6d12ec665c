"""The pipeline: one article flows through ordered stages (DESIGN.md, "Pipeline").

ingest -> clean -> nlp -> actors -> places -> dates -> claims -> events -> (merge, store)

Constructing a Pipeline loads nothing; the spaCy model, the actor knowledge base and the
gazetteer are loaded on first use, once per process (so each worker of a pool loads its own).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.acled_types import load_type_model
from eventwire.actors import ActorKB, default_kb, find_actors
from eventwire.annotations import Annotations
from eventwire.claims import find_figures
from eventwire.dates import find_dates
from eventwire.events import EventBuilder
from eventwire.events.headline import HeadlineReader, from_headline, join_headline, reads_headline
from eventwire.ingest import make_article
from eventwire.nlp import load_nlp, split_text
from eventwire.nlp.dateline import dateline_end
from eventwire.places import Gazetteer, actors_outside_places, country_context, find_places, open_gazetteer
from eventwire.record import Article, Event, Extraction, Genre
from eventwire.reportability import Judged, ReportabilityStage, Verdict
from eventwire.settings import Settings

STAGES = ("nlp", "actors", "places", "dates", "claims", "events", "reportability")
BATCH_ARTICLES = 8  # articles per spaCy call in the fast mode (see Pipeline._batches)


class Pipeline:
    """Reusable extraction for batches: `for article, events in Pipeline().run(articles)`."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        gazetteer: Gazetteer | None = None,
        kb: ActorKB | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._gazetteer = gazetteer
        self._kb = kb
        self._nlp: Language | None = None
        self._builder: EventBuilder | None = None
        self._headline_reader: HeadlineReader | None = None
        self.reportability = ReportabilityStage()
        self.stage_seconds: dict[str, float] = defaultdict(float)
        self.tokens_seen = 0  # spaCy tokens of every text coded, for tokens/s in the speed benchmark

    @property
    def kb(self) -> ActorKB:
        if self._kb is None:
            self._kb = default_kb()
        return self._kb

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer(self.settings)
        return self._gazetteer

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(
                self.settings.spacy_model, self.kb.entity_ruler_patterns(), mode=self.settings.nlp_mode
            )
        return self._nlp

    @property
    def builder(self) -> EventBuilder:
        if self._builder is None:
            learned = self.settings.acled_types == "model"
            model = load_type_model(self.settings.type_model) if learned else None
            self._builder = EventBuilder(self.gazetteer, self.kb, type_model=model)
        return self._builder

    @property
    def headline_reader(self) -> HeadlineReader:
        if self._headline_reader is None:
            self._headline_reader = HeadlineReader(self.nlp, self.gazetteer, self.kb, self.builder.lexicon)
        return self._headline_reader

    def warm_up(self) -> None:
        """Load the model, knowledge base and gazetteer now rather than on the first article."""
        _ = self.nlp, self.builder, self.headline_reader

    def extract_article(self, article: Article) -> list[Event]:
        """Every event of one article; [] for an article that is not in English."""
        return self.extract_batch([article])[0]

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for batch in self._batches(articles):
            yield from zip(batch, self.extract_batch(batch), strict=True)

    def extract_batch(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, with the texts of all of them parsed in one `nlp.pipe` call.

        An article's headline is parsed too, as one more text (events/headline.py).
        """
        return [[j.event for j in judged if j.kept] for judged in self.judge_batch(articles)]

    def candidates(self, article: Article) -> list[Judged]:
        """Every candidate event of one article with the reportability verdict on it, dropped ones too."""
        return self.judge_batch([article])[0]

    def judge_batch(self, articles: Sequence[Article]) -> list[list[Judged]]:
        """`extract_batch` before the dropped candidates and the low-confidence events are left out."""
        readable = [a.language == "en" and bool(a.text.strip()) for a in articles]
        # A text in capitals is parsed in ordinary case (nlp/truecase.py); offsets are the same.
        recased = [
            self.headline_reader.ordinary_case(a.text) if ok else None
            for a, ok in zip(articles, readable, strict=True)
        ]
        pieces = [
            split_text(cased or a.text, self.settings.chunk_chars) if ok else []
            for a, ok, cased in zip(articles, readable, recased, strict=True)
        ]
        headlines = [
            self.headline_reader.case(a.title or "") if ok and reads_headline(a) else None
            for a, ok in zip(articles, readable, strict=True)
        ]
        texts = [piece for its_pieces in pieces for _, piece in its_pieces]
        n_body = len(texts)
        texts += [h for h in headlines if h is not None]
        with self._timed("nlp"):
            docs = list(self.nlp.pipe(texts))
        self.tokens_seen += sum(len(doc) for doc in docs)
        body_docs, headline_docs = iter(docs[:n_body]), iter(self._headline_docs(docs[n_body:]))
        extracted = []
        for article, its_pieces, headline, cased in zip(articles, pieces, headlines, recased, strict=True):
            genre: Genre = "report"
            judged: list[Judged] = []
            for offset, _ in its_pieces:
                doc = next(body_docs)
                if offset == 0:
                    with self._timed("reportability"):
                        genre = self.reportability.genre(article.text, doc, dateline_end(doc.text))
                judged += self._events(doc, article, offset, genre)
            if headline is not None:
                heard = self._events(next(headline_docs), article, 0, genre, headline=True)
                told = [from_headline(j.event, article) for j in heard if j.kept]
                events = join_headline([j.event for j in judged if j.kept], told)
                judged = [Judged(e, _verdict_of(e)) for e in events] + [j for j in judged if not j.kept]
            if cased is not None:
                judged = [Judged(quoted_as_written(j.event, article), j.verdict) for j in judged]
            extracted.append(
                [j for j in judged if not j.kept or j.event.confidence >= self.settings.min_confidence]
            )
        return extracted

    def _headline_docs(self, docs: Sequence[Doc]) -> list[Doc]:
        """Headline parses, a headline the parser read without a verb parsed again in the past tense."""
        reader = self.headline_reader
        redo = {i: text for i, doc in enumerate(docs) if (text := reader.past_tense(doc)) is not None}
        out = list(docs)
        with self._timed("nlp"):
            for i, doc in zip(redo, self.nlp.pipe(redo.values()), strict=True):
                out[i] = doc
        for doc in out:
            reader.mend(doc)
        return out

    def _batches(self, articles: Iterable[Article]) -> Iterator[list[Article]]:
        # spaCy's networks take about 8% less CPU on a batch of texts than on one text at a time, with the
        # same output. Larger batches gain little more and pad to their longest text (peak memory on the
        # speed benchmark: 300 MB one at a time, 360 MB by 8, 490 MB by 32), so a batch stops at
        # BATCH_ARTICLES articles or chunk_chars characters. The full mode keeps one article a call, as
        # the reference for the fast one.
        limit = BATCH_ARTICLES if self.settings.nlp_mode == "fast" else 1
        batch: list[Article] = []
        chars = 0
        for article in articles:
            batch.append(article)
            chars += len(article.text)
            if len(batch) >= limit or chars >= self.settings.chunk_chars:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def extract(
        self,
        text: str,
        *,
        title: str | None = None,
        published: dt.date | None = None,
        url: str | None = None,
        outlet: str | None = None,
    ) -> Extraction:
        article = make_article(text, title=title, url=url, outlet=outlet, published=published)
        return Extraction(articles=[article], events=self.extract_article(article))

    def annotate(self, doc: Doc, published: dt.date | None) -> Annotations:
        """Run the mention stages over one parsed text."""
        ann = Annotations()
        with self._timed("actors"):
            ann.actors = find_actors(doc, self.kb, published)
        with self._timed("places"):
            ann.places = find_places(doc, self.gazetteer, ann.actors)
            ann.actors = actors_outside_places(ann.actors, ann.places)
            ann.country_context = country_context(ann.places, ann.actors)
        with self._timed("dates"):
            ann.dates = find_dates(doc, published)
        with self._timed("claims"):
            ann.figures = find_figures(doc, ann.actors)
        return ann

    def _events(
        self, doc: Doc, article: Article, offset: int, genre: Genre, *, headline: bool = False
    ) -> list[Judged]:
        ann = self.annotate(doc, article.published)
        with self._timed("events"):
            candidates = self.builder.build(doc, ann, article, offset)
        with self._timed("reportability"):
            return self.reportability.assess(
                candidates,
                doc,
                genre=genre,
                published=article.published,
                opening=offset == 0,
                start=0 if headline else dateline_end(doc.text),
                headline=headline,
                dates=ann.dates,
                offset=offset,
            )

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] += time.perf_counter() - start


def quoted_as_written(event: Event, article: Article) -> Event:
    """The event with its evidence quoting the article as written, for an article parsed in another case."""
    evidence = [
        e.model_copy(update={"sentence": article.text[e.start : e.end]}) if e.part != "title" else e
        for e in event.evidence
    ]
    return event.model_copy(update={"evidence": evidence})


def _verdict_of(event: Event) -> Verdict:
    """The verdict a kept event carries (joining a headline keeps each event's own)."""
    why = event.reportability
    return Verdict(event.status, why.reason if why else "reported", why.cue if why else None)


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, *, title: str | None = None, published: dt.date | None = None) -> Extraction:
    """Extract the events of one article's text with a shared default pipeline."""
    return _default_pipeline().extract(text, title=title, published=published)
