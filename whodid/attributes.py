"""The model's own attribute rules (tag -> POS and morphology, lemma exceptions), applied by lookup.

spaCy's `attribute_ruler` runs every one of its ~180 patterns over every token through
the general `Matcher`; on short sentences that costs as much as the parser. The patterns
of the English models are all one or two tokens long and test TAG, LOWER, DEP or IS_SPACE,
so they can be indexed by the first token's tag or word and checked directly; which rules a
token's first-token tests select is cached per token shape (tag, word, dependency, space). The
result is the same by construction: every match is found on the tokens as they were
before any rule applied, and the rules are applied in the ruler's own order (later rules
win), with spaCy's `set_token_attrs`. `compile_rules` returns None when a model has a
pattern outside that shape; the caller then keeps spaCy's component.
`tests/test_nlp.py` checks the equality token by token on a few thousand sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTES = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


@dataclass(frozen=True)
class Test:
    offset: int  # which token of the pattern
    attribute: str
    kind: str  # eq, in, not_in, regex
    value: object

    def holds(self, columns: dict[str, list], start: int) -> bool:
        actual = columns[self.attribute][start + self.offset]
        if self.kind == "eq":
            return actual == self.value
        if self.kind == "in":
            return actual in self.value
        if self.kind == "not_in":
            return actual not in self.value
        return bool(self.value.search(actual))


@dataclass(frozen=True)
class Rule:
    order: int
    length: int
    tests: tuple[Test, ...]
    index: int
    attrs: dict

    def first(self, attribute: str) -> Test | None:
        return next((t for t in self.tests if t.offset == 0 and t.attribute == attribute and t.kind in {"eq", "in"}), None)


def _values(test: Test | None) -> list:
    if test is None:
        return [None]
    return [test.value] if test.kind == "eq" else list(test.value)


def _test(offset: int, key: str, value) -> Test | None:
    if key not in ATTRIBUTES:
        return None
    attribute = ATTRIBUTES[key]
    if isinstance(value, (str, bool)):
        return Test(offset, attribute, "eq", value)
    if isinstance(value, dict) and len(value) == 1:
        operator, operand = next(iter(value.items()))
        if operator == "IN":
            return Test(offset, attribute, "in", frozenset(operand))
        if operator == "NOT_IN":
            return Test(offset, attribute, "not_in", frozenset(operand))
        if operator == "REGEX" and isinstance(operand, str):
            return Test(offset, attribute, "regex", re.compile(operand))
    return None


class AttributeRules:
    """A callable pipeline component equal in effect to the model's `attribute_ruler`."""

    def __init__(self, rules: list[Rule]):
        # rules indexed by the first token's (tag, word); None where the rule does not fix one
        self.index: dict[tuple, list[Rule]] = {}
        for rule in rules:
            for tag in _values(rule.first("tag_")):
                for word in _values(rule.first("lower_")):
                    self.index.setdefault((tag, word), []).append(rule)
        self._first: dict[tuple, list[Rule]] = {}  # token shape -> rules whose first-token tests hold

    def __call__(self, doc: Doc) -> Doc:
        # one array call instead of a Token object per word; strings are looked up once per distinct token shape
        rows = [tuple(row) for row in doc.to_array(["TAG", "LOWER", "DEP", "IS_SPACE"]).tolist()] if len(doc) else []
        size = len(doc)
        found = []
        cache, strings = self._first, doc.vocab.strings
        for start, shape in enumerate(rows):
            rules = cache.get(shape)
            if rules is None:
                rules = cache[shape] = self._rules_for(shape, strings)
            for rule in rules:
                if rule.length == 1:
                    found.append((rule.order, start, rule))
                elif start + 1 < size:
                    second = self._columns(rows[start + 1], strings)
                    if all(test.holds(second, -1) for test in rule.tests if test.offset == 1):
                        found.append((rule.order, start, rule))
        if len(cache) > 200_000:
            cache.clear()  # bounded: distinct (tag, word, dep, space) shapes of a long run
        found.sort(key=lambda item: (item[0], item[1]))
        for _, start, rule in found:
            set_token_attrs(doc[start + rule.index], rule.attrs)
        return doc

    @staticmethod
    def _columns(shape, strings) -> dict[str, list]:
        tag, lower, dep, space = shape
        return {"tag_": [strings[tag]], "lower_": [strings[lower]], "dep_": [strings[dep]], "is_space": [bool(space)]}

    def _rules_for(self, shape, strings) -> list[Rule]:
        """The rules whose first-token tests hold for a token of this shape, in index order."""
        columns = self._columns(shape, strings)
        tag, word = columns["tag_"][0], columns["lower_"][0]
        rules = []
        for key in ((tag, word), (tag, None), (None, word), (None, None)):
            for rule in self.index.get(key, ()):
                if all(test.holds(columns, 0) for test in rule.tests if test.offset == 0):
                    rules.append(rule)
        return rules


def compile_rules(ruler) -> AttributeRules | None:
    """The fast form of a spaCy `AttributeRuler`, or None if one of its patterns has another shape."""
    rules = []
    for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
        for pattern in ruler.matcher.get(str(order))[1]:
            if not 1 <= len(pattern) <= 2:
                return None
            tests = tuple(_test(offset, key, value) for offset, spec in enumerate(pattern) for key, value in spec.items())
            if any(test is None for test in tests) or not -len(pattern) <= index < len(pattern):
                return None
            rules.append(Rule(order, len(pattern), tests, index % len(pattern), attrs))
    return AttributeRules(rules)
