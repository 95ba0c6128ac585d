"""Readers: turn files, folders and streams into Documents.

Every reader yields either a `Document` or an `InputProblem`; a bad document never stops
the batch, and the caller decides how to report it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..document import Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
MAX_FIELD = 50_000_000
STREAM_OVER = 5_000_000  # bytes: larger text files are read in parts, never whole
PART_CHARS = 500_000  # characters per part of a streamed file


@dataclass
class InputProblem:
    """One document that could not be read, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def parse_date(value: Any) -> dt.date | None:
    """A publication date from a field: ISO date or datetime; raises ValueError if impossible."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow to import: only when a non-ISO date shows up

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise ValueError(f"unreadable date {text!r} (use YYYY-MM-DD)")
    return parsed.date()


def decode(raw: bytes, where: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252; binaries are refused."""
    head = raw[:4096]
    if b"\x00" in head or head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise ValueError("looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # a few stray bytes in UTF-8 text: keep the UTF-8 (one bad byte must not garble "Erdoğan");
    # many of them: the text is in a single-byte encoding
    text = raw.decode("utf-8-sig", errors="replace")
    non_ascii = sum(1 for b in raw if b > 127) or 1
    if text.count("\ufffd") * 4 <= non_ascii:
        return text
    return raw.decode("cp1252", errors="replace")


def html_to_document(html: str, doc_id: str, default_date: dt.date | None = None, **fields: Any) -> Document:
    """Main text of an HTML page via trafilatura.

    Publication date: the record's own `date` field, else the page's (meta tags), else `default_date`.
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    text = (extracted.text if extracted is not None else None) or ""
    title = getattr(extracted, "title", None) if extracted is not None else None
    page_date = getattr(extracted, "date", None) if extracted is not None else None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    date = fields.pop("date", None)
    date_source = "input" if date else None
    if date is None and page_date:
        try:
            date, date_source = parse_date(page_date), "html"
        except ValueError:
            date = None
    if date is None and default_date is not None:
        date, date_source = default_date, "option"
    return Document(id=doc_id, text=text, date=date, date_source=date_source,
                    title=fields.pop("title", None) or title, **fields)


def record_to_document(record: dict[str, Any], where: str, fallback_id: str,
                       default_date: dt.date | None) -> Document:
    """A JSONL or CSV record (`id`, `text` or `html`, optional `date`, `title`, `url`, `source`)."""
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    text, html = record.get("text"), record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise ValueError("record has no 'text' or 'html' field")
    doc_id = str(record.get("id") or fallback_id)
    stated = parse_date(record.get("date"))
    date = stated or default_date
    fields = {k: (str(record[k]) if record.get(k) is not None else None) for k in ("title", "url", "source")}
    if not (isinstance(text, str) and text.strip()):
        return html_to_document(html, doc_id, default_date, date=stated, **fields)
    if len(text) > MAX_FIELD:
        raise ValueError(f"text longer than {MAX_FIELD:,} characters")
    return Document(id=doc_id, text=text, date=date,
                    date_source="input" if stated else ("option" if date else None), **fields)


def read_jsonl(stream: Iterable[str], name: str, default_date: dt.date | None) -> Iterator[Document | InputProblem]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
            yield record_to_document(record, where, f"{Path(name).stem}-{number}", default_date)
        except RecursionError:
            yield InputProblem(where, "malformed JSON (nested too deeply)")
        except (ValueError, TypeError) as exc:
            reason = f"malformed JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield InputProblem(where, reason)


def read_csv(stream: io.TextIOBase, name: str, default_date: dt.date | None) -> Iterator[Document | InputProblem]:
    delimiter = "\t" if name.endswith(".tsv") else ","
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(stream, delimiter=delimiter)
    columns = set(reader.fieldnames or ())
    if not columns & {"text", "html"}:
        yield InputProblem(name, f"CSV has no 'text' or 'html' column (columns: {', '.join(sorted(columns)) or 'none'})")
        return
    for number, row in enumerate(reader, 2):
        try:
            yield record_to_document(row, f"{name}:{number}", f"{Path(name).stem}-{number}", default_date)
        except (ValueError, csv.Error) as exc:
            yield InputProblem(f"{name}:{number}", str(exc))


def read_path(path: Path, default_date: dt.date | None) -> Iterator[Document | InputProblem]:
    name = str(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES):
            yield from read_path(child, default_date)
        return
    if not path.exists():
        yield InputProblem(name, "no such file or folder")
        return
    try:
        if suffix in TEXT_SUFFIXES and path.stat().st_size > STREAM_OVER:
            yield from read_large_text(path, default_date)
            return
        if suffix in JSONL_SUFFIXES:
            with open(path, encoding="utf-8", errors="replace") as handle:
                yield from read_jsonl(handle, name, default_date)
            return
        if suffix in CSV_SUFFIXES:
            with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
                yield from read_csv(handle, name, default_date)
            return
        raw = path.read_bytes()
        text = decode(raw, name)
    except (OSError, ValueError) as exc:
        yield InputProblem(name, getattr(exc, "strerror", None) or str(exc))
        return
    if not text.strip():
        yield InputProblem(name, "empty document")
        return
    doc_id = path.stem
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))):
        doc = html_to_document(text, doc_id, default_date)
        if not doc.text.strip():
            yield InputProblem(name, "no article text found in the HTML")
            return
        yield doc
        return
    yield Document(id=doc_id, text=text, date=default_date, date_source="option" if default_date else None)


def read_large_text(path: Path, default_date: dt.date | None) -> Iterator[Document | InputProblem]:
    """A very large text file as consecutive documents of about a million characters each.

    Parts end at a paragraph break where possible; each part's offsets are relative to the
    part, whose id is `name#part-N`. Memory stays bounded by the part size.
    """
    with open(path, "rb") as probe:
        try:
            decode(probe.read(4096), str(path))
        except ValueError as exc:
            yield InputProblem(str(path), str(exc))
            return
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        number, carry = 0, ""
        while True:
            chunk = handle.read(PART_CHARS)
            text = carry + chunk
            if not text:
                return
            cut = len(text) if not chunk else text.rfind("\n\n", 0, len(text))
            if cut <= 0:
                cut = text.rfind("\n") if chunk else len(text)
            if cut <= 0:
                cut = len(text)
            part, carry = text[:cut], text[cut:]
            number += 1
            if part.strip():
                yield Document(id=f"{path.stem}#part-{number}", text=part, date=default_date,
                               date_source="option" if default_date else None)
            if not chunk and not carry:
                return


def read_stdin(default_date: dt.date | None) -> Iterator[Document | InputProblem]:
    text = sys.stdin.read()
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from read_jsonl(io.StringIO(text), "<stdin>", default_date)
    elif stripped[:15].lower().startswith(("<!doctype", "<html")):
        yield html_to_document(text, "stdin", default_date)
    elif text.strip():
        yield Document(id="stdin-" + hashlib.sha1(text.encode()).hexdigest()[:8], text=text, date=default_date,
                       date_source="option" if default_date else None)
    else:
        yield InputProblem("<stdin>", "empty input")


def as_items(documents: Iterable[Any]) -> Iterator[Document | InputProblem]:
    """Documents from Python values: Documents, dicts (`id`, `text` or `html`, `date`, ...) or plain strings."""
    for number, item in enumerate(documents, 1):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, str):
            yield Document(id=f"doc-{number}", text=item)
        else:
            try:
                yield record_to_document(item, f"item {number}", f"doc-{number}", None)
            except (ValueError, TypeError) as exc:
                yield InputProblem(f"item {number}", str(exc))


def read_inputs(inputs: Iterable[str | Path], default_date: dt.date | None = None) -> Iterator[Document | InputProblem]:
    """Documents from each input: a file, a folder (recursively) or `-` for standard input."""
    for item in inputs:
        if str(item) == "-":
            yield from read_stdin(default_date)
        else:
            yield from read_path(Path(item), default_date)
