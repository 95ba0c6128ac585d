"""`whodid kb import`: CAMEO / TABARI / PETRARCH actor and agent dictionaries as whodid knowledge files.

`import_dictionaries(paths, out_dir)` reads dictionaries in the TABARI/PETRARCH text format
and writes whodid TSV files into `out_dir`, a folder to pass to `--kb`:

| file | what goes in |
| --- | --- |
| `people_imported.tsv` | people, one row per dated role (the columns of `people.tsv`) |
| `groups_imported.tsv` | armed groups, parties, national institutions, one row per period |
| `organisations_imported.tsv` | IGO, NGO and MNC entries |
| `territories_imported.tsv` | country-level names the built-in knowledge lacks, as names of that country |
| `roles_imported.tsv` | role words from an agents dictionary |

Every row also carries a `source` column (`file:line` of the dictionary entry and its raw
CAMEO code); the loader ignores it. Malformed lines are skipped and reported with their
line numbers (`ImportReport.problems`); no input makes the importer raise.

Format read (the TABARI 0.8 / PETRARCH dialect):

- `NAME_WORDS_ [CODE]` starts an entry; `_` and spaces separate words, trailing `_` is dropped.
  Consecutive entry lines with no code yet form one entry (as PETRARCH reads them).
- `+SYNONYM` lines add names; `A+B` on one line is two names; a trailing `(ABC)` is an acronym.
- indented `[CODE]` lines add codes: `[CODE]` alone is the default, `[CODE YYMMDD-YYMMDD]`
  a period, `[CODE >YYMMDD]` from a day on, `[CODE <YYMMDD]` up to a day. Days are `YYMMDD`
  or `YYYYMMDD`. `#` starts a comment, `<!-- -->` too, `---STOP---` ends the file.
- agents files (codes with `~`, `WORD_ [~MIL]`, `[IGO~]`): `!SET! = A, B` substitution sets,
  `{PLURAL}` forms (dropped: whodid's role terms are lemmas).

Decisions:

- Two-digit years: 00-49 are 20xx and 50-99 are 19xx, except that a 20xx day still in the
  future is 19xx (these dictionaries were written in the past: `350101`, often a birth year
  opening an ELI period, is 1935). A period that ends before it starts is reported.
- Codes are read in 3-letter pieces. The first piece is the actor code: a whodid country
  code; a CAMEO-only code of a former or renamed state (SUN/USR Soviet Union -> RUS, DDR ->
  DEU, CSK -> CZE, YUG/SCG/FRY -> SRB, TMP -> TLS, KSV -> KOS...; for a union followed by
  one of its republics, the republic: USRARM -> ARM); a dependency (ABW, PRI, ...), folded into
  the state that controls it as `territories.tsv` does; `IGO` (`IGOUNO` -> UNO, `IGOEUR` -> EUR,
  other IGO -> IGO), `NGO`, `MNC`, `IMG`. The sector is the first later piece that maps to a
  PLOVER sector in `data/actors/cameo_sectors.tsv` (GOV in AFGGOVBUS; REL only when nothing
  else applies; IMG is REB unless told otherwise). Pieces that are not sectors (regions,
  dependencies, ethnic groups, an organisation's own letters) are ignored.
- A code that is only a sector (`[ELI]`) takes the country of the entry's other codes. A
  region or unknown first piece (`MEAREB`, `INTREB`) with an armed sector (REB, UAF) is IMG;
  a religion alone (`[BAH]`) is a religious NGO. Anything else without a code is reported.
- Which kind of record: an entry whose codes are all country-level (a country code, maybe
  PRE for UNR) is a territory row, written only for names the built-in knowledge does not
  already know, with the code in force last; a name two country entries claim ("Korea") is
  left out of both. An entry with a dated code is a person, unless
  its name reads like an institution ("Assembly", "Ministry", "Army"...): then it is a group
  row per period. In a dictionary that has country-level entries (a countries file), an
  undated state role (GOV, MIL, LEG, JUD, COP, SPY, ELI) on a personal-looking name is a
  person too. Other IGO/NGO/MNC entries are organisations; the rest are groups. A person
  entry named with a title (`SECRETARY-GENERAL_X_Y`) takes its first untitled synonym as name.
- Names: `JAVIER_DE_CUELLAR_` -> "Javier de Cuellar"; a lone token of 2-3 letters stays upper
  case, as an acronym, so "UN" does not match the word "un".
- A default code next to dated ones holds outside the dated periods (TABARI's reading), so
  it becomes one row per uncovered stretch; a person's office is the sector in plain words
  ("government (business)") since the dictionaries do not name offices. People at an IGO
  (UNO, EUR, IGO) without a sector are GOV, as in `people.tsv`.
- Role words already known to the built-in `roles.tsv` are left out (the built-in rows
  are curated and would otherwise be overridden); agents with no PLOVER sector and no code
  (`[~PPL]`, `[~RAD]`) are skipped.
- `[---]` (PETRARCH's "do not code") entries are left out and counted, not reported.
- `out_dir` may not be inside whodid's own data folder: imported knowledge is passed with
  `--kb`, never mixed into the built-in files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..tables import DATA_DIR, read_tsv
from .kb import INSTITUTION_WORDS

OUTPUT_COLUMNS = {
    "people_imported.tsv": ("name", "aliases", "code", "sector", "office", "start", "end", "wikidata", "source"),
    "groups_imported.tsv": ("name", "aliases", "code", "sector", "start", "end", "wikidata", "note", "source"),
    "organisations_imported.tsv": ("name", "aliases", "code", "sector", "wikidata", "source"),
    "territories_imported.tsv": ("name", "aliases", "adjectives", "code", "sector", "source"),
    "roles_imported.tsv": ("term", "sector", "kind", "code", "note"),
}

# CAMEO codes of states that whodid knows under another code (former states, CAMEO spellings).
CAMEO_COUNTRIES = {
    "SUN": "RUS", "USR": "RUS", "DDR": "DEU", "GDR": "DEU", "CSK": "CZE", "YUG": "SRB", "SCG": "SRB",
    "FRY": "SRB", "TMP": "TLS", "KSV": "KOS", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "ANG": "AGO",
    "FRN": "FRA", "KRJ": "HRV", "SRP": "BIH", "YMD": "YEM", "YAR": "YEM", "VDR": "VNM", "RVN": "VNM",
}
UNIONS = frozenset({"SUN", "USR", "YUG", "SCG", "FRY", "CSK"})  # a following republic code wins
ORG_TYPES = frozenset({"IGO", "NGO", "MNC"})
ARMED = frozenset({"REB", "UAF"})
STATE_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"})
SPECIFIC = frozenset({"LEG", "JUD", "SPY", "COP", "MIL"})
IGO_CODES = frozenset({"IGO", "UNO", "EUR"})

PARTICLES = frozenset("""al el ad as ash an at az ar bin ibn ben bint de da del della der di do dos du la le van von y
of the and for in on to""".split())
VOWELS = set("AEIOUY")
KNOWN_ACRONYMS = frozenset("US USA UN UK EU UAE NATO".split())
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_ACRONYM_TAIL = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


class ImportReport:
    """What an import wrote and what it could not read."""

    def __init__(self):
        self.counts: dict[str, int] = {name: 0 for name in OUTPUT_COLUMNS}
        self.problems: list[str] = []  # "file:line: reason"
        self.skipped: dict[str, int] = {}  # reason -> count, for entries left out on purpose
        self.files: list[str] = []  # files read
        self.entries = 0

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


# ---------------------------------------------------------------- reference tables


@lru_cache(maxsize=1)
def cameo_sectors() -> dict[str, tuple[str | None, str]]:
    """CAMEO piece -> (PLOVER sector or None, plain-words label) from `cameo_sectors.tsv`."""
    table = {}
    for _, row in read_tsv(DATA_DIR / "actors" / "cameo_sectors.tsv", ("cameo", "sector", "note")):
        label = row.get("note", "").split(":", 1)[0].strip()
        table[row["cameo"].strip().upper()] = (row["sector"].strip().upper() or None, label)
    return table


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    codes = {row["code"].strip().upper() for _, row in read_tsv(DATA_DIR / "actors" / "countries.tsv", ("code",))}
    return frozenset(codes | {"KOS", "PSE", "HKG"})


@lru_cache(maxsize=256)
def _dependency(code: str) -> str | None:
    """The state a dependency's ISO code folds into, through its name in the built-in territories."""
    try:
        import pycountry

        entry = pycountry.countries.get(alpha_3=code)
    except Exception:  # pragma: no cover - pycountry missing or broken
        return None
    if entry is None:
        return None
    kb = _builtin_kb()
    for name in {entry.name, getattr(entry, "common_name", entry.name), entry.name.split(",")[0]}:
        for record in kb.records(name):
            if record.kind in {"territory", "country"}:
                return record.code
    return None


