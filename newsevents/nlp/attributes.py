"""POS, morphology and lemmas from a cache: the attribute ruler and lemmatizer, remembered.

In ``en_core_web_sm`` the ``attribute_ruler`` (tag -> POS and morphology, plus exceptions by
word and dependency) and the rule ``lemmatizer`` cost about 20 ms per 600-word article, a sixth
of the model's time, yet their output for a token depends only on the token's word, tag and
dependency label (and, for the few multi-word rules such as "gon na" or "there is", on its
neighbours). The ``cached_attributes`` component stands in for both: a token whose key it has
seen gets the remembered attributes; the tokens it has not seen are given, with their
neighbours, to the real components in one small document, and remembered.

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
MAX_ENTRIES = 200_000  # about 40 MB; the cache starts afresh when full
SEPARATOR = ("\u2063", "XX", "dep")  # word, tag, dep that no multi-word rule can match

Key = tuple[int, ...]
Value = tuple[int, int, int, int, int]  # tag, dep, pos, morph, lemma


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
    """Whether every rule reads only word, tag, dependency and whitespace, and every
    multi-word rule names the word it sets (so that only such words need their context)."""
    return all(
        not set(token) - KEY_ATTRIBUTES for pattern, _ in rules for token in pattern
    ) and all("LOWER" in pattern[index] for pattern, index in rules if len(pattern) > 1)


def context_word_test(rules: list[Rule]) -> Callable[[str], bool]:
    """A test for the words a multi-word rule may match: their neighbours join their key."""
    literal: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for pattern, _ in rules:
        if len(pattern) == 1:
            continue
        for token in pattern:
            lower = token.get("LOWER")
            if isinstance(lower, str):
                literal.add(lower)
            elif isinstance(lower, dict):
                literal.update(lower.get("IN", ()))
                if "REGEX" in lower:
                    regexes.append(re.compile(lower["REGEX"]))
    return lambda word: word in literal or any(r.search(word) for r in regexes)


class CachedAttributes:
    """The ``attribute_ruler`` and ``lemmatizer`` of a pipeline, with a memory."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer, rules: list[Rule]) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.needs_context = lru_cache(maxsize=65536)(context_word_test(rules))
        self.cache: dict[Key, Value] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys = [self.key(token) for token in doc]
        missing = [token.i for token, key in zip(doc, keys, strict=True) if key not in self.cache]
        if len(self.cache) + len(missing) > MAX_ENTRIES:
            self.cache.clear()
            missing = list(range(len(doc)))
        if missing:
            self.learn(doc, missing, keys)
        for token, key in zip(doc, keys, strict=True):
            tag, dep, pos, morph, lemma = self.cache[key]
            token.tag, token.dep, token.pos, token.lemma = tag, dep, pos, lemma
            token.set_morph(morph)  # type: ignore[attr-defined]
        return doc

    def key(self, token: Token) -> Key:
        if not self.needs_context(token.lower_):
            return (token.orth, token.tag, token.dep)
        doc = token.doc
        before = doc[token.i - 1] if token.i > 0 else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        return (
            token.orth,
            token.tag,
            token.dep,
            *((before.lower, before.dep) if before is not None else (0, 0)),
            *((after.lower, after.dep) if after is not None else (0, 0)),
        )

    def learn(self, doc: Doc, missing: list[int], keys: list[Key]) -> None:
        """Run the real components on the missing tokens: alone when no multi-word rule can
        change them, else between their neighbours and walled off by separators."""
        rows: list[tuple[str, str, str]] = []  # word, tag, dep
        positions = []
        for i in missing:
            if len(keys[i]) == 3:
                span = doc[i : i + 1]
                positions.append(len(rows))
            else:
                span = doc[max(0, i - 1) : i + 2]
                positions.append(len(rows) + 1 + i - span.start)
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
        self.lemmatizer(self.ruler(window_doc))
        for i, position in zip(missing, positions, strict=True):
            token = window_doc[position]
            self.cache[keys[i]] = (token.tag, token.dep, token.pos, token.morph.key, token.lemma)  # type: ignore[attr-defined]


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
