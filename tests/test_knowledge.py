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
