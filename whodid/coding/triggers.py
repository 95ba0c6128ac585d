"""Trigger matching: which lexicon entries fire on which words of a parsed sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Entry, Lexicon, PatternWord, hyphenated
from .syntax import is_passive, pobj

VERB_TAGS = {"VERB"}
NOUN_TAGS = {"NOUN", "PROPN"}
PREDICATE_DEPS = {"acomp", "oprd", "xcomp", "attr", "ROOT", "conj"}  # "is ready to", "remains open to"


@dataclass
class Match:
    entry: Entry
    head: object  # spaCy Token
    tokens: list = field(default_factory=list)
    recipient: object | None = None  # the token named by {R}, when found

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t) for t in self.tokens)

    @property
    def score(self) -> tuple[int, int, int]:
        # the most specific pattern wins; a found recipient only breaks ties
        narrowness = -sum(len(w.options) for w in self.entry.tail if not w.recipient)  # @WARSHIPS beats @WEAPONS
        if self.entry.tail and self.entry.tail[-1].options == {"to"}:
            narrowness -= 50  # a bare final "to" fits any infinitive: "refused food to press for ..." is a hunger strike
        return (self.entry.specificity, 1 if self.recipient is not None else 0, narrowness, -len(self.entry.pattern))


def is_time_phrase(prep) -> bool:
    """"on Sunday", "in March": a preposition whose object is a date is not an argument slot."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


QUANTITIES = {"thousand", "hundred", "dozen", "million", "ten", "score", "number", "group", "batch", "lot", "handful",
              "couple", "pair", "wave", "series", "ton", "tonne", "kg", "kilogram", "kilo", "pound", "litre", "liter",
              "barrel", "truckload", "shipment", "consignment", "amount", "quantity", "part", "portion", "load",
              "package", "crate", "box", "bag", "sack", "worth", "billion", "last", "rest", "remainder", "bulk"}


def _find_dependent(anchor, word: PatternWord, used: set[int], infinitive: bool = False):
    """A dependent of `anchor` matching the word.

    `infinitive`: the word is a final `to` ("agree to", "threaten to"), which only matches the
    `to` of an infinitive complement, never the preposition ("offered condolences to Russia").
    """
    for child in anchor.children:
        if child.dep_ == "dobj" and anchor.pos_ == "VERB" and not infinitive:
            for grand in child.children:  # "sent 1,086 nationals home": the parser hangs the adverb on the object
                if grand.dep_ == "advmod" and grand.i > child.i and grand.i not in used and word.matches(grand):
                    return grand
        if child.i in used:
            continue
        if infinitive:
            if child.dep_ in {"xcomp", "ccomp", "advcl"} or (child.dep_ in {"acl", "relcl"} and anchor.pos_ == "NOUN"):
                for grand in child.children:
                    if grand.dep_ == "aux" and grand.lower_ == "to":
                        return grand
            continue
        if word.matches(child) and not (child.dep_ == "prep" and is_time_phrase(child)):
            return child
        if (child.dep_ in {"dobj", "nsubjpass"} and child.lower_ in {"which", "that"} and anchor.dep_ == "relcl"
                and anchor.head.i not in used and word.matches(anchor.head)):
            return anchor.head  # "a proposal, which Israel had accepted": the relative pronoun stands for its antecedent
        if child.dep_ == "advcl":  # "fight until the army withdraws": the subordinator of a clause on the head
            for mark in child.children:
                if mark.dep_ == "mark" and mark.i not in used and word.matches(mark):
                    return mark
        if child.dep_ in {"amod", "compound", "nmod"} and anchor.pos_ == "NOUN" and child.i < anchor.i:
            for grand in child.children:  # "a joint counter-terrorism exercise": "joint" hangs on a sister modifier
                if grand.dep_ == "amod" and grand.i not in used and word.matches(grand):
                    return grand
        if child.dep_ in {"dobj", "nsubjpass", "pobj"}:  # "suspended aid deliveries": the compound names the thing
            for compound in child.children:
                if compound.dep_ == "compound" and compound.i not in used and word.matches(compound):
                    return compound
                if compound.dep_ == "conj" and compound.i not in used and word.matches(compound):
                    return compound  # "launched drones and missiles at": any of the coordinated objects
        if child.lemma_.lower() in QUANTITIES and child.dep_ in {"dobj", "nsubjpass", "pobj"}:
            for prep in child.children:  # "thousands of refugees", "dozens of troops"
                if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:  # "$195 million in military aid"
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and word.matches(obj) and obj.i not in used:
                            return obj
                        for compound in obj.children:  # "part of a security aid package"
                            if obj.dep_ == "pobj" and compound.dep_ == "compound" and word.matches(compound) \
                                    and compound.i not in used:
                                return compound
    if infinitive:
        return None
    # the small parser often hangs the next preposition on a date: "warned X on Tuesday of retaliation"
    for child in anchor.children:
        if child.dep_ == "prep" and is_time_phrase(child):
            for date in child.children:
                for grand in date.children:
                    if grand.dep_ == "prep" and grand.i not in used and word.matches(grand) and not is_time_phrase(grand):
                        return grand
    # particles and prepositions sometimes hang one level down ("open fire on", "take part in")
    for child in anchor.children:
        if child.dep_ in {"prt", "advmod"}:
            for grand in child.children:
                if grand.i not in used and word.matches(grand) and grand.dep_ in {"prep", "prt", "agent"}:
                    return grand
    return None


