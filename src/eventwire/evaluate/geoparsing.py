"""Geoparsing scorers for GeoWebNews (`gwn`), LGL (`lgl`) and GeoVirus (`geovirus`).

Two parts, as the published figures are (Gritta et al. 2019; Mordecai3, Halterman 2023):

1. Geocoding on the gold toponym spans that carry coordinates. Each article is parsed and run
   through the places stage (`find_actors`, then `find_places`); where one of our mentions overlaps
   a gold span we take its resolved place. Gold spans we did not recognise are resolved from their
   written form with the same machinery: the gazetteer's candidates, ranked by the places stage's own
   scorer given the article's country evidence and the places we resolved confidently. A span whose
   whole form is unknown falls back as the places stage does: to a name inside it, the longest first
   ("Arizona" in "Arizona State University"), and for a street or building ("Frenchmen Street") to
   the nearest town the article names. So geocoding is scored on every gold span, as the published
   figures are, and recognition is scored apart; `details["geocoding"]["by_source"]` counts each way.
   Metrics: `acc_161km`, `country_acc`, `mean_km`, `median_km`, `auc`, `resolved`. A span we cannot
   resolve counts as the maximum error, 20,039 km (half the Earth's circumference), in every one.
   Gold countries come from reverse_geocoder (offline, nearest GeoNames town of 1,000+ people) at the
   gold coordinate; ours is our place's country code, or the same reverse lookup at our coordinate for
   places without one (borders, rivers, seas shared by several countries).
2. Recognition end to end: our mentions against the geocoded gold spans, exact and overlapping
   (`toponym_p`, `toponym_r`, `toponym_f1`, `toponym_f1_overlap`). A mention on a gold toponym the
   annotators did not geocode (LGL's street names) is set aside, neither right nor wrong; a mention on
   a GWN span typed as no toponym (Demonym, Homonym, Non_Toponym...) is a false positive, and the
   details count our mentions per gold type.

`n` is the number of gold spans with coordinates scored; `details["documents"]` the articles.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from eventwire.actors import find_actors
from eventwire.annotations import ActorMention, Place, PlaceMention
from eventwire.evaluate.base import EvalResult, prf, require
from eventwire.evaluate.geo_formats import (
    GeoDoc,
    GoldSpan,
    match_spans,
    overlaps,
    quick_subset,
    read_geovirus,
    read_gwn,
    read_lgl,
    recognition_counts,
)
from eventwire.nlp import split_text
from eventwire.places import find_places, lexicon
from eventwire.places.candidates import Candidate, _bad_span, _context, _label
from eventwire.places.countries import country_weights, demonym_countries
from eventwire.places.find import _CONFIDENT_MARGIN, _score, _shares, _unit, distance_km
from eventwire.places.normalize import name_key

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

MAX_KM = 20039.0  # the largest possible error on Earth: Gritta et al.'s ceiling for the AUC
ACC_KM = 161.0  # 100 miles, the customary "correct" radius
_CONTEXT_CHARS = 100
_BATCH = 16
# find_places turns a disambiguation margin into a score of 1/(1 + e^(-2 margin)), times 0.9 when the
# NER did not call the span a place; mentions above this were resolved with find.py's "sure" margin
# and anchor nearby small towns, as they do in find_places' second pass.
_SURE_SCORE = 0.9 / (1.0 + math.exp(-2.0 * _CONFIDENT_MARGIN))


def log_error_auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of log errors (Gritta et al. 2018): errors sorted ascending, each scaled
    to log(1 + km) / log(MAX_KM), integrated by trapezoids over the rank normalised to 0-1.
    0 is perfect, 1 is every toponym at the far side of the Earth."""
    if not errors_km:
        return 0.0
    scaled = [math.log1p(min(e, MAX_KM)) / math.log(MAX_KM) for e in sorted(errors_km)]
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


