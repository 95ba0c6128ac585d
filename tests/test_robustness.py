"""Bad input through the real command line: `python -m whodid code` in a subprocess, one test per
kind of bad input of issue 9 (docs/reliability.md lists them with the results).

Every test puts its bad document between two good ones and checks: exactly one line on stderr
naming the document and the reason, no traceback, the good documents coded (their records on
stdout), the exit status (1 when something was skipped, 0 otherwise), and that `--strict` stops
at the bad document (the good one before it is written, the one after it is not).

Each run starts a Python process that loads spaCy (~3.5 s of CPU), so the runs of the selected
tests are started together when the module begins, a few at a time, and each test waits for its
own. Runs get COLUMNS=4000: `whodid code` prints problems through Rich, which wraps them at 80
columns when stderr is not a terminal (a bug, see test_problem_line_is_not_wrapped_at_80_columns).
"""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

TIMEOUT = 120  # seconds, for every run
DATE = "2015-10-09"
WIDE = {"COLUMNS": "4000"}
SUMMARY = re.compile(r"^\d+ document\(s\) coded, \d+ event\(s\)")

GOOD_A = "Russian warplanes bombed rebel positions near Idlib on Tuesday, officials said.\n"
GOOD_B = "Turkey accused Russia of violating its airspace on Saturday, the foreign ministry said.\n"
TRIGGER = "Turkey accused Russia of violating its airspace "
FRENCH = (
    "Le gouvernement français a annoncé mardi qu'il allait renforcer sa présence militaire au Sahel. "
    "Selon le ministre des Armées, les soldats seront déployés dans la région dans les prochaines semaines. "
    "Les autorités du Mali ont critiqué cette décision, qu'elles jugent contraire à la souveraineté du pays. "
    "Des manifestations ont eu lieu à Bamako, où des centaines de personnes se sont rassemblées devant "
    "l'ambassade pour dénoncer ce qu'elles appellent une ingérence étrangère.\n")


# --- the inputs ----------------------------------------------------------------------------------------------------

def long_sentence() -> str:
    """1,000,000 characters of English words without any punctuation, with four trigger phrases."""
    filler = "the people of the region waited in the market of the old town for news from the capital and the weather was mild "
    parts, size, index = [], 0, 0
    while size < 1_000_000:
        piece = TRIGGER if index % 2000 == 1000 else filler
        parts.append(piece)
        size += len(piece)
        index += 1
    return "".join(parts)[:1_000_000].strip()


