"""The NLP stage's own parts: the fast attribute rules and the rule-based entities."""

import pytest

from whodid.attributes import compile_rules
from whodid.benchdata import generate
from whodid.entities import EntityRecognizer
from whodid.nlp import load_model
from whodid.pipeline import Settings, prepare, run, to_document
from whodid.resolve.kb import get_kb

FIELDS = ("tag_", "pos_", "morph", "lemma_", "dep_")


def _sentences(n_docs=40):
    texts = []
    for item in generate(n_docs, seed=3):
        doc = prepare(to_document(item["text"], item["date"], item["id"]))
        texts += [s.text for s in doc.sentences]
    # the exceptions of the model's rules: contractions, "gonna", "let's", "there is", "y'all"
    texts += ["We're gonna win, ain't we?", "Let's go, y'all.", "There is nothing left.", "I didn't do it, he did.",
              "That is what they said; this was theirs.", "She'll have done it by then.", "Nothin' changed."]
    return texts


def test_fast_attribute_rules_equal_the_models_ruler():
    nlp = load_model()
    rules = compile_rules(nlp.get_pipe("attribute_ruler"))
    assert rules is not None, "the model's attribute patterns are no longer one or two tokens of TAG/LOWER/DEP"
    texts = _sentences()
    reference = list(nlp.pipe(texts, disable=["ner"]))
    before_ruler = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    lemmatizer = nlp.get_pipe("lemmatizer")
    checked = 0
    for text, expected in zip(texts, reference):
        doc = nlp.make_doc(text)
        for name in before_ruler:
            doc = nlp.get_pipe(name)(doc)
        doc = lemmatizer(rules(doc))
        for want, got in zip(expected, doc):
            assert [str(getattr(want, f)) for f in FIELDS] == [str(getattr(got, f)) for f in FIELDS], (text, want.text)
            checked += 1
    assert checked > 5_000


@pytest.fixture(scope="module")
def recognizer():
    return EntityRecognizer(get_kb(()))


def _ents(recognizer, text):
    doc = next(load_model().pipe([text], disable=["ner"]))
    return [(e.text, e.label_) for e in recognizer(doc).ents]


@pytest.mark.parametrize("text, expected", [
    ("Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva on Sept. 12, 2015.",
     [("Russian", "NORP"), ("Sergei Lavrov", "PERSON"), ("John Kerry", "PERSON"), ("Geneva", "GPE"),
      ("Sept. 12, 2015", "DATE")]),
    ("The Democratic People's Republic of Korea fired a missile on Monday night.",
     [("Democratic People's Republic of Korea", "GPE"), ("Monday night", "TIME")]),
    ("An appeal from President Laurent Ngamba reached the Kivu Liberation Front last week.",
     [("Laurent Ngamba", "PERSON"), ("Kivu Liberation Front", "ORG"), ("last week", "DATE")]),
    ("Fighting broke out near Homs three days ago.", [("Homs", "GPE"), ("three days ago", "DATE")]),
    ("Prime Minister Theresa May spoke in London.", [("Theresa May", "PERSON"), ("London", "GPE")]),
])
def test_rule_based_entities(recognizer, text, expected):
    assert _ents(recognizer, text) == expected


def test_both_entity_sources_code_the_same_simple_event():
    text = "On Monday, Iranian Foreign Minister Javad Zarif met his Turkish counterpart in Ankara."
    results = {}
    for ner in ("rules", "model"):
        outcome = next(run([to_document(text, "2016-04-20", "x")], Settings(ner=ner)))
        results[ner] = [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient], str(e.date),
                         (e.event_loc or {}).get("country_code")) for e in outcome.events]
    assert results["rules"] == results["model"] == [("CONSULT", ["IRN"], ["TUR"], "2016-04-18", "TUR")]


def test_a_bracketed_gloss_is_not_a_town():
    from whodid.entities import EntityRecognizer
    from whodid.nlp import load_model
    from whodid.resolve.kb import load_kb

    doc = load_model()("Leaders of the Musavat (Equality) party met in Baku.")
    labels = {e.text: e.label_ for e in EntityRecognizer(load_kb())(doc).ents}
    assert labels.get("Baku") == "GPE" and "Equality" not in labels
