"""The event store on real DuckDB files: ingest, idempotence, dedup, queries, exports, SQL,
plots, the write lock, and an ingest killed with SIGKILL and run again."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from whodid import store
from whodid.store.cli import app

EXAMPLES = ROOT / "examples"
SYRIA = EXAMPLES / "syria_talks_2015.txt"
TRADE = EXAMPLES / "trade_summit_2019.txt"
GAZA = EXAMPLES / "gaza_ceasefire_2021.html"
runner = CliRunner()

# Two outlets report the same phone call; a third report is of a later call.
CALLS = [
    {"id": "reuters-1", "text": "Secretary of State John Kerry telephoned Russian Foreign Minister Sergei Lavrov on Wednesday.",
     "date": "2015-10-09", "url": "https://reuters.example/kerry-lavrov", "source": "Reuters"},
    {"id": "ap-7", "text": "Kerry spoke by phone with Lavrov on Wednesday, the State Department said.",
     "date": "2015-10-09", "url": "https://www.apnews.example/a7"},
    {"id": "reuters-9", "text": "Kerry telephoned Lavrov on Monday.", "date": "2015-10-21",
     "url": "https://reuters.example/kerry-lavrov-again", "source": "Reuters"},
]


def counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                for table in ("documents", "mentions", "events")}


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "examples.duckdb"
    store.ingest_documents(CALLS, db)
    store.ingest([SYRIA], db, date="2015-10-09")
    store.ingest([TRADE], db, date="2019-06-29")
    store.ingest([GAZA], db)
    return db


def test_ingest_is_idempotent_by_content_hash_and_url(tmp_path):
    db = tmp_path / "a.duckdb"
    first = store.ingest([SYRIA, GAZA], db, date="2015-10-09", batch=1)
    assert (first.read, first.added, first.known, first.batches) == (2, 2, 0, 2)
    before = counts(db)
    assert before["documents"] == 2 and before["mentions"] >= 10 and 0 < before["events"] <= before["mentions"]

    again = store.ingest([SYRIA, GAZA], db, date="2015-10-09")
    assert (again.added, again.known, again.mentions) == (0, 2, 0)
    # the same text re-wrapped under another name, and another text under a known url: nothing new
    rewrapped = tmp_path / "copy.txt"
    rewrapped.write_text("  " + SYRIA.read_text(encoding="utf-8").replace("\n", "\n\n") + "\n", encoding="utf-8")
    store.ingest_documents([{"id": "u1", "text": "Kenya and Uganda signed a trade agreement.", "url": "https://x.example/1"}], db)
    mid = counts(db)
    more = store.ingest([rewrapped], db)
    same_url = store.ingest_documents([{"id": "u2", "text": "Police arrested protesters in Tunis.", "url": "https://x.example/1"}], db)
    assert more.known == 1 and same_url.known == 1 and counts(db) == mid

    with duckdb.connect(str(db), read_only=True) as con:
        doc = con.execute("SELECT doc_id, pub_date, n_events, length(text) > 1000 FROM documents WHERE doc_id = 'syria_talks_2015'").fetchall()
        assert doc[0][1].isoformat() == "2015-10-09" and doc[0][2] > 0 and doc[0][3]
        text = con.execute("SELECT text FROM documents WHERE doc_id = 'syria_talks_2015'").fetchall()[0][0]
        for start, end, trigger, sentence, s_start, s_end in con.execute(
                "SELECT m.event_start, m.event_end, m.event_text, m.sentence, m.sentence_start, m.sentence_end "
                "FROM mentions m JOIN documents d ON d.content_hash = m.doc_key WHERE d.doc_id = 'syria_talks_2015'").fetchall():
            assert text[start:end] == trigger and text[s_start:s_end] == sentence
        assert con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL OR event_id NOT IN (SELECT event_id FROM events)").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchall()[0][0] == 0


def test_cli_ingest_reports_bad_lines_and_keeps_the_rest(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps(CALLS[0]) + "\n{broken\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(db)])
    assert result.exit_code == 1
    assert "docs.jsonl:2" in result.stderr and "malformed JSON" in result.stderr
    assert "1 document(s) added" in result.stderr
    assert counts(db)["documents"] == 1
    bad_date = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "--date", "2015-02-30"])
    assert bad_date.exit_code == 2 and bad_date.stderr.count("\n") == 1 and "error:" in bad_date.stderr


def test_dedup_merges_reports_of_one_event_and_can_be_switched_off(tmp_path):
    db = tmp_path / "d.duckdb"
    store.ingest_documents(CALLS, db, batch=2)  # the two reports land in different batches
    calls = store.events(db, type="CONSULT", actor="USA", recipient="RUS")
    assert len(calls) == 2
    merged = calls[calls["date"] == pd.Timestamp("2015-10-07")].iloc[0]
    assert (merged.num_mentions, merged.num_articles, merged.num_sources) == (2, 2, 2)
    later = calls[calls["date"] == pd.Timestamp("2015-10-19")].iloc[0]
    assert (later.num_mentions, later.num_articles, later.num_sources) == (1, 1, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        linked = con.execute("SELECT doc_id FROM mentions WHERE event_id = ? ORDER BY doc_id", [merged.event_id]).fetchall()
    assert [r[0] for r in linked] == ["ap-7", "reuters-1"]

    with store.open_store(db) as con:
        assert store.set_window(con, None) == 3  # off: every mention is an event
    assert store.events(db, type="CONSULT")["num_mentions"].tolist() == [1, 1, 1]
    result = runner.invoke(app, ["dedup", "--db", str(db), "--window", "14"])
    assert result.exit_code == 0, result.stderr
    wide = store.events(db, type="CONSULT")
    assert wide["num_mentions"].tolist() == [3] and wide["num_sources"].tolist() == [2]

    off = tmp_path / "off.duckdb"
    store.ingest_documents(CALLS, off, dedup="off")
    assert len(store.events(off, type="CONSULT")) == 3


def test_queries_return_dataframes_and_cli_formats(example_db):
    day = store.dyad("USA", "RUS", example_db)
    assert list(day.columns) == ["period", "events", "mentions", "verbal_cooperation", "material_cooperation",
                                 "verbal_conflict", "material_conflict", "mean_scale"]
    assert (day[["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]].sum(axis=1)
            == day["events"]).all()
    phone = day[day["period"] == pd.Timestamp("2015-10-07")].iloc[0]
    assert phone.verbal_cooperation >= 1 and phone.mentions >= 3  # the example article's call plus the two reports
    week = store.dyad("USA", "RUS", example_db, by="week")
    assert all(p.weekday() == 0 for p in week["period"]) and week["events"].sum() == day["events"].sum()
    directed = store.dyad("USA", "RUS", example_db, directed=True)
    assert directed["events"].sum() <= day["events"].sum()
    assert store.dyad("USA", "RUS", example_db, since="2015-10-08")["period"].min() >= pd.Timestamp("2015-10-08")

    actors = store.actors(example_db)
    assert {"USA", "RUS", "ISR", "KEN"} <= set(actors["code"])
    usa = actors.set_index("code").loc["USA"]
    assert usa.events >= usa.as_actor and usa.events >= usa.as_recipient

    events = store.events(example_db, type="ASSAULT,CONSULT", country="RUS", until="2015-12-31")
    assert len(events) and set(events["event"]) <= {"ASSAULT", "CONSULT"}
    assert all("RUS" in list(a) + list(r) or c == "RUS"
               for a, r, c in zip(events["actor_codes"], events["recipient_codes"], events["place_country"]))

    as_json = runner.invoke(app, ["query", "dyad", "usa", "rus", "--db", str(example_db), "--by", "month", "--format", "json"])
    assert as_json.exit_code == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert rows[0]["period"] == "2015-10-01" and isinstance(rows[0]["events"], int)
    as_csv = runner.invoke(app, ["query", "events", "--db", str(example_db), "--type", "CONSULT", "--format", "csv"])
    assert as_csv.exit_code == 0 and as_csv.stdout.startswith("event_id,date,event,")
    table = runner.invoke(app, ["query", "actors", "--db", str(example_db)])
    assert table.exit_code == 0 and "USA" in table.stdout and "actors" in table.stdout
    bad = runner.invoke(app, ["query", "events", "--db", str(example_db), "--type", "HUG"])
    assert bad.exit_code == 2 and "unknown event type HUG" in bad.stderr and bad.stderr.count("\n") == 1
    missing = runner.invoke(app, ["query", "actors", "--db", str(example_db.parent / "none.duckdb")])
    assert missing.exit_code == 2 and "no store at" in missing.stderr


def test_exports(example_db, tmp_path):
    n_events = counts(example_db)["events"]

    jsonl = tmp_path / "events.jsonl"
    assert store.export("plover-jsonl", jsonl, example_db) == n_events
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n_events and all(r["id"].startswith("e-") for r in records)
    # the phone call: two agency reports and the example article
    call = next(r for r in records if r["num_articles"] == 3 and r["event"] == "CONSULT")
    assert {m["url"] for m in call["mentions"]} == {CALLS[0]["url"], CALLS[1]["url"], None}
    assert call["doc_id"] == "reuters-1" and call["date"] == "2015-10-07"
    assert {"actor", "recipient", "event_text", "coder"} <= set(call)

    table = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", str(example_db), "--format", "csv", "--output", str(table)])
    assert result.exit_code == 0 and f"{n_events} event(s)" in result.stderr
    frame = pd.read_csv(table)
    assert len(frame) == n_events and {"event_id", "date", "num_mentions", "actor_codes", "place_lat"} <= set(frame.columns)

    folder = tmp_path / "parquet"
    store.export("parquet", folder, example_db)
    months = sorted(p.name for p in folder.iterdir())
    assert {"month=2015-10", "month=2021-05"} <= set(months) and all(m.startswith("month=") for m in months)
    assert list((folder / "month=2015-10").glob("*.parquet"))
    back = pd.read_parquet(folder)
    assert len(back) == n_events and "num_articles" in back.columns
    store.export("parquet", folder, example_db, since="2021-05-01")  # an earlier export is replaced
    assert sorted(p.name for p in folder.iterdir()) == ["month=2021-05"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(store.StoreError, match="not empty"):
        store.export("parquet", tmp_path / "mine", example_db)

    tsv = tmp_path / "events.tsv"
    store.export("gdelt-tsv", tsv, example_db)
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_events and all(len(line.split("\t")) == 61 for line in lines)
    gdelt = pd.read_csv(tsv, sep="\t", header=None, names=store.GDELT_COLUMNS, dtype=str, keep_default_na=False)
    assert gdelt["GLOBALEVENTID"].str.fullmatch(r"\d+").all() and gdelt["GLOBALEVENTID"].is_unique
    assert set(gdelt["QuadClass"]) <= {"1", "2", "3", "4"}
    row = gdelt[(gdelt.Actor1CountryCode == "USA") & (gdelt.Actor2CountryCode == "RUS") & (gdelt.NumArticles == "3")].iloc[0]
    assert row.SQLDATE == "20151007" and row.EventRootCode == "04" and row.QuadClass == "1"
    assert float(row.GoldsteinScale) == 1.5 and row.SOURCEURL == CALLS[0]["url"] and row.NumSources == "3"
    located = gdelt[gdelt.ActionGeo_Type != "0"]
    assert len(located) and located["ActionGeo_Lat"].str.len().gt(0).any()
    assert (located["ActionGeo_CountryCode"].str.len() == 2).all()  # FIPS 10-4, as in GDELT
    with_header = tmp_path / "header.tsv"
    runner.invoke(app, ["export", "--db", str(example_db), "-f", "gdelt-tsv", "-o", str(with_header), "--header"])
    assert with_header.read_text(encoding="utf-8").split("\n", 1)[0].split("\t") == store.GDELT_COLUMNS


def test_sql_is_read_only(example_db):
    before = counts(example_db)
    frame = store.sql("WITH t AS (SELECT event, count(*) AS n FROM events GROUP BY event) SELECT * FROM t ORDER BY n DESC", example_db)
    assert frame["n"].sum() == before["events"]
    for statement in ("DELETE FROM events", "DROP TABLE mentions", "SELECT 1; DELETE FROM events",
                      "COPY events TO 'x.csv'", "ATTACH 'other.duckdb'", "UPDATE events SET num_mentions = 0",
                      "CREATE TABLE t AS SELECT 1"):
        with pytest.raises(store.StoreError):
            store.sql(statement, example_db)
    with pytest.raises(store.StoreError, match="disabled"):
        store.sql("SELECT * FROM read_csv('/etc/hostname')", example_db)
    result = runner.invoke(app, ["sql", "DELETE FROM events", "--db", str(example_db)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "only SELECT" in result.stderr
    ok = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", "--db", str(example_db), "--format", "json"])
    assert json.loads(ok.stdout) == [{"n": before["documents"]}]
    assert counts(example_db) == before


def test_plot_dyad(example_db, tmp_path):
    out = store.plot_dyad("USA", "RUS", tmp_path / "usa_rus.png", example_db, by="day")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    result = runner.invoke(app, ["plot", "dyad", "USA", "RUS", "--db", str(example_db), "--out", str(tmp_path / "w.png")])
    assert result.exit_code == 0 and (tmp_path / "w.png").exists()
    none = runner.invoke(app, ["plot", "dyad", "USA", "BRA", "--db", str(example_db), "--out", str(tmp_path / "n.png")])
    assert none.exit_code == 2 and "no dated events" in none.stderr and not (tmp_path / "n.png").exists()


def test_second_writer_gets_a_clear_error(tmp_path):
    db = tmp_path / "locked.duckdb"
    store.ingest_documents(CALLS[:1], db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(store.StoreLocked, match=f"process {holder.pid} has it open"):
            store.ingest_documents(CALLS[1:], db)
        result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=json.dumps(CALLS[1]) + "\n")
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "has it open" in result.stderr
        reader = runner.invoke(app, ["query", "actors", "--db", str(db)])
        assert reader.exit_code == 2 and "cannot read" in reader.stderr
    finally:
        holder.kill()
        holder.wait()
    assert counts(db)["documents"] == 1  # nothing half-written, and the file still opens


# --- an ingest killed with SIGKILL, then run again -------------------------------------------------------------------

COUNTRIES = ["Russia", "Turkey", "Iran", "Israel", "Egypt", "Kenya", "Uganda", "France", "Germany", "China", "Japan", "India"]
SPEAKERS = ["officials said", "the ministry said", "a spokesman said", "diplomats said"]
TEMPLATES = ["{a} accused {b} of violating its airspace, {s}.", "{a} and {b} signed a trade agreement, {s}.",
             "{a} threatened to impose sanctions on {b}, {s}."]

# Runs an ingest that stops inside the transaction of its second batch (after its rows
# are inserted, before the commit) and waits there to be killed.
PAUSE_IN_TRANSACTION = """
import importlib, sys, time
ingest_module = importlib.import_module("whodid.store.ingest")  # the module, not the function of that name
real = ingest_module.recluster
calls = []
def pausing(con, keys, window):
    result = real(con, keys, window)
    calls.append(1)
    if len(calls) == 2:
        print("PAUSED", flush=True)
        time.sleep(120)
    return result