def _builtin_kb():
    from .kb import get_kb

    return get_kb(())


@lru_cache(maxsize=1)
def _builtin_roles() -> frozenset[str]:
    kb = _builtin_kb()
    return frozenset(kb.role_nouns) | frozenset(kb.role_modifiers)


# ---------------------------------------------------------------- codes and dates


@dataclass
class Code:
    raw: str
    code: str | None  # PLOVER actor code, None when the entry's other codes must supply it
    sector: str | None
    family: str  # country, org, img, bare (only a sector), area (region or unknown)
    labels: tuple[str, ...] = ()
    religious: bool = False  # the only sector is a religion
    sectors: tuple[str, ...] = ()  # every PLOVER sector the pieces name, in order
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False
    where: str = ""

    @property
    def country_level(self) -> bool:
        return self.family == "country" and self.sector in (None, "PRE")

    @property
    def institution_sector(self) -> str | None:
        """For a body rather than a person: USAGOVLEG is the legislature, USAMILSPY intelligence."""
        later = [s for s in self.sectors[1:] if s in SPECIFIC]
        return later[0] if self.sector in {"GOV", "MIL"} and later else self.sector


def decode(raw: str) -> Code | None:
    """A CAMEO code as PLOVER code and sector; None when no piece of it can be read."""
    letters = re.sub(r"[^A-Z]", "", raw.upper())
    if not letters or len(letters) % 3:
        return None
    pieces = [letters[i:i + 3] for i in range(0, len(letters), 3)]
    table = cameo_sectors()
    first, rest = pieces[0], pieces[1:]
    code: str | None
    if first == "IGO":
        code, family = "IGO", "org"
        if rest and rest[0] in {"UNO", "EUR"}:
            code, rest = rest[0], rest[1:]
    elif first in ORG_TYPES:
        code, family = first, "org"
    elif first == "IMG":
        code, family = "IMG", "img"
    elif first in _countries():
        code, family = first, "country"
    elif first in CAMEO_COUNTRIES:
        code, family = CAMEO_COUNTRIES[first], "country"
        if first in UNIONS and rest:
            republic = rest[0] if rest[0] in _countries() else CAMEO_COUNTRIES.get(rest[0]) or _dependency(rest[0])
            if republic:
                code, rest = republic, rest[1:]
    elif first in table:
        code, family, rest = None, "bare", pieces
    elif _dependency(first):
        code, family = _dependency(first), "country"
    else:
        code, family = None, "area"
    sector = religion = None
    labels: list[str] = []
    sectors: list[str] = []
    for piece in rest:
        if piece not in table:
            continue  # a region, dependency, ethnic group or an organisation's own letters
        mapped, label = table[piece]
        if mapped is None:
            continue
        if label and label not in labels:
            labels.append(label)
        sectors.append(mapped)
        if mapped == "REL":
            religion = religion or mapped
        elif sector is None:
            sector = mapped
    religious = sector is None and religion is not None
    sector = sector or religion
    if family == "img" and (sector is None or religious):
        sector, religious = "REB", False
    if family == "area" and sector in ARMED:
        code, family = "IMG", "img"
    return Code(raw, code, sector, family, tuple(labels), religious, tuple(sectors))


