"""Writing records: JSON Lines, a JSON array, or a Rich table."""

from __future__ import annotations

import json
from typing import IO, Iterable

from rich.console import Console
from rich.table import Table


def entities_text(entities: list[dict]) -> str:
    return "; ".join(f"{e['code'] or '?'} {e['sector'] or ''}".strip() + f" ({e['entity_text']})" for e in entities) or "-"


class RecordWriter:
    """Streams PLOVER records in the chosen format; tables are drawn at the end."""

    def __init__(self, handle: IO[str], fmt: str, console: Console | None = None):
        self.handle, self.fmt = handle, fmt
        self.count = 0
        self.rows: list[dict] = []
        self.console = console

    def write(self, records: Iterable[dict]) -> None:
        for record in records:
            if self.fmt == "jsonl":
                self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                self.handle.write(("[\n" if self.count == 0 else ",\n") + json.dumps(record, ensure_ascii=False, indent=2))
            else:
                self.rows.append(record)
            self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.handle.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "table":
            table = Table(title=f"{self.count} event(s)", show_lines=False)
            for column in ("doc", "date", "event", "mode", "actor", "recipient", "trigger", "place"):
                table.add_column(column, overflow="fold")
            for r in self.rows:
                table.add_row(r["doc_id"], r["date"] or "", r["event"], r["mode"] or "", entities_text(r["actor"]),
                              entities_text(r["recipient"]), r["event_text"]["text"],
                              (r.get("event_loc") or {}).get("resolved_place") or "")
            (self.console or Console(file=self.handle)).print(table)
        self.handle.flush()
