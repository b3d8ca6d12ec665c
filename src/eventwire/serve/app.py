"""The FastAPI application: read-only JSON endpoints over an open EventStore, under /api.

The app never opens the store itself: `eventwire serve` (or a test) opens it, as the writer or
read-only, and hands it over. Endpoints are plain `def`s, so uvicorn runs them in its threadpool;
each takes its own `snapshot()` cursor, never the shared connection, which DuckDB does not let two
threads use at once. The web page (serve/page.py, when built) is mounted at `/` after the API.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Request, Response

from eventwire import __version__
from eventwire.errors import Errors
from eventwire.serve import models, reads
from eventwire.serve.cache import DEFAULT_ENTRIES, ResponseCache
from eventwire.serve.params import (
    DEFAULT_LIMIT,
    EventFilters,
    LimitParam,
    ListLimitParam,
    OffsetParam,
    SearchParam,
    Sort,
    SortParam,
    event_filters,
)
from eventwire.serve.problems import (
    ERROR_RESPONSES,
    ApiError,
    CatchUnexpected,
    RequestLimits,
    install_error_handlers,
)
from eventwire.store import EventStore

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]
Filters = Annotated[EventFilters, Depends(event_filters)]
IdPath = Annotated[str, Path(min_length=1, max_length=200)]

DESCRIPTION = """Read-only JSON over an eventwire event store.

Filters (on /api/events, /api/events.geojson and /api/summary) are those of `eventwire events`:
country, admin1, type (repeat it or separate with commas), actor, since, until, bbox,
min_fatalities, text. Every error answers `{"error": {"status", "code", "message"}}`.
"""


def _encode(data: Any) -> bytes:
    # As Starlette's JSONResponse encodes, so cached and fresh answers are byte-identical.
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def create_app(
    store: EventStore, *, lifespan: Lifespan | None = None, cache_entries: int = DEFAULT_ENTRIES
) -> FastAPI:
    """The API over `store`, which the caller has opened and closes after the app stops.

    `cache_entries` answers are remembered until the data changes (serve/cache.py); 0 turns that off.
    """
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        # FastAPI's /docs and /redoc load their scripts from a CDN; nothing here may fetch anything.
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(CatchUnexpected)
    app.add_middleware(RequestLimits)  # added last, so it runs first
    _add_routes(app, _Reader(store, ResponseCache(cache_entries)))
    _mount_page(app)
    return app


class _Reader:
    """Answers a request from its own snapshot of the store, through the response cache."""

    def __init__(self, store: EventStore, cache: ResponseCache) -> None:
        self.store = store
        self.cache = cache

    def answer(
        self, request: Request, build: Callable[[EventStore], Any], media_type: str = "application/json"
    ) -> Response:
        with self.store.snapshot() as view:
            url = f"{request.url.path}?{request.url.query}"
            body = self.cache.get_or_build(view, url, lambda: _encode(build(view)))
        return Response(body, media_type=media_type)


def _found(value: dict[str, Any] | None, message: str) -> dict[str, Any]:
    if value is None:
        raise ApiError(404, message)
    return value


def _add_routes(app: FastAPI, reader: _Reader) -> None:
    @app.get("/api/events", response_model=models.EventPage, tags=["events"])
    def list_events(
        request: Request,
        filters: Filters,
        limit: LimitParam = DEFAULT_LIMIT,
        offset: OffsetParam = 0,
        sort: SortParam = Sort.date,
    ) -> Response:
        """Events matching the filters, one page at a time, with the total across pages."""
        return reader.answer(
            request, lambda view: reads.event_page(view, filters, sort=sort, limit=limit, offset=offset)
        )

    @app.get("/api/events.geojson", response_model=models.FeatureCollection, tags=["events"])
    def events_geojson(request: Request, filters: Filters) -> Response:
        """Located events matching the filters as an RFC 7946 FeatureCollection of points."""
        return reader.answer(
            request, lambda view: reads.event_features(view, filters), media_type="application/geo+json"
        )

    @app.get("/api/events/{event_id}", response_model=models.EventDetail, tags=["events"])
    def get_event(request: Request, event_id: IdPath) -> Response:
        """One event: its full record, the articles that reported it, and every figure claimed."""
        return reader.answer(
            request,
            lambda view: _found(reads.event_detail(view, event_id), Errors.E080.format(event_id=event_id)),
        )

    @app.get("/api/articles/{article_id}", response_model=models.ArticleView, tags=["articles"])
    def get_article(request: Request, article_id: IdPath) -> Response:
        """One article's cleaned text (plain text, for claim spans to point into) and its events."""
        return reader.answer(
            request,
            lambda view: _found(
                reads.article_view(view, article_id), Errors.E081.format(article_id=article_id)
            ),
        )

    @app.get("/api/summary", response_model=models.Summary, tags=["events"])
    def get_summary(request: Request, filters: Filters) -> Response:
        """Counts of the events matching the filters: by type, country and day, and total killed."""
        return reader.answer(request, lambda view: reads.summary(view, filters))

    @app.get("/api/actors", response_model=models.ActorList, tags=["lookups"])
    def list_actors(request: Request, q: SearchParam = "", limit: ListLimitParam = DEFAULT_LIMIT) -> Response:
        """Actors by number of events, those whose name contains `q` when given."""
        return reader.answer(request, lambda view: {"items": reads.actors(view, q, limit)})

    @app.get("/api/places", response_model=models.PlaceList, tags=["lookups"])
    def list_places(request: Request, q: SearchParam = "", limit: ListLimitParam = DEFAULT_LIMIT) -> Response:
        """Event locations by number of events, those whose name contains `q` when given."""
        return reader.answer(request, lambda view: {"items": reads.places(view, q, limit)})

    @app.get("/api/health", response_model=models.Health, tags=["server"])
    def get_health() -> Response:
        """Whether the store answers, and how much it holds (never cached)."""
        with reader.store.snapshot() as view:
            return Response(_encode(reads.health(view)), media_type="application/json")


def _mount_page(app: FastAPI) -> None:
    # The page engineer's module adds `/` and `/static` (see its docstring); until it exists the
    # API runs alone and `/` is a 404 in the API's error shape.
    if importlib.util.find_spec("eventwire.serve.page") is None:
        return
    page = importlib.import_module("eventwire.serve.page")
    page.mount_page(app)
