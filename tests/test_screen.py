import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.events.features import ACLED_CUES
from newsevents.events.status import REALIS_CUES
from newsevents.screen import lowered_text, may_match, required_words


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (
            r"chemical|chlorine|(?:toxic|poison) (?:gas|smoke)",
            {"chemical", "chlorine", "toxic", "poison"},
        ),
        (r"\b(?:shell(?:ed|ing)|artillery|mortars?)\b", {"shell", "artillery", "mortar"}),
        (r"\bIEDs?\b", {"ied"}),
        (r"(?:kill|shot)\w*\W+(?:\w+\W+){0,4}(?:protesters|marchers)", {"protesters", "marchers"}),
        (r"(?:19|20)\d\d", {"19", "20"}),
    ],
)
def test_every_match_holds_one_of_the_required_words(pattern: str, words: set[str]) -> None:
    assert required_words(re.compile(pattern, re.I)) == words


SYNTAX = [
    (r"(?P<n>foo)bar", {"foobar"}),  # a group not repeated is part of the sequence
    (r"(?i:Ab)c(?#note)", {"abc"}),
    (r"shell|shot", {"shell", "shot"}),
    (r"[x]yz|[^x]abc", {"xyz", "abc"}),  # a class of one character is that character
    (r"a\.b\-c\x41\u0042\N{LATIN SMALL LETTER C}", {"a.b-cabc"}),
    (r"\0101\101[\101]", {"\x081aa"}),  # octal escapes, not backreferences
    (r"(fire)d? \1s", {"fire"}),  # a backreference gives no word
    (r"a{2,3}b{,2}c{0}d{}", {"d{}"}),  # a repeat from 0 gives none; "{}" is a literal
    (r"(?=d)d+(?<!x)e", {"d"}),  # lookarounds give none
    (r"(?>riot)(a)?(?(1)x|y)", {"riot"}),
    (r"[]a]b\b c[\b]", {" c\x08"}),  # "\b" is a boundary, but a backspace in a class
]


@pytest.mark.parametrize(("pattern", "words"), SYNTAX)
def test_the_words_are_read_from_the_pattern_syntax(pattern: str, words: set[str]) -> None:
    assert required_words(re.compile(pattern, re.I)) == words


ALWAYS_RUN = [r"\d+ killed|\w+", r"(?:riot)?\d", r"[a-z]+", r"a|", r"(?x) riot", r"(ab){0,2}c?"]


@pytest.mark.parametrize("pattern", ALWAYS_RUN)
def test_a_pattern_without_required_words_is_always_run(pattern: str) -> None:
    compiled = re.compile(pattern, re.I)
    assert required_words(compiled) is None
    assert may_match(compiled, lowered_text("nothing to see"))


TEXTS = [
    "Government forces shelled the town and a drone strike killed 12 protesters on Monday.",
    "The CHEMICAL attack, analysts said, would be the first since 2019.",
    "Rebels retook the city; a ceasefire was agreed after talks with the new commander.",
    "Police fired tear gas at marchers; a grenade was found near the memorial vigil.",
    "Officials denied reports of sexual violence in the camps, according to the court.",
    "Nothing happened here at all.",
    # Letters a case-insensitive pattern matches that str.lower() leaves apart from ASCII.
    "ſarin was used in İstanbul, the ıED report said; K",
]


@pytest.mark.parametrize("text", [*TEXTS, *(text.upper() for text in TEXTS)])
def test_the_screen_never_rules_out_a_pattern_that_matches(text: str) -> None:
    lowered = lowered_text(text)
    for _, pattern in [*ACLED_CUES, *REALIS_CUES]:
        if pattern.search(text):
            assert may_match(pattern, lowered), pattern.pattern


@pytest.mark.parametrize(
    "pattern",
    [re.compile(p, re.I) for p in [p for p, _ in SYNTAX] + ALWAYS_RUN]
    + [p for _, p in ACLED_CUES[:12]],
)
@settings(max_examples=40, derandomize=True, deadline=None)
@given(data=st.data())
def test_no_text_a_pattern_matches_is_screened_out(pattern: re.Pattern[str], data: Any) -> None:
    text = data.draw(st.from_regex(pattern))
    assert may_match(pattern, lowered_text(text)), text


def test_the_screen_rules_out_patterns_whose_words_are_absent() -> None:
    lowered = lowered_text("Nothing happened here at all.")
    ruled_out = [name for name, pattern in ACLED_CUES if not may_match(pattern, lowered)]
    assert len(ruled_out) > len(ACLED_CUES) // 2


def test_a_text_with_letters_that_fold_to_ascii_is_not_screened() -> None:
    assert lowered_text("ſarin") is None
    assert may_match(re.compile("sarin", re.I), lowered_text("ſarin"))