def write_inputs(folder: Path) -> None:
    def text(name: str, value: str) -> None:
        (folder / name).write_text(value, encoding="utf-8")

    def raw(name: str, value: bytes) -> None:
        (folder / name).write_bytes(value)

    def jsonl(name: str, lines: list) -> None:
        text(name, "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))

    text("good_a.txt", GOOD_A)
    text("good_b.txt", GOOD_B)
    raw("empty.txt", b"")
    raw("report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                      b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    raw("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 16 + b"\x08\x00\x00\x00article.txt"
                       + b"PK\x05\x06" + b"\x00" * 18)
    raw("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
                       b"\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82")
    raw("bad_utf8.txt", b"Turkish officials said \xff\xfe\xc3\x28 on Saturday that " + GOOD_B.encode("utf-8")
        + "\nPresident Erdoğan accused Russia of violating Turkish airspace on Sunday, his office said.\n".encode("utf-8"))
    raw("latin1.txt", ("Turkey accused Russia of violating its airspace near the café in Gaziantep on Saturday, "
                       "said François Delattre, a French diplomat.\n").encode("latin-1"))
    text("long_sentence.txt", long_sentence())
    text("nested.html", "<html><head><title>Strike</title></head><body>" + "<div>" * 5000 + "<p>" + GOOD_A.strip()
         + "</p>" + "</div>" * 5000 + "</body></html>")
    text("malformed.html", "<html><head><title>Strike</title><body><div><p>" + GOOD_A.strip() + "<p>" + GOOD_B.strip()
         + "<div><span></b></i><table><tr><td>cell<p></html><<>>&bogus;&#xZZ;<![CDATA[ <!-- unclosed comment")
    text("french.txt", FRENCH)
    jsonl("feed.jsonl", [{"id": "ok1", "text": GOOD_A, "date": DATE}, "{broken", "[1, 2, 3]",
                         {"id": "no-text", "title": "only a title"}, '{"id": "cut", "text": "Police arrested',
                         {"id": "lone-surrogate", "text": "\ud800 " + GOOD_A, "date": DATE},  # valid JSON, not Unicode
                         {"id": "ok2", "text": GOOD_B, "date": DATE}])
    text("columns.csv", "id,title,date\nc1,Kerry calls Lavrov,2015-10-09\n")
    text("rows.csv", f'id,text,date\nr1,"{GOOD_A.strip()}",2015-10-09\nr2\nr3,,2015-10-09\nr4,"{GOOD_B.strip()}"\n')
    jsonl("dates.jsonl", [{"id": "feb30", "text": GOOD_A, "date": "2015-02-30"}, {"id": "oct9", "text": GOOD_B, "date": DATE}])
    jsonl("markup.jsonl", [{"id": "ok1", "text": GOOD_A, "date": DATE}, {"id": "[/b]", "text": FRENCH},
                           {"id": "ok2", "text": GOOD_B, "date": DATE}])
    jsonl("deep.jsonl", [{"id": "ok1", "text": GOOD_A, "date": DATE}, "[" * 100_000 + "]" * 100_000,
                         {"id": "ok2", "text": GOOD_B, "date": DATE}])
    raw("notes[b].txt", b"")
    raw("an-empty-file-with-a-rather-long-name-as-scrapers-write-them-2015-10-09.txt", b"")
    paragraph = "The weather was mild across the region and markets were quiet as traders waited for new figures.\n\n"
    with open(folder / "dump.txt", "w", encoding="utf-8") as handle:  # ~30 MB, streamed in parts by the reader
        for _ in range(30_000_000 // len(paragraph) + 1):
            handle.write(paragraph)


# --- running the command line --------------------------------------------------------------------------------------

@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kb: int  # peak resident memory of this child (wait4's rusage)

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    @property
    def doc_ids(self) -> set[str]:
        return {r["doc_id"] for r in self.records}

    @property
    def lines(self) -> list[str]:
        """Stderr lines other than blank ones and the closing summary."""
        return [line for line in self.stderr.splitlines() if line.strip() and not SUMMARY.match(line)]

    def __str__(self) -> str:
        return f"whodid {' '.join(self.args)} -> {self.returncode}\nstderr:\n{self.stderr[-3000:]}"


_numbers = itertools.count()


def run_whodid(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """`python -m whodid ARGS`, with a timeout; stdout and stderr go to files (no pipe to fill)."""
    environment = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "COLUMNS", "LINES"}}
    environment["PYTHONPATH"] = str(ROOT) + os.pathsep + environment.get("PYTHONPATH", "")
    environment.update(env)
    tag = next(_numbers)
    out_path, err_path = cwd / f".out-{tag}", cwd / f".err-{tag}"
    started = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "whodid", *args], stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL, cwd=cwd, env=environment)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() - started > TIMEOUT:
            process.kill()
            process.wait()
            raise AssertionError(f"whodid {' '.join(args)} did not finish in {TIMEOUT} s")
        time.sleep(0.05)
    seconds = time.monotonic() - started
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    out_path.unlink()
    err_path.unlink()
    return Run(args, process.returncode, stdout, stderr, seconds, usage.ru_maxrss)


def code(*inputs: str, strict: bool = False, date: str = DATE, env: dict | None = None) -> tuple:
    """A run of `whodid code` on files of the inputs folder: (input names, options, environment)."""
    return inputs, ["--date", date] + (["--strict"] if strict else []), dict(WIDE if env is None else env)


def around(bad: str, strict: bool = False) -> tuple:
    return code("good_a.txt", bad, "good_b.txt", strict=strict)


