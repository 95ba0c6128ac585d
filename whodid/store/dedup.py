"""Deduplication: many reports (mentions) of one event become one row in `events`.

The rule (also in docs/store.md):

1. Two mentions can be the same event only when they have the same PLOVER event type,
   the same set of actor codes and the same set of recipient codes (codes, not names:
   "Kerry" and "the US" are both USA). Their *dedup key* is `TYPE|actors|recipients`.
2. Mentions with no date, or with neither an actor nor a recipient code, are never
   merged: each is an event of its own.
3. Within one key, mentions are taken in date order (then order of arrival). The first
   opens an event; each next mention joins it when its date is at most `window` days
   after the event's first date, otherwise it opens a new event. The window is anchored
   on the first date, so daily reports of a long campaign do not chain into one event.
   The result depends only on the set of mentions, not on the order they were ingested.
4. `num_mentions` counts the mentions, `num_articles` the distinct documents and
   `num_sources` the distinct sources (the document's `source` field, else its url's
   host; a document with neither counts as a source of its own), as in GDELT.
5. The event's fields (mode, actor names, place, PLOVER JSON...) are those of its
   representative: the earliest mention (then the first to arrive). Its `event_id` is
   derived from that mention, so it is stable unless an earlier-dated report arrives.

`window=None` switches deduplication off: every mention is its own event.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import duckdb
import pandas as pd
import pyarrow as pa

from .db import get_meta, set_meta

DEFAULT_WINDOW = 1
ROOT_SENTENCES = 3  # a mention among a document's first 3 sentences makes the event a root event (GDELT IsRootEvent)


def dedup_key(mention_id: str, event: str, actor_codes: Iterable[str], recipient_codes: Iterable[str],
              date: dt.date | None, window: int | None) -> str:
    actors, recipients = list(actor_codes), list(recipient_codes)
    if window is None or date is None or not (actors or recipients):
        return "single:" + mention_id
    return f"{event}|{','.join(sorted(actors))}|{','.join(sorted(recipients))}"


def stored_window(con: duckdb.DuckDBPyConnection) -> int | None:
    value = get_meta(con, "dedup_window", str(DEFAULT_WINDOW))
    return None if value == "off" else int(value)


def _event_id(mention_id: str) -> str:
    return "e-" + mention_id.removeprefix("m-")


def cluster(mentions: pd.DataFrame, window: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assign mentions to events.

    `mentions` has mention_id, dedup_key, date, seq, doc_key, source_key, sentence_index,
    ingested_at. Returns (assignments: mention_id, event_id) and (events: event_id,
    mention_id of the representative, num_mentions, num_sources, num_articles, is_root,
    first_seen).
    """
    if mentions.empty:
        return (pd.DataFrame({"mention_id": pd.Series(dtype=str), "event_id": pd.Series(dtype=str)}),
                pd.DataFrame(columns=["event_id", "rep", "num_mentions", "num_sources", "num_articles", "is_root",
                                      "first_seen"]))
    frame = mentions.sort_values(["dedup_key", "date", "seq"], na_position="last", kind="stable")
    span = dt.timedelta(days=window or 0)
    assign_ids: list[str] = []
    events: list[dict] = []
    current: dict | None = None
    previous_key = None
    for row in frame.itertuples(index=False):
        day = None if pd.isna(row.date) else pd.Timestamp(row.date).date()
        single = row.dedup_key.startswith("single:")
        joins = (current is not None and not single and row.dedup_key == previous_key and day is not None
                 and current["start"] is not None and day - current["start"] <= span)
        if not joins:
            current = {"event_id": _event_id(row.mention_id), "rep": row.mention_id, "start": day, "mentions": 0,
                       "docs": set(), "sources": set(), "is_root": False, "first_seen": row.ingested_at}
            events.append(current)
        current["mentions"] += 1
        current["docs"].add(row.doc_key)
        current["sources"].add(row.source_key if isinstance(row.source_key, str) and row.source_key else "doc:" + row.doc_key)
        if not pd.isna(row.sentence_index) and row.sentence_index < ROOT_SENTENCES:
            current["is_root"] = True
        if row.ingested_at < current["first_seen"]:
            current["first_seen"] = row.ingested_at
        assign_ids.append(current["event_id"])
        previous_key = row.dedup_key
    assignments = pd.DataFrame({"mention_id": frame["mention_id"].tolist(), "event_id": assign_ids})
    table = pd.DataFrame([{"event_id": e["event_id"], "rep": e["rep"], "num_mentions": e["mentions"],
                           "num_sources": len(e["sources"]), "num_articles": len(e["docs"]), "is_root": e["is_root"],
                           "first_seen": e["first_seen"]} for e in events])
    return assignments, table


