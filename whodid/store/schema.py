"""The store's tables (DuckDB DDL) and how one PLOVER record is flattened into a row.

Three tables and a key/value `meta` table:

* `documents`: one row per distinct document (by content hash; a known url also counts
  as already stored), with its text.
* `mentions`: one row per coded PLOVER record, i.e. one report of an event in one
  sentence of one document, flattened for query, with offsets and the full JSON.
* `events`: one row per deduplicated event (a cluster of mentions, see `dedup.py`): the
  fields of its representative mention plus `num_mentions`, `num_sources`,
  `num_articles` in GDELT's sense. Rebuilt from `mentions` whenever they change, so it
  is a derived table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any
from urllib.parse import urlsplit

SCHEMA_VERSION = 1

# Columns shared by `mentions` and `events`: the PLOVER record flattened.
RECORD_COLUMNS: list[tuple[str, str]] = [
    ("date", "DATE"),  # event date, else the document's publication date
    ("date_precision", "VARCHAR"),
    ("event", "VARCHAR"),  # PLOVER event type
    ("mode", "VARCHAR"),
    ("context", "VARCHAR[]"),
    ("quad_class", "INTEGER"),  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    ("event_scale", "DOUBLE"),  # PLOVER event_scale, -10..10 (Goldstein-like)
    ("cameo", "VARCHAR"),
    ("actor_codes", "VARCHAR[]"),  # sorted distinct country/organisation codes
    ("recipient_codes", "VARCHAR[]"),
    ("actor_code", "VARCHAR"),  # the first actor with a code
    ("actor_sector", "VARCHAR"),
    ("actor_name", "VARCHAR"),
    ("recipient_code", "VARCHAR"),
    ("recipient_sector", "VARCHAR"),
    ("recipient_name", "VARCHAR"),
    ("hedged", "BOOLEAN"),
    ("event_text", "VARCHAR"),  # the trigger
    ("place", "VARCHAR"),  # event_loc.resolved_place
    ("place_country", "VARCHAR"),  # ISO 3166 alpha-3
    ("place_province", "VARCHAR"),
    ("place_lat", "DOUBLE"),
    ("place_lon", "DOUBLE"),
    ("place_geonameid", "BIGINT"),
    ("place_feature_class", "VARCHAR"),
    ("place_feature_code", "VARCHAR"),
    ("place_resolution", "INTEGER"),  # 1 country, 2 province, 4 city (GDELT's Geo_Type)
]

MENTION_COLUMNS: list[tuple[str, str]] = [
    ("mention_id", "VARCHAR PRIMARY KEY"),
    ("event_id", "VARCHAR"),  # the deduplicated event; set by dedup.recluster
    ("doc_key", "VARCHAR NOT NULL"),  # documents.content_hash
    ("doc_id", "VARCHAR"),
    ("plover_id", "VARCHAR"),  # the id whodid gave the record
    ("seq", "BIGINT NOT NULL"),  # order of arrival in the store
    ("dedup_key", "VARCHAR NOT NULL"),
    ("source_key", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence_start", "INTEGER"),
    ("sentence_end", "INTEGER"),
    ("event_start", "INTEGER"),
    ("event_end", "INTEGER"),
    ("sentence", "VARCHAR"),
    *RECORD_COLUMNS,
    ("plover", "JSON"),
]

EVENT_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR NOT NULL"),
    *RECORD_COLUMNS,
    ("num_mentions", "INTEGER"),
    ("num_sources", "INTEGER"),
    ("num_articles", "INTEGER"),
    ("is_root", "BOOLEAN"),  # some mention is among the first sentences of its document
    ("first_seen", "TIMESTAMP"),  # when the earliest of its documents entered the store
    ("mention_id", "VARCHAR"),  # the representative mention
    ("doc_id", "VARCHAR"),
    ("doc_key", "VARCHAR"),
    ("source_url", "VARCHAR"),  # url of the representative document (else its source, else its id)
    ("dedup_key", "VARCHAR"),
    ("plover", "JSON"),  # the representative mention's PLOVER record
]

DOCUMENT_COLUMNS: list[tuple[str, str]] = [
    ("content_hash", "VARCHAR PRIMARY KEY"),  # sha256 of the whitespace-normalised text
    ("doc_id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("source_key", "VARCHAR"),  # source, else the url's host: what num_sources counts
    ("title", "VARCHAR"),
    ("pub_date", "DATE"),
    ("date_source", "VARCHAR"),
    ("text", "VARCHAR"),
    ("n_events", "INTEGER"),
    ("ingested_at", "TIMESTAMP"),
]


def _table(name: str, columns: list[tuple[str, str]]) -> str:
    body = ",\n  ".join(f"{column} {kind}" for column, kind in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n  {body}\n)"


DDL: list[str] = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    _table("documents", DOCUMENT_COLUMNS),
    "CREATE INDEX IF NOT EXISTS documents_url ON documents (url)",
    _table("mentions", MENTION_COLUMNS),
    _table("events", EVENT_COLUMNS),
]

RECORD_NAMES = [name for name, _ in RECORD_COLUMNS]
MENTION_NAMES = [name for name, _ in MENTION_COLUMNS]
EVENT_NAMES = [name for name, _ in EVENT_COLUMNS]
DOCUMENT_NAMES = [name for name, _ in DOCUMENT_COLUMNS]


def content_hash(text: str) -> str:
    """sha256 of the text with runs of whitespace collapsed: re-wrapped copies are the same document."""
    normal = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def source_key(source: str | None, url: str | None) -> str | None:
    """What counts as one source: the `source` field, else the url's host (without `www.`)."""
    if source and source.strip():
        return source.strip().lower()
    if url:
        host = urlsplit(url.strip()).hostname
        if host:
            return host.lower().removeprefix("www.")
    return None


