"""`whodid kb lookup`: how a bare name resolves on a date, with the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .kb import get_kb


def lookup(query: str, date: dt.date | None, kb_dirs: tuple[Path, ...] = ()) -> dict:
    kb = get_kb(kb_dirs)
    result = {"query": query, "name": None, "code": None, "sector": None, "office": None, "identifier": None,
              "reason": "no name, family name, adjective or role matches"}
    records = kb.records(query)
    rule = "name"
    if not records:
        records, rule = kb.family_records(query), "family name"
    if records:
        if date is not None and len(records) > 1:
            holding = [r for r in records if not r.roles or any(role.holds_on(date) for role in r.roles)]
            records = holding or records
        if len(records) > 1 and rule == "family name":
            names = ", ".join(sorted({r.name for r in records}))
            result["reason"] = f"ambiguous family name: {names}; give the full name or a date"
            return result
        record = records[0]
        code, sector, office, reason = record.at(date)
        result.update(name=record.name, code=code, sector=sector, office=office, identifier=record.identifier,
                      reason=f"{rule}: {reason}")
        return result
    adjective = kb.adjective(query)
    if adjective:
        record = adjective[0]
        result.update(name=record.name, code=record.code, sector=None, reason=f"adjective of {record.name}")
        return result
    role = kb.role(query) or kb.role(query.rstrip("s"))
    if role:
        result.update(code=role.code, sector=role.sector,
                      reason=f"role word -> {role.sector}" + ("" if role.code else "; the country comes from the context"))
    return result
