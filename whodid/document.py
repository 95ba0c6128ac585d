"""The one object that flows through every stage: a Document and its parts.

Each stage takes a Document and adds to it (segments, sentences, events); no stage
reaches back to change what an earlier one decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Segment:
    """A stretch of the document text kept for coding (a paragraph or a headline)."""

    start: int
    end: int
    kind: str = "body"  # "headline" or "body"


@dataclass
class Dropped:
    """A stretch removed by cleaning, with the reason, so `explain` can show it."""

    start: int
    end: int
    reason: str


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    kind: str = "body"
    candidate: bool = True  # False when the cheap pass found no trigger word in it
    parsed: Any = None  # the spaCy Doc of this sentence, once parsed


@dataclass
class Document:
    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date_source: str | None = None  # where the publication date came from
    segments: list[Segment] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    trace: list[Any] = field(default_factory=list)  # filled only when explaining
