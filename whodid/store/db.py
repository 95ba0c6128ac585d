"""Opening the store: one writer at a time, clear errors instead of DuckDB's."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Iterator, Union

import duckdb

from ..errors import WhodidError
from .schema import DDL, SCHEMA_VERSION

DEFAULT_DB = "whodid.duckdb"
DbLike = Union[str, Path, duckdb.DuckDBPyConnection]


class StoreError(WhodidError):
    """The event store cannot do what was asked (missing file, bad SQL, bad option)."""

    code = "W010"


class StoreLocked(StoreError):
    """Another process has the store open for writing."""

    code = "W011"


def _translate(exc: duckdb.Error, path: str, read_only: bool) -> StoreError:
    text = str(exc)
    if "lock" in text.lower():
        pid = re.search(r"PID (\d+)", text)
        holder = f"process {pid.group(1)}" if pid else "another process"
        doing = "read" if read_only else "write to"
        return StoreLocked(f"cannot {doing} {path}: {holder} has it open (probably a running `whodid ingest`)",
                           hint="wait for it to finish, or use another --db")
    if "not a valid duckdb database" in text.lower() or "unable to open database" in text.lower():
        return StoreError(f"{path} is not a whodid store (not a DuckDB database file)")
    return StoreError(f"cannot open {path}: {text.splitlines()[0]}")


# What DuckDB raises when a write reaches the disk and fails: disk full, file size limit,
# read-only file or folder (the write-ahead log cannot be created), I/O error.
WRITE_FAILURES = (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException)


def write_failure(exc: duckdb.Error, path: str) -> StoreError:
    """A failed write (disk full, read-only folder) as one clear line; committed batches are kept."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"^(TransactionContext Error: )?(Failed to commit: )?", "", text)
    return StoreError(f"cannot write to {path}: {text}",
                      hint="is the disk full, or the file or its folder read-only? Batches already committed are "
                           "kept: fix that and run the same command again")


def open_store(db: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `db`; creates it (and the tables) when writing.

    A read-only open never creates anything; a second writer (or a reader while a writer
    is running) gets StoreLocked.
    """
    path = str(db)
    if read_only and path != ":memory:" and not os.path.exists(path):
        raise StoreError(f"no store at {path}", hint="run `whodid ingest ... --db FILE` first, or pass --db")
    if path != ":memory:" and Path(path).is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise _translate(exc, path, read_only) from None
    try:
        if read_only:
            found = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if not {"documents", "mentions", "events", "meta"} <= found:
                raise StoreError(f"{path} is a DuckDB file but not a whodid store (no events table)")
        else:
            for statement in DDL:
                con.execute(statement)
            version = first(con, "SELECT value FROM meta WHERE key = 'schema_version'")
            if version is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(version[0]) != SCHEMA_VERSION:
                raise StoreError(f"{path} has store schema {version[0]}, this whodid writes schema {SCHEMA_VERSION}")
    except BaseException:
        con.close()
        raise
    return con


@contextlib.contextmanager
def connection(db: DbLike, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Use an open connection as it is, or open (and afterwards close) the store at a path."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
        return
    con = open_store(db, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def first(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query (None when empty), with the result fully consumed."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = first(con, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
