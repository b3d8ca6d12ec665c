"""The geoparsing gold sets (GeoWebNews, LGL, GeoVirus) read as one shape, and span matching.

Each article becomes a `GeoDoc` whose gold spans carry character offsets into `text`, the span's
type (GWN's 14-type taxonomy; "Toponym" for the other sets) and, where the annotators geocoded it,
the gold coordinate. Offsets are checked against the span's written name and re-aligned when the
file's convention differs (GeoVirus counts from 1) or an annotation drifted; spans whose name cannot
be found near their offset are dropped and counted, never guessed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# GWN types that name a location (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation").
# Annotators geocoded these; the other six (Demonym, Language, Homonym, Non_Toponym, *_Expression)
# are not toponyms, so tagging one is a false positive.
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Embedded_Literal",
        "Mixed",
        "Metonymic",
        "Coercion",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
    }
)
TOPONYM = "Toponym"  # the one type of LGL and GeoVirus spans
_REALIGN_WINDOW = 200  # characters either side of a drifted offset to look for the written name


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    type: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # as the gold writes it (LGL only), for the error report

    @property
    def geocoded(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def toponym(self) -> bool:
        return self.type == TOPONYM or self.type in GWN_TOPONYM_TYPES


@dataclass
class GeoDoc:
    doc_id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    dropped: int = 0  # gold spans whose name was not found at or near their offset


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def align(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """(start, end) where `name` is written: the given offsets when they fit, else the occurrence of
    `name` nearest to `start` within a window (a shifted convention or a drifted annotation)."""
    if text[start:end] == name:
        return start, end
    if not name:
        return None
    lo = max(0, start - _REALIGN_WINDOW)
    best: int | None = None
    at = text.find(name, lo)
    while at != -1 and at <= start + _REALIGN_WINDOW:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(name, at + 1)
    return (best, best + len(name)) if best is not None else None


def _add(doc: GeoDoc, start: int, end: int, name: str, **attrs: object) -> None:
    where = align(doc.text, start, end, name)
    if where is None:
        doc.dropped += 1
        return
    doc.spans.append(GoldSpan(where[0], where[1], name, **attrs))  # type: ignore[arg-type]


def _articles(path: Path) -> Iterator[ET.Element]:
    root = ET.parse(path).getroot()
    yield from root.iter("article")


def read_gwn(path: Path) -> list[GeoDoc]:
    """GeoWebNews: <article file=...><text/><toponyms><toponym> with extractedName, type, start, end,
    geonamesID, latitude, longitude (the last three only on geocoded toponyms)."""
    docs: list[GeoDoc] = []
    for article in _articles(path):
        doc = GeoDoc(f"gwn-{article.get('file', len(docs))}", article.findtext("text") or "")
        for top in article.iter("toponym"):
            _add(
                doc,
                int(top.findtext("start") or 0),
                int(top.findtext("end") or 0),
                top.findtext("extractedName") or "",
                type=(top.findtext("type") or "").strip(),
                lat=_float(top.findtext("latitude")),
                lon=_float(top.findtext("longitude")),
                geonameid=_int(top.findtext("geonamesID")),
            )
        docs.append(doc)
    return docs


def read_lgl(path: Path) -> list[GeoDoc]:
    """LGL: <article docid=...><text/><toponyms><toponym> with start, end, phrase and, when geocoded,
    <gaztag geonameid=...> holding lat, lon and the country."""
    docs: list[GeoDoc] = []
    for article in _articles(path):
        doc = GeoDoc(f"lgl-{article.get('docid', len(docs))}", article.findtext("text") or "")
        for top in article.iter("toponym"):
            gaz = top.find("gaztag")
            _add(
                doc,
                int(top.findtext("start") or 0),
                int(top.findtext("end") or 0),
                top.findtext("phrase") or "",
                type=TOPONYM,
                lat=_float(gaz.findtext("lat")) if gaz is not None else None,
                lon=_float(gaz.findtext("lon")) if gaz is not None else None,
                geonameid=_int(gaz.get("geonameid")) if gaz is not None else None,
                country=gaz.findtext("country") if gaz is not None else None,
            )
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[GeoDoc]:
    """GeoVirus: <article><source/><text/><locations><location> with name, start, end, lat, lon and a
    Wikipedia page. Its offsets count from 1; `align` finds the name one character earlier."""
    docs: list[GeoDoc] = []
    for n, article in enumerate(_articles(path)):
        doc = GeoDoc(f"geovirus-{n}", article.findtext("text") or "")
        for loc in article.iter("location"):
            _add(
                doc,
                int(loc.findtext("start") or 0) - 1,
                int(loc.findtext("end") or 0) - 1,
                loc.findtext("name") or "",
                type=TOPONYM,
                lat=_float(loc.findtext("lat")),
                lon=_float(loc.findtext("lon")),
            )
        docs.append(doc)
    return docs


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], *, overlap: bool
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) matches: equal spans, or overlapping ones when
    `overlap` (each gold span takes the first free prediction that overlaps it, in text order)."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    index = {span: k for k, span in enumerate(predicted)}
    for g, span in enumerate(gold):
        if not overlap:
            k = index.get(span)
            if k is not None and k not in used:
                used.add(k)
                pairs.append((g, k))
            continue
        for k, pred in enumerate(predicted):
            if k not in used and overlaps(span, pred):
                used.add(k)
                pairs.append((g, k))
                break
    return pairs


def recognition_counts(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    set_aside: Sequence[tuple[int, int]] = (),
    *,
    overlap: bool,
) -> tuple[int, int, int]:
    """(tp, fp, fn). Predictions on a `set_aside` span (a gold toponym without coordinates) that
    match no gold span are neither true nor false positives."""
    pairs = match_spans(gold, predicted, overlap=overlap)
    matched = {k for _, k in pairs}
    fp = sum(
        1
        for k, pred in enumerate(predicted)
        if k not in matched and not any(overlaps(pred, s) for s in set_aside)
    )
    return len(pairs), fp, len(gold) - len(pairs)


def quick_subset(docs: Sequence[GeoDoc], limit: int) -> list[GeoDoc]:
    """The first `limit` articles in a fixed order that mixes the file's sources: the files group
    articles by newspaper feed (LGL) or story (GeoVirus), so their first N would be one town's news.
    The order is a checksum of each article's id: deterministic across runs and machines."""
    keep = {id(d) for d in sorted(docs, key=lambda d: zlib.crc32(d.doc_id.encode()))[:limit]}
    return [d for d in docs if id(d) in keep]
