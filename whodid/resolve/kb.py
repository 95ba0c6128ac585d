"""The actor knowledge base: countries, organisations, groups, people and roles.

Loaded once per process from `whodid/data/actors/*.tsv` (plus any folders given with
`--kb`) into dictionaries keyed by normalised names, so a lookup is a dict access.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..tables import DATA_DIR, read_tsv, split_cell

SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)
SPECIAL_CODES = frozenset("IGO UNO EUR NGO ISM IMG MNC KOS PSE HKG".split())
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_ACRONYM = re.compile(r"^[A-Z0-9&]{2,6}$")

# Words that make a name an institution or a group rather than a person.
INSTITUTION_WORDS = frozenset("""
academy administration agency alliance army assembly association authority bank battalion board
brigade brigades bureau cabinet cell cells center centre chamber coalition command commission
committee company congress corporation corps council court courts department diet directorate
division duma embassy faction federation force forces foundation front government group groups guard
guards headquarters house institute intelligence junta kingdom league legion majlis military militia
ministry mission movement navy network office organisation organization palace parliament party
police politburo presidency presidium regime regiment republic rifles sabha secretariat security
senate service services society soviet squad staff state states supreme tribunal troops union unit
university yard
""".split())


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, plain quotes, no accents, single spaces: the key of every name."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def name_keys(name: str) -> list[str]:
    """Keys under which a written name is stored: acronyms keep their case ("US" is not "us")."""
    name = " ".join(name.translate(_QUOTES).split())
    if name.lower().startswith("the "):
        name = name[4:]
    undotted = name.replace(".", "")
    if _ACRONYM.match(undotted):
        return ["=" + undotted]
    keys = [fold(name)]
    if "." in name and fold(undotted) not in keys:
        keys.append(fold(undotted))
    return keys


@lru_cache(maxsize=200_000)
def query_keys(text: str) -> tuple[str, ...]:
    """Keys to try for a piece of text (both the exact-case acronym form and the folded form)."""
    text = " ".join(text.translate(_QUOTES).split())
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    undotted = text.replace(".", "")
    keys = []
    if _ACRONYM.match(undotted):
        keys.append("=" + undotted)
    keys.append(fold(text))
    if "." in text:
        keys.append(fold(undotted))
    return tuple(keys)


def parse_day(value: str, end: bool = False) -> dt.date | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial end date means the end of that period."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return dt.date(year, month, int(parts[2]))
        if not end:
            return dt.date(year, month, 1)
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"bad date {value!r}") from exc


@dataclass
class Role:
    code: str
    sector: str | None
    office: str
    start: dt.date | None
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Record:
    """Something a name can refer to."""

    kind: str  # country, capital, institution, territory, organisation, group, person
    name: str
    code: str
    sector: str | None = None
    identifier: str | None = None
    roles: list[Role] = field(default_factory=list)  # people and groups: dated codes
    source: str = ""  # file:line, for explain
    names: list[str] = field(default_factory=list)  # people: every form of the name (checked against given names)

    def at(self, day: dt.date | None) -> tuple[str, str | None, str | None, str]:
        """(code, sector, office, reason) of this record on `day`."""
        if not self.roles:
            return self.code, self.sector, None, f"{self.kind} {self.name!r} ({self.source})"
        if day is None:
            role = max(self.roles, key=lambda r: r.start or dt.date.min)
            return role.code, role.sector, role.office or None, f"{self.name}: latest role, no date given ({self.source})"
        holding = [r for r in self.roles if r.holds_on(day)]
        if holding:
            role = max(holding, key=lambda r: (_SECTOR_RANK.get(r.sector or "", 9) * -1, r.start or dt.date.min))
            span = f"{role.start or '?'} to {role.end or 'now'}"
            return role.code, role.sector, role.office or None, f"{self.name}: {role.office or role.sector} {span} ({self.source})"
        earlier = [r for r in self.roles if r.end is not None and r.end < day]
        if earlier and self.kind == "person":
            role = max(earlier, key=lambda r: r.end)
            return role.code, "ELI", f"former {role.office}".strip(), f"{self.name}: left office {role.end}, so ELI ({self.source})"
        role = min(self.roles, key=lambda r: r.start or dt.date.min)
        return role.code, None if self.kind == "person" else role.sector, None, f"{self.name}: no role known on {day} ({self.source})"


_SECTOR_RANK = {"GOV": 0, "MIL": 1, "SPY": 2, "LEG": 3, "JUD": 4, "REB": 5, "PRM": 5, "OPP": 6, "PTY": 7}


@dataclass(frozen=True)
class RoleTerm:
    term: str
    sector: str
    kind: str  # noun or modifier
    code: str | None


class KnowledgeBase:
    def __init__(self):
        self.names: dict[str, list[Record]] = {}
        self.family: dict[str, list[Record]] = {}  # people by family name alone
        self.adjectives: dict[str, list[Record]] = {}
        self.role_nouns: dict[str, RoleTerm] = {}
        self.role_modifiers: dict[str, RoleTerm] = {}
        self.max_words = 1
        self.counts: dict[str, int] = {}
        self.problems: list[str] = []  # rows skipped as malformed, with file:line
        self.non_actors: set[str] = set()  # "typhoon", "striker": never political actors

    # -- building
    def add_name(self, name: str, record: Record, table: dict | None = None) -> None:
        table = self.names if table is None else table
        for key in name_keys(name):
            bucket = table.setdefault(key, [])
            if record not in bucket:
                bucket.append(record)
            self.max_words = max(self.max_words, len(key.split()))

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    # -- lookups
    def records(self, text: str) -> list[Record]:
        for key in query_keys(text):
            if key in self.names:
                return self.names[key]
        return []

    def family_records(self, text: str) -> list[Record]:
        for key in query_keys(text):
            if key.startswith("="):
                continue
            if key in self.family:
                return self.family[key]
        return []

    def adjective(self, text: str) -> list[Record]:
        for key in query_keys(text):
            if key in self.adjectives:
                return self.adjectives[key]
        return []

    def misspelt_country(self, text: str) -> list[Record]:
        """Countries one letter away from a single written word ("Ethopia", "Afganistan", "Quatar").

        Only words of six letters or more, and only when exactly one country is that close:
        shorter names are too near each other ("Iran", "Iraq", "Oman") to guess.
        """
        word = fold(text)
        if len(word) < 6 or " " in word or not text[:1].isupper():
            return []
        table = self._spelling_index()
        found = {id(r): r for variant in _deletions(word) | {word} for r in table.get(variant, ())}
        codes = {r.code for r in found.values()}
        return list(found.values())[:1] if len(codes) == 1 else []

    def is_given_name(self, text: str) -> bool:
        """Whether the word begins the full names of at least two people we know ("Simon", "Abdul")."""
        names = getattr(self, "_given_names", None)
        if names is None:
            counts: dict[str, set] = {}
            for key, records in self.names.items():
                words = key.split()
                if len(words) >= 2 and not key.startswith("="):
                    for record in records:
                        if record.kind == "person":
                            counts.setdefault(words[0], set()).add(record.name)
            names = self._given_names = {word for word, people in counts.items() if len(people) >= 2}
        return fold(text) in names

    def misspelt_family(self, text: str) -> list[Record]:
        """People whose family name is one letter away from a written word ("Mitterand", "Habyariman");
        words shorter than seven letters are left alone."""
        word = fold(text)
        if len(word) < 7 or " " in word or not text[:1].isupper() or word in self.family:
            return []
        index = getattr(self, "_family_spellings", None)
        if index is None:
            index = self._family_spellings = _deletion_index(
                (key, people) for key, people in self.family.items() if len(key) >= 6 and " " not in key)
        return list({r.name: r for variant in _deletions(word) | {word} for r in index.get(variant, ())}.values())

    def _spelling_index(self) -> dict[str, list[Record]]:
        index = getattr(self, "_spellings", None)
        if index is None:
            countries = ((key, [r for r in records if r.kind == "country"]) for key, records in self.names.items())
            index = self._spellings = _deletion_index(
                (key, found) for key, found in countries if found and not key.startswith("=") and " " not in key
                and len(key) >= 5)
        return index

    def role(self, text: str, kind: str = "noun") -> RoleTerm | None:
        table = self.role_nouns if kind == "noun" else self.role_modifiers
        return table.get(fold(text))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _deletion_index(pairs) -> dict[str, list[Record]]:
    """Records by every spelling one deletion away from their key (and the key itself): two words one
    letter apart share an entry."""
    index: dict[str, list[Record]] = {}
    for key, records in pairs:
        for variant in _deletions(key) | {key}:
            index.setdefault(variant, []).extend(records)
    return index


ARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "at-", "az-", "ar-", "bin ", "ben ")


FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK", "MAC"})


CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "june", "july", "august", "september", "october",
                            "november", "december", "today", "tonight", "yesterday", "tomorrow"})


# English words that are also some office holder's family name: alone, capitalised at the start of a sentence or
# in a title, they are far more often the word ("Long queues formed", "Green party") than the person
COMMON_WORDS = frozenset({"mark", "long", "little", "young", "king", "hill", "green", "best", "rose", "hope", "grant",
                          "love", "faith", "strong", "good", "sharp", "rich", "white", "black", "field", "wood", "stone",
                          "page", "law", "west", "north", "south", "east", "new", "major", "general", "chief"})


def family_names(name: str, code: str | None = None) -> list[str]:
    """The family name(s) people use alone: "Bashar al-Assad" -> ["al-Assad", "Assad"], "Xi Jinping" -> ["Xi"]."""
    words = name.split()
    if code in FAMILY_NAME_FIRST and len(words) >= 2 and "-" not in words[0]:
        return [words[0]]
    if len(words) < 2:
        if name.lower().startswith(ARTICLES[:9]):
            return [name.split("-", 1)[1]]
        return []
    last = words[-1]
    if last.lower().rstrip(".") in {"jr", "sr", "ii", "iii", "iv"} and len(words) > 2:
        last = words[-2]
    if len(words) > 2 and words[-2].lower() in {"bin", "ibn", "ben", "bint"}:
        return [" ".join(words[-2:])]  # "Mohammed bin Salman" is "bin Salman", not "Salman"
    found = [last]
    lower = last.lower()
    for article in ARTICLES[:9]:
        if lower.startswith(article) and len(last) > len(article) + 1:
            found.append(last[len(article):])
    if len(words) > 2 and words[-2].lower() in {"al", "el", "bin", "ben", "de", "van", "von", "da"}:
        found.append(" ".join(words[-2:]))
    return found


def _files(extra_dirs: tuple[Path, ...], pattern: str) -> list[Path]:
    found = sorted((DATA_DIR / "actors").glob(pattern))
    for folder in extra_dirs:
        found += sorted(Path(folder).glob(pattern))
    return found


def _check_code(code: str, where: str) -> str:
    code = code.strip().upper()
    if not code or (len(code) != 3):
        raise DataFileError(f"{where}: bad actor code {code!r}")
    return code


def _sector(value: str, where: str) -> str | None:
    value = value.strip().upper()
    if not value:
        return None
    if value not in SECTORS:
        raise DataFileError(f"{where}: unknown sector {value!r}")
    return value


def load_kb(extra_dirs: tuple[Path, ...] = ()) -> KnowledgeBase:
    """Build the knowledge base; malformed rows are skipped and listed in `kb.problems`."""
    kb = KnowledgeBase()
    loaders = [("countries*.tsv", ("code", "name"), _add_country),
               ("territories*.tsv", ("name", "code"), _add_territory),
               ("organisations*.tsv", ("name", "code"), _add_organisation),
               ("groups*.tsv", ("name", "code", "sector"), _add_group),
               ("people*.tsv", ("name", "code", "sector", "office", "start", "end"), _add_person),
               ("roles*.tsv", ("term", "sector", "kind"), _add_role)]
    registry: dict[tuple[str, str], Record] = {}  # groups and people gather their dated rows by name
    for path in _files(extra_dirs, "non_actors*.tsv"):
        for _, row in read_tsv(path, ("term",)):
            kb.non_actors.add(fold(row["term"]))
    for pattern, required, add in loaders:
        for path in _files(extra_dirs, pattern):
            for number, row in read_tsv(path, required):
                where = f"{path.name}:{number}"
                try:
                    add(kb, row, where, registry)
                except (DataFileError, ValueError) as exc:
                    message = str(exc)
                    kb.problems.append(message if where in message else f"{where}: {message}")
    return kb


def _add_country(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    code = _check_code(row["code"], where)
    institutions = []
    for item in split_cell(row.get("institutions", "")):
        name, _, sector = item.rpartition("=")
        if not name:
            raise DataFileError(f"{where}: institution {item!r} is not NAME=SECTOR")
        institutions.append((name, _sector(sector, where)))
    country = Record("country", row["name"], code, source=where)
    kb.count("countries")
    for name in [row["name"], *split_cell(row.get("aliases", ""))]:
        kb.add_name(name, country)
    for adjective in split_cell(row.get("adjectives", "")):
        kb.add_name(adjective, country, kb.adjectives)
    if row.get("capital"):
        kb.add_name(row["capital"], Record("capital", row["capital"], code, "GOV", source=where))
    for name, sector in institutions:
        kb.add_name(name, Record("institution", name, code, sector, source=where))
        kb.count("institutions")


def _add_territory(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    record = Record("territory", row["name"], _check_code(row["code"], where), _sector(row.get("sector", ""), where),
                    source=where)
    kb.count("territories")
    for name in [row["name"], *split_cell(row.get("aliases", ""))]:
        kb.add_name(name, record)
    for adjective in split_cell(row.get("adjectives", "")):
        kb.add_name(adjective, record, kb.adjectives)


def _add_organisation(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    record = Record("organisation", row["name"], _check_code(row["code"], where), _sector(row.get("sector", ""), where),
                    row.get("wikidata") or None, source=where)
    kb.count("organisations")
    for name in [row["name"], *split_cell(row.get("aliases", ""))]:
        kb.add_name(name, record)


def _add_group(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    role = Role(_check_code(row["code"], where), _sector(row["sector"], where), row.get("note", ""),
                parse_day(row.get("start", "")), parse_day(row.get("end", ""), end=True))
    record = registry.get(("group", row["name"]))
    if record is None:
        record = registry[("group", row["name"])] = Record("group", row["name"], role.code, role.sector,
                                                           row.get("wikidata") or None, source=where)
        kb.count("groups")
    record.roles.append(role)
    for name in [row["name"], *split_cell(row.get("aliases", ""))]:
        kb.add_name(name, record)


def _add_person(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    role = Role(_check_code(row["code"], where), _sector(row["sector"], where), row["office"],
                parse_day(row["start"]), parse_day(row["end"], end=True))
    person = registry.get(("person", row["name"]))
    if person is None:
        person = registry[("person", row["name"])] = Record("person", row["name"], role.code, role.sector,
                                                            row.get("wikidata") or None, source=where)
        kb.count("people")
    elif row.get("wikidata") and not person.identifier:
        person.identifier = row["wikidata"]
    person.roles.append(role)
    kb.count("roles")
    for name in [row["name"], *split_cell(row.get("aliases", ""))]:
        if name not in person.names:
            person.names.append(name)
        kb.add_name(name, person)
        for family in family_names(name, role.code):
            if family.lower() not in CALENDAR_WORDS | COMMON_WORDS:  # "Godwin Friday" is never "on Friday"
                kb.add_name(family, person, kb.family)


def _add_role(kb: KnowledgeBase, row: dict, where: str, registry) -> None:
    kind = row["kind"].strip().lower() or "noun"
    if kind not in {"noun", "modifier"}:
        raise DataFileError(f"{where}: kind must be noun or modifier, not {kind!r}")
    term = RoleTerm(fold(row["term"]), _sector(row["sector"], where) or "UNK", kind,
                    row.get("code", "").strip().upper() or None)
    (kb.role_modifiers if kind == "modifier" else kb.role_nouns)[term.term] = term
    kb.count("role terms")


@lru_cache(maxsize=8)
def get_kb(extra_dirs: tuple[Path, ...] = ()) -> KnowledgeBase:
    return load_kb(extra_dirs)