def mention_id(doc_key: str, record: dict[str, Any]) -> str:
    span = record.get("event_text") or {}
    key = f"{doc_key}|{span.get('start')}|{span.get('end')}|{record['event']}"
    return "m-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _codes(entities: list[dict]) -> list[str]:
    return sorted({e["code"] for e in entities if e.get("code")})


def _first(entities: list[dict]) -> dict:
    for entity in entities:
        if entity.get("code"):
            return entity
    return entities[0] if entities else {}


def flatten(record: dict[str, Any], fallback_date: dt.date | None) -> dict[str, Any]:
    """The RECORD_COLUMNS of one PLOVER record."""
    actor, recipient = record.get("actor") or [], record.get("recipient") or []
    first_actor, first_recipient = _first(actor), _first(recipient)
    loc = record.get("event_loc") or {}
    date = dt.date.fromisoformat(record["date"]) if record.get("date") else fallback_date
    return {
        "date": date,
        "date_precision": record.get("date_precision") or ("publication" if date else None),
        "event": record["event"],
        "mode": record.get("mode"),
        "context": list(record.get("context") or []),
        "quad_class": record.get("quad_code"),
        "event_scale": record.get("event_scale"),
        "cameo": record.get("cameo"),
        "actor_codes": _codes(actor),
        "recipient_codes": _codes(recipient),
        "actor_code": first_actor.get("code"),
        "actor_sector": first_actor.get("sector"),
        "actor_name": first_actor.get("name") or first_actor.get("entity_text"),
        "recipient_code": first_recipient.get("code"),
        "recipient_sector": first_recipient.get("sector"),
        "recipient_name": first_recipient.get("name") or first_recipient.get("entity_text"),
        "hedged": bool(record.get("hedged")),
        "event_text": (record.get("event_text") or {}).get("text"),
        "place": loc.get("resolved_place") or loc.get("extracted_place"),
        "place_country": loc.get("country_code"),
        "place_province": loc.get("province"),
        "place_lat": loc.get("lat"),
        "place_lon": loc.get("lon"),
        "place_geonameid": loc.get("geonameid"),
        "place_feature_class": loc.get("feature_class"),
        "place_feature_code": loc.get("feature_code"),
        "place_resolution": loc.get("resolution"),
    }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
