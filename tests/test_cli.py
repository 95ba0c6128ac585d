import json
import subprocess
import sys

from typer.testing import CliRunner

from conftest import ROOT
from whodid.cli import app

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "syria_talks_2015.txt"


def test_code_example_article_as_jsonl():
    result = runner.invoke(app, ["code", str(EXAMPLE), "--date", "2015-10-09", "--quiet"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) >= 5
    text = EXAMPLE.read_text(encoding="utf-8")
    assert {r["event"] for r in records} >= {"CONSULT", "ASSAULT", "ACCUSE"}
    for record in records:
        assert record["doc_id"] == "syria_talks_2015"
        for entity in record["actor"] + record["recipient"]:
            assert text[entity["start"]:entity["end"]] == entity["entity_text"]


def test_batch_with_a_bad_document_goes_on_and_says_so(tmp_path):
    good = tmp_path / "docs.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "Police arrested dozens of protesters in Tunis.", "date": "2022-10-03"})
                    + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["code", str(good), "--format", "json", "--output", str(out)])
    assert result.exit_code == 1
    assert "docs.jsonl:2" in result.stderr and "malformed JSON" in result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["doc_id"] for r in records] and all(r["doc_id"] == "a" for r in records)
    assert any(r["event"] == "COERCE" for r in records)


def test_strict_stops_and_bad_date_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kenya and Uganda signed a trade agreement.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--date", "2015-02-30"])
    assert result.exit_code == 2 and "not a date" in result.output
    missing = runner.invoke(app, ["code", str(tmp_path / "nope.txt"), "--strict"])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_explain_shows_the_entry_and_the_actor_rule():
    result = runner.invoke(app, ["explain", "Turkey accused Russia of violating its airspace.", "--date", "2015-10-09"])
    assert result.exit_code == 0
    assert "events_conflict.tsv" in result.stdout and "accuse" in result.stdout
    assert "TUR" in result.stdout and "RUS" in result.stdout


def test_kb_lookup_json():
    result = runner.invoke(app, ["kb", "lookup", "Kerry", "--date", "2015-09-18", "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert set(record) == {"query", "name", "code", "sector", "office", "identifier", "reason"}
    assert (record["code"], record["sector"]) == ("USA", "GOV")


def test_console_script_reads_stdin():
    completed = subprocess.run([sys.executable, "-m", "whodid", "code", "-", "--date", "2021-05-21", "-q"],
                               input="Egypt brokered a ceasefire between Israel and Hamas on Friday.",
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip(), "no records on stdout"
    assert "Traceback" not in completed.stderr
