"""The generated benchmark corpus (whodid.benchdata): deterministic, news-sized, varied, with filler."""

import datetime as dt
import re
from collections import Counter

import pytest

from whodid import benchdata
from whodid.benchdata import EVENT_TYPES, FILLER_KINDS, generate


@pytest.fixture(scope="module")
def docs_and_kinds():
    kinds = Counter()
    docs = [benchdata.article(i, seed=7, kinds=kinds) for i in range(200)]
    return docs, kinds


def test_deterministic_for_a_seed():
    first = list(generate(6, seed=11))
    assert first == list(generate(6, seed=11))
    assert first != list(generate(6, seed=12))
    assert list(generate(3, seed=11)) == first[:3]  # document i does not depend on n_docs
    assert len({d["id"] for d in first}) == 6
    assert all(set(d) == {"id", "date", "title", "text"} for d in first)


def test_about_600_words_and_valid_dates(docs_and_kinds):
    docs, _ = docs_and_kinds
    counts = [len(d["text"].split()) for d in docs]
    assert all(450 <= c <= 750 for c in counts), (min(counts), max(counts))
    assert 560 <= sum(counts) / len(counts) <= 640
    days = [dt.date.fromisoformat(d["date"]) for d in docs]
    assert all(dt.date(2000, 1, 1) <= day <= dt.date(2025, 12, 31) for day in days)
    assert len({day.year for day in days}) >= 20
    assert all(d["title"] and d["title"] in d["text"] for d in docs)
    longer = list(generate(2, seed=7, words=1200))
    assert all(900 <= len(d["text"].split()) <= 1500 for d in longer)


def test_every_event_type_and_filler_kind_is_drawn(docs_and_kinds):
    _, kinds = docs_and_kinds
    assert all(kinds[t] >= 20 for t in EVENT_TYPES), {t: kinds[t] for t in EVENT_TYPES}
    assert all(kinds[k] >= 20 for k in FILLER_KINDS), {k: kinds[k] for k in FILLER_KINDS}
    events = sum(kinds[t] for t in EVENT_TYPES)
    filler = sum(kinds[k] for k in FILLER_KINDS)
    assert 0.33 <= filler / (events + filler) <= 0.5  # a third to a half of sentences hold no event
    assert kinds["headline"] >= 200 and kinds["boiler"] >= 200 and kinds["caption"] >= 100


def test_layout_and_filler_appear_in_the_text(docs_and_kinds):
    docs, _ = docs_and_kinds
    texts = [d["text"] for d in docs]
    assert sum("photo)" in t or "\nPhoto: " in t for t in texts) >= 80
    assert sum(bool(re.search(r"^By [A-Z]", t, re.M)) for t in texts) >= 50
    assert sum("SHARE THIS ARTICLE" in t or "Follow us on" in t or "Related:" in t for t in texts) >= 60
    assert sum(bool(re.search(r'," said [A-Z]', t)) for t in texts) >= 100  # quotes
    assert sum("percent" in t or "per cent" in t for t in texts) >= 100  # statistics and markets
    topics = Counter(benchdata.new_article(i).topic for i in range(200))
    assert set(topics) == set(benchdata.TOPICS)


def test_templates_fill_cleanly():
    templates = benchdata.knowledge().templates
    sentence_templates = sum(len(templates[k]) for k in EVENT_TYPES + FILLER_KINDS)
    assert sentence_templates >= 150
    assert set(EVENT_TYPES + FILLER_KINDS + benchdata.LAYOUT_KINDS) <= set(templates)
    for index in range(5):
        article = benchdata.new_article(index)
        for kind, rows in templates.items():
            for line, _, template in rows:
                text = article.fill(template)
                assert "{" not in text and "}" not in text, (line, text)
                assert not re.search(r"\s[,.]|,,|\.\.", text), (line, text)


def test_whodid_codes_several_event_types_from_generated_text():
    import whodid

    docs = list(generate(5, seed=7))
    found = Counter()
    for outcome in whodid.code_documents(docs):
        assert outcome.problem is None
        found.update(e.event for e in outcome.events)
    assert len(found) >= 8, found
    assert {"ASSAULT", "CONSULT", "ACCUSE"} & set(found)
