"""The article's killed and injured chosen among every count it reads (made-up articles and a
hand-set model, so the tests hold whatever the shipped weights become), and the shipped model's
file."""

from __future__ import annotations

import pytest

from newsevents.eval.system import article_document
from newsevents.events.article_counts import (
    CHOSEN_FIELDS,
    COUNT_CUES_FILE,
    Candidate,
    FieldModel,
    candidate_features,
    choose,
    give_counts,
    load_count_model,
    main_happening,
)
from newsevents.events.counts import Count
from newsevents.events.features import read_table
from newsevents.pipeline import Pipeline
from newsevents.records import Event, Evidence, InputError


def candidate(value: int, start: int, sentence: str, field: str = "fatalities") -> Candidate:
    return Candidate(Count(field, value, None, start, start + 3), sentence, str(value))


LEDE = candidate(1, 10, "A man was shot and killed on Friday.")
TALLY = candidate(12, 900, "It was the city's 12th homicide this year.")
REPEAT = candidate(1, 600, "The victim died at the hospital.")


def test_features_tell_a_lede_figure_from_a_tally() -> None:
    own = [LEDE, REPEAT, TALLY]
    lede, tally = candidate_features(LEDE, own), candidate_features(TALLY, own)
    assert lede["lede"] == 1.0 and tally["lede"] == 0.0
    assert lede["agreeing"] == pytest.approx(2 / 3) and tally["largest"] == 1.0
    assert tally["cumulative"] == 1.0 and "cumulative" not in lede  # a cue: 1 when present
    assert lede["rank=0"] == 1.0 and tally["rank=2"] == 1.0


# Agreement between mentions and the lede count for the figure; tallies count against it.
MODEL = FieldModel({"bias": -1.0, "agreeing": 2.0, "lede": 1.0, "cumulative": -3.0}, 0.5)


def test_choose_takes_the_most_probable_candidate_of_the_field() -> None:
    injured = candidate(3, 20, "Three people were wounded.", field="injured")
    assert choose([TALLY, injured, REPEAT, LEDE], "fatalities", MODEL) == LEDE
    assert choose([TALLY], "fatalities", MODEL) is None  # not probable enough
    assert choose([], "injured", MODEL) is None


def test_a_later_toll_that_rose_updates_the_chosen_figure() -> None:
    rose = candidate(11, 300, "The death toll later rose to 11.")
    assert choose([LEDE, rose], "fatalities", MODEL) == rose
    fell = candidate(11, 300, "Eleven people died in a crash last year.")
    assert choose([LEDE, fell], "fatalities", MODEL) == LEDE


def violent(start: int, end: int, status: str = "reported") -> Event:
    return Event(
        id=str(start),
        type="ASSAULT",
        status=status,
        evidence=[Evidence("...", start, end)],
        confidence=0.9,
    )


def test_the_main_happening_is_the_one_telling_the_chosen_counts() -> None:
    first, second = violent(0, 100), violent(500, 700)
    assert main_happening([first, second], {"fatalities": REPEAT}) is second
    assert main_happening([first, second], {"fatalities": None}) is first
    assert main_happening([violent(0, 100, "hypothetical")], {"fatalities": None}) is None


def test_give_counts_keeps_the_events_own_count_where_none_was_chosen() -> None:
    event = violent(0, 100)
    event.injured = 2
    give_counts(event, {"fatalities": LEDE, "injured": None})
    assert (event.fatalities, event.injured) == (1, 2)
    assert event.field_evidence["fatalities"].start == LEDE.count.start


def test_the_shipped_model_has_every_field() -> None:
    model = load_count_model()
    assert set(model) == {*CHOSEN_FIELDS, "date"}
    assert all(0 < m.threshold < 1 and "bias" in m.weights for m in model.values())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def test_a_shooting_told_twice_carries_the_articles_counts(pipeline: Pipeline) -> None:
    reading = pipeline.read(
        article_document(
            "t",
            "A man was shot and killed outside a bar on Saturday night, police said. "
            "Two other men were wounded. Officers found the victim, John Smith, 24, "
            "on the sidewalk. Smith was shot in the chest and died at the hospital.",
        )
    )
    assert not isinstance(reading, InputError)
    shootings = [e for e in reading.events if e.type == "ASSAULT" and e.status != "hypothetical"]
    most = max(shootings, key=lambda e: (e.fatalities or 0) + (e.injured or 0))
    assert (most.fatalities, most.injured) == (1, 2)


def test_every_count_cue_says_where_it_came_from() -> None:
    rows = read_table(COUNT_CUES_FILE)
    assert {row["cue"] for row in rows} >= {"cumulative", "toll_update"}
    assert all(row["pattern"] and row["provenance"] for row in rows)
