"""Named entities from the knowledge files, the gazetteer and the parse: the fast default.

The statistical NER of the small English model costs as much as tagging and parsing
together, yet the coder only asks three things of an entity: is this a name (and of
what kind: person, organisation, place, nationality), and is this a date or a time?
The knowledge base and the gazetteer answer the first for every name whodid can code
anyway; proper-noun runs the parser found cover unknown names; a spaCy `Matcher` finds
temporal expressions. `EntityRecognizer` is a pipeline component (a callable that takes
a parsed `Doc` and sets `doc.ents`), used when `Settings.ner == "rules"`;
`Settings.ner == "model"` runs the model's own NER instead.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resolve.dates import HOLIDAYS
from .resolve.kb import KnowledgeBase, fold

KIND_LABELS = {"person": "PERSON", "organisation": "ORG", "group": "ORG", "institution": "ORG",
               "country": "GPE", "territory": "GPE", "capital": "GPE"}
# Words that end the names of bodies rather than people or places ("Kurdistan Workers' Party").
ORGANISATION_HEADS = frozenset("""
party ministry council army front union committee bank company corporation corp inc ltd group agency court
parliament assembly commission association organization organisation movement brigade brigades forces force
university institute office department federation alliance coalition league authority service services
network foundation fund guard guards police navy command tribunal senate congress cabinet bureau board
""".split())
# "from" and "to" are left out: "an appeal from President X", "a letter to Y" name people as often as places.
LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "towards",
                       "toward"})
# Lower-case words allowed inside a multi-word name ("Council of Europe", "Islamic State of Iraq and the Levant").
NAME_JOINERS = frozenset({"of", "the", "and", "for", "al", "el", "-", "'s", "de", "du", "la", "bin", "ibn", "on"})
MAX_NAME_TOKENS = 8

MONTH = ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
         "december"]
MONTH += [m + dot for m in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
          for dot in ("", ".")]
WEEKDAY = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "overnight", "dawn", "dusk", "midnight", "noon"]
UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "weekend"]
RELATIVE = ["last", "next", "this", "past", "previous", "coming", "earlier", "later", "same"]


def _date_patterns() -> list[tuple[str, list]]:
    month = {"LOWER": {"IN": MONTH}}
    may = {"ORTH": "May"}  # "may" is a verb far more often than a month
    year = {"SHAPE": "dddd"}
    day = {"LIKE_NUM": True, "LENGTH": {"<=": 2}}
    ordinal_day = {"LOWER": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}
    weekday = {"LOWER": {"IN": WEEKDAY}}
    dot = {"ORTH": ".", "OP": "?"}
    comma = {"ORTH": ",", "OP": "?"}
    patterns = []
    for m in (month, may):
        patterns += [
            ("DATE", [m, dot, day, comma, year]), ("DATE", [m, dot, day]), ("DATE", [m, dot, ordinal_day]),
            ("DATE", [day, m, dot, year]), ("DATE", [day, m]), ("DATE", [ordinal_day, {"LOWER": "of"}, m]),
            ("DATE", [m, dot, year]), ("DATE", [{"LOWER": {"IN": ["early", "mid", "late", "in", "since", "until"]}}, m]),
        ]
    patterns.append(("DATE", [month]))
    for holiday in HOLIDAYS:  # "New Year's Eve": tokens as the tokenizer splits them
        words = holiday.replace("'s", " 's").split()
        patterns.append(("DATE", [{"LOWER": w} for w in words]))
    patterns += [
        ("DATE", [{"LOWER": {"IN": ["in", "since", "until", "by", "of", "from", "before", "after", "during"]}}, year]),
        ("DATE", [{"LOWER": {"IN": ["the"]}}, {"LOWER": {"REGEX": r"^(1[89]|20)\d0s$"}}]),
        ("DATE", [{"LOWER": {"REGEX": r"^\d{4}-\d{2}-\d{2}$"}}]),
        ("DATE", [year, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}]),
        ("DATE", [weekday]), ("DATE", [weekday, comma, month, dot, day, comma, year]),
        ("DATE", [{"LOWER": {"IN": ["yesterday", "today", "tomorrow"]}}]),
        ("DATE", [{"LOWER": {"IN": RELATIVE}}, {"LOWER": {"IN": UNITS + MONTH + WEEKDAY}}]),
        ("DATE", [{"LOWER": "earlier"}, {"LOWER": {"IN": ["this", "that"]}}, {"LOWER": {"IN": UNITS}}]),
        ("DATE", [{"LIKE_NUM": True}, {"LOWER": {"IN": UNITS}}, {"LOWER": {"IN": ["ago", "earlier", "later"]}}]),
        ("DATE", [{"LOWER": {"IN": ["a", "one", "two", "three", "several", "few"]}}, {"LOWER": {"IN": UNITS}},
                  {"LOWER": {"IN": ["ago", "earlier", "later"]}}]),
        ("DATE", [{"LOWER": {"IN": ["a", "one"]}}, {"LOWER": "day"}, {"LOWER": {"IN": ["earlier", "later", "before", "after"]}}]),
        ("DATE", [{"LOWER": "the"}, {"LOWER": {"IN": ["day", "week", "month", "year"]}},
                  {"LOWER": {"IN": ["before", "after"]}}]),
        ("DATE", [{"LOWER": "on"}, {"LOWER": "the"}, ordinal_day]),
        ("TIME", [{"LOWER": {"IN": ["tonight", "overnight"]}}]),
        ("TIME", [{"LOWER": "last"}, {"LOWER": "night"}]),
        ("TIME", [{"LOWER": {"IN": WEEKDAY + ["yesterday", "tomorrow", "this", "early", "late"]}},
                  {"LOWER": {"IN": PARTS_OF_DAY}}]),
        ("TIME", [{"LIKE_NUM": True}, {"ORTH": ":", "OP": "?"}, {"LIKE_NUM": True, "OP": "?"},
                  {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m.", "gmt", "utc"]}}]),
    ]
    return patterns


@lru_cache(maxsize=4)
def _date_matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for i, (label, pattern) in enumerate(_date_patterns()):
        matcher.add(f"{label}:{i}", [pattern])
    return matcher


def _capitalised(token) -> bool:
    return token.text[:1].isupper()


class EntityRecognizer:
    """Sets `doc.ents` on a parsed sentence: dates and times, known names, proper-noun runs."""

    def __init__(self, kb: KnowledgeBase):
        from .resolve.places import gazetteer

        self.kb = kb
        self.places = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        matcher = _date_matcher(doc.vocab)
        for match_id, start, end in matcher(doc):
            label = doc.vocab.strings[match_id].split(":", 1)[0]
            if doc[start].lower_ in {"in", "since", "until", "by", "of", "from", "before", "after", "during", "on"}:
                start += 1  # the preposition introduces the date; it is not part of it
            if start < end:
                spans.append(Span(doc, start, end, label=label))
        taken = {t for span in filter_spans(spans) for t in range(span.start, span.end)}
        names = self._names(doc, taken)
        doc.ents = filter_spans(spans + names)
        return doc

    def _label(self, span: Span) -> str | None:
        text = span.text
        records = self.kb.records(text)
        if records:
            return KIND_LABELS.get(records[0].kind, "ORG")
        if len(span) == 1 and self.kb.adjective(text):
            return "NORP"
        # capitalised words inside a sentence are names even when the tagger calls them nouns ("near Homs")
        proper = span[-1].pos_ == "PROPN" or (span.start > span.sent.start and span[0].text[:1].isupper())
        if not proper:
            return None
        after_locative = span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVES
        in_gazetteer = fold(text) in self.places
        if in_gazetteer and after_locative:
            return "GPE"
        if len(span) == 1 and self.kb.family_records(text):
            return "PERSON"
        return "GPE" if in_gazetteer else None

    def _names(self, doc: Doc, taken: set[int]) -> list[Span]:
        found: list[Span] = []
        n = len(doc)
        i = 0
        while i < n:
            token = doc[i]
            if i in taken or not (_capitalised(token) or token.pos_ == "PROPN"):
                i += 1
                continue
            best = None
            for j in range(min(n, i + MAX_NAME_TOKENS), i, -1):  # longest known name first
                last = doc[j - 1]
                if (j - 1) in taken or not _capitalised(last):
                    continue
                inner = doc[i:j]
                if any(not _capitalised(t) and t.lower_ not in NAME_JOINERS for t in inner):
                    continue
                label = self._label(inner)
                if label is not None:
                    best = Span(doc, i, j, label=label)
                    break
            if best is not None:
                found.append(best)
                i = best.end
                continue
            # an unknown run of proper nouns: its kind from its last word or its preposition
            j = i
            while j < n and j not in taken and (doc[j].pos_ == "PROPN" or (
                    j > i and doc[j].lower_ in {"of", "-", "al"} and j + 1 < n and doc[j + 1].pos_ == "PROPN")):
                j += 1
            if j > i and doc[j - 1].pos_ == "PROPN":
                run = doc[i:j]
                label = None
                titles = 0  # "President Laurent Gbago": the title is a role, the name is a person
                while titles < len(run) - 1 and self.kb.role(run[titles].lower_, "noun") or (
                        titles < len(run) - 1 and self.kb.role(run[titles].lower_, "modifier")):
                    titles += 1
                if titles and run[-1].lower_ not in ORGANISATION_HEADS:
                    found.append(Span(doc, i + titles, j, label="PERSON"))
                    i = j
                    continue
                if run[-1].lower_ in ORGANISATION_HEADS:
                    label = "ORG"
                elif i > 0 and doc[i - 1].lower_ in LOCATIVES:
                    label = "GPE"
                elif len(run) >= 2:
                    label = "PERSON"
                if label is not None:
                    found.append(Span(doc, i, j, label=label))
                i = j
                continue
            i += 1
        return found
