"""Faults under the event store, through the real command line (`python -m whodid ingest`):
database paths that cannot be written (read-only file or folder, a path that cannot exist),
a disk that fills up mid-ingest (simulated with RLIMIT_FSIZE), the same for the service's
POST /ingest, and an ingest killed with SIGKILL at random points several times, then finished.

Each fault must give one clear line on stderr (no traceback) and leave the existing store
consistent: whole batches only, no orphan or duplicate rows, and a rerun that ends equal to an
uninterrupted ingest. tests/test_store.py kills an ingest at two chosen points; this file reuses
its document generator and snapshot.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT
from test_store import generated_documents, snapshot, wait_for, write_jsonl
from whodid import store

BATCH = 20
TIMEOUT = 180
ENV = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def documents(n: int = 400) -> list[dict]:
    """test_store's 200 generated one-sentence reports, and 200 more: the same reports a month later."""
    first = generated_documents(200)
    later = [{**d, "id": d["id"] + "-feb", "text": d["text"][:-1] + " again.", "date": d["date"].replace("-01-", "-02-")}
             for d in first]
    return (first + later)[:n]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The documents as JSONL, the first 40 of them as a store to damage, and an uninterrupted ingest of all."""
    folder = tmp_path_factory.mktemp("faults")
    docs = documents()
    all_docs = write_jsonl(folder / "reports.jsonl", docs)
    base = folder / "base.duckdb"
    assert store.ingest([write_jsonl(folder / "first40.jsonl", docs[:40])], base, batch=BATCH).added == 40
    reference_db = folder / "reference.duckdb"
    assert store.ingest([all_docs], reference_db, batch=BATCH).added == len(docs)
    return {"docs": all_docs, "n": len(docs), "base": base, "reference": snapshot(reference_db)}


def ingest_cli(db: Path, inputs: Path, *, preexec_fn=None, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "whodid", "ingest", str(inputs), "--db", str(db), "--batch", str(BATCH)],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd, env=ENV, preexec_fn=preexec_fn)


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], result.stderr
    return errors[0]


def consistent(db: Path) -> dict:
    """Open the store afresh and check it holds whole batches and no orphan or duplicate rows."""
    found = snapshot(db)
    with duckdb.connect(str(db), read_only=True) as con:
        one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
        assert one("SELECT count(*) - count(DISTINCT content_hash) FROM documents") == 0
        assert one("SELECT count(*) - count(DISTINCT mention_id) FROM mentions") == 0
        assert one("SELECT count(*) - count(DISTINCT event_id) FROM events") == 0
        assert one("SELECT count(*) FROM mentions WHERE doc_key NOT IN (SELECT content_hash FROM documents)") == 0
        assert one("SELECT count(*) FROM events e WHERE num_mentions <> "
                   "(SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id)") == 0
    assert found["orphans"] == 0 and found["n_events_sum"] == len(found["mentions"])
    assert len(found["documents"]) % BATCH == 0, len(found["documents"])  # whole batches only
    return found


@contextlib.contextmanager
def read_only(path: Path):
    """Make a file or folder unwritable, also for root: chmod as a user, `chattr +i` as root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root (permissions do not stop root) and chattr +i does not work here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


# --- paths that cannot be written --------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["under-a-file", "proc"])
def test_store_path_that_cannot_be_created(tmp_path, corpus, where):
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    db = tmp_path / "notes.txt" / "news.duckdb" if where == "under-a-file" else Path(f"/proc/whodid-{os.getpid()}.duckdb")
    result = ingest_cli(db, corpus["docs"], cwd=tmp_path)
    assert_one_line_error(result, "[W010]", str(db))
    assert not db.exists()


def test_read_only_store_file(tmp_path, corpus):
    db = tmp_path / "news.duckdb"
    shutil.copy(corpus["base"], db)
    before = consistent(db)
    with read_only(db):
        result = ingest_cli(db, corpus["docs"], cwd=tmp_path)
        assert_one_line_error(result, "[W010]", str(db))
    assert consistent(db) == before and len(before["documents"]) == 40