def geocoding_metrics(errors_km: Sequence[float | None], country_hits: Sequence[bool]) -> dict[str, float]:
    """The part-1 metrics from per-span errors (None: not resolved, scored as MAX_KM)."""
    n = len(errors_km)
    if not n:
        return {}
    errors = [MAX_KM if e is None else e for e in errors_km]
    return {
        "acc_161km": sum(e <= ACC_KM for e in errors) / n,
        "country_acc": sum(country_hits) / len(country_hits) if country_hits else 0.0,
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": log_error_auc(errors),
        "resolved": sum(e is not None for e in errors_km) / n,
    }


@dataclass
class _Resolved:
    doc_id: str
    gold: GoldSpan
    context: str
    place: Place | None
    # "recognised": our mention overlaps the gold span; "lookup": its written form ranked in context;
    # "demonym": its written form is a demonym, read as its country; "part": a name inside it
    # ("Arizona" in "Arizona State University"); "facility": a street or building placed at the
    # nearest town named; "none": not resolved.
    source: str
    error_km: float | None = None
    gold_cc: str = ""
    our_cc: str = ""


class _Resolver:
    """Resolves gold spans within one parsed piece with the places stage's own disambiguation."""

    def __init__(
        self, pipeline: Pipeline, doc: Doc, actors: list[ActorMention], mentions: list[PlaceMention]
    ):
        self.pipeline, self.doc, self.actors, self.mentions = pipeline, doc, actors, mentions
        self._shares: dict[str, float] | None = None

    def shares(self) -> dict[str, float]:
        if self._shares is None:
            weights, _ = country_weights(self.mentions, self.actors, demonym_countries(self.doc))
            self._shares = _shares(weights)
        return self._shares

    def resolve(self, start: int, end: int, text: str) -> tuple[Place | None, str]:
        best = max(
            (m for m in self.mentions if m.start < end and start < m.end),
            key=lambda m: min(end, m.end) - max(start, m.start),
            default=None,
        )
        if best is not None:
            return best.place, "recognised"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None, "none"
        place = self._written(span.start, span.end, text)
        if place is not None:
            return place, "demonym" if name_key(text) in lexicon.demonyms() else "lookup"
        # A name inside it, as find_candidates reads a run it cannot match whole: "Arizona" in
        # "Arizona State University", "Dubai" in "Dubai World Cup". Longest first, then leftmost.
        for size in range(len(span) - 1, 0, -1):
            for i in range(span.start, span.end - size + 1):
                if _bad_span(self.doc, i, i + size):
                    continue
                part = self.doc[i : i + size]
                place = self._written(part.start, part.end, part.text)
                if place is not None:
                    return place, "part"
        # A street or building the gazetteer cannot know ("Frenchmen Street", "Barclays Center"), at the
        # nearest town the article names, as find_places places a village it lacks.
        if self.doc[span.end - 1].lower_ in lexicon.cues().facility_heads:
            town = min(
                (m for m in self.mentions if (m.place.feature_code or "").startswith(("PPL", "ADM2"))),
                key=lambda m: abs(m.start - start),
                default=None,
            )
            if town is not None:
                return town.place, "facility"
        return None, "none"

    def _written(self, start: int, end: int, text: str) -> Place | None:
        """The place a written name in the text resolves to, ranked as find_places ranks it."""
        gazetteer = self.pipeline.gazetteer
        # Adjectival toponyms ("Irish immigrants", GWN's modifiers): the places stage reads a demonym
        # as its country (demonym_countries) and never looks it up as a name, so neither do we.
        code = lexicon.demonyms().get(name_key(text))
        if code:
            return gazetteer.country(code)
        places = gazetteer.lookup(text)
        if not places:
            return None
        cand = Candidate(start, end, text, places, _label(self.doc, start, end))
        _context(self.doc, cand)  # the cues and admin hints find_places would read around it
        anchors = [m.place for m in self.mentions if m.score >= _SURE_SCORE]
        shares = self.shares()
        # The other names of the article vouch for the units their places lie in (find.unit_support).
        own = name_key(text)
        named = {(name_key(m.text), _unit(m.place)) for m in self.mentions if name_key(m.text) != own}
        support = Counter(unit for _, unit in named if unit)

        def score(place: Place) -> float:
            unit = _unit(place)
            return _score(cand, place, shares, anchors, support[unit] if unit else 0.0)

        return max(places, key=score)


