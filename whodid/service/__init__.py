"""The HTTP service: a FastAPI app over the coder and the event store, with a dashboard.

    from whodid.service import create_app
    app = create_app("news.duckdb", token="s3cret")   # then: uvicorn, or TestClient(app)

`whodid serve` (see `cli.py`) runs it with uvicorn. Endpoints, shapes and limits are
described in docs/service.md.
"""

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
