"""The HTTP endpoints. Each is a thin layer over `queries` (reading) or `coding` (coding, storing)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path as PathParam, Query, Request

from .. import __version__
from . import coding, queries
from .auth import require_token
from .filters import Filters, event_filters
from .geo import world
from .schemas import CodeRequest, IngestRequest
from .state import ServiceState

router = APIRouter()

ERRORS = {400: {"description": "A filter, cursor or value the server cannot use."},
          422: {"description": "A body or parameter of the wrong shape."}}


def state_of(request: Request) -> ServiceState:
    return request.app.state.whodid


@router.get("/health", tags=["service"], summary="Is the service up, and what is in its store")
def health(request: Request) -> dict[str, Any]:
    state = state_of(request)
    return {"status": "ok", "version": __version__, "store": queries.stats(state),
            "ingest": "enabled" if state.ingest_enabled else "disabled (no token)",
            "max_body_bytes": state.max_body_bytes}


@router.post("/code", tags=["coding"], summary="Code one article (nothing is stored)", responses=ERRORS)
def code(body: CodeRequest, request: Request) -> dict[str, Any]:
    """The article's events as PLOVER records, exactly as `whodid code` writes them, in `events`.
    `document` has the text that was coded (for HTML: the extracted text the offsets point into)."""
    return coding.code_article(state_of(request), body)


@router.post("/ingest", tags=["store"], summary="Code and store documents (needs the bearer token)",
             dependencies=[Depends(require_token)],
             responses={**ERRORS, 401: {"description": "No bearer token."},
                        403: {"description": "Wrong token, or ingest switched off (no token set)."},
                        503: {"description": "The store is being written by another process."}})
def ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
    """Documents already in the store (same text or same url) are counted in `known` and not coded
    again; documents that cannot be read or coded are listed in `problems`."""
    return coding.ingest(state_of(request), body)


@router.get("/events", tags=["store"], summary="Deduplicated events, filtered, newest first", responses=ERRORS)
def events(request: Request, filters: Filters = Depends(event_filters),
           limit: int = Query(50, ge=1, le=1000, description="Events per page."),
           cursor: str | None = Query(None, max_length=400, description="The `next` value of the previous page."),
           full: bool = Query(False, description="Add each event's PLOVER record as `plover`.")) -> dict[str, Any]:
    """`{"events": [...], "total": N, "next": CURSOR}`: `total` counts every event the filters match;
    `next` is null on the last page."""
    return queries.events(state_of(request), filters, limit, cursor, full)


@router.get("/dyads", tags=["store"], summary="Actor -> recipient pairs with counts and mean event scale",
            responses=ERRORS)
def dyads(request: Request, filters: Filters = Depends(event_filters),
          limit: int = Query(200, ge=1, le=5000)) -> dict[str, Any]:
    return queries.dyads(state_of(request), filters, limit)


@router.get("/actors", tags=["store"], summary="Actor codes with event counts", responses=ERRORS)
def actors(request: Request, filters: Filters = Depends(event_filters),
           limit: int = Query(500, ge=1, le=5000)) -> dict[str, Any]:
    return queries.actors(state_of(request), filters, limit)


@router.get("/timeline", tags=["store"], summary="Events per period by quad class", responses=ERRORS)
def timeline(request: Request, filters: Filters = Depends(event_filters),
             by: Literal["auto", "day", "week", "month"] = Query("auto")) -> dict[str, Any]:
    return queries.timeline(state_of(request), filters, by)


@router.get("/places", tags=["store"], summary="Where the events happened", responses=ERRORS)
def places(request: Request, filters: Filters = Depends(event_filters),
           limit: int = Query(2000, ge=1, le=20000)) -> dict[str, Any]:
    return queries.places(state_of(request), filters, limit)


@router.get("/documents", tags=["store"], summary="Stored documents, most recent first")
def documents(request: Request, limit: int = Query(100, ge=1, le=1000),
              offset: int = Query(0, ge=0, le=10_000_000)) -> dict[str, Any]:
    return queries.documents(state_of(request), limit, offset)


@router.get("/documents/{doc_id:path}", tags=["store"], summary="One document: its text, events and their spans",
            responses={404: {"description": "No such document."}})
def document(request: Request, doc_id: str = PathParam(..., max_length=200,
                                                           description="The document's id, or its key (content hash).")
             ) -> dict[str, Any]:
    """`spans` lists every actor, recipient and trigger span (`start`, `end` into `text`, `role`, and
    `event`: the index of its record in `events`)."""
    return queries.document(state_of(request), doc_id)


@router.get("/map/world", tags=["dashboard"], summary="Country outlines and projection for the dashboard map")
def world_map() -> dict[str, Any]:
    return world()
