"""One JSON error shape for every failure of the API, from one set of handlers (after datasette's).

    {"error": {"status": 404, "code": "E080", "message": "[E080] no event with id ... List ids with ..."}}

`code` is the catalogue code of `eventwire.errors` when there is one (a bad filter gives the same
E020/E044/E045 message as the CLI), else "http". The two limits that must hold before the app even
parses a request (URL and body size) are checked in a small ASGI middleware.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.errors import Errors, UsageError

log = logging.getLogger("eventwire.serve")

_CODE = re.compile(r"^\[(E\d{3})\]")

# Past these a client is broken or hostile: real filters fit in a few hundred bytes.
MAX_URL_BYTES = 4096
MAX_BODY_BYTES = 1024


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error the API answers with `status` and a catalogued message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    found = _CODE.match(message)
    body = {"error": {"status": status, "code": found.group(1) if found else "http", "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


# Documented on every route in /openapi.json (FastAPI would otherwise advertise its own 422 shape).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "A filter value is invalid (same message as the CLI)"),
        (404, "No such event, article or endpoint"),
        (413, "Request body too large"),
        (414, "Request URL too long"),
        (422, "A parameter is missing, of the wrong type or out of range"),
        (500, "Server error"),
    )
}


def _validation_detail(errors: Sequence[Any]) -> str:
    parts = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = ".".join(location) or "request"
        parts.append(f"'{name}': {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid parameters"


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message)


async def _on_usage_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(400, str(exc))


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, Errors.E082.format(detail=_validation_detail(exc.errors())))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 404:
        message = Errors.E085.format(method=method, path=path)
    elif exc.status_code == 405:
        message = Errors.E086.format(method=method, path=path)
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(UsageError, _on_usage_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)


class CatchUnexpected:
    """ASGI middleware: any other exception becomes a 500 in the error shape, and the server goes on.

    Not an `Exception` handler: Starlette re-raises after calling that one, and uvicorn then drops
    the client's keep-alive connection, so its next request failed with a reset.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            # The traceback goes to the server log; the client gets no internals, only what to do.
            log.exception("error answering %s", scope.get("path"))
            if started:
                raise
            message = Errors.E087.format(path=scope.get("path", "?"), detail=type(exc).__name__)
            await error_response(500, message)(scope, receive, send)


class RequestLimits:
    """ASGI middleware: 414 for an over-long URL, 413 for a body over the limit, before any parsing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_bytes = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url_bytes > MAX_URL_BYTES:
            response = error_response(414, Errors.E083.format(size=url_bytes, limit=MAX_URL_BYTES))
            await response(scope, receive, send)
            return
        body_bytes = _content_length(scope)
        if body_bytes > MAX_BODY_BYTES:
            response = error_response(413, Errors.E084.format(size=body_bytes, limit=MAX_BODY_BYTES))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _content_length(scope: Scope) -> int:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return MAX_BODY_BYTES + 1  # unreadable: treat as too large rather than trust it
    return 0
