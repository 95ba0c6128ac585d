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

import re
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .nlp import text_of
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
forum society
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


@lru_cache(maxsize=1)
def _date_cues() -> re.Pattern:
    """Every date pattern holds one of these words or a digit: sentences without any skip the matcher."""
    words = set(MONTH + WEEKDAY + PARTS_OF_DAY + UNITS + ["may", "yesterday", "today", "tomorrow", "tonight"])
    words |= {w for holiday in HOLIDAYS for w in holiday.replace("'s", "").split()}
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alternatives})\b", re.IGNORECASE)


class EntityRecognizer:
    """Sets `doc.ents` on a parsed sentence: dates and times, known names, proper-noun runs."""

    def __init__(self, kb: KnowledgeBase):
        from .nlp import load_model
        from .resolve.places import gazetteer

        self.kb = kb
        self.places = gazetteer()
        _date_matcher(load_model().vocab)  # its strings must outlive any memory zone

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        matches = _date_matcher(doc.vocab)(doc) if _date_cues().search(text_of(doc)) else []
        for match_id, start, end in matches:
            label = doc.vocab.strings[match_id].split(":", 1)[0]
            if doc[start].lower_ in {"in", "since", "until", "by", "of", "from", "before", "after", "during", "on"}:
                start += 1  # the preposition introduces the date; it is not part of it
            if start < end:
                spans.append(Span(doc, start, end, label=label))
        taken = {t for span in filter_spans(spans) for t in range(span.start, span.end)}
        names = self._names(doc, taken)
        doc.ents = filter_spans(spans + names)
        return doc

    def _label(self, text: str, start: int, end: int, words: list[str], lowers: list[str], pos: list[str]) -> str | None:
        records = self.kb.records(text)
        if records:
            return KIND_LABELS.get(records[0].kind, "ORG")
        if self.kb.adjective(text):  # "Russian", "South Korean", "Sri Lankan"
            return "NORP"
        # capitalised words inside a sentence are names even when the tagger calls them nouns ("near Homs")
        if not (pos[end - 1] == "PROPN" or (start > 0 and words[start][:1].isupper())):
            return None
        after_locative = start > 0 and lowers[start - 1] in LOCATIVES
        with_article = start > 0 and lowers[start - 1] == "the"
        if with_article and fold("the " + text) in self.places:
            return "GPE"  # "The Hague": the article belongs to the town's name
        in_gazetteer = fold(text) in self.places
        if in_gazetteer and after_locative:
            return "GPE"
        if (end - start == 1 and self.kb.family_records(text) and (start > 0 or pos[start] == "PROPN")
                and not with_article and not (end < len(lowers) and lowers[end] == "of")):
            # ("the Horn of Africa" is no Mr Horn)
            return "PERSON?"  # "?": a family name alone, not a given name before another name
        if in_gazetteer and end - start == 1 and pos[start] == "ADJ":
            return None  # "South" in "South Korean officers" is no town
        return "GPE?" if in_gazetteer else None  # "?": the gazetteer alone says so

    def _known_name(self, i: int, n: int, taken: set[int], words, lowers, pos, gaps,
                    capitalised) -> tuple[str, int] | None:
        """(label, end) of the longest known name starting at token i, among the capitalised words (and
        joiners) that follow."""
        def glued(k):  # "in" of "Jae-in": the tokenizer split a hyphenated given name
            return k >= 2 and words[k - 1] == "-" and not gaps[k - 1] and not gaps[k - 2] and capitalised[k - 2]

        limit = i + 1
        while limit < min(n, i + MAX_NAME_TOKENS) and limit not in taken and (
                capitalised[limit] or lowers[limit] in NAME_JOINERS or glued(limit)):
            limit += 1
        for j in range(limit, i, -1):
            if not capitalised[j - 1] and not glued(j - 1):
                continue
            text = "".join(words[k] + gaps[k] for k in range(i, j - 1)) + words[j - 1]
            label = self._label(text, i, j, words, lowers, pos)
            if label == "GPE?" and (j < n and pos[j] == "PROPN" or (i > 0 and pos[i - 1] == "PROPN")):
                continue  # a town's name inside a longer proper name ("Laurent" in "Laurent Ngamba")
            if label == "GPE?" and i > 0 and words[i - 1] == "(" and j < n and words[j] == ")":
                continue  # a bracketed word glosses a name ("the Musavat (Equality) party"): no town
            if label == "GPE?" and j - i == 1 and lowers[i] in ORGANISATION_HEADS and i > 0 and (
                    capitalised[i - 1] or words[i - 1] in {"'", "'s", "’"}):
                continue  # the last word of a body's name ("the Serbian Workers' Union"), not the town of Union
            if label == "PERSON?" and j < n and pos[j] == "PROPN":
                continue  # a given name that is also someone's family name ("Abdelaziz Bouteflika")
            if label is not None:
                return label.rstrip("?"), j
        return None

    def _names(self, doc: Doc, taken: set[int]) -> list[Span]:
        # one pass over the tokens: each `for t in doc` builds a Python object per token
        words, lowers, pos, gaps = map(list, zip(*((t.text, t.lower_, t.pos_, t.whitespace_) for t in doc))) \
            if len(doc) else ([], [], [], [])
        capitalised = [w[:1].isupper() for w in words]
        columns = (words, lowers, pos, gaps, capitalised)
        found: list[Span] = []
        n = len(doc)
        i = 0
        while i < n:
            if i in taken or lowers[i] == "the" or not (capitalised[i] or pos[i] == "PROPN"):
                i += 1
                continue
            known = self._known_name(i, n, taken, *columns)
            if known is not None:
                found.append(Span(doc, i, known[1], label=known[0]))
                i = known[1]
                continue
            # a run of proper nouns: known names inside it are found on their own ("Prime Minister Theresa May")
            j = i
            while j < n and j not in taken and (pos[j] == "PROPN" or (
                    j > i and lowers[j] in {"of", "-", "al"} and j + 1 < n and pos[j + 1] == "PROPN") or (
                    j > i and words[j] == "-" and not gaps[j] and not gaps[j - 1] and j + 1 < n
                    and words[j + 1].isalpha()) or (j > i + 1 and words[j - 1] == "-" and not gaps[j - 1]
                                                    and not gaps[j - 2] and words[j].isalpha())):
                j += 1  # "Moon Jae-in": the tokenizer split the given name at its hyphen
            if j == i or not (pos[j - 1] == "PROPN" or (j - 2 > i and words[j - 2] == "-")):
                i += 1
                continue
            inner = next((k for k in range(i + 1, j) if self._known_name(k, j, taken, *columns) is not None), j)
            titles = 0  # "President Laurent Gbago", "Foreign Minister X": the title is a role, not a name
            while i + titles < inner and (self.kb.role(lowers[i + titles], "noun") or self.kb.role(lowers[i + titles], "modifier")
                                          or (i + titles + 1 < inner and self.kb.role(
                                              lowers[i + titles] + " " + lowers[i + titles + 1], "noun"))):
                titles += 2 if (i + titles + 1 < inner and self.kb.role(lowers[i + titles] + " " + lowers[i + titles + 1], "noun")) else 1
            start = min(i + titles, inner)
            if inner < j and start == inner:
                i = inner  # only titles before a known name
                continue
            label = None
            if lowers[inner - 1] in ORGANISATION_HEADS or any(  # "Association of African Jurists"
                    lowers[k] in ORGANISATION_HEADS and lowers[k + 1] == "of" for k in range(start, inner - 1)):
                label = "ORG"
            elif titles:
                label = "PERSON"
            elif start > 0 and lowers[start - 1] in LOCATIVES:
                label = "GPE"
            elif inner - start >= 2:
                label = "PERSON"
            if label is not None:
                found.append(Span(doc, start, inner, label=label))
            i = inner
        return found
