"""Code documents into the store.

Documents are read with `whodid.ingest.read_inputs` and coded with `whodid.pipeline.run`
in batches. A document already in the store (same content hash, or same url) is not
coded again. Each batch (its documents, their mentions, and the events rebuilt from
them) is written in one transaction: a killed ingest leaves whole batches behind, and
running it again codes only what is missing.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Union

import duckdb
import pyarrow as pa

from ..document import Document
from ..ingest.readers import InputProblem, as_items, parse_date, read_inputs
from ..pipeline import Settings, run
from .db import DEFAULT_DB, WRITE_FAILURES, DbLike, StoreError, connection, first, set_meta, write_failure
from .dedup import dedup_key, recluster, set_window, stored_window
from .schema import DOCUMENT_COLUMNS, MENTION_COLUMNS, content_hash, dumps, flatten, mention_id, source_key

DEFAULT_BATCH = 64
Dedup = Union[int, str, None]  # "keep" (the store's setting), "off"/None, or a window in days

_ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string())}


def _arrow_schema(columns: list[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(name, _ARROW[kind.split(" ")[0]]) for name, kind in columns])


DOCUMENT_SCHEMA = _arrow_schema(DOCUMENT_COLUMNS)
MENTION_SCHEMA = _arrow_schema(MENTION_COLUMNS)


@dataclass
class IngestReport:
    read: int = 0  # documents read from the inputs
    added: int = 0  # documents coded and stored
    known: int = 0  # skipped: already in the store (same text or url) or repeated in the input
    mentions: int = 0  # mentions (coded PLOVER records) added
    events: int = 0  # events in the store at the end
    batches: int = 0  # batches committed
    problems: list[InputProblem] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        text = (f"{self.added} document(s) added, {self.known} already stored, {self.mentions} mention(s); "
                f"store has {self.events} event(s)")
        if self.problems:
            text += f"; {len(self.problems)} skipped"
        return text


def _window_option(dedup: Dedup) -> Dedup:
    if dedup is None or dedup == "off" or dedup is False:
        return None
    if dedup == "keep":
        return "keep"
    try:
        window = int(dedup)
    except (TypeError, ValueError):
        raise StoreError(f"dedup must be 'keep', 'off' or a number of days, not {dedup!r}") from None
    if window < 0:
        raise StoreError(f"the dedup window must be 0 days or more, not {window}")
    return window


def _known(con: duckdb.DuckDBPyConnection, hashes: list[str], urls: list[str]) -> tuple[set[str], set[str]]:
    known_hashes = {r[0] for r in con.execute(
        "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [hashes]).fetchall()}
    known_urls = {r[0] for r in con.execute(
        "SELECT url FROM documents WHERE url IN (SELECT unnest(?::VARCHAR[]))", [urls]).fetchall()} if urls else set()
    return known_hashes, known_urls


def _write_batch(con: duckdb.DuckDBPyConnection, coded: list[tuple[str, Document, list]], window: int | None) -> int:
    """Store one batch of coded documents and rebuild the events they touch, in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    con.execute("BEGIN TRANSACTION")
    try:
        seq = first(con, "SELECT coalesce(max(seq), 0) FROM mentions")[0]
        documents: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        seen: set[str] = set()
        for doc_key, doc, events in coded:
            source = source_key(doc.source, doc.url)
            documents.append({"content_hash": doc_key, "doc_id": doc.id, "url": doc.url, "source": doc.source,
                              "source_key": source, "title": doc.title, "pub_date": doc.date,
                              "date_source": doc.date_source, "text": doc.text, "n_events": len(events),
                              "ingested_at": now})
            for event in events:
                record = event.to_plover()
                mid = mention_id(doc_key, record)
                if mid in seen:
                    continue
                seen.add(mid)
                seq += 1
                flat = flatten(record, doc.date)
                info = record.get("text_info") or {}
                span = record.get("event_text") or {}
                mentions.append({
                    "mention_id": mid, "event_id": None, "doc_key": doc_key, "doc_id": doc.id,
                    "plover_id": record.get("id"), "seq": seq,
                    "dedup_key": dedup_key(mid, flat["event"], flat["actor_codes"], flat["recipient_codes"],
                                           flat["date"], window),
                    "source_key": source, "sentence_index": info.get("sequence"), "sentence_start": info.get("start"),
                    "sentence_end": info.get("end"), "event_start": span.get("start"), "event_end": span.get("end"),
                    "sentence": record.get("text"), **flat, "plover": dumps(record),
                })
        doc_table = pa.Table.from_pylist(documents, schema=DOCUMENT_SCHEMA)
        mention_table = pa.Table.from_pylist(mentions, schema=MENTION_SCHEMA)
        con.register("_whodid_docs", doc_table)
        con.register("_whodid_mentions", mention_table)
        try:
            con.execute("INSERT INTO documents BY NAME SELECT * FROM _whodid_docs")
            con.execute("INSERT INTO mentions BY NAME SELECT * FROM _whodid_mentions")
        finally:
            con.unregister("_whodid_docs")
            con.unregister("_whodid_mentions")
        earliest: dict[str, dt.date | None] = {}
        for mention in mentions:
            key, day = mention["dedup_key"], mention["date"]
            if key not in earliest or (day is not None and (earliest[key] is None or day < earliest[key])):
                earliest[key] = day
        recluster(con, earliest, window)
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    return len(mentions)


