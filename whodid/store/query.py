"""Questions to the store; every answer is a pandas DataFrame.

All functions open the store read-only (or use the connection they are given).
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from .db import DEFAULT_DB, DbLike, StoreError, connection

PERIODS = ("day", "week", "month")
QUAD_COLUMNS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
EVENT_LIST_COLUMNS = [
    "event_id", "date", "event", "mode", "quad_class", "event_scale", "actor_codes", "recipient_codes",
    "actor_sector", "recipient_sector", "place", "place_country", "num_mentions", "num_sources", "num_articles",
    "event_text", "source_url",
]


def _day(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise StoreError(f"{option} {value!r} is not a date: use YYYY-MM-DD") from None


def _code(value: str, what: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{2,12}", code):
        raise StoreError(f"{what} {value!r} is not an actor code (e.g. USA, RUS, UNO)")
    return code


def _date_filters(since, until, where: list[str], params: list) -> None:
    since, until = _day(since, "--since"), _day(until, "--until")
    if since and until and since > until:
        raise StoreError(f"--since {since} is after --until {until}")
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)


def dyad(a: str, b: str, db: DbLike = DEFAULT_DB, *, by: str = "day", since: str | dt.date | None = None,
         until: str | dt.date | None = None, directed: bool = False) -> pd.DataFrame:
    """Events between actors `a` and `b` per period: counts per quad class and mean event scale.

    An event counts when `a` is among its actors and `b` among its recipients, or (unless
    `directed`) the other way round. Periods are calendar days, ISO weeks (starting on
    Monday) or months; `period` is the first day. Only periods with events are listed.
    """
    if by not in PERIODS:
        raise StoreError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = _code(a, "actor"), _code(b, "actor")
    where = ["date IS NOT NULL"]
    params: list = []
    pair = "(list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?))"
    if directed:
        where.append(pair)
        params += [a, b]
    else:
        where.append(f"({pair} OR {pair})")
        params += [a, b, b, a]
    _date_filters(since, until, where, params)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q})::INTEGER AS {name}" for q, name in QUAD_COLUMNS.items())
    sql = (f"SELECT date_trunc('{by}', date)::DATE AS period, count(*)::INTEGER AS events, "
           f"sum(num_mentions)::INTEGER AS mentions, {quads}, round(avg(event_scale), 2) AS mean_scale "
           f"FROM events WHERE {' AND '.join(where)} GROUP BY period ORDER BY period")
    with connection(db, read_only=True) as con:
        return con.execute(sql, params).df()


def actor_rollup_sql(chosen: str, total: bool = False, limit: bool = False) -> str:
    """Per actor code over the events `chosen` selects: events as actor, as recipient, in all,
    mentions, first and last date (shared by the CLI, the Python API and the service)."""
    return f"""
    WITH chosen AS ({chosen}),
    roles AS (
        SELECT unnest(actor_codes) AS code, 'actor' AS role, event_id, num_mentions, date FROM chosen
        UNION ALL
        SELECT unnest(recipient_codes) AS code, 'recipient' AS role, event_id, num_mentions, date FROM chosen
    ),
    per_event AS (
        SELECT code, event_id, bool_or(role = 'actor') AS as_actor, bool_or(role = 'recipient') AS as_recipient,
               any_value(num_mentions) AS num_mentions, any_value(date) AS date
        FROM roles GROUP BY code, event_id
    )
    SELECT code, count(*)::INTEGER AS events, count(*) FILTER (WHERE as_actor)::INTEGER AS as_actor,
           count(*) FILTER (WHERE as_recipient)::INTEGER AS as_recipient, sum(num_mentions)::INTEGER AS mentions,
           min(date) AS first_date, max(date) AS last_date{", count(*) OVER ()::INTEGER AS total" if total else ""}
    FROM per_event GROUP BY code ORDER BY events DESC, code{" LIMIT ?" if limit else ""}
    """


def actors(db: DbLike = DEFAULT_DB, *, since: str | dt.date | None = None, until: str | dt.date | None = None) -> pd.DataFrame:
    """Every actor code in the store: events as actor, as recipient, in all, mentions, first and last date."""
    where: list[str] = []
    params: list = []
    _date_filters(since, until, where, params)
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    sql = actor_rollup_sql(f"SELECT * FROM events {condition}")
    with connection(db, read_only=True) as con:
        return con.execute(sql, params).df()


def events(db: DbLike = DEFAULT_DB, *, type: str | None = None, country: str | None = None,  # noqa: A002
           actor: str | None = None, recipient: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None, limit: int | None = None, full: bool = False) -> pd.DataFrame:
    """Deduplicated events, newest first, with filters.

    `type` is a PLOVER event type (comma-separated for several); `country` matches an
    actor code, a recipient code or the country of the event's place; `actor` and
    `recipient` match one side only. `full` returns every column, the PLOVER JSON included.
    """
    from ..records import EVENT_TYPES

    where: list[str] = []
    params: list = []
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise StoreError(f"unknown event type {', '.join(unknown)} (PLOVER types: {', '.join(EVENT_TYPES)})")
        where.append(f"event IN ({', '.join('?' for _ in types)})")
        params += types
    if country:
        code = _code(country, "country")
        where.append("(list_contains(actor_codes, ?) OR list_contains(recipient_codes, ?) OR place_country = ?)")
        params += [code, code, code]
    if actor:
        where.append("list_contains(actor_codes, ?)")
        params.append(_code(actor, "actor"))
    if recipient:
        where.append("list_contains(recipient_codes, ?)")
        params.append(_code(recipient, "recipient"))
    _date_filters(since, until, where, params)
    columns = "*" if full else ", ".join(EVENT_LIST_COLUMNS)
    sql = f"SELECT {columns} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date DESC NULLS LAST, num_mentions DESC, event_id"
    if limit is not None:
        if limit < 0:
            raise StoreError(f"--limit must be 0 or more, not {limit}")
        sql += f" LIMIT {int(limit)}"
    with connection(db, read_only=True) as con:
        return con.execute(sql, params).df()


def sql(statement: str, db: DbLike = DEFAULT_DB) -> pd.DataFrame:
    """Run one read-only query (SELECT, WITH ... SELECT, or a table expression) on the store.

    The store is opened read-only and anything but a single query is refused before it
    runs; reading or writing other files from SQL is disabled too.
    """
    try:
        statements = duckdb.extract_statements(statement)
    except duckdb.Error as exc:
        raise StoreError(f"SQL error: {str(exc).splitlines()[0]}") from None
    if len(statements) != 1:
        raise StoreError(f"give exactly one SQL statement, not {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise StoreError(f"only SELECT (or WITH ... SELECT) queries are allowed here, not {kind.name}",
                         hint="the store is opened read-only")
    if isinstance(db, duckdb.DuckDBPyConnection):
        return _run_sql(db, statement)
    from .db import open_store

    open_store(str(db), read_only=True).close()  # the clear errors: no store, locked, not a store
    try:
        con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
    except duckdb.Error as exc:
        from .db import _translate

        raise _translate(exc, str(db), True) from None
    try:
        return _run_sql(con, statement)
    finally:
        con.close()


def _run_sql(con: duckdb.DuckDBPyConnection, statement: str) -> pd.DataFrame:
    try:
        relation = con.sql(statement)
        huge = [c for c, t in zip(relation.columns, relation.types) if str(t) == "HUGEINT"]
        frame = relation.df()
    except duckdb.Error as exc:
        raise StoreError(f"SQL error: {str(exc).splitlines()[0]}") from None
    for column in huge:  # sum() of integers is a 128-bit integer, which pandas turns into floats
        values = frame[column]
        if values.dropna().map(float.is_integer).all() and values.abs().max(skipna=True) < 2**53:
            frame[column] = values.astype("Int64")
    return frame
