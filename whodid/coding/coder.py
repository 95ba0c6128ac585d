"""Event coding stage: triggers, their arguments and modality, into Event records."""

from __future__ import annotations

import re
from bisect import bisect_left

from dataclasses import dataclass, replace

from ..document import Document, Sentence
from ..nlp import ents_of, text_of
from ..records import Entity, Event
from ..resolve.actors import (AREA_NOUNS, GENERIC_GROUPS, GENERIC_PEOPLE, ActorResolver, ArticleContext, is_stance,
                              mention_tokens)
from ..resolve.dates import event_date, period_end
from ..resolve.kb import KnowledgeBase
from ..resolve.places import LOCATIVE_PREPOSITIONS, place_heads, place_span, resolve_place, sentence_place_heads
from .lexicon import Lexicon
from .modality import assess
from .syntax import (SAYING_VERBS, agent_of, clause_verb, conjuncts, is_passive, path_to, pobj,
                     speaks_for_the_outer_clause, subject_of)
from .triggers import Match, find_triggers, is_time_phrase

# Prepositions that introduce the recipient when a pattern does not name one.
RECIPIENT_PREPOSITIONS = {
    "AGREE": {"with", "to"}, "CONSULT": {"with", "to"}, "SUPPORT": {"for", "to", "with"}, "CONCEDE": {"to"},
    "COOPERATE": {"with"}, "AID": {"to", "for"}, "RETREAT": {"to"}, "REQUEST": {"on", "from", "upon"},
    "ACCUSE": {"against", "of"}, "REJECT": {"from"}, "THREATEN": {"against", "with"}, "PROTEST": {"against"},
    "SANCTION": {"on", "against", "with"}, "MOBILIZE": {"against", "toward", "towards"},
    "COERCE": {"on", "against"}, "ASSAULT": {"against", "on", "at"},
}
# Triggers whose complement carries the content of the act: an event inside it is theirs.
ABSORBING_PATHS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "nsubjpass", "attr", "oprd", "compound", "amod",
                   "appos"}
# Dependencies followed when looking for a recipient inside an act's complement.
EMBEDDING_DEPS = {"dobj", "dative", "xcomp", "ccomp", "prep", "pobj", "pcomp", "agent", "acomp", "oprd", "attr", "appos"}
OBLIGATION_MODALS = {"must", "should"}
OBLIGATION_CUE = re.compile(r"\b(?:must|should)\b", re.IGNORECASE)
TAKING_PART_VERBS = {"engage", "involve", "participate", "join", "take", "persist", "continue"}  # "took part in"
MESSAGE_NOUNS = {"reminder", "warning", "message", "statement", "notice", "note", "letter", "signal"}
TARGET_IS_PLACE = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "PROTEST"}  # "airstrikes on Gaza City"
NOT_PLACES = {"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
QUANTITY_NOUNS = {"ton", "tonne", "amount", "package", "shipment", "batch", "round", "wave", "series", "number", "kind",
                  "type", "set", "convoy", "consignment", "load", "million", "billion", "worth",
                  "day", "week", "month", "year", "hour"}  # "began a week of joint drills"
FUTURE_TO_THREATEN = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}
THREAT_MODES = {("ASSAULT", None): "violence", ("COERCE", "arrest"): "arrest", ("COERCE", "deport"): "expel",
                ("COERCE", None): "restrict", ("SANCTION", "expel"): "expel", ("SANCTION", None): "relations",
                ("PROTEST", None): "restrict"}
# Meetings and agreements that a clause's subject took part in when the clause says "during" or "after" them
# ("said during a visit to Kyiv"); protests and attacks in such phrases are someone else's ("after months of protests").
OCCASION_EVENTS = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
GATHERING_EVENTS = {"PROTEST", "CONSULT", "MOBILIZE", "COOPERATE"}
ORGANISATION_CODES = {"IGO", "UNO", "EUR", "NGO", "MNC"}
RELIEF_VERBS = {"rescue", "evacuate", "help", "assist", "aid", "relieve", "distribute", "deliver", "feed", "treat"}
OCCASION_PREPOSITIONS = {"during", "after", "before", "amid", "following", "since", "at"}
# Conversations in which something is said: the speaker and the one spoken to are the parties
CONVERSATION_NOUNS = {"call", "conversation", "talk", "talks", "meeting", "videoconference", "exchange"}
REACTIONS = {"REJECT", "ACCUSE", "SUPPORT"}  # acts that respond to another party's act, which happened too
PROMISING_VERBS = {"vow", "swear", "pledge", "promise"}  # "vowed to fight on": a promise of force is a threat
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# Verbs of saying whose object is an act of the speaker's own ("announced sanctions", "declared a ceasefire")
ANNOUNCING_VERBS = {"announce", "declare", "unveil", "pledge", "promise", "offer", "approve"}
RESTRICTING = {"COERCE", "THREATEN", "CONCEDE"}  # measures on a place's people: curfews, emergency rule, bans
RESTRICTION_MODES = {None, "restrict", "censor", "curfew", "martial-law"}
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
VERBAL_CONFLICT = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}
VERBAL_TYPES = VERBAL_CONFLICT | {"AGREE", "SUPPORT", "CONCEDE"}  # "condemnation from Washington": from = who said it


def infinitival(token) -> bool:
    """"threatened on Thursday *to expel* ...": a to-infinitive the parser hung as an adverbial clause."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def addressed_speech(verb):
    """The verb of speaking to someone that a conversation noun belongs to: "warned Biden that those who play with
    fire will perish, in a phone call" hangs the call on "perish", but the call is the warning's. Only speech with a
    hearer ("told X", "warned X"), never the reporting "the ministry said"."""
    climbed = verb
    while climbed.dep_ in {"ccomp", "xcomp"} and climbed.head.pos_ == "VERB" and climbed.lemma_.lower() not in SAYING_VERBS:
        climbed = climbed.head
    if climbed is not verb and climbed.lemma_.lower() in SAYING_VERBS and any(
            c.dep_ in {"dobj", "dative"} for c in climbed.children):
        return climbed
    return verb


@dataclass
class Candidate:
    match: Match
    governor: object  # the clause verb that carries tense, negation and attribution
    absorbed_by: Match | None = None
    promised: bool = False  # the act is what the actor says it is ready or willing to do


def content_clause(token) -> bool:
    """A "that" clause completing a noun or verb: "its demand that Israel ease restrictions"."""
    return token.dep_ in {"acl", "ccomp"} and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def place_party(sentence: Sentence, place, sector: str | None, rule: str) -> list[Entity]:
    """The party a place name stands for (its country, with `sector`), at the name's offsets in the sentence."""
    at = sentence.text.find(place.extracted_place)
    if at < 0:
        return []
    start = sentence.start + at
    return [Entity(entity_text=place.extracted_place, start=start, end=start + len(place.extracted_place),
                   code=place.country_code, sector=sector, rule=rule)]


# Verbs and nouns of complaint: "over/about/against" names the accused, "to/with" only where it is lodged
COMPLAINING_WORDS = frozenset({"complain", "complaint", "protest", "petition", "appeal", "write", "letter"})


# Verbs whose object is a reaction the subject brought on itself: "drew condemnation from X", "sparked protests"
DRAWING_VERBS = frozenset({"draw", "prompt", "provoke", "trigger", "spark", "attract", "earn", "invite", "court"})
# Verbs whose "for X" is something expected, not an occasion they take part in ("braced for protests")
AWAITING_VERBS = frozenset({"brace", "prepare", "wait", "call", "ask", "plan", "push", "press", "appeal", "head", "watch"})
IMPRISONMENT_WORDS = frozenset({"prison", "jail", "gaol", "imprisonment", "detention", "custody", "arrest"})
CELEBRATING_VERBS = frozenset({"celebrate", "mourn", "welcome", "cheer", "greet", "commemorate", "pray", "watch", "dance"})
QUANTITY_WORDS = frozenset({"thousand", "hundred", "dozen", "million", "score", "ten", "tens", "hundreds", "thousands",
                            "dozens", "millions"})
# People named by their protest, and what only protesting crowds do
PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter", "picketer"})
PROTESTING_VERBS = frozenset({"storm", "march", "rally", "protest", "demonstrate", "surround", "chant", "riot",
                              "barricade", "occupy", "besiege"})
# Verbs whose agent is the one behind an act named by a noun ("protests led by X", "a strike called by Y")
LEADING_VERBS = frozenset({"lead", "organise", "organize", "call", "stage", "spearhead", "launch", "mount", "head",
                           "orchestrate", "carry", "conduct"})
# Warnings: verbs that announce a consequence, and the consequences someone else would suffer
WARNING_VERBS = frozenset({"warn", "caution"})
CONSEQUENCE_VERBS = frozenset({"face", "pay", "suffer", "regret", "bear", "receive", "meet", "lose", "stop", "perish"})
VIOLENT_WORDS = frozenset({"war", "fire", "attack", "strike", "force", "military", "army", "bomb", "missile", "destroy",
                           "retaliation", "retaliate", "invasion", "blood", "bloodshed", "nuclear", "fury"})
LEAVING_VERBS = frozenset({"leave", "fly", "depart", "vacate", "roll"})
# Verbs of moving into a place ("tanks rolled into", "troops pushed into"): an incursion only for armed forces
WITHDRAWING_VERBS = frozenset({"pull", "withdraw", "leave", "retreat", "evacuate", "depart", "exit", "quit"})
ENTERING_VERBS = frozenset({"roll", "push", "pour", "march", "advance", "sweep", "thrust", "drive", "storm"})
RECEIVING_VERBS = frozenset({"take", "receive", "get", "obtain", "accept"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"})
# Bare common nouns the resolver can still tie to a party ("the country", "both sides", "thousands")
BARE_REFERRING_NOUNS = frozenset(GENERIC_PEOPLE | GENERIC_GROUPS | {
    "country", "nation", "state", "kingdom", "republic", "island", "side", "government", "regime", "authority",
    "administration", "capital", "city", "town", "region", "province", "territory", "enclave", "bloc", "alliance",
    "party", "coalition", "junta", "rebel", "militant", "protester", "demonstrator", "crowd", "mob", "gunman"})
COMMANDING_VERBS = frozenset({"order", "instruct", "command", "direct", "tell"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
PRONOUN_TEXTS = frozenset({"him", "her", "them", "it", "he", "she", "they", "us", "we", "his", "its", "their"})
ARMED_SECTORS = frozenset({"MIL", "COP", "PRM", "REB", "SPY", "UAF"})
UNARMED_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR", "REF"})
# Military exercises: held by two or more states together they are cooperation, not a show of force
TIME_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "while"})
HOLDING_VERBS = frozenset({"abduct", "kidnap", "hold", "seize", "capture", "take", "snatch", "detain", "jail"})
HANDING_VERBS = frozenset({"hand", "transfer", "deliver", "surrender", "turn", "send", "fly"})
CAPTURING_VERBS = frozenset({"capture", "seize", "grab", "snatch", "take"})
HOSTAGE_NOUNS = frozenset({"hostage", "captive"})
COMBATANT_SECTORS = frozenset({"MIL", "REB", "PRM", "UAF"})
BREAKING_IN_VERBS = frozenset({"storm", "overrun", "ransack", "invade", "raid", "attack", "besiege", "break", "burst",
                               "loot"})
OUTBREAK_VERBS = frozenset({"break", "erupt", "rage", "flare", "continue", "resume", "intensify", "escalate", "occur",
                            "take", "spread"})
CLASH_NOUNS = frozenset({"clash", "fighting", "battle", "skirmish", "confrontation", "gunfight", "firefight",
                         "shootout", "gun-battle", "brawl"})
CASUALTY_VERBS = frozenset({"die", "kill", "wound", "injure", "perish", "lose"})
EXERCISE_WORDS = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "game", "wargame"})


