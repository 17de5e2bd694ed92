"""How a sentence tells its event, as features of the event models (``status.realis_features``):
the cue words of ``realis_cues.tsv`` and the main trigger's signs of an unreal, earlier, quoted
or generic event."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsevents.events.features import triggers_by_salience
from newsevents.events.status import REALIS_CUES, realis_features
from newsevents.tools.event_corpora import ACLED_CODED, LabelMap


def sentence(text: str) -> Span:
    from newsevents.nlp import load_language

    [first, *_] = load_language()(text).sents
    return first


def realis(text: str) -> set[str]:
    span = sentence(text)
    triggers = triggers_by_salience(span)
    return set(realis_features(span, triggers[0] if triggers else None))


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Hundreds held a candlelight vigil for the victims of the shooting.", "commemoration"),
        ("The trial of three men over the bombing opened in Nairobi.", "proceedings"),
        ("Attacks on churches have risen since 2011.", "since"),
        ("Two years ago, gunmen stormed the village.", "ago"),
        ("Militants often attack convoys on this road.", "habitual"),
        ("Such attacks are rare in the capital.", "generic"),
        ("The army allegedly shelled the camp.", "attribution"),
    ],
)
def test_cue_words_mark_sentences_that_may_not_tell_a_new_event(text: str, feature: str) -> None:
    assert f"realis={feature}" in realis(text)


def test_a_plain_report_of_an_event_carries_no_sign() -> None:
    assert realis("Police arrested twelve protesters in Lagos on Tuesday.") == set()


def test_the_main_trigger_told_as_unreal_quoted_said_or_generic() -> None:
    assert {"realis=quoted", "realis=said", "realis=unreal"} <= realis(
        '"They will attack the town tonight," the commander said.'
    )
    assert "realis=plural" in realis("The report counts airstrikes on hospitals.")
    assert "realis=plural" not in realis("The report counts the two airstrikes on hospitals.")
    assert "realis=pluperfect" in realis("Rebels had attacked the town before the talks.")


def test_a_model_reads_the_realis_features_only_where_it_was_fitted_with_them() -> None:
    from newsevents.events.model import LinearModel

    words, realis = ["w=shell"], ["realis=attribution"]
    plain = LinearModel(("EVENT", "NONE"), (0.0, 0.0), {"realis=attribution": {1: 1.0}})
    assert plain.inputs(words, realis) == words
    reading = LinearModel.from_json({**plain.to_json(), "realis": True})
    assert reading.reads_realis and reading.inputs(words, realis) == [*words, *realis]
    assert reading.probabilities(words)["NONE"] < reading.probabilities([*words, *realis])["NONE"]


def test_every_realis_cue_is_named_once() -> None:
    names = [name for name, _ in REALIS_CUES]
    assert len(names) == len(set(names)) >= 8


def test_ceha_acled_notes_count_as_coded_by_acled_without_a_sub_event() -> None:
    ceha = LabelMap("ceha")
    assert ceha.combined(["relevant", "ACLED"]).acled == ACLED_CODED
    assert ceha.combined(["relevant", "GDELT"]).acled is None
