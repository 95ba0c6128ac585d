"""OpenAPI docs at /docs that work offline.

Swagger UI's script and style are served from the installed `fastapi-offline` package
when it is there; otherwise FastAPI's default page is used, which loads them from a CDN.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles


def offline_assets() -> Path | None:
    try:
        folder = Path(str(resources.files("fastapi_offline") / "static"))
    except ModuleNotFoundError:
        return None
    needed = ("swagger-ui-bundle.js", "swagger-ui.css")
    return folder if all((folder / name).is_file() for name in needed) else None


def install(app: FastAPI, title: str) -> bool:
    """Add /docs (and /docs/assets); returns True when the docs are served offline."""
    folder = offline_assets()
    if folder is None:
        app.add_api_route("/docs", lambda: get_swagger_ui_html(openapi_url="/openapi.json", title=f"{title} - API"),
                          include_in_schema=False, response_class=HTMLResponse)
        return False
    app.mount("/docs/assets", StaticFiles(directory=folder), name="docs-assets")
    favicon = "/docs/assets/favicon.png" if (folder / "favicon.png").is_file() else "data:,"

    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{title} - API",
                                   swagger_js_url="/docs/assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs/assets/swagger-ui.css", swagger_favicon_url=favicon)

    app.add_api_route("/docs", swagger, include_in_schema=False, response_class=HTMLResponse)
    return True
