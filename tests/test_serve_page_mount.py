"""How `eventwire serve` serves the page, over HTTP: `/` and `/static/` beside the API, the page's
security headers, and a page that is not built yet (the API still answers, `/` says what to do)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from eventwire.serve import background_server
from eventwire.serve.page import CONTENT_SECURITY_POLICY, is_built, mount_page
from tests import serve_helpers

demo_server = serve_helpers.demo_server

needs_build = pytest.mark.skipif(
    not is_built(), reason="the web page is not built (src/eventwire/serve/static/): run `make web` first"
)


@needs_build
def test_page_is_served_at_root_with_a_policy_that_forbids_inline_script(demo_server: str) -> None:
    response = httpx.get(f"{demo_server}/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'src="static/app.js"' in response.text and 'href="static/app.css"' in response.text
    head = httpx.head(f"{demo_server}/")
    assert head.status_code == 200 and head.content == b""


@needs_build
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/app.js", "text/javascript"),
        ("/static/app.css", "text/css"),
        ("/static/world.json", "application/json"),
    ],
)
def test_page_assets_come_from_the_same_server(demo_server: str, path: str, content_type: str) -> None:
    response = httpx.get(f"{demo_server}{path}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert len(response.content) > 1000


@needs_build
def test_page_styles_load_only_files_beside_them(demo_server: str) -> None:
    # A url() in CSS is fetched as soon as it applies: each must be a bundled file or inline data.
    # (The browser test watches every request the running page makes; this covers rules it never hits.)
    css = httpx.get(f"{demo_server}/static/app.css").text
    targets = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert targets, "the bundle lost Leaflet's images"
    for target in targets:
        # "#default#VML" is Leaflet's old Internet Explorer behaviour: a name, not a fetch
        assert target.startswith(("./", "data:", "#")), target
        if target.startswith("./"):
            assert httpx.get(f"{demo_server}/static/{target.removeprefix('./')}").status_code == 200, target


def test_page_not_built_answers_503_with_the_fix_and_the_api_still_works(tmp_path: Path) -> None:
    app = FastAPI()

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    mount_page(app, static_dir=tmp_path / "static")
    with background_server(app) as server:
        page = httpx.get(f"{server.url}/")
        assert page.status_code == 503
        assert "make web" in page.text
        assert httpx.get(f"{server.url}/static/app.js").status_code == 404
        assert httpx.get(f"{server.url}/api/health").json() == {"status": "ok"}