_EVENT_SELECT = """
INSERT INTO events
SELECT a.event_id, {record}, a.num_mentions, a.num_sources, a.num_articles, a.is_root, a.first_seen,
       m.mention_id, m.doc_id, m.doc_key, coalesce(d.url, d.source, m.doc_id), m.dedup_key, m.plover
FROM _whodid_events a
JOIN mentions m ON m.mention_id = a.rep
JOIN documents d ON d.content_hash = m.doc_key
"""


def recluster(con: duckdb.DuckDBPyConnection, keys: dict[str, dt.date | None] | None, window: int | None) -> int:
    """Rebuild events from mentions, inside the caller's transaction; returns the events written.

    `keys` maps each dedup key that received new mentions to the earliest date among them
    (None: everything). Only the tail of each key is rebuilt: new mentions sort after every
    stored mention of the same date, so the events that start before the last event
    starting on or before that date cannot change, and keep their ids.
    """
    from .schema import RECORD_NAMES

    select = ("SELECT m.mention_id, m.dedup_key, m.date, m.seq, m.doc_key, m.source_key, m.sentence_index, "
              "d.ingested_at FROM mentions m JOIN documents d ON d.content_hash = m.doc_key")
    if keys is None:
        mentions = con.execute(select).df()
        con.execute("DELETE FROM events")
    else:
        if not keys:
            return 0
        affected = pa.table({"dedup_key": pa.array(list(keys), pa.string()),
                             "min_date": pa.array(list(keys.values()), pa.date32())})
        con.register("_whodid_keys", affected)
        try:
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _whodid_cutoffs AS
                SELECT k.dedup_key, max(e.date) AS cutoff
                FROM _whodid_keys k LEFT JOIN events e ON e.dedup_key = k.dedup_key AND e.date <= k.min_date
                GROUP BY k.dedup_key""")
            mentions = con.execute(select + " JOIN _whodid_cutoffs c ON c.dedup_key = m.dedup_key "
                                            "WHERE c.cutoff IS NULL OR m.date >= c.cutoff").df()
            con.execute("DELETE FROM events USING _whodid_cutoffs c WHERE events.dedup_key = c.dedup_key "
                        "AND (c.cutoff IS NULL OR events.date >= c.cutoff)")
            con.execute("DROP TABLE _whodid_cutoffs")
        finally:
            con.unregister("_whodid_keys")
    assignments, table = cluster(mentions, window)
    if table.empty:
        return 0
    con.register("_whodid_events", table)
    con.register("_whodid_assign", assignments)
    try:
        con.execute(_EVENT_SELECT.format(record=", ".join(f"m.{name}" for name in RECORD_NAMES)))
        con.execute("UPDATE mentions SET event_id = s.event_id FROM _whodid_assign s "
                    "WHERE mentions.mention_id = s.mention_id AND mentions.event_id IS DISTINCT FROM s.event_id")
    finally:
        con.unregister("_whodid_events")
        con.unregister("_whodid_assign")
    return len(table)


def set_window(con: duckdb.DuckDBPyConnection, window: int | None) -> int:
    """Switch deduplication (window in days, None = off) and rebuild every event. Own transaction."""
    if window is not None and window < 0:
        from .db import StoreError

        raise StoreError(f"the dedup window must be 0 days or more, not {window}")
    con.execute("BEGIN TRANSACTION")
    try:
        rows = con.execute("SELECT mention_id, event, actor_codes, recipient_codes, date FROM mentions").df()
        keys = pd.DataFrame({
            "mention_id": rows["mention_id"],
            "dedup_key": [dedup_key(r.mention_id, r.event, r.actor_codes, r.recipient_codes,
                                    None if pd.isna(r.date) else r.date, window) for r in rows.itertuples(index=False)],
        }, dtype=str) if not rows.empty else pd.DataFrame({"mention_id": [], "dedup_key": []}, dtype=str)
        con.register("_whodid_keys", keys)
        try:
            con.execute("UPDATE mentions SET dedup_key = k.dedup_key FROM _whodid_keys k "
                        "WHERE mentions.mention_id = k.mention_id AND mentions.dedup_key <> k.dedup_key")
        finally:
            con.unregister("_whodid_keys")
        count = recluster(con, None, window)
        set_meta(con, "dedup_window", "off" if window is None else str(window))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return count
