"""How an event is told (``events/status.py``): denied by its determiner, unreal through the verb
it is conjoined to, and a past perfect that is the story's own past in reported speech."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from newsevents.events.status import is_hypothetical, is_past_perfect, is_provision
from newsevents.nlp import load_language


def read(text: str, which: str, event_type: str) -> tuple[bool, bool]:
    doc = load_language()(text)
    trigger = next(t for t in doc if t.text == which)
    return is_hypothetical(trigger, event_type, trigger.sent), is_past_perfect(trigger)


@pytest.mark.parametrize(
    ("text", "which", "event_type"),
    [
        ("No arrests were immediately reported.", "arrests", "COERCE"),
        ("As of Saturday, no charges had been brought against the shooter.", "charges", "ACCUSE"),
        ("The Taliban will find us and kill us.", "kill", "ASSAULT"),
        # a time adjunct of a modal verb may be to come
        ("The army would retaliate after any attack.", "attack", "ASSAULT"),
        ("Officers said the planned assault was foiled.", "assault", "ASSAULT"),
        # a relative clause about whoever might do it, under a demand
        (
            "Unions called for the punishment of anyone who attacked a reporter.",
            "attacked",
            "ASSAULT",
        ),
    ],
)
def test_events_told_as_not_having_happened(text: str, which: str, event_type: str) -> None:
    assert read(text, which, event_type)[0]


@pytest.mark.parametrize(
    ("text", "which", "event_type"),
    [
        ("Police made two arrests on Sunday.", "arrests", "COERCE"),
        ("It should have carried seven years, but the judge gave him sixty.", "gave", "AID"),
        ("Gunmen stormed the village and killed five people.", "killed", "ASSAULT"),
        # a modifier negating an unreal one: it happened, unforeseen
        ("The unexpected assault left four guards dead on Monday.", "assault", "ASSAULT"),
        ("An unplanned raid on the depot ended with two arrests.", "raid", "COERCE"),
        # an alleged act is reported as an act; so is one whose doer or reason is alleged
        ("The man allegedly stabbed his cousin after an argument.", "stabbed", "ASSAULT"),
        ("A trader was shot dead allegedly by men of a rival gang.", "shot", "ASSAULT"),
        (
            "Rebels burnt two lorries allegedly because the owners refused to pay.",
            "burnt",
            "ASSAULT",
        ),
        # a past time or reason adjunct of a verb of fearing, asking or risking
        ("The minister warned of reprisals after the attack on the embassy.", "attack", "ASSAULT"),
        ("He risked a diplomatic row on Monday after blocking two envoys.", "blocking", "ASSAULT"),
        ("Activists called for an inquiry after the rally was dispersed.", "dispersed", "COERCE"),
        # a past relative clause under a demand or an expectation: it happened
        ("A hunter who accidentally shot himself is expected to survive.", "shot", "ASSAULT"),
        (
            "Families called for the release of students that were arrested on Friday.",
            "arrested",
            "COERCE",
        ),
        ("Lawyers demanded the freeing of the men who have been held since May.", "held", "COERCE"),
    ],
)
def test_events_told_as_having_happened(text: str, which: str, event_type: str) -> None:
    assert not read(text, which, event_type)[0]


def test_a_past_perfect_in_a_relative_clause_of_a_past_one_is_the_story_s_past() -> None:
    found = "Deputies were called to a clinic for a teenager who had been shot."
    told_before = "The driver, who had been convicted of robbery, is now a suspect."
    assert not read(found, "shot", "ASSAULT")[1]
    assert read(told_before, "convicted", "ACCUSE")[1]


def test_a_past_perfect_in_reported_speech_is_the_story_s_past() -> None:
    found = "Police say they responded late Wednesday and found the child had been shot."
    assert not read(found, "shot", "ASSAULT")[1]
    told = "Makhanya told Reuters that the secretary-general had been arrested."
    assert not read(told, "arrested", "COERCE")[1]
    assert read("The rebels had seized the town before the talks began.", "seized", "ASSAULT")[1]


def trigger_of(text: str, which: str) -> Token:
    return next(t for t in load_language()(text) if t.text == which)


@pytest.mark.parametrize(
    ("text", "which"),
    [
        (
            "Section-31 states that if a person publishes something that destroys harmony, then "
            "it will be a crime.",
            "destroys",
        ),
        (
            "Section-43 of the act gives the police powers to enter homes and seize computers.",
            "seize",
        ),
        ("The law allows police to arrest anyone without a warrant.", "arrest"),
    ],
)
def test_what_a_legal_text_provides_is_no_happening(text: str, which: str) -> None:
    assert is_provision(trigger_of(text, which))


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("The new decree imposed a curfew on the capital.", "imposed"),
        ("Article 19 says five journalists were arrested last week.", "arrested"),
        ("Police say the law was used to arrest five journalists.", "arrest"),
    ],
)
def test_an_act_told_beside_a_law_is_a_happening(text: str, which: str) -> None:
    assert not is_provision(trigger_of(text, which))