def _context_of(text: str, start: int, end: int) -> str:
    return text[max(0, start - _CONTEXT_CHARS) : end + _CONTEXT_CHARS].replace("\n", " ")


def _analyse(pipeline: Pipeline, docs: Sequence[GeoDoc]) -> tuple[list[_Resolved], list[list[PlaceMention]]]:
    """Parse every article (in batches), find its places and resolve its geocoded gold spans.
    Returns the resolutions and, per article, our mentions in article offsets."""
    pieces = [
        (n, offset, piece)
        for n, doc in enumerate(docs)
        for offset, piece in split_text(doc.text, pipeline.settings.chunk_chars)
    ]
    resolved: list[_Resolved] = []
    mentions: list[list[PlaceMention]] = [[] for _ in docs]
    parsed = pipeline.nlp.pipe((piece for _, _, piece in pieces), batch_size=_BATCH)
    for (n, offset, piece), sdoc in zip(pieces, parsed, strict=True):
        doc = docs[n]
        actors = find_actors(sdoc, pipeline.kb)
        found = find_places(sdoc, pipeline.gazetteer, actors)
        resolver = _Resolver(pipeline, sdoc, actors, found)
        mentions[n].extend(
            PlaceMention(m.start + offset, m.end + offset, m.text, m.place, m.near, m.score) for m in found
        )
        for gold in doc.spans:
            if gold.geocoded and offset <= gold.start and gold.end <= offset + len(piece):
                place, source = resolver.resolve(gold.start - offset, gold.end - offset, gold.text)
                context = _context_of(doc.text, gold.start, gold.end)
                resolved.append(_Resolved(doc.doc_id, gold, context, place, source))
    return resolved, mentions


def _reverse_countries(points: Sequence[tuple[float, float]]) -> list[str]:
    """ISO2 country of each point, from reverse_geocoder's offline GeoNames towns."""
    if not points:
        return []
    import reverse_geocoder

    quiet = io.StringIO()  # it prints a loading message on stdout
    with contextlib.redirect_stdout(quiet):
        rows = reverse_geocoder.search(list(points), mode=1)
    return [str(row.get("cc", "")) for row in rows]


def _geocode(resolved: list[_Resolved]) -> None:
    """Fill each resolution's error in km and the gold and predicted countries."""
    gold_cc = _reverse_countries([(r.gold.lat or 0.0, r.gold.lon or 0.0) for r in resolved])
    missing = [r for r in resolved if r.place is not None and not r.place.country_code]
    ours = _reverse_countries([(r.place.lat, r.place.lon) for r in missing if r.place is not None])
    our_cc = {id(r): cc for r, cc in zip(missing, ours, strict=True)}
    for r, cc in zip(resolved, gold_cc, strict=True):
        r.gold_cc = cc
        if r.place is not None:
            gold_place = Place(r.gold.text, r.gold.lat or 0.0, r.gold.lon or 0.0, "", "")
            r.error_km = distance_km(gold_place, r.place)
            r.our_cc = r.place.country_code or our_cc.get(id(r), "")


def _place_json(place: Place | None, cc: str) -> dict[str, Any] | None:
    keys = ("name", "lat", "lon", "feature_code", "geonameid")
    return None if place is None else {"country_code": cc, **{k: getattr(place, k) for k in keys}}


