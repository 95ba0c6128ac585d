"""The event store: many articles coded into one deduplicated, queryable DuckDB dataset.

    from whodid import store

    store.ingest(["articles/"], db="news.duckdb", date="2015-10-09")
    store.dyad("USA", "RUS", db="news.duckdb", by="week")      # pandas DataFrame
    store.export("parquet", "out/events", db="news.duckdb")
    store.plot_dyad("USA", "RUS", "usa_rus.png", db="news.duckdb")

Tables, the deduplication rule and the commands are described in docs/store.md.
"""

from .db import DEFAULT_DB, StoreError, StoreLocked, open_store
from .dedup import DEFAULT_WINDOW, set_window
from .export import FORMATS, GDELT_COLUMNS, export
from .ingest import IngestReport, ingest, ingest_documents, ingest_items
from .plot import plot_dyad
from .query import actors, dyad, events, sql

__all__ = [
    "DEFAULT_DB", "DEFAULT_WINDOW", "FORMATS", "GDELT_COLUMNS", "IngestReport", "StoreError", "StoreLocked",
    "actors", "dyad", "events", "export", "ingest", "ingest_documents", "ingest_items", "open_store", "plot_dyad",
    "set_window", "sql",
]
