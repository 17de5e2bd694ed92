"""Words about an earlier event (a vigil, a funeral, a trial, a sentence): the event word they
govern is retold, not news (``events/data/frames.tsv``, read by ``status.told_for_a_frame``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.events.features import lemma, read_table, triggers_by_salience
from newsevents.events.ontology import PLOVER_TYPES
from newsevents.events.status import told_for_a_frame
from newsevents.events.triggers import TRIGGERS
from newsevents.nlp import load_language

FRAMES_FILE = Path(__file__).resolve().parents[1] / "newsevents" / "events" / "data" / "frames.tsv"


def test_each_frame_has_its_codebook_type_and_provenance() -> None:
    for row in read_table(FRAMES_FILE):
        assert row["kind"] in ("commemoration", "proceedings"), row
        assert row["plover"] in ("", *PLOVER_TYPES), row
        assert row["provenance"], row
        # The lexicon agrees with the codebook: a commemoration proposes no type.
        if row["lemma"] in TRIGGERS or not row["plover"]:
            assert row["plover"] in TRIGGERS.get(row["lemma"], ("",)), row


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Residents held a candlelight vigil on Sunday.", None),
        ("Protesters held a vigil outside the police station.", "Protesters"),
        ("Police held three men overnight.", "held"),
        ("The ministry opened an inquiry into the crash.", "inquiry"),
        ("A court sentenced him to ten years in prison.", "sentenced"),
    ],
)
def test_a_light_verb_yields_to_its_frame(text: str, first: str | None) -> None:
    [sentence] = load_language()(text).sents
    triggers = triggers_by_salience(sentence)
    assert (triggers[0].text if triggers else None) == first


@pytest.mark.parametrize(
    ("text", "word", "retold"),
    [
        (
            "Mourners gathered for the funeral of three soldiers killed in the ambush.",
            "killed",
            True,
        ),
        ("He was sentenced to life in prison for the killings.", "killings", True),
        ("A jury convicted him of murder in the 2017 attack.", "murder", True),
        ("The trial of the man accused of the 2019 bombing opened.", "bombing", True),
        ("Hundreds attended a vigil for the victims of the shooting.", "shooting", True),
        ("Gunmen killed four people at a funeral on Monday.", "killed", False),
        ("A vigil was held for the victims of the shooting.", "shooting", True),
        ("Police opened an inquiry into the attack.", "attack", True),
        ("Police opened an inquiry after the attack.", "attack", False),
        ("Rebels shelled the town for three days.", "shelled", False),
    ],
)
def test_an_event_word_inside_a_frames_phrase_is_retold(text: str, word: str, retold: bool) -> None:
    [sentence] = load_language()(text).sents
    [token] = [t for t in sentence if t.text == word]
    assert told_for_a_frame(token) is retold, [(t.text, t.dep_, t.head.text) for t in sentence]
    assert lemma(token) in TRIGGERS
