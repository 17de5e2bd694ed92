"""POS, morphology and lemmas from a cache: the attribute ruler and lemmatizer, remembered.

In ``en_core_web_sm`` the ``attribute_ruler`` (tag -> POS and morphology, plus exceptions by
word and dependency) and the rule ``lemmatizer`` cost about a sixth of the model's time, yet
their output for a token depends on little:

- the ruler's, on the token's tag and dependency label, and on its word only where a rule
  names that word (a few hundred words: "ai", "'s", "it"...); for the few multi-word rules
  ("gon na", "there is") also on its neighbours;
- the lemmatizer's, on the word, the POS and the morphology the ruler gave it (spaCy's own
  lemmatizer caches on exactly that key), unless a rule set the lemma.

The ``cached_attributes`` component stands in for both with a cache for each: a token whose
keys it has seen gets the remembered attributes; for the rule keys it has not seen, tokens are
given, with their neighbours, to the real ruler in one small document, and new lemma keys to
the real lemmatizer. Keying the ruler's part without the word for most words keeps that cache
small and its misses rare, where one cache keyed on word, tag and dependency missed on
a third of the tokens of the first hundred news articles (and cost more than the components).

The output is the same as running the two components (``tests/test_nlp_attributes.py`` checks
it token by token). A pipeline whose rules read anything else than the word, tag, dependency
or whitespace keeps its own components (:func:`can_cache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

KEY_ATTRIBUTES = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
# What a multi-word rule may read of the words beside the one it sets (their keys hold no tag)
NEIGHBOUR_ATTRIBUTES = frozenset({"LOWER", "DEP", "IS_SPACE"})
WORD_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})  # the ways a rule may read a word
LABEL_PREDICATES = frozenset({"IN", "NOT_IN"})  # the ways it may read a neighbour's dependency
OTHER_DEP = -2  # a neighbour's dependency that no multi-word rule names (no hash is negative)
MAX_ENTRIES = 200_000  # about 40 MB; the caches start afresh when full
SEPARATOR = ("\u2063", "XX", "dep")  # word, tag, dep that no multi-word rule can match

RuleKey = tuple[int, ...]  # word (0: no rule reads it), tag, dep (and the neighbours')
RuleValue = tuple[int, int, int, int, int]  # tag, dep, pos, morph, lemma the rules set (or 0)
LemmaKey = tuple[int, int, int]  # word, pos, morph: what the rule lemmatizer reads


Rule = tuple[list[dict[str, Any]], int]  # token patterns, index of the token the rule sets


def ruler_rules(ruler: AttributeRuler) -> list[Rule] | None:
    """The ruler's patterns as token lists; None when one is not (a string pattern)."""
    rules = []
    for rule in ruler.patterns:
        patterns: Any = rule["patterns"]
        index: Any = rule.get("index", 0)
        for pattern in patterns:
            if not isinstance(pattern, list):
                return None
            rules.append((pattern, int(index)))
    return rules


def can_cache(rules: list[Rule]) -> bool:
    """Whether every rule reads only word, tag, dependency and whitespace, reads a word only
    by equality, a list or a regular expression, and every multi-word rule names the word it
    sets (so that only such words need their context) and reads of the words beside it only
    their word, whitespace and dependency, that by name (so that the names are their key)."""
    words = [token["LOWER"] for pattern, _ in rules for token in pattern if "LOWER" in token]
    neighbours = [
        token
        for pattern, index in rules
        if len(pattern) > 1
        for position, token in enumerate(pattern)
        if position != index
    ]
    return (
        all(not set(token) - KEY_ATTRIBUTES for pattern, _ in rules for token in pattern)
        and all(isinstance(w, str) or not set(w) - WORD_PREDICATES for w in words)
        and all("LOWER" in pattern[index] for pattern, index in rules if len(pattern) > 1)
        and all(not set(token) - NEIGHBOUR_ATTRIBUTES for token in neighbours)
        and all(isinstance(dep, str) or not set(dep) - LABEL_PREDICATES for dep in deps(neighbours))
    )


