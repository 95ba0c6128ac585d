"""`whodid kb import`: CAMEO/TABARI/PETRARCH dictionaries converted into a `--kb` folder.

The snippets below are invented for these tests; outputs go to pytest's tmp_path only.
"""

import csv
import datetime as dt
import random
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import SHARED, needs_shared
from whodid.resolve.importer import decode, import_dictionaries, parse_day, run_import
from whodid.resolve.kb import get_kb, name_keys
from whodid.resolve.lookup import lookup

D = dt.date

ACTORS = """\
# An invented actors dictionary in the TABARI/PETRARCH format.
FREEDONIA_ [FRA]
+FREEDONIAN_REPUBLIC_
+FREEDONIA_CITY_
SYLVANIA_ [ITA]
+FREEDONIA_CITY_

JANE_DOE_ [FRAGOV 150101-170514]
+MADAME_JANE_Q._DOE_
\t[FRAELI]
JOHN_ROE_  # a comment after the name
\t[USAGOVBUS 980101-011231]
\t[USAMIL >20020101]
PRIME_MINISTER_PAT_EXAMPLE_
+PAT_EXAMPLE_
\t[IGOUNO 070101-161231]
\t[ELI]# former
OLD_TIMER_
\t[DEUELI 350101-780430]
ORDER_OF_THE_TEST_LANTERN_ [IMGMUSREB] # an armed group
+TEST_LANTERN_BRIGADES_(TLB)_
ZEBRA_RELIEF_FUND_ [NGOHLH]
ACME_WIDGETS_ [MNCUSA]
NORTHLAND_ASSEMBLY_
\t[NORGOVLEG >090101]
BROKEN_DATES_ [FRAGOV 99999-01]
\t[FRAGOV 120101-110101]
\t[ZZTOP]
\t[FRAGOV 120101-130101]
NOT_A_CODE_ [QQQ]
<!-- an XML comment -->
NULL_ACTOR_ [---]
DANGLING_NAME_
"""

AGENTS = """\
# An invented agents dictionary.
!PERSON! = MAN, WOMAN
WIDGET!PERSON! [~BUS]
GRAND_VIZIER_ [~GOV]
ZORBLE_TROOPER {ZORBLE_TROOPERS} [~MILREB]
SKY_MONITOR [IGO~]
SOLDIER [~MIL]
DRIFTER [~PPL]
BROKEN_AGENT
"""


def rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    out = tmp_path_factory.mktemp("kb") / "imported"
    report = run_import([folder / "test.actors.txt", folder / "test.agents.txt"], out)
    return out, report


def test_codes_and_days():
    assert (decode("USAGOVBUS").code, decode("USAGOVBUS").sector) == ("USA", "GOV")
    assert (decode("IGOUNOREFHCR").code, decode("IGOUNOREFHCR").sector) == ("UNO", "REF")
    assert decode("IGOEUR").code == "EUR" and decode("IGOWSTNAT").code == "IGO"
    assert (decode("NGOHLH").code, decode("NGOHLH").sector) == ("NGO", "MED")  # CAMEO health is PLOVER MED
    assert decode("MNCUSAMED").sector == "JRN"  # CAMEO media is PLOVER JRN
    assert decode("AFGINS").sector == "REB" and decode("ESPSEP").sector == "REB"
    assert decode("USARAD").sector is None  # a stance, not a sector
    assert decode("USRARM").code == "ARM" and decode("SUN").code == "RUS" and decode("YUGHRV").code == "HRV"
    assert (decode("GBRVGBELI").code, decode("GBRVGBELI").sector) == ("GBR", "ELI")
    assert decode("PRIGOV").code == "USA"  # a dependency folds into its state
    assert (decode("IMGMUSALQ").code, decode("IMGMUSALQ").sector) == ("IMG", "REB")
    assert (decode("MEAREB").code, decode("MEAREB").sector) == ("IMG", "REB")
    assert decode("CHRCTH").sector == "REL" and decode("USAGOVLEG").institution_sector == "LEG"
    assert decode("ABCD") is None
    today = D(2025, 6, 1)
    assert parse_day("150101", today) == D(2015, 1, 1)
    assert parse_day("990630", today) == D(1999, 6, 30)
    assert parse_day("350101", today) == D(1935, 1, 1)  # 2035 lies ahead: 19xx
    assert parse_day("20041207", today) == D(2004, 12, 7)
    for bad in ("2004017", "1920030320", "15013x", "991301"):
        with pytest.raises(ValueError):
            parse_day(bad, today)