def parse_day(text: str, today: dt.date | None = None) -> dt.date:
    """`YYMMDD` or `YYYYMMDD` -> the day; ValueError if it is neither."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad day {text!r} (YYMMDD or YYYYMMDD)")
    if len(text) == 8:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    year = int(text[:2])
    year += 2000 if year < 50 else 1900
    day = dt.date(year, int(text[2:4]), int(text[4:]))
    if day > (today or dt.date.today()) and year >= 2000:
        day = day.replace(year=year - 100)
    return day


def parse_code(inner: str, where: str) -> Code:
    """The inside of a `[...]`: a code and an optional date restriction; ValueError if unreadable."""
    parts = inner.strip().split(None, 1)
    if not parts:
        raise ValueError("empty code []")
    raw, restriction = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    code = decode(raw)
    if code is None:
        raise ValueError(f"unreadable code {raw!r}")
    code.where = where
    if not restriction:
        return code
    code.dated = True
    if restriction[0] in "<>":
        day = parse_day(restriction[1:])
        if restriction[0] == "<":
            code.end = day
        else:
            code.start = day
        return code
    if restriction.count("-") != 1:
        raise ValueError(f"unreadable date restriction {restriction!r}")
    first, second = restriction.split("-")
    start, end = parse_day(first), parse_day(second)
    if start > end:
        raise ValueError(f"period {restriction!r} ends before it starts")
    code.start, code.end = start, end
    return code


# ---------------------------------------------------------------- names


def _word(word: str, first: bool, single: bool) -> str:
    if not any(c.isalpha() for c in word):
        return word
    if re.fullmatch(r"([A-Za-z]\.)+", word):
        return word.upper()  # U.S., U.N., an initial
    if single and len(word) <= 3:
        return word.upper()  # a lone short token is an acronym: keep "UN" apart from "un"
    bare = word.upper().strip(".,'")
    if bare in KNOWN_ACRONYMS or (len(bare) >= 3 and bare.isalpha() and not VOWELS & set(bare) and bare != "MRS"):
        return word.upper()  # US Congress, BBC World Service
    parts = []
    for i, part in enumerate(word.split("-")):
        lower = part.lower()
        if lower in PARTICLES and not (first and i == 0):
            parts.append(lower)  # Bashar al-Assad, Javier de Cuellar
            continue
        text = lower[:1].upper() + lower[1:]
        # O'Neil, D'Ivoire: a single letter and an apostrophe
        text = re.sub(r"^([A-Za-z])'([a-z])", lambda m: m.group(1).upper() + "'" + m.group(2).upper(), text)
        parts.append(text)
    return "-".join(parts)


def display_name(raw: str) -> str:
    """`SECRETARY-GENERAL_BAN_KI-MOON_` -> `Secretary-General Ban Ki-Moon`; mixed-case input is kept."""
    words = raw.replace("_", " ").split()
    if not words:
        return ""
    if any(c.islower() for c in raw):
        return " ".join(words)  # already written in ordinary case
    single = len(words) == 1
    return " ".join(_word(w, i == 0, single) for i, w in enumerate(words))


def clean_names(text: str) -> tuple[list[str], str | None]:
    """Names on one entry or synonym line; (names, problem or None)."""
    text = _CONTROL.sub("", text).replace("|", "/").replace("=", " ")
    text = unicodedata.normalize("NFC", text)
    if "\ufffd" in text:
        return [], "name has undecodable characters"
    names: list[str] = []
    for piece in text.split("+"):
        piece = piece.strip().strip("_").strip()
        if not piece:
            continue
        acronym = None
        match = _ACRONYM_TAIL.match(piece.replace("_", " ").strip())
        if match:
            piece, inner = match.group(1), match.group(2).strip()
            if _is_acronym_of(inner, piece):
                acronym = inner  # ISLAMIC_ARMY_OF_ADEN_(IAA): a name and its acronym
            else:
                piece = f"{piece} {inner}"  # KOREA_(NORTH): the words belong to the name
        for candidate in (piece, acronym):
            if candidate is None:
                continue
            name = display_name(candidate.strip("_ "))
            if candidate is acronym:
                name = name.upper()
            if sum(c.isalnum() for c in name) < 2:
                continue
            if name not in names:
                names.append(name)
    if not names:
        return [], f"no readable name in {text.strip()!r}"
    return names, None


def _is_acronym_of(acronym: str, name: str) -> bool:
    """Whether `acronym` abbreviates `name`: same first letter, all but one letter in order among the initials."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in re.split(r"[\s_-]+", name) if w[:1].isalpha()]
    if not 2 <= len(letters) <= 8 or " " in acronym.strip() or not initials or letters[0] != initials[0]:
        return False
    found, position = 0, 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position < len(initials):
            found, position = found + 1, position + 1
    return found >= len(letters) - 1


