"""POST /code and POST /ingest: the coder and the store's ingest, behind the service's locks."""

from __future__ import annotations

import hashlib
from typing import Any

from ..ingest.readers import html_to_document, parse_date
from ..pipeline import Settings, run, to_document
from .errors import ApiError
from .schemas import CodeRequest, IngestRequest
from .state import ServiceState


def _date(value: str | None, where: str):
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ApiError(422, f"{where}: {exc}", "invalid_request") from None


def code_article(state: ServiceState, request: CodeRequest) -> dict[str, Any]:
    """The PLOVER records of one article, as `whodid code` writes them; nothing is stored."""
    date = _date(request.date, "body.date")
    if request.text is not None and request.text.strip():
        doc = to_document(request.text, date, request.id)
    else:
        html = request.html or ""
        doc_id = request.id or "html-" + hashlib.sha1(html.encode("utf-8")).hexdigest()[:12]
        try:
            doc = html_to_document(html, doc_id, None, date=date)
        except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot read is the client's problem
            raise ApiError(422, f"html: could not read the page ({type(exc).__name__})", "invalid_request") from None
        if not doc.text.strip():
            raise ApiError(422, "html: no article text found in the page", "invalid_request")
    settings = Settings(include_unrealized=request.include_unrealized)
    with state.coder_lock:
        outcome = next(run([doc], settings))
    if outcome.problem is not None:
        raise ApiError(422, f"the article could not be coded: {outcome.problem.reason}", "not_coded")
    return {
        "events": [event.to_plover() for event in outcome.events],
        "document": {"id": doc.id, "date": doc.date.isoformat() if doc.date else None, "date_source": doc.date_source,
                     "title": doc.title, "text": doc.text},
    }


def ingest(state: ServiceState, request: IngestRequest) -> dict[str, Any]:
    """Code and store documents (the store package does the work), under the write lock."""
    from .. import store

    records = []
    for number, document in enumerate(request.documents, 1):
        _date(document.date, f"body.documents.{number - 1}.date")
        records.append(document.model_dump(exclude_none=True))
    with state.coder_lock, state.store_lock.writing():
        try:
            report = store.ingest_documents(records, db=str(state.db_path))
        except store.StoreLocked as exc:
            raise ApiError(503, exc.message, "store_busy") from None
        except store.StoreError as exc:
            raise ApiError(503, exc.message, "store_unwritable") from None
    return {
        "read": report.read, "added": report.added, "known": report.known, "mentions": report.mentions,
        "events": report.events, "seconds": round(report.seconds, 3),
        "problems": [{"where": p.where, "reason": p.reason} for p in report.problems],
    }
