"""What one running service holds: the store path, the ingest token, and its locks."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


class ReadWriteLock:
    """Many readers or one writer.

    DuckDB lets one process hold a file either read-write or read-only, not both at once,
    so the service's read-only query connections and an ingest's writing connection must
    never overlap. Writers are preferred so a stream of reads cannot starve an ingest.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass
class ServiceState:
    db_path: Path
    token: str | None  # None or "": POST /ingest is switched off
    max_body_bytes: int
    store_lock: ReadWriteLock = field(default_factory=ReadWriteLock)
    coder_lock: threading.Lock = field(default_factory=threading.Lock)  # one spaCy run at a time

    @property
    def ingest_enabled(self) -> bool:
        return bool(self.token)