def _geocoding_errors(dataset: str, resolved: list[_Resolved]) -> list[dict[str, Any]]:
    out = []
    for r in resolved:
        if r.error_km is not None and r.error_km <= ACC_KM and r.gold_cc == r.our_cc:
            continue
        out.append(
            {
                "dataset": dataset,
                "kind": "geocoding",
                "doc": r.doc_id,
                "start": r.gold.start,
                "end": r.gold.end,
                "text": r.context,
                "gold": {
                    "name": r.gold.text,
                    "type": r.gold.type,
                    "lat": r.gold.lat,
                    "lon": r.gold.lon,
                    "country_code": r.gold_cc,
                    "geonameid": r.gold.geonameid,
                },
                "predicted": _place_json(r.place, r.our_cc),
                "source": r.source,
                "error_km": round(r.error_km, 1) if r.error_km is not None else None,
            }
        )
    return out


def _recognition(
    dataset: str, docs: Sequence[GeoDoc], mentions: Sequence[list[PlaceMention]]
) -> tuple[dict[str, float], dict[str, Any], list[dict[str, Any]]]:
    """Part 2: metrics, details (per-type tagging, false positives by gold type) and misses."""
    totals = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    fp_on: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for doc, found in zip(docs, mentions, strict=True):
        preds = [(m.start, m.end) for m in found]
        gold = [(s.start, s.end) for s in doc.spans if s.geocoded]
        aside = [(s.start, s.end) for s in doc.spans if s.toponym and not s.geocoded]
        for mode in totals:
            counts = recognition_counts(gold, preds, aside, overlap=mode == "overlap")
            totals[mode] = [a + b for a, b in zip(totals[mode], counts, strict=True)]
        for span in doc.spans:
            key = (span.start, span.end)
            row = by_type[span.type]
            row["gold"] += 1
            row["geocoded"] += span.geocoded
            row["tagged_exact"] += key in preds
            row["tagged_overlap"] += any(overlaps(key, p) for p in preds)
        matched = {k for _, k in match_spans(gold, preds, overlap=False)}
        for k, m in enumerate(found):
            if k in matched:
                continue
            hit = next((s for s in doc.spans if overlaps((s.start, s.end), preds[k])), None)
            fp_on[hit.type if hit else "unannotated"] += 1
            if hit is None or not hit.geocoded:
                errors.append(_recognition_error(dataset, doc, "spurious", m.start, m.end, hit, m.text))
        for span in doc.spans:
            if span.geocoded and (span.start, span.end) not in preds:
                errors.append(_recognition_error(dataset, doc, "missed", span.start, span.end, span, None))
    p, r, f = prf(*totals["exact"])
    po, ro, fo = prf(*totals["overlap"])
    metrics = {"toponym_p": p, "toponym_r": r, "toponym_f1": f, "toponym_f1_overlap": fo}
    details = {
        "recognition_counts": {
            mode: dict(zip(("tp", "fp", "fn"), c, strict=True)) for mode, c in totals.items()
        },
        "toponym_p_overlap": round(po, 4),
        "toponym_r_overlap": round(ro, 4),
        "by_gold_type": {t: dict(c) for t, c in sorted(by_type.items())},
        "unmatched_predictions_by_gold_type": dict(fp_on.most_common()),
    }
    return metrics, details, errors


def _recognition_error(
    dataset: str, doc: GeoDoc, kind: str, start: int, end: int, gold: GoldSpan | None, predicted: str | None
) -> dict[str, Any]:
    return {
        "dataset": dataset,
        "kind": kind,
        "doc": doc.doc_id,
        "start": start,
        "end": end,
        "text": _context_of(doc.text, start, end),
        "gold": {"name": gold.text, "type": gold.type} if gold else None,
        "predicted": predicted,
    }


def _acc(group: Sequence[_Resolved]) -> float:
    return round(sum(r.error_km is not None and r.error_km <= ACC_KM for r in group) / len(group), 4)