def _looks_institutional(name: str) -> bool:
    return any(word.strip(".,'()").lower() in INSTITUTION_WORDS for word in re.split(r"[\s-]+", name))


TITLES = frozenset("""
acting ambassador chairman chief col colonel commander defence defense deputy dr foreign gen general
governor interior king leader lt minister mr mrs ms premier president prime prince princess queen
representative secretary secretary-general senator sheikh speaker vice
""".split())


def _plain_name(names: list[str]) -> str:
    """A person's name without a title in front, when the dictionary gives one."""
    def titled(name: str) -> bool:
        return any(w.lower().strip(".") in TITLES for w in re.split(r"[\s]+", name)) or _looks_institutional(name)

    if not titled(names[0]):
        return names[0]
    plain = [n for n in names if not titled(n) and len(n.split()) >= 2]
    return plain[0] if plain else names[0]


def _looks_personal(name: str) -> bool:
    """For an undated entry: no institution or title word, and no word the built-in knowledge
    knows as a place, adjective or role ("Washington-Based Think Tank", "Federal Reserve")."""
    words = name.split()
    if not 2 <= len(words) <= 6 or _looks_institutional(name) or any(c.isdigit() for c in name):
        return False
    kb = _builtin_kb()
    for word in re.split(r"[\s-]+", name):
        folded = word.lower().strip(".,'")
        if folded in {"of", "the", "and", "for"} or folded in TITLES:
            return False
        if folded in kb.role_nouns or folded in kb.role_modifiers or kb.adjective(word) or kb.records(word):
            return False
    return True


