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
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

KEY_ATTRIBUTES = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
WORD_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})  # the ways a rule may read a word
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
    sets (so that only such words need their context)."""
    words = [token["LOWER"] for pattern, _ in rules for token in pattern if "LOWER" in token]
    return (
        all(not set(token) - KEY_ATTRIBUTES for pattern, _ in rules for token in pattern)
        and all(isinstance(w, str) or not set(w) - WORD_PREDICATES for w in words)
        and all("LOWER" in pattern[index] for pattern, index in rules if len(pattern) > 1)
    )


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
        named = word_test(rules)
        # Whitespace words are read too: a rule may ask IS_SPACE.
        self.is_named = lru_cache(maxsize=65536)(lambda word: named(word) or word.isspace())
        self.needs_context = lru_cache(maxsize=65536)(
            word_test([rule for rule in rules if len(rule[0]) > 1])
        )
        self.rules: dict[RuleKey, RuleValue] = {}
        self.lemmas: dict[LemmaKey, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(self.rules) + len(self.lemmas) + len(doc) > MAX_ENTRIES:
            self.rules.clear()
            self.lemmas.clear()
        keys = [self.key(token) for token in doc]
        missing = [token.i for token, key in zip(doc, keys, strict=True) if key not in self.rules]
        if missing:
            self.learn(doc, missing, keys)
        for token, key in zip(doc, keys, strict=True):
            tag, dep, pos, morph, lemma = self.rules[key]
            token.tag, token.dep, token.pos = tag, dep, pos
            token.set_morph(morph)  # type: ignore[attr-defined]
            if lemma and not self.lemmatizer.overwrite:
                token.lemma = lemma
                continue
            lemma_key = (token.orth, pos, morph)
            known = self.lemmas.get(lemma_key)
            if known is None:
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                self.lemmas[lemma_key] = token.lemma
            else:
                token.lemma = known
        return doc

    def key(self, token: Token) -> RuleKey:
        lower = token.lower_
        word = token.lower if self.is_named(lower) else 0
        if not self.needs_context(lower):
            return (word, token.tag, token.dep)
        doc = token.doc
        before = doc[token.i - 1] if token.i > 0 else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return (word, token.tag, token.dep, *self.neighbour(before), *self.neighbour(after))

    def neighbour(self, token: Token | None) -> tuple[int, int]:
        """A neighbour's part of the key: its dependency, and its word only where a rule names
        it (every other word meets each rule alike: "there was" and "it was" share a key);
        -1 for none (no word's hash is negative)."""
        if token is None:
            return (-1, -1)
        return (token.lower if self.is_named(token.lower_) else 0, token.dep)

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