class SentenceCoder:
    def __init__(self, lexicon: Lexicon, kb: KnowledgeBase):
        self.lexicon = lexicon
        self.kb = kb
        self.bare_nouns_with_referents = BARE_REFERRING_NOUNS
        self.resolver = ActorResolver(kb, lexicon.event_nouns)

    # -- mentions
    def resolve_mentions(self, parsed, offset: int, ctx: ArticleContext, reports=None) -> dict[int, Entity]:
        """Resolve every noun-phrase head in reading order, feeding the article context."""
        ctx.local_countries = []
        article_codes = {m.entity.code for m in ctx.mentions if m.entity.code}
        sentence_codes = set()
        for token in parsed:  # nationalities and countries named in this sentence settle ambiguous places
            if token.pos_ in {"ADJ", "PROPN", "NOUN"}:
                records = self.kb.adjective(token.text) or [r for r in self.kb.records(token.text) if r.kind == "country"]
                if records and not is_stance(token):
                    sentence_codes.update(r.code for r in records)
        article_codes |= sentence_codes
        ctx.sentence_countries = sentence_codes
        speakers = self.speaker_tokens(*(reports or self.report_words(parsed)))
        told_from = []  # "diplomats in neighbouring Pakistan said": where the news came from, not where it happened
        for ent in ents_of(parsed):
            root = ent.root
            if root.dep_ == "appos" and root.head.dep_ == "pobj":  # "in the capital Kabul"
                root = root.head
            locative = root.dep_ == "pobj" and (root.head.lower_ in LOCATIVE_PREPOSITIONS or (
                root.head.lower_ == "of" and root.head.head.lemma_.lower() in AREA_NOUNS))  # "a district of Beirut"
            place_like = ent.label_ in {"GPE", "LOC", "FAC", "NORP"} or (locative and ent.label_ not in NOT_PLACES)
            if place_like and (locative or not self.kb.records(ent.text)) and not self.kb.adjective(ent.text) and not any(
                    r.kind == "institution" for r in self.kb.records(ent.text)):  # "to Congress" is no town in Arizona
                place = resolve_place(ent.text, self.kb, article_codes)
                if place is not None:
                    if ent.root.i not in speakers:
                        ctx.local_countries.append(place.country_code)
                    elif locative:  # "police in Kirkuk said": where the teller is, if nothing else is named
                        told_from.append(place.country_code)
        if not ctx.local_countries:
            ctx.local_countries = told_from
        self.resolver.remember_names(parsed, offset, ctx)
        cache: dict[int, Entity] = {}
        for token in parsed:
            if token.pos_ not in {"NOUN", "PROPN", "PRON"} and not (  # "ECOWAS" tagged as a verb is still a name
                    token.ent_type_ in {"ORG", "GPE", "PERSON", "NORP"} and token.dep_ in ARGUMENT_DEPS):
                continue
            if token.dep_ in {"compound", "amod", "flat"}:
                continue
            if (token.pos_ == "NOUN" and not token.ent_type_ and token.is_lower
                    and token.lemma_.lower() not in self.bare_nouns_with_referents
                    and not self.kb.role(token.lemma_.lower()) and all(c.dep_ in {"det", "punct", "cc"} for c in token.children)):
                continue  # "the talks", "last week": a bare common noun that is no role names no one (saves a lookup)
            if token.pos_ == "PRON" and token.lower_ not in {"he", "she", "they", "it", "we", "him", "her", "them", "us", "his", "its", "their", "our"}:
                continue
            entity = self.resolver.resolve(token, offset, ctx)
            if entity is not None and entity.code:
                cache[token.i] = entity
        return cache

    def entities(self, heads, cache, offset, ctx) -> list[Entity]:
        found: list[Entity] = []
        for head in heads:
            if head.lower_ in {"which", "that", "who", "whom"} and head.head.dep_ == "relcl":
                head = head.head.head  # "the city of Kharkiv, which Russian forces shelled": the antecedent
            for token in conjuncts(head):
                entity = cache.get(token.i)
                if entity is None and token.dep_ not in {"compound", "amod"} and not self.counted_group(token, offset, ctx):
                    continue
                if entity is None:
                    group = self.counted_group(token, offset, ctx)
                    if group:
                        found.extend(e for e in group if not any((f.code, f.sector) == (e.code, e.sector) for f in found))
                        continue
                    entity = self.resolver.resolve(token, offset, ctx)
                    if entity is None or not entity.code:
                        continue
                for member in [entity] + self.coordinated_adjectives(token, entity, offset) + self.coordinated_owners(
                        token, entity, offset):
                    if not any((e.start, e.end) == (member.start, member.end) or (e.code, e.sector) == (member.code, member.sector)
                               for e in found):
                        found.append(member)
        return found

    def counted_group(self, head, offset: int, ctx) -> list[Entity]:
        """"The two leaders", "both sides": the last distinct parties the article named."""
        count = None
        for child in head.children:
            if child.dep_ == "nummod" and child.lower_ in {"two", "three", "2", "3"}:
                count = {"two": 2, "2": 2, "three": 3, "3": 3}[child.lower_]
            elif child.dep_ in {"det", "predet"} and child.lower_ == "both":
                count = 2
        if count is None or head.pos_ != "NOUN":
            return []
        want_people = head.lemma_.lower() in {"leader", "president", "minister", "man", "official", "counterpart"}
        chosen: list = []
        for mention in reversed(ctx.mentions):
            entity = mention.entity
            if not entity.code or entity.start >= offset + head.idx:
                continue
            if want_people and mention.kind not in {"person", "role"}:
                continue
            if not want_people and mention.kind not in {"country", "capital", "organisation", "group", "person"}:
                continue
            if any(c.code == entity.code for c in chosen):
                continue
            chosen.append(entity)
            if len(chosen) == count:
                break
        if len(chosen) < count:
            return []
        tokens = mention_tokens(head)
        return [self.resolver.entity(tokens, offset, e.code, e.sector, f"'{head.text}' -> {e.entity_text!r} mentioned earlier",
                                     e.name, e.identifier, e.office) for e in reversed(chosen)]

    def coordinated_owners(self, head, entity: Entity, offset: int) -> list[Entity]:
        """"Troops from Mongolia and the United States": one entity per coordinated country, same sector."""
        extra = []
        for child in head.rights:
            if child.dep_ != "prep" or child.lower_ not in {"from", "of"}:
                continue
            obj = pobj(child)
            if obj is None:
                continue
            for other in conjuncts(obj)[1:]:
                records = [r for r in self.kb.records(" ".join(t.text for t in mention_tokens(other) if t.dep_ != "det"))
                           if r.kind == "country"]
                if records and records[0].code != entity.code and not any(e.code == records[0].code for e in extra):
                    words = [t for t in mention_tokens(other) if t.dep_ != "det"]
                    extra.append(Entity(" ".join(t.text for t in words), offset + words[0].idx,
                                        offset + words[-1].idx + len(words[-1].text),
                                        records[0].code, entity.sector, records[0].name,
                                        rule=f"coordinated with {entity.entity_text!r}: {other.text!r} -> {records[0].code}"))
            break
        return extra if entity.code and extra else []

    def coordinated_adjectives(self, head, entity: Entity, offset: int) -> list[Entity]:
        """"The Turkish and Greek sides": one entity per coordinated nationality, same sector."""
        extra = []
        for child in head.lefts:
            if child.dep_ not in {"amod", "compound", "nmod"}:
                continue
            for other in child.subtree:
                if other.dep_ == "conj" and other.i < head.i:
                    records = self.kb.adjective(other.text) or [r for r in self.kb.records(other.text) if r.kind == "country"]
                    if records and records[0].code != entity.code:
                        extra.append(Entity(other.text, offset + other.idx, offset + other.idx + len(other.text),
                                            records[0].code, entity.sector, records[0].name,
                                            rule=f"coordinated with {entity.entity_text!r}: {other.text!r} -> {records[0].code}"))
        return extra

    # -- arguments
    @staticmethod
    def governor(match: Match):
        """The verb that carries tense, negation and the subject for this trigger."""
        head = match.head
        if match.entry.kind == "adj":
            return head.head if head.dep_ in {"acomp", "oprd", "attr"} and head.head.pos_ in {"VERB", "AUX"} else head
        if match.entry.kind == "noun":
            verb = clause_verb(head)
            if head.lemma_.lower() in CONVERSATION_NOUNS and head.dep_ == "pobj" and head.head.lower_ in {"in", "during"}:
                verb = addressed_speech(verb)
            return verb
        return head

    def actor_heads(self, match: Match, governor) -> list:
        head = match.head
        if match.entry.kind in {"verb", "adj"}:
            subject = subject_of(governor)
            saying = governor.head if governor.dep_ == "ccomp" else None
            if (subject is not None and subject.pos_ == "PRON" and saying is not None and saying.tag_ == "VBG"
                    and saying.dep_ == "advcl" and saying.lemma_.lower() in self.lexicon.reporting_verbs):
                main = subject_of(saying.head)  # "the Taliban rejected the demand, saying they would not ..."
                if main is not None and main.pos_ != "PRON":
                    subject = main
            if subject is None and match.entry.kind == "adj" and governor == head:  # "Israel is opposed to ..."
                subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if subject is None and is_passive(head):  # "was threatened with sanctions by the US": "by" on the noun
                subject = next((pobj(c) for t in match.tokens if t != head for c in t.children
                                if c.dep_ in {"prep", "agent"} and c.lower_ == "by" and pobj(c) is not None), None)
            if subject is None and is_passive(head) and match.entry.mode == "release":
                # "the schoolgirls abducted by Boko Haram were freed": those who held them let them go
                held = [c for c in head.children if c.dep_ == "nsubjpass"]
                subject = next((agent_of(t) for h in held for t in h.subtree if t.dep_ == "acl" and t.tag_ == "VBN"
                                and t.lemma_.lower() in HOLDING_VERBS and agent_of(t) is not None), None)
            return [subject] if subject is not None else []
        if head.dep_ == "compound" and head.head.pos_ == "NOUN":
            head = head.head  # "a mediation effort", "aid deliveries": the phrase's head carries the arguments
        if head.dep_ == "dobj" and head.head.lemma_.lower() in DRAWING_VERBS:
            # "the move drew criticism from the EU": the critic is "from X", never the one who drew it
            sources = [pobj(c) for t in (head, head.head) for c in t.children if c.dep_ == "prep" and c.lower_ == "from"]
            return [s for s in sources if s is not None][:1]
        if head.dep_ == "appos" and any(c.tag_ == "JJS" for c in head.lefts):
            return []  # "..., Britain's deadliest attack in a decade": a record kept for a place, not an attacker
        heads = []
        if head.dep_ == "pobj" and head.head.lower_ == "behind" and head.head.head.lemma_.lower() == "be":
            # "ELN guerrillas were behind Saturday's kidnapping": who was behind it did it
            return [c for c in head.head.head.children if c.dep_ == "nsubj"][:1]
        for child in head.children:
            if child.dep_ == "poss" and child.ent_type_ not in {"DATE", "TIME"}:  # not "Monday's mortar attack"
                heads.append(child)
        if not heads:  # "a mortar attack on a market, blamed on Bosnian Serb gunners": whom it is blamed on
            for child in head.children:
                if child.dep_ == "acl" and child.lemma_.lower() == "blame" and child.tag_ == "VBN":
                    heads += [pobj(c) for c in child.children if c.dep_ == "prep" and c.lower_ == "on"
                              and pobj(c) is not None][:1]
        if not heads:
            for child in head.lefts:
                if child.dep_ in {"amod", "compound", "nmod"} and child not in match.tokens and (
                        child.ent_type_ in {"NORP", "GPE"} or self.kb.adjective(child.text) or self.kb.records(child.text)
                        or (child.ent_type_ in {"ORG", "PERSON"} and self.names_someone(child))):
                    heads.append(child)  # (not "the Khaan Quest exercise": a name the exercise bears)
        if not heads:  # "police fire tear gas at ...": a headline the parser read as one long compound
            chain = [t for t in head.lefts if t.dep_ == "compound" and t not in match.tokens]
            for token in chain + [g for t in chain for g in t.lefts if g.dep_ == "compound"]:
                role = self.kb.role(token.lemma_.lower())
                if role is not None and role.sector in ARMED_SECTORS | {"GOV"}:
                    heads.append(token)
                    break
        if not heads:  # "protests led by Nikol Pashinyan", "a strike called by the unions": the leader acts
            for child in head.children:
                if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in LEADING_VERBS:
                    agent = agent_of(child)
                    if agent is not None:
                        heads.append(agent)
                        break
        if not heads:
            sources = {"by", "between", "among"} | ({"from"} if match.entry.event in VERBAL_TYPES else set())
            for child in head.children:
                if child.dep_ in {"prep", "agent"} and child.lower_ in sources:
                    obj = pobj(child)
                    if obj is not None:
                        heads.append(obj)
            if not heads and head.dep_ == "nsubj" and head.head.lemma_.lower() in OUTBREAK_VERBS:
                # "fighting broke out in Khartoum between the army and the RSF": the parser hangs "between" on the verb
                for child in head.head.children:
                    if child.dep_ == "prep" and child.lower_ in {"between", "among"} and pobj(child) is not None:
                        heads.append(pobj(child))
            # "the withdrawal of French soldiers": they withdraw, when they are named; else the clause's subject acts
            if not heads and match.entry.event in {"RETREAT", "MOBILIZE"} and not self.governed_by_verb(head):
                for child in head.children:
                    if child.dep_ == "prep" and child.lower_ == "of":
                        obj = pobj(child)
                        if obj is not None and any(self.kb.adjective(t.text) or self.kb.records(t.text)
                                                   for t in mention_tokens(obj)):
                            heads.append(obj)
        if not heads:  # "Israel launched airstrikes", "the UN will provide 25,000 tons of food aid"
            governor, current = None, head
            if current.dep_ == "pobj" and current.head.lower_ in {"of", "in"} and current.head.head.pos_ in {"NOUN", "NUM"} \
                    and (
                    current.head.head.lemma_.lower() in QUANTITY_NOUNS or any(c.pos_ == "NUM" for c in current.head.head.children)
                    or current.head.head.tag_ == "$" or any(c.tag_ == "$" for c in current.head.head.children)):
                current = current.head.head  # "25,000 tons of food aid", "$800 million in military aid"
            while current.dep_ in {"conj", "appos"} and current.head.dep_ in {"dobj", "attr", "oprd", "conj", "appos"}:
                current = current.head  # "unleashed tank, howitzer and machine-gun fire": the first conjunct is the object
            if current.dep_ in {"dobj", "attr", "oprd"} and current.head.pos_ in {"VERB", "AUX"}:
                governor = current.head
            elif (current.dep_ == "pobj" and current.head.lower_ == "in"
                  and current.head.head.lemma_.lower() in TAKING_PART_VERBS):
                taker = current.head.head  # "the militia was engaged in a purge", "took part in the raid"
                subject = subject_of(taker) or next((c for c in taker.children if c.dep_ == "nsubjpass"), None)
                if subject is not None:
                    heads.append(subject)
            elif (current.dep_ == "pobj" and current.head.lower_ in {"during", "after", "before", "on", "at", "for", "in", "with"}
                  and current.head.head.pos_ == "VERB"
                  and (match.entry.event in OCCASION_EVENTS
                       or (current.head.lower_ in {"for", "in", "with"} and match.entry.event in GATHERING_EVENTS
                           and current.head.head.lemma_.lower() not in AWAITING_VERBS))):
                # "gathered for a rally", "paraded in a show of force"
                # (not "punished Moscow for the attack": what one is blamed for is someone else's act)
                verb = current.head.head
                if head.lemma_.lower() in CONVERSATION_NOUNS:
                    verb = addressed_speech(verb)
                subject = subject_of(verb)  # "X said during a visit to Kyiv": X is the visitor
                if subject is not None:
                    heads.append(subject)
            lemma = governor.lemma_.lower() if governor is not None else ""
            if governor is not None and lemma not in self.lexicon.response_verbs and (
                    self.lexicon.is_light_verb(governor) or lemma not in self.lexicon.reporting_verbs
                    or lemma in ANNOUNCING_VERBS):
                subject = subject_of(governor)
                if subject is not None and subject.i != head.i:
                    heads.append(subject)
        if (not heads and head.dep_ == "pobj" and head.head.lower_ in {"in", "during"} and head.lemma_.lower() in CLASH_NOUNS
                and head.head.head.lemma_.lower() in CASUALTY_VERBS):
            # "twenty soldiers died in a clash with Chinese troops": a two-sided fight, both sides act
            verb = head.head.head
            heads = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}][:1]
            heads += [pobj(c) for c in head.children if c.dep_ == "prep" and c.lower_ == "with" and pobj(c) is not None]
        return heads

    @staticmethod
    def governed_by_verb(noun) -> bool:
        """The noun is the object of a verb whose subject can act ("the US hastened the pullout of ...")."""
        return noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}

    def recipient_heads(self, match: Match, actor_heads) -> list:
        if match.recipient is not None:
            return [match.recipient]
        head = match.head
        prepositions = RECIPIENT_PREPOSITIONS.get(match.entry.event, set())
        if match.entry.mode == "release" and match.entry.kind == "verb":
            freed = [c for c in head.children if c.dep_ == "dobj" and c not in match.tokens]
            if freed:  # "handed over two hostages to a Red Cross mission": those released, not who received them
                return freed
        holders = [head]
        if match.entry.kind == "noun" and head.dep_ in {"dobj", "nsubjpass"} and self.lexicon.is_light_verb(head.head):
            holders.append(head.head)
        if match.entry.kind == "verb":  # "demanded support from the Assembly": the pattern's object carries it
            holders.extend(t for t in match.tokens if t.dep_ == "dobj" and t.head == head
                           and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children))
            # (but not "demanded the pullout of Russian troops from Moldova": that "from" is the withdrawal's)
        for holder in holders:
            for child in holder.children:
                if (child.dep_ == "prep" and child.lower_ in prepositions and child not in match.tokens
                        and not is_time_phrase(child)):
                    obj = pobj(child)
                    if obj is not None and obj not in actor_heads:
                        return [obj]
        if match.entry.kind == "verb" and is_passive(head):
            subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
            if subjects and agent_of(head) is not None:
                return subjects
        if match.entry.kind == "noun" and head.dep_ == "nsubj" and match.entry.event == "ASSAULT":
            objects = [c for c in head.head.children if c.dep_ == "dobj"]
            if objects:
                return objects
        return []

    def embedded_recipient(self, match: Match, actors: list[Entity], cache, offset, ctx):
        """The nearest named actor inside the act's complement: "threatened to cut off power to X",
        "demanded that X withdraw", "rejected a Senegalese plan", "an offer from X"."""
        head = match.head
        starts = [head]
        if match.entry.kind == "noun" and head.dep_ in {"dobj", "nsubjpass"} and self.lexicon.is_light_verb(head.head):
            starts.append(head.head)
        if (match.entry.kind == "noun" and head.dep_ == "pobj" and head.head.lower_ in {"of", "in"}
                and head.head.head.dep_ == "dobj" and head.head.head.pos_ in {"NUM", "NOUN"}
                and head.head.head.head.lemma_.lower() in ANNOUNCING_VERBS | self.lexicon.light_verbs):
            starts.append(head.head.head.head)  # "announced $50 million in aid to Turkey": the verb carries "to"
        if match.entry.kind == "noun" and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            # "repeated its demand on Monday that Sudan open ...": the parser hangs the content clause on the verb
            starts.extend(c for c in head.head.children if c.dep_ == "ccomp" and content_clause(c))
        matched = {t.i for t in match.tokens}
        queue = [(child, 1) for start in starts for child in ([start] if start.dep_ == "ccomp" else start.children)
                 if child.dep_ in EMBEDDING_DEPS or infinitival(child) or content_clause(child)
                 or (child.dep_ == "nsubjpass" and child.pos_ == "NOUN" and child.i not in cache)]
        # ("The election of X was hailed by the AU": the act's own party)
        seen = set()
        fallback = None
        while queue:
            token, depth = queue.pop(0)
            if token.i in seen or token.ent_type_ in {"DATE", "TIME"}:
                continue
            seen.add(token.i)
            entity = cache.get(token.i)
            if token.i in matched and (entity is None or not entity.name):
                entity = None  # a pattern word ("release @PRISONERS") is a target only when it names someone
            if entity is None and token.i not in matched and token.dep_ in {"amod", "compound", "poss"} and (
                    self.kb.adjective(token.text) or self.kb.records(token.text)):
                entity = self.resolver.resolve(token, offset, ctx)
            if entity is not None and " held by " in entity.rule:
                entity = None  # "denounced the raid on a rebel camp": the camp is the raid's target, not the accused
            if entity is not None and entity.code and not any(
                    a.code == entity.code and (a.sector == entity.sector or not entity.sector) for a in actors) and not any(
                    a.start <= entity.start < a.end for a in actors):
                found = self.entities([token], cache, offset, ctx) if token.i in cache else [entity]
                if entity.name:  # a named actor beats a role word whose country was inferred
                    return found or [entity]
                fallback = fallback or found or [entity]
            if depth < 4:
                transparent = (token.lemma_.lower() == "protest" and token.dep_ == "pobj") or (
                    token.dep_ == "prep" and any(c.lemma_.lower() == "protest" for c in token.children)) or (
                    token.dep_ == "acl" or token.dep_ == "agent" and token.head.dep_ == "acl") or (  # "signed by X"
                    token.i in matched)  # the pattern's own words add no distance
                step = 0 if transparent else 1  # "in protest of X": the words add no distance
                queue.extend((child, depth + step) for child in token.children
                             if child.dep_ in EMBEDDING_DEPS | {"nsubj", "nsubjpass", "poss", "amod", "compound"}
                             or infinitival(child) or content_clause(child)
                             or (child.dep_ == "acl" and agent_of(child) is not None))  # "a bill signed by X"
        return fallback

    @staticmethod
    def different_bodies(first: list[Entity], second: list[Entity]) -> bool:
        """Whether two actor lists of the same countries are different bodies of them (parliament and police)."""
        sectors = {x.sector for x in first}, {x.sector for x in second}
        return all(sectors) and None not in sectors[0] | sectors[1] and not sectors[0] & sectors[1]

    @staticmethod
    def prep_objects(match: Match, preposition: str, reach: int = 8) -> list:
        """Objects of the first `preposition` phrase under the trigger, within `reach` words of it."""
        head = match.head
        if head.dep_ == "compound" and head.head.pos_ == "NOUN":
            head = head.head  # "a mediation effort between X and Y"
        for token in head.subtree:
            if token.dep_ == "prep" and token.lower_ == preposition and abs(token.i - head.i) <= reach:
                return [c for c in token.children if c.dep_ == "pobj"]
        return []

    def parties_between(self, match: Match, cache, offset, ctx) -> list[Entity]:
        """The parties named in "between X and Y" under the trigger (or its object)."""
        return [e for e in self.entities(self.prep_objects(match, "between"), cache, offset, ctx) if e.code]

    def other_than_actor(self, recipients: list[Entity], actors: list[Entity], offset, ctx) -> list[Entity]:
        """"... cut ties with Qatar, accusing it of ...": an object pronoun is not the actor itself, so it takes
        the latest earlier mention of another party."""
        kept = []
        actor_codes = {a.code for a in actors if a.code}
        for entity in recipients:
            if entity.code in actor_codes and entity.rule.startswith("pronoun") and entity.entity_text.lower() in {
                    "it", "them", "its", "their"}:
                mention = ctx.last(lambda m: m.entity.code and m.entity.code not in actor_codes
                                   and m.entity.start < entity.start
                                   and m.kind in {"country", "organisation", "group", "capital", "institution"})
                if mention is None:
                    continue
                entity = Entity(entity_text=entity.entity_text, start=entity.start, end=entity.end,
                                code=mention.entity.code, sector=mention.entity.sector, name=mention.entity.name,
                                rule=f"pronoun -> last party other than the actor: {mention.entity.entity_text!r}")
            kept.append(entity)
        return kept

    def opponent(self, match: Match, actors: list[Entity], cache, offset, ctx) -> list[Entity]:
        """"mobilized reservists for a war against Iraq": whom a show of force is aimed at, when said."""
        heads = self.prep_objects(match, "against")
        if not heads:  # "massed troops near its border with Ukraine": the neighbour across that border
            clause = list(match.head.head.subtree)
            borders = [t for t in clause if t.lemma_.lower() in {"border", "frontier"}]
            if borders:  # the parser hangs "with X" on the border or on the verb
                heads = [obj for t in borders + [match.head] for c in t.children
                         if c.dep_ == "prep" and c.lower_ == "with" for obj in [pobj(c)] if obj is not None]
        return [e for e in self.entities(heads, cache, offset, ctx)
                if e.code and not any(a.code == e.code for a in actors)]

    def conditional_party(self, match: Match, actors: list[Entity], cache, offset, ctx) -> list[Entity]:
        """"X threatened to stop talks if Y goes ahead", "... unless Y accepts": Y is the one threatened."""
        clauses = [match.head] + [c for c in match.head.children if c.dep_ == "xcomp"]
        step = match.head
        for _ in range(3):  # the parser may hang the condition on the verb of warning above the act
            if step.head == step:
                break
            step = step.head
            clauses.append(step)
        for clause in clauses:
            for child in clause.children:
                if child.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child.children):
                    continue
                subjects = [c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}]
                found = [e for e in self.entities(subjects, cache, offset, ctx)
                         if e.code and not any(a.code == e.code and a.sector == e.sector for a in actors)]
                if found:
                    return found
        return []

    def names_someone(self, token) -> bool:
        """A proper-name modifier the knowledge base can place."""
        words = " ".join(t.text for t in token.subtree if t.dep_ != "det")
        return bool(self.kb.records(words) or self.kb.family_records(token.text))

    def armed_role(self, text: str) -> bool:
        """The words name an armed body by role ("the army", "riot police")."""
        words = text.lower().split()
        role = self.kb.role(" ".join(words[-2:])) or self.kb.role(words[-1]) if words else None
        return role is not None and role.sector in ARMED_SECTORS

    def not_an_actor(self, head) -> bool:
        tokens = mention_tokens(head)
        if self.kb.records(" ".join(t.text for t in tokens if t.dep_ != "det")):
            return False  # a known name ("the Paris Club") wins over a word that usually names no actor ("club")
        words = {head.lemma_.lower(), head.lower_} | {t.lower_ for t in head.lefts if t.dep_ == "compound"}
        phrase = " ".join(t.lower_ for t in tokens)
        return bool(words & self.kb.non_actors) or any(term in phrase.split() for term in self.kb.non_actors)

    def describes_someone(self, head) -> bool:
        """Worth keeping as an actor of unknown code: a name, a role word, or a group with a name in it."""
        if head.pos_ == "PROPN" or self.kb.role(head.lemma_.lower()) or (head.is_title and self.kb.family_records(head.text)):
            return True
        of = next((pobj(c) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if head.lemma_.lower() in QUANTITY_WORDS and of is not None:
            return self.describes_someone(of)  # "thousands of balloons" is no one; "thousands of refugees" are
        if head.lemma_.lower() in GENERIC_GROUPS | GENERIC_PEOPLE:
            return True
        return any(t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP", "GPE"} for t in mention_tokens(head))

    # -- place
    def place(self, match: Match, governor, event_type: str, actors: list[Entity], recipients: list[Entity], ctx,
              offset: int):
        """Where the event happened: a locative phrase of the event, else one elsewhere in the sentence,
        else a place that is the target itself. An actor's own name is never its location."""
        doc = governor.doc
        positions = doc.user_data.get("whodid_positions")
        if positions is None or positions[0] != offset:
            positions = doc.user_data["whodid_positions"] = (offset, [offset + t.idx for t in doc])
        starts = positions[1]

        def covered(entities):  # token indices inside the entities' spans
            return {i for e in entities for i in range(bisect_left(starts, e.start), bisect_left(starts, e.end))}

        exclude = covered(actors)
        parties = actors + recipients
        for token in doc:
            if (token.dep_ == "pobj" and token.head.lower_ == "from" and token.head.head.i != governor.i
                    and any(e.start <= starts[token.head.head.i] < e.end for e in parties)):
                exclude.add(token.i)  # "a missionary from Calgary": where someone comes from, not where it happened
        for i in covered(recipients) - exclude:
            token = doc[i]
            if not (token.dep_ in {"compound", "prep", "pobj", "amod"} and token.ent_type_ in {"GPE", "LOC", "FAC"}
                    and not token.head.ent_type_ and not self.kb.role(token.head.lemma_.lower())
                    and token.head.lemma_.lower() not in GENERIC_PEOPLE):
                exclude.add(i)  # "sanctions on Russia" is no place; "a Baghdad market" names one
        article_codes = {m.entity.code for m in ctx.mentions if m.entity.code}

        def best_of(tokens):
            best = None
            for token in tokens:
                span = place_span(token)
                place = resolve_place(span.text, self.kb, article_codes)
                if place is None:
                    continue
                place.extracted_place = span.text
                if best is None or place.resolution > best.resolution:
                    best = place
            return best

        found = best_of(place_heads(governor, match.head, exclude))
        if found is None:  # "placed under investigation in Spain": the locative hangs on a pattern word
            found = best_of([h for t in match.tokens if t != match.head and t.pos_ == "NOUN"
                             and any(c.dep_ == "prep" for c in t.children) for h in place_heads(t, t, exclude)])
        if found is not None:
            found.in_clause = True  # named in the event's own clause, not elsewhere in the sentence
        else:
            found = best_of(sentence_place_heads(governor.doc, exclude))
        if found is None and (event_type in TARGET_IS_PLACE or (event_type in {"CONSULT", "AGREE"} and match.entry.mode == "visit")):
            for entity in recipients:
                if entity.rule.startswith(("place", "country", "capital")) and entity.code:
                    place = resolve_place(entity.entity_text, self.kb, article_codes)
                    if place is not None:
                        return place
        return found

    # -- attribution
    def report_words(self, parsed) -> tuple[list, list]:
        """(reporting verbs, "according" words) of a sentence, found in one pass over its tokens."""
        reporting = self.lexicon.reporting_verbs
        verbs, according = [], []
        for token in parsed:
            if token.lemma_.lower() in reporting:
                verbs.append(token)
            elif token.lower_ == "according":
                according.append(token)
        return verbs, according

    @staticmethod
    def speaker_tokens(verbs, according) -> set[int]:
        """Tokens naming who reports the news ("officials in Nairobi said", "according to sources in Beirut")."""
        found = set()
        for token in verbs:
            if (token.dep_ in {"parataxis", "ccomp"} and token.i > token.head.i
                    or any(c.dep_ in {"ccomp", "parataxis"} and c.i < token.i for c in token.children)):
                subject = subject_of(token)
                if subject is not None:
                    found.update(t.i for t in subject.subtree)
        for token in according:
            found.update(t.i for t in token.subtree)
        return found

    def attribution(self, governor, parsed, cache, offset, ctx):
        current = governor
        for _ in range(6):
            if current.head == current:
                break
            if current.dep_ in {"ccomp", "parataxis", "conj"} and current.head.lemma_.lower() in self.lexicon.reporting_verbs:
                subject = subject_of(current.head)
                if subject is not None:
                    return self._attribution_record(subject, cache, offset, ctx)
                break
            current = current.head
        root = governor
        while root.dep_ in {"conj", "xcomp", "advcl"} and root.head != root:
            root = root.head
        for child in root.children:  # "X did Y, the State Department said"
            if child.dep_ in {"parataxis", "ccomp", "advcl"} and child.lemma_.lower() in self.lexicon.reporting_verbs \
                    and child.i > governor.i:
                subject = subject_of(child)
                if subject is not None:
                    return self._attribution_record(subject, cache, offset, ctx)
        for token in parsed:
            if token.lower_ == "according":
                for child in token.children:
                    if child.lower_ == "to":
                        obj = pobj(child)
                        if obj is not None:
                            return self._attribution_record(obj, cache, offset, ctx)
        return None

    def _attribution_record(self, head, cache, offset, ctx):
        tokens = [t for t in head.subtree if t.dep_ not in {"punct", "relcl"}]
        if head.dep_ == "pobj":
            tokens = [t for t in head.subtree if t.i >= head.left_edge.i and t.i <= head.i]
        start = offset + tokens[0].idx
        end = offset + tokens[-1].idx + len(tokens[-1])
        entity = cache.get(head.i)
        return {"text": text_of(head.doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])], "start": start, "end": end,
                "code": entity.code if entity else None, "sector": entity.sector if entity else None}

    def speaker(self, verbs, cache) -> Entity | None:
        for token in verbs:
            if token.pos_ == "VERB":
                subject = subject_of(token)
                if subject is not None and subject.i in cache:
                    return cache[subject.i]
        return None

    # -- "X said Y must ...": a demand by X on Y
    def reported_obligations(self, parsed) -> list[Match]:
        entry = self.lexicon.obligation_entry
        if entry is None or not OBLIGATION_CUE.search(text_of(parsed)):
            return []  # most sentences hold no "must" or "should": skip the walk over their verbs
        found = []
        for token in parsed:
            if token.pos_ != "VERB":
                continue
            if token.lemma_.lower() in self.lexicon.reporting_verbs:
                clauses = [c for c in token.children if c.dep_ in {"ccomp", "parataxis"}]
            elif any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS for c in token.children):
                # "sent a message to Belgrade that Serbia must act": the message carries the demand
                message = next(c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS)
                clauses = [c for c in list(token.children) + list(message.children) if content_clause(c)]
            else:
                continue
            for clause in clauses:
                modals = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS]
                subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if modals and subjects and modals[0].i > subjects[0].i:  # not "Should the talks collapse, ...": a condition
                    found.append(Match(entry, token, [token, modals[0]], subjects[0]))
        return found

    # -- the sentence
    def code_sentence(self, sentence: Sentence, doc: Document, ctx: ArticleContext,
                      include_unrealized: bool, trace: list | None) -> list[Event]:
        parsed = sentence.parsed
        offset = sentence.start
        reports = self.report_words(parsed)
        cache = self.resolve_mentions(parsed, offset, ctx, reports)
        ctx.speaker = self.speaker(reports[0], cache)
        matches = find_triggers(parsed, self.lexicon, trace) + self.reported_obligations(parsed)
        heads_seen: dict[int, Match] = {}
        for m in matches:  # a reported obligation replaces a lexicon entry on the same verb
            heads_seen[m.head.i] = m
        matches = sorted(heads_seen.values(), key=lambda m: m.head.i)
        candidates = [Candidate(m, self.governor(m)) for m in matches]
        for candidate in candidates:
            head = candidate.match.head
            weapon_of = next((o for o in candidates if o is not candidate and head.dep_ == "nsubj"
                              and candidate.match.entry.kind == "noun" and o.match.head == head.head
                              and o.match.entry.event == candidate.match.entry.event), None)
            if weapon_of is not None:  # "a US drone strike killed the general": one attack, named twice
                candidate.absorbed_by = weapon_of.match
                continue
            for other in candidates:
                if other is candidate or not self.names_its_party(other.match, cache):
                    continue
                if other.match.entry.event in REACTIONS and self.authored_act(candidate.match, cache):
                    continue  # "rejected Canberra's criticism", "welcomed Japan's grant": a named party's own act
                doer = candidate.match.head.head
                if (candidate.match.head.dep_ == "acl" and candidate.match.head.tag_ == "VBG" and doer.i in cache
                        and (self.kb.role(doer.lemma_.lower()) or doer.lemma_.lower() in GENERIC_PEOPLE | GENERIC_GROUPS)):
                    continue  # "dispersed demonstrators protesting the results": the demonstrators' own act
                path = path_to(other.match.head, candidate.match.head) or self.content_path(other.match, candidate.match)
                if candidate.match.head.dep_ == "conj" and candidate.match.head.head in other.match.tokens \
                        and candidate.match.head.head != other.match.head:
                    candidate.absorbed_by = other.match  # "froze trade and investment with X": one object, two words
                    break
                if "advcl" in path and not infinitival(candidate.match.head):
                    continue  # "cut ties with Qatar, accusing it of ...": a second act, not the content of the first
                if path and self.through_occasion(other.match.head, candidate.match.head):
                    continue  # "pledged cooperation during talks with Lula": the talks are an occasion, not content
                if (candidate.match.head.dep_ == "pcomp" and candidate.match.head.head.lower_ in TIME_PREPOSITIONS
                        and candidate.match.head.head.head == other.match.head
                        and not any(c.dep_ == "npadvmod" for c in candidate.match.head.head.children)):
                    # (not "11 days after capturing it": an earlier act, recalled)
                    continue  # "established relations with China after breaking off ties with Taiwan": two acts
                if (path and path[0] in {"xcomp", "ccomp"} and "conj" in path
                        and set(path) - {"conj"} <= ABSORBING_PATHS and other.match.entry.event in VERBAL_TYPES
                        and not speaks_for_the_outer_clause(candidate.governor)):
                    # "called on the junta to release prisoners and open a dialogue": both asked for, neither done
                    candidate.absorbed_by = other.match
                    break
                if path and set(path) <= ABSORBING_PATHS and other.match.entry.event != candidate.match.entry.event or (
                        path and set(path) <= ABSORBING_PATHS and len(path) <= 2):
                    candidate.absorbed_by = other.match
                    break
        for candidate in candidates:  # "ready to impose martial law": a readiness to coerce is a threat
            outer = next((c for c in candidates if c.match is candidate.absorbed_by), None)
            if (outer is not None and outer.absorbed_by is None
                    and (outer.match.entry.kind == "adj" or outer.match.head.lemma_.lower() in PROMISING_VERBS)
                    and outer.match.entry.event == "AGREE" and candidate.match.entry.event in FUTURE_TO_THREATEN
                    and candidate.match.head.head == outer.match.head):  # its own complement, not a word inside it
                candidate.absorbed_by, candidate.promised = None, True
                outer.absorbed_by = candidate.match
        events: list[Event] = []
        built: dict[int, Candidate] = {}
        queue, seen = list(candidates), set()
        while queue:
            candidate = queue.pop(0)
            seen.add(id(candidate))
            match = candidate.match
            if candidate.absorbed_by is not None:
                if trace is not None:
                    trace.append(("drop", match, f"part of the {candidate.absorbed_by.entry.event} event "
                                                 f"'{candidate.absorbed_by.head.text}'"))
                continue
            if any((match.head in built_match.tokens or (match.head.dep_ == "conj" and match.head.head in built_match.tokens
                                                         and match.head.head != built_match.head))
                   and built_match.entry.event == match.entry.event
                   and built_match.head != match.head for built_match in (c.match for c in built.values())):
                if trace is not None:  # "exploded a series of bombs": the bombs are part of that phrase
                    trace.append(("drop", match, "a word of a phrase already coded"))
                continue
            event = self.build_event(candidate, candidates, sentence, doc, ctx, cache, trace)
            if event is None:
                for inner in candidates:  # what it would have absorbed stands on its own after all
                    if inner.absorbed_by is match:
                        inner.absorbed_by = None
                        if id(inner) in seen:
                            queue.append(inner)
                continue
            if not include_unrealized and not event.reportable:
                if trace is not None:
                    trace.append(("drop", match, f"not realised or only background: {', '.join(event.context)}"))
                continue
            key = (event.event, event.mode, tuple(sorted(e.code or "" for e in event.actor)),
                   tuple(sorted(e.code or "" for e in event.recipient)))
            separate_party = (match.head.dep_ == "conj" and match.head.pos_ == "VERB" and event.recipient
                              and not any(x.entity_text.lower() in PRONOUN_TEXTS for x in event.recipient))
            if (match.head.dep_ == "advcl" and match.head.tag_ == "VBG" and any(
                    e.event == event.event and e.mode == event.mode and key[2] == tuple(sorted(x.code or "" for x in e.actor))
                    for e in events)):
                if trace is not None:  # "freed two soldiers, handing them over to the Red Cross": one release
                    trace.append(("drop", match, "the same act told again in a participle"))
                continue
            if any((e.event, tuple(sorted(x.code or "" for x in e.actor)), tuple(sorted(x.code or "" for x in e.recipient)))
                   == (key[0], key[2], key[3]) and (e.mode == event.mode or not e.mode or not event.mode
                                                     or match.head.dep_ != "conj")
                   and not (match.head.dep_ == "conj" and self.different_bodies(e.actor, event.actor))
                   # ("Congress removed him, and police detained him": two bodies of one state, two acts)
                   and not (separate_party and not {x.entity_text for x in e.recipient} & {x.entity_text for x in event.recipient}
                            and all(x.sector for x in event.recipient))  # "congratulated Buhari and commended Jonathan"
                   for e in events):
                # (coordinated acts of two modes are two acts: "recalled its ambassador and froze trade with Ottawa")
                if trace is not None:
                    trace.append(("drop", match, "same event already coded from this sentence"))
                continue
            if not event.recipient and any(e.event == event.event and key[2] == tuple(sorted(x.code or "" for x in e.actor))
                                           for e in events):
                if trace is not None:  # "raided the offices ... and seized computers": one operation
                    trace.append(("drop", match, "a further step of an act of the same type by the same actor"))
                continue
            events.append(event)
            built[id(event)] = candidate
        self.share_counterpart(events, built)
        events = self.reciprocal_acts(events, built)
        events = self.without_partial_steps(events, built, trace)
        events += self.imprisonments(events, built)
        events = self.reciprocal(events, built)
        events = self.protest_topics(events, built, trace)
        events += self.conditional_warnings(events, sentence, doc, ctx, cache, trace)
        events += self.blamed_parties(events, sentence, doc, ctx, cache, trace)
        self.nearest_counterpart(events, built, parsed, cache, reports, offset)
        return events + self.implicit_protests(events, parsed, offset, trace)

    def conditional_warnings(self, events: list[Event], sentence, doc, ctx, cache, trace) -> list[Event]:
        """A warning whose content is a consequence, not an act in the lexicon, is still PLOVER THREATEN:
        "warned that Seoul would be turned into a sea of fire if war broke out", "warned that Pyongyang would
        face fire and fury", "warned that it would halt road traffic unless the government agreed to reform".
        Forecasts ("warned that the economy would shrink") name no party to threaten and are left alone."""
        parsed, offset = sentence.parsed, sentence.start
        found = []
        for warner in parsed:
            if warner.lemma_.lower() not in WARNING_VERBS or warner.pos_ != "VERB":
                continue
            content = next((c for c in warner.children if c.dep_ == "ccomp"), None)
            if content is None or not any(c.dep_ == "aux" and c.lower_ in {"would", "will", "could", "might", "'d", "'ll"}
                                          for c in content.children):
                continue
            inside = {t.i for t in warner.subtree}
            if any(e.event_start - offset <= warner.idx < e.event_end - offset for e in events) or any(
                    any(t.idx <= e.event_start - offset < t.idx + len(t.text) for t in content.subtree) for e in events
                    if e.event != "CONSULT"):  # (the phone call it was said in carries nothing of it)
                continue  # an act in the lexicon already carries the warning
            modes, _, _ = assess(warner, warner, self.lexicon.reporting_verbs)
            if modes & {"negation", "hypothetical"}:
                continue
            speaker = subject_of(warner)
            actors = [e for e in self.entities([speaker], cache, offset, ctx) if e.code] if speaker is not None else []
            if not actors:
                continue
            actor_codes = {a.code for a in actors}
            subject = next((c for c in content.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            subjects = [e for e in self.entities([subject], cache, offset, ctx) if e.code] if subject is not None else []
            condition = next((c for c in content.children if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)), None)
            conditioned = []
            if condition is not None:
                heads = [c for c in condition.children if c.dep_ in {"nsubj", "nsubjpass"}]
                conditioned = [e for e in self.entities(heads, cache, offset, ctx) if e.code and e.code not in actor_codes
                               or e.code and not any((a.code, a.sector) == (e.code, e.sector) for a in actors)]
            warned = [e for e in self.entities([c for c in warner.children if c.dep_ in {"dobj", "dative"}], cache,
                                               offset, ctx) if e.code]
            own_act = bool(subjects) and all(e.code in actor_codes for e in subjects) and bool(conditioned or warned)
            suffered = (bool(subjects) and not any(e.code in actor_codes for e in subjects)
                        and (content.lemma_.lower() in CONSEQUENCE_VERBS or is_passive(content)
                             or any(t.lemma_.lower() in {"risk", "danger", "peril", "jeopardy"} for t in content.subtree)))
            answered = bool(subjects) and bool(conditioned) and {e.code for e in subjects} & {e.code for e in conditioned}
            # "warned Biden that those who play with fire will perish": anyone who crosses the warner, told to the warned
            suffered = suffered or (subject is not None and subject.lower_ in {"those", "anyone", "anybody", "whoever"}
                                    and bool(warned) and content.lemma_.lower() in CONSEQUENCE_VERBS | {"burn", "die"})
            if not (own_act or suffered or answered):
                continue
            recipients = warned or (subjects if suffered else conditioned) or subjects
            if own_act and not (warned or conditioned):
                continue
            violent = any(t.lemma_.lower() in VIOLENT_WORDS for t in content.subtree)
            rule = "rule:warned-consequence (" + ("the warner's own conditional act" if own_act else
                                                  "what the other side would suffer") + ")"
            found.append(self.sentence_event(
                doc, sentence, warner, "THREATEN", "violence" if violent else None, "138" if violent else "130",
                actors, recipients, rule, self.attribution(warner, parsed, cache, offset, ctx), trace))
        return found

    def blamed_parties(self, events: list[Event], sentence, doc, ctx, cache, trace) -> list[Event]:
        """"The government said ELN guerrillas were behind the kidnapping": saying who is behind an act is
        PLOVER ACCUSE (allege) by the one who says it."""
        parsed, offset = sentence.parsed, sentence.start
        found = []
        for behind in parsed:
            copula = behind.head
            if behind.lower_ != "behind" or behind.dep_ != "prep" or copula.lemma_.lower() != "be":
                continue
            act = pobj(behind)
            if act is None or act.pos_ not in {"NOUN", "PROPN"} or copula.dep_ != "ccomp":
                continue
            sayer = copula.head
            if sayer.lemma_.lower() not in self.lexicon.reporting_verbs | SAYING_VERBS:
                continue
            modes, _, _ = assess(sayer, sayer, self.lexicon.reporting_verbs)
            if modes & {"negation", "hypothetical"}:
                continue
            speaker = subject_of(sayer)
            blamed = next((c for c in copula.children if c.dep_ == "nsubj"), None)
            actors = [e for e in self.entities([speaker], cache, offset, ctx) if e.code] if speaker is not None else []
            recipients = [e for e in self.entities([blamed], cache, offset, ctx) if e.code] if blamed is not None else []
            if not actors or not recipients or {a.code for a in actors} == {r.code for r in recipients} and \
                    {a.sector for a in actors} == {r.sector for r in recipients}:
                continue
            found.append(self.sentence_event(doc, sentence, sayer, "ACCUSE", "allege", "112", actors, recipients,
                                             "rule:said-who-was-behind", None, trace))
        return found

    @staticmethod
    def sentence_event(doc, sentence, word, event_type, mode, cameo, actors, recipients, rule, attribution,
                       trace) -> Event:
        """An event a sentence-level rule found, anchored on `word` and dated from it."""
        offset = sentence.start
        resolved = event_date(word, word, doc.date, False)
        event = Event(doc_id=doc.id, event=event_type, mode=mode, actor=actors, recipient=recipients,
                      event_text=word.text, event_start=offset + word.idx, event_end=offset + word.idx + len(word.text),
                      text=sentence.text, sentence_index=sentence.index, sentence_start=sentence.start,
                      sentence_end=sentence.end, cameo=cameo, rule=rule,
                      date=resolved.date.isoformat() if resolved else None,
                      date_precision=resolved.precision if resolved else None,
                      date_source=resolved.source if resolved else None,
                      date_text=resolved.text if resolved else None, attribution=attribution)
        if trace is not None:
            trace.append(("sentence-rule", word.text, event))
        return event

    def implicit_protests(self, events: list[Event], parsed, offset: int, trace) -> list[Event]:
        """"Police fired tear gas at protesters in Santiago": those the police acted on were protesting, an act
        the sentence reports only through the noun. One PROTEST by them, aimed at the state where it happened."""
        found = []
        for event in events:
            if event.event not in {"ASSAULT", "COERCE"} or not event.realized or not any(
                    a.sector in {"COP", "MIL", "GOV", "PRM"} for a in event.actor):
                continue
            for target in event.recipient:
                words = [w.lower() for w in re.findall(r"[A-Za-z]+", target.entity_text)]
                head = self._head_at(parsed, target, offset)
                if head is not None:  # "thousands of protesters"
                    words += [pobj(c).lower_ for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                              and pobj(c) is not None]
                protesters = next((w for w in words if w.rstrip("s") in PROTESTER_NOUNS), None)
                crowd = any(w.rstrip("s") == "crowd" for w in words) and (
                    event.mode in {"crowd-control", "firearms", "arrest"} or self.stormed(parsed, target, offset))
                if protesters is None and not crowd:
                    if not self.protesting_people(parsed, target, offset):
                        continue
                if any(e.event == "PROTEST" and any(a.start <= target.start < a.end or target.start <= a.start < target.end
                                                     for a in e.actor) for e in events + found):
                    continue
                loc = event.event_loc or {}
                recipients = []
                if loc.get("country_code") and loc.get("extracted_place"):
                    at = event.text.find(loc["extracted_place"])
                    if at >= 0:
                        start = event.sentence_start + at
                        recipients = [Entity(loc["extracted_place"], start, start + len(loc["extracted_place"]),
                                             loc["country_code"], None,
                                             rule=f"no target named: the country where it happened ({loc['extracted_place']!r})")]
                actor = replace(target, sector=target.sector if target.sector not in STATE_SECTORS else "CVL",
                                rule=f"{target.rule}; named as protesting by {event.event_text!r}")
                rioting = protesters is not None and protesters.startswith("rioter")
                found.append(replace(event, event="PROTEST", mode="riot" if rioting else "demo", actor=[actor],
                                     recipient=recipients, event_text=target.entity_text, event_start=target.start,
                                     event_end=target.end, cameo="145" if rioting else "141",
                                     rule=f"implicit protest: protesters acted on by {event.event_text!r}",
                                     context=[c for c in event.context if c not in {"crowd-control"}]))
        return found

    @staticmethod
    def _span_at(parsed, entity: Entity, offset: int) -> list:
        return [t for t in parsed if entity.start <= offset + t.idx < entity.end]

    @classmethod
    def _head_at(cls, parsed, entity: Entity, offset: int):
        span = cls._span_at(parsed, entity, offset)
        return next((t for t in span if t.head not in span or t.head == t), None)

    def stormed(self, parsed, entity: Entity, offset: int) -> bool:
        """"crowds who stormed parliament": the people did something only protesters do."""
        head = self._head_at(parsed, entity, offset)
        return head is not None and any(c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in PROTESTING_VERBS
                                        for c in head.children)

    def protesting_people(self, parsed, entity: Entity, offset: int) -> bool:
        """"students who had stormed metro stations to protest", "supporters marching on the commission"."""
        head = self._head_at(parsed, entity, offset)
        if head is None or head.lemma_.lower() not in GENERIC_PEOPLE | {"student", "worker", "supporter", "farmer",
                                                                          "villager", "resident", "youth", "activist"}:
            return False
        return self.stormed(parsed, entity, offset) or any(
            c.dep_ in {"relcl", "acl"} and any(g.lemma_.lower() in {"protest", "demand", "demonstrate"} for g in c.subtree)
            for c in head.children)

    def nearest_counterpart(self, events: list[Event], built: dict, parsed, cache, reports, offset: int) -> None:
        """An act with no recipient found by the rules is aimed, in news prose, at a party the same sentence
        names: the nearest one in the act's own clause ("fired tear gas at protesters who ..."), else the nearest
        in the sentence, a foreign one first ("a US drone killed ..., and Iran vowed harsh revenge"). Places
        where things happen and the sources the news comes from are no counterparts. The rule is written into
        the recipient's explanation, so a user can filter such recipients out."""
        speakers = self.speaker_tokens(*reports)
        pool = []
        for i, entity in cache.items():
            token = parsed[i]
            if i in speakers or entity.entity_text.lower() in PRONOUN_TEXTS | {"which", "that", "who"}:
                continue
            if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
                continue  # "in Nairobi", "near the border": where, not whom
            if token.dep_ == "appos" and token.head.dep_ == "pobj" and token.head.head.lower_ in LOCATIVE_PREPOSITIONS:
                continue
            pool.append((token, entity))
        if not pool:
            return
        for event in events:
            candidate = built.get(id(event))
            if not event.actor or candidate is None or not any(a.code for a in event.actor):
                continue
            if any(r.code for r in event.recipient):
                continue
            match = candidate.match
            actor_keys = {(a.code, a.sector) for a in event.actor}
            actor_codes = {a.code for a in event.actor if a.code}
            bare_states = {a.code for a in event.actor if a.code and a.sector is None}  # "Ghana" covers its organs
            choices = [(token, entity) for token, entity in pool
                       if not any(a.start <= entity.start < a.end or entity.start <= a.start < entity.end for a in event.actor)
                       and (entity.code, entity.sector) not in actor_keys
                       and not (entity.code in actor_codes and entity.sector is None)
                       and not (entity.code in bare_states and entity.sector in STATE_SECTORS)]
            if not choices:
                continue
            uncoded = event.recipient[0] if event.recipient else None
            if uncoded is not None:
                span = self._span_at(parsed, uncoded, offset)
                head = self._head_at(parsed, uncoded, offset)
                if head is None:
                    continue
                # "asylum to Evo Morales, who quit as Bolivia's president": the description places the person
                described = [c for c in choices if c[0] in head.subtree and c[1].start >= uncoded.end]
                if described:
                    entity = min(described, key=lambda c: c[0].i)[1]
                    event.recipient = [replace(r, code=entity.code, rule=f"{r.rule}; placed by {entity.entity_text!r} "
                                                                          f"in its description") for r in event.recipient]
                    event.rule += " +described recipient"
                    continue
                if any(t.pos_ == "PROPN" for t in span):
                    continue  # a name we cannot place stays as it is, rather than be swapped for someone else
            clause = match.head if event.event == "CONSULT" else self._clause_of(candidate)
            own = {t.i for t in clause.subtree} | {t.i for t in match.tokens}
            near = [c for c in choices if c[0].i in own]
            if near:
                chosen = min(near, key=lambda c: abs(c[0].i - match.head.i))
            elif event.event == "CONSULT":
                continue  # a meeting's other participants are named in its own phrase or not at all
            else:
                foreign = [c for c in choices if c[1].code not in actor_codes] or choices
                chosen = min(foreign, key=lambda c: abs(c[0].i - match.head.i))
            token, entity = chosen
            event.recipient = [replace(entity, rule=f"{entity.rule}; nearest party to an act with no recipient found")]
            event.rule += " +nearest party->recipient"

    @staticmethod
    def reciprocal(events, built) -> list[Event]:
        """"Armenia and Azerbaijan accused each other": two acts, each side the other's recipient."""
        out = []
        for event in events:
            codes = list(dict.fromkeys(a.code for a in event.actor if a.code))
            head = built[id(event)].match.head if id(event) in built and len(codes) == 2 and not event.recipient else None
            words = " ".join(t.lower_ for t in head.subtree) if head is not None else ""
            if "each other" in words or "one another" in words:
                first = [a for a in event.actor if a.code == codes[0]]
                second = [a for a in event.actor if a.code == codes[1]]
                rule = event.rule + " +each other"
                out += [replace(event, actor=first, recipient=second, rule=rule),
                        replace(event, actor=second, recipient=first, rule=rule)]
            else:
                out.append(event)
        return out

    @staticmethod
    def imprisonments(events, built) -> list[Event]:
        """PLOVER: "convictions that result in imprisonment should also be coded as COERCE 'arrest'"."""
        added = []
        for event in events:
            if event.event != "SANCTION" or event.mode != "convict" or any(
                    e.event == "COERCE" and e.mode == "arrest" for e in events):
                continue
            head = built[id(event)].match.head
            words = {t.lemma_.lower() for t in head.subtree} | {t.lemma_.lower() for t in head.head.subtree
                                                                 if head.dep_ == "conj"}
            if words & IMPRISONMENT_WORDS:
                added.append(replace(event, event="COERCE", mode="arrest",
                                                 rule=event.rule + " +imprisonment->COERCE arrest"))
        return added

    @staticmethod
    def without_partial_steps(events, built, trace):
        """Drop an event with no recipient when the same actor's event of the same type names one: "launched an
        offensive ..., pounding Tskhinvali", "expressed remorse and apologised to Seoul" are one act each."""
        kept = []
        for event in events:
            actors = {(a.code, a.sector) for a in event.actor}
            if not any(r.code for r in event.recipient) and actors and any(
                    other is not event and other.event == event.event and any(r.code for r in other.recipient)
                    and {(a.code, a.sector) for a in other.actor} == actors for other in events):
                if trace is not None:
                    trace.append(("drop", built[id(event)].match, "a step of an act of the same type coded with its target"))
                continue
            kept.append(event)
        return kept

    @staticmethod
    def reciprocal_acts(events, built) -> list:
        """"Armenian and Azerbaijani forces ..., each accusing the other": one act by each side, aimed at the other."""
        out = []
        for event in events:
            match = built[id(event)].match if id(event) in built else None
            codes = list(dict.fromkeys(a.code for a in event.actor if a.code))
            objects = [] if match is None else [c for c in match.head.children if c.dep_ == "dobj"] + [
                pobj(c) for c in match.head.children if c.dep_ == "prep" and pobj(c) is not None]
            other = not event.recipient and len(codes) >= 2 and any(
                c.lemma_.lower() == "other" and any(d.lower_ in {"the", "each", "one"} for d in c.lefts) for c in objects)
            if not other:
                out.append(event)
                continue
            for code in codes:  # PLOVER: one record per direction
                out.append(replace(event, actor=[a for a in event.actor if a.code == code],
                                   recipient=[a for a in event.actor if a.code != code],
                                   rule=event.rule + " +each side->the other"))
        return out

    @staticmethod
    def share_counterpart(events, built) -> None:
        """A verbal act coordinated with another by the same actor is aimed at the same party: "demanded that
        Washington stop meddling and warned of countermeasures"."""
        for event in events:
            if event.recipient or event.event not in VERBAL_CONFLICT:
                continue
            head = built[id(event)].match.head
            governor = built[id(event)].governor
            for verb in {head, governor}:
                if verb.dep_ != "conj":
                    continue
                partner = verb.head.head if speaks_for_the_outer_clause(verb) else verb.head
                sibling = next((e for e in events if e is not event and e.recipient and e.event in VERBAL_CONFLICT
                                and partner in (built[id(e)].match.head, built[id(e)].governor)
                                and {a.code for a in e.actor} == {a.code for a in event.actor}), None)
                if sibling is not None:
                    event.recipient = list(sibling.recipient)
                    break

    @staticmethod
    def claimant(parsed, match):
        """Who the sentence says claimed the attack: "an attack claimed by X", "X claimed responsibility",
        "X said they had carried out the attack"."""
        for token in parsed:
            lemma = token.lemma_.lower()
            if lemma == "claim" and token.pos_ == "VERB":
                agent = next((pobj(c) for c in token.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")), None)
                if agent is not None:
                    return agent
                if any(c.dep_ == "dobj" and c.lemma_.lower() in {"responsibility", "attack", "bombing", "killing"}
                       for c in token.children):
                    return subject_of(token)
            if lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children) and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in {"attack", "bombing", "assault", "killing", "strike", "raid"}
                    for c in token.children) and token.i != match.head.i:
                subject = subject_of(token)
                if subject is not None and subject.pos_ == "PRON" and token.dep_ == "ccomp":
                    subject = subject_of(token.head)  # "the Taliban said they had carried out the attack"
                return subject
        return None

    @staticmethod
    def warning_verb(governor):
        """The warn/threaten verb whose "that" clause holds this act, if any."""
        current = governor
        for _ in range(3):
            if current.dep_ in {"ccomp", "conj"} and current.head.lemma_.lower() in {"warn", "threaten", "caution"}:
                return current.head
            if current.dep_ not in {"conj", "xcomp"}:
                return None
            current = current.head
        return None

    @staticmethod
    def aimed_at(match) -> bool:
        """The trigger has an "against/near/off X" phrase: a show of force aimed at X ("drills near Taiwan")."""
        return any(c.dep_ == "prep" and c.lower_ in {"against", "near", "off", "around", "close"} for c in match.head.children)

    @staticmethod
    def relief_purpose(head) -> bool:
        """The act's stated purpose is relief: "sent troops to help flood victims", "to rescue stranded families"."""
        for child in head.children:
            if child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in RELIEF_VERBS and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return True
            if child.dep_ == "prep" and child.lower_ == "for" and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in {"relief", "rescue", "evacuation"} for c in child.children):
                return True
        return False

    @staticmethod
    def through_occasion(outer, inner) -> bool:
        """The inner trigger sits in a time or occasion phrase of the outer one ("during talks", "after the raid")."""
        step = inner
        for _ in range(6):
            if step.head == step or step == outer:
                return False
            if step.dep_ == "pobj" and (step.head.lower_ in OCCASION_PREPOSITIONS
                                        or (step.head.lower_ == "in" and (step.lemma_.lower() in CONVERSATION_NOUNS
                                                                         or any(c.lower_ == "joint" for c in step.children)))):
                # ("arrested nine suspects in a joint operation": the joint operation is cooperation of its own)
                return True  # "told Mubarak in a telephone call that ...": the call is where it was said
            step = step.head
        return False

    @staticmethod
    def authored_act(match: Match, cache) -> bool:
        """A noun trigger whose author is named on it ("Canberra's criticism", "calls from the opposition",
        "a grant by Japan"): an event of its own even where another act is about it."""
        head = match.head
        if match.entry.kind != "noun" or head.dep_ not in {"dobj", "nsubjpass", "pobj", "nsubj"}:
            return False
        for child in head.children:
            if child.dep_ == "poss" and child.i in cache and child.pos_ == "PROPN":
                return True
            if child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by"}:
                obj = pobj(child)
                if obj is not None and obj.i in cache:
                    return True
        return False

    @staticmethod
    def names_its_party(match: Match, cache) -> bool:
        """False for a `{R!}` sense whose object names no one ("released a statement condemning X"): such a
        trigger codes nothing, so it must not swallow the act inside its object."""
        if not match.entry.needs_party:
            return True
        target = match.recipient
        return target is not None and (target.i in cache or target.pos_ == "PROPN")

    @staticmethod
    def content_path(outer: Match, inner: Match) -> list:
        """Path into the "that" clause the parser hung on the verb of a noun trigger ("reiterated its demand
        today that Israel ease ..."), which is the noun's content."""
        head = outer.head
        if outer.entry.kind != "noun" or head.dep_ != "dobj":
            return []
        for clause in head.head.children:
            if clause.dep_ == "ccomp" and content_clause(clause):
                path = path_to(clause, inner.head)
                if path or clause == inner.head:
                    return ["ccomp"] + path
        return []

    def protest_topics(self, events: list[Event], built: dict, trace) -> list[Event]:
        """PLOVER: the topic of a protest ("... to demand the president's resignation") is not an event of its
        own; the protest takes its target as recipient when it has none."""
        kept = []
        for event in events:
            candidate = built.get(id(event))
            protest = next((p for p in events if p.event == "PROTEST" and p is not event and built.get(id(p)) is not None
                            and candidate is not None and event.event == "REQUEST"
                            and candidate.match.head in self._clause_of(built[id(p)]).subtree
                            and candidate.match.head.dep_ in {"advcl", "xcomp", "acl", "pcomp", "relcl", "conj", "pobj"}
                            and (not event.actor or {a.code for a in event.actor} & {a.code for a in p.actor})), None)
            if protest is None:
                kept.append(event)
                continue
            if not protest.recipient and event.recipient:
                protest.recipient = [r for r in event.recipient if r.code]
            if trace is not None:
                trace.append(("drop", candidate.match, "the topic of the PROTEST, not an event of its own (PLOVER)"))
        return kept

    @staticmethod
    def _clause_of(candidate: Candidate):
        governor = candidate.governor
        return governor if governor.pos_ in {"VERB", "AUX"} or governor.head == governor else governor.head

    def build_event(self, candidate: Candidate, candidates, sentence, doc, ctx, cache, trace) -> Event | None:
        match, governor = candidate.match, candidate.governor
        offset = sentence.start
        actor_heads = self.actor_heads(match, governor)
        if actor_heads and self.not_an_actor(actor_heads[0]):
            if trace is not None:
                trace.append(("drop", match, f"'{actor_heads[0].text}' is not a political actor (non_actors.tsv)"))
            return None
        actors = self.entities(actor_heads, cache, offset, ctx)
        recipient_heads = self.recipient_heads(match, actor_heads)
        recipients = self.entities(recipient_heads, cache, offset, ctx)
        event_type, mode = match.entry.event, match.entry.mode
        if mode is None:  # "a drone strike killed ...": the absorbed weapon word gives the attack its mode
            mode = next((c.match.entry.mode for c in candidates if c.absorbed_by is match
                         and c.match.entry.event == event_type and c.match.entry.mode), None)
        if not recipients:  # "hosted President Joe Biden": the pattern word names the person the phrase is about
            for token in match.tokens:
                if token != match.head and token.dep_ in {"compound", "amod"} and token.head.i in cache:
                    recipients = self.entities([token.head], cache, offset, ctx)
                    break
                if (token != match.head and token.dep_ == "dobj" and token.i in cache and mode in {"expel", "deport"}
                        and cache[token.i].code and not any(a.code == cache[token.i].code for a in actors)):
                    recipients = self.entities([token], cache, offset, ctx)  # "expels Philippine ambassador"
                    break
        recipients = [r for r in recipients if not any(a.start == r.start and a.end == r.end for a in actors)]
        if len(recipients) > 1:  # "Britain will expel 23 diplomats, May told parliament": the teller is no target
            speakers = self.speaker_tokens(*self.report_words(sentence.parsed))
            told = [r for r in recipients if any(r.start <= offset + sentence.parsed[i].idx < r.end for i in speakers)]
            recipients = [r for r in recipients if r not in told] or recipients
        if match.entry.needs_party and not recipients and not (recipient_heads and self.describes_someone(recipient_heads[0])):
            if trace is not None:
                trace.append(("drop", match, "the sense needs a party as its object ({R!}) and none is named"))
            return None
        recipients = self.other_than_actor(recipients, actors, offset, ctx)
        if not recipients and actors and event_type == "THREATEN":  # the condition names whom the threat is for
            recipients = self.conditional_party(match, actors, cache, offset, ctx)
        if not recipients and actors and event_type not in {"MOBILIZE", "CONSULT"}:
            # where troops go is a place and what is discussed a topic: neither is a counterpart
            embedded = self.embedded_recipient(match, actors, cache, offset, ctx)
            if embedded:
                recipients = embedded
        if not recipients and actors and event_type == "MOBILIZE":
            recipients = self.opponent(match, actors, cache, offset, ctx)
        if not recipients and actors and event_type == "CONSULT" and match.entry.kind == "verb":
            # "discussed the fighting in Idlib with Erdogan": the parser hangs "with" on the topic
            recipients = [e for e in self.entities(self.prep_objects(match, "with", 12), cache, offset, ctx)
                          if e.code and not any(a.start == e.start for a in actors)]
        # "criticism of Russia's support": the recipient of a verbal act is the actor of the act it is about
        if event_type in VERBAL_CONFLICT and not recipients:
            for other in candidates:
                if other.absorbed_by is match:
                    inner = [e for e in self.entities(self.actor_heads(other.match, other.governor), cache, offset, ctx)
                             if not any((a.code, a.sector) == (e.code, e.sector) for a in actors)]
                    if inner:
                        recipients = inner
                        break
        if not recipients and actors and match.entry.kind == "noun" and match.head.dep_ == "dobj" \
                and match.head.head.lemma_.lower() in DRAWING_VERBS:
            # "recognised the regions, drawing condemnation from Washington": aimed at whoever drew it
            drawer = match.head.head
            subject = subject_of(drawer) or (subject_of(drawer.head) if drawer.dep_ in {"advcl", "conj", "xcomp"} else None)
            if subject is not None:
                recipients = [e for e in self.entities([subject], cache, offset, ctx)
                              if e.code and not any(a.start == e.start for a in actors)]
        if event_type == "REJECT" and not recipients and actors:
            # "rejected a package of incentives offered by Britain, France and Germany": aimed at who offered it
            offered = [pobj(c) for t in match.head.subtree if t.dep_ == "acl" and t.tag_ == "VBN"
                       for c in t.children if c.dep_ == "agent" and pobj(c) is not None]
            # "rejected the protesters' demands": aimed at whose demands they were
            owners = [c for t in match.head.children if t.dep_ == "dobj" for c in t.children if c.dep_ == "poss"]
            recipients = [e for e in self.entities((offered or owners)[:1], cache, offset, ctx)
                          if e.code and not any(a.start == e.start for a in actors)]
        if event_type == "REJECT" and not recipients and actors:
            # "declined to resign despite growing pressure by the anti-corruption commission": aimed at who pressed
            for token in governor.subtree:
                if token.dep_ == "prep" and token.lower_ in {"despite", "defying"}:
                    pressed = [pobj(c) for t in token.subtree for c in t.children
                               if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"} and pobj(c) is not None]
                    recipients = [e for e in self.entities(pressed[:1], cache, offset, ctx)
                                  if e.code and not any(a.start == e.start for a in actors)]
                    break
        if event_type == "ACCUSE" and match.head.lemma_.lower() in COMPLAINING_WORDS:
            # "complained to the UN over Israeli air raids": the complaint is against the raiders, lodged with the UN
            accused = [e for e in self.entities(self.prep_objects(match, "over") + self.prep_objects(match, "about")
                                                + self.prep_objects(match, "against"), cache, offset, ctx)
                       if e.code and not any(a.code == e.code for a in actors)]
            if accused:
                recipients = accused[:1]

        if match.entry.kind == "verb" and match.head.dep_ == "amod" and match.head.tag_ == "VBN":
            if trace is not None:  # "jailed former leader Alberto Fujimori": a description of someone, no act reported
                trace.append(("drop", match, "a participle describing someone"))
            return None
        if (match.entry.kind == "verb" and match.head.dep_ == "relcl" and match.head.tag_ in {"VBP", "VBZ"}
                and not any(c.dep_ in {"aux", "auxpass"} for c in match.head.children)
                and not any(t.ent_type_ in {"DATE", "TIME"} for t in match.head.subtree)):
            if trace is not None:  # "areas they occupy": a state of affairs described, not an act reported
                trace.append(("drop", match, "a present-tense relative clause describes, it reports no act"))
            return None
        if (match.entry.event == "SANCTION" and match.entry.kind == "noun" and match.head.dep_ == "dobj"
                and match.head.head.lemma_.lower() in {"serve", "begin", "start", "complete", "finish"}):
            if trace is not None:  # "surrendered to begin serving a prison sentence": the convict serves it
                trace.append(("drop", match, "a sentence being served, not handed down"))
            return None
        if (event_type == "REQUEST" and match.head.lemma_.lower() in COMMANDING_VERBS and actors and (
                all(r.sector in ARMED_SECTORS and (any(a.code == r.code for a in actors) or "country of the place" in r.rule
                                                   or "main country" in r.rule) for r in recipients) if recipients
                else bool(recipient_heads) and self.armed_role(recipient_heads[0].lemma_))):
            if trace is not None:  # "ordered his fighters to observe a ceasefire": a command to one's own forces is
                trace.append(("drop", match, "a command to the actor's own forces: what they are told to do is the act"))
            return None  # the act commanded, not a request (the act, if coded, stands on its own)
        if (event_type == "RETREAT" and mode == "withdraw" and match.head.lemma_.lower() in LEAVING_VERBS
                and not any(a.sector in ARMED_SECTORS for a in actors)
                and not (actor_heads and self.armed_role(actor_heads[0].lemma_))):
            if trace is not None:  # "the minister left Kabul": only forces withdraw by leaving
                trace.append(("drop", match, "leaving is a withdrawal only for armed forces"))
            return None
        moved_at_home = False
        if (match.entry.cameo == "190" and match.head.lemma_.lower() in ENTERING_VERBS
                and any(c.dep_ == "prep" and c.lower_ == "into" for c in match.tokens)):
            if not (any(a.sector in ARMED_SECTORS for a in actors)
                    or (actor_heads and self.armed_role(actor_heads[0].lemma_))):
                if trace is not None:  # "investors poured into Vietnam", "protesters marched into the square"
                    trace.append(("drop", match, "moving into a place is an incursion only for armed forces"))
                return None
            if match.head.dep_ in {"advcl", "conj", "xcomp"} and match.head.head.lemma_.lower() in WITHDRAWING_VERBS:
                if trace is not None:  # "the brigade pulled out of Iraq, rolling across the border into Kuwait"
                    trace.append(("drop", match, "forces moving on as they withdraw"))
                return None
            if recipients and all(r.code in {a.code for a in actors} for r in recipients):
                # "troops rolled into the border province": moving forces on one's own soil is a show of force
                event_type, mode, moved_at_home = "MOBILIZE", "troops", True
        if (match.entry.event == "CONSULT" and match.head.lemma_.lower() == "call" and match.entry.kind == "verb"
                and (any(c.dep_ in {"oprd", "xcomp", "ccomp", "attr", "prt", "acomp"} for c in match.head.children)
                     or any(c.dep_ == "dobj" and any(g.dep_ in {"oprd", "attr", "acl", "appos", "amod"} and g.i > c.i
                                                     and g.pos_ in {"NOUN", "ADJ"} for g in c.children)
                            for c in match.head.children)
                     or not any(r.sector or r.name for r in recipients)
                     or any(r.code == a.code and r.sector == a.sector for r in recipients for a in actors))):
            if trace is not None:  # "called him a liar", "called the vote", "called elections": no telephone call
                trace.append(("drop", match, "'call' names no telephone call here"))
            return None
        if mode == "visit" and actor_heads and actor_heads[0].pos_ == "NOUN" and not self.kb.role(
                actor_heads[0].lemma_.lower()) and actor_heads[0].lemma_.lower() not in GENERIC_GROUPS | GENERIC_PEOPLE:
            if trace is not None:  # "the first Patriot systems arrived in Ukraine": things arrive, only people visit
                trace.append(("drop", match, f"'{actor_heads[0].text}' names no one who could visit"))
            return None
        if not actors and actor_heads and self.describes_someone(actor_heads[0]):
            # a named or described actor we cannot place: kept, with no code, and the reason
            tokens = mention_tokens(actor_heads[0])
            actors = [self.resolver.entity(tokens, offset, None, None,
                                           f"unresolved: {actor_heads[0].text!r} is not in the knowledge base")]
        if not recipients and recipient_heads and recipient_heads[0].pos_ == "PROPN" and (
                event_type in TARGET_IS_PLACE - {"MOBILIZE"} or match.entry.mode == "visit"):
            # "arrived in Amman", "troops entered Idlib": the place stands for the country that holds it
            tokens = mention_tokens(recipient_heads[0])
            place = resolve_place(" ".join(t.text for t in tokens), self.kb, {m.entity.code for m in ctx.mentions if m.entity.code})
            if place is not None and place.country_code:
                recipients = [self.resolver.entity(tokens, offset, place.country_code, None,
                                                   f"place {place.resolved_place!r} in {place.country_code} ({place.reason})")]
        if (event_type == "CONSULT" and mode == "visit" and not recipients and recipient_heads
                and recipient_heads[0].pos_ == "NOUN" and not self.kb.role(recipient_heads[0].lemma_.lower())
                and recipient_heads[0].lemma_.lower() not in GENERIC_GROUPS | GENERIC_PEOPLE):
            if trace is not None:  # "after visiting the scene", "visiting a flood-hit town": a place, no one met
                trace.append(("drop", match, f"a visit to '{recipient_heads[0].text}' meets no one"))
            return None
        if not recipients and recipient_heads and recipient_heads[0].pos_ == "PROPN" and event_type == "MOBILIZE":
            # "sent troops to Latvia": the foreign place stands for its state; "deployed police in Harare" at home
            # names no counterpart (the nearest party in the sentence may)
            tokens = mention_tokens(recipient_heads[0])
            place = resolve_place(" ".join(t.text for t in tokens), self.kb, {m.entity.code for m in ctx.mentions if m.entity.code})
            if place is not None and place.country_code:
                if not any(a.code == place.country_code for a in actors):
                    recipients = [self.resolver.entity(tokens, offset, place.country_code, None,
                                                       f"place {place.resolved_place!r} in {place.country_code} ({place.reason})")]
                recipient_heads = []
        if not recipients and recipient_heads and self.describes_someone(recipient_heads[0]):
            recipients = [self.resolver.entity(mention_tokens(recipient_heads[0]), offset, None, None,
                                               f"unresolved: no country known for {recipient_heads[0].text!r}")]
        if (not actors and match.entry.kind == "verb" and is_passive(match.head) and match.head.dep_ == "ccomp"
                and match.head.head.lemma_.lower() in ANNOUNCING_VERBS | {"decide", "rule", "decree", "order"}):
            # "the king announced that the state of emergency would be lifted": who announces it does it
            announcer = subject_of(match.head.head)
            if announcer is not None:
                actors = [e for e in self.entities([announcer], cache, offset, ctx) if e.code]
                recipients = [r for r in recipients if not any(a.start == r.start for a in actors)]
        if event_type == "MOBILIZE" and not actors and match.entry.kind == "verb" and is_passive(match.head):
            # "hundreds of riot police were deployed around parliament": PLOVER codes the deployed force as actor
            deployed = [c for c in match.head.children if c.dep_ == "nsubjpass"]
            actors = [e for e in self.entities(deployed, cache, offset, ctx) if e.code]
            if actors:
                recipients = [r for r in recipients if not any(a.start == r.start for a in actors)] or (
                    self.opponent(match, actors, cache, offset, ctx) or [])
        if event_type == "MOBILIZE" and actors and recipients and all(
                r.code == actors[0].code and r.sector in ARMED_SECTORS for r in recipients):
            # "Hezbollah put its fighters on high alert": the units are its own, not whom the alert is aimed at
            recipients = self.opponent(match, actors, cache, offset, ctx) or []
        instrument = (bool(actor_heads) and actor_heads[0].lemma_.lower() in self.lexicon.event_nouns
                      and event_type in {"ASSAULT", "COERCE"})  # "a bomb killed"; "a law that allows" names no act
        if not actors and not ((match.entry.kind == "verb" and is_passive(match.head) or instrument) and recipients):
            if trace is not None:
                trace.append(("drop", match, "no actor found" + (f" (subject {actor_heads[0].text!r} unresolved)" if actor_heads else "")))
            return None
        if not any(e.code for e in actors + recipients):
            if trace is not None:
                trace.append(("drop", match, "no party could be identified (no actor or recipient has a code)"))
            return None
        modes, hedged, reasons = assess(match.head, governor, self.lexicon.reporting_verbs)
        if candidate.promised:
            modes.add("future")
            reasons.append("announced readiness")
        context = list(match.entry.context)
        rule = match.entry.id + (" +own soil->MOBILIZE" if moved_at_home else "")
        future = "future" in modes  # kept for the date even when the type absorbs it
        if event_type == "COERCE" and mode == "arrest" and any(t.lower_ == "absentia" for t in match.head.subtree):
            # PLOVER: an arrest warrant issued in absentia is a THREATEN 'arrest', not an arrest
            event_type, rule = "THREATEN", rule + " +in absentia->THREATEN"
            recipients = [r for r in recipients if "absentia" not in r.entity_text.lower()] or [
                e for e in self.entities(self.prep_objects(match, "of"), cache, offset, ctx) if e.code]
        warner = self.warning_verb(governor)
        warned = (warner is not None and event_type in FUTURE_TO_THREATEN and bool(modes & {"future", "hypothetical"})
                  and "negation" not in modes)
        if warned:
            # "Malaysia warned it could cut purchases of French jets if the EU went ahead": a conditional warning
            # of a hostile act is PLOVER THREATEN by the one who warns, aimed at whoever the condition names
            mode = THREAT_MODES.get((event_type, mode), THREAT_MODES.get((event_type, None)))
            event_type, rule = "THREATEN", rule + " +warned->THREATEN"
            modes -= {"future", "hypothetical"}
            warning_subject = subject_of(warner)
            if warning_subject is not None:
                actors = [e for e in self.entities([warning_subject], cache, offset, ctx) if e.code] or actors
            warned = [c for c in warner.children if c.dep_ in {"dobj", "dative"}]  # "Turkey warned France that ..."
            conditioned = ([e for e in self.entities(warned, cache, offset, ctx) if e.code]
                           or self.conditional_party(match, actors, cache, offset, ctx))
            if conditioned:
                recipients = conditioned
        elif "negation" in modes and event_type in REFUSABLE and (
                (any(r.startswith("negated by") for r in reasons)
                 and (modes & {"future", "hypothetical"} or governor.tag_ in {"VBP", "VBZ"}))
                or any(r.startswith(("under 'fail", "under 'refus")) for r in reasons)):
            # "will not accept", "does not support", "failed to reach agreement": a refusal (PLOVER REJECT)
            event_type, mode, rule = "REJECT", None, rule + " +negated->REJECT"
            modes -= {"negation", "future", "hypothetical"}
        elif "future" in modes and event_type in FUTURE_TO_AGREE:
            event_type, mode, rule = "AGREE", None, rule + " +future->AGREE"
            modes.discard("future")
        elif "future" in modes and event_type == "RETREAT":
            event_type, mode, rule = "CONCEDE", None, rule + " +future->CONCEDE"
            modes.discard("future")
        elif ("future" in modes and event_type == "SANCTION" and mode == "expel" and "hypothetical" not in modes
              and any(c.dep_ == "aux" and c.lower_ in {"will", "'ll"} for c in governor.children)
              and not any(t.lower_ in {"if", "unless"} for t in sentence.parsed)):
            # "Britain will expel 23 Russian diplomats": an expulsion decided and announced, not a warning (kept as
            # SANCTION with the future context); other measures, "would", plans and conditions stay threats
            pass
        elif "future" in modes and event_type in FUTURE_TO_THREATEN:
            # an announced attack, arrest, sanction or boycott is a threat (PLOVER: one category, not type+future)
            mode = THREAT_MODES.get((event_type, mode), THREAT_MODES.get((event_type, None)))
            event_type, rule = "THREATEN", rule + " +future->THREATEN"
            modes.discard("future")
        if mode == "third-party" and event_type == "CONSULT":
            parties = self.parties_between(match, cache, offset, ctx)
            if len(parties) >= 2:
                # PLOVER: the parties meet, the mediator hosts them; so the parties are actors, the mediator the recipient
                mediators = [e for e in actors + recipients if not any(p.code == e.code for p in parties)]
                if not mediators and match.entry.kind == "noun" and governor.pos_ == "VERB" and \
                        governor.lemma_.lower() not in self.lexicon.reporting_verbs:
                    # "the emir launched a mediation effort between X and Y": who launches it mediates
                    subject = subject_of(governor)
                    if subject is not None:
                        mediators = [e for e in self.entities([subject], cache, offset, ctx)
                                     if not any(p.code == e.code for p in parties)]
                actors, recipients = parties, mediators
                rule += " +mediator->recipient"
        if event_type == "CONSULT" and mode is None and any(
                c.dep_ == "prep" and c.lower_ in {"by", "on", "over", "via"} and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in {"phone", "telephone", "videoconference", "video"}
                    for o in c.children) for c in governor.children):
            mode = "phone"  # "discussed ... by telephone": PLOVER CONSULT phone (calls and video conferences)
        if event_type == "PROTEST" and mode in {None, "demo"} and any(
                c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in CELEBRATING_VERBS for c in match.head.children):
            if trace is not None:  # "poured into the streets to celebrate": a celebration, not a protest
                trace.append(("drop", match, "a gathering to celebrate or mourn, not a protest"))
            return None
        if event_type == "MOBILIZE" and self.relief_purpose(match.head):
            # "deployed troops and helicopters to rescue families stranded by floods": PLOVER AID, not a show of force
            event_type, mode, rule = "AID", None, rule + " +relief->AID"
            if not recipients and actors:  # those the relief is for
                recipients = self.embedded_recipient(match, actors, cache, offset, ctx) or []
        if (event_type == "RETREAT" and mode == "release" and match.head.lemma_.lower() in {"free", "rescue"}
                and any(a.sector in {"MIL", "COP", "SPY"} for a in actors)):
            # "special forces freed four hostages in a raid": PLOVER codes hostage rescues as AID
            event_type, mode, rule = "AID", None, rule + " +rescue->AID"
        if ((event_type == "REQUEST" or event_type == "THREATEN" and match.head.lemma_.lower() == "give")
                and match.head.lemma_.lower() in {"order", "give", "tell"} and recipients
                and any(c.dep_ in {"xcomp", "ccomp", "acl", "relcl", "advcl"} and c.lemma_.lower() == "leave" and (
                    any(o.dep_ == "dobj" and o.lemma_.lower() == "country" for o in c.children)
                    or not any(r.code in {a.code for a in actors} for r in recipients)) for c in match.head.subtree)):
            # "ordered three foreign reporters to leave the country": an expulsion, not a request
            diplomats = any(r.sector == "GOV" for r in recipients)
            event_type, mode = ("SANCTION", "expel") if diplomats else ("COERCE", "deport")
            rule += " +ordered to leave"
        if (event_type == "RETREAT" and mode == "withdraw" and recipients
                and all(r.code in ORGANISATION_CODES for r in recipients)
                and match.head.lemma_.lower() in {"pull", "withdraw", "leave", "quit", "exit"}):
            # "Burkina Faso, Mali and Niger pull out of ECOWAS": leaving a body is SANCTION withdraw, not a retreat
            event_type, rule = "SANCTION", rule + " +left a body->SANCTION"
        if (match.entry.cameo == "043" and match.head.lemma_.lower() == "receive"
                and any(r.sector in ARMED_SECTORS for r in recipients + actors)):
            if trace is not None:  # "Ukraine has received its first tanks": things arrive, visitors are received
                trace.append(("drop", match, "what was received is no visitor"))
            return None
        if event_type == "COERCE" and mode == "deport" and recipients and all(
                r.code in ORGANISATION_CODES or r.sector == "GOV"
                or any(k.kind == "organisation" for k in self.kb.records(r.name or "")[:1]) for r in recipients):
            # PLOVER: deporting people is COERCE, expelling an organisation or its mission is SANCTION expel
            event_type, mode, rule = "SANCTION", "expel", rule + " +organisation or envoys->SANCTION"
        if (event_type == "MOBILIZE" and match.head.lemma_.lower() in EXERCISE_WORDS
                and len({a.code for a in actors if a.code} | {r.code for r in recipients if r.code}) >= 2
                and not (recipients and match.head.dep_ != "pobj" and self.aimed_at(match))):
            # "French and Egyptian warships began war games": PLOVER COOPERATE (joint military games and manoeuvres)
            event_type, mode, rule = "COOPERATE", None, rule + " +joint exercise->COOPERATE"
        if (event_type == "ASSAULT" and mode in {"primitive", "destroy"} and actors
                and all(a.sector in UNARMED_SECTORS for a in actors) and not any(r.code for r in recipients)):
            # "protesters set buses ablaze and torched metro stations": PLOVER PROTEST riot, not an armed attack
            event_type, mode, rule = "PROTEST", "riot", rule + " +crowd damage->PROTEST riot"
            recipients = []  # the burnt buses are no party; the place fallback below names the state
        if (event_type == "REQUEST" and match.head.lemma_.lower() == "order" and actors
                and all(a.sector == "JUD" for a in actors) and any(
                    c.dep_ in {"xcomp", "ccomp", "advcl"} and c.lemma_.lower() in {"serve", "spend", "pay"}
                    for c in match.head.children)):
            # "a Moscow court ordered Navalny to serve nearly three years in a prison colony": a sentence, not a request
            event_type, mode, rule = "SANCTION", "convict", rule + " +court order->SANCTION convict"
        if (event_type == "RETREAT" and mode == "release" and match.head.lemma_.lower() in HANDING_VERBS and actors
                and not any(a.sector in {"REB", "UAF", "CRM", "IMG"} for a in actors)):
            destination = [e for e in self.entities(self.prep_objects(match, "to", 12), cache, offset, ctx) if e.code
                           and (e.code not in ORGANISATION_CODES or e.sector == "JUD")
                           and (e.code not in {a.code for a in actors} or e.sector == "JUD")]
            if destination:
                # PLOVER: handing suspects or prisoners to another state or a court is judicial COOPERATE (extradition)
                event_type, mode, recipients = "COOPERATE", None, destination
                rule += " +handed to a state or court->COOPERATE"
        if (event_type == "ASSAULT" and not actors and is_passive(match.head)
                and match.head.lemma_.lower() in CASUALTY_VERBS and any(
                    c.dep_ == "prep" and c.lower_ in {"in", "during"} and pobj(c) is not None
                    and pobj(c).lemma_.lower() in CLASH_NOUNS for c in match.head.children)):
            if trace is not None:  # "were killed in a clash with Chinese troops": the clash is the event, both sides act
                trace.append(("drop", match, "casualties of a clash coded with the clash"))
            return None
        if (event_type == "COERCE" and mode == "seize" and actors and all(a.sector == "MIL" for a in actors)
                and recipients and not any(r.code in {a.code for a in actors} for r in recipients)
                and recipient_heads and not self.describes_someone(recipient_heads[0])):
            # "Iraqi troops invaded Kuwait and seized the emir's palace": a foreign army taking a place is ASSAULT
            event_type, mode, rule = "ASSAULT", None, rule + " +foreign forces took a place->ASSAULT"
        if (event_type == "COERCE" and mode in {"arrest", "seize"} and match.head.lemma_.lower() in CAPTURING_VERBS
                and recipients and actors and not any(a.sector in {"COP", "JUD"} for a in actors)
                and (all(r.sector in COMBATANT_SECTORS for r in recipients)
                     or any(h.lemma_.lower() in HOSTAGE_NOUNS for h in recipient_heads))):
            # PLOVER: combatants captured during a conflict, and hostages seized, are ASSAULT abduct, not arrests
            event_type, mode, rule = "ASSAULT", "abduct", rule + " +captured combatants or hostages->ASSAULT abduct"
        if (event_type in {"ASSAULT", "COERCE"} and actors and (match.head.lemma_.lower() in BREAKING_IN_VERBS or (
                match.head.lemma_.lower() == "force" and any(t.lower_ == "way" for t in match.tokens)))
                and all(a.sector in UNARMED_SECTORS for a in actors)):
            # "protesters stormed the parliament": a crowd forcing its way in is a violent protest, not an armed attack
            besieging = match.head.lemma_.lower() == "besiege"
            event_type, mode = "PROTEST", "obstruct" if besieging else "riot"
            rule += " +crowd broke in->PROTEST"
        if (event_type in {"COERCE", "SANCTION"} and mode in {"arrest", "convict", "restrict"} and actors
                and recipients and not any(r.code for r in recipients)
                and all(a.code and len(a.code) == 3 and a.sector in {"COP", "JUD", "GOV", "MIL", "SPY"} for a in actors)
                and len({a.code for a in actors}) == 1):
            # "Hong Kong police arrested media tycoon Jimmy Lai": someone a state's police or court acts on, with
            # no other country given, is taken to be that state's own
            home = actors[0].code
            recipients = [replace(r, code=home, rule=f"{r.rule}; held by {actors[0].entity_text!r} ({home})")
                          for r in recipients]
        if event_type == "COERCE" and mode == "deport" and recipient_heads and not any(r.code for r in recipients):
            # "deported 46 rejected asylum seekers to Afghanistan": people sent home are coded by where they are sent
            destination = [e for e in self.entities(self.prep_objects(match, "to", 12), cache, offset, ctx) if e.code]
            deported = recipient_heads[0]
            if deported.pos_ == "NUM" and deported.head.pos_ == "NOUN":
                deported = deported.head  # "46 rejected asylum seekers"
            role = self.kb.role(deported.lemma_.lower())
            if destination:
                recipients = [self.resolver.entity(mention_tokens(deported), offset, destination[0].code,
                                                   role.sector if role else None,
                                                   f"deported to {destination[0].entity_text!r}")]
        if event_type == "COOPERATE" and not recipients and len({a.code for a in actors if a.code}) >= 2:
            # PLOVER: COOPERATE requires a recipient; of parties acting together the first is actor, the rest recipient
            first = actors[0].code
            actors, recipients = [a for a in actors if a.code == first], [a for a in actors if a.code != first]
            rule += " +partners->recipient"
        if (event_type == "CONSULT" and match.entry.kind == "noun" and match.head.dep_ == "pobj"
                and match.head.head.lower_ in {"in", "during"} and match.head.lemma_.lower() in CONVERSATION_NOUNS):
            speech = match.head.head.head  # "urged Putin to agree ... during a telephone call": Scholz called Putin
            speech = addressed_speech(speech)
            while speech.dep_ == "xcomp" and speech.head.pos_ == "VERB" and speech.lemma_.lower() not in SAYING_VERBS:
                speech = speech.head
            if speech.pos_ == "VERB" and speech.lemma_.lower() in SAYING_VERBS | self.lexicon.reporting_verbs:
                speaker = subject_of(speech)
                hearer = next((c for c in speech.children if c.dep_ in {"dobj", "dative"}), None)
                spoke = [e for e in self.entities([speaker], cache, offset, ctx) if e.code] if speaker is not None else []
                heard = [e for e in self.entities([hearer], cache, offset, ctx) if e.code] if hearer is not None else []
                if spoke:
                    actors, recipients = spoke, heard or recipients
                    rule += " +said in a conversation"
        if event_type == "AID" and (match.head.lemma_.lower() in RECEIVING_VERBS or (
                match.entry.kind == "noun" and match.head.dep_ == "dobj" and match.head.head.lemma_.lower() in RECEIVING_VERBS)):
            # "Ukraine has taken delivery of U.S.-made missiles", "received tanks from Britain": the giver acts
            givers = [g for g in recipients if g.code and not any(a.code == g.code for a in actors)]
            if not givers:
                for token in match.head.head.subtree if match.entry.kind == "noun" else match.head.subtree:
                    records = self.kb.adjective(token.text) or [
                        r for r in self.kb.records(token.text.split("-made")[0].rstrip("-")) if r.kind == "country"]
                    if records and not any(a.code == records[0].code for a in actors):
                        givers = [Entity(token.text, offset + token.idx, offset + token.idx + len(token.text),
                                         records[0].code, None, records[0].name, rule=f"maker or sender {token.text!r}")]
                        break
            if not givers:
                if trace is not None:
                    trace.append(("drop", match, "aid received from no one named"))
                return None
            actors, recipients = givers[:1], actors
            rule += " +receiver->recipient"
        if (event_type == "COERCE" and mode == "restrict" and actors and recipients
                and (any(t.lemma_.lower() in {"ban", "embargo"} for t in match.tokens)
                     or any(t.lemma_.lower() in {"import", "export"} for t in match.head.subtree))
                and all(r.code and r.code not in {a.code for a in actors} for r in recipients)
                and all(a.code for a in actors)):
            # "Russia slapped a ban on imports from the US", "travel bans on 40 Belarusian officials": a ban one
            # state or bloc puts on another's goods or people is PLOVER SANCTION, not domestic restriction
            event_type, mode, rule = "SANCTION", "discontinue", rule + " +foreign ban->SANCTION"
        strike = next((t for t in match.tokens if t.lemma_.lower() == "strike" and t.i > 0), None)
        if (event_type == "PROTEST" and mode == "strike" and strike is not None
                and strike.nbor(-1).lower_ in {"air", "drone", "missile", "military", "artillery", "rocket"}):
            event_type, mode, rule = "ASSAULT", "aerial" if strike.nbor(-1).lower_ == "air" else None, \
                rule + " +military strike->ASSAULT"  # "an air strike by the coalition" is no labour strike
            recipients = [r for r in recipients if r.code and r.entity_text not in {a.entity_text for a in actors}]
        if (event_type == "ASSAULT" and match.head.lemma_.lower() == "storm" and actors
                and all(a.sector == "COP" for a in actors)):
            # "riot police stormed the offices of two opposition channels": a police raid (PLOVER COERCE), not combat
            event_type, mode, rule = "COERCE", "seize", rule + " +police raid->COERCE"
        if (event_type == "RETREAT" and match.head.lemma_.lower() == "reopen"
                and len({a.code for a in actors if a.code}) >= 2):
            # "Ethiopia and Eritrea reopened crossing points": opened together, it is cooperation
            event_type, mode, rule = "COOPERATE", None, rule + " +reopened together->COOPERATE"
        if match.entry.cameo == "043" and actors and recipients:
            # PLOVER CONSULT: "the visitor will always be coded as the actor and the host will be the recipient"
            actors, recipients = recipients, actors
            rule += " +host->recipient"
        resolved = event_date(governor, match.head, doc.date, future)
        if resolved and resolved.source == "stated" and doc.date and (doc.date - period_end(resolved)).days > 365:
            modes.add("historical")  # the whole stated period ("last year", "in March") ended over a year before
        context += [m for m in ("future", "hypothetical", "negation", "historical") if m in modes]
        attribution = self.attribution(governor, sentence.parsed, cache, offset, ctx)
        event_loc = self.place(match, governor, event_type, actors, recipients, ctx, offset)
        if not actors and event_type == "ASSAULT" and event_loc is not None \
                and event_loc.extracted_place and event_loc.country_code and recipients:
            # "killed by a roadside bomb near Samarra": no attacker named, PLOVER's unidentified armed forces there
            at = sentence.text.find(event_loc.extracted_place)
            weapon = list(actor_heads[0].subtree) if instrument else []
            in_weapon_phrase = bool(weapon) and weapon[0].idx <= at < weapon[-1].idx + len(weapon[-1])
            if at >= 0 and (event_loc.in_clause or in_weapon_phrase) and not any(
                    r.start <= offset + at < r.end for r in recipients):
                actors = place_party(sentence, event_loc, "UAF", "no attacker named: unidentified armed forces where it happened")
        if event_type == "ASSAULT" and (not actors or all(a.sector == "UAF" for a in actors)):
            claimant = self.claimant(sentence.parsed, match)
            if claimant is not None:  # "in an attack later claimed by the Islamic State group"
                claimed = [e for e in self.entities([claimant], cache, offset, ctx) if e.code]
                if claimed:
                    actors, rule = claimed, rule + " +claimed"
        if (not actors and recipients and (event_type == "COERCE" and mode in {"arrest", "deport", "restrict"}
                                           or (event_type == "ACCUSE" and mode == "investigate"))
                and event_loc is not None and event_loc.in_clause and event_loc.extracted_place and event_loc.country_code
                and not any(r.start <= sentence.start + sentence.text.find(event_loc.extracted_place) < r.end
                            for r in recipients)):
            # "was arrested in Lebanon", "placed under investigation in Spain": with no one named, the state there acts
            actors = place_party(sentence, event_loc, None,
                                 f"no agent named: the state where it happened ({event_loc.resolved_place!r})")
        if (not recipients and actors and event_type in {"PROTEST", "ASSAULT"} and event_loc is not None
                and event_loc.extracted_place and event_loc.country_code
                and not any(a.code == event_loc.country_code and a.sector in {"GOV", "MIL", "COP"} for a in actors)):
            # "protesters marched in Kirkuk", "a bomb in Kabul" with no target named: the state where it happened
            recipients = place_party(sentence, event_loc, None,
                                     f"no target named: the country where it happened ({event_loc.resolved_place!r})")
        if (not recipients and actors and event_type not in {"CONSULT", "PROTEST", "ASSAULT"} and event_loc is not None
                and event_loc.in_clause and event_loc.extracted_place and event_loc.country_code
                and not (event_type in RESTRICTING and mode in RESTRICTION_MODES)
                and not any(a.code == event_loc.country_code and a.sector in {"GOV", "MIL", "COP", None} for a in actors)):
            # "opened an embassy in Tehran", "reinforced its troops on the border": with no counterpart named, the
            # event is directed at the place it happens in (meetings excepted: a summit is not aimed at its host)
            recipients = place_party(sentence, event_loc, None,
                                     f"no recipient named: the country where it happened ({event_loc.resolved_place!r})")
        if (not recipients and actors and event_type in RESTRICTING and mode in RESTRICTION_MODES
                and event_loc is not None and (event_loc.resolution > 1 or event_loc.in_clause)
                and event_loc.extracted_place):
            # "extended the curfew in Abidjan", "lifted the state of emergency in Tigray": the people there
            recipients = place_party(sentence, event_loc, "CVL",
                                     f"people of {event_loc.resolved_place!r}, where the measure applies")
        parsed_text = text_of(sentence.parsed)
        event = Event(
            doc_id=doc.id, event=event_type, mode=mode, actor=actors, recipient=recipients,
            event_text=parsed_text[match.start:match.end] if len(match.tokens) == 1 else " ".join(t.text for t in sorted(match.tokens, key=lambda t: t.i)),
            event_start=offset + match.start, event_end=offset + match.end, text=sentence.text,
            sentence_index=sentence.index, sentence_start=sentence.start, sentence_end=sentence.end,
            cameo=match.entry.cameo, rule=rule,
            date=resolved.date.isoformat() if resolved else None,
            date_precision=resolved.precision if resolved else None,
            date_source=resolved.source if resolved else None,
            date_text=resolved.text if resolved else None,
            context=context, attribution=attribution, hedged=hedged,
            event_loc=event_loc.to_plover() if event_loc else None,
            place_reason=event_loc.reason if event_loc else None,
        )
        if event.event_text != doc.text[event.event_start:event.event_end]:
            event.event_text = doc.text[event.event_start:event.event_end]
        if trace is not None:
            trace.append(("event", match, event, reasons))
        return event


def code_document(doc: Document, lexicon: Lexicon, kb: KnowledgeBase, include_unrealized: bool = False,
                  explain: bool = False) -> Document:
    """Stage: fill `doc.events` from the parsed sentences."""
    coder = SentenceCoder(lexicon, kb)
    ctx = ArticleContext(doc.date)
    trace = doc.trace if explain else None
    events: list[Event] = []
    for sentence in doc.sentences:
        if sentence.parsed is None:
            continue
        if trace is not None:
            trace.append(("sentence", sentence))
        events.extend(coder.code_sentence(sentence, doc, ctx, include_unrealized, trace))
    doc.events = events
    return doc
