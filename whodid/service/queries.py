"""Read-only questions to the store, answered as plain JSON-ready dicts.

Each request opens its own read-only DuckDB connection (external file access switched
off) under the service's read lock, and closes it afterwards; every value from the
client is a bound parameter. A store file that does not exist yet reads as empty.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import math
import re
from typing import Any, Iterator

import duckdb

from ..store.query import actor_rollup_sql
from .errors import ApiError
from .filters import Filters
from .names import name_of
from .state import ServiceState

NEEDED_TABLES = {"documents", "mentions", "events", "meta"}
NO_DATE = dt.date(1, 1, 1)  # undated events sort after every dated one (newest first)
EVENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,120}")  # what the store's event ids look like (e-<hex>)

EVENT_FIELDS = [
    "event_id", "date", "date_precision", "event", "mode", "context", "quad_class", "event_scale", "cameo",
    "actor_codes", "recipient_codes", "actor_code", "actor_name", "actor_sector", "recipient_code", "recipient_name",
    "recipient_sector", "hedged", "event_text", "place", "place_country", "place_lat", "place_lon",
    "num_mentions", "num_sources", "num_articles", "doc_id", "doc_key", "mention_id", "source_url",
]


def _translate(exc: duckdb.Error, path: str) -> ApiError:
    text = str(exc)
    if "lock" in text.lower():
        return ApiError(503, f"the store {path} is open for writing by another process (probably a running "
                             "`whodid ingest`); try again when it has finished", "store_busy")
    if "not a valid duckdb database" in text.lower() or "unable to open" in text.lower():
        return ApiError(503, f"{path} is not a whodid store (not a DuckDB database file)", "store_unreadable")
    return ApiError(503, f"cannot read the store {path}: {text.splitlines()[0] if text else type(exc).__name__}",
                    "store_unreadable")


@contextlib.contextmanager
def reading(state: ServiceState) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection to the store, or None when there is no store file yet."""
    path = state.db_path
    with state.store_lock.reading():
        if not path.exists():
            yield None
            return
        if path.is_dir():
            raise ApiError(503, f"{path} is a folder, not a store file", "store_unreadable")
        try:
            con = duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})
        except duckdb.Error as exc:
            raise _translate(exc, str(path)) from None
        try:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if not NEEDED_TABLES <= tables:
                raise ApiError(503, f"{path} is a DuckDB file but not a whodid store (no events table)",
                               "store_unreadable")
            yield con
        finally:
            con.close()


def _value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    try:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [{n: _value(v) for n, v in zip(names, row)} for row in cursor.fetchall()]
    except duckdb.Error as exc:
        raise ApiError(500, f"store query failed: {str(exc).splitlines()[0]}", "store_query_failed") from None


