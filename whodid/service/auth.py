"""The bearer token that guards POST /ingest."""

from __future__ import annotations

import hmac

from fastapi import Request

from .errors import ApiError


def require_token(request: Request) -> None:
    """401 without credentials, 403 with wrong ones or when the server has no token (ingest off)."""
    state = request.app.state.whodid
    if not state.ingest_enabled:
        raise ApiError(403, "ingest is switched off on this server: start it with --token or the WHODID_TOKEN "
                            "environment variable", "ingest_disabled")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "this needs 'Authorization: Bearer TOKEN' (the token the server was started with)",
                       "unauthorized", headers={"WWW-Authenticate": 'Bearer realm="whodid"'})
    if not hmac.compare_digest(given.strip().encode("utf-8"), state.token.encode("utf-8")):
        raise ApiError(403, "wrong token", "forbidden")
