"""Event dates: the temporal expression attached to an event, resolved against publication.

dateparser reads explicit dates; which expression belongs to which event, and what
"on Thursday" means given tense and publication day, is decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp import ents_of

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                       "sept": 9, "oct": 10, "nov": 11, "dec": 12}
HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24), "christmas day": (12, 25),
            "christmas": (12, 25), "independence day": (7, 4)}
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: str  # day, week, month, year
    source: str  # stated or publication
    text: str | None = None


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "a": 1, "an": 1, "several": 3, "few": 3})


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _past_weekday(publication: dt.date, weekday: int) -> dt.date:
    return publication - dt.timedelta(days=(publication.weekday() - weekday) % 7)


def _next_weekday(publication: dt.date, weekday: int) -> dt.date:
    return publication + dt.timedelta(days=(weekday - publication.weekday()) % 7)


def _month_shift(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=4096)
def _explicit(text: str, publication: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    """An explicit date in `text` via dateparser, with its precision."""
    import dateparser

    cleaned = re.sub(r"\b(on|in|since|by|of|the|early|late|mid)\b|\bmid-", " ", text, flags=re.I)
    cleaned = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", cleaned).strip(" ,.")
    month_named = re.search(r"\b(" + "|".join(list(MONTHS) + list(MONTH_ABBREVIATIONS)) + r")\b", cleaned, re.I)
    iso = re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", cleaned)
    if not cleaned or not (month_named or iso or _YEAR.fullmatch(cleaned.strip())):
        return None  # "36-hour", "the 1990s", "2 p.m.": not a calendar date
    if publication is None and not _YEAR.search(cleaned):
        return None  # "on July 26" with no publication date: the year is unknown, do not guess it
    common = _common_form(cleaned) or (_month_day(cleaned, publication, future) if publication else None)
    if common is not None:
        return common
    base = dt.datetime.combine(publication, dt.time(12)) if publication else None
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_TIME_AS_PERIOD": False,
                "REQUIRE_PARTS": [], "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    words = cleaned.lower()
    has_day = bool(re.search(r"\b\d{1,2}\b(?!\d)", re.sub(_YEAR, " ", words))) or bool(re.search(r"\d{4}-\d\d-\d\d", words))
    has_month = any(m in words for m in list(MONTHS) + list(MONTH_ABBREVIATIONS)) or bool(re.search(r"\d{4}-\d\d", words))
    precision = "day" if has_day and has_month else ("month" if has_month else "year")
    day = parsed.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = dt.date(day.year, 1, 1)
    return day, precision


_COMMON_FORMS = (("%B %d %Y", "day"), ("%d %B %Y", "day"), ("%b %d %Y", "day"), ("%d %b %Y", "day"),
                 ("%Y-%m-%d", "day"), ("%B %Y", "month"), ("%b %Y", "month"), ("%Y", "year"))


def _common_form(cleaned: str) -> tuple[dt.date, str] | None:
    """Fully written dates ("September 30, 2015", "30 Sept. 2015", "March 2011", "2014") without dateparser,
    which takes milliseconds per call; anything else (no year, relative words) goes to dateparser."""
    plain = " ".join(cleaned.replace(",", " ").replace(".", " ").split())
    plain = re.sub(r"\bSept\b", "Sep", plain, flags=re.I)
    for form, precision in _COMMON_FORMS:
        try:
            day = dt.datetime.strptime(plain, form).date()
        except ValueError:
            continue
        if not 1000 <= day.year <= 2999:
            return None
        return day, precision
    return None


def period_end(resolved: ResolvedDate) -> dt.date:
    """The last day of the period a resolved date stands for (a year's 31 December, a month's last day)."""
    day = resolved.date
    if resolved.precision == "year":
        return dt.date(day.year, 12, 31)
    if resolved.precision == "month":
        return _month_shift(day.replace(day=1), 1) - dt.timedelta(days=1)
    if resolved.precision == "week":
        return day + dt.timedelta(days=6)
    return day


def _month_day(cleaned: str, publication: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """"Dec. 28", "5 January": the nearest such day before publication (after it for a future event),
    as dateparser's PREFER_DATES_FROM would choose, without its cost."""
    plain = " ".join(cleaned.replace(",", " ").replace(".", " ").split())
    plain = re.sub(r"\bSept\b", "Sep", plain, flags=re.I)
    for form in ("%B %d", "%b %d", "%d %B", "%d %b"):
        try:
            day = dt.datetime.strptime(f"{plain} 2000", form + " %Y").date()  # 2000: a leap year, 29 February parses
        except ValueError:
            continue
        for year in ((publication.year, publication.year + 1) if future else (publication.year, publication.year - 1)):
            try:
                candidate = day.replace(year=year)
            except ValueError:
                continue
            if (candidate >= publication) if future else (candidate <= publication):
                return candidate, "day"
        return None
    return None


