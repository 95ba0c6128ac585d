"""A local worker pool: documents are coded in N processes, results come back in input order.

Each worker loads the spaCy model and the knowledge once (they are cached per process),
then codes batches of documents with the very same `pipeline.run`.
"""

from __future__ import annotations

import multiprocessing as mp
from itertools import islice
from typing import Iterable, Iterator

from ..document import Document
from ..ingest.readers import InputProblem
from ..pipeline import Outcome, Settings, run

_settings: Settings | None = None


def _init(settings: Settings) -> None:
    global _settings
    _settings = settings


def _code_chunk(chunk: list) -> list[Outcome]:
    outcomes = list(run(chunk, _settings))
    for outcome in outcomes:  # parsed sentences stay in the worker
        if outcome.doc is not None:
            outcome.doc.sentences = []
            outcome.doc.segments = []
            outcome.doc.dropped = []
    return outcomes


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, size))
        if not chunk:
            return
        yield chunk


def run_pool(items: Iterable[Document | InputProblem], settings: Settings, workers: int,
             chunk_size: int = 16) -> Iterator[Outcome]:
    """Like `pipeline.run`, over `workers` processes; memory stays flat (a few chunks in flight)."""
    if workers <= 1:
        yield from run(items, settings)
        return
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        for outcomes in pool.imap(_code_chunk, _chunks(items, chunk_size), chunksize=1):
            yield from outcomes
