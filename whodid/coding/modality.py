"""Modality of a trigger: negated, hypothetical, future, historical, hedged."""

from __future__ import annotations

from functools import lru_cache

from ..tables import DATA_DIR, read_tsv


@lru_cache(maxsize=1)
def modality_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for _, row in read_tsv(DATA_DIR / "lexicon" / "modality.tsv", ("word", "category")):
        words.setdefault(row["category"], set()).add(row["word"].lower())
    return {k: frozenset(v) for k, v in words.items()}


SELF_ANNOUNCING = frozenset({"warn", "threaten", "vow", "pledge", "promise", "insist", "swear"})


def _clause_chain(token, stop_at=None):
    """The token and the heads above it within the same statement (not across reporting verbs)."""
    chain = [token]
    current = token
    for _ in range(6):
        if current.dep_ not in {"xcomp", "dobj", "pobj", "prep", "pcomp", "conj", "aux", "acomp", "ccomp"} and not (
                current.dep_ in {"acl", "relcl"} and any(c.dep_ in {"mark", "aux"} and c.lower_ in {"that", "to"}
                                                         for c in current.children)):
            break  # ("denied reports that the government had opened talks": the reports' content is in the chain)
        if current.head == current or (stop_at is not None and current.head == stop_at):
            break
        current = current.head
        chain.append(current)
        if current.dep_ == "ccomp":
            break
    return chain


# "No date/decision/timetable has been set for ...": what it is for has not happened
UNSET_WORDS = frozenset({"date", "decision", "timetable", "timeline", "schedule", "time"})
# Words of remembrance: what they are about happened long ago ("the anniversary of the massacre")
COMMEMORATING_WORDS = frozenset({"anniversary", "commemorate", "commemoration", "memorial", "mourn", "mourning",
                                 "remembrance", "memory", "jubilee"})
# Verbs of forecasting: an act someone expects or predicts (with a subject of its own) has not happened
PREDICTING_VERBS = frozenset({"expect", "predict", "forecast", "anticipate", "doubt", "bet", "speculate"})