def test_store_in_a_read_only_folder(tmp_path, corpus):
    """The file is writable but its folder is not: DuckDB cannot create the write-ahead log, so the
    first commit fails (before the fix in whodid/store/ingest.py: DuckDB's TransactionException)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "news.duckdb"
    shutil.copy(corpus["base"], db)
    before = consistent(db)
    with read_only(folder):
        result = ingest_cli(db, corpus["docs"], cwd=tmp_path)
        line = assert_one_line_error(result, "[W010] cannot write to", str(db))
        assert "TransactionException" not in line and ".wal" in line
    assert consistent(db) == before


def test_a_document_that_is_not_valid_unicode_is_skipped_not_fatal(tmp_path):
    """A JSON line may escape a lone surrogate (\\ud800): valid JSON, not storable text. It used to stop
    the whole ingest (UnicodeEncodeError while hashing it); now it is one skipped document."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": "Kenya and Uganda signed a trade agreement on Monday.", "date": "2020-03-04"})
                    + '\n{"id": "bad", "text": "\\ud800 Police arrested protesters in Tunis.", "date": "2020-03-04"}\n'
                    + '{"id": "bad-url", "text": "Police arrested protesters in Cairo.", "url": "https://x.example/\\udc80"}\n'
                    + json.dumps({"id": "a2", "text": "Turkey accused Russia of violating its airspace.", "date": "2020-03-04"})
                    + "\n", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = ingest_cli(db, feed, cwd=tmp_path)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2, result.stderr
    assert skipped[0].startswith("skipped bad: its text is not valid Unicode")
    assert skipped[1].startswith("skipped bad-url: its url is not valid Unicode")
    assert stored_ids(db) == ["a1", "a2"]


def stored_ids(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall())


# --- the disk fills up ---------------------------------------------------------------------------------------------

def file_size_limit(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail with EFBIG instead of killing it
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_disk_full_mid_ingest(tmp_path, corpus):
    db = tmp_path / "news.duckdb"
    shutil.copy(corpus["base"], db)
    # Every file the ingest writes is capped at 200 kB: the store file (2 MB) cannot grow and the
    # write-ahead log fills after a few batches, as on a full disk.
    result = ingest_cli(db, corpus["docs"], cwd=tmp_path, preexec_fn=file_size_limit(200_000))
    assert_one_line_error(result, "[W010] cannot write to", str(db), "too large")
    after = consistent(db)
    assert 40 <= len(after["documents"]) < corpus["n"]
    assert set(after["documents"]) <= set(corpus["reference"]["documents"])

    again = ingest_cli(db, corpus["docs"], cwd=tmp_path)  # space is back: finish the job
    assert again.returncode == 0, again.stderr
    assert consistent(db) == corpus["reference"]


def test_service_ingest_into_an_unwritable_store_is_503(tmp_path, corpus):
    """POST /ingest gets a 503 with a JSON error, not a 500, and the store is unchanged."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from whodid.service import create_app

    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "news.duckdb"
    shutil.copy(corpus["base"], db)
    body = {"documents": [{"id": "x1", "text": "Kenya and Uganda signed a trade agreement on Monday.", "date": "2020-03-02"}]}
    auth = {"Authorization": "Bearer fault-token-0123456789"}
    with TestClient(create_app(Path(f"/proc/whodid-{os.getpid()}.duckdb"), token="fault-token-0123456789")) as client:
        response = client.post("/ingest", json=body, headers=auth)
        assert response.status_code == 503 and response.json()["error"]["type"] == "store_unwritable"
    with read_only(folder):
        with TestClient(create_app(db, token="fault-token-0123456789"), raise_server_exceptions=False) as client:
            response = client.post("/ingest", json=body, headers=auth)
            assert response.status_code == 503, response.text
            error = response.json()["error"]
            assert error["type"] == "store_unwritable" and str(db) in error["message"]
            assert client.get("/health").json()["store"]["documents"] == 40
    assert len(consistent(db)["documents"]) == 40


# --- SIGKILL at random points, then run again ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [9])
def test_ingest_killed_at_random_points_resumes_without_duplicates_or_loss(tmp_path, corpus, seed):
    rng = random.Random(seed)
    db = tmp_path / "killed.duckdb"
    stored = 0
    for attempt in range(3):
        batches, delay = rng.randint(1, 3), rng.uniform(0.0, 0.6)
        process = subprocess.Popen([sys.executable, "-m", "whodid", "ingest", str(corpus["docs"]), "--db", str(db),
                                    "--batch", str(BATCH)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   text=True, cwd=tmp_path, env=ENV)
        try:
            wait_for(process.stderr, f"batch {batches} committed", process, timeout=TIMEOUT)
            time.sleep(delay)  # somewhere in reading, coding or writing the next batch
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait()
            process.stderr.close()
        assert process.returncode == -signal.SIGKILL, f"attempt {attempt}: the ingest ended before it was killed"
        found = consistent(db)
        assert len(found["documents"]) >= stored + batches * BATCH, f"attempt {attempt}: committed batches were lost"
        assert set(found["documents"]) <= set(corpus["reference"]["documents"])
        stored = len(found["documents"])
    assert stored < corpus["n"]

    result = subprocess.run([sys.executable, "-m", "whodid", "ingest", str(corpus["docs"]), "--db", str(db),
                             "--batch", str(BATCH)], capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path, env=ENV)
    assert result.returncode == 0, result.stderr
    assert f"{corpus['n'] - stored} document(s) added, {stored} already stored" in result.stderr
    assert consistent(db) == corpus["reference"]  # nothing lost, nothing twice