# ---------------------------------------------------------------- reading files


@dataclass
class Entry:
    names: list[str]
    codes: list[Code] = field(default_factory=list)
    where: str = ""
    null: bool = False  # coded [---]: do not code


def _read_lines(path: Path, report: ImportReport) -> list[tuple[int, str]] | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.problem(str(path), f"cannot read: {exc.strerror or exc}")
        return None
    if b"\x00" in data[:8192]:
        report.problem(str(path), "binary file, not a dictionary")
        return None
    lines = []
    for number, raw in enumerate(data.splitlines(), 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        lines.append((number, text.lstrip("\ufeff") if number == 1 else text))
    return lines


def _strip_comments(lines: list[tuple[int, str]]):
    """Yield (number, text) with `#` and `<!-- -->` comments removed; stop at ---STOP---."""
    in_comment = False
    for number, text in lines:
        if in_comment:
            if "-->" not in text:
                continue
            text, in_comment = text.split("-->", 1)[1], False
        while "<!--" in text:
            head, _, tail = text.partition("<!--")
            if "-->" in tail:
                text = head + tail.split("-->", 1)[1]
            else:
                text, in_comment = head, True
        if "---STOP---" in text:
            return
        text = text.split("#", 1)[0].rstrip()
        if text.strip():
            yield number, text


def _brackets(text: str, where: str, report: ImportReport) -> tuple[str, list[Code], bool]:
    """Split a line into its text outside brackets and its codes; (text, codes, null code seen)."""
    codes, null = [], False
    for inner in _BRACKET.findall(text):
        if inner.strip().strip("-") == "" and "-" in inner:
            null = True
            continue
        try:
            codes.append(parse_code(inner, where))
        except ValueError as exc:
            report.problem(where, str(exc))
    outside = _BRACKET.sub(" ", text)
    if "[" in outside or "]" in outside:
        report.problem(where, "unmatched bracket")
        outside = outside.replace("[", " ").replace("]", " ")
    return outside, codes, null


def read_actors(path: Path, lines: list[tuple[int, str]], report: ImportReport) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for number, text in _strip_comments(lines):
        where = f"{path.name}:{number}"
        try:
            indented = text[:1] in " \t"
            outside, codes, null = _brackets(text, where, report)
            if indented and outside.strip():
                text = text.lstrip()  # an entry written indented: read it as an entry
                indented = False
            if indented or text.startswith("["):
                if current is None:
                    if codes or null:
                        report.problem(where, "code line before any entry")
                    continue
                current.codes += codes
                current.null |= null
                continue
            synonym = text.startswith("+")
            names, problem = clean_names(outside[1:] if synonym else outside)
            if problem:
                report.problem(where, problem)
            if synonym:
                if current is None:
                    report.problem(where, "synonym before any entry")
                    continue
            elif current is None or current.codes or current.null:
                current = Entry([], where=where)  # with no readable name, its synonyms may name it
                entries.append(current)
            for name in names:
                if name not in current.names:
                    current.names.append(name)
            current.codes += codes
            current.null |= null
        except Exception as exc:  # never let one line stop the import
            report.problem(where, f"unreadable line ({type(exc).__name__}: {exc})")
    return entries


def read_agents(path: Path, lines: list[tuple[int, str]], report: ImportReport) -> list[tuple]:
    """(term, raw code, sector, code, where) for each agent phrase."""
    sets: dict[str, list[str]] = {}
    found = []
    for number, text in _strip_comments(lines):
        where = f"{path.name}:{number}"
        try:
            if "!" in text and "=" in text and "[" not in text:
                marker, _, values = text.partition("=")
                marker = marker.strip().strip("!").strip()
                if not marker:
                    report.problem(where, "substitution set without a name")
                    continue
                sets[marker] = [v.strip() for v in values.split(",") if v.strip()]
                continue
            match = re.match(r"^(.*?)\[([^\]]*)\]", text)
            if not match:
                report.problem(where, "agent without a [code]")
                continue
            phrase, raw = match.group(1), match.group(2).strip()
            phrase = re.sub(r"\{[^}]*\}", " ", phrase)
            phrases = [phrase]
            while any("!" in p for p in phrases):
                expanded = []
                for p in phrases:
                    m = re.search(r"!([^!]*)!", p)
                    if not m:
                        report.problem(where, "unmatched ! in agent")
                        expanded = []
                        break
                    if m.group(1) not in sets:
                        report.problem(where, f"unknown substitution set !{m.group(1)}!")
                        expanded = []
                        break
                    expanded += [p[:m.start()] + value + p[m.end():] for value in sets[m.group(1)]]
                phrases = expanded
            sector, code = _agent_code(raw)
            for p in phrases:
                term = " ".join(_CONTROL.sub("", p).replace("_", " ").lower().split())
                if "\ufffd" in term or sum(c.isalnum() for c in term) < 2 or not any(c.isalpha() for c in term):
                    report.problem(where, f"unreadable agent {p.strip()!r}")
                    continue
                found.append((term, raw, sector, code, where))
        except Exception as exc:
            report.problem(where, f"unreadable line ({type(exc).__name__}: {exc})")
    return found


def _agent_code(raw: str) -> tuple[str | None, str | None]:
    """`~GOVMED` -> (GOV, None); `IGO~` -> (None, IGO); `~IMG` -> (REB, IMG)."""
    letters = re.sub(r"[^A-Z]", "", raw.upper())
    pieces = [letters[i:i + 3] for i in range(0, len(letters) - len(letters) % 3, 3)]
    code = next((p for p in pieces if p in ORG_TYPES | {"IMG"}), None)
    decoded = decode("XXX" + "".join(p for p in pieces if p not in ORG_TYPES | {"IMG"}))
    sector = decoded.sector if decoded else None
    if code == "IMG" and sector is None:
        sector = "REB"
    return sector, code


def _is_agents_file(lines: list[tuple[int, str]]) -> bool:
    tilde = plain = 0
    for _, text in _strip_comments(lines):
        for inner in _BRACKET.findall(text):
            if "~" in inner:
                tilde += 1
            else:
                plain += 1
    return tilde > plain


# ---------------------------------------------------------------- entries to rows


def _office(code: Code) -> str:
    labels = list(code.labels)
    if not labels:
        return "official" if code.code in IGO_CODES else ""
    return labels[0] + (f" ({', '.join(labels[1:])})" if len(labels) > 1 else "")


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _gaps(codes: list[Code]) -> list[tuple[dt.date | None, dt.date | None]]:
    """Stretches of time no dated code covers (None = open)."""
    spans = sorted(((c.start or dt.date.min), (c.end or dt.date.max)) for c in codes if c.dated)
    if not spans:
        return [(None, None)]
    gaps, cursor = [], dt.date.min
    for start, end in spans:
        if start > cursor:
            gaps.append((cursor, start - dt.timedelta(days=1)))
        if end >= cursor:
            cursor = end if end == dt.date.max else end + dt.timedelta(days=1)
    if cursor != dt.date.max:
        gaps.append((cursor, dt.date.max))
    return [(None if s == dt.date.min else s, None if e == dt.date.max else e) for s, e in gaps]


def _periods(codes: list[Code]) -> list[tuple[Code, dt.date | None, dt.date | None]]:
    """Dated codes as they are, defaults spread over the stretches the dated ones leave."""
    rows = [(c, c.start, c.end) for c in codes if c.dated]
    defaults = [c for c in codes if not c.dated]
    for start, end in _gaps(codes) if defaults else []:
        rows += [(c, start, end) for c in defaults]
    return rows


def _latest(codes: list[Code]) -> Code:
    """The code in force last: an open-ended one, else a default, else the latest end."""
    open_ended = [c for c in codes if c.dated and c.end is None]
    if open_ended:
        return max(open_ended, key=lambda c: c.start or dt.date.min)
    defaults = [c for c in codes if not c.dated]
    if defaults:
        return defaults[0]
    return max(codes, key=lambda c: c.end or dt.date.min)


class _Writer:
    def __init__(self, report: ImportReport):
        self.report = report
        self.rows: dict[str, list[tuple]] = {name: [] for name in OUTPUT_COLUMNS}
        self.seen: dict[str, dict[str, int]] = {name: {} for name in OUTPUT_COLUMNS}

    def unambiguous_territories(self) -> None:
        """A country name the dictionaries give to two countries ("Korea") names neither."""
        from .kb import fold

        codes: dict[str, set[str]] = {}
        for row in self.rows["territories_imported.tsv"]:
            for name in [row[0], *row[1].split("|")]:
                codes.setdefault(fold(name), set()).add(row[3])
        kept = []
        for row in self.rows["territories_imported.tsv"]:
            names = [n for n in [row[0], *row[1].split("|")] if n and len(codes[fold(n)]) == 1]
            dropped = len([n for n in [row[0], *row[1].split("|")] if n]) - len(names)
            for _ in range(dropped):
                self.report.skip("country name given to two countries")
            if names:
                kept.append((names[0], "|".join(names[1:]), *row[2:]))
        self.rows["territories_imported.tsv"] = kept

    def add(self, file: str, row: tuple, key: str | None = None) -> None:
        if key is not None:  # organisations and territories: one row per name, aliases merged
            index = self.seen[file].get(key)
            if index is not None:
                old = list(self.rows[file][index])
                aliases = old[1].split("|") if old[1] else []
                aliases += [a for a in row[1].split("|") if a and a not in aliases and a != old[0]]
                old[1] = "|".join(aliases)
                self.rows[file][index] = tuple(old)
                return
            self.seen[file][key] = len(self.rows[file])
        self.rows[file].append(row)


def _resolve_codes(entry: Entry, report: ImportReport) -> list[Code]:
    """Give bare and regional codes the entry's country; drop what has none."""
    home = next((c for c in entry.codes if c.code and c.family != "area"), None)
    resolved, unresolved = [], []
    for code in entry.codes:
        if code.code is None:
            if home is not None:
                code.code = home.code
                code.family = "country" if home.family == "country" else home.family
            elif code.sector in ARMED:
                code.code, code.family = "IMG", "img"
            elif code.religious or code.sector == "REL":
                code.code, code.family = "NGO", "org"
            else:
                unresolved.append(code.raw)
                continue
        resolved.append(code)
    if unresolved:
        codes = ", ".join(sorted(set(unresolved)))
        report.problem(entry.where, f"{entry.names[0]!r}: code {codes} names no known country or organisation; "
                                    + ("left out" if not resolved else "those codes left out"))
    return resolved


def _convert(entry: Entry, writer: _Writer, report: ImportReport, country_file: bool) -> None:
    if entry.null:
        report.skip("coded [---] (do not code)")
        return
    if not entry.names:
        if entry.codes:
            report.problem(entry.where, "entry without a readable name; left out")
        return
    if not entry.codes:
        report.problem(entry.where, f"entry {entry.names[0]!r} has no code; left out")
        return
    codes = _resolve_codes(entry, report)
    if not codes:
        return
    name, aliases = entry.names[0], entry.names[1:]
    alias_cell = "|".join(aliases)
    raw = " ".join(sorted({c.raw for c in codes}))
    source = f"{entry.where} {raw}"
    report.entries += 1

    if all(c.country_level for c in codes):
        latest = _latest(codes)
        kb = _builtin_kb()
        new = [n for n in entry.names if not kb.records(n) and not kb.adjective(n)]
        if not new:
            report.skip("country name already known")
            return
        row = (new[0], "|".join(new[1:]), "", latest.code, latest.sector or "", source)
        writer.add("territories_imported.tsv", row, key=f"{new[0]}\t{latest.code}")
        return

    dated = any(c.dated for c in codes)
    home = codes[0]
    undated_person = (country_file and not dated and _looks_personal(name)
                      and all(c.family == "country" and c.sector in STATE_ROLES for c in codes))
    if (dated and not _looks_institutional(name)) or undated_person:
        person = _plain_name(entry.names)
        person_aliases = "|".join(n for n in entry.names if n != person)
        for code, start, end in _periods(codes):
            sector = code.sector or ("GOV" if code.code in IGO_CODES else None)
            row = (person, person_aliases, code.code, sector or "", _office(code), _day(start), _day(end), "",
                   f"{code.where} {code.raw}")
            writer.add("people_imported.tsv", row)
        return
    if home.family == "org" and all(c.family == "org" for c in codes):
        latest = _latest(codes)
        writer.add("organisations_imported.tsv", (name, alias_cell, latest.code, latest.sector or "", "", source),
                   key=f"{name}\t{latest.code}")
        return
    for code, start, end in _periods(codes):
        row = (name, alias_cell, code.code, code.institution_sector or "", _day(start), _day(end), "", "",
               f"{code.where} {code.raw}")
        writer.add("groups_imported.tsv", row)


def _convert_agents(found, writer: _Writer, report: ImportReport) -> None:
    known = _builtin_roles()
    taken: set[str] = set()
    for term, raw, sector, code, where in found:
        if sector is None and code is None:
            report.skip("agent with no PLOVER sector")
            continue
        if term in known:
            report.skip("role word already in roles.tsv")
            continue
        if term in taken:
            continue
        taken.add(term)
        writer.add("roles_imported.tsv", (term, sector or "", "noun", code or "", f"{where} [{raw}]"))


def _cell(value: str) -> str:
    return " ".join(str(value).split()) if value else ""


def _inputs(paths: list[Path], report: ImportReport) -> list[Path]:
    files = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt"
                           and not p.name.startswith("."))
            if not found:
                report.problem(str(path), "folder holds no .txt dictionary")
            files += found
        elif path.exists():
            files.append(path)
        else:
            report.problem(str(path), "no such file")
    return files


