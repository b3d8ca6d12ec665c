"""`eventwire serve`: a read-only REST API (FastAPI, OpenAPI at /openapi.json) over an event store.

from eventwire.serve import create_app, background_server
with EventStore.open("events.duckdb") as store, background_server(create_app(store)) as server:
    httpx.get(server.url + "/api/events", params={"country": "SY"})
"""

from __future__ import annotations

from eventwire.serve.app import create_app
from eventwire.serve.server import RunningServer, background_server, bind, serve_forever

__all__ = ["RunningServer", "background_server", "bind", "create_app", "serve_forever"]
