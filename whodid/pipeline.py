"""The one way through: ingest -> clean -> sentences -> parse -> code -> records.

Every stage is a plain function over a Document; this module only strings them together
and keeps one bad document from stopping the rest.
"""

from __future__ import annotations

import gc

import datetime as dt
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .coding.coder import code_document
from .coding.lexicon import get_lexicon
from .document import Document
from .entities import EntityRecognizer
from .errors import WhodidError
from .ingest import InputProblem, clean
from .ingest.clean import looks_english
from .nlp import attribute_rules, load_model, parse, sentence_splitter, split_sentences
from .resolve.kb import get_kb


@dataclass
class Settings:
    include_unrealized: bool = False
    kb_dirs: tuple[Path, ...] = ()
    select_sentences: bool = True  # parse only sentences that may hold an event
    explain: bool = False
    ner: str = "rules"  # "rules": names from the knowledge files (fast); "model": the spaCy model's NER
    batch_docs: int = 32
    batch_chars: int = 2_000_000  # keeps memory bounded when documents are huge
    doc_seconds: float = 120.0  # coding one document may take at most this long (0: no limit)


class DocumentTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Stop one pathological document from stalling a worker (SIGALRM: main thread of a Unix process only)."""
    usable = seconds and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    """What happened to one input item: a coded document or a problem."""

    doc: Document | None = None
    problem: InputProblem | None = None
    events: list = field(default_factory=list)


@lru_cache(maxsize=4)
def entity_recognizer(kb_dirs: tuple[Path, ...]) -> EntityRecognizer:
    return EntityRecognizer(get_kb(kb_dirs))


def prepare(doc: Document) -> Document:
    clean(doc)
    split_sentences(doc)
    return doc


def code_batch(docs: list[Document], settings: Settings) -> list[Outcome]:
    """Code one batch. Unless the parses are kept for `explain`, the batch runs inside spaCy memory zones,
    so that the words a batch adds to the vocabularies are freed after it and memory stays flat over
    millions of documents (everything cached across batches is built before entering the zones)."""
    lexicon = get_lexicon(settings.kb_dirs)
    kb = get_kb(settings.kb_dirs)
    entities = entity_recognizer(settings.kb_dirs) if settings.ner == "rules" else None
    attribute_rules()
    global _batches_coded
    _batches_coded += 1
    if settings.explain or _batches_coded <= WARM_BATCHES:
        return _code_batch(docs, settings, lexicon, kb, entities)
    if _batches_coded == WARM_BATCHES + 1:
        # the model, knowledge and their caches now live as long as the process: keeping them out of the
        # garbage collector's full passes saves those passes' time (about 3% of coding on long runs)
        gc.freeze()
    with load_model().memory_zone(), sentence_splitter().memory_zone():
        return _code_batch(docs, settings, lexicon, kb, entities)


# Inside a memory zone spaCy's tokenizer does not cache new words, so the first batches of a process
# run outside one: they fill the cache with the words news uses all the time.
WARM_BATCHES = 8
_batches_coded = 0


def _code_batch(docs: list[Document], settings: Settings, lexicon, kb, entities) -> list[Outcome]:
    outcomes = []
    ready = []
    for doc in docs:
        english, share = looks_english(doc.text)
        if not english:
            outcomes.append(Outcome(problem=InputProblem(
                doc.id, f"not English (only {share:.0%} English function words); whodid codes English news")))
            continue
        try:
            ready.append(prepare(doc))
        except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
            outcomes.append(Outcome(problem=InputProblem(doc.id, f"could not prepare text: {exc}")))
    select = lexicon.may_hold_event if settings.select_sentences else None
    try:
        parse(ready, select, entities=entities)
    except WhodidError:
        raise
    except Exception:  # noqa: BLE001 - retry one by one to find the culprit
        survivors = []
        for doc in ready:
            try:
                parse([doc], select, entities=entities)
                survivors.append(doc)
            except Exception as exc:  # noqa: BLE001
                outcomes.append(Outcome(problem=InputProblem(doc.id, f"could not parse: {exc}")))
        ready = survivors
    for doc in ready:
        try:
            with time_limit(settings.doc_seconds):
                code_document(doc, lexicon, kb, settings.include_unrealized, settings.explain)
            outcomes.append(Outcome(doc=doc, events=doc.events))
        except DocumentTimeout:
            outcomes.append(Outcome(problem=InputProblem(doc.id, f"took longer than {settings.doc_seconds:g} s to code; skipped")))
        except WhodidError:
            raise
        except Exception as exc:  # noqa: BLE001
            outcomes.append(Outcome(problem=InputProblem(doc.id, f"coding failed: {type(exc).__name__}: {exc}")))
        finally:
            for sentence in doc.sentences:  # parsed sentences are large: let them go
                if not settings.explain:
                    sentence.parsed = None
    return outcomes


def run(items: Iterable[Document | InputProblem], settings: Settings | None = None) -> Iterator[Outcome]:
    """Code a stream of documents (and pass problems through), in batches, in input order."""
    settings = settings or Settings()
    iterator = iter(items)
    while True:
        chunk, characters = [], 0
        for item in iterator:  # a batch ends at `batch_docs` documents or `batch_chars` characters
            chunk.append(item)
            characters += len(item.text) if isinstance(item, Document) else 0
            if len(chunk) >= settings.batch_docs or characters >= settings.batch_chars:
                break
        if not chunk:
            return
        docs = [item for item in chunk if isinstance(item, Document)]
        outcomes = code_batch(docs, settings)
        coded = {id(o.doc): o for o in outcomes if o.doc is not None}
        failed = {o.problem.where: o for o in outcomes if o.problem is not None}
        for item in chunk:
            if isinstance(item, InputProblem):
                yield Outcome(problem=item)
            elif id(item) in coded:
                yield coded[id(item)]
            else:
                yield failed.get(item.id) or Outcome(problem=InputProblem(item.id, "could not be coded"))


def to_document(text: str, date: str | dt.date | None = None, doc_id: str | None = None) -> Document:
    from .ingest.readers import parse_date

    import hashlib

    day = parse_date(date) if not isinstance(date, dt.date) else date
    return Document(id=doc_id or "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12], text=text, date=day,
                    date_source="input" if day else None)