@lru_cache(maxsize=8192)  # the same phrases ("on Monday") recur with the same publication date across an article
def resolve_expression(text: str, publication: dt.date | None, future: bool) -> ResolvedDate | None:
    """One temporal expression ("on Saturday", "last month", "September 17, 2015")."""
    lower = text.lower().strip()
    words = re.findall(r"[a-z]+", lower)
    if publication is not None:
        ago = re.search(r"\b(\w+|\d+)(?:-| )(day|week|month|year|decade)s? ago\b", lower)
        if ago:
            amount = _number(ago.group(1))
            if amount is None:
                return None
            unit = ago.group(2)
            if unit == "day":
                return ResolvedDate(publication - dt.timedelta(days=amount), "day", "stated", text)
            if unit == "week":
                return ResolvedDate(publication - dt.timedelta(weeks=amount), "week", "stated", text)
            if unit == "month":
                return ResolvedDate(_month_shift(publication, -amount), "month", "stated", text)
            years = amount * (10 if unit == "decade" else 1)
            return ResolvedDate(dt.date(publication.year - years, 1, 1), "year", "stated", text)
        ordinal = re.fullmatch(r"(?:on |by )?the (\d{1,2})(?:st|nd|rd|th)", lower)
        if ordinal:  # "on the 28th": that day of this month, or of the month before (after, for the future)
            day = int(ordinal.group(1))
            month_start = publication.replace(day=1)
            for step in ((0, -1) if not future else (0, 1)):
                candidate_month = _month_shift(month_start, step)
                try:
                    candidate = candidate_month.replace(day=day)
                except ValueError:
                    continue
                if (candidate <= publication) != future or candidate == publication:
                    return ResolvedDate(candidate, "day", "stated", text)
            return None
        for name, (month, day) in HOLIDAYS.items():
            if name in lower:
                year = publication.year
                candidate = dt.date(year, month, day)
                if future and candidate < publication:
                    candidate = dt.date(year + 1, month, day)
                elif not future and candidate > publication:
                    candidate = dt.date(year - 1, month, day)
                return ResolvedDate(candidate, "day", "stated", text)
        if "last" in words and "night" in words:
            return ResolvedDate(publication - dt.timedelta(days=1), "day", "stated", text)
        for word, delta in RELATIVE_DAYS.items():
            if word in words:
                return ResolvedDate(publication + dt.timedelta(days=delta), "day", "stated", text)
        for word, weekday in WEEKDAYS.items():
            if word in words and not re.search(r"\d", lower):
                if "next" in words or future:
                    day = _next_weekday(publication, weekday)
                    if "next" in words and day == publication:
                        day += dt.timedelta(days=7)
                else:
                    day = _past_weekday(publication, weekday)
                    if "last" in words and day == publication:
                        day -= dt.timedelta(days=7)
                return ResolvedDate(day, "day", "stated", text)
        unit = next((w for w in ("week", "month", "year") if w in words), None)
        if unit and ("last" in words or "past" in words or "previous" in words or "next" in words or "this" in words):
            step = 1 if "next" in words else (0 if "this" in words else -1)
            if unit == "week":
                monday = publication - dt.timedelta(days=publication.weekday()) + dt.timedelta(weeks=step)
                return ResolvedDate(monday, "week", "stated", text)
            if unit == "month":
                return ResolvedDate(_month_shift(publication, step), "month", "stated", text)
            return ResolvedDate(dt.date(publication.year + step, 1, 1), "year", "stated", text)

    explicit = _explicit(text, publication, future)
    if explicit is None:
        return None
    day, precision = explicit
    return ResolvedDate(day, precision, "stated", text)


def _year_modifier(token) -> bool:
    return token.dep_ in {"nummod", "compound", "amod"} and token.shape_ == "dddd" and 1900 <= int(token.text) <= 2100


def temporal_phrases(governor, trigger) -> list:
    """Date entities and weekday words attached to the event's clause (nearest first)."""
    scope = set()
    for token in (governor, trigger):
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubjpass", "ccomp", "conj", "advcl", "relcl", "parataxis"}:
                continue
            scope.update(t.i for t in child.subtree)
    doc = governor.doc
    dates, words = doc.user_data.get("whodid_dates") or doc.user_data.setdefault("whodid_dates", (
        [ent for ent in ents_of(doc) if ent.label_ in {"DATE", "TIME"}],
        [t.i for t in doc if t.lower_ in WEEKDAYS or t.lower_ in RELATIVE_DAYS]))
    own_year = [doc[c.i:c.i + 1] for c in trigger.children if _year_modifier(c)]
    if own_year and trigger.pos_ in {"NOUN", "PROPN"}:
        return own_year  # "Russia's 2022 invasion of Ukraine was condemned on Monday": the act's own year
    phrases = [ent for ent in dates if any(t.i in scope for t in ent)]
    if not phrases:  # headlines and fragments: a lone weekday or "yesterday" anywhere in scope
        phrases = [doc[i:i + 1] for i in words if i in scope]
    if not phrases:  # "Rwanda's 1994 genocide killed ...": a year written on the act or on the subject that did it
        holders = [trigger] + [c for c in governor.children if c.dep_ == "nsubj"]
        phrases = [doc[c.i:c.i + 1] for h in holders for c in h.children if _year_modifier(c)]
    phrases.sort(key=lambda span: min(abs(span.start - trigger.i), abs(span.end - trigger.i)))
    return phrases


INHERITING_LINKS = {"advcl", "xcomp", "conj", "ccomp", "parataxis"}


def event_date(governor, trigger, publication: dt.date | None, future: bool) -> ResolvedDate | None:
    """The event's own temporal expression; else that of the clause it hangs from ("..., ending the war";
    "X will withdraw, Biden said on Monday": a reported future act is dated by its announcement)."""
    clause, own = governor, trigger
    for _ in range(3):
        for span in temporal_phrases(clause, own):
            resolved = resolve_expression(span.text, publication, future and clause == governor)
            if resolved is not None:
                return resolved
        if clause.dep_ not in INHERITING_LINKS or clause.head == clause:
            break
        clause = own = clause.head
    if publication is None:
        return None
    return ResolvedDate(publication, "day", "publication", None)


_DATELINE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2},? \d{4}"
    r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
    r"|\d{4}-\d{2}-\d{2})\b")


def dateline_date(text: str, limit: int = 800) -> dt.date | None:
    """A publication date written near the top of an article ("Friday, October 9, 2015")."""
    match = _DATELINE.search(text[:limit])
    if match is None:
        return None
    found = _explicit(match.group(0), None, False)
    return found[0] if found and found[1] == "day" else None
