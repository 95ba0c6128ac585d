import datetime as dt
import json

from whodid.document import Document
from whodid.ingest import InputProblem, clean, read_inputs
from whodid.nlp import split_sentences

ARTICLE = """Ministers agree to reopen border crossing

Officials from both countries met in the capital on Monday. (Reuters photo)

Photo: Trucks wait at the crossing.

The two governments agreed to reopen the main crossing after talks that lasted six hours.

SHARE THIS ARTICLE

This story can also be read at www.example.org

Follow us on social media
"""


def test_cleaning_keeps_news_and_drops_furniture():
    doc = clean(Document("a", ARTICLE))
    kept = [ARTICLE[s.start:s.end] for s in doc.segments]
    assert kept[0] == "Ministers agree to reopen border crossing"
    assert doc.segments[0].kind == "headline"
    assert any(k.startswith("The two governments agreed") for k in kept)
    dropped = {ARTICLE[d.start:d.end]: d.reason for d in doc.dropped}
    assert dropped["SHARE THIS ARTICLE"] == "share"
    assert dropped["Photo: Trucks wait at the crossing."] == "caption"
    assert dropped["Officials from both countries met in the capital on Monday. (Reuters photo)"] == "caption"
    assert "This story can also be read at www.example.org" in dropped
    assert not any("SHARE" in k or "Follow us" in k for k in kept)


def test_sentence_offsets_point_into_the_text():
    doc = split_sentences(clean(Document("a", ARTICLE)))
    assert doc.sentences, "no sentences"
    for sentence in doc.sentences:
        assert ARTICLE[sentence.start:sentence.end] == sentence.text


def test_readers_for_every_input_kind(tmp_path):
    (tmp_path / "one.txt").write_text("Kenya and Uganda signed a trade agreement.", encoding="utf-8")
    (tmp_path / "two.html").write_text(
        "<html><head><title>T</title><meta property='article:published_time' content='2021-05-21T08:30:00Z'></head>"
        "<body><article><h1>Truce holds in Gaza</h1><p>" + "Egypt brokered a ceasefire between Israel and Hamas on Friday. " * 4
        + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "three.jsonl").write_text(
        json.dumps({"id": "j1", "text": "France recalled its ambassador.", "date": "2023-08-16"}) + "\n"
        + "{not json\n" + json.dumps({"id": "j3", "title": "no text"}) + "\n", encoding="utf-8")
    (tmp_path / "four.csv").write_text("id,text,date\nc1,\"Police arrested protesters.\",2022-10-03\n", encoding="utf-8")
    (tmp_path / "five.txt").write_bytes(b"%PDF-1.4 binary \x00\x01")
    items = list(read_inputs([tmp_path], default_date=dt.date(2020, 1, 1)))
    docs = {i.id: i for i in items if isinstance(i, Document)}
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert docs["one"].date == dt.date(2020, 1, 1)
    assert docs["two"].date == dt.date(2021, 5, 21) and "ceasefire" in docs["two"].text
    assert docs["j1"].date == dt.date(2023, 8, 16)
    assert docs["c1"].text == "Police arrested protesters."
    reasons = " | ".join(str(p) for p in problems)
    assert "three.jsonl:2" in reasons and "malformed JSON" in reasons
    assert "three.jsonl:3" in reasons and "no 'text'" in reasons
    assert "five.txt" in reasons and "binary" in reasons
    assert len(problems) == 3


def test_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert "no 'text' or 'html' column" in items[0].reason


def test_impossible_date_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Talks resumed.", "date": "2015-02-30"}) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], InputProblem)


def test_non_english_documents_are_skipped_with_a_reason(tmp_path):
    from whodid.pipeline import Settings, run, to_document

    french = ("Le gouvernement français a annoncé mardi de nouvelles sanctions contre la Russie après "
              "une réunion des ministres des affaires étrangères à Bruxelles, selon un communiqué publié "
              "dans la soirée par le ministère qui précise que les mesures entreront en vigueur lundi.")
    english = "The French government announced new sanctions against Russia on Tuesday after a meeting in Brussels."
    outcomes = list(run([to_document(french, "2022-03-01", "fr"), to_document(english, "2022-03-01", "en")], Settings()))
    assert outcomes[0].problem is not None and "not English" in outcomes[0].problem.reason
    assert outcomes[1].doc is not None and outcomes[1].events


def test_very_large_text_files_are_read_in_parts(tmp_path, monkeypatch):
    from whodid.ingest import readers

    monkeypatch.setattr(readers, "STREAM_OVER", 1_000)
    monkeypatch.setattr(readers, "PART_CHARS", 400)
    paragraph = "Police arrested dozens of protesters in Tunis on Monday, the interior ministry said.\n\n"
    path = tmp_path / "big.txt"
    path.write_text(paragraph * 40, encoding="utf-8")
    parts = list(read_inputs([path]))
    assert len(parts) > 5 and all(isinstance(p, Document) for p in parts)
    assert parts[0].id == "big#part-1"
    assert "".join(p.text for p in parts).count("Police arrested") == 40