def _not_unicode(doc: Document) -> str | None:
    """The first field that cannot be stored as UTF-8 (a lone surrogate, e.g. from a \\ud800 JSON escape)."""
    for name in ("text", "id", "title", "url", "source"):
        value = getattr(doc, name, None)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return None


def ingest_items(items: Iterable[Document | InputProblem], db: DbLike = DEFAULT_DB, *, batch: int = DEFAULT_BATCH,
                 dedup: Dedup = "keep", kb: Iterable[str | Path] = (),
                 on_problem: Callable[[InputProblem], None] | None = None,
                 on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code Documents (InputProblems are passed to `on_problem` and counted) into the store at `db`."""
    if batch < 1:
        raise StoreError(f"--batch must be at least 1, not {batch}")
    wanted = _window_option(dedup)
    report = IngestReport()
    started = time.perf_counter()
    settings = Settings(kb_dirs=tuple(Path(k) for k in kb), batch_docs=batch)

    def problem(item: InputProblem) -> None:
        report.problems.append(item)
        if on_problem is not None:
            on_problem(item)

    with connection(db) as con:
        window = stored_window(con)
        if wanted != "keep" and wanted != window:
            set_window(con, wanted)
            window = wanted
        elif first(con, "SELECT count(*) FROM meta WHERE key = 'dedup_window'")[0] == 0:
            set_meta(con, "dedup_window", "off" if window is None else str(window))
        iterator = iter(items)
        while True:
            chunk = list(islice(iterator, batch))
            if not chunk:
                break
            docs: list[tuple[str, Document]] = []
            for item in chunk:
                if isinstance(item, InputProblem):
                    problem(item)
                elif (bad := _not_unicode(item)) is not None:  # would stop the whole ingest when hashed or written
                    problem(InputProblem(str(item.id).encode("utf-8", "backslashreplace").decode("utf-8"),
                                         f"its {bad} is not valid Unicode: it holds a lone surrogate "
                                         "(such as a \\ud800 escape)"))
                else:
                    report.read += 1
                    docs.append((content_hash(item.text), item))
            known_hashes, known_urls = _known(con, [h for h, _ in docs], [d.url for _, d in docs if d.url])
            fresh: list[tuple[str, Document]] = []
            for doc_key, doc in docs:
                if doc_key in known_hashes or (doc.url and doc.url in known_urls):
                    report.known += 1
                    continue
                known_hashes.add(doc_key)
                if doc.url:
                    known_urls.add(doc.url)
                fresh.append((doc_key, doc))
            if not fresh:
                continue
            keys = {id(doc): doc_key for doc_key, doc in fresh}
            coded = []
            for outcome in run([doc for _, doc in fresh], settings):
                if outcome.problem is not None:
                    problem(outcome.problem)
                else:
                    coded.append((keys[id(outcome.doc)], outcome.doc, outcome.events))
            if coded:
                try:
                    report.mentions += _write_batch(con, coded, window)
                except WRITE_FAILURES as exc:  # disk full, read-only folder: one clear error, not DuckDB's
                    raise write_failure(exc, str(db) if isinstance(db, (str, Path)) else "the store") from None
                report.added += len(coded)
                report.batches += 1
                if on_batch is not None:
                    on_batch(report)
        report.events = first(con, "SELECT count(*) FROM events")[0]
    report.seconds = time.perf_counter() - started
    return report


def ingest(inputs: Iterable[str | Path] | str | Path, db: DbLike = DEFAULT_DB, *, date: str | dt.date | None = None,
           batch: int = DEFAULT_BATCH, dedup: Dedup = "keep", kb: Iterable[str | Path] = (),
           on_problem: Callable[[InputProblem], None] | None = None,
           on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code files, folders (recursively) or `-` (stdin) into the store at `db` (created if missing).

    `date` is the publication date for documents that carry none. `dedup` is "keep" (the
    store's setting; one day for a new store), "off", or a window in days; changing it
    rebuilds every event.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    try:
        default_date = parse_date(date)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    return ingest_items(read_inputs(list(inputs), default_date), db, batch=batch, dedup=dedup, kb=kb,
                        on_problem=on_problem, on_batch=on_batch)


def ingest_documents(documents: Iterable[Document | dict | str], db: DbLike = DEFAULT_DB, **options: Any) -> IngestReport:
    """Like `ingest`, for Documents, dicts (`id`, `text` or `html`, `date`, `title`, `url`, `source`) or strings."""

    return ingest_items(as_items(documents), db, **options)