def _geocoding_details(resolved: list[_Resolved]) -> dict[str, Any]:
    with_id = [r for r in resolved if r.gold.geonameid is not None]
    near = [r.error_km for r in resolved if r.error_km is not None]
    by_source, by_type = _group(resolved, lambda r: r.source), _group(resolved, lambda r: r.gold.type)
    return {
        "by_source": {source: len(group) for source, group in by_source.items()},
        "acc_161km_by_source": {source: _acc(group) for source, group in by_source.items()},
        "acc_161km_by_type": {t: _acc(group) for t, group in sorted(by_type.items())},
        "mean_km_resolved": round(statistics.fmean(near), 1) if near else None,
        "misses_by_cause": dict(Counter(_cause(r) for r in resolved if _cause(r))),
        # GeoNames id agreement (Mordecai3's "exact") where gold has an id. Our index has no ids for
        # admin1 units, so this understates exactness for provinces and states.
        "geonameid_acc": (
            round(
                sum(r.place is not None and r.place.geonameid == r.gold.geonameid for r in with_id)
                / len(with_id),
                4,
            )
            if with_id
            else None
        ),
        "country_method": "gold: reverse_geocoder at the gold coordinate; ours: the place's country code "
        "(reverse_geocoder at our coordinate for places without one)",
    }


def _cause(r: _Resolved) -> str:
    """Why a span missed 161 km: not resolved; the right country (or a unit in it) whose point is
    far from the gold's (the gazetteer places a country or admin1 unit at a city, the gold at a
    centroid); or another place altogether. "" for a hit."""
    if r.error_km is None:
        return "unresolved"
    if r.error_km <= ACC_KM:
        return ""
    feature = r.place.feature_code if r.place else None
    if feature in ("PCLI", "ADM1") and r.our_cc == r.gold_cc:
        return "country_or_admin1_point_far"
    return "other_place"


def _group(items: list[_Resolved], key: Callable[[_Resolved], str]) -> dict[str, list[_Resolved]]:
    out: dict[str, list[_Resolved]] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return dict(out)


def _evaluate(
    dataset: str, path: Path, reader: Callable[[Path], list[GeoDoc]], pipeline: Pipeline, limit: int | None
) -> EvalResult:
    docs = reader(require(path, dataset))
    if limit is not None:
        docs = quick_subset(docs, limit)
    pipeline.warm_up()  # model, knowledge base and gazetteer load outside the timing
    start = time.perf_counter()
    resolved, mentions = _analyse(pipeline, docs)
    _geocode(resolved)
    metrics = geocoding_metrics(
        [r.error_km for r in resolved], [bool(r.gold_cc) and r.gold_cc == r.our_cc for r in resolved]
    )
    rec_metrics, rec_details, rec_errors = _recognition(dataset, docs, mentions)
    metrics.update(rec_metrics)
    details = {
        "documents": len(docs),
        "gold_spans": sum(len(d.spans) for d in docs),
        "gold_geocoded": len(resolved),
        "gold_dropped_unaligned": sum(d.dropped for d in docs),
        "predicted_mentions": sum(len(m) for m in mentions),
        "geocoding": _geocoding_details(resolved),
        "recognition": rec_details,
    }
    errors = _geocoding_errors(dataset, resolved) + rec_errors
    seconds = time.perf_counter() - start
    return EvalResult(dataset, len(resolved), metrics, seconds, errors, details)


def evaluate_gwn(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """GeoWebNews: 200 articles, 2,601 geocoded toponyms among 14 annotation types."""
    return _evaluate("gwn", data_dir / "geoparsing" / "data" / "GWN.xml", read_gwn, pipeline, limit)


def evaluate_lgl(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """LGL: 588 local-news articles, mostly small US places, with GeoNames ids."""
    path = data_dir / "geoparsing" / "data" / "Corpora" / "lgl.xml"
    return _evaluate("lgl", path, read_lgl, pipeline, limit)


def evaluate_geovirus(data_dir: Path, pipeline: Pipeline, *, limit: int | None = None) -> EvalResult:
    """GeoVirus: 229 disease-outbreak articles (WikiNews), coordinates from Wikipedia."""
    path = data_dir / "geoparsing" / "data" / "Corpora" / "GeoVirus.xml"
    return _evaluate("geovirus", path, read_geovirus, pipeline, limit)