def test_converted_rows(imported):
    out, report = imported
    assert set(report.counts) == {"people_imported.tsv", "groups_imported.tsv", "organisations_imported.tsv",
                                  "territories_imported.tsv", "roles_imported.tsv"}
    assert all((out / name).exists() for name in report.counts)
    people = rows(out / "people_imported.tsv")
    assert report.counts["people_imported.tsv"] == len(people)
    jane = sorted((r["start"], r["end"], r["code"], r["sector"], r["office"]) for r in people if r["name"] == "Jane Doe")
    # the dated role, and the default [FRAELI] over the time it leaves
    assert jane == [("", "2014-12-31", "FRA", "ELI", "elite"), ("2015-01-01", "2017-05-14", "FRA", "GOV", "government"),
                    ("2017-05-15", "", "FRA", "ELI", "elite")]
    jane_row = next(r for r in people if r["name"] == "Jane Doe")
    assert "Madame Jane Q. Doe" in jane_row["aliases"].split("|")
    assert jane_row["source"].startswith("test.actors.txt:")
    roe = {(r["code"], r["sector"], r["office"], r["start"], r["end"]) for r in people if r["name"] == "John Roe"}
    assert roe == {("USA", "GOV", "government (business)", "1998-01-01", "2001-12-31"), ("USA", "MIL", "military", "2002-01-01", "")}
    # a title in front of the entry name: the plain synonym becomes the name; IGO people are GOV
    pat = {(r["code"], r["sector"], r["start"], r["end"]) for r in people if r["name"] == "Pat Example"}
    assert ("UNO", "GOV", "2007-01-01", "2016-12-31") in pat and ("UNO", "ELI", "2017-01-01", "") in pat
    assert {(r["start"], r["end"]) for r in people if r["name"] == "Old Timer"} == {("1935-01-01", "1978-04-30")}
    assert [r["code"] for r in people if r["name"] == "Broken Dates"] == ["FRA"]  # only its one good period

    groups = {r["name"]: r for r in rows(out / "groups_imported.tsv")}
    assert (groups["Order of the Test Lantern"]["code"], groups["Order of the Test Lantern"]["sector"]) == ("IMG", "REB")
    assert "TLB" in groups["Order of the Test Lantern"]["aliases"].split("|")
    # dated, but an institution: a group with a period, and its legislature sector
    assert (groups["Northland Assembly"]["sector"], groups["Northland Assembly"]["start"]) == ("LEG", "2009-01-01")
    organisations = {r["name"]: (r["code"], r["sector"]) for r in rows(out / "organisations_imported.tsv")}
    assert organisations == {"Zebra Relief Fund": ("NGO", "MED"), "Acme Widgets": ("MNC", "")}
    territories = rows(out / "territories_imported.tsv")
    # a name two country entries claim names neither
    assert [(t["name"], t["aliases"], t["code"]) for t in territories] == [
        ("Freedonia", "Freedonian Republic", "FRA"), ("Sylvania", "", "ITA")]
    assert report.skipped["country name given to two countries"] == 2

    roles = {r["term"]: (r["sector"], r["kind"], r["code"]) for r in rows(out / "roles_imported.tsv")}
    assert roles == {"widgetman": ("BUS", "noun", ""), "widgetwoman": ("BUS", "noun", ""),
                     "grand vizier": ("GOV", "noun", ""), "zorble trooper": ("MIL", "noun", ""),
                     "sky monitor": ("", "noun", "IGO")}
    assert report.skipped["role word already in roles.tsv"] == 1 and report.skipped["agent with no PLOVER sector"] == 1
    assert report.skipped["coded [---] (do not code)"] == 1


def test_import_dictionaries_returns_counts(imported, tmp_path):
    _, report = imported
    source = tmp_path / "again.txt"
    source.write_text(ACTORS, encoding="utf-8")
    counts = import_dictionaries([source], tmp_path / "out")
    assert counts["people_imported.tsv"] == report.counts["people_imported.tsv"] > 0
    assert counts["roles_imported.tsv"] == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(counts)


def test_problems_carry_line_numbers(imported):
    _, report = imported
    lines = ACTORS.splitlines()
    text = "\n".join(report.problems)
    broken = lines.index("BROKEN_DATES_ [FRAGOV 99999-01]") + 1
    assert f"test.actors.txt:{broken}: bad day '99999'" in text
    assert f"test.actors.txt:{broken + 1}: period '120101-110101' ends before it starts" in text
    assert f"test.actors.txt:{broken + 2}: unreadable code 'ZZTOP'" in text
    assert "code QQQ names no known country or organisation; left out" in text
    assert "'Dangling Name' has no code" in text
    assert f"test.agents.txt:{AGENTS.splitlines().index('BROKEN_AGENT') + 1}: agent without a [code]" in text


def test_imported_kb_resolves_by_date(imported):
    out, _ = imported
    kb = get_kb((out,))
    assert kb.problems == []

    def resolved(name, day=None):
        found = lookup(name, day, (out,))
        return found["code"], found["sector"]

    assert resolved("Jane Doe", D(2016, 6, 1)) == ("FRA", "GOV")
    assert resolved("Jane Doe", D(2018, 1, 1)) == ("FRA", "ELI")
    assert resolved("Madame Jane Q. Doe", D(2014, 1, 1)) == ("FRA", "ELI")
    assert resolved("John Roe", D(1999, 5, 1)) == ("USA", "GOV")
    assert resolved("John Roe", D(2010, 5, 1)) == ("USA", "MIL")
    assert resolved("Pat Example", D(2010, 1, 1)) == ("UNO", "GOV")
    assert resolved("Prime Minister Pat Example", D(2020, 1, 1)) == ("UNO", "ELI")
    assert resolved("TLB") == ("IMG", "REB")
    assert resolved("Zebra Relief Fund") == ("NGO", "MED")
    assert resolved("Freedonian Republic") == ("FRA", None)
    assert resolved("Freedonia City") == (None, None)
    assert resolved("grand vizier") == (None, "GOV")
    assert lookup("Dangling Name", None, (out,))["code"] is None
    # the built-in knowledge is still there, and wins for names it has
    assert resolved("France") == ("FRA", None)


