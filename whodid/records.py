"""Event and Entity records and their PLOVER JSON form."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import __version__
from .tables import DATA_DIR, read_tsv

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUXILIARY_MODES = ("future", "hypothetical", "negation", "historical")


@dataclass
class Entity:
    entity_text: str
    start: int
    end: int
    code: str | None
    sector: str | None = None
    name: str | None = None
    identifier: str | None = None
    office: str | None = None
    other_sectors: list[str] = field(default_factory=list)
    rule: str = ""  # how the mention was resolved, for explain

    def to_plover(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "entity_text": self.entity_text,
            "name": self.name,
            "code": self.code,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
        }
        if self.other_sectors:
            record["other_sectors"] = list(self.other_sectors)
        if self.identifier:
            record["identifier"] = self.identifier
        if self.office:
            record["office"] = self.office
        return record


@dataclass
class Event:
    doc_id: str
    event: str
    mode: str | None
    actor: list[Entity]
    recipient: list[Entity]
    event_text: str
    event_start: int
    event_end: int
    text: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    cameo: str
    rule: str
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    date_text: str | None = None
    event_loc: dict[str, Any] | None = None
    context: list[str] = field(default_factory=list)
    attribution: dict[str, Any] | None = None
    hedged: bool = False
    place_reason: str | None = None  # how the place was chosen, for explain

    @property
    def id(self) -> str:
        """Stable across runs: the same document and trigger give the same id."""
        key = f"{self.doc_id}|{self.event_start}|{self.event_end}|{self.event}"
        return "whodid-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def realized(self) -> bool:
        return not ({"negation", "hypothetical"} & set(self.context))

    @property
    def reportable(self) -> bool:
        """In the default output: realised, and not background history ("the 1994 genocide")."""
        return self.realized and "historical" not in self.context

    @property
    def quad_code(self) -> int:
        return quad_and_score(self.event, self.mode)[0]

    @property
    def event_scale(self) -> float:
        return quad_and_score(self.event, self.mode)[1]

    def to_plover(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "actor": [e.to_plover() for e in self.actor],
            "recipient": [e.to_plover() for e in self.recipient],
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "cameo": self.cameo,
            "event_text": {"text": self.event_text, "start": self.event_start, "end": self.event_end},
            "event_loc": self.event_loc,
            "text": self.text,
            "text_info": {"sequence": self.sentence_index, "start": self.sentence_start, "end": self.sentence_end},
            "attribution": self.attribution,
            "hedged": self.hedged,
            "coder": {"name": "whodid", "version": __version__, "rule": self.rule},
        }


@lru_cache(maxsize=1)
def _score_table() -> dict[tuple[str, str], tuple[int, float]]:
    table = {}
    for _, row in read_tsv(DATA_DIR / "plover" / "scores.tsv", ("event", "mode", "quad", "score")):
        table[(row["event"], row["mode"])] = (int(row["quad"]), float(row["score"]))
    return table


def quad_and_score(event: str, mode: str | None) -> tuple[int, float]:
    table = _score_table()
    return table.get((event, mode or ""), table[(event, "")])
