"""Reading the project's TSV knowledge files, with errors that name file and line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

from .errors import DataFileError

DATA_DIR = Path(str(resources.files("whodid") / "data"))


def read_tsv(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; `#` lines and blank lines are skipped."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        lines = ((n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#"))
        try:
            _, header_line = next(lines)
        except StopIteration:
            return
        header = header_line.rstrip("\r\n").split("\t")
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(f"{path}: header lacks column(s) {', '.join(missing)}",
                                hint=f"the header is: {' '.join(header)}")
        for number, line in lines:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            yield number, {name: cells[i].strip() for i, name in enumerate(header)}


def split_cell(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


__all__ = ["DATA_DIR", "read_tsv", "split_cell"]