def test_never_crashes_on_garbage(tmp_path):
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "binary.txt").write_bytes(b"\x00\x01\x02[USAGOV]\x00" * 50)
    (garbage / "empty.txt").write_text("", encoding="utf-8")
    (garbage / "latin1.txt").write_bytes("CAF\xc9_OWNER_ [FRABUS]\n".encode("latin-1"))
    lines = ["[", "]", "+", "+[", "[[USAGOV]]", "\t[USAGOV 010101-", "NAME_ [USAGOV >]", "NAME_ [USAGOV <9]",
             "X_ [GOV 010101-020101 030101]", "<!-- open comment", "still comment -->", "Y_ [~GOV]", "!A! = B",
             "Z_ [USAGOV 1-2-3]", "\t\t", "---", "A_(", "B_()_ [USA]", "C_+D_+_ [USAELI]", "é_ [USA]",
             "+" * 500, "[" * 300, "Q_ [" + "A" * 3000 + "]", "LEAP_DAY_ [USAGOV 000229-000301]", "NO_LEAP_DAY_ [USAGOV 010229-010301]"]
    rng = random.Random(7)
    alphabet = "AZ_+[]<>-~!{}# \t019()'.é"
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    (garbage / "junk.txt").write_text("\n".join(lines), encoding="utf-8")
    report = run_import([garbage, tmp_path / "missing.txt"], tmp_path / "out")
    assert any("binary file" in p for p in report.problems)
    assert any("missing.txt: no such file" in p for p in report.problems)
    assert all(":" in p for p in report.problems)
    people = rows(tmp_path / "out" / "people_imported.tsv")
    assert any(r["name"] == "Leap Day" and r["start"] == "2000-02-29" for r in people)  # a leap day is a day
    assert any("day is out of range" in p for p in report.problems)  # 2001-02-29 is not
    assert get_kb((tmp_path / "out",)).problems == []


def test_cli_prints_counts_and_warnings(tmp_path):
    from whodid.resolve.import_cli import kb_import

    app = typer.Typer()
    kb_app = typer.Typer()
    app.add_typer(kb_app, name="kb")
    kb_app.command("import")(kb_import)
    source = tmp_path / "mine.txt"
    source.write_text(ACTORS, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["kb", "import", str(source), "--out", str(tmp_path / "kb")])
    assert result.exit_code == 0, result.output
    assert "people_imported.tsv" in result.output and "warning" in result.output
    assert "Traceback" not in result.output and result.exception is None
    missing = runner.invoke(app, ["kb", "import", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "kb2")])
    assert missing.exit_code == 1 and "no such file" in missing.output and "Traceback" not in missing.output


@needs_shared("petrarch")
def test_real_phoenix_dictionaries(tmp_path):
    out = tmp_path / "phoenix"
    report = run_import([SHARED / "petrarch"], out)
    counts = report.counts
    assert counts["people_imported.tsv"] > 10000, counts
    assert counts["groups_imported.tsv"] > 500 and counts["organisations_imported.tsv"] > 1000, counts
    assert counts["roles_imported.tsv"] > 1000 and counts["territories_imported.tsv"] > 50, counts
    assert len(report.problems) < 0.01 * report.entries  # malformed lines are few, and reported
    builtin = get_kb().counts["people"]
    kb = get_kb((out,))
    assert kb.problems == []
    assert kb.counts["people"] - builtin > 1000
    # every imported row resolves as written, on a day inside its period
    for name in ("people_imported.tsv", "groups_imported.tsv", "organisations_imported.tsv", "territories_imported.tsv"):
        table = rows(out / name)
        for row in random.Random(name).sample(table, 25):
            start = dt.date.fromisoformat(row["start"]) if row.get("start") else None
            end = dt.date.fromisoformat(row["end"]) if row.get("end") else None
            day = start or end or D(2010, 1, 1)
            records = [r for key in name_keys(row["name"]) for r in kb.names.get(key, [])]
            assert records, row
            roles = [(role.code, role.sector) for record in records for role in record.roles if role.holds_on(day)]
            plain = [(record.code, record.sector) for record in records if not record.roles]
            assert (row["code"], row["sector"] or None) in roles + plain, (row, roles, plain)
    found = lookup(rows(out / "people_imported.tsv")[0]["name"], D(2010, 1, 1), (out,))
    assert found["code"] is not None
