"""PLOVER contexts of events: cue words, military sides, acts between two countries."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.eval.events import plover_contexts
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Event, Reading


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def main_event(pipeline: Pipeline, text: str) -> Event:
    reading = pipeline.read(Document("t", text.encode(), "article", published=date(2024, 5, 7)))
    assert isinstance(reading, Reading) and reading.events, reading
    return max(reading.events, key=lambda e: e.confidence)


@pytest.mark.parametrize(
    ("text", "contexts"),
    [
        ("Syrian troops shelled rebel positions near Idlib on Monday.", {"military"}),
        ("A court in Cairo sentenced the activist to five years in jail.", {"legal"}),
        ("Japan and India signed a free-trade agreement in Tokyo.", {"economic", "diplomatic"}),
        ("Police arrested opposition leaders ahead of the election.", {"political", "election"}),
        ("Thousands of refugees fled across the border into Chad.", {"refugee"}),
        ("A cholera outbreak killed 40 people in Malawi last week.", {"health"}),
    ],
)
def test_contexts_from_cue_words_and_sides(
    pipeline: Pipeline, text: str, contexts: set[str]
) -> None:
    assert contexts <= set(main_event(pipeline, text).context)


def test_a_plain_protest_has_no_military_context(pipeline: Pipeline) -> None:
    event = main_event(pipeline, "Hundreds of teachers marched in Nairobi over unpaid wages.")
    assert "military" not in event.context and "diplomatic" not in event.context


def test_gold_contexts_are_read_with_their_spelling_variants() -> None:
    assert plover_contexts("diplomatic, refugees") == {"diplomatic", "refugee"}
    assert plover_contexts("") == frozenset() and plover_contexts("unknown") == frozenset()
    assert plover_contexts(None) == frozenset()
