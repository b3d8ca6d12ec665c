"""The event store (DuckDB, one file) and flat exports of events."""

from __future__ import annotations

from eventwire.store.eventstore import EventStore
from eventwire.store.export import events_to_csv_rows, events_to_geojson
from eventwire.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "EventStore", "events_to_csv_rows", "events_to_geojson"]
