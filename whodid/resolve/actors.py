"""Resolving a noun phrase in a parsed sentence to an actor code and sector.

The rules, in order (each resolution records which one fired):
1. a known person, organisation, group or institution named in the phrase;
2. a family name or pronoun already introduced in the article;
3. a country (name, adjective, capital, possessor) combined with a role word for the sector;
4. a role word alone: the country comes from the article's last actor with that role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..nlp import ents_of, text_of
from ..records import Entity
from .kb import INSTITUTION_WORDS, KnowledgeBase, Record, family_names, fold

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
LOCATIVES = {"in", "at", "near", "outside", "across", "inside", "around", "through", "throughout", "within", "into"}
# Heads that take the country and sector of what they belong to ("leaders of X", "members of X").
GENERIC_GROUPS = {"leader", "member", "side", "faction", "wing", "delegation", "representative", "head", "chief",
                  "supporter", "follower", "loyalist", "part", "unit", "branch", "group", "party", "arm", "force",
                  "forum", "coalition", "alliance", "movement", "organization", "organisation", "country", "nation",
                  "state", "government", "authority", "body", "committee", "commission", "council", "union"}
PLACE_NOUNS = {"city", "town", "village", "capital", "region", "province", "district", "enclave", "port", "county",
               "governorate", "island", "suburb", "outskirts"}
# Parts of a place: "a district of Beirut" names where, not who
AREA_NOUNS = frozenset(PLACE_NOUNS | {"sector", "quarter", "neighbourhood", "neighborhood", "area", "part", "centre",
                                      "center", "heart", "edge", "north", "south", "east", "west", "outskirt", "street",
                                      "road", "square"})
# Ties that give a group the country of whom it serves ("linked to Russian intelligence", "loyal to Zarqawi");
# "backed by" is left out: Russian-backed separatists are Ukrainians.
ALLEGIANCE_WORDS = frozenset({"link", "linked", "affiliate", "affiliated", "tie", "tied", "loyal", "allied", "ally",
                              "connect", "connected", "belong", "belonging"})
# Names of bodies that most states have ("the Supreme Court", "Parliament", "the Senate").
GENERIC_BODY_WORDS = frozenset("""the supreme high constitutional federal national central upper lower court senate parliament
congress assembly house of representatives council cabinet treasury ministry justice interior defence defense
foreign affairs finance police army navy air force forces""".split())
# Places named by who holds them: the holder is the party ("shelled rebel positions")
HELD_PLACE_NOUNS = frozenset({"stronghold", "base", "camp", "position", "headquarters", "hideout", "outpost", "post",
                              "bastion", "redoubt", "garrison", "barracks", "enclave", "compound", "trench", "bunker"})
GENERIC_PEOPLE = {"thousand", "hundred", "dozen", "million", "people", "resident", "inhabitant", "citizen", "villager",
                  "crowd", "youth", "man", "woman", "child", "family", "civilian", "member", "supporter", "ten",
                  "tens", "score", "hundreds", "thousands", "dozens", "millions", "national", "tourist", "passenger",
                  "pilgrim", "expatriate", "person", "individual"}


@dataclass
class Mention:
    """What an article has said about someone, for later short names and pronouns."""

    entity: Entity
    kind: str  # person, organisation, group, country, role...
    plural: bool = False
    role_words: frozenset[str] = frozenset()
    subject: bool = False  # the mention was a clause subject: pronouns prefer these


@dataclass
class ArticleContext:
    """Article-level memory: resolved mentions in reading order."""

    date: dt.date | None
    mentions: list[Mention] = field(default_factory=list)
    people: dict[str, Entity] = field(default_factory=dict)  # family name (folded) -> entity
    speaker: Entity | None = None  # who "we" refers to in the current sentence
    local_countries: list[str] = field(default_factory=list)  # countries of places named in the sentence
    sentence_countries: set[str] = field(default_factory=set)  # every country the sentence names

    current_head_dep: str = ""  # dependency of the mention being resolved, for salience

    def remember(self, mention: Mention) -> None:
        mention.subject = mention.subject or self.current_head_dep in {"nsubj", "nsubjpass"}
        self.mentions.append(mention)

    def last(self, predicate) -> Mention | None:
        for mention in reversed(self.mentions):
            if predicate(mention):
                return mention
        return None

    def main_country(self) -> str | None:
        """The country the article spoke of most recently: the best guess for "protesters", "police"."""
        mention = self.last(lambda m: m.entity.code and m.kind in {"country", "capital", "institution", "territory"}
                            and len(m.entity.code) == 3 and m.entity.code not in {"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})
        return mention.entity.code if mention else None


def word_forms(token) -> list[str]:
    """Lookup forms of a word: its lemma, its text, and a plain singular ("Rebels" -> "rebel")."""
    forms = [fold(token.lemma_), fold(token.text)]
    lower = token.lower_
    if lower.endswith("ies"):
        forms.append(lower[:-3] + "y")
    elif lower.endswith("s") and not lower.endswith("ss"):
        forms.append(lower[:-1])
    return list(dict.fromkeys(forms))


CLAUSE_LIKE = frozenset({"relcl", "appos", "acl", "conj", "cc", "advcl", "parataxis"})


def is_stance(token) -> bool:
    """The country in "anti-Syria", "pro-Iranian": a stance towards it, not a tie to it."""
    lower = token.lower_
    if lower.startswith(("anti-", "pro-")):
        return True
    i = token.i
    if i == 0:
        return False
    before = token.doc[i - 1].lower_
    return before in {"anti-", "pro-"} or (before == "-" and i >= 2 and token.doc[i - 2].lower_ in {"anti", "pro"})


def mention_tokens(head) -> list:
    """The words of the mention headed by `head`: its left-hand modifiers and the head itself.

    Clauses, appositions and coordinated phrases hanging from the head are not part of it.
    """
    doc = head.doc
    cache = doc.user_data.get("whodid_mentions")
    if cache is None:
        cache = doc.user_data["whodid_mentions"] = {}
    found = cache.get(head.i)
    if found is None:
        found = cache[head.i] = _mention_tokens(head, doc)
    return list(found)


def _mention_tokens(head, doc) -> list:
    left = doc[head.left_edge.i:head.i + 1]  # the projective parse puts all of the head's left words here
    blocked: set[int] = set()
    for token in left:
        if token.i != head.i and token.dep_ in CLAUSE_LIKE:
            if token.dep_ in {"conj", "cc"} and token.head.i < head.i:
                continue  # coordinated modifiers stay: "the Czech and Slovak sides"
            blocked.update(range(token.left_edge.i, token.right_edge.i + 1))
    tokens = [t for t in left if t.i not in blocked]
    tokens += [t for t in head.rights if t.dep_ in {"flat", "case"}]
    if (head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and not head.whitespace_
            and not doc[head.i + 1].whitespace_ and head.pos_ == "PROPN" and doc[head.i + 2].is_alpha):
        tokens += [doc[head.i + 1], doc[head.i + 2]]  # "Moon Jae-in": the given name's split-off part
    tokens.sort(key=lambda t: t.i)
    tokens = [t for t in tokens if t.text not in {"(", ")"}]
    run = [tokens[-1]]
    for token in reversed(tokens[:-1]):
        gap = range(token.i + 1, run[-1].i)
        # "the Shanghai Cooperation Organisation (SCO) summit": a bracketed acronym does not split the mention
        if gap and not (any(doc[k].text == "(" for k in gap) and all(k in blocked or doc[k].text in {"(", ")"} for k in gap)):
            break
        run.append(token)
    run.reverse()
    while len(run) > 1 and (run[0].dep_ in {"det", "punct", "case", "cc", "advmod", "preconj"} or run[0].is_punct):
        run = run[1:]
    return run


def of_country(head, kb: KnowledgeBase):
    """Country named in an "of X" phrase after the head ("foreign minister of Iran")."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    for record in kb.records(obj.text):
                        if record.kind in {"country", "territory"}:
                            return record, obj
    return None


