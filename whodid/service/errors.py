"""Every error leaves the service as JSON of one shape:

    {"error": {"status": 400, "type": "bad_filter", "message": "...", "details": [...]}}

Validation problems are 400 (a filter or cursor the service cannot use) or 422 (a body or
parameter of the wrong shape); nothing the client sends should end in a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("whodid.service")

STATUS_TYPES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "body_too_large", 415: "unsupported_media_type",
                422: "invalid_request", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """A refusal with a status, a stable `type` and a message meant for people."""

    def __init__(self, status: int, message: str, kind: str | None = None, details: list | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.kind = kind or STATUS_TYPES.get(status, "error")
        self.details = details
        self.headers = headers


def error_body(status: int, message: str, kind: str | None = None, details: list | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "type": kind or STATUS_TYPES.get(status, "error"), "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def error_response(status: int, message: str, kind: str | None = None, details: list | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, kind, details), status_code=status, headers=headers)


def _where(loc: tuple) -> str:
    """('body', 'documents', 0, 'date') -> 'body.documents.0.date'; ('query', 'limit') -> 'query parameter limit'."""
    if not loc:
        return "request"
    head, rest = str(loc[0]), [str(p) for p in loc[1:]]
    if head == "body":
        return ".".join(["body", *rest])
    if head in ("query", "path", "header", "cookie"):
        return f"{head} parameter {'.'.join(rest)}" if rest else head
    return ".".join([head, *rest])


def _problem(problem: dict) -> tuple[str, str]:
    loc = tuple(problem.get("loc") or ())
    if problem.get("type") == "json_invalid":
        return "body", "not valid JSON" + (f" ({problem['ctx']['error']})" if problem.get("ctx", {}).get("error") else "")
    if loc and loc[0] == "body" and problem.get("type") == "missing" and len(loc) <= 2 and loc[-1] == "body":
        return "body", "a JSON body is required"
    message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
    return _where(tuple(p for p in loc if not (isinstance(p, int) and loc[0] == "body" and p == 0 and len(loc) == 2))), message


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.kind, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = []
        for problem in exc.errors():
            where, message = _problem(problem)
            details.append({"where": where, "problem": message})
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        message = f"{first['where']}: {first['problem']}"
        if len(details) > 1:
            message += f" (and {len(details) - 1} more)"
        return error_response(422, message, "invalid_request", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"internal error ({type(exc).__name__}); the server log has the details")
