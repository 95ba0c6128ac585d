"""The Python API: the same core the command line and the HTTP service use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

from .document import Document
from .ingest.readers import as_items
from .pipeline import Outcome, Settings, run, to_document
from .records import Event


def code(text: str, date: str | dt.date | None = None, doc_id: str | None = None, *,
         include_unrealized: bool = False, kb: Iterable[str | Path] = ()) -> list[Event]:
    """Code one text (plain article text) and return its events.

    `date` is the publication date (YYYY-MM-DD); relative dates in the text are resolved
    against it. `kb` adds user knowledge folders (see `whodid kb import`).
    """
    settings = Settings(include_unrealized=include_unrealized, kb_dirs=tuple(Path(k) for k in kb))
    outcome = next(run([to_document(text, date, doc_id)], settings))
    if outcome.problem is not None:
        from .errors import InputError

        raise InputError(str(outcome.problem))
    return outcome.events


def code_documents(documents: Iterable[Document | dict | str], *, include_unrealized: bool = False,
                   kb: Iterable[str | Path] = (), explain: bool = False) -> Iterator[Outcome]:
    """Code many documents lazily; yields one Outcome per input, problems included.

    Items may be Documents, dicts with `id`, `text` (or `html`), `date`, `title`, `url`,
    `source`, or plain strings.
    """
    settings = Settings(include_unrealized=include_unrealized, kb_dirs=tuple(Path(k) for k in kb), explain=explain)

    return run(as_items(documents), settings)