def deps(tokens: list[dict[str, Any]]) -> list[str | dict[str, Any]]:
    return [token["DEP"] for token in tokens if "DEP" in token]


def named_labels(rules: list[Rule]) -> frozenset[str]:
    """The dependency labels the multi-word rules name: a neighbour's other labels meet each
    rule alike (:func:`can_cache`)."""
    labels: set[str] = set()
    for dep in deps([token for pattern, _ in rules if len(pattern) > 1 for token in pattern]):
        if isinstance(dep, str):
            labels.add(dep)
        else:
            labels.update(dep.get("IN", ()), dep.get("NOT_IN", ()))
    return frozenset(labels)


def word_test(rules: list[Rule]) -> Callable[[str], bool]:
    """A test for the words the rules name (by equality, in a list, or by a regular
    expression): every other word meets each rule the same way."""
    literal: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for pattern, _ in rules:
        for token in pattern:
            lower = token.get("LOWER")
            if isinstance(lower, str):
                literal.add(lower)
            elif isinstance(lower, dict):
                literal.update(lower.get("IN", ()), lower.get("NOT_IN", ()))
                if "REGEX" in lower:
                    regexes.append(re.compile(lower["REGEX"]))
    return lambda word: word in literal or any(r.search(word) for r in regexes)


class CachedAttributes:
    """The ``attribute_ruler`` and ``lemmatizer`` of a pipeline, with a memory."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer, rules: list[Rule]) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        index_as_sets(lemmatizer)
        self.is_named = word_test(rules)
        self.needs_context = word_test([rule for rule in rules if len(rule[0]) > 1])
        self.named_deps = frozenset(ruler.vocab.strings.add(label) for label in named_labels(rules))
        # By the hash of a lower-case word: its part of a key (the hash where a rule names the
        # word, else 0; white space is named too, a rule may ask IS_SPACE), and whether a
        # multi-word rule names it (then its neighbours are part of its key).
        self.words: dict[int, tuple[int, bool]] = {}
        self.rules: dict[RuleKey, RuleValue] = {}
        self.lemmas: dict[LemmaKey, int] = {}
        # A morphology's hash as Token.set_morph stores it (0, no morphology, becomes "_"'s).
        self.morph_keys: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(self.rules) + len(self.lemmas) + len(doc) > MAX_ENTRIES:
            self.rules.clear()
            self.lemmas.clear()
            self.words.clear()
        if not len(doc):
            return doc
        # Whole columns in and out: a Token's attributes, read or set one by one from Python,
        # cost more than the rest of this component.
        lowers, tags, deps, orths = doc.to_array([LOWER, TAG, DEP, ORTH]).T.tolist()
        keys = self.keys(doc, lowers, tags, deps)
        missing = [i for i, key in enumerate(keys) if key not in self.rules]
        if missing:
            self.learn(doc, missing, keys)
        values = [self.rules[key] for key in keys]
        set_values = np.array(values, dtype=np.uint64)[:, :4]
        morph_keys = self.morph_keys
        set_values[:, 3] = [morph_keys.get(v[3]) or self.morph_key(doc, v[3]) for v in values]
        set_columns(doc, [TAG, DEP, POS, MORPH], set_values)
        lemmas = []
        rule_lemmas = not self.lemmatizer.overwrite  # a lemma a rule set stays
        for i, (orth, (_, _, pos, morph, lemma)) in enumerate(zip(orths, values, strict=True)):
            if lemma and rule_lemmas:
                lemmas.append(lemma)
                continue
            lemma_key = (orth, pos, morph)
            known = self.lemmas.get(lemma_key)
            if known is None:
                token = doc[i]
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                known = self.lemmas[lemma_key] = token.lemma
            lemmas.append(known)
        set_columns(doc, [LEMMA], np.array(lemmas, dtype=np.uint64))
        return doc

    def keys(self, doc: Doc, lowers: list[int], tags: list[int], deps: list[int]) -> list[RuleKey]:
        """Each token's key: its word (0 where no rule names it: every other word meets each
        rule alike, "there was" and "it was" share a key), tag and dependency; for a word a
        multi-word rule names, also its neighbours' word and dependency (``OTHER_DEP`` for one
        no such rule names; -1 for no neighbour: no hash is negative)."""
        known = self.words
        words = [known.get(lower) or self.word(doc, lower) for lower in lowers]
        named = self.named_deps
        keys: list[RuleKey] = []
        last = len(lowers) - 1
        for i, ((word, in_context), tag, dep) in enumerate(zip(words, tags, deps, strict=True)):
            if not in_context:
                keys.append((word, tag, dep))
                continue
            before = after = (-1, -1)
            if i > 0:
                before = (words[i - 1][0], deps[i - 1] if deps[i - 1] in named else OTHER_DEP)
            if i < last:
                after = (words[i + 1][0], deps[i + 1] if deps[i + 1] in named else OTHER_DEP)
            keys.append((word, tag, dep, *before, *after))
        return keys

    def word(self, doc: Doc, lower: int) -> tuple[int, bool]:
        text = doc.vocab.strings[lower]
        named = self.is_named(text) or text.isspace()
        word = self.words[lower] = (lower if named else 0, self.needs_context(text))
        return word

    def morph_key(self, doc: Doc, morph: int) -> int:
        key: int = doc.vocab.morphology.add(doc.vocab.strings[morph])
        self.morph_keys[morph] = key
        return key

    def learn(self, doc: Doc, missing: list[int], keys: list[RuleKey]) -> None:
        """Run the real ruler on one token of each missing key: alone when no multi-word rule
        can change it, else between its neighbours and walled off by separators."""
        rows: list[tuple[str, str, str]] = []  # word, tag, dep
        positions: dict[RuleKey, int] = {}
        for i in missing:
            if keys[i] in positions:
                continue
            if len(keys[i]) == 3:
                span = doc[i : i + 1]
                positions[keys[i]] = len(rows)
            else:
                span = doc[max(0, i - 1) : i + 2]
                positions[keys[i]] = len(rows) + 1 + i - span.start
            window = [(t.text, t.tag_, t.dep_) for t in span]
            rows += window if len(keys[i]) == 3 else [SEPARATOR, *window, SEPARATOR]
        words, tags, deps = (list(column) for column in zip(*rows, strict=True))
        window_doc = Doc(
            doc.vocab,
            words=words,
            spaces=[False] * len(words),
            tags=tags,
            deps=deps,
            heads=list(range(len(words))),
        )
        self.ruler(window_doc)
        for key, position in positions.items():
            token = window_doc[position]
            self.rules[key] = (token.tag, token.dep, token.pos, token.morph.key, token.lemma)  # type: ignore[attr-defined]


def set_columns(doc: Doc, attributes: list[int | str], values: np.ndarray) -> None:
    """``doc.from_array`` with the uint64 columns it takes (its type stub says int32)."""
    doc.from_array(attributes, cast(Any, values))


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer's word lists as sets: it tests every form a suffix rule makes for
    membership in its part of speech's list (57,000 nouns, scanned to the end for an unknown
    form); a set answers the same at once. Only this pipeline's lemmatizer is changed."""
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):
        index[pos] = frozenset(words)


@Language.factory("cached_attributes")
def make_cached_attributes(nlp: Language, name: str) -> CachedAttributes:
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer):
        rules = ruler_rules(ruler)
        if rules is not None and can_cache(rules):
            return CachedAttributes(ruler, lemmatizer, rules)
    raise ValueError("cached_attributes: this pipeline's attribute rules cannot be cached")


def use_cached_attributes(nlp: Language) -> None:
    """Put ``cached_attributes`` in place of the attribute ruler and the lemmatizer, when the
    pipeline has both and its rules can be cached; otherwise leave the pipeline as it is."""
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("cached_attributes", after="lemmatizer")
    except ValueError:
        return
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
