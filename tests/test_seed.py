"""The seed article (a 2015 report on US-Russia contacts over Syria), read from ../shared."""

from pathlib import Path

from conftest import SHARED, codes, needs_shared

SEED = SHARED / "seed" / "000_3a3cfc992890462a.txt"
pytestmark = needs_shared("seed", "000_3a3cfc992890462a.txt")


def coded():
    import whodid

    text = Path(SEED).read_text(encoding="utf-8")
    return text, [e.to_plover() for e in whodid.code(text, date="2015-09-18", doc_id="seed")]


def find(events, event_type, actor=None, recipient=None, mode=None):
    return [e for e in events if e["event"] == event_type
            and (actor is None or actor in codes(e["actor"]))
            and (recipient is None or recipient in codes(e["recipient"]))
            and (mode is None or e["mode"] == mode)]


def test_seed_events():
    text, events = coded()
    assert find(events, "AGREE", "USA", "RUS"), "US willingness to cooperate and talk with Russia"
    assert find(events, "MOBILIZE", "RUS"), "Russian deployment to Syria"
    assert any((e["event_loc"] or {}).get("country_code") == "SYR" for e in find(events, "MOBILIZE", "RUS"))
    call = find(events, "CONSULT", "USA", "RUS", mode="phone")
    assert call, "Kerry's phone call with Lavrov"
    assert find(events, "REQUEST", "USA", "SYR"), "the US demand that Assad step down"
    backing = [e for e in events if e["event"] in {"SUPPORT", "AID"} and {"USA", "QAT", "SAU", "TUR"} <= codes(e["actor"])]
    assert len(backing) == 1, "the US and its allies backing militants: one event with a compound actor"
    assert find(events, "ACCUSE", "USA", "RUS"), "US criticism of Russia"


def test_seed_boilerplate_and_offsets():
    text, events = coded()
    captions_start = text.rfind("\n", 0, text.index("Josh Earnest")) + 1  # the caption's line
    captions_end = text.index("(AFP file photo)") + len("(AFP file photo)")
    tail = text.index("Press TV")
    for event in events:
        start, end = event["text_info"]["start"], event["text_info"]["end"]
        assert not (captions_start <= start < captions_end), "an event from a photo caption"
        assert start < tail, "an event from the trailing boilerplate"
        for entity in event["actor"] + event["recipient"]:
            assert text[entity["start"]:entity["end"]] == entity["entity_text"]
