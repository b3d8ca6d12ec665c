"""Every API error has one shape, `{"error": {"status", "code", "message"}}`, and the input limits hold.

Also: a bad filter gets the very message the CLI prints, a server-side failure leaks no internals,
and /openapi.json documents every route with that error shape (no CDN-backed /docs or /redoc).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from eventwire.serve.params import MAX_LIMIT, MAX_OFFSET, MAX_TEXT_CHARS, MAX_TYPES
from eventwire.serve.problems import MAX_BODY_BYTES, MAX_URL_BYTES, ErrorBody
from tests import export_fixtures as fx
from tests.serve_helpers import running_server

ROUTES = {
    "/api/events",
    "/api/events.geojson",
    "/api/events/{event_id}",
    "/api/articles/{article_id}",
    "/api/summary",
    "/api/actors",
    "/api/places",
    "/api/health",
}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = fx.build_store(tmp_path_factory.mktemp("serve-errors") / "fixtures.duckdb")
    # A record the code cannot read (a hand-edited or corrupted file) must not take the server down.
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE events SET record = '{\"id\": 1}' WHERE id = 'ev-battle'")
    return path


@pytest.fixture(scope="module")
def api(fixture_db: Path) -> Iterator[httpx.Client]:
    with running_server(fixture_db) as base_url, httpx.Client(base_url=base_url) as client:
        yield client


def error(response: httpx.Response, status: int, code: str) -> str:
    """The message of an error answer, after checking its status, shape and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    ErrorBody.model_validate(body)
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    message: str = body["error"]["message"]
    assert message.startswith(f"[{code}] ") if code != "http" else message
    assert "Traceback" not in message
    return message


# (method, path, params, status, code): at least one failing request for each route and each status.
BAD_REQUESTS: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("GET", "/api/events/no-such-event", {}, 404, "E080"),
    ("GET", "/api/articles/no-such-article", {}, 404, "E081"),
    ("GET", "/api/nothing-here", {}, 404, "E085"),
    ("GET", "/docs", {}, 404, "E085"),
    ("GET", "/redoc", {}, 404, "E085"),
    ("POST", "/api/events", {}, 405, "E086"),
    ("DELETE", "/api/events/ev-airstrike", {}, 405, "E086"),
    ("POST", "/api/health", {}, 405, "E086"),
    ("GET", "/api/events", {"limit": MAX_LIMIT + 1}, 422, "E082"),
    ("GET", "/api/events", {"limit": -1}, 422, "E082"),
    ("GET", "/api/events", {"limit": "ten"}, 422, "E082"),
    ("GET", "/api/events", {"offset": MAX_OFFSET + 1}, 422, "E082"),
    ("GET", "/api/events", {"sort": "id"}, 422, "E082"),
    ("GET", "/api/events", {"min_fatalities": "many"}, 422, "E082"),
    ("GET", "/api/events", {"text": "x" * (MAX_TEXT_CHARS + 1)}, 422, "E082"),
    ("GET", "/api/events.geojson", {"country": "x" * 201}, 422, "E082"),
    ("GET", "/api/events/" + "x" * 201, {}, 422, "E082"),
    ("GET", "/api/articles/" + "x" * 201, {}, 422, "E082"),
    ("GET", "/api/actors", {"limit": 0}, 422, "E082"),
    ("GET", "/api/places", {"q": "x" * 201}, 422, "E082"),
    ("GET", "/api/events", {"since": "last week"}, 400, "E020"),
    ("GET", "/api/events.geojson", {"until": "2019-13-01"}, 400, "E020"),
    ("GET", "/api/summary", {"since": "2019-06-20", "until": "2019-06-01"}, 400, "E045"),
    ("GET", "/api/events", {"bbox": "1,2,3"}, 400, "E045"),
    ("GET", "/api/events", {"bbox": "0,95,10,96"}, 400, "E045"),
    ("GET", "/api/events", {"min_fatalities": -1}, 400, "E045"),
    ("GET", "/api/events", {"type": "MASSACRE"}, 400, "E044"),
    ("GET", "/api/summary", {"type": "PROTEST,NOPE"}, 400, "E044"),
    ("GET", "/api/events", {"type": ",".join(f"T{i}" for i in range(MAX_TYPES + 1))}, 400, "E045"),
    ("GET", "/api/events/ev-battle", {}, 500, "E087"),
]


