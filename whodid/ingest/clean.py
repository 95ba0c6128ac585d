"""Cleaning: decide which paragraphs of a scraped article are news text.

Nothing is cut out of `Document.text`; cleaning records kept `segments` and `dropped`
stretches, so every later offset still points into the text the user gave.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Dropped, Segment
from ..tables import DATA_DIR, read_tsv

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n+")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[tuple[re.Pattern, str], ...]:
    rules = []
    for _, row in read_tsv(DATA_DIR / "cleaning" / "boilerplate.tsv", ("pattern", "reason")):
        rules.append((re.compile(row["pattern"], re.IGNORECASE), row["reason"]))
    return tuple(rules)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, trimmed of surrounding whitespace."""
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans, position = [], 0
    for match in breaker.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + (len(chunk) - len(chunk.lstrip()))
            trimmed.append((left, left + len(stripped)))
    return trimmed


# The commonest English function words: a text of some length without them is not English.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with as by it at from he said his be has have are were an its"
    " but not this which they their who will would had been after over".split())
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(text: str, sample: int = 4000) -> tuple[bool, float]:
    """(is English, share of function words) on the first few thousand characters."""
    words = [w.lower() for w in _WORDS.findall(text[:sample])]
    if len(words) < 25:
        return True, 1.0  # too short to judge: let it through
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= 0.08, share


def classify(paragraph: str) -> str | None:
    """The reason a paragraph is boilerplate, or None when it is news text."""
    has_final_punctuation = bool(_SENTENCE_END.search(paragraph))
    for pattern, reason in boilerplate_rules():
        if reason == "short" and has_final_punctuation:
            continue
        if reason == "byline" and len(paragraph) > 120:
            continue
        if pattern.search(paragraph):
            return reason
    return None


def clean(doc: Document) -> Document:
    """Stage: fill `doc.segments` (kept) and `doc.dropped` (boilerplate); a dateline gives a missing date."""
    if doc.date is None:
        from ..resolve.dates import dateline_date

        doc.date = dateline_date(doc.text)
        if doc.date is not None:
            doc.date_source = "dateline"
    doc.segments, doc.dropped = [], []
    for start, end in paragraphs(doc.text):
        chunk = doc.text[start:end]
        reason = classify(chunk)
        if reason:
            doc.dropped.append(Dropped(start, end, reason))
            continue
        kind = "body" if _SENTENCE_END.search(chunk) else "headline"
        doc.segments.append(Segment(start, end, kind))
    return doc