CASES = {
    "empty": around("empty.txt"), "empty-strict": around("empty.txt", strict=True),
    "binary": code("good_a.txt", "report.txt", "archive.txt", "good_b.txt", "picture.txt"),
    "binary-strict": code("good_a.txt", "report.txt", "good_b.txt", "archive.txt", "picture.txt", strict=True),
    "encodings": code("good_a.txt", "bad_utf8.txt", "latin1.txt", "good_b.txt"),
    "long-sentence": around("long_sentence.txt"),
    "nested": around("nested.html"), "nested-strict": around("nested.html", strict=True),
    "malformed-html": around("malformed.html"),
    "french": around("french.txt"), "french-strict": around("french.txt", strict=True),
    "jsonl": around("feed.jsonl"), "jsonl-strict": around("feed.jsonl", strict=True),
    "csv": code("good_a.txt", "columns.csv", "rows.csv", "good_b.txt"),
    "csv-columns-strict": code("good_a.txt", "columns.csv", "good_b.txt", "rows.csv", strict=True),
    "csv-rows-strict": around("rows.csv", strict=True),
    "date-field": around("dates.jsonl"), "date-field-strict": around("dates.jsonl", strict=True),
    "date-option": code("good_a.txt", "good_b.txt", date="2015-02-30"),
    "large-file": around("dump.txt"),
    "wrap": code("good_a.txt", "an-empty-file-with-a-rather-long-name-as-scrapers-write-them-2015-10-09.txt", env={}),
    "markup-crash": around("markup.jsonl"), "markup-name": around("notes[b].txt"),
    "deep-json": around("deep.jsonl"),
}


def uses(*names: str):
    """Declare the runs a test needs, so the module starts them all at once."""
    def mark(func):
        func.cases = names
        return func
    return mark


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("robustness")
    write_inputs(folder)
    wanted: list[str] = []
    for item in request.session.items:
        if Path(str(item.path)) == Path(__file__):
            wanted += [n for n in getattr(item.function, "cases", ()) if n not in wanted]
    # The largest runs first, so the rest fill in around them.
    wanted.sort(key=lambda n: n not in {"large-file", "long-sentence"})
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1)) as pool:
        futures = {}
        for name in wanted:
            inputs, options, env = CASES[name]
            futures[name] = pool.submit(run_whodid, ["code", *(str(folder / i) for i in inputs), *options], folder, env)
        yield {"folder": folder, **futures}
        for future in futures.values():
            future.cancel()


def get(runs, name: str) -> Run:
    return runs[name].result(timeout=20 * TIMEOUT)


# --- checks ----------------------------------------------------------------------------------------------------------

def assert_clean(run: Run) -> None:
    assert "Traceback" not in run.stderr, str(run)
    assert "Traceback" not in run.stdout, str(run)


def assert_skipped(run: Run, where: str, reason: str, *, also: tuple[str, ...] = ()) -> str:
    """Exactly one stderr line names `where` and gives a reason matching `reason`; the good documents are coded."""
    assert_clean(run)
    naming = [line for line in run.lines if where in line]
    assert len(naming) == 1, str(run)
    assert re.search(rf"^skipped .*{re.escape(where)}\S*: .*{reason}", naming[0]), str(run)
    assert {"good_a", "good_b", *also} <= run.doc_ids, str(run)
    assert run.returncode == 1, str(run)
    return naming[0]


def assert_strict_stops(run: Run, where: str, reason: str) -> None:
    """--strict: the document before the bad one is written, the bad one reported, nothing after it."""
    assert_clean(run)
    assert run.returncode == 1, str(run)
    assert len(run.lines) == 1 and where in run.lines[0] and re.search(reason, run.lines[0]), str(run)
    assert "good_a" in run.doc_ids and "good_b" not in run.doc_ids, str(run)


def assert_coded(run: Run, doc_id: str) -> list[dict]:
    assert_clean(run)
    assert run.returncode == 0, str(run)
    assert run.lines == [], str(run)
    assert {"good_a", "good_b", doc_id} <= run.doc_ids, str(run)
    return [r for r in run.records if r["doc_id"] == doc_id]


# --- the tests -------------------------------------------------------------------------------------------------------

@uses("empty", "empty-strict")
def test_empty_file(runs):
    assert_skipped(get(runs, "empty"), "empty.txt", "empty document")
    assert_strict_stops(get(runs, "empty-strict"), "empty.txt", "empty document")


