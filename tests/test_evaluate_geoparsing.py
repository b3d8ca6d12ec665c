"""Geoparsing scorers (gwn, lgl, geovirus): readers, span matching and the log-error AUC on hand-made
fixtures; the scorer end to end on a tiny hand-written GWN file and on the shared gold data."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventwire.evaluate.base import DatasetMissing
from eventwire.evaluate.geo_formats import (
    GeoDoc,
    align,
    match_spans,
    quick_subset,
    read_geovirus,
    read_gwn,
    read_lgl,
    recognition_counts,
)
from eventwire.evaluate.geoparsing import (
    MAX_KM,
    evaluate_geovirus,
    evaluate_gwn,
    evaluate_lgl,
    geocoding_metrics,
    log_error_auc,
)
from eventwire.pipeline import Pipeline
from tests.conftest import require_shared

GWN_XML = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>Shelling</title>
    <text>Syrian troops shelled Aleppo on Sunday, Reuters said.</text>
    <toponyms>
      <toponym><extractedName>Syrian</extractedName><type>Literal_Modifier</type>
        <start>0</start><end>6</end><geonamesID>163843</geonamesID>
        <latitude>35.0</latitude><longitude>38.0</longitude></toponym>
      <toponym><extractedName>Aleppo</extractedName><type>Literal</type>
        <start>22</start><end>28</end><geonamesID>170063</geonamesID>
        <latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>
      <toponym><extractedName>troops</extractedName><type>Non_Lit_Expression</type>
        <start>7</start><end>13</end></toponym>
    </toponyms>
  </article>
</articles>
"""

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="41">
    <text><![CDATA[Fire on Memphis St. in Alexandria.]]></text>
    <toponyms>
      <toponym><start>8</start><end>19</end><phrase>Memphis St.</phrase></toponym>
      <toponym><start>23</start><end>33</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon>
          <country geonameid="6252001">United States</country></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""

# GeoVirus counts offsets from 1: "Pandi" is text[15:20], the file says 16-21.
GEOVIRUS_XML = """<articles>
  <article><source>https://example.org/a</source>
    <text>Hogs culled in Pandi, Bulacan.</text>
    <locations>
      <location><name>Pandi</name><start>16</start><end>21</end><lat>14.87</lat><lon>120.95</lon></location>
      <location><name>Bulacan</name><start>23</start><end>30</end><lat>15</lat><lon>121.08</lon></location>
    </locations>
  </article>
</articles>
"""


def _write(tmp_path: Path, relative: str, text: str) -> Path:
    path = tmp_path / "geoparsing" / "data" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_geoparsing_read_gwn_keeps_types_and_coordinates(tmp_path: Path) -> None:
    [doc] = read_gwn(_write(tmp_path, "GWN.xml", GWN_XML))
    assert doc.doc_id == "gwn-7"
    assert [(s.text, s.type, s.geocoded, s.toponym) for s in doc.spans] == [
        ("Syrian", "Literal_Modifier", True, True),
        ("Aleppo", "Literal", True, True),
        ("troops", "Non_Lit_Expression", False, False),
    ]
    assert doc.spans[1].geonameid == 170063 and doc.spans[1].lat == pytest.approx(36.20124)


def test_geoparsing_read_lgl_ungeocoded_toponym_has_no_coordinates(tmp_path: Path) -> None:
    [doc] = read_lgl(_write(tmp_path, "Corpora/lgl.xml", LGL_XML))
    street, town = doc.spans
    assert (street.text, street.geocoded, street.toponym) == ("Memphis St.", False, True)
    assert (town.geonameid, town.country, town.lon) == (4314550, "United States", -92.4451)


def test_geoparsing_read_geovirus_shifts_one_based_offsets(tmp_path: Path) -> None:
    [doc] = read_geovirus(_write(tmp_path, "Corpora/GeoVirus.xml", GEOVIRUS_XML))
    assert [doc.text[s.start : s.end] for s in doc.spans] == ["Pandi", "Bulacan"]
    assert doc.dropped == 0


@pytest.mark.parametrize(
    ("start", "end", "name", "expected"),
    [
        (9, 14, "Idlib", (9, 14)),  # offsets fit
        (10, 15, "Idlib", (9, 14)),  # shifted by one
        (30, 35, "Idlib", (9, 14)),  # drifted, nearest occurrence
        (9, 14, "Homs", None),  # not in the text: dropped, never guessed
    ],
)
def test_geoparsing_align(start: int, end: int, name: str, expected: tuple[int, int] | None) -> None:
    assert align("Fighting Idlib again and again in the north", start, end, name) == expected


