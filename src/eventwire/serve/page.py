"""The analyst's web page at `/`, its bundles at `/static/`: map, timeline, filters, table, event view.

The page is built from npm packages by `make web` (web/build.mjs) into `serve/static/`, so the
served page loads nothing from elsewhere: no CDN, no map tiles, no fonts. It reads the API with
relative URLs. Without a build, `/` says how to make one and the API works as before.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"
INDEX = STATIC_DIR / "index.html"

# Also in index.html's <meta>; the header covers a page saved or served without it. No inline
# script may run, so article text that slipped into the DOM as markup would still be inert.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The bundles keep their names across builds: revalidate rather than run a stale page.
    "Cache-Control": "no-cache",
}
NOT_BUILT = (
    "The eventwire web page is not built, so only the API is served (see /api/health).\n"
    "Build it once from the repository with `make web` (needs Node.js 20 and npm), "
    "then reload this page.\n"
)


class PageAssets(StaticFiles):
    """The built bundles. Before a build the folder is absent: each file is then a plain 404 (in the
    API's error shape) instead of Starlette's 500 for a missing directory."""

    async def check_config(self) -> None:
        if self.directory is not None and not Path(self.directory).is_dir():
            return
        await super().check_config()


def mount_page(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Add `GET /` (the page) and `/static` (its bundles and the world outline) to `app`."""
    index = static_dir / "index.html"

    # HEAD too: `curl -I` and uptime checks ask that way (FastAPI's get() would answer 405).
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> Response:
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(index, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    # check_dir=False: the app may start before (or without) a build.
    app.mount("/static", PageAssets(directory=static_dir, check_dir=False), name="static")


def is_built(static_dir: Path = STATIC_DIR) -> bool:
    """Whether `make web` has written the page (the CLI tells the user when it has not)."""
    return (static_dir / "index.html").is_file() and (static_dir / "app.js").is_file()
