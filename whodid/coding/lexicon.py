"""The event lexicon: entries from data files, compiled once into lookup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..records import EVENT_TYPES
from ..tables import DATA_DIR, read_tsv, split_cell

PREPOSITIONS = frozenset(
    "about above across against along amid among around as at before behind below beneath beside between "
    "beyond by despite down during for from in inside into near of off on onto out outside over past "
    "since through throughout to toward towards under until up upon via with within without".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def hyphenated(token) -> tuple[str, ...]:
    """The whole word when the tokenizer split a hyphenated one and this is its last part ("sit-in",
    "cease-fire", "build-ups"): spaCy keeps "sit", "-" and "in" apart, with the last part as the head."""
    i = token.i
    if i < 2:
        return ()
    doc = token.doc
    hyphen, first = doc[i - 1], doc[i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return ()
    return first.lower_ + "-" + token.lower_, first.lower_ + "-" + token.lemma_.lower()


@dataclass(frozen=True)
class PatternWord:
    options: frozenset[str]
    recipient: bool = False
    party_required: bool = False  # `{R!}`: the sense holds only when the recipient is a party ("allow X to")

    def __post_init__(self):
        object.__setattr__(self, "has_hyphen", any("-" in option for option in self.options))

    def matches(self, token) -> bool:
        if token.lower_ == "according" and "according" not in self.options:
            return False  # "according to figures" is no accord
        if token.lemma_.lower() in self.options or token.lower_ in self.options:
            return True
        return self.has_hyphen and any(form in self.options for form in hyphenated(token))


@dataclass(frozen=True)
class Entry:
    id: str  # "file:line", shown by explain and carried in each record's coder.rule
    pattern: str
    kind: str  # "verb", "noun" or "adj" (a predicate adjective: "ready to", "concerned about")
    cameo: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    phrase: tuple[PatternWord, ...]  # the head word
    tail: tuple[PatternWord, ...]  # words matched along the dependency tree below the head

    def __post_init__(self):
        # the words the sentence must contain for the entry to fit at all (a cheap test before the tree walk)
        object.__setattr__(self, "literals", tuple(w.options for w in self.tail if not w.recipient))

    @property
    def head(self) -> PatternWord:
        return self.phrase[-1]

    @property
    def needs_party(self) -> bool:
        return any(w.party_required for w in self.tail)

    @property
    def specificity(self) -> int:
        return len(self.phrase) + sum(1 for w in self.tail if not w.recipient)


@dataclass(frozen=True)
class CameoCode:
    cameo: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    label: str


class Lexicon:
    def __init__(self, entries: list[Entry], cameo: dict[str, CameoCode], light_verbs: frozenset[str],
                 reporting_verbs: frozenset[str], forms: frozenset[str]):
        self.entries = entries
        self.cameo = cameo
        self.light_verbs = light_verbs
        self.light_verb_forms: frozenset[str] = frozenset()
        self.response_verbs: frozenset[str] = frozenset()
        self.figurative: dict[tuple[str, str], set[str]] = {}  # (trigger, relation) -> words of a non-event sense
        self.armed_units: frozenset[str] = frozenset()  # "combat troops", "attack helicopters": a kind of unit  # their subject never acts the object's event
        self.verb_forms: dict[str, set[str]] = {}  # inflected form -> verb head lemmas it can be
        self.reporting_verbs = reporting_verbs
        self.trigger_forms = forms  # every surface form of every trigger head, for the cheap pass
        self.requirements: dict[str, set[tuple[frozenset[str], ...]]] = {}  # head form -> other words needed
        # "X said Y must step down" is a demand by X on Y, whatever Y must do
        code = cameo.get("100")
        self.obligation_entry = Entry("rule:reported-obligation", "<reporting verb> that X must ...", "verb", "100",
                                      code.event, code.mode, code.context, (PatternWord(frozenset({"say"})),), ()) if code else None
        self.by_head: dict[str, list[Entry]] = {}
        self.event_nouns = frozenset(o for e in entries if e.kind == "noun" for o in e.head.options)
        for entry in entries:
            for option in entry.head.options:
                self.by_head.setdefault(option, []).append(entry)

    def is_light_verb(self, token) -> bool:
        """"held talks", "staged rallies": by lemma, or by form where the lemmatizer errs ("staged" -> "stag")."""
        return token.lemma_.lower() in self.light_verbs or token.lower_ in self.light_verb_forms

    def candidates(self, token, after_hyphen: bool = True) -> list[Entry]:
        lemma = token.lemma_.lower()
        found = self.by_head.get(lemma, [])
        for form in hyphenated(token) if after_hyphen else ():
            found = found + [e for e in self.by_head.get(form, []) if e not in found]
        if token.lower_ != lemma:
            found = found + [e for e in self.by_head.get(token.lower_, []) if e not in found]
        if token.pos_ == "VERB" and lemma not in self.by_head:
            # the lemmatizer erred: "staged" -> "stag", or kept the form: "froze" -> "froze"
            for head in self.verb_forms.get(token.lower_, ()):
                found = found + [e for e in self.by_head.get(head, []) if e.kind == "verb" and e not in found]
        return found

    def figurative_use(self, token) -> str | None:
        """The word that makes this trigger figurative ("pace attack", "attack on inflation"), or None."""
        lemma = token.lemma_.lower()
        modifiers = self.figurative.get((lemma, "modifier"))
        objects = self.figurative.get((lemma, "object"))
        verbs = self.figurative.get((lemma, "verb"))
        forms = self.figurative.get((lemma, "form"))
        if not modifiers and not objects and not verbs and not forms:
            return None
        if forms and token.lower_ in forms:
            return token.text  # "hostility between neighbours" is a mood; "hostilities" are fighting
        if verbs and token.dep_ in {"dobj", "attr", "oprd"} and token.head.lemma_.lower() in verbs:
            return token.head.text  # "posed a grave threat to Japan's security": a description, not a threat
        for child in token.children:
            if modifiers and child.dep_ in {"compound", "amod"} and child.lemma_.lower() in modifiers:
                return child.text
            if objects and child.dep_ == "dobj" and child.lemma_.lower() in objects:
                return child.text
            if objects and child.dep_ == "prep" and child.lower_ in {"on", "against"}:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in objects:
                        return obj.text
        return None

    def may_hold_event(self, text: str) -> bool:
        """Cheap test used before parsing: could any entry fire on these words?

        An entry can fire only if a form of its head is present and, for multi-word
        patterns, a form of each of its other literal words too ("state of emergency"
        needs "emergency"; a bare "state" is not enough).
        """
        words = set(_WORD.findall(text.lower()))
        for word in words & self.trigger_forms:
            for requirement in self.requirements.get(word, ()):
                if all(words & options for options in requirement):
                    return True
        return False


def _compile_word(word: str, classes: dict[str, frozenset[str]], where: str) -> PatternWord:
    if word in {"{R}", "{R!}"}:
        return PatternWord(frozenset(), recipient=True, party_required=word == "{R!}")
    options: set[str] = set()
    for option in word.split("|"):
        if option.startswith("@"):
            if option[1:] not in classes:
                raise DataFileError(f"{where}: unknown word class {option}", hint="define it in a classes*.tsv file")
            options |= classes[option[1:]]
        elif option:
            options.add(option.lower())
    if not options:
        raise DataFileError(f"{where}: empty word in pattern")
    return PatternWord(frozenset(options))


def compile_pattern(pattern: str, kind: str, classes: dict[str, frozenset[str]], where: str):
    """(head words, dependent words): the first word is the head, the rest hang below it."""
    words = [_compile_word(w, classes, where) for w in pattern.split()]
    if not words or words[0].recipient:
        raise DataFileError(f"{where}: a pattern must start with its trigger word: {pattern!r}")
    return (words[0],), tuple(words[1:])


def inflections(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "es"}
    if lemma.endswith("y") and len(lemma) > 2:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(irregular.get(lemma, ()))
    return forms


def _read_classes(files: list[Path]) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for path in files:
        for _, row in read_tsv(path, ("class", "lemmas")):
            classes.setdefault(row["class"].lstrip("@"), set()).update(w.lower() for w in split_cell(row["lemmas"]))
    return {name: frozenset(words) for name, words in classes.items()}


def _read_cameo(path: Path) -> dict[str, CameoCode]:
    table = {}
    for number, row in read_tsv(path, ("cameo", "event", "mode", "context", "label")):
        if row["event"] not in EVENT_TYPES:
            raise DataFileError(f"{path.name}:{number}: unknown PLOVER event type {row['event']!r}")
        contexts = tuple(c.strip() for c in row["context"].split(";") if c.strip())
        table[row["cameo"]] = CameoCode(row["cameo"], row["event"], row["mode"] or None, contexts, row["label"])
    return table


def _word_forms(options: frozenset[str], irregular: dict[str, list[str]]) -> frozenset[str]:
    forms: set[str] = set()
    for option in options:
        for part in _WORD.findall(option):
            forms |= inflections(part, irregular)
    return frozenset(forms)


def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> Lexicon:
    folder = DATA_DIR / "lexicon"
    cameo = _read_cameo(folder / "cameo.tsv")
    classes = _read_classes(sorted(folder.glob("classes*.tsv")) + [p for d in extra_dirs for p in sorted(Path(d).glob("classes*.tsv"))])
    irregular = {row["lemma"]: split_cell(row["forms"]) for _, row in read_tsv(folder / "irregular.tsv", ("lemma", "forms"))}
    light_verbs = frozenset(row["lemma"].lower() for _, row in read_tsv(folder / "light_verbs.tsv", ("lemma",)))
    response_verbs = frozenset(row["lemma"].lower() for _, row in read_tsv(folder / "response_verbs.tsv", ("lemma",)))
    reporting = frozenset(row["lemma"].lower() for _, row in read_tsv(folder / "reporting_verbs.tsv", ("lemma",)))
    entries: list[Entry] = []
    seen: set[tuple[str, str, str]] = set()
    files = sorted(folder.glob("events*.tsv")) + [p for d in extra_dirs for p in sorted(Path(d).glob("events*.tsv"))]
    for path in files:
        for number, row in read_tsv(path, ("pattern", "kind", "cameo")):
            where = f"{path.name}:{number}"
            pattern, kind, code = " ".join(row["pattern"].split()), row["kind"].lower(), row["cameo"]
            if kind not in ("verb", "noun", "adj"):
                raise DataFileError(f"{where}: kind must be 'verb', 'noun' or 'adj', not {kind!r}")
            if code not in cameo:
                raise DataFileError(f"{where}: CAMEO code {code!r} is not in cameo.tsv")
            key = (pattern, kind, code)
            if key in seen:
                continue
            seen.add(key)
            phrase, tail = compile_pattern(pattern, kind, classes, where)
            info = cameo[code]
            entries.append(Entry(where, pattern, kind, code, info.event, row.get("mode") or info.mode,
                                 info.context, phrase, tail))
    forms: set[str] = set()
    requirements: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for entry in entries:
        needed = tuple(_word_forms(w.options, irregular) for w in entry.tail
                       if not w.recipient and not (w.options == {"to"}))
        for option in entry.head.options:
            head_forms = inflections(option, irregular)
            forms |= head_forms
            for form in head_forms:
                requirements.setdefault(form, set()).add(needed)
    obligation = (frozenset({"must", "should"}),)  # "X said Y must ...": the reported-obligation rule
    for lemma in reporting:
        for form in inflections(lemma, irregular):
            forms.add(form)
            requirements.setdefault(form, set()).add(obligation)
    lexicon = Lexicon(entries, cameo, light_verbs, reporting, frozenset(forms))
    lexicon.requirements = requirements
    lexicon.armed_units = frozenset().union(*(classes.get(name, frozenset()) for name in
                                              ("FORCES", "WEAPONS", "WARSHIPS", "WARPLANES", "ARMOUR")))
    lexicon.response_verbs = response_verbs
    lexicon.figurative = {}
    for _, row in read_tsv(folder / "figurative_senses.tsv", ("trigger", "word", "relation")):
        lexicon.figurative.setdefault((row["trigger"].lower(), row["relation"].lower()), set()).add(row["word"].lower())
    for entry in entries:  # surface forms of verb heads, for words the lemmatizer gets wrong ("staged" -> "stag")
        if entry.kind == "verb":
            for option in entry.head.options:
                for form in inflections(option, irregular) - {option}:
                    lexicon.verb_forms.setdefault(form, set()).add(option)
    lexicon.light_verb_forms = frozenset(f for lemma in light_verbs for f in inflections(lemma, irregular))
    return lexicon


@lru_cache(maxsize=8)
def get_lexicon(extra_dirs: tuple[Path, ...] = ()) -> Lexicon:
    return load_lexicon(extra_dirs)
