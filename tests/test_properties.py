"""Properties that hold for any input text (hypothesis)."""

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import whodid
from whodid.errors import InputError
from whodid.tables import DATA_DIR

SCHEMA = json.loads((DATA_DIR / "schema" / "event.schema.json").read_text(encoding="utf-8"))
WORDS = ["Russia", "attacked", "Ukraine", "Kerry", "met", "Lavrov", "in", "Geneva", "on", "Monday", "police",
         "arrested", "protesters", "the", "and", "said", "would", "not", "sanctions", "imposed", "Israel", ".",
         ",", "\n\n", "(AFP photo)", "SHARE THIS ARTICLE", "talks", "with", "rebels", "Hamas", "ceasefire", "é", "🙂"]
sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)
anything = st.text(max_size=300)


def check(text):
    for event in whodid.code(text, date="2015-09-18"):
        record = event.to_plover()
        jsonschema.validate(record, SCHEMA)
        for entity in record["actor"] + record["recipient"]:
            assert text[entity["start"]:entity["end"]] == entity["entity_text"]
        assert text[record["event_text"]["start"]:record["event_text"]["end"]] == record["event_text"]["text"]
        assert text[record["text_info"]["start"]:record["text_info"]["end"]] == record["text"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences)
def test_word_salad_never_raises_and_offsets_hold(text):
    check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_arbitrary_unicode_never_crashes(text):
    # random characters are usually not English: whodid may refuse them with its own one-line InputError,
    # never with any other exception
    try:
        check(text)
    except InputError as exc:
        assert str(exc).strip() and "\n" not in str(exc)


def test_real_records_match_the_published_schema():
    text = open(DATA_DIR.parent.parent / "examples" / "syria_talks_2015.txt", encoding="utf-8").read()
    events = whodid.code(text, date="2015-10-09")
    assert events
    for event in events:
        jsonschema.validate(event.to_plover(), SCHEMA)
