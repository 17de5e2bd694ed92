"""The ACLED typer's type where the sentence's trigger word cannot carry it
(``classify.told_by_complement``). The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

from newsevents.events.classify import SentenceTyping, told_by_complement
from newsevents.events.features import triggers_by_salience
from newsevents.nlp import load_language
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Reading


def told(text: str) -> tuple[str, str]:
    [sentence] = load_language()(text).sents
    triggers = triggers_by_salience(sentence)
    typing = SentenceTyping(0.9, {}, {}, triggers)
    word, event_type = told_by_complement(triggers[0], typing, "Attack")
    return word.text, event_type


def test_a_charge_gives_the_attack_to_the_happening_it_names() -> None:
    assert told("A local man was charged on Friday in the shooting death of a cousin.") == (
        "shooting",
        "ASSAULT",
    )


def test_with_no_happening_word_under_it_the_trigger_keeps_the_acled_type() -> None:
    assert told("Detectives investigated all night.") == ("investigated", "ASSAULT")


def test_the_charge_is_not_the_attack_in_the_pipeline() -> None:
    text = "A local man was charged on Friday in the shooting death of a cousin, police said."
    reading = Pipeline(["nlp", "events"]).read(
        Document("t", text.encode(), "article", published=date(2024, 5, 3))
    )
    assert isinstance(reading, Reading)
    words = [
        text[e.trigger.start : e.trigger.end]
        for e in reading.events
        if e.type == "ASSAULT" and e.trigger
    ]
    assert words
    assert "charged" not in words


def test_a_word_under_the_charge_read_as_unreal_does_not_take_the_event() -> None:
    # a threat makes the shot unreal to the status reader: moved there, the event would not be
    # stored, and the happening the charge tells of would be lost.
    assert told("A farmer was charged on Monday after he threatened to shoot a neighbour.") == (
        "charged",
        "ASSAULT",
    )
