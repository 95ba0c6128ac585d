"""A generated benchmark corpus: news-style articles built from whodid's own knowledge files.

    from whodid.benchdata import generate
    for doc in generate(2000, seed=7):          # {"id", "date", "title", "text"}
        ...

Every article is assembled from the sentence and layout templates in
`whodid/data/bench/templates.tsv` (written for this project; see the README there),
filled with actors that the knowledge base knows on the article's date: states (names,
adjectives, capitals), office holders (`people*.tsv`), armed groups and opposition
movements (`groups.tsv`), organisations (`organisations.tsv`) and places
(`places/places.tsv`). An article has a topic (conflict, diplomacy, protest, trade, aid,
elections), a date between 2000 and 2025, a headline, often a sub-heading, a byline or
dateline, body paragraphs in which roughly 40-45% of the sentences hold no event
(background, quotes, statistics, markets, sport, weather, history), cross-headings, a
photo caption and trailing site boilerplate, as a scraped page would.

The output depends only on `seed`, the document's position and `words`: document i is
the same whatever `n_docs` is, so `generate(200)` is a prefix of `generate(2000)`.
The events and quotations are invented; nothing here reports what anyone said or did.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from .tables import DATA_DIR, read_tsv, split_cell

TEMPLATES = DATA_DIR / "bench" / "templates.tsv"

TOPICS = ("conflict", "diplomacy", "protest", "trade", "aid", "elections")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FILLER_KINDS = ("background", "quote", "statistics", "market", "sport", "weather", "history")
LAYOUT_KINDS = ("headline", "subhead", "crosshead", "caption", "boiler")

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
FILLER_SHARE = 0.45  # chance that a body sentence is drawn from the filler kinds

# How often each event type is drawn in an article of each topic (all 16 everywhere).
_BASE = dict.fromkeys(EVENT_TYPES, 0.4)
TOPIC_EVENTS: dict[str, dict[str, float]] = {
    "conflict": {**_BASE, "ASSAULT": 5, "MOBILIZE": 2, "THREATEN": 2, "ACCUSE": 2, "COERCE": 1.2,
                 "REQUEST": 1.5, "RETREAT": 1, "REJECT": 1, "AGREE": 1, "CONSULT": 0.8},
    "diplomacy": {**_BASE, "CONSULT": 4, "AGREE": 2, "SUPPORT": 2, "REJECT": 1.5, "REQUEST": 1.5,
                  "SANCTION": 1.5, "ACCUSE": 1.5, "COOPERATE": 1.2, "THREATEN": 1},
    "protest": {**_BASE, "PROTEST": 5, "COERCE": 3, "ACCUSE": 1.5, "REQUEST": 1.5, "CONCEDE": 1.5,
                "RETREAT": 1, "THREATEN": 0.8, "ASSAULT": 0.6},
    "trade": {**_BASE, "COOPERATE": 3, "SANCTION": 3, "AGREE": 2, "CONSULT": 2, "REJECT": 1,
              "THREATEN": 1, "ACCUSE": 1, "PROTEST": 0.8},
    "aid": {**_BASE, "AID": 5, "REQUEST": 2.5, "SUPPORT": 1.5, "AGREE": 1.5, "CONSULT": 1,
            "COOPERATE": 1},
    "elections": {**_BASE, "PROTEST": 2, "ACCUSE": 2, "REJECT": 2, "SUPPORT": 2, "COERCE": 1.5,
                  "RETREAT": 1.2, "CONCEDE": 1.2, "CONSULT": 1, "REQUEST": 1},
}
FILLER_WEIGHTS: dict[str, dict[str, float]] = {
    topic: {"background": 3, "quote": 2, "statistics": 1.2, "market": 0.3, "sport": 0.25,
            "weather": 0.35, "history": 0.8} for topic in TOPICS}
FILLER_WEIGHTS["trade"].update(market=2.5, statistics=2)
FILLER_WEIGHTS["elections"].update(statistics=1.8)
FILLER_WEIGHTS["aid"].update(weather=0.8, statistics=1.5)

ISSUES = {
    "conflict": ["the conflict", "the border dispute", "the insurgency", "the fighting in the north",
                 "the security situation", "the ceasefire talks"],
    "diplomacy": ["the nuclear programme", "the border dispute", "regional security", "the peace process",
                  "maritime boundaries", "the fate of the detained diplomats"],
    "protest": ["rising fuel prices", "the new constitution", "corruption", "the arrest of opposition leaders",
                "police violence", "the cost of living"],
    "trade": ["steel tariffs", "the customs union", "farm subsidies", "the free trade agreement",
              "export quotas", "the gas pipeline"],
    "aid": ["the humanitarian crisis", "the drought", "the response to the floods", "food shortages",
            "the refugee crisis", "the cholera outbreak"],
    "elections": ["the election results", "the electoral law", "the vote count", "the presidential runoff",
                  "the disputed vote", "campaign financing"],
}
SHORT_ISSUES = {
    "conflict": ["border clashes", "the insurgency", "the ceasefire"],
    "diplomacy": ["nuclear programme", "border dispute", "detained diplomats", "maritime boundary"],
    "protest": ["fuel prices", "new constitution", "corruption", "arrests"],
    "trade": ["steel tariffs", "customs union", "farm subsidies", "gas pipeline"],
    "aid": ["drought", "floods", "refugee crisis", "food shortages"],
    "elections": ["election results", "electoral law", "vote count"],
}
SECTIONS = ("WORLD", "AFRICA", "MIDDLE EAST", "ASIA", "EUROPE", "AMERICAS", "POLITICS", "BUSINESS", "NEWS",
            "BREAKING")
REGION_NAMES = ("the region", "around the world", "Africa", "the Middle East", "Asia", "Europe", "the Americas")
AGENCIES = ("AFP", "Reuters", "AP", "EPA", "Xinhua", "Anadolu")
SITE_FIRST = ("Daily", "Global", "Frontline", "Morning", "Continental", "Evening", "Capital", "Coastal", "Northern",
              "Independent", "Weekly", "Horizon")
SITE_SECOND = ("Courier", "Ledger", "Wire", "Post", "Dispatch", "Observer", "Herald", "Monitor", "Tribune",
               "Chronicle", "Sentinel", "Gazette")
FIRST_NAMES = ("Amina", "Omar", "Leila", "Samuel", "Grace", "Ahmed", "Fatima", "Daniel", "Mariam", "Joseph",
               "Aisha", "Tomas", "Nadia", "Kwame", "Elena", "Ravi", "Priya", "Hassan", "Sofia", "Ibrahim",
               "Chen", "Mei", "Yusuf", "Ana", "Pedro", "Olga", "Dmitri", "Zainab", "Karim", "Lucia",
               "Emmanuel", "Halima", "Tariq", "Rosa", "Arjun", "Noura", "Mehmet", "Irina", "Kofi", "Salma")
LAST_NAMES = ("Yusuf", "Haddad", "Mensah", "Okafor", "Rahman", "Petrov", "Silva", "Nguyen", "Kamau", "Diallo",
              "Hussein", "Novak", "Kowalski", "Mendoza", "Osei", "Farouk", "Tran", "Suleiman", "Moreau",
              "Banda", "Abdi", "Karimi", "Ortega", "Lungu", "Sharma", "Aziz", "Nasser", "Mwangi", "Costa",
              "Ivanova", "Bello", "Santos", "Achieng", "Demir", "Khalil", "Traore", "Wanjiru", "Popescu")
JOBS = ("teacher", "nurse", "taxi driver", "shopkeeper", "student", "civil servant", "mechanic", "farmer",
        "pharmacist", "engineer", "baker", "fisherman", "doctor", "lawyer", "market trader", "bus driver",
        "accountant", "hairdresser", "construction worker", "tailor")
COMMODITIES = ("coffee", "cocoa", "cotton", "copper", "palm oil", "rice", "tea", "gold", "cashew nuts", "fish")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

# Names that take "the" in running text.
COUNTRIES_WITH_THE = {"BHS", "CAF", "COG", "COD", "DOM", "GMB", "MDV", "MHL", "NLD", "PHL", "SYC", "SLB", "ARE",
                      "GBR", "USA", "COM"}
LEADER_OFFICES = ("President", "Prime Minister", "Chancellor", "King", "Emir", "Supreme Leader", "Sultan",
                  "Premier", "Head of State", "Chairman of the Presidential Council",
                  "Chairman of the Sovereignty Council")
FM_WORDS = ("Foreign Minister", "Minister of Foreign Affairs", "Foreign Secretary", "Secretary of State",
            "Minister for Foreign Affairs", "Secretary of Foreign Affairs", "Minister of External Affairs",
            "External Affairs Minister")
_ORG_WORDS = {"Union", "Organization", "Organisation", "Council", "Commission", "Bank", "Fund", "Programme",
              "Program", "Agency", "Court", "Parliament", "Office", "Committee", "Assembly", "Alliance", "Forum",
              "Group", "League", "Community", "Mission", "Force", "Nations", "Secretariat", "Conference",
              "Federation", "Association", "Institute", "Centre", "Center", "Service", "Tribunal", "Board",
              "Movement", "Cross", "Crescent", "Observatory", "Corps", "Cooperation", "Defence", "Partnership"}
_ORG_NO_THE = {"Amnesty", "Oxfam", "Save", "Médecins", "Greenpeace", "Transparency", "Reporters", "Doctors",
               "Human", "Islamic", "Mercy", "Freedom", "Global", "Physicians", "PEN", "CARE"}
_SPOKEN_ACRONYMS = {"NATO", "ECOWAS", "UNICEF", "OPEC", "ASEAN", "UNESCO", "UNRWA", "MONUSCO", "MINUSMA", "UNIFIL",
                    "AMISOM", "Interpol", "Frontex", "Europol", "Mercosur", "Eurojust", "UNITAID", "UNAMID"}
_GROUP_WORDS = {"Front", "Army", "Forces", "Movement", "Party", "Group", "State", "Brigades", "Brigade", "Council",
                "Union", "Alliance", "Organization", "Organisation", "League", "Congress", "Coalition",
                "Federation", "Committee", "Tigers", "Guard", "Guards", "Militia", "Command", "Battalion",
                "Resistance", "Liberation", "Revolutionary", "Mujahideen", "Network", "Cartel",
                "Units", "Unit", "Platform", "Assembly", "Bloc", "Rally", "Taliban", "Houthis", "Province"}
_ACRONYMS_WITH_THE = {"PKK", "SDF", "RSF", "ELN", "FARC", "LTTE", "YPG", "SPLA", "SPLM", "ANC", "PLO"}
_NGO_ACRONYMS_WITH_THE = {"ICRC", "IFRC", "IRC", "NRC", "WEF"}
_ACTIVE_PLACE_KINDS = {"city", "town", "village", "district", "area"}
_REGION_KINDS = {"province", "region", "district"}


# ---------------------------------------------------------------------------- knowledge


@dataclass
class Country:
    code: str
    name: str
    adj: str
    capital: str
    the: bool


@dataclass
class Person:
    name: str
    office: str
    sector: str
    start: str
    end: str


@dataclass
class Group:
    name: str
    aliases: list[str]
    sector: str
    start: str
    end: str


@dataclass
class Knowledge:
    countries: dict[str, Country]
    weights: dict[str, float]
    people: dict[str, list[Person]]
    groups: dict[str, list[Group]]
    orgs: dict[str, list[tuple[str, list[str]]]]
    places: dict[str, list[str]]
    regions: dict[str, list[str]]
    templates: dict[str, list[tuple[int, tuple[str, ...], str]]]


def _day_from(value: str, end: bool) -> str:
    """A comparable YYYY-MM-DD string for a KB date (YYYY, YYYY-MM or YYYY-MM-DD); empty = open."""
    if not value:
        return "9999-12-31" if end else "0000-01-01"
    if len(value) == 4:
        return value + ("-12-31" if end else "-01-01")
    if len(value) == 7:
        return value + ("-31" if end else "-01")
    return value


def load_templates() -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    """kind -> [(line, topics, template)] from templates.tsv."""
    templates: dict[str, list[tuple[int, tuple[str, ...], str]]] = defaultdict(list)
    for line, row in read_tsv(TEMPLATES, ("kind", "topics", "template")):
        topics = tuple(t.strip() for t in row["topics"].split(",") if t.strip())
        templates[row["kind"]].append((line, topics, row["template"]))
    return dict(templates)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    actors = DATA_DIR / "actors"
    countries: dict[str, Country] = {}
    for _, row in read_tsv(actors / "countries.tsv", ("code", "name", "adjectives", "capital")):
        adjectives = split_cell(row["adjectives"])
        if not adjectives or not row["capital"]:
            continue
        countries[row["code"]] = Country(row["code"], row["name"], adjectives[0], row["capital"],
                                         row["code"] in COUNTRIES_WITH_THE)
    people: dict[str, list[Person]] = defaultdict(list)
    for path in sorted(actors.glob("people*.tsv")):
        for _, row in read_tsv(path, ("name", "code", "sector", "office", "start", "end")):
            if row["code"] in countries and row["office"]:
                people[row["code"]].append(Person(row["name"], row["office"], row["sector"],
                                                  _day_from(row["start"], False), _day_from(row["end"], True)))
    groups: dict[str, list[Group]] = defaultdict(list)
    for _, row in read_tsv(actors / "groups.tsv", ("name", "aliases", "code", "sector", "start", "end")):
        groups[row["code"]].append(Group(row["name"], split_cell(row["aliases"]), row["sector"],
                                         _day_from(row["start"], False), _day_from(row["end"], True)))
    orgs: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for _, row in read_tsv(actors / "organisations.tsv", ("name", "aliases", "code")):
        if len(row["name"].split()) <= 6:
            orgs[row["code"]].append((row["name"], split_cell(row["aliases"])))
    places: dict[str, list[str]] = defaultdict(list)
    regions: dict[str, list[str]] = defaultdict(list)
    for _, row in read_tsv(DATA_DIR / "places" / "places.tsv", ("name", "aliases", "country", "kind")):
        if row["kind"] in _ACTIVE_PLACE_KINDS:
            places[row["country"]].append(row["name"])
        if row["kind"] in _REGION_KINDS:
            names = [row["name"]] + [a for a in split_cell(row["aliases"]) if a.split()[-1] in ("province", "region")]
            regions[row["country"]].append(names[-1] if len(names) > 1 else names[0])
    # News attention is skewed: states with many known office holders appear more often.
    weights = {code: 1.0 + min(len(people.get(code, ())), 60) for code in countries}
    return Knowledge(countries, weights, dict(people), dict(groups), dict(orgs), dict(places), dict(regions),
                     load_templates())


# ---------------------------------------------------------------------------- rendering


def _with_article(name: str, words: set[str], no_the: set[str] = frozenset()) -> str:
    if name.startswith(("The ", "the ")):
        return name
    tokens = name.replace("-", " ").split()
    if tokens[0] in no_the:
        return name
    return "the " + name if any(t in words for t in tokens) else name


def _org_form(name: str, aliases: list[str], short: bool, code: str = "") -> str:
    acronyms = [a for a in aliases if re.fullmatch(r"[A-Z][A-Za-z]{1,8}", a) and (a.isupper() or a in _SPOKEN_ACRONYMS)]
    if short and acronyms:
        acronym = acronyms[0]
        if acronym in _SPOKEN_ACRONYMS or (code == "NGO" and acronym not in _NGO_ACRONYMS_WITH_THE):
            return acronym
        return "the " + acronym
    if name == "North Atlantic Treaty Organization":
        return "NATO"
    return _with_article(name, _ORG_WORDS, _ORG_NO_THE)


def _group_form(group: Group, short: bool) -> str:
    if short:  # a later mention: an acronym or one-word alias when there is one
        for alias in group.aliases:
            if re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", alias):
                return ("the " + alias) if alias in _ACRONYMS_WITH_THE else alias
            if len(alias.split()) == 1:
                return alias
    if group.name in ("Taliban", "Houthis"):
        return "the " + group.name
    return _with_article(group.name, _GROUP_WORDS)


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1] if len(parts) > 1 else name


@dataclass
class Party:
    """A state taking part in one article, with the people and places chosen for it."""

    country: Country
    leader: Person | None
    fm: Person | None
    official: Person | None
    opposition: Group | None
    places: list[str]
    regions: list[str]


@dataclass
class Article:
    rng: random.Random
    day: dt.date
    topic: str
    parties: dict[str, Party]
    group: Group | None
    org: tuple[str, list[str]]
    ngo: tuple[str, list[str]]
    mnc: tuple[str, list[str]]
    site: str
    mentioned: set[str] = field(default_factory=set)
    used: set[int] = field(default_factory=set)
    kinds: Counter = field(default_factory=Counter)  # template kinds drawn, for tests and statistics

    # -- slots

    def person(self, person: Person | None, country: Country, fallback: str) -> str:
        if person is None:
            return fallback
        if person.name in self.mentioned:
            return _surname(person.name)
        self.mentioned.add(person.name)
        office = re.sub(rf"\s+of\s+(the\s+)?{re.escape(country.name)}$", "", person.office)
        if " of " in office or len(office.split()) > 3:
            return f"{person.name}, {self.possessive(country)} {office},"
        if self.rng.random() < 0.25:
            return f"{person.name}, the {country.adj} {office.lower()},"
        return f"{country.adj} {office} {person.name}"

    def name(self, country: Country) -> str:
        return ("the " if country.the else "") + country.name

    def possessive(self, country: Country) -> str:
        name = self.name(country)
        return name + ("'" if name.endswith("s") else "'s")

    def party_slot(self, party: Party, form: str) -> str:
        c, rng = party.country, self.rng
        adj = c.adj
        if form == "":
            form = rng.choice(("name", "gov", "gov", "cap", "leader"))
        if form == "name":
            return self.name(c)
        if form == "adj":
            return adj
        if form == "cap":
            return c.capital
        if form == "poss":
            return self.possessive(c)
        if form == "gov":
            return rng.choice((f"the {adj} government", f"the {adj} government", c.capital,
                               f"the government in {c.capital}", f"the {adj} administration"))
        if form == "mil":
            return rng.choice((f"{adj} troops", f"{adj} forces", f"{adj} soldiers", f"{adj} government forces",
                               f"{adj} army units"))
        if form == "air":
            return rng.choice((f"{adj} warplanes", f"{adj} jets", f"{adj} drones", f"{adj} fighter jets",
                               f"{adj} helicopter gunships"))
        if form == "police":
            return rng.choice((f"{adj} police", f"{adj} security forces", f"{adj} riot police",
                               f"police in {c.capital}"))
        if form == "people":
            return rng.choice((f"{adj} protesters", "thousands of demonstrators", "opposition supporters",
                               "students and trade unionists", f"{adj} workers", "crowds of young people"))
        if form == "leader":
            office = "president" if rng.random() < 0.5 else "prime minister"
            return self.person(party.leader, c, f"the {adj} {office}")
        if form == "fm":
            return self.person(party.fm, c, f"the {adj} foreign minister")
        if form == "official":
            return self.person(party.official, c, f"a senior {adj} official")
        if form == "spox":
            return rng.choice((f"a spokesman for the {adj} foreign ministry", f"the {adj} defence ministry",
                               "a government spokeswoman", f"{adj} state media",
                               f"a senior {adj} official, speaking on condition of anonymity,",
                               f"the office of the {adj} president"))
        if form == "opp":
            if party.opposition is not None and rng.random() < 0.6:
                short = party.opposition.name in self.mentioned
                self.mentioned.add(party.opposition.name)
                return _group_form(party.opposition, short)
            return rng.choice((f"the {adj} opposition", "the main opposition party", "the opposition alliance"))
        if form == "place":
            return rng.choice(party.places)
        if form == "region":
            return rng.choice(party.regions)
        raise KeyError(form)

    def slot(self, name: str, form: str) -> str:
        rng = self.rng
        if name in self.parties:
            return self.party_slot(self.parties[name], form)
        if name == "G":
            if self.group is None:  # no armed group known for the country on this date
                if "group" in self.mentioned:
                    return "the group"
                self.mentioned.add("group")
                return rng.choice(("an armed group", "a local militia", "an Islamist group", "a separatist group"))
            short = self.group.name in self.mentioned
            self.mentioned.add(self.group.name)
            return _group_form(self.group, short)
        if name in ("O", "N", "M"):
            org = {"O": self.org, "N": self.ngo, "M": self.mnc}[name]
            short = org[0] in self.mentioned
            self.mentioned.add(org[0])
            return _org_form(org[0], org[1], short, {"O": "", "N": "NGO", "M": "MNC"}[name])
        year = self.day.year
        if name == "day":
            back = rng.randint(0, 6)
            weekday = WEEKDAYS[(self.day - dt.timedelta(days=back)).weekday()]
            return rng.choice((f"on {weekday}", f"on {weekday}", f"on {weekday}", f"late on {weekday}",
                               f"on {weekday} night", f"on {weekday} morning", "earlier this week",
                               "last week", "overnight", "this week"))
        if name == "weekday":
            return WEEKDAYS[(self.day - dt.timedelta(days=rng.randint(0, 6))).weekday()]
        if name == "month":
            return rng.choice(MONTHS)
        if name == "year":
            return str(rng.randint(max(1990, year - 15), year - 1))
        if name == "oldyear":
            return str(rng.randint(1921, 1989))
        if name == "decade":
            return f"{rng.randrange(1980, year - 4, 10) // 10 * 10}s"
        if name == "olddecade":
            return f"{rng.randrange(1930, 1990, 10)}s"
        if name == "pubyear":
            return str(year)
        if name == "num":
            return rng.choice(NUMBER_WORDS) if rng.random() < 0.6 else str(rng.randint(13, 40))
        if name == "num2":
            return str(rng.randint(20, 95))
        if name == "bignum":
            return f"{rng.randint(1, 95) * 1000 + rng.choice((0, 200, 500)):,}"
        if name == "millions":
            return str(rng.randint(1, 12))
        if name == "many":
            return rng.choice(("hundreds of", "thousands of", "tens of thousands of", "some"))
        if name in ("pct", "pct2"):
            value = rng.uniform(0.3, 12.0) if name == "pct" else rng.uniform(35, 65)
            return f"{value:.1f} " + rng.choice(("percent", "percent", "per cent"))
        if name == "money":
            amount = rng.choice((rng.randint(2, 95) * 10, rng.randint(12, 95) * 5))
            return rng.choice((f"${amount} million", f"{amount} million euros",
                               f"${amount // 100 + 1}.{amount % 10} billion"))
        if name == "score":
            return f"{rng.randint(1, 4)}-{rng.randint(0, 2)}"
        if name == "temp":
            return f"{rng.randint(34, 48)} degrees Celsius"
        if name == "age":
            return str(rng.randint(19, 78))
        if name in ("name", "reporter"):
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name == "job":
            return rng.choice(JOBS)
        if name == "agency":
            return rng.choice(AGENCIES)
        if name == "commodity":
            return rng.choice(COMMODITIES)
        if name == "issue":
            return rng.choice(ISSUES[self.topic])
        if name == "short_issue":
            return rng.choice(SHORT_ISSUES[self.topic])
        if name == "region_name":
            return rng.choice(REGION_NAMES)
        if name == "site":
            return self.site
        if name == "domain":
            return self.site.lower().replace("the ", "").replace(" ", "") + ".example"
        if name == "slug":
            words = re.findall(r"[a-z]+", rng.choice(SHORT_ISSUES[self.topic]))
            return f"{self.topic}/{self.day.isoformat()}-{'-'.join(words)}"
        if name == "related":
            return self.fill(self.pick("headline"), sentence=False)
        raise KeyError(name)

    # -- templates

    def pick(self, kind: str, reuse: bool = True) -> str | None:
        """A template of `kind` for this topic not used yet in the article (else any unused one)."""
        options = knowledge().templates[kind]
        fitting = [t for t in options if (self.topic in t[1] or "*" in t[1]) and t[0] not in self.used]
        fitting = fitting or [t for t in options if t[0] not in self.used]
        if not fitting:
            if not reuse:
                return None
            fitting = options
        line, _, template = self.rng.choice(fitting)
        self.used.add(line)
        self.kinds[kind] += 1
        return template

    def fill(self, template: str, sentence: bool = True) -> str:
        text = re.sub(r"\{(\w+)(?:\.(\w+))?\}", lambda m: self.slot(m.group(1), m.group(2) or ""), template)
        text = re.sub(r",\s*([.,;:!?])", r"\1", text)  # an appositive that ends the sentence
        text = re.sub(r"\ba (?=\w)(?!(?:[Ee]u|[Oo]ne|[Oo]nce|U[^gzm]|u))(?=[AEIOaeiou])", "an ", text)
        text = re.sub(r"\s{2,}", " ", text).strip()
        if sentence or text[:1].islower():
            text = text[:1].upper() + text[1:] if not text.startswith('"') else '"' + text[1:2].upper() + text[2:]
        return text

    def _sentence(self, kinds: tuple[str, ...], weights: dict[str, float]) -> str:
        for _ in range(8):  # a kind whose templates are all used in this article is drawn again
            kind = self.rng.choices(kinds, [weights[k] for k in kinds])[0]
            template = self.pick(kind, reuse=False)
            if template is not None:
                return self.fill(template)
        return self.fill(self.pick(kind))

    def event_sentence(self) -> str:
        return self._sentence(EVENT_TYPES, TOPIC_EVENTS[self.topic])

    def filler_sentence(self) -> str:
        return self._sentence(FILLER_KINDS, FILLER_WEIGHTS[self.topic])


def _active(row, day: str) -> bool:
    return row.start <= day <= row.end


def _choose_party(rng: random.Random, kb: Knowledge, code: str, day: dt.date) -> Party:
    iso = day.isoformat()
    people = [p for p in kb.people.get(code, ()) if _active(p, iso)]
    gov = [p for p in people if p.sector == "GOV"]
    leader_prefixes = tuple(o + " of" for o in LEADER_OFFICES)
    leaders = [p for p in gov if p.office in LEADER_OFFICES or p.office.startswith(leader_prefixes)]
    ministers = [p for p in gov if any(word in p.office for word in FM_WORDS)]
    leader = rng.choice(leaders) if leaders else None
    others = [p for p in gov if p is not leader] or gov
    opposition = [g for g in kb.groups.get(code, ()) if g.sector in ("OPP", "PTY") and _active(g, iso)]
    country = kb.countries[code]
    places = kb.places.get(code) or [country.capital]
    regions = kb.regions.get(code) or places
    return Party(country, leader, rng.choice(ministers) if ministers else None,
                 rng.choice(others) if others else None, rng.choice(opposition) if opposition else None,
                 rng.sample(places, min(3, len(places))), rng.sample(regions, min(2, len(regions))))


def _pick_org(rng: random.Random, kb: Knowledge, codes: tuple[str, ...]) -> tuple[str, list[str]]:
    pool = [org for code in codes for org in kb.orgs.get(code, ())]
    # The best-known bodies are named far more often than the rest.
    weights = [25.0 if org[0] in ("United Nations", "European Union", "African Union", "Arab League",
                                 "North Atlantic Treaty Organization", "United Nations Security Council",
                                 "Economic Community of West African States", "World Food Programme",
                                 "Office of the United Nations High Commissioner for Refugees",
                                 "Association of Southeast Asian Nations", "Organization of American States",
                                 "International Committee of the Red Cross", "Amnesty International",
                                 "Human Rights Watch", "Médecins Sans Frontières", "Save the Children")
               else 1.0 for org in pool]
    return rng.choices(pool, weights)[0]


def _words(text: str) -> int:
    return len(text.split())


def new_article(index: int, seed: int = 7, words: int = 600) -> Article:
    """The article context of document `index`: its date, topic, actors, group, organisations and site."""
    kb = knowledge()
    rng = random.Random(f"whodid-bench:{seed}:{index}:{words}")
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    topic = rng.choice(TOPICS)
    iso = day.isoformat()
    codes = list(kb.weights)
    weights = [kb.weights[c] for c in codes]
    armed = {c: [g for g in kb.groups.get(c, ()) if g.sector in ("REB", "PRM") and _active(g, iso)] for c in codes}
    if topic == "conflict":
        weights = [w * (4 if armed[c] else 1) for c, w in zip(codes, weights)]
    chosen: list[str] = []
    while len(chosen) < 3:
        code = rng.choices(codes, weights)[0]
        if code not in chosen:
            chosen.append(code)
    parties = {name: _choose_party(rng, kb, code, day) for name, code in zip("ABC", chosen)}
    transnational = [g for g in kb.groups.get("IMG", ()) if g.sector in ("REB", "PRM") and _active(g, iso)]
    group = rng.choice(armed[chosen[0]] or transnational) if armed[chosen[0]] or transnational else None
    site = f"The {rng.choice(SITE_FIRST)} {rng.choice(SITE_SECOND)}"
    return Article(rng, day, topic, parties, group, _pick_org(rng, kb, ("UNO", "EUR", "IGO")),
                   _pick_org(rng, kb, ("NGO",)), _pick_org(rng, kb, ("MNC",)), site)


def article(index: int, seed: int = 7, words: int = 600, kinds: Counter | None = None) -> dict:
    """The generated document at position `index` (deterministic for seed, index, words).

    `kinds`, when given, is updated with how many templates of each kind (event types,
    filler kinds, layout kinds) went into the document.
    """
    art = new_article(index, seed, words)
    rng, day, parties, site = art.rng, art.day, art.parties, art.site

    head: list[str] = []
    if rng.random() < 0.4:
        head.append(rng.choice(SECTIONS))
    title = art.fill(art.pick("headline"))
    head.append(title)
    if rng.random() < 0.6:
        head.append(art.fill(art.pick("subhead")))
    byline = rng.random()
    month_day = f"{MONTHS[day.month - 1][:3]} {day.day}"
    if byline < 0.45:
        head.append(f"By {art.slot('reporter', '')}")
    elif byline < 0.6:
        head.append(f"By {art.slot('reporter', '')} and {art.slot('reporter', '')}")
    elif byline < 0.75:
        head.append(f"Published {MONTHS[day.month - 1]} {day.day}, {day.year}")
    dateline = ""
    if rng.random() < 0.55:
        dateline = f"{parties['A'].country.capital.upper()}, {month_day} ({rng.choice(AGENCIES + (site[4:],))}) -"
        if rng.random() < 0.4:
            head.append(dateline)
            dateline = ""

    tail = [art.fill(art.pick("boiler"), sentence=False) for _ in range(rng.randint(2, 5))]
    tail = list(dict.fromkeys(tail))  # the same line once
    target = round(words * rng.uniform(0.85, 1.15))  # real articles vary in length around the mean
    budget = target - _words("\n".join(head + tail))
    body: list[str] = []
    used_words = 0
    caption_at = rng.randint(2, 4) if rng.random() < 0.75 else -1
    since_crosshead = 0
    while used_words < budget - 12:
        if len(body) == caption_at:
            body.append(art.fill(art.pick("caption")))
        elif since_crosshead >= 4 and rng.random() < 0.35:
            body.append(art.fill(art.pick("crosshead")))
            since_crosshead = 0
        sentences = []
        if not body:  # the lead paragraph opens with an event, as news does
            sentences.append(art.event_sentence())
        count = rng.choices((1, 2, 3), (0.35, 0.45, 0.2))[0]
        while len(sentences) < count:
            sentences.append(art.filler_sentence() if rng.random() < FILLER_SHARE else art.event_sentence())
        paragraph = " ".join(sentences)
        if not body and dateline:
            paragraph = f"{dateline} {paragraph}"
        body.append(paragraph)
        since_crosshead += 1
        used_words = _words("\n".join(body))
    text = "\n\n".join(head + body + tail) + "\n"
    if kinds is not None:
        kinds.update(art.kinds)
    return {"id": f"bench-{seed}-{index:06d}", "date": day.isoformat(), "title": title, "text": text}


def generate(n_docs: int, seed: int = 7, words: int = 600) -> Iterator[dict]:
    """Yield `n_docs` generated news documents `{"id", "date", "title", "text"}` of about `words` words."""
    for index in range(n_docs):
        yield article(index, seed, words)


def main() -> None:  # pragma: no cover - a convenience for looking at the corpus
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description="write generated benchmark documents as JSON Lines")
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--text", action="store_true", help="print plain text instead of JSON Lines")
    args = parser.parse_args()
    for doc in generate(args.docs, args.seed, args.words):
        if args.text:
            sys.stdout.write(f"=== {doc['id']} {doc['date']}\n{doc['text']}\n")
        else:
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
