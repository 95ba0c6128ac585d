"""The FastAPI application: `create_app(db_path, token, max_body_bytes)`.

    uvicorn "whodid.service.app:app_from_env" --factory     # or: whodid serve --db news.duckdb

The API (see routes.py and docs/service.md) and the dashboard (static/, served at `/`)
come from the same app. The dashboard loads nothing from outside the server: its
scripts and styles are in static/, map outlines come from an installed package (geo.py),
and a Content-Security-Policy keeps it that way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from . import docs, errors
from .limits import BodySizeLimit
from .routes import router
from .state import ServiceState

DEFAULT_DB = "whodid.duckdb"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
STATIC = Path(__file__).resolve().parent / "static"
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                 "form-action 'none'")

DESCRIPTION = """Who did what to whom, when and where: political events (PLOVER) from news text.

* `POST /code` codes one article and returns its events without storing anything.
* `POST /ingest` codes and stores documents in the DuckDB event store (bearer token).
* `GET /events`, `/dyads`, `/actors`, `/timeline`, `/places`, `/documents` read the store.

Errors are JSON: `{"error": {"status", "type", "message", "details"}}`. The dashboard is at `/`."""


class SecurityHeaders:
    """nosniff everywhere; the dashboard's pages and files also get a strict same-origin CSP."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        dashboard = path == "/" or path.startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if dashboard:
                    headers.append((b"content-security-policy", DASHBOARD_CSP.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db_path: str | Path | None = None, token: str | None = None,
               max_body_bytes: int = DEFAULT_MAX_BODY, *, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The service over the store at `db_path` (default $WHODID_DB, else whodid.duckdb).

    `token` guards POST /ingest (None: $WHODID_TOKEN; "" or unset: ingest is refused).
    Request bodies over `max_body_bytes` get a 413. `allowed_hosts` (e.g. localhost names)
    makes requests with any other Host header fail, against DNS rebinding.
    """
    if max_body_bytes < 1:
        raise ValueError("max_body_bytes must be at least 1")
    path = Path(db_path if db_path is not None else os.environ.get("WHODID_DB") or DEFAULT_DB).expanduser()
    if token is None:
        token = os.environ.get("WHODID_TOKEN") or None
    state = ServiceState(db_path=path, token=token or None, max_body_bytes=int(max_body_bytes))

    app = FastAPI(title="whodid", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_tags=[{"name": "coding", "description": "Code text into PLOVER events."},
                                {"name": "store", "description": "The deduplicated event store (DuckDB)."},
                                {"name": "service"}, {"name": "dashboard"}])
    app.state.whodid = state
    errors.install(app)
    app.include_router(router)
    app.state.offline_docs = docs.install(app, "whodid")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(BodySizeLimit, max_bytes=state.max_body_bytes)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory`: settings from $WHODID_DB, $WHODID_TOKEN and $WHODID_MAX_BODY."""
    return create_app(max_body_bytes=int(os.environ.get("WHODID_MAX_BODY") or DEFAULT_MAX_BODY))
