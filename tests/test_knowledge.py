import datetime as dt

from whodid.coding.lexicon import get_lexicon
from whodid.records import EVENT_TYPES
from whodid.resolve.kb import get_kb
from whodid.resolve.lookup import lookup


def test_knowledge_files_load_cleanly():
    kb = get_kb()
    assert kb.problems == []
    assert kb.counts["countries"] >= 195
    assert kb.counts["organisations"] >= 150
    assert kb.counts["groups"] >= 200
    assert kb.counts["people"] >= 2000
    assert kb.counts["role terms"] >= 300


def test_lexicon_covers_every_type():
    lexicon = get_lexicon()
    assert len(lexicon.entries) >= 1000
    assert {e.event for e in lexicon.entries} == set(EVENT_TYPES)
    kinds = {e.kind for e in lexicon.entries}
    assert {"verb", "noun"} <= kinds
    assert any(len(e.tail) >= 2 for e in lexicon.entries), "no multi-word entries"


def test_people_resolve_by_date():
    assert lookup("Kerry", dt.date(2015, 9, 18))["sector"] == "GOV"
    senator = lookup("John Kerry", dt.date(2005, 6, 1))
    assert (senator["code"], senator["sector"]) == ("USA", "LEG")
    assert lookup("Lavrov", dt.date(2015, 9, 18))["code"] == "RUS"


def test_seats_of_power_and_groups():
    assert (lookup("the Kremlin", None)["code"], lookup("the Kremlin", None)["sector"]) == ("RUS", "GOV")
    assert lookup("Pentagon", None)["sector"] == "MIL"
    daesh, isis = lookup("Daesh", dt.date(2015, 1, 1)), lookup("ISIL", dt.date(2015, 1, 1))
    assert daesh["name"] == isis["name"] and daesh["code"] == "IMG"
    assert lookup("nobody-at-all", None)["code"] is None


def test_leaders_of_every_region_and_family_name_guards(code):
    # heads of state from each regional file resolve on their dates
    assert (lookup("Evo Morales", dt.date(2010, 1, 1))["code"], lookup("Evo Morales", dt.date(2010, 1, 1))["sector"]) \
        == ("BOL", "GOV")
    assert lookup("Macky Sall", dt.date(2015, 1, 1))["code"] == "SEN"
    assert lookup("Tsai Ing-wen", dt.date(2018, 1, 1))["code"] == "TWN"
    assert lookup("Andrzej Duda", dt.date(2018, 1, 1))["code"] == "POL"
    # a calendar word is never a family name; a different given name is a different person
    events = code("Egyptian police arrested a blogger in Cairo on Friday and charged him with spreading false news.",
                  "2019-03-02")
    assert all(r["code"] == "EGY" for e in events for r in e["recipient"])
    judge = code("Judge Alejandro Rivera opened a corruption inquiry into twelve Peruvian port officials on Tuesday.",
                 "1995-06-02")
    assert [a["code"] for e in judge for a in e["actor"]] in ([], ["PER"])
    pope = code("Pope Francis will visit Iraq in March, the Vatican said on Monday.", "2020-12-07")
    assert [(a["code"], a["sector"]) for e in pope for a in e["actor"]] == [("VAT", "REL")]
