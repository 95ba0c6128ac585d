"""Small questions about a dependency parse that several coding steps ask."""

from __future__ import annotations


def is_passive(verb) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def children(token, *deps):
    return [c for c in token.children if c.dep_ in deps]


def pobj(prep):
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp"}:
            return child
    if prep.dep_ == "prep" and prep.i + 1 < len(prep.doc):
        # "granted asylum to five officers holed up in ...": the parser makes the object the subject of a
        # participle that follows; the noun phrase right after the bare preposition is still its object
        following = prep.doc[prep.i + 1]
        noun = following if following.dep_ == "nsubj" else following.head if following.head.dep_ == "nsubj" else None
        verb = noun.head if noun is not None else None
        if (verb is not None and verb.pos_ == "VERB" and verb.dep_ in {"advcl", "ccomp", "conj"} and verb.i > noun.i
                and noun.left_edge.i == prep.i + 1 and not any(c.dep_ in {"aux", "auxpass", "mark"} for c in verb.children)):
            return noun
    return None


def agent_of(verb):
    """The `by` agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            obj = pobj(child)
            if obj is not None:
                return obj
    return None


# Texts that speak for whoever issues or adopts them ("a resolution calling for", "a statement condemning").
DOCUMENT_NOUNS = frozenset({"declaration", "statement", "letter", "resolution", "communique", "communiqué", "report",
                            "message", "note", "appeal", "petition", "ultimatum", "memorandum", "motion", "decree",
                            "bill", "document", "editorial", "proclamation", "manifesto"})


# Verbs whose object is a means: in "used tear gas to disperse them" the user, not the gas, disperses
INSTRUMENT_VERBS = frozenset({"use", "employ", "wield", "fire"})
# Verbs of saying whose conjunct the small parser hangs on the clause they report
SAYING_VERBS = frozenset({"warn", "threaten", "vow", "say", "add", "insist", "urge", "accuse", "demand", "pledge",
                          "promise", "call", "ask", "tell", "announce"})


def speaks_for_the_outer_clause(verb) -> bool:
    """A verb of saying conjoined to the verb of a reported clause belongs with the verb that reports it."""
    inner = verb.head
    return (verb.lemma_.lower() in SAYING_VERBS and inner.dep_ == "ccomp"
            and inner.head.lemma_.lower() in SAYING_VERBS and inner.head.i < inner.i)


def subject_of(verb, _depth: int = 0):
    """The acting subject of a verb, climbing through control, coordination and relative clauses."""
    if _depth > 6:
        return None
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            return None
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects and subjects[0].lower_ in {"each", "both"} and verb.dep_ in {"advcl", "conj"} and verb.head.pos_ == "VERB":
        return subject_of(verb.head, _depth + 1)  # "the two armies traded fire, each accusing the other": the armies
    if subjects:
        child = subjects[0]
        if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
            return verb.head
        if (len(subjects) > 1 and subjects[1].left_edge.i == child.right_edge.i + 1
                and all(c.dep_ == "det" for c in child.children)):
            return subjects[1]  # "the hardline Guardian Council" split in two subjects: the name is the head
        return child
    if verb.dep_ == "xcomp":  # "Russia agreed to talk": object control first ("urged Iran to stop")
        governor = verb.head
        objects = children(governor, "dobj")
        if objects and governor.lemma_.lower() not in INSTRUMENT_VERBS:  # "police used tear gas to disperse": police
            return objects[0]
        return subject_of(governor, _depth + 1)
    if verb.dep_ == "acomp" and verb.head.pos_ in {"VERB", "AUX"}:  # "is ready to impose": the copula's subject
        return subject_of(verb.head, _depth + 1)
    if verb.dep_ in {"conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        if speaks_for_the_outer_clause(verb):  # "demanded that Tokyo stop ... and warned of ...": Seoul warned
            return subject_of(verb.head.head, _depth + 1)
        if is_passive(verb.head):
            if verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
                return agent_of(verb.head)  # "were captured by the rebels and released": still the rebels
            # "was indicted by the court and will resign": the one indicted resigns
            return next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        return subject_of(verb.head, _depth + 1)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        holder = verb.head
        if holder.lemma_.lower() in DOCUMENT_NOUNS and holder.dep_ in {"dobj", "nsubjpass"} and holder.head.pos_ in {"VERB", "AUX"}:
            return subject_of(holder.head, _depth + 1)  # "issued a declaration demanding ...": the issuer demands
        return holder  # "troops fighting ISIL"
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and (
            verb.tag_ in {"VBD", "VBZ", "VBP"} or (verb.tag_ == "VBN" and verb.i == verb.head.i + 1
                                                    and not any(c.dep_ == "agent" for c in verb.children))):
        return verb.head  # a finite verb the parser hung on a root noun: "Palestinian youths resorted to ..."
    if verb.dep_ == "advcl" and verb.tag_ == "VBD" and not any(c.dep_ == "mark" for c in verb.children):
        return subject_of(verb.head, _depth + 1)  # "leaders meeting in Beirut ... endorsed": one clause split in two
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subject_of(verb.head, _depth + 1)  # "..., killing five"; "gathered in the square to protest"
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        holder = verb.head  # "announced plans to host talks": the planner hosts
        if holder.dep_ in {"dobj", "nsubjpass"} and holder.head.pos_ in {"VERB", "AUX"}:
            return subject_of(holder.head, _depth + 1)
    if verb.dep_ == "ROOT" and verb.pos_ == "VERB":  # "Nauru broke off relations": the parser took the name for an adverb
        first = next((c for c in verb.lefts if c.dep_ in {"npadvmod", "dep"} and c.pos_ == "PROPN"
                      and c.ent_type_ not in {"DATE", "TIME"} and c.i == verb.left_edge.i), None)
        if first is not None and not any(c.dep_ == "punct" and first.i < c.i < verb.i for c in verb.lefts):
            return first
    if verb.dep_ in {"pcomp"}:  # "after meeting Lavrov": subject of the main verb
        governor = verb.head.head
        for _ in range(2):  # "..., a day after severing its ties with Taiwan": through the time phrase
            if governor.pos_ == "NOUN" and governor.dep_ in {"npadvmod", "pobj", "prep"} and governor.head != governor:
                governor = governor.head if governor.head.pos_ in {"VERB", "AUX"} else governor.head.head

        if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "amod"} and governor.head.pos_ in {"VERB", "AUX"}:
            governor = governor.head  # "X were guilty of breaking the truce", "X is capable of ..."
        if governor.pos_ in {"VERB", "AUX"}:
            return subject_of(governor, _depth + 1)
    return None


def conjuncts(token) -> list:
    """The token and the tokens coordinated with or set beside it ("the US and France", "allies, especially Qatar")."""
    found = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in {"conj", "appos"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def clause_verb(token):
    """The verb whose clause holds the token (the token itself when it is a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head == current:
            return current
        current = current.head
    return current


def path_to(ancestor, token) -> list:
    """Dependency labels from the ancestor down to the token (empty when not an ancestor)."""
    labels = []
    current = token
    while current != ancestor:
        if current.head == current:
            return []
        labels.append(current.dep_)
        current = current.head
    return list(reversed(labels))
