"""Credits and calls at the edges of an article's text, and text said over and over."""

from __future__ import annotations

import pytest

from newsevents.extract.edges import CREDIT_RULES, is_call, is_credit, trim_edges
from newsevents.extract.repeats import without_repeats

STORY = [
    "Four men were shot Saturday night in Englewood, police said.",
    "The men were standing outside when someone opened fire.",
]


@pytest.mark.parametrize("rule", CREDIT_RULES, ids=lambda rule: rule.name)
def test_each_credit_rule_recognises_what_it_was_written_for(rule: object) -> None:
    assert is_credit(rule.example)  # type: ignore[attr-defined]
    assert trim_edges([rule.example, *STORY, rule.example]) == STORY  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Share prices fell 3% on Monday.",  # the story's own sentence
        "By the end of the day, 12 people had been arrested.",
        "Reuters reported that the talks had failed.",
        "Police Chief Eddie Johnson said the shooting was gang-related and that officers",
    ],
)
def test_sentences_of_the_story_are_not_credits_or_calls(paragraph: str) -> None:
    assert not is_credit(paragraph)
    assert trim_edges([paragraph, *STORY]) == [paragraph, *STORY]


def test_calls_to_the_reader_go_from_pages_but_not_from_text_given_as_the_article() -> None:
    call = "Like this story? Share it with a friend!"
    assert is_call(call)
    assert trim_edges([*STORY, call]) == STORY
    assert trim_edges([*STORY, call], calls=False) == [*STORY, call]


def test_the_edges_are_trimmed_but_never_the_whole_text() -> None:
    assert trim_edges(["By James Walling"]) == ["By James Walling"]
    middle = [STORY[0], "Associated Press", STORY[1]]
    assert trim_edges(middle) == middle


def test_a_sentence_said_three_times_or_more_is_kept_once() -> None:
    said = "Gunmen killed 12 villagers in Zamfara on Monday."
    kept, dropped = without_repeats([f"{said} {said} {said}", "Officials confirmed it.", said])
    assert kept == [said, "Officials confirmed it."]
    assert dropped == 3


def test_text_shown_twice_is_left_as_the_page_has_it() -> None:
    twice = [*STORY, *STORY]
    assert without_repeats(twice) == (twice, 0)
    short = ["He agreed. He agreed. He agreed."]
    assert without_repeats(short) == (short, 0)