def assess(trigger, governor, reporting_verbs: frozenset[str]) -> tuple[set[str], bool, list[str]]:
    """(auxiliary modes, hedged, reasons) for a trigger; `governor` is its clause verb."""
    words = modality_words()
    modes: set[str] = set()
    reasons: list[str] = []
    chain = _clause_chain(governor)
    if trigger != governor:
        chain = [trigger] + chain
    under_reporting = any(t.head.lemma_.lower() in reporting_verbs and t.dep_ in {"ccomp", "parataxis"} for t in chain) or any(
        # "Chavez warned that he would halt oil shipments": a speaker's own announced act, not a conditional
        t.dep_ == "ccomp" and t.head.lemma_.lower() in SELF_ANNOUNCING
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PRON" for c in t.children) for t in chain)
    for token in chain:
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and lower == "no" and token == trigger) or (
                    child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_.lower() in UNSET_WORDS
                    and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
                # ("no date has been set for the summit": the summit has not happened)
                modes.add("negation")
                reasons.append(f"negated by {child.text!r}")
            elif child.dep_ == "mark" and lower in words.get("hypothetical", ()):
                modes.add("hypothetical")
                reasons.append(f"condition {child.text!r}")
            elif child.dep_ == "aux":
                if lower in {"will", "shall", "'ll", "wo"}:
                    modes.add("future")
                    reasons.append(f"future {child.text!r}")
                elif lower == "would":
                    modes.add("future" if under_reporting else "hypothetical")
                    reasons.append(f"'would' ({'reported future' if under_reporting else 'conditional'})")
                elif lower in {"could", "might", "may", "should", "must"}:
                    modes.add("hypothetical")
                    reasons.append(f"modal {child.text!r}")
            elif child.dep_ == "amod" and token == trigger and lower in words.get("future", ()):
                modes.add("future")
                reasons.append(f"{child.text!r} event")
        if token != trigger and token.dep_ != "aux":
            lemma = token.lemma_.lower()
            below = chain[chain.index(token) - 1] if chain.index(token) > 0 else None
            link = below.dep_ if below is not None else None
            if below is not None and below.dep_ == "compound" and below.head.head == token:
                link = below.head.dep_  # "blocked aid deliveries": the trigger names the blocked thing
            elif below is not None and below.head != token:
                step = below  # "ending three days of fighting": how the trigger's phrase hangs on the verb
                for _ in range(4):
                    if step.head == token or step.head == step:
                        break
                    step = step.head
                if step.head == token:
                    link = step.dep_
            governs_clause = link in {"xcomp", "ccomp", "pcomp", "dobj", "advcl"} or (
                link == "prep" and below is not None and any(  # "dismissed as baseless reports that ..."
                    c.dep_ == "prep" and c.lower_ == "as" and below.i in {t.i for t in c.subtree} for c in token.children))
            if (lemma in PREDICTING_VERBS and token.pos_ == "VERB" and link in {"xcomp", "ccomp"}
                    and any(c.dep_ == "nsubj" for c in token.children)):
                modes.add("hypothetical")  # "few diplomats expect the talks to yield": someone's forecast
                reasons.append(f"forecast by {token.text!r}")
            elif lemma in words.get("negation", ()) and token.pos_ == "VERB" and governs_clause:
                modes.add("negation")
                reasons.append(f"under {token.text!r}")
            elif lemma in words.get("future", ()) and token.pos_ == "VERB" and below is not None and below.dep_ == "xcomp":
                modes.add("future")
                reasons.append(f"under {token.text!r}")
            elif token.pos_ == "ADJ" and lemma in words.get("hypothetical", ()) and below is not None:
                modes.add("hypothetical")  # "is capable of producing", "able to strike": a capacity, not an act
                reasons.append(f"under {token.text!r}")
            elif token.pos_ == "NOUN" and below is not None and below.dep_ == "acl" and below.head == token and (
                    lemma in words.get("hypothetical", ()) or lemma in words.get("future", ())):
                # "its ability to shoot down missiles", "a plan to attack": a capacity or plan, not an act
                modes.add("hypothetical" if lemma in words.get("hypothetical", ()) else "future")
                reasons.append(f"under {token.text!r}")
        if token.dep_ == "advcl":  # "if they attack" as an adverbial clause
            for child in token.children:
                if child.dep_ == "mark" and child.lower_ in words.get("hypothetical", ()):
                    modes.add("hypothetical")
                elif child.dep_ == "mark" and child.lower_ in {"until", "till"} and any(
                        a.dep_ == "aux" and a.lower_ in {"will", "would", "'ll", "wo"} for a in token.head.children):
                    modes.add("hypothetical")  # "would keep attacking until Nairobi withdrew": a condition
                    reasons.append(f"condition {child.text!r}")
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "aux" and c.lower_ in {"would", "could", "might", "may"} for c in trigger.head.children):
        modes.add("hypothetical")  # "a U.S. strike on Iran would set its programme back": a scenario
        reasons.append("subject of a conditional")
    ancestor = trigger
    for _ in range(10):  # "marked the anniversary of the massacre in which troops killed ...": history remembered
        if ancestor.head == ancestor:
            break
        below, ancestor = ancestor, ancestor.head
        if ancestor.lemma_.lower() in COMMEMORATING_WORDS or (
                ancestor.lower_ == "since" and any(t.lemma_.lower() in {"year", "decade", "century"}
                                                   for t in [ancestor.head, *ancestor.head.children])):
            modes.add("historical")
            reasons.append(f"remembered ({ancestor.text!r})")
            break
    sentence_end = trigger.sent[-1]
    while sentence_end.is_punct and sentence_end.text in {'"', "'", "”", "’", ")"} and sentence_end.i > trigger.sent.start:
        sentence_end = sentence_end.nbor(-1)
    if sentence_end.text == "?":
        modes.add("hypothetical")  # "Will the African Union send troops?": asked, not reported
        reasons.append("a question")
    # "going to" and "be to"
    if governor.dep_ == "xcomp" and governor.head.lemma_ == "go" and governor.head.tag_ == "VBG":
        modes.add("future")
        reasons.append("'going to'")
    hedges = words.get("hedge", frozenset())
    nearby = list(trigger.children) + list(governor.children)
    nearby += [g for t in governor.children for g in t.children]
    hedged = any(t.lower_ in hedges for t in nearby)
    if hedged:
        reasons.append("hedged")
    return modes, hedged, reasons