def run_import(paths: list[Path], out_dir: Path) -> ImportReport:
    """Convert dictionaries into whodid TSV files in `out_dir`; the report has counts and problems."""
    report = ImportReport()
    out_dir = Path(out_dir)
    try:
        inside = out_dir.resolve().is_relative_to(Path(DATA_DIR).resolve())
    except OSError:
        inside = False
    if inside:
        raise DataFileError(f"{out_dir} is inside whodid's own data folder",
                            hint="write imported dictionaries elsewhere and pass the folder with --kb")
    writer = _Writer(report)
    for path in _inputs(paths, report):
        lines = _read_lines(path, report)
        if lines is None:
            continue
        report.files.append(str(path))
        try:
            if _is_agents_file(lines):
                _convert_agents(read_agents(path, lines, report), writer, report)
                continue
            entries = read_actors(path, lines, report)
            country_file = any(e.codes and all(c.family == "country" and c.sector is None for c in e.codes)
                               for e in entries)
            for entry in entries:
                try:
                    _convert(entry, writer, report, country_file)
                except Exception as exc:
                    report.problem(entry.where, f"entry left out ({type(exc).__name__}: {exc})")
        except Exception as exc:  # pragma: no cover - defensive: one file never stops the rest
            report.problem(str(path), f"file left out ({type(exc).__name__}: {exc})")
    writer.unambiguous_territories()
    order = {Path(name).name: i for i, name in enumerate(report.files)}

    def position(problem: str):
        match = re.match(r"^(.*?):(\d+): ", problem)
        return (order.get(match.group(1), -1), int(match.group(2))) if match else (-1, 0)

    report.problems.sort(key=position)  # stable: file by file, line by line
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, columns in OUTPUT_COLUMNS.items():
            with open(out_dir / name, "w", encoding="utf-8", newline="") as handle:
                handle.write("\t".join(columns) + "\n")
                handle.write(f"# Imported by `whodid kb import` from {len(report.files)} dictionary file(s); "
                             "`source` is the dictionary file:line and its CAMEO code.\n")
                for row in writer.rows[name]:
                    handle.write("\t".join(_cell(v) for v in row) + "\n")
                report.counts[name] = len(writer.rows[name])
    except OSError as exc:
        raise DataFileError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return report


def import_dictionaries(paths: list[Path], out_dir: Path) -> dict[str, int]:
    """Convert CAMEO/TABARI/PETRARCH dictionaries into `out_dir`; rows written per output file."""
    return run_import(paths, out_dir).counts
