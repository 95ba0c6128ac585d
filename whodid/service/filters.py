"""Query-string filters shared by /events, /dyads, /actors, /timeline and /places.

Every value is checked against what it can be (an ISO date, an actor code, a PLOVER type,
a quad class 1-4) and refused with a 400 otherwise; accepted values only ever reach SQL as
bound parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fastapi import Query

from ..records import EVENT_TYPES
from .errors import ApiError

CODE = re.compile(r"[A-Z0-9]{2,12}")
MAX_VALUES = 50  # codes or types in one filter


def _bad(message: str) -> ApiError:
    return ApiError(400, message, "bad_filter")


def _list(value: str | None, what: str) -> list[str]:
    if value is None:
        return []
    items = [v.strip() for v in value.split(",") if v.strip()]
    if len(items) > MAX_VALUES:
        raise _bad(f"{what}: at most {MAX_VALUES} values")
    return items


def parse_day(value: str | None, what: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _bad(f"{what} {value[:40]!r} is not a date: use YYYY-MM-DD") from None


def parse_codes(value: str | None, what: str) -> list[str]:
    codes = []
    for item in _list(value, what):
        code = item.upper()
        if not CODE.fullmatch(code):
            raise _bad(f"{what} {item[:40]!r} is not an actor code (2-12 letters or digits, e.g. USA, RUS, UNO)")
        codes.append(code)
    return codes


def parse_types(value: str | None) -> list[str]:
    types = []
    for item in _list(value, "type"):
        name = item.upper()
        if name not in EVENT_TYPES:
            raise _bad(f"unknown event type {item[:40]!r} (PLOVER types: {', '.join(EVENT_TYPES)})")
        types.append(name)
    return types


def parse_quads(value: str | None) -> list[int]:
    quads = []
    for item in _list(value, "quad"):
        if item not in {"1", "2", "3", "4"}:
            raise _bad(f"quad {item[:40]!r} is not a quad class (1 verbal cooperation, 2 material cooperation, "
                       "3 verbal conflict, 4 material conflict)")
        quads.append(int(item))
    return quads


@dataclass
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    countries: list[str] = field(default_factory=list)  # actor, recipient or place country
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)

    def where(self) -> tuple[list[str], list]:
        """SQL conditions over the `events` table and their parameters."""
        clauses: list[str] = []
        params: list = []
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.types:
            clauses.append(f"event IN ({', '.join('?' for _ in self.types)})")
            params += self.types
        if self.quads:
            clauses.append(f"quad_class IN ({', '.join('?' for _ in self.quads)})")
            params += self.quads
        if self.countries:
            clauses.append("(list_has_any(actor_codes, ?::VARCHAR[]) OR list_has_any(recipient_codes, ?::VARCHAR[]) "
                           "OR list_contains(?::VARCHAR[], place_country))")
            params += [self.countries] * 3
        if self.actors:
            clauses.append("list_has_any(actor_codes, ?::VARCHAR[])")
            params.append(self.actors)
        if self.recipients:
            clauses.append("list_has_any(recipient_codes, ?::VARCHAR[])")
            params.append(self.recipients)
        return clauses, params


def event_filters(
    since: str | None = Query(None, description="First event date, YYYY-MM-DD (inclusive).", max_length=40),
    until: str | None = Query(None, description="Last event date, YYYY-MM-DD (inclusive).", max_length=40),
    country: str | None = Query(None, description="Actor codes, comma-separated: events with any of them as actor, "
                                                  "as recipient, or as the country of the place.", max_length=800),
    actor: str | None = Query(None, description="Actor codes, comma-separated: events with any of them among the actors.",
                              max_length=800),
    recipient: str | None = Query(None, description="Actor codes, comma-separated: events with any of them among the "
                                                      "recipients.", max_length=800),
    type: str | None = Query(None, description="PLOVER event types, comma-separated (e.g. ASSAULT,ACCUSE).",  # noqa: A002
                             max_length=800),
    quad: str | None = Query(None, description="Quad classes, comma-separated: 1 verbal cooperation, 2 material "
                                               "cooperation, 3 verbal conflict, 4 material conflict.", max_length=40),
) -> Filters:
    filters = Filters(since=parse_day(since, "since"), until=parse_day(until, "until"),
                      countries=parse_codes(country, "country"), actors=parse_codes(actor, "actor"),
                      recipients=parse_codes(recipient, "recipient"), types=parse_types(type), quads=parse_quads(quad))
    if filters.since and filters.until and filters.since > filters.until:
        raise _bad(f"since {filters.since} is after until {filters.until}")
    return filters
