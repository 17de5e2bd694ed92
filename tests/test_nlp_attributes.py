from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsevents.nlp import attributes as attributes_module
from newsevents.nlp import load_english, load_language
from newsevents.nlp.attributes import can_cache, ruler_rules

# Words the attribute ruler treats by exception (contractions, "gon na", "there is", pronoun
# case by dependency, "but" as an adverb, space tokens), then ordinary news prose.
TEXTS = [
    "I'm gonna tell y'all: it ain't over. Let's go, we gotta run. C'mon!  \n\n  There is a "
    "cat and there were dogs. But I gave it to you, and you gave it to me. Did they do it?",
    "Syrian troops backed by Russian airpower have advanced in recent weeks against jihadi "
    "forces, and encircled a Turkish military post. The airstrike killed three civilians and "
    "wounded a dozen more; nearly half a million people have been displaced since April.",
    "Protesters were arrested in Khartoum on Monday, police said, after thousands marched.\n"
    "Officials denied that any shots had been fired. 'We're not leaving,' one told Reuters.",
    # Inflected words the lemmatizer's word lists hold and made-up ones they do not.
    "The militiamen's drones shelled outlying hamlets; snarfled wugs were blicketed by the "
    "grumpiest ferrymen, who flounced away sulkily.",
]


def token_attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def reference() -> Language:
    """The same model with its own attribute ruler and lemmatizer."""
    return load_english(cached_attributes=False)


def test_the_pipeline_caches_the_attribute_ruler_and_lemmatizer() -> None:
    nlp = load_language()
    assert "cached_attributes" in nlp.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)


@pytest.mark.parametrize("text", TEXTS)
def test_cached_attributes_equal_the_components_they_stand_in_for(
    reference: Language, text: str
) -> None:
    nlp = load_language()
    expected = token_attributes(reference(text))
    assert token_attributes(nlp(text)) == expected  # learnt now, or earlier in the session
    assert token_attributes(nlp(text)) == expected  # from the cache


def test_a_full_cache_starts_afresh_and_stays_right(
    reference: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp = load_language()
    cached = nlp.get_pipe("cached_attributes")
    monkeypatch.setattr(attributes_module, "MAX_ENTRIES", 10)
    for text in (text.upper() for text in TEXTS):  # words the cache has not seen
        doc = nlp(text)
        assert token_attributes(doc) == token_attributes(reference(text))
    assert len(cached.rules) + len(cached.lemmas) <= 2 * len(doc)  # type: ignore[attr-defined]


def attribute_ruler() -> AttributeRuler:
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


def test_rules_reading_other_attributes_are_not_cached() -> None:
    ruler = attribute_ruler()
    ruler.add(patterns=[[{"LOWER": "us", "TAG": "PRP"}]], attrs={"LEMMA": "we"})
    rules = ruler_rules(ruler)
    assert rules is not None and can_cache(rules)
    ruler.add(patterns=[[{"POS": "PROPN"}]], attrs={"LEMMA": "x"})
    rules = ruler_rules(ruler)
    assert rules is not None and not can_cache(rules)


def test_multi_word_rules_must_name_the_word_they_set() -> None:
    ruler = attribute_ruler()
    ruler.add(patterns=[[{"LOWER": "gon"}, {"TAG": "TO"}]], attrs={"LEMMA": "to"}, index=1)
    rules = ruler_rules(ruler)
    assert rules is not None and not can_cache(rules)


@pytest.mark.parametrize(
    ("neighbour", "cached"),
    [
        ({"DEP": "expl"}, True),
        ({"DEP": {"IN": ["expl"]}}, True),
        ({"TAG": "EX"}, False),
        ({"DEP": {"REGEX": "^ex"}}, False),
    ],
)
def test_multi_word_rules_read_of_the_other_words_what_keys_hold(
    neighbour: dict[int | str, Any], cached: bool
) -> None:
    """A word's key holds its neighbours' words and named dependencies, not their tags."""
    ruler = attribute_ruler()
    ruler.add(patterns=[[neighbour, {"LOWER": "is"}]], attrs={"POS": "AUX"}, index=1)
    rules = ruler_rules(ruler)
    assert rules is not None and can_cache(rules) is cached
