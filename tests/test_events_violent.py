"""A violent happening told inside another event's sentence, and told again (issue #11)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.pipeline import Pipeline
from newsevents.records import Document, Event, Reading

PUBLISHED = date(2024, 3, 12)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def assaults(pipeline: Pipeline, text: str) -> list[Event]:
    reading = pipeline.read(Document("test", text.encode(), "article", published=PUBLISHED))
    assert isinstance(reading, Reading), reading
    return [e for e in reading.events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Pike County officials are investigating a shooting that left four people injured "
            "and one dead.",
            1,
            4,
        ),
        (
            "A man charged with the fatal shooting of a 22-month-old toddler pleaded guilty on "
            "Monday.",
            1,
            None,
        ),
    ],
)
def test_an_attack_named_with_its_toll_beside_a_charge_is_an_event(
    pipeline: Pipeline, text: str, killed: int, injured: int | None
) -> None:
    # The PLOVER codebook: the charge (or investigation) is one event, the attack another.
    [attack] = assaults(pipeline, text)
    assert (attack.fatalities, attack.injured) == (killed, injured)


def test_words_of_one_attack_in_a_sentence_are_one_event(pipeline: Pipeline) -> None:
    [attack] = assaults(
        pipeline,
        "Topeka Police are investigating a shooting that left a woman dead and four others "
        "injured late Saturday night.",
    )
    assert (attack.fatalities, attack.injured) == (1, 4)
    assert [m.sentence for m in attack.mentions] == ["shooting", "injured"]


def test_a_shooting_told_again_naming_nobody_new_is_one_event(pipeline: Pipeline) -> None:
    [attack] = assaults(
        pipeline,
        "Police said Smith accidentally shot his friend at a home in Miami on Saturday night. "
        "Smith had been cleaning the gun and confessed to shooting the victim on Saturday.",
    )
    assert len(attack.evidence) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot a man in Miami on Saturday. On Sunday, police shot a suspect in Tampa.",
        "A man shot his neighbor in Miami on Saturday. Another man shot a woman in Tampa the "
        "same night.",
    ],
)
def test_shootings_of_other_people_stay_apart(pipeline: Pipeline, text: str) -> None:
    assert len(assaults(pipeline, text)) == 2
