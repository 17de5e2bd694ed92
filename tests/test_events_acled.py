"""ACLED sub-events: the words the codebook cues (``events/data/acled_cues.tsv``) and trigger
words are read on, and where a sentence with no trigger word still says a sub-event. The
sentences are written for these tests, in the manner of ACLED's event notes."""

from __future__ import annotations

from datetime import date

from newsevents.eval.events import primary_event
from newsevents.events.features import is_trigger, lemma
from newsevents.nlp import load_language
from newsevents.pipeline import Pipeline
from newsevents.records import Document, Reading


def test_raped_is_read_as_the_verb_rape_an_event_word() -> None:
    doc = load_language()("On 4 June, gunmen raped two women near the river.")
    [raped] = [t for t in doc if t.text == "raped"]
    assert lemma(raped) == "rape"
    assert is_trigger(raped)
    [rapper] = [t for t in load_language()("The rapper rapped on stage.") if t.text == "rapped"]
    assert lemma(rapper) == "rap"  # only the word forms of lemmas.tsv are read again


def test_a_cue_gives_the_sub_event_where_no_trigger_word_is_said() -> None:
    # "apprehended" is no trigger word: the cue words still say the arrest.
    text = "On 2 May, security agents apprehended the spokesman of the separatist movement."
    reading = Pipeline(["nlp", "events"]).read(
        Document("t", text.encode(), "article", published=date(2024, 5, 3))
    )
    assert isinstance(reading, Reading)
    assert "Arrests" in {e.acled_sub_event_type for e in reading.events}


def main_sub_events(*texts: str) -> list[str | None]:
    """The ACLED sub-event of each text's main event (its most confident), as eval acled reads
    it."""
    pipeline = Pipeline(["nlp", "events"])
    found = []
    for number, text in enumerate(texts):
        reading = pipeline.read(
            Document(f"t{number}", text.encode(), "article", published=date(2024, 5, 3))
        )
        assert isinstance(reading, Reading)
        event = primary_event(reading.events)
        found.append(event.acled_sub_event_type if event else None)
    return found


def test_two_armed_sides_fighting_are_a_battle_not_a_riot() -> None:
    # ACLED's actor columns: two militias are two armed sides (data/acled_sides.tsv), so their
    # fight is an armed clash; two crowds of people who bear no arms stay a riot.
    assert main_sub_events(
        "On 3 May, two rival clan militias clashed over grazing land near the village.",
        "Two ethnic militias fought over a water point east of the town, leaving three dead.",
        "Villagers and herders clashed over cattle near the river.",
        "Unidentified gunmen shot dead a shopkeeper in the market.",
    ) == ["Armed clash", "Armed clash", "Mob violence", "Attack"]


def test_two_armed_sides_named_by_the_verb_a_clash_broke_out_with_are_a_battle() -> None:
    # "between" hangs from "broke out" or "took place", not from the clash (actors.py,
    # happening_verb): both sides are armed, so the fight is an armed clash.
    assert main_sub_events(
        "Clashes took place between two rival militias in the market.",
        "Fresh clashes broke out in the north of the town between two clan militias.",
    ) == ["Armed clash", "Armed clash"]
