"""`export_events`: events to a stream or a file in one of the analyst formats.

Text formats go to a stream (stdout) or a file; Parquet only to a file. A file is written beside
its destination and moved into place at the end, so an interrupted export never leaves half a file
where a finished one is expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from eventwire.errors import Errors, UsageError
from eventwire.record import Event
from eventwire.store.export import events_to_csv_rows, events_to_geojson
from eventwire.store.export_acled import acled_rows
from eventwire.store.export_plover import plover_records
from eventwire.store.export_ucdp import ucdp_rows


class ExportFormat(StrEnum):
    acled = "acled"
    ucdp = "ucdp"
    plover = "plover"
    geojson = "geojson"
    parquet = "parquet"
    csv = "csv"


BINARY_FORMATS = frozenset({ExportFormat.parquet})
# Why some events have no row or feature, for the summary line.
LEFT_OUT_BECAUSE = {
    ExportFormat.acled: "ACLED would not code them (no ACLED event type, or not occurred)",
    ExportFormat.ucdp: "no UCDP type of violence",
    ExportFormat.geojson: "no coordinates",
}


@dataclass(frozen=True)
class ExportResult:
    written: int
    total: int

    @property
    def left_out(self) -> int:
        return self.total - self.written


def export_events(
    events: Sequence[Event],
    fmt: ExportFormat,
    *,
    out: Path | None = None,
    stream: TextIO | None = None,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Write `events` as `fmt` to the file `out`, or else to `stream`; returns how many were written.

    `now` (UTC, default: the current time) stamps ACLED's `timestamp` and PLOVER's coded_date.
    """
    now = now or dt.datetime.now(dt.UTC)
    if fmt in BINARY_FORMATS:
        if out is None:
            raise UsageError(Errors.E046.format(fmt=fmt.value))
        from eventwire.store.export_parquet import write_parquet

        _atomic(out, lambda tmp: write_parquet(events, tmp))
        return ExportResult(len(events), len(events))
    render = _TEXT_WRITERS[fmt]
    if out is None:
        if stream is None:
            raise ValueError("export_events needs a file (out) or a stream")
        return render(events, stream, now)
    result: list[ExportResult] = []

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            result.append(render(events, handle, now))

    _atomic(out, write)
    return result[0]


def _atomic(out: Path, write: Callable[[Path], None]) -> None:
    tmp = out.with_name(f".{out.name}.partial")
    try:
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(Errors.E047.format(path=out, detail=exc.strerror or exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_csv(header: list[str], rows: list[list[Any]], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def _csv(events: Sequence[Event], stream: TextIO, now: dt.datetime) -> ExportResult:
    header, rows = events_to_csv_rows(events)
    _write_csv(header, rows, stream)
    return ExportResult(len(rows), len(events))


def _acled(events: Sequence[Event], stream: TextIO, now: dt.datetime) -> ExportResult:
    header, rows = acled_rows(events, timestamp=int(now.timestamp()))
    _write_csv(header, rows, stream)
    return ExportResult(len(rows), len(events))


def _ucdp(events: Sequence[Event], stream: TextIO, now: dt.datetime) -> ExportResult:
    header, rows = ucdp_rows(events)
    _write_csv(header, rows, stream)
    return ExportResult(len(rows), len(events))


def _plover(events: Sequence[Event], stream: TextIO, now: dt.datetime) -> ExportResult:
    for record in plover_records(events, coded_at=now.astimezone(dt.UTC)):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ExportResult(len(events), len(events))


def _geojson(events: Sequence[Event], stream: TextIO, now: dt.datetime) -> ExportResult:
    collection = events_to_geojson(events)
    stream.write(json.dumps(collection, indent=2, ensure_ascii=False) + "\n")
    features = collection["features"]
    return ExportResult(len(features) if isinstance(features, list) else 0, len(events))


_TEXT_WRITERS: dict[ExportFormat, Callable[[Sequence[Event], TextIO, dt.datetime], ExportResult]] = {
    ExportFormat.csv: _csv,
    ExportFormat.acled: _acled,
    ExportFormat.ucdp: _ucdp,
    ExportFormat.plover: _plover,
    ExportFormat.geojson: _geojson,
}