def test_geoparsing_auc_bounds_and_trapezoid() -> None:
    assert log_error_auc([0.0, 0.0, 0.0]) == 0.0
    # Gritta et al. scale by log(20039), so the worst case is log(20040)/log(20039), a hair over 1.
    assert log_error_auc([MAX_KM, MAX_KM]) == pytest.approx(1.0, abs=1e-5)
    # Two points: the trapezoid is the mean of the two scaled errors.
    assert log_error_auc([0.0, MAX_KM]) == pytest.approx(0.5, abs=1e-5)
    mid, top = math.log1p(100.0) / math.log(MAX_KM), math.log1p(MAX_KM) / math.log(MAX_KM)
    assert log_error_auc([100.0, 0.0, MAX_KM]) == pytest.approx((mid / 2 + (mid + top) / 2) / 2)


def test_geoparsing_unresolved_counts_as_maximum_error() -> None:
    metrics = geocoding_metrics([10.0, 500.0, None, 0.0], [True, False, False, True])
    assert metrics["acc_161km"] == 0.5
    assert metrics["resolved"] == 0.75
    assert metrics["country_acc"] == 0.5
    assert metrics["mean_km"] == pytest.approx((10.0 + 500.0 + MAX_KM) / 4)
    assert metrics["median_km"] == pytest.approx(255.0)
    assert metrics["auc"] == pytest.approx(log_error_auc([10.0, 500.0, MAX_KM, 0.0]))


def test_geoparsing_exact_and_overlap_matching() -> None:
    gold = [(0, 6), (10, 20), (30, 35)]
    predicted = [(0, 6), (10, 15), (40, 45)]
    assert match_spans(gold, predicted, overlap=False) == [(0, 0)]
    assert match_spans(gold, predicted, overlap=True) == [(0, 0), (1, 1)]
    assert recognition_counts(gold, predicted, overlap=False) == (1, 2, 2)
    assert recognition_counts(gold, predicted, overlap=True) == (2, 1, 1)


def test_geoparsing_overlap_matching_is_one_to_one() -> None:
    # One long prediction over two gold spans matches only one of them.
    assert recognition_counts([(0, 5), (6, 10)], [(0, 10)], overlap=True) == (1, 0, 1)


def test_geoparsing_prediction_on_ungeocoded_toponym_is_set_aside() -> None:
    # "Memphis" inside the street name "Memphis St." that the annotators did not geocode.
    assert recognition_counts([(23, 33)], [(8, 15), (23, 33)], [(8, 19)], overlap=False) == (1, 0, 0)
    assert recognition_counts([(23, 33)], [(8, 15), (23, 33)], [], overlap=False) == (1, 1, 0)


def test_geoparsing_quick_subset_is_deterministic_and_keeps_file_order() -> None:
    docs = [GeoDoc(f"doc-{n}", "") for n in range(50)]
    first = quick_subset(docs, 10)
    assert len(first) == 10 and first == quick_subset(list(reversed(docs)), 10)[::-1]
    assert [d.doc_id for d in first] == [d.doc_id for d in docs if d in first]
    assert first != docs[:10]  # mixes the file rather than taking its head


def test_geoparsing_missing_data_raises(tmp_path: Path) -> None:
    with pytest.raises(DatasetMissing):
        evaluate_lgl(tmp_path, Pipeline())


@pytest.mark.slow
def test_geoparsing_gwn_scorer_on_hand_made_article(tmp_path: Path, pipeline: Pipeline) -> None:
    _write(tmp_path, "GWN.xml", GWN_XML)
    result = evaluate_gwn(tmp_path, pipeline)
    assert (result.dataset, result.n) == ("gwn", 2)
    # Aleppo found and resolved by find_places; "Syrian" read as its country through the demonym table.
    assert result.details["geocoding"]["by_source"] == {"demonym": 1, "recognised": 1}
    assert result.metrics["resolved"] == 1.0
    assert result.metrics["country_acc"] == 1.0
    assert result.metrics["toponym_p"] == 1.0 and result.metrics["toponym_r"] == 0.5
    assert result.details["recognition"]["by_gold_type"]["Non_Lit_Expression"]["tagged_exact"] == 0
    for error in result.errors:
        assert {"text", "gold", "predicted", "doc"} <= set(error)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scorer", "relative"),
    [
        (evaluate_gwn, "GWN.xml"),
        (evaluate_lgl, "Corpora/lgl.xml"),
        (evaluate_geovirus, "Corpora/GeoVirus.xml"),
    ],
)
def test_geoparsing_real_data_metrics_in_range(scorer: object, relative: str, pipeline: Pipeline) -> None:
    require_shared("benchmarks", "geoparsing", "data", *relative.split("/"))
    data_dir = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
    result = scorer(data_dir, pipeline, limit=5)  # type: ignore[operator]
    assert result.details["documents"] == 5 and result.n > 0
    for name in ("acc_161km", "country_acc", "resolved", "auc", "toponym_p", "toponym_r", "toponym_f1"):
        assert 0.0 <= result.metrics[name] <= 1.0, name
    assert 0.0 <= result.metrics["median_km"] <= MAX_KM
    assert result.details["gold_dropped_unaligned"] <= 1