# People and bodies named after what they work on: the event word before them is no act.
NAMED_BY_THEIR_WORK = frozenset({"group", "agency", "organisation", "organization", "worker", "official", "activist",
                                 "leader", "volunteer", "charity", "staff", "organizer", "organiser", "campaigner",
                                 "movement", "coordinator", "spokesman", "spokeswoman", "spokesperson", "police",
                                 "gear", "squad", "shield", "command", "headquarters", "commander", "chief", "need",
                                 "victim", "survivor", "centre", "center", "facility", "cell"})
# ("the U.N. detention centre", "a fact-finding mission": the act names the place or body)
OFFICE_HOLDERS = frozenset({"head", "chief", "leader", "member", "chairman", "chairwoman", "chair", "director",
                            "spokesman", "spokeswoman", "spokesperson", "commander", "president", "secretary"})
# ("riot police", "riot gear", "the peacekeeping command said")
# Words that are particles in phrasal verbs ("give in", "back down") but also prepositions ("in Berlin").
PARTICLE_WORDS = frozenset({"in", "up", "out", "off", "down", "back", "over", "away"})


def _recipient_after(anchor, head):
    """The object named by {R} after `anchor` (the head verb itself or a preposition)."""
    if anchor == head and head.pos_ in VERB_TAGS:
        if is_passive(head):
            for child in head.children:
                if child.dep_ == "nsubjpass":
                    return child
        for child in head.children:
            if child.dep_ in {"dobj", "dative"}:
                return child
        for child in head.children:  # "kidnapped up to 16 advisers": the parser makes "up" a particle
            if child.dep_ == "prt" and child.lower_ == "up":
                for prep in child.children:
                    obj = pobj(prep) if prep.dep_ == "prep" and prep.lower_ == "to" else None
                    if obj is not None and any(c.dep_ == "nummod" for c in obj.children):
                        return obj
        for child in head.children:  # "allow Ethiopia to fill the dam": parsed as the subject of the infinitive
            if child.dep_ == "ccomp" and (any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
                                          or (child.tag_ == "VBG" and not any(c.dep_ == "aux" for c in child.children))):
                # ("captured Saddam Hussein hiding in a hole": a participle after the object, parsed as its clause)
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
        return None
    if anchor.dep_ in {"prep", "agent"} or anchor.pos_ == "ADP":
        return pobj(anchor)
    for child in anchor.children:  # a noun anchor: its own object ("accusation against {R}")
        if child.dep_ in {"dobj", "pobj"}:
            return child
    return None


def _object_complement(obj, word):
    """The word of "take X hostage" the parser folded into the object: the object itself ("its crew members
    hostage", with the members as a compound) or the last conjunct ("a priest and several churchgoers hostage")."""
    if word.matches(obj) and any(c.dep_ == "compound" for c in obj.lefts):
        return obj
    last = obj.subtree
    last = list(last)[-1] if obj.right_edge.i > obj.i else None
    if last is not None and last.dep_ == "conj" and word.matches(last):
        return last
    return None