def _where_sql(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


# --- cursors -------------------------------------------------------------------------------

def encode_cursor(date: str | None, mentions: int | None, event_id: str) -> str:
    raw = json.dumps([date or NO_DATE.isoformat(), int(mentions or 0), event_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, int, str]:
    bad = ApiError(400, "cursor is not one this server gave out (use the `next` value of the previous page)", "bad_cursor")
    if len(cursor) > 400:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, mentions, event_id = json.loads(raw.decode("utf-8"))
        if not (isinstance(mentions, int) and isinstance(event_id, str) and isinstance(day, str)
                and EVENT_ID.fullmatch(event_id)):
            raise ValueError
        return dt.date.fromisoformat(day), mentions, event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise bad from None


# --- events --------------------------------------------------------------------------------

SORT_DATE = f"coalesce(date, DATE '{NO_DATE.isoformat()}')"


def events(state: ServiceState, filters: Filters, limit: int, cursor: str | None, full: bool) -> dict[str, Any]:
    """Events newest first (then most reported), `limit` at a time, with a cursor to the next page."""
    after = decode_cursor(cursor) if cursor else None
    with reading(state) as con:
        if con is None:
            return {"events": [], "total": 0, "next": None}
        clauses, params = filters.where()
        total = rows(con, "SELECT count(*) AS n FROM events" + _where_sql(clauses), params)[0]["n"]
        page_clauses, page_params = list(clauses), list(params)
        if after is not None:
            day, mentions, event_id = after
            page_clauses.append(f"({SORT_DATE} < ? OR ({SORT_DATE} = ? AND (num_mentions < ? OR "
                                "(num_mentions = ? AND event_id < ?))))")
            page_params += [day, day, mentions, mentions, event_id]
        columns = ", ".join(EVENT_FIELDS) + ", json_extract_string(plover, '$.text') AS sentence"
        if full:
            columns += ", plover"
        found = rows(con, f"SELECT {columns} FROM events{_where_sql(page_clauses)} "
                          f"ORDER BY {SORT_DATE} DESC, num_mentions DESC, event_id DESC LIMIT ?",
                     page_params + [limit + 1])
    more = len(found) > limit
    found = found[:limit]
    for event in found:
        if full and isinstance(event.get("plover"), str):
            event["plover"] = json.loads(event["plover"])
    last = found[-1] if found else None
    return {"events": found, "total": total,
            "next": encode_cursor(last["date"], last["num_mentions"], last["event_id"]) if more and last else None}


# --- aggregates ----------------------------------------------------------------------------

QUADS = ", ".join(f"count(*) FILTER (WHERE quad_class = {q})::INTEGER AS q{q}" for q in (1, 2, 3, 4))


def _quads(row: dict[str, Any]) -> dict[str, int]:
    return {str(q): row.pop(f"q{q}") or 0 for q in (1, 2, 3, 4)}


def dyads(state: ServiceState, filters: Filters, limit: int) -> dict[str, Any]:
    """Directed actor -> recipient pairs: event count, mentions, mean event scale, counts per quad class."""
    with reading(state) as con:
        if con is None:
            return {"dyads": [], "total": 0, "names": {}}
        clauses, params = filters.where()
        sql = f"""
        WITH chosen AS (
            SELECT event_id, actor_codes, recipient_codes, event_scale, quad_class, num_mentions
            FROM events{_where_sql(clauses)}
        ),
        by_actor AS (SELECT unnest(actor_codes) AS actor, recipient_codes, event_id, event_scale, quad_class,
                            num_mentions FROM chosen),
        pairs AS (SELECT actor, unnest(recipient_codes) AS recipient, event_id, event_scale, quad_class,
                           num_mentions FROM by_actor)
        SELECT actor, recipient, count(*)::INTEGER AS events, sum(num_mentions)::INTEGER AS mentions,
               round(avg(event_scale), 2) AS mean_scale, {QUADS}, count(*) OVER ()::INTEGER AS total
        FROM pairs GROUP BY actor, recipient
        ORDER BY events DESC, mentions DESC, actor, recipient
        LIMIT ?"""
        found = rows(con, sql, params + [limit])
    total = found[0]["total"] if found else 0
    codes = set()
    for row in found:
        row.pop("total")
        row["quad"] = _quads(row)
        codes.update((row["actor"], row["recipient"]))
    return {"dyads": found, "total": total, "names": {c: name_of(c) for c in sorted(codes) if name_of(c)}}


def actors(state: ServiceState, filters: Filters, limit: int) -> dict[str, Any]:
    """Every actor code among the chosen events: as actor, as recipient, in all; mentions; first and last date."""
    with reading(state) as con:
        if con is None:
            return {"actors": [], "total": 0}
        clauses, params = filters.where()
        sql = actor_rollup_sql(
            f"SELECT event_id, actor_codes, recipient_codes, num_mentions, date FROM events{_where_sql(clauses)}",
            total=True, limit=True)
        found = rows(con, sql, params + [limit])
    total = found[0]["total"] if found else 0
    for row in found:
        row.pop("total")
        row["name"] = name_of(row["code"])
    return {"actors": found, "total": total}


def timeline(state: ServiceState, filters: Filters, by: str) -> dict[str, Any]:
    """Events per day, ISO week (Monday) or month, by quad class; `auto` picks from the date range."""
    with reading(state) as con:
        if con is None:
            return {"by": "day" if by == "auto" else by, "periods": [], "undated": 0}
        clauses, params = filters.where()
        where = _where_sql(clauses)
        span = rows(con, f"SELECT min(date) AS first, max(date) AS last, count(*) FILTER (WHERE date IS NULL)::INTEGER "
                         f"AS undated FROM events{where}", params)[0]
        if by == "auto":
            if span["first"] is None:
                by = "day"
            else:
                days = (dt.date.fromisoformat(span["last"]) - dt.date.fromisoformat(span["first"])).days
                by = "day" if days <= 92 else ("week" if days <= 2 * 366 else "month")
        dated = clauses + ["date IS NOT NULL"]
        periods = rows(con, f"SELECT date_trunc(?, date)::DATE AS period, count(*)::INTEGER AS events, "
                            f"sum(num_mentions)::INTEGER AS mentions, round(avg(event_scale), 2) AS mean_scale, {QUADS} "
                            f"FROM events{_where_sql(dated)} GROUP BY period ORDER BY period", [by] + params)
    for row in periods:
        row["quad"] = _quads(row)
    return {"by": by, "periods": periods, "undated": span["undated"], "first": span["first"], "last": span["last"]}


def places(state: ServiceState, filters: Filters, limit: int) -> dict[str, Any]:
    """Event locations: places with coordinates, countries for events placed only at country level."""
    with reading(state) as con:
        if con is None:
            return {"places": [], "countries": [], "unlocated": 0}
        clauses, params = filters.where()
        located = rows(con, f"SELECT place, place_lat AS lat, place_lon AS lon, place_country AS country, "
                            f"count(*)::INTEGER AS events, sum(num_mentions)::INTEGER AS mentions, "
                            f"round(avg(event_scale), 2) AS mean_scale, {QUADS} "
                            f"FROM events{_where_sql(clauses + ['place_lat IS NOT NULL', 'place_lon IS NOT NULL'])} "
                            f"GROUP BY place, place_lat, place_lon, place_country ORDER BY events DESC, place LIMIT ?",
                       params + [limit])
        countries = rows(con, f"SELECT place_country AS country, count(*)::INTEGER AS events, "
                              f"round(avg(event_scale), 2) AS mean_scale, {QUADS} "
                              f"FROM events{_where_sql(clauses + ['(place_lat IS NULL OR place_lon IS NULL)', 'place_country IS NOT NULL'])} "
                              f"GROUP BY place_country ORDER BY events DESC, country", params)
        unlocated = rows(con, f"SELECT count(*)::INTEGER AS n FROM events"
                              f"{_where_sql(clauses + ['place_lat IS NULL', 'place_country IS NULL'])}", params)[0]["n"]
    for row in located + countries:
        row["quad"] = _quads(row)
    for row in countries:
        row["name"] = name_of(row["country"])
    return {"places": located, "countries": countries, "unlocated": unlocated}


# --- documents -----------------------------------------------------------------------------

def documents(state: ServiceState, limit: int, offset: int) -> dict[str, Any]:
    with reading(state) as con:
        if con is None:
            return {"documents": [], "total": 0}
        total = rows(con, "SELECT count(*)::INTEGER AS n FROM documents")[0]["n"]
        found = rows(con, "SELECT content_hash AS key, doc_id AS id, title, url, source, pub_date AS date, n_events, "
                          "ingested_at FROM documents ORDER BY ingested_at DESC, doc_id, content_hash LIMIT ? OFFSET ?",
                     [limit, offset])
    return {"documents": found, "total": total}


def spans_of(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actor, recipient and trigger spans of PLOVER records, each naming the record (its index) it belongs to."""
    spans = []
    for index, record in enumerate(records):
        for role in ("actor", "recipient"):
            for entity in record.get(role) or []:
                if isinstance(entity.get("start"), int) and isinstance(entity.get("end"), int):
                    spans.append({"start": entity["start"], "end": entity["end"], "role": role, "event": index,
                                  "text": entity.get("entity_text"), "code": entity.get("code")})
        trigger = record.get("event_text") or {}
        if isinstance(trigger.get("start"), int) and isinstance(trigger.get("end"), int):
            spans.append({"start": trigger["start"], "end": trigger["end"], "role": "trigger", "event": index,
                          "text": trigger.get("text"), "code": None})
    spans.sort(key=lambda s: (s["start"], -s["end"], s["event"]))
    return spans


def document(state: ServiceState, key: str) -> dict[str, Any]:
    """One stored document (by content hash, else by id: the most recently stored one) with its events and spans."""
    not_found = ApiError(404, f"no document {key[:80]!r} in the store (give its id or its key from /documents)", "not_found")
    with reading(state) as con:
        if con is None:
            raise not_found
        found = rows(con, "SELECT content_hash AS key, doc_id AS id, title, url, source, pub_date AS date, date_source, "
                          "text, n_events, ingested_at FROM documents WHERE content_hash = ? OR doc_id = ? "
                          "ORDER BY content_hash = ? DESC, ingested_at DESC, content_hash", [key, key, key])
        if not found:
            raise not_found
        doc = found[0]
        mentions = rows(con, "SELECT mention_id, event_id, plover FROM mentions WHERE doc_key = ? "
                             "ORDER BY event_start, mention_id", [doc["key"]])
    records = []
    for mention in mentions:
        record = json.loads(mention["plover"]) if isinstance(mention["plover"], str) else dict(mention["plover"] or {})
        record["mention_id"], record["event_id"] = mention["mention_id"], mention["event_id"]
        records.append(record)
    doc["events"] = records
    doc["spans"] = spans_of(records)
    doc["same_id"] = [r["key"] for r in found[1:]] if doc["id"] == key else []
    return doc


def stats(state: ServiceState) -> dict[str, Any]:
    """What /health tells about the store."""
    path = state.db_path
    info: dict[str, Any] = {"path": str(path), "exists": path.exists()}
    if not path.exists():
        info["readable"] = False
        info["note"] = "no store yet: POST /ingest (or `whodid ingest`) creates it"
        return info
    try:
        with reading(state) as con:
            counts = rows(con, "SELECT (SELECT count(*) FROM documents)::INTEGER AS documents, "
                               "(SELECT count(*) FROM mentions)::INTEGER AS mentions, "
                               "(SELECT count(*) FROM events)::INTEGER AS events, "
                               "(SELECT min(date) FROM events) AS first_date, (SELECT max(date) FROM events) AS last_date")[0]
        info.update(readable=True, **counts)
    except ApiError as exc:
        info.update(readable=False, problem=exc.message)
    return info