@uses("binary", "binary-strict")
@pytest.mark.parametrize("kind, name", [("pdf", "report.txt"), ("zip", "archive.txt"), ("png", "picture.txt")])
def test_binary_file_with_a_text_extension(runs, kind, name):
    batch = get(runs, "binary")  # all three in one batch: each named once, the good ones coded
    assert_skipped(batch, name, "binary file, not text")
    assert len(batch.lines) == 3
    # --strict on good_a, the PDF, good_b, the ZIP, the PNG: stops at the PDF, the same reader check for all three
    assert_strict_stops(get(runs, "binary-strict"), "report.txt", "binary file, not text")


@uses("encodings")
def test_invalid_utf8_is_decoded_and_coded(runs):
    records = assert_coded(get(runs, "encodings"), "bad_utf8")
    accuse = [r for r in records if r["event"] == "ACCUSE"]
    assert accuse and {a["code"] for a in accuse[0]["actor"]} == {"TUR"}
    assert "violating its airspace" in accuse[0]["text"]


@uses("encodings")
@pytest.mark.xfail(strict=True, reason="ingest/readers.py decode(): one invalid byte makes the whole file decode as "
                                       "Windows-1252, so its valid UTF-8 is garbled (Erdoğan -> ErdoÄŸan, no longer "
                                       "a name in the knowledge base)")
def test_valid_utf8_around_an_invalid_byte_stays_intact(runs):
    records = assert_coded(get(runs, "encodings"), "bad_utf8")
    assert any(a["entity_text"] == "President Erdoğan" for r in records for a in r["actor"]), \
        [a["entity_text"] for r in records for a in r["actor"]]


@uses("encodings")
def test_latin1_text_is_decoded_and_coded(runs):
    records = assert_coded(get(runs, "encodings"), "latin1")
    assert records and "café" in records[0]["text"] and "François" in records[0]["text"]


@uses("long-sentence")
def test_one_megabyte_sentence_without_punctuation_is_cut_and_fast(runs):
    run = get(runs, "long-sentence")
    assert run.seconds < TIMEOUT  # capped, not quadratic: ~4 s alone on a 2-core machine
    records = assert_coded(run, "long_sentence")
    text = (runs["folder"] / "long_sentence.txt").read_text(encoding="utf-8")
    assert 1 <= len(records) <= 4  # four trigger phrases; one may be cut at a piece boundary
    for record in records:
        assert len(record["text"]) <= 2000
        span = record["event_text"]
        assert text[span["start"]:span["end"]] == span["text"]
        assert text[record["text_info"]["start"]:record["text_info"]["end"]] == record["text"]


@uses("nested", "nested-strict")
def test_deeply_nested_html(runs):
    """5,000 nested <div>s: lxml stops building the tree at depth 256, so the text is not found;
    that is reported (a clear line, the batch goes on), never a crash or a hang."""
    run = get(runs, "nested")
    if run.returncode == 0:  # a reader that gets past the depth limit codes it
        assert_coded(run, "nested")
        return
    assert_skipped(run, "nested.html", "no article text found in the HTML")
    assert_strict_stops(get(runs, "nested-strict"), "nested.html", "no article text")


@uses("malformed-html")
def test_malformed_html_is_coded(runs):
    records = assert_coded(get(runs, "malformed-html"), "malformed")
    assert {"ASSAULT", "ACCUSE"} <= {r["event"] for r in records}


@uses("french", "french-strict")
def test_non_english_article_is_skipped_with_a_reason(runs):
    line = assert_skipped(get(runs, "french"), "french", r"not English \(only \d+% English function words\)")
    assert line.startswith("skipped french:")
    assert_strict_stops(get(runs, "french-strict"), "french", "not English")


