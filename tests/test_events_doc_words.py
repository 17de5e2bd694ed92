"""``doc_words`` reads a document's tokens as arrays: each of its answers must equal the plain
token-by-token reading it replaces (the definitions written out below)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsevents.events.features import _KEPT_STOP_WORDS, _WALK_DEPS, LIGHT_TRIGGERS, doc_words
from newsevents.events.features import triggers_by_salience as salience
from newsevents.events.triggers import TRIGGER_POS, TRIGGERS
from newsevents.nlp import load_language

TEXTS = [
    "Workers staged a sit-in outside the ministry; the cease-fire held until 3 pm.",
    "- Rebels shelled 12 villages and\n\n police arrested 40 people, officials said -",
    "The army will not withdraw, and no one was killed in the cease - fire talks.",
    "POLICE FIRED TEAR GAS AT PROTESTERS IN NAIROBI ON MONDAY.",
    "\"We will not leave,\" said one, as \u201cpeace\u201d talks 'resumed' in Goma.",
]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    nlp: Language = load_language()
    return list(nlp.pipe(TEXTS))


def compounds(doc: Doc) -> dict[int, str]:
    found = {}
    for hyphen in doc[1:-1]:
        if hyphen.text == "-" and not hyphen.whitespace_:
            left, right = doc[hyphen.i - 1], doc[hyphen.i + 1]
            compound = f"{left.lower_}-{right.lemma_.lower()}"
            if left.is_alpha and not left.whitespace_ and compound in TRIGGERS:
                found[right.i] = compound
    return found


def reference_content(token: Token, known: dict[int, str], word: str) -> str | None:
    part = token.i + 2 in known
    if token.is_punct or token.is_space or part:
        return None
    if token.is_stop and token.lower_ not in _KEPT_STOP_WORDS and token.i not in known:
        return None
    return "#" if token.like_num else word


def test_doc_words_read_as_each_token_would(docs: list[Doc]) -> None:
    for doc in docs:
        known = compounds(doc)
        words = doc_words(doc)
        lemmas = [known.get(t.i) or t.lemma_.lower() for t in doc]
        assert words.lemmas == lemmas
        assert words.lowers == [t.lower_ for t in doc]
        assert words.spacy_lemmas == [t.lemma_.lower() for t in doc]
        assert words.quotes == [t.is_quote for t in doc]
        assert words.verbal == [t.pos_ in ("VERB", "AUX") for t in doc]
        assert words.triggers == [
            t.i + 2 not in known
            and (t.i in known or (t.pos_ in TRIGGER_POS and lemmas[t.i] in TRIGGERS))
            for t in doc
        ]
        assert words.content == [reference_content(t, known, lemmas[t.i]) for t in doc]
        assert [words.children(t.i) for t in doc] == [
            [c.i for c in t.children if c.dep_ in _WALK_DEPS] for t in doc
        ]
    assert any(compounds(doc) for doc in docs)  # the texts do hold a known compound


def walked_order(span: Span) -> list[int]:
    queue, ordered = [span.root], []
    while queue:
        token = queue.pop(0)
        ordered.append(token.i)
        queue.extend(c for c in token.children if c.dep_ in _WALK_DEPS)
    return ordered + [t.i for t in span if t.i not in ordered]


def test_triggers_in_walk_order(docs: list[Doc]) -> None:
    tested = 0
    for doc in docs:
        triggers = doc_words(doc).triggers
        for sentence in doc.sents:
            expected = [i for i in walked_order(sentence) if triggers[i]]
            if expected and doc_words(doc).lemmas[expected[0]] in LIGHT_TRIGGERS:
                continue  # a light verb may yield to its event noun: tested in test_events_triggers
            assert [t.i for t in salience(sentence)] == expected
            tested += 1
    assert tested > 3