ingest_module.recluster = pausing
ingest_module.ingest([sys.argv[1]], sys.argv[2], batch=20)
"""


def generated_documents(n=200):
    docs = []
    for i in range(n):
        a, b = COUNTRIES[i % 5], COUNTRIES[5 + (i // 5) % 7]
        text = TEMPLATES[(i // 35) % 3].format(a=a, b=b, s=SPEAKERS[(i // 105) % 2 + (i % 2) * 2])
        docs.append({"id": f"gen-{i}", "text": text, "date": f"2020-01-0{1 + i % 2}", "source": f"outlet-{i % 4}"})
    return docs


def wait_for(stream, marker, process, timeout=60, log=None):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line)
        if marker in line:
            return
    process.kill()
    errors = log.read_text() if log else ""
    raise AssertionError(f"never saw {marker!r}; got {''.join(seen)!r} {errors}")


def snapshot(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "documents": sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()),
            "mentions": sorted(r[0] for r in con.execute("SELECT mention_id FROM mentions").fetchall()),
            "events": sorted(con.execute("SELECT dedup_key, date, num_mentions, num_articles, num_sources FROM events").fetchall()),
            "orphans": con.execute("SELECT count(*) FROM mentions WHERE event_id NOT IN (SELECT event_id FROM events)").fetchall()[0][0],
            "n_events_sum": con.execute("SELECT coalesce(sum(n_events), 0) FROM documents").fetchall()[0][0],
        }


def test_killed_ingest_resumes_without_duplicates_or_loss(tmp_path):
    docs = write_jsonl(tmp_path / "generated.jsonl", generated_documents())
    reference_db = tmp_path / "reference.duckdb"
    reference = store.ingest([docs], reference_db, batch=20)
    assert reference.added == 200
    expected = snapshot(reference_db)
    assert len(expected["events"]) < len(expected["mentions"])  # some reports were merged

    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # 1. the command line, killed between batches once two batches are committed
    cli = subprocess.Popen([sys.executable, "-m", "whodid.store.cli", "ingest", str(docs), "--db", str(db), "--batch", "20"],
                           stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=tmp_path, env=env)
    try:
        wait_for(cli.stderr, "batch 2 committed", cli)
        cli.send_signal(signal.SIGKILL)
    finally:
        cli.wait()
    first = snapshot(db)
    assert 40 <= len(first["documents"]) < 200 and len(first["documents"]) % 20 == 0  # whole batches only
    assert first["orphans"] == 0 and first["n_events_sum"] == len(first["mentions"])

    # 2. killed inside a transaction, after its rows were inserted but before the commit
    log = open(tmp_path / "paused.log", "w")
    paused = subprocess.Popen([sys.executable, "-c", PAUSE_IN_TRANSACTION, str(docs), str(db)],
                              stdout=subprocess.PIPE, stderr=log, text=True, cwd=tmp_path, env=env)
    try:
        wait_for(paused.stdout, "PAUSED", paused, log=tmp_path / "paused.log")
        paused.send_signal(signal.SIGKILL)
    finally:
        paused.wait()
        log.close()
    second = snapshot(db)
    assert len(second["documents"]) == len(first["documents"]) + 20  # its first batch stayed, the open one is gone
    assert second["orphans"] == 0 and second["n_events_sum"] == len(second["mentions"])

    # 3. run again to the end: the same store as an uninterrupted ingest
    resumed = store.ingest([docs], db, batch=20)
    assert resumed.known == len(second["documents"]) and resumed.added == 200 - len(second["documents"])
    assert snapshot(db) == expected
    # events built batch by batch are those a rebuild from all mentions gives
    with store.open_store(db) as con:
        store.set_window(con, 1)
    assert snapshot(db) == expected