# An unlisted body with one word of each set and no national name is taken to be an international NGO
NGO_BODY_WORDS = frozenset({"association", "federation", "forum", "foundation", "society", "network", "institute",
                            "watch", "committee", "coalition", "league", "alliance", "centre", "center", "council",
                            "organisation", "organization"})
TRANSNATIONAL_WORDS = frozenset({"international", "world", "global", "african", "asian", "arab", "latin",
                                 "pacific", "third", "transnational", "pan-african", "islamic", "inter-american"})
FOLLOWER_WORDS = frozenset({"supporter", "follower", "sympathizer", "sympathiser", "backer", "fan", "admirer"})
# People who speak or act for someone: "negotiators for the Taliban", "a spokesman for the army"
REPRESENTING_WORDS = frozenset({"negotiator", "representative", "envoy", "spokesman", "spokeswoman", "spokesperson",
                                "lawyer", "delegate", "delegation", "emissary", "mediator", "official", "source"})
WATER_WORDS = frozenset({"sea", "gulf", "bay", "strait", "straits", "ocean", "coast", "coastline", "waters"})
PATRONISED_NOUNS = frozenset({"ally", "proxy", "client", "satellite", "surrogate"})


class ActorResolver:
    def __init__(self, kb: KnowledgeBase, event_nouns: frozenset[str] = frozenset()):
        self.kb = kb
        self.event_nouns = event_nouns  # "support", "deployment": acts, not actors
        self._ents_doc, self._ents = None, {}

    def entity(self, tokens, offset: int, code, sector, rule, name=None, identifier=None, office=None,
               other_sectors=()) -> Entity:
        sentence_text = text_of(tokens[0].doc)
        start_char = tokens[0].idx
        end_char = tokens[-1].idx + len(tokens[-1].text)
        text = sentence_text[start_char:end_char]
        if text.endswith("'s") or text.endswith("’s"):
            text, end_char = text[:-2], end_char - 2
        return Entity(entity_text=text, start=offset + start_char, end=offset + end_char, code=code,
                      sector=sector, name=name, identifier=identifier, office=office,
                      other_sectors=list(other_sectors), rule=rule)

    # -- phrase scanning
    def scan(self, tokens) -> list[tuple[int, int, list[Record]]]:
        """Known names inside the tokens, longest first, as (start, end, records)."""
        found, i = [], 0
        text = text_of(tokens[0].doc)
        while i < len(tokens):
            hit = None
            for n in range(min(self.kb.max_words, len(tokens) - i), 0, -1):
                last = tokens[i + n - 1]
                piece = text[tokens[i].idx:last.idx + len(last)]  # as written: "al-Assad", "U.S."
                if n == 1 and tokens[i].is_stop and not tokens[i].text.isupper():
                    continue
                records = self.kb.records(piece)
                if records and i + n < len(tokens) and self.kb.adjective(
                        text[tokens[i].idx:tokens[i + n].idx + len(tokens[i + n])]):
                    continue  # "South" in "South Korean": the longer nationality wins
                if records and i > 0 and self._inside_place_name(tokens[i - 1], last, records):
                    continue  # "Ireland" in "Northern Ireland", "Mexico" in "New Mexico"
                if (records and n == 1 and i > 0 and tokens[i - 1].pos_ == "PROPN" and tokens[i - 1].whitespace_
                        and all(r.kind in {"country", "capital", "territory"} for r in records)
                        and self.kb.is_given_name(tokens[i - 1].text)):
                    continue  # "Simon Trinidad", "Michael Jordan": a person's family name, not the country
                if records:
                    hit = (i, i + n, records)
                    break
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    @staticmethod
    def _inside_place_name(before, last, records) -> bool:
        """Whether the name ending at `last` is the tail of a longer place name in another country."""
        if not before.text[:1].isupper() or before.is_sent_start or not any(
                r.kind in {"country", "territory"} for r in records):
            return False
        from .places import gazetteer

        text = text_of(before.doc)[before.idx:last.idx + len(last)]
        codes = {r.code for r in records}
        return any(p["country_code"] not in codes and p["resolution"] <= 3 for p in gazetteer().get(fold(text), ()))

    def role_of(self, tokens, head) -> tuple[str | None, str | None, frozenset[str]]:
        """(sector, code fixed by the role, role words) from role nouns and modifiers."""
        words = [fold(t.lemma_) for t in tokens]
        texts = [fold(t.text) for t in tokens]
        sector, code, matched = None, None, set()
        # multi-word role terms first ("foreign minister", "secretary of state")
        for n in range(min(4, len(tokens)), 1, -1):
            for i in range(len(tokens) - n + 1):
                for seq in (" ".join(words[i:i + n]), " ".join(texts[i:i + n])):
                    term = self.kb.role(seq, "noun")
                    if term:
                        matched.add(seq)
                        return term.sector, term.code, frozenset(matched | {words[-1]})
        for token in [head] + [t for t in reversed(tokens) if t != head and t.pos_ in {"NOUN", "PROPN"}]:
            for seq in word_forms(token):
                term = self.kb.role(seq, "noun")
                if term:
                    sector, code = term.sector, term.code
                    matched.add(seq)
                    break
            if sector:
                break
        people_like = head.pos_ == "PROPN" or head.tag_ in {"NNS", "NNPS"} or head.lemma_.lower() in GENERIC_PEOPLE | GENERIC_GROUPS
        if (sector is None or sector in {"UNK"}) and people_like:  # not "official contact", "military exercise"
            for token in tokens:
                if token == head:
                    continue
                term = self.kb.role(fold(token.lemma_), "modifier") or self.kb.role(fold(token.text), "modifier")
                if term:
                    sector, code = term.sector, term.code or code
                    matched.add(term.term)
                    break
        return sector, code, frozenset(matched)

    def resolve(self, head, offset: int, ctx: ArticleContext) -> Entity | None:
        """The actor a noun phrase headed by `head` refers to, or None with nothing known."""
        lower = head.lower_
        if head.pos_ == "PRON" or (lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | FIRST_PERSON
                                   and not head.text.isupper()):
            return self.pronoun(head, offset, ctx)
        if head.dep_ == "relcl" or lower in {"who", "which", "that"}:
            return None
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in WATER_WORDS:
            return None  # "the Sea of Japan", "the Gulf of Mexico", "off the coast of Somalia": a place, not a party
        ctx.current_head_dep = head.dep_
        tokens = mention_tokens(head)
        # "an anti-Syria journalist", "pro-Iranian militias": the named country is a stance, not the allegiance
        stance = {t.i for t in tokens if is_stance(t) and t.i != head.i}
        if stance and head.i not in stance:
            tokens = [t for t in tokens if t.i not in stance and not (t.i + 2 in stance and t.lower_ in {"anti", "pro"})
                      and not (t.i + 1 in stance and t.text == "-")]
        is_act = head.pos_ == "NOUN" and fold(head.lemma_) in self.event_nouns and not self.kb.role(fold(head.lemma_))
        if is_act:
            # an act ("Russia's support", "diplomatic asylum"), not an actor: only a name inside it can make it one
            owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            tokens = [t for t in tokens if t.i not in owned] or [head]
        if fold(head.lemma_) in PATRONISED_NOUNS:
            # "Israel's militia ally", "a U.S. proxy": the state named is the patron, not the one the phrase means
            patron = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            patron |= {t.i for t in tokens if t.i < head.i and t.pos_ == "PROPN" and any(
                r.kind in {"country", "capital"} for r in self.kb.records(t.text))}
            tokens = [t for t in tokens if t.i not in patron] or [head]
        named_entity = self.named_entity(head, offset, ctx)
        if named_entity is not None:
            return named_entity
        if head.pos_ == "NOUN" and head.lemma_.lower() in HELD_PLACE_NOUNS:
            # "a Karen guerrilla stronghold", "a rebel base", "the army's positions": whoever holds the place
            owner = next((c for c in reversed(list(head.lefts)) if c.dep_ in {"poss", "compound", "amod"}
                          and (c.pos_ in {"NOUN", "PROPN"} or self.kb.adjective(c.text) or c.pos_ == "ADJ")), None)
            held_by = self.resolve(owner, offset, ctx) if owner is not None and (
                owner.pos_ in {"NOUN", "PROPN"} or self.kb.adjective(owner.text)) else None
            nationality = {r.code for t in tokens if owner is not None and t.i < owner.i and t.head == head
                           and owner.pos_ == "NOUN" and not is_stance(t) and t.nbor(-1).lower_ != "ethnic"
                           for r in self.kb.adjective(t.text) or ()}  # "ethnic Albanian rebels" in Macedonia
            if held_by is not None and len(nationality) == 1:  # "Kampuchean guerrilla camps": the guerrillas' country
                held_by = replace(held_by, code=next(iter(nationality)))
            if held_by is not None and held_by.code:
                return self.entity(tokens, offset, held_by.code, held_by.sector,
                                   f"{head.text!r} held by {held_by.entity_text!r} ({held_by.rule})", held_by.name)
            role = (self.kb.role(owner.lemma_.lower()) or self.kb.role(owner.lemma_.lower(), "modifier")
                    if owner is not None and owner.pos_ == "ADJ" else None)
            if role is not None and role.sector in {"REB", "MIL", "PRM", "COP", "UAF"}:  # "a rebel base near Idlib"
                code = role.code or (ctx.local_countries[0] if len(set(ctx.local_countries)) == 1 else ctx.main_country())
                if code:
                    return self.entity(tokens, offset, code, role.sector,
                                       f"{head.text!r} held by {owner.text!r} forces, here {code}'s")
        date = ctx.date
        hits = self.scan(tokens)
        sector, role_code, role_words = self.role_of(tokens, head) if not is_act else (None, None, frozenset())
        if head.pos_ == "PROPN" and head.ent_type_ in {"GPE", "LOC", "FAC"}:
            sector, role_code, role_words = None, None, frozenset()  # "West Bank" is a place, not a bank
        plural = head.tag_ in {"NNS", "NNPS"}

        if not hits:  # a misspelt country name ("Ethopia", "Afganistan"): one letter away from exactly one country
            for i, token in enumerate(tokens):
                if (token.pos_ == "PROPN" and not self.kb.adjective(token.text) and not self.kb.family_records(token.text)
                        and not self.kb.records(token.text)):  # an exact name the scan set aside
                    countries = self.kb.misspelt_country(token.text)
                    if countries:
                        hits = [(i, i + 1, countries)]
                        break
        if not hits:  # a family name inside the phrase: "the Trump administration", "Erdogan's government"
            for i, token in enumerate(tokens):
                if i + 1 < len(tokens) and tokens[i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
                    continue  # a given name ("Abdelaziz" in "Abdelaziz Bouteflika"), not the family name
                if token.dep_ == "amod" or (token == head and token.ent_type_ in {"GPE", "LOC", "FAC"}) or (
                        i + 1 < len(tokens) and tokens[i + 1].lower_ == "of"):
                    continue  # "Young Algerians": an adjective, not Mr Young; "Horn of Africa", "The Hague": places
                if token.pos_ == "PROPN" and token != head or (token == head and token.ent_type_ == "PERSON"):
                    people = self.fitting_given_name(self.kb.family_records(token.text), tokens, token)
                    if ctx.date:
                        people = [p for p in people if any(r.holds_on(ctx.date) for r in p.roles)] or people
                    if len(people) == 1 or (people and len({p.code for p in people}) == 1 and head.pos_ == "NOUN"):
                        hits = [(i, i + 1, people[:1])]  # namesakes of one country: "the Bush administration"
                        break
        if not hits:  # a misspelt family name after the right given name ("Francois Mitterand")
            for i in range(1, len(tokens)):
                given, family = tokens[i - 1], tokens[i]
                if given.pos_ == "PROPN" and family.pos_ == "PROPN" and given.is_title and not self.kb.records(family.text):
                    candidates = self.kb.misspelt_family(family.text)
                    people = self.fitting_given_name(candidates, tokens, family) if candidates else []
                    if len(people) == 1 and any(
                            fold(given.text) in fold(n).replace("-", " ").split() for n in [people[0].name, *people[0].names]):
                        hits = [(i, i + 1, people)]
                        break
        named = [(s, e, r) for s, e, records in hits for r in records]
        chosen = self._best_named(named, tokens, ctx, head)
        if chosen is not None:
            start, end, record = chosen
            outside = [t for i, t in enumerate(tokens) if not start <= i < end]
            if head not in outside:
                sector, role_code, role_words = (self.role_of(outside, outside[-1]) if outside else (None, None, frozenset()))
                if outside and outside[-1].i > head.i:
                    sector, role_code, role_words = None, None, frozenset()
            code, rec_sector, office, reason = record.at(date)
            if record.kind == "person":
                former = next((t.text for t in tokens if self.kb.role(fold(t.lower_), "modifier")
                               and self.kb.role(fold(t.lower_), "modifier").sector == "ELI"), None)
                if former and rec_sector != "ELI":
                    rec_sector, reason = "ELI", f"{reason}; '{former}' makes it ELI"
                entity = self.entity(tokens, offset, code, rec_sector, f"person: {reason}", record.name,
                                     record.identifier, office)
                self._remember_person(record.name, entity, ctx)
                ctx.remember(Mention(entity, "person", False, role_words))
                return entity
            if record.kind == "institution":
                owner = self._other_owner(hits, outside, code)
                if owner is not None:  # "Ivory Coast's Supreme Court", "the Nigerian Senate": a namesake body
                    code, reason = owner.code, f"{reason}; but owned by {owner.name!r}"
                else:
                    code, reason = self.generic_body_owner(tokens[start:end], code, reason, ctx)
            if record.kind in {"organisation", "group", "institution"}:
                final_sector = rec_sector or sector
                entity = self.entity(tokens, offset, code, final_sector, f"{record.kind}: {reason}",
                                     record.name, record.identifier)
                ctx.remember(Mention(entity, record.kind, plural, role_words))
                return entity
            # a country, territory or capital combined with the role words around it
            if record.kind == "capital" and sector is None and head.dep_ == "pobj" and head.head.lower_ in LOCATIVES:
                return None  # "clashes in Tripoli": a place, not the government
            if record.kind == "capital" and sector is None:
                final_sector = "GOV" if end - start == len(tokens) else None
            else:
                final_sector = sector
            other = []
            if record.sector == "PRE" and record.kind == "territory":
                other, final_sector = (["PRE"], final_sector) if final_sector else ([], "PRE")
            rule = f"{record.kind} {record.name!r}" + (f" + role {sorted(role_words)} -> {sector}" if sector else "")
            entity = self.entity(tokens, offset, record.code, final_sector, rule, record.name, None, None, other)
            kind = "country" if record.kind != "capital" else "capital"
            ctx.remember(Mention(entity, kind if not sector else "role", plural, role_words))
            return entity

        # a nationality adjective ("Iranian foreign minister", "Russian marines")
        if sector is None and head.tag_ in {"NNPS", "NNS"} and self.kb.adjective(head.text) and any(
                c.dep_ in {"nummod", "quantmod", "amod", "acl", "relcl"} or c.lower_ in {"of"} for c in head.children):
            sector = "CVL"  # "168 Liberians", "Palestinians living in Gaza": people, not the state
        adjectives = []
        for i, token in enumerate(tokens):  # two-word nationalities first: "South Korean", "Sri Lankan"
            if i + 1 < len(tokens) and self.kb.adjective(f"{token.text} {tokens[i + 1].text}"):
                adjectives.append((token, self.kb.adjective(f"{token.text} {tokens[i + 1].text}")))
        adjectives += [(t, self.kb.adjective(t.text)) for t in tokens]
        for token, records in adjectives:
            if records:
                record = records[0]
                places = set(ctx.local_countries)
                home = of_country(head, self.kb) if token == head and head.tag_ in {"NNS", "NNPS"} else None
                if home is not None and home[0].code != record.code:
                    # "the Russians of eastern Moldova": a people named by the state they live in
                    entity = self.entity(tokens, offset, home[0].code, sector or "CVL",
                                         f"{token.text!r} of {home[0].name} (where they live)")
                    ctx.remember(Mention(entity, "role", plural, role_words))
                    return entity
                if any(t.lower_ == "ethnic" for t in tokens) and len(places) == 1 and record.code not in places:
                    # "ethnic Albanians in southern Serbia": a minority, coded by the state they live in
                    code = next(iter(places))
                    entity = self.entity(tokens, offset, code, sector or "CVL",
                                         f"ethnic {token.text!r} living in {code} (the place the sentence names)")
                    ctx.remember(Mention(entity, "role", plural, role_words))
                    return entity
                entity = self.entity(tokens, offset, record.code, sector, f"adjective {token.text!r} -> {record.code}"
                                     + (f" + role {sorted(role_words)} -> {sector}" if sector else ""), record.name,
                                     other_sectors=["PRE"] if record.sector == "PRE" else [])
                ctx.remember(Mention(entity, "role" if sector else "country", plural, role_words))
                return entity
        of = of_country(head, self.kb)
        if of is not None and sector:
            record, obj = of
            entity = self.entity(tokens, offset, record.code, sector, f"role {sorted(role_words)} of {record.name}", record.name)
            ctx.remember(Mention(entity, "role", plural, role_words))
            return entity

        # "leaders of the opposition", "residents of Gaza", "thousands in Tunis": the group they belong to
        belonging = self.belonging(head, offset, ctx, sector)
        if belonging is not None:
            return belonging
        # a family name met earlier in the article, or known in the knowledge base
        if head.pos_ == "PROPN" and head.ent_type_ in {"GPE", "LOC", "FAC"} and sector is None:
            from .places import resolve_place

            place = resolve_place(" ".join(t.text for t in tokens), self.kb, {m.entity.code for m in ctx.mentions})
            if place is not None and place.resolution > 1:
                entity = self.entity(tokens, offset, place.country_code, None,
                                     f"place {place.resolved_place!r} in {place.country_code} ({place.reason})")
                ctx.remember(Mention(entity, "place"))
                return entity
        if head.pos_ == "PROPN" and sector is None:
            body = self.international_body(head, offset, ctx)
            if body is not None:
                return body
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or (
                head.is_title and (head.i > 0 or self.kb.family_records(head.text))):
            entity = self.person_by_family(tokens, head, offset, ctx)
            if entity is not None:
                return entity
            if sector is None:
                return None
        if sector is None and head.lemma_.lower() in FOLLOWER_WORDS:
            # "his supporters": the followers of the person the pronoun stands for
            owner = next((t for t in head.children if t.dep_ == "poss" and t.pos_ == "PRON"), None)
            leader = self.pronoun(owner, offset, ctx) if owner is not None else None
            if leader is not None and leader.code:
                entity = self.entity(tokens, offset, leader.code, "OPP" if leader.sector in {"OPP", "PTY"} else "CVL",
                                     f"followers of {owner.text!r} = {leader.entity_text!r}")
                ctx.remember(Mention(entity, "role", plural, frozenset({head.lemma_.lower()})))
                return entity
        if sector is None:
            return None
        # a role word alone: the country comes from the article
        previous = ctx.last(lambda m: m.entity.code and m.entity.sector == sector and (role_words & m.role_words))
        if previous is None:
            previous = ctx.last(lambda m: m.entity.code and m.entity.sector == sector and m.kind in {"role", "person"})
        owner = next((t for t in tokens if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        owner_entity = self.pronoun(owner, offset, ctx) if owner is not None else None
        if role_code:
            code, rule = role_code, f"role {sorted(role_words)} fixes {role_code}"
        elif owner_entity is not None and owner_entity.code:
            code, rule = owner_entity.code, f"role {sorted(role_words)} -> {sector}; '{owner.text}' is {owner_entity.entity_text!r}"
        elif previous is not None and (role_words & previous.role_words):
            code, rule = previous.entity.code, f"role {sorted(role_words)} -> {sector}; country from earlier {previous.entity.entity_text!r}"
        elif len(set(ctx.local_countries)) == 1:
            code = ctx.local_countries[0]
            rule = f"role {sorted(role_words)} -> {sector}; country of the place named in the sentence"
        elif previous is not None:
            code, rule = previous.entity.code, f"role {sorted(role_words)} -> {sector}; country from earlier {previous.entity.entity_text!r}"
        else:
            code = ctx.main_country()
            rule = f"role {sorted(role_words)} -> {sector}; country is the article's main country" if code else ""
            if not code and len(ctx.sentence_countries) == 1:
                code = next(iter(ctx.sentence_countries))
                rule = f"role {sorted(role_words)} -> {sector}; the only country the sentence names"
        if not code:
            return None
        entity = self.entity(tokens, offset, code, sector, rule)
        ctx.remember(Mention(entity, "role", plural, role_words))
        return entity

    def entity_of(self, head):
        """The named-entity span holding the token (cached per parsed sentence: `doc.ents` is costly)."""
        doc = head.doc
        if self._ents_doc is not doc:
            self._ents_doc = doc
            self._ents = {t.i: ent for ent in ents_of(doc) for t in ent}
        return self._ents.get(head.i)

    def international_body(self, head, offset, ctx):
        """An unlisted association named as serving no single state ("the Association of African Jurists",
        "the World Water Forum"): PLOVER's NGO."""
        ent = self.entity_of(head)
        if ent is None or ent.label_ != "ORG":
            return None
        tokens = sorted({*ent, *mention_tokens(ent.root)}, key=lambda t: t.i)  # "the Pan-Asian Forum of ..."
        tokens = [t for t in tokens if t.lower_ != "the" and t.i >= tokens[0].i] or list(ent)
        words = {fold(t.text) for t in tokens}
        if not words & NGO_BODY_WORDS or not words & TRANSNATIONAL_WORDS:
            return None
        if any(self.kb.adjective(t.text) or any(r.kind in {"country", "capital"} for r in self.kb.records(t.text))
               for t in tokens if t.pos_ in {"PROPN", "ADJ"}):
            return None  # "the Kenya Human Rights Forum": a national body
        entity = self.entity(tokens, offset, "NGO", None,
                             f"unlisted body {ent.text!r}: {sorted(words & NGO_BODY_WORDS)[0]!r} serving "
                             f"{sorted(words & TRANSNATIONAL_WORDS)[0]!r} -> NGO")
        ctx.remember(Mention(entity, "organisation"))
        return entity

    def named_entity(self, head, offset, ctx):
        """The whole named-entity span around the head, when it is a known name ("The Council of Europe")."""
        ent = self.entity_of(head)
        if ent is None or ent.label_ not in {"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC"} or len(ent) < 2:
            return None
        records = [r for r in self.kb.records(ent.text) if r.kind in {"organisation", "group", "person", "institution",
                                                                      "country", "territory"}]
        if not records or ent.root.i != head.i or any(t.i < ent.start for t in mention_tokens(head)):
            return None
        record = records[0]
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        if record.kind in {"country", "territory"}:  # "the Democratic People's Republic of Korea"
            entity = self.entity(words, offset, record.code, None, f"{record.kind} {record.name!r}", record.name,
                                 other_sectors=["PRE"] if record.sector == "PRE" else [])
            ctx.remember(Mention(entity, "country"))
            return entity
        code, sector, office, reason = record.at(ctx.date)
        if record.kind == "institution":
            code, reason = self.generic_body_owner(words, code, reason, ctx)
        entity = self.entity(words, offset, code, sector, f"{record.kind}: {reason}", record.name,
                             record.identifier, office)
        if record.kind == "person":
            self._remember_person(record.name, entity, ctx)
        ctx.remember(Mention(entity, record.kind))
        return entity

    def belonging(self, head, offset, ctx, sector):
        """A generic or role head qualified by "of/in/from/among X" takes X's country (and sector if it has none)."""
        if head.pos_ not in {"NOUN", "NUM"}:
            return None
        for link in head.rights:  # "hackers linked to Russian intelligence", "militants loyal to Zarqawi"
            if (link.dep_ in {"acl", "amod"} and link.lemma_.lower() in ALLEGIANCE_WORDS) or (
                    link.dep_ == "amod" and link.lower_ in ALLEGIANCE_WORDS):
                for prep in link.children:
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ in {"to", "with"} else None
                    inner = self.resolve(obj, offset, ctx) if obj is not None else None
                    if inner is not None and inner.code:
                        entity = self.entity(mention_tokens(head), offset, inner.code, sector or inner.sector,
                                             f"{head.text!r} {link.text} {prep.text} {inner.entity_text!r} -> {inner.code}")
                        ctx.remember(Mention(entity, "role", head.tag_ == "NNS", frozenset({head.lemma_.lower()})))
                        return entity
        representing = head.lemma_.lower() in REPRESENTING_WORDS
        for child in head.rights:
            if child.dep_ == "prep" and (child.lower_ in {"of", "in", "from", "among"} or (representing and child.lower_ == "for")):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is None or obj.i == head.i:
                    continue
                inner = self.resolve(obj, offset, ctx)
                if inner is None or not inner.code:
                    continue
                tokens = mention_tokens(head)
                if head.lemma_.lower() in AREA_NOUNS and not sector:  # "the city of Kharkiv": the place itself
                    tokens = mention_tokens(head)
                    entity = self.entity(tokens + [t for t in obj.subtree if t.i > head.i], offset, inner.code, None,
                                         f"{head.text!r} {child.text} {inner.entity_text!r} -> {inner.code}", inner.name)
                    ctx.remember(Mention(entity, "place"))
                    return entity
                final_sector = sector or inner.sector or ("CVL" if head.lemma_.lower() in GENERIC_PEOPLE else None)
                if head.lemma_.lower() in FOLLOWER_WORDS and not sector:
                    # "supporters of opposition mayor Rajoelina": followers are civilians (or opposition), not officials
                    final_sector = "OPP" if inner.sector in {"OPP", "PTY"} or any(
                        t.lower_ == "opposition" for t in obj.subtree) else "CVL"
                if final_sector is None and head.lemma_.lower() not in GENERIC_GROUPS:
                    continue
                entity = self.entity(tokens, offset, inner.code, final_sector,
                                     f"{head.text!r} {child.text} {inner.entity_text!r} -> {inner.code}", inner.name)
                ctx.remember(Mention(entity, "role", head.tag_ == "NNS", frozenset({head.lemma_.lower()})))
                return entity
        return None

    def _best_named(self, named, tokens, ctx, head=None):
        if not named:
            return None
        order = {"person": 0, "organisation": 1, "group": 1, "institution": 2, "territory": 3, "country": 4, "capital": 5}
        known_codes = {m.entity.code for m in ctx.mentions if m.entity.code} | set(ctx.local_countries)
        named.sort(key=lambda item: item[2].code not in known_codes)  # same name, the article's country first
        # a person named in the phrase outranks the country around them ("US Secretary of State John Kerry")
        named.sort(key=lambda item: (order.get(item[2].kind, 9), -(item[1] - item[0])))
        people = [item for item in named if item[2].kind == "person"]
        if len(people) > 1:
            holding = [p for p in people if p[2].roles and ctx.date and any(r.holds_on(ctx.date) for r in p[2].roles)]
            if holding:
                return holding[0]
        if not people and head is not None:  # the name that is the head outranks one modifying it ("NATO-member Norway")
            at = next((i for i, t in enumerate(tokens) if t.i == head.i), None)
            covering = [item for item in named if at is not None and item[0] <= at < item[1]]
            if covering:
                return covering[0]
        return named[0]

    def _remember_person(self, name: str, entity: Entity, ctx: ArticleContext) -> None:
        for family in family_names(name, entity.code):
            ctx.people[fold(family)] = entity

    def person_by_family(self, tokens, head, offset, ctx: ArticleContext) -> Entity | None:
        key = fold(head.text)
        if key in ctx.people:
            earlier = ctx.people[key]
            entity = self.entity(tokens, offset, earlier.code, earlier.sector,
                                 f"short name: {earlier.entity_text!r} earlier in the article",
                                 earlier.name, earlier.identifier, earlier.office)
            ctx.remember(Mention(entity, "person"))
            return entity
        if any(t.lower_ == "the" for t in head.lefts) or (head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ == "of"):
            return None  # "The Hague", "the Horn of Africa": a determiner or an "of" phrase makes it no person's name
        candidates = self.kb.family_records(head.text)
        candidates = self.fitting_given_name(candidates, tokens, head)
        fixed = {r.code for t in tokens if t.i < head.i for r in [self.kb.role(t.lower_)] if r is not None and r.code}
        if fixed:  # "Pope Francis": a title that fixes the country outranks a namesake elsewhere
            candidates = [c for c in candidates if c.code in fixed]
        if not candidates:
            # an unknown full name with a title: remember it for later short mentions
            return None
        if ctx.date:
            holding = [c for c in candidates if any(r.holds_on(ctx.date) for r in c.roles)]
            candidates = holding or candidates
        note = ""
        if len(candidates) > 1:
            codes = {m.entity.code for m in ctx.mentions}
            preferred = [c for c in candidates if c.code in codes]
            if len(preferred) == 1:
                candidates, note = preferred, " (the one whose country the article mentions)"
            elif len({c.code for c in candidates}) == 1:  # namesakes of one country: the code is certain
                candidates = sorted(candidates, key=lambda c: len(c.roles), reverse=True)
                note = f" (one of {len(candidates)} namesakes, all {candidates[0].code})"
            else:
                ranked = sorted(candidates, key=lambda c: len(c.roles), reverse=True)
                if len(ranked[0].roles) < 2 * len(ranked[1].roles):
                    return None  # ambiguous: not guessed
                candidates = ranked
                note = f" (most prominent of {len(ranked)} people with that name)"
        record = candidates[0]
        code, sector, office, reason = record.at(ctx.date)
        reason += note
        entity = self.entity(tokens, offset, code, sector, f"family name {head.text!r} -> {reason}", record.name,
                             record.identifier, office)
        ctx.remember(Mention(entity, "person"))
        return entity

    def fitting_given_name(self, candidates: list[Record], tokens, family) -> list[Record]:
        """"Judge Alejandro Rivera" is not Rodrigo Rivera: a given name before the family name must be the person's."""
        given = [t for t in tokens if t.i < family.i and t.pos_ == "PROPN" and t.is_title and not self.kb.role(t.lower_)
                 and not self.kb.role(t.lower_, "modifier") and not self.kb.adjective(t.text) and not self.kb.records(t.text)]
        if not candidates or not given or given[-1].i != family.i - 1:
            return candidates
        first = fold(given[-1].text)
        return [c for c in candidates if c.kind != "person" or not c.names
                or any(first in fold(n).replace("-", " ").split() for n in [c.name, *c.names])]

    @staticmethod
    def generic_body_owner(words, code, reason, ctx):
        """(code, reason) for a body every state has ("the Supreme Court", "Parliament"): the state the sentence
        names, else the article's, rather than the one whose court is most often in the news."""
        if not words or not all(fold(t.text) in GENERIC_BODY_WORDS for t in words) or code in ctx.sentence_countries:
            return code, reason
        local = (next(iter(ctx.sentence_countries)) if len(ctx.sentence_countries) == 1
                 else ctx.local_countries[0] if len(set(ctx.local_countries)) == 1 and not ctx.sentence_countries
                 else ctx.main_country())  # "lawmakers in Islamabad ... the Supreme Court": Pakistan's
        if local and local != code:
            return local, f"{reason}; but a body every state has, here {local}'s"
        return code, reason

    def _other_owner(self, hits, outside, code) -> Record | None:
        """A country named beside an institution's name, other than the institution's own."""
        for _, _, records in hits:
            for other in records:
                if other.kind in {"country", "territory"} and other.code != code:
                    return other
        for token in outside:
            for other in self.kb.adjective(token.text):
                if other.code != code:
                    return other
        return None

    def pronoun(self, head, offset, ctx: ArticleContext) -> Entity | None:
        lower = head.lower_
        if lower in FIRST_PERSON:
            if ctx.speaker is None:
                return None
            target = ctx.speaker
            rule = f"'{head.text}' is the speaker {target.entity_text!r}"
        elif lower in {"his", "her"} and (subject := self._fronted_owner(head)) is not None:
            # "In her call with Wang, Baerbock said": a possessive before the subject points forward to it
            target = self.resolve(subject, offset, ctx)
            if target is None or not target.code:
                return None
            rule = f"'{head.text}' in a phrase before the subject -> {target.entity_text!r}"
        elif lower in PERSON_PRONOUNS:
            recent = ctx.mentions[-8:]
            person = lambda m: m.kind == "person" or (m.kind == "role" and not m.plural)  # noqa: E731
            mention = next((m for m in reversed(recent) if person(m) and m.subject), None) or ctx.last(person)
            if mention is None:
                return None
            target, rule = mention.entity, f"pronoun -> last person {mention.entity.entity_text!r}"
        elif lower in GROUP_PRONOUNS:
            mention = ctx.last(lambda m: m.plural or m.kind in {"country", "organisation", "group", "capital"})
            if mention is None:
                return None
            target, rule = mention.entity, f"pronoun -> last group {mention.entity.entity_text!r}"
        elif lower in THING_PRONOUNS:
            recent = ctx.mentions[-8:]
            thing = lambda m: (m.kind in {"country", "organisation", "group", "capital", "institution"}  # noqa: E731
                               or (m.kind == "role" and not m.plural and bool(m.role_words & INSTITUTION_WORDS)))
            mention = next((m for m in reversed(recent) if thing(m) and m.subject), None) or ctx.last(thing)
            if mention is None:
                return None
            target, rule = mention.entity, f"pronoun -> last country or organisation {mention.entity.entity_text!r}"
        else:
            return None
        return self.entity([head], offset, target.code, target.sector, rule, target.name, target.identifier, target.office)

    @staticmethod
    def _fronted_owner(head):
        """The subject of the clause when the possessive sits in an adjunct placed before it, else None."""
        token = head
        while token.head != token and token.dep_ in {"poss", "pobj", "prep", "compound", "amod"}:
            token = token.head
            if token.dep_ == "prep" and token.head.pos_ in {"VERB", "AUX"}:
                verb = token.head
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and token.i < subject.i and subject.pos_ == "PROPN":
                    return subject
                return None
        return None

    def remember_names(self, sent, offset: int, ctx: ArticleContext) -> None:
        """Titled unknown people ("Syrian President Bashar al-Assad") for later short mentions."""
        for ent in ents_of(sent):
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            families = [fold(f) for f in family_names(ent.text)] or [fold(ent[-1].text)]
            if any(f in ctx.people for f in families):
                continue
            entity = self.resolve(ent.root, offset, ArticleContext(ctx.date, list(ctx.mentions), dict(ctx.people)))
            if entity is not None and entity.code and entity.sector:
                for family in families:
                    ctx.people[family] = entity