@uses("jsonl", "jsonl-strict")
def test_jsonl_with_malformed_lines(runs):
    run = get(runs, "jsonl")
    assert_skipped(run, "feed.jsonl:2", r"malformed JSON \(", also=("ok1", "ok2"))
    assert_skipped(run, "feed.jsonl:3", "a record must be a JSON object", also=("ok1", "ok2"))
    assert_skipped(run, "feed.jsonl:4", "record has no 'text' or 'html' field", also=("ok1", "ok2"))
    assert_skipped(run, "feed.jsonl:5", r"malformed JSON \(", also=("ok1", "ok2"))
    assert_skipped(run, "lone-surrogate", r"can't encode|not valid Unicode|surrogate", also=("ok1", "ok2"))
    assert len(run.lines) == 5 and "5 skipped" in run.stderr
    strict = get(runs, "jsonl-strict")
    assert_strict_stops(strict, "feed.jsonl:2", "malformed JSON")
    assert "ok1" in strict.doc_ids and "ok2" not in strict.doc_ids


@uses("deep-json")
def test_jsonl_line_nested_too_deep(runs):
    assert_skipped(get(runs, "deep-json"), "deep.jsonl:2", "", also=("ok1", "ok2"))


@uses("csv", "csv-columns-strict")
def test_csv_without_a_text_column(runs):
    assert_skipped(get(runs, "csv"), "columns.csv", r"CSV has no 'text' or 'html' column \(columns: date, id, title\)")
    assert_strict_stops(get(runs, "csv-columns-strict"), "columns.csv", "no 'text' or 'html' column")


@uses("csv", "csv-rows-strict")
def test_csv_rows_with_missing_fields(runs):
    run = get(runs, "csv")
    assert_skipped(run, "rows.csv:3", "record has no 'text' or 'html' field", also=("r1", "r4"))
    assert_skipped(run, "rows.csv:4", "record has no 'text' or 'html' field", also=("r1", "r4"))
    assert len(run.lines) == 3  # and columns.csv
    strict = get(runs, "csv-rows-strict")
    assert_strict_stops(strict, "rows.csv:3", "no 'text'")
    assert "r1" in strict.doc_ids and "r4" not in strict.doc_ids


@uses("date-field", "date-field-strict")
def test_impossible_date_in_a_record(runs):
    assert_skipped(get(runs, "date-field"), "dates.jsonl:1", r"unreadable date '2015-02-30' \(use YYYY-MM-DD\)",
                   also=("oct9",))
    assert_strict_stops(get(runs, "date-field-strict"), "dates.jsonl:1", "unreadable date")


@uses("date-option")
def test_impossible_date_option(runs):
    """A bad --date is a usage error (exit 2) before anything is read: Typer's usage box, one line
    of which names the value and why."""
    run = get(runs, "date-option")
    assert_clean(run)
    assert run.returncode == 2 and run.stdout == ""
    assert len([line for line in run.lines if "2015-02-30" in line]) == 1
    assert re.search(r"'2015-02-30' is not a date: use YYYY-MM-DD", run.stderr)


@uses("large-file")
def test_thirty_megabyte_file_is_streamed_with_bounded_memory(runs):
    run = get(runs, "large-file")
    assert_coded(run, "good_a")
    assert run.doc_ids == {"good_a", "good_b"}  # the dump has no trigger words
    parts = int(re.search(r"(\d+) document\(s\) coded", run.stderr).group(1)) - 2
    assert parts >= 60  # parts of at most ~500,000 characters each, never the whole file at once
    assert run.max_rss_kb < 1.5 * 1024 * 1024, f"peak memory {run.max_rss_kb / 1024:.0f} MB"  # ~400 MB measured


# --- known bugs in `whodid code`'s problem lines (whodid/cli.py prints them as Rich markup) --------------------------

@uses("wrap")
def test_problem_line_is_not_wrapped_at_80_columns(runs):
    run = get(runs, "wrap")
    assert_clean(run)
    assert len(run.lines) == 1 and run.lines[0].endswith(": empty document"), str(run)


@uses("markup-crash")
def test_document_id_that_looks_like_markup_does_not_crash(runs):
    run = get(runs, "markup-crash")
    assert_clean(run)
    assert run.returncode == 1 and {"ok1", "ok2"} <= run.doc_ids and any("[/b]" in line for line in run.lines)


@uses("markup-name")
def test_file_name_with_brackets_is_named_as_it_is(runs):
    assert_skipped(get(runs, "markup-name"), "notes[b].txt", "empty document")