def match_entry(entry: Entry, token) -> Match | None:
    if entry.kind == "verb" and token.pos_ not in VERB_TAGS:
        return None
    if entry.kind == "noun" and token.pos_ not in NOUN_TAGS:
        return None
    if entry.kind == "adj" and not (token.pos_ == "ADJ" or (token.tag_ == "VBN" and (
            token.dep_ in PREDICATE_DEPS or any(c.dep_ == "auxpass" for c in token.children)))):  # "is opposed to"
        return None
    if entry.mode == "visit" and entry.kind == "verb" and entry.tail and not entry.tail[0].recipient and any(
            c.dep_ == "dobj" and not entry.tail[0].matches(c) for c in token.children):
        return None  # "flew 40 tonnes of supplies to Kabul": carrying something somewhere is not a visit
    if entry.kind == "verb" and entry.tail and entry.tail[0].options & {"for", "on", "upon"} and any(
            c.dep_ == "oprd" for c in token.children):
        return None  # "calling it a historic day for the alliance": naming something, not calling for it
    matched = [token]
    used = {t.i for t in matched}
    anchor = token
    recipient = None
    satisfied = None  # a later pattern word already found inside the object ("take X hostage")
    for position, word in enumerate(entry.tail):
        if position == satisfied:
            continue
        if word.recipient:
            found = _recipient_after(anchor, token)
            following = entry.tail[position + 1] if position + 1 < len(entry.tail) else None
            if found is not None and following is not None and not following.recipient and entry.kind == "verb":
                complement = _object_complement(found, following)
                if complement is not None:  # "taking its 25 crew members hostage", "took a priest and nuns hostage"
                    found = found if complement != found else next(
                        (c for c in reversed(list(found.lefts)) if c.dep_ == "compound"), None)
                    matched.append(complement)
                    used.add(complement.i)
                    satisfied = position + 1
            if found is not None and found.i not in used:
                recipient = found
                used.add(found.i)
            continue
        infinitive = word.options == {"to"} and position == len(entry.tail) - 1
        found = _find_dependent(anchor, word, used, infinitive)
        if found is None and anchor != token:
            found = _find_dependent(token, word, used, infinitive)
        if found is None and infinitive and entry.kind == "adj":
            found = _find_dependent(token, word, used)  # "committed to opening up", "open to talks": a preposition
        if found is None and entry.kind == "noun" and anchor == token and not infinitive:
            # "opened a hearing on Wednesday into ...": the parser hangs the noun's preposition on the verb
            # (also for the last of coordinated objects: "launched tank and rocket fire against ...")
            obj = token
            while obj.dep_ == "conj" and obj.head != obj:
                obj = obj.head
            if obj.dep_ == "dobj":
                holders = ([obj] if obj != token else []) + [obj.head]
                found = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.i > token.i
                              and c.i not in used and word.matches(c) and not is_time_phrase(c)), None)
        if found is not None and found.dep_ == "prep" and found.lower_ in PARTICLE_WORDS and pobj(found) is not None:
            following = entry.tail[position + 1] if position + 1 < len(entry.tail) else None
            if following is not None and not (following.recipient or following.matches(pobj(found))):
                return None  # "gave a welcome to Macron in Berlin" is no "give in to"
        if found is None:
            return None
        matched.append(found)
        used.add(found.i)
        anchor = found
    return Match(entry, token, matched, recipient)


def find_triggers(sent, lexicon: Lexicon, trace: list | None = None) -> list[Match]:
    """The best-matching entry for each word of the sentence that can trigger an event."""
    best: dict[int, Match] = {}
    words = set()
    hyphens = {token.i for token in sent if token.text == "-"}
    for token in sent:
        words.add(token.lower_)
        words.add(token.lemma_.lower())
        if token.i - 1 in hyphens:
            words.update(hyphenated(token))
    for token in sent:
        if token.ent_type_ and token.ent_iob_ in {"B", "I"}:
            continue  # words inside names and dates ("March 2011", "Economic Cooperation") are not acts
        entries = lexicon.candidates(token, token.i - 1 in hyphens)
        if not entries:
            continue
        figure = lexicon.figurative_use(token)
        if figure is not None:  # "Pakistan's pace attack", "an all-out attack on inflation"
            if trace is not None:
                trace.append(("trigger", token.text, token.pos_, [], None))
            continue
        if (token.dep_ == "pobj" and token.head.lower_ == "of" and token.pos_ == "NOUN"
                and token.head.head.lemma_.lower() in OFFICE_HOLDERS):
            continue  # "the head of an OSCE fact-finding mission": the body someone leads, not an act
        if token.dep_ in {"compound", "amod"} and token.head.lemma_.lower() in NAMED_BY_THEIR_WORK:
            continue  # "aid groups", "protest leaders": the word names who they are, not something done
        if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.armed_units | {"group", "mission"}:
            entries = [e for e in entries if e.event != "ASSAULT"]  # "combat troops", "a carrier strike group"
            if not entries:
                continue
        tried = []
        for entry in entries:
            if any(options.isdisjoint(words) for options in entry.literals):
                tried.append((entry, False))  # a word the pattern needs is not in the sentence
                continue
            match = match_entry(entry, token)
            tried.append((entry, match is not None))
            if match is not None and (token.i not in best or match.score > best[token.i].score):
                best[token.i] = match
        if trace is not None:
            trace.append(("trigger", token.text, token.pos_, tried, best.get(token.i)))
    return sorted(best.values(), key=lambda m: m.head.i)
