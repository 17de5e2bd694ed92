"""Trigger lookup over spaCy's split of hyphenated compounds ("sit", "-", "in")."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Token

from newsevents.events.features import (
    candidate_types,
    content_lemmas,
    lemma,
    triggers_by_salience,
)
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp import load_language
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Reading


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_language()


def trigger_lemmas(nlp: Language, text: str) -> list[str]:
    return [lemma(t) for t in triggers_by_salience(nlp(text)[:])]


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("Workers staged a sit-in outside the ministry on Monday.", "sit-in"),
        ("Students held sit-ins at three universities.", "sit-in"),
        ("The militia announced a cease-fire on Sunday.", "cease-fire"),
        ("An air-strike hit the market.", "air-strike"),
        ("Officials reported a build-up of troops near the border.", "build-up"),
    ],
)
def test_hyphenated_trigger_is_read_whole(nlp: Language, text: str, compound: str) -> None:
    assert compound in trigger_lemmas(nlp, text)


def test_parts_of_a_compound_do_not_trigger_alone(nlp: Language) -> None:
    lemmas = trigger_lemmas(nlp, "The militia announced a cease-fire on Sunday.")
    assert "fire" not in lemmas and "cease" not in lemmas


def test_light_verb_yields_to_a_hyphenated_event_noun(nlp: Language) -> None:
    assert trigger_lemmas(nlp, "Students held sit-ins in Dhaka.")[0] == "sit-in"


def test_compound_is_one_content_lemma(nlp: Language) -> None:
    assert content_lemmas(nlp("Teachers began a sit-in.")[:]) == ["teacher", "begin", "sit-in"]


def test_unknown_hyphenated_words_keep_their_parts(nlp: Language) -> None:
    assert "fire" in trigger_lemmas(nlp, "Gunmen opened fire on a well-known cafe.")


@pytest.mark.parametrize(
    "text",
    [
        "Police said the stabbing happened on Monday night.",
        "Eight people were wounded from stabbings and gunshots.",
    ],
)
def test_a_stabbing_is_a_trigger(nlp: Language, text: str) -> None:
    assert "stabbing" in trigger_lemmas(nlp, text)
    assert TRIGGERS["stabbing"] == TRIGGERS["stab"] == ("ASSAULT",)


def verb(nlp: Language, text: str, word: str) -> Token:
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The firearm went off, striking the boy, as the two played with it.", "striking"),
        ("The man was struck by a car on Monday.", "struck"),
        ("Israeli jets struck targets in Gaza overnight.", "struck"),
    ],
)
def test_a_strike_on_someone_is_an_attack(nlp: Language, text: str, word: str) -> None:
    assert candidate_types(verb(nlp, text, word)) == {"ASSAULT"}


def test_a_strike_on_nobody_may_be_a_walk_out(nlp: Language) -> None:
    types = candidate_types(verb(nlp, "Teachers struck for a third day on Monday.", "struck"))
    assert types == {"ASSAULT", "PROTEST"}


def main_events(text: str) -> list[tuple[str, str | None, str | None]]:
    reading = Pipeline(["nlp", "events"]).read(
        Document("t", text.encode(), "article", published=date(2024, 5, 3))
    )
    assert isinstance(reading, Reading)
    return [(e.type, e.mode, e.acled_sub_event_type) for e in reading.events]


def test_codebook_cue_words_tell_the_event_where_every_trigger_is_figurative() -> None:
    # "forces" is a body of troops (senses.tsv); "defused an explosive" is ACLED's cue.
    events = main_events("Army forces defused an explosive device planted near the bridge.")
    assert [sub for *_, sub in events] == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("There was a loud explosion near the bus depot on Sunday.", "ASSAULT"),
        ("There were fierce clashes between two militias outside the town.", "ASSAULT"),
        ("There were marches in four cities against the fuel prices.", "PROTEST"),
    ],
)
def test_there_was_tells_a_happening(text: str, event_type: str) -> None:
    # "there" + "be": the noun after "be" happened; it does not say what a subject is.
    assert [t for t, *_ in main_events(text)] == [event_type]


def test_a_noun_that_says_what_a_subject_is_tells_no_happening() -> None:
    assert main_events("The neighbouring state is the main backer of the militia.") == []
