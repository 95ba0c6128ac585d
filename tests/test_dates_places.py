"""Event dates and places measured on the project's own test set (tests/data/dates_places.jsonl).

Each case is one invented news sentence with one political event, its publication date, and the
event date, date precision, place and ISO alpha-3 country a careful annotator would give. The
coder is run once per case; the event of the expected type is scored (the first event when there
is none of that type; no event at all counts as wrong for both date and place).

    python3 -m pytest -q -s tests/test_dates_places.py

prints the accuracies and a table of the failures. The thresholds guard against regressions; the
aim of issue 5 is 0.90 for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import load_jsonl

CASES_PATH = Path(__file__).resolve().parent / "data" / "dates_places.jsonl"
CASES = load_jsonl(CASES_PATH)

MIN_CASES = 130
MIN_DATE_ACCURACY = 0.90
MIN_PLACE_ACCURACY = 0.85


@dataclass
class Outcome:
    case: dict
    found: bool  # an event at all
    event: str | None
    date: str | None
    precision: str | None
    place: str | None
    country: str | None

    @property
    def date_ok(self) -> bool:
        return self.found and self.date == self.case["expect_date"] and self.precision == self.case["expect_precision"]

    @property
    def place_ok(self) -> bool:
        if not self.found:
            return False
        if self.case["expect_country"] is None:
            return self.country is None and self.place is None
        return self.country == self.case["expect_country"]


def _code_case(case: dict) -> Outcome:
    import whodid

    events = list(whodid.code(case["text"], date=case["date"]))  # one call per case
    if not events:
        return Outcome(case, False, None, None, None, None, None)
    event = next((e for e in events if e.event == case["event"]), events[0])
    loc = event.event_loc or {}
    return Outcome(case, True, event.event, event.date, event.date_precision,
                   loc.get("extracted_place"), loc.get("country_code"))


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return [_code_case(case) for case in CASES]


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.3f}" if total else "n/a"


def _table(title: str, rows: list[tuple[str, str, str, str]]) -> None:
    print(f"\n{title} ({len(rows)})")
    if not rows:
        return
    widths = [max(len(r[i]) for r in rows + [("id", "expected", "got", "note")]) for i in range(3)]
    print(f"  {'id':<{widths[0]}}  {'expected':<{widths[1]}}  {'got':<{widths[2]}}  note")
    for row in rows:
        print(f"  {row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")


def test_case_count():
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases, at least {MIN_CASES} wanted"
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    stated = [c for c in CASES if c["expect_date"] != c["date"] or c["expect_precision"] != "day"]
    placed = [c for c in CASES if c["expect_country"] is not None]
    print(f"\n{len(CASES)} cases: {len(stated)} with a stated date other than the publication day, "
          f"{len(placed)} with a place, {len(CASES) - len(placed)} with none")


def test_date_accuracy(outcomes):
    hits = sum(o.date_ok for o in outcomes)
    accuracy = hits / len(outcomes)
    stated = [o for o in outcomes if o.case["expect_date"] != o.case["date"] or o.case["expect_precision"] != "day"]
    publication = [o for o in outcomes if o not in stated]
    missing = sum(not o.found for o in outcomes)
    rows = []
    for o in outcomes:
        if o.date_ok:
            continue
        got = f"{o.date} {o.precision}" if o.found else "no event"
        rows.append((o.case["id"], f"{o.case['expect_date']} {o.case['expect_precision']}", got,
                     f"{o.case['date']}: {o.case['text']}"))
    _table("date failures", rows)
    print(f"date accuracy: {_ratio(hits, len(outcomes))}  "
          f"(stated dates {_ratio(sum(o.date_ok for o in stated), len(stated))}, "
          f"publication-date cases {_ratio(sum(o.date_ok for o in publication), len(publication))}, "
          f"cases with no event at all: {missing})")
    assert accuracy >= MIN_DATE_ACCURACY, f"date accuracy {accuracy:.3f} < {MIN_DATE_ACCURACY}"


def test_place_accuracy(outcomes):
    hits = sum(o.place_ok for o in outcomes)
    accuracy = hits / len(outcomes)
    placed = [o for o in outcomes if o.case["expect_country"] is not None]
    unplaced = [o for o in outcomes if o.case["expect_country"] is None]
    rows = []
    for o in outcomes:
        if o.place_ok:
            continue
        expected = f"{o.case['expect_place']} {o.case['expect_country']}" if o.case["expect_country"] else "none"
        got = (f"{o.place} {o.country}" if o.place or o.country else "none") if o.found else "no event"
        rows.append((o.case["id"], expected, got, o.case["text"]))
    _table("place failures", rows)
    print(f"place country accuracy: {_ratio(hits, len(outcomes))}  "
          f"(country right where one is expected {_ratio(sum(o.place_ok for o in placed), len(placed))}, "
          f"no place where none is expected {_ratio(sum(o.place_ok for o in unplaced), len(unplaced))})")
    assert accuracy >= MIN_PLACE_ACCURACY, f"place country accuracy {accuracy:.3f} < {MIN_PLACE_ACCURACY}"