@pytest.mark.parametrize(
    ("method", "path", "params", "status", "code"),
    BAD_REQUESTS,
    ids=[f"{r[0]} {r[1][:40]} {r[4]}" for r in BAD_REQUESTS],
)
def test_serve_api_errors_share_one_shape(
    api: httpx.Client, method: str, path: str, params: dict[str, Any], status: int, code: str
) -> None:
    error(api.request(method, path, params=params), status, code)


def test_serve_api_errors_every_route_has_a_failing_case() -> None:
    tried = {path for _, path, *_ in BAD_REQUESTS}
    templates = {route.replace("{event_id}", "").replace("{article_id}", "") for route in ROUTES}
    assert all(any(path.startswith(t) for path in tried) for t in templates)
    assert {status for *_, status, _ in BAD_REQUESTS} >= {400, 404, 405, 422, 500}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"since": "last week"}, "E020"),
        ({"bbox": "1,2,3"}, "E045"),
        ({"type": "MASSACRE"}, "E044"),
        ({"since": "2019-06-20", "until": "2019-06-01"}, "E045"),
    ],
)
def test_serve_api_bad_filter_gets_the_cli_message(
    api: httpx.Client, fixture_db: Path, params: dict[str, str], code: str
) -> None:
    flags = [part for name, value in params.items() for part in (f"--{name}", value)]
    # The CLI checks its flags before it opens the store, so it answers while the server owns the file.
    cli = CliRunner().invoke(cli_app, ["events", "--db", str(fixture_db), *flags])
    assert cli.exit_code == 2
    message = error(api.get("/api/events", params=params), 400, code)
    assert " ".join(message.split()) in " ".join(cli.stderr.split())


def test_serve_api_too_long_url_is_414(api: httpx.Client) -> None:
    message = error(api.get("/api/events", params={"country": "x" * MAX_URL_BYTES}), 414, "E083")
    assert str(MAX_URL_BYTES) in message


def test_serve_api_request_body_over_limit_is_413(api: httpx.Client) -> None:
    message = error(api.request("GET", "/api/events", content=b"x" * (MAX_BODY_BYTES + 1)), 413, "E084")
    assert "GET" in message


def test_serve_api_server_error_answers_and_keeps_serving(api: httpx.Client) -> None:
    message = error(api.get("/api/events/ev-battle"), 500, "E087")
    assert "/api/events/ev-battle" in message and "duckdb" not in message.lower()
    assert api.get("/api/events/ev-airstrike").status_code == 200


def test_serve_api_openapi_lists_every_route_with_the_error_shape(api: httpx.Client) -> None:
    response = api.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "eventwire"
    assert set(spec["paths"]) == ROUTES
    schemas = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        assert set(operations) == {"get"}, path
        responses = operations["get"]["responses"]
        assert "200" in responses and responses["200"]["content"]["application/json"]["schema"]
        for status in ("400", "404", "413", "414", "422", "500"):
            ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ErrorBody", (path, status)
    refs = {
        value for value in _walk(spec) if isinstance(value, str) and value.startswith("#/components/schemas/")
    }
    assert refs and all(ref.rsplit("/", 1)[1] in schemas for ref in refs)
    assert "HTTPValidationError" not in schemas  # FastAPI's own 422 shape is not what we answer
    events_params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert events_params == {
        "country",
        "admin1",
        "type",
        "actor",
        "since",
        "until",
        "bbox",
        "min_fatalities",
        "text",
        "limit",
        "offset",
        "sort",
    }


def _walk(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
    else:
        yield node
