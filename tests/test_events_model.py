"""The learned event models: their label tables, the calibration, the ACLED cue features, and
the shipped model scoring on real held-apart text what its metrics (and the model card) say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.events.features import ACLED_CUES, acled_cues
from newsevents.events.model import MODEL_FILE, Calibration, ScoreContext, load_models
from newsevents.events.ontology import ACLED_SUB_EVENTS, PLOVER_TYPES
from newsevents.tools.event_corpora import (
    ACLED_CODED,
    IPE_ANY_EVENT,
    READERS,
    TRAINING,
    LabelMap,
    load_sources,
    read_table,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = ScoreContext(0.9, words=400, sports=0.0, markets=0.0, quoted=False, question=False)


def test_every_source_has_a_reader_and_known_terms() -> None:
    sources = load_sources()
    assert set(sources) == set(READERS)
    for source in sources.values():
        assert source.role in ("train", "supplement", "heldout")
        assert source.terms, f"{source.name} names no terms"
        assert source.covers <= {"*", *PLOVER_TYPES}


def test_label_map_names_only_our_labels() -> None:
    sources = load_sources()
    for row in read_table(TRAINING / "label_map.tsv"):
        assert row["source"] in sources
        assert row["event"] in ("yes", "no", "")
        assert row["plover"] in ("", "=", *PLOVER_TYPES), row
        assert row["acled_sub_event"] in ("", "=", ACLED_CODED, *ACLED_SUB_EVENTS), row


def test_label_map_tries_the_label_then_its_prefixes_then_any() -> None:
    wikievents = LabelMap("wikievents")
    assert wikievents("Conflict.Demonstrate.DemonstrateWithViolence").acled == (
        "Violent demonstration"
    )
    assert wikievents("Conflict.Attack.Unspecified").plover == "ASSAULT"
    assert wikievents("Contact.Contact.Meet").event is None
    assert wikievents.combined([]).event is False  # no mention in the sentence
    ngec = LabelMap("ngec-synthetic")
    assert ngec("ASSAULT/DRONE").acled == "Air/drone strike"
    assert ngec("ACCUSE/ALLEGE").plover == "ACCUSE"  # '=': the type without its mode


def test_several_labels_give_the_most_specific_type() -> None:
    ipe = LabelMap("india-police-events")
    mapped = ipe.combined(["ANY_ACTION", "FORCE", "ARREST"])
    assert (mapped.event, mapped.plover, mapped.acled) == (True, "COERCE", "Arrests")
    assert ipe.combined(["FAIL"]).event is None


def test_partial_sets_count_negatives_only_for_the_types_they_cover() -> None:
    police = load_sources()["india-police-events"]
    assert police.covers_all({"COERCE"})
    assert not police.covers_all({"COERCE", "ASSAULT"})  # "no police action" may be a riot


# The reasons a sentence read again was found to tell no event (ipe_any_event.tsv's rule).
NO_EVENT_REASONS = {
    "statement", "demand", "accusation", "denial", "quote", "opinion", "plan", "prediction",
    "threat", "hypothetical", "generic", "analysis", "situation", "background", "negated",
    "fragment",
}  # fmt: skip


def test_our_any_event_labels_are_ids_with_a_reason_for_each_no() -> None:
    rows = read_table(IPE_ANY_EVENT)
    keys = [(row["doc_id"], row["sent_id"]) for row in rows]
    assert len(rows) >= 300 and len(set(keys)) == len(keys)
    for row in rows:
        assert row["event"] in ("yes", "no"), row
        assert (row["why"] in NO_EVENT_REASONS) == (row["event"] == "no"), row
    assert LabelMap("ipe-any-event")("no").event is False


def test_a_set_read_again_shares_its_documents_split() -> None:
    from newsevents.tools.event_corpora import split_of_group

    sources = load_sources()
    again, police = sources["ipe-any-event"], sources["india-police-events"]
    assert again.split_with == police.name and again.covers_all({"ASSAULT", "PROTEST"})
    for doc in range(200):
        assert split_of_group(f"ipe-{doc}", again) == split_of_group(f"ipe-{doc}", police)


@pytest.mark.skipif(
    not (SHARED / "data" / "dev" / "india-police-events").exists(), reason="no dev data"
)
def test_our_any_event_labels_come_from_fit_and_select_documents_only() -> None:
    from newsevents.tools.event_corpora import load_source, split_of

    source = load_sources()["ipe-any-event"]
    items = load_source(source, SHARED)
    assert len(items) == len(read_table(IPE_ANY_EVENT))
    assert {split_of(item, source) for item in items} <= {"fit", "select"}


def test_calibration_interpolates_between_knots_and_clips_outside() -> None:
    curve = Calibration((0.2, 0.6), (0.1, 0.9))
    assert curve(0.0, NEWS) == 0.1 and curve(1.0, NEWS) == 0.9
    assert curve(0.4, NEWS) == pytest.approx(0.5)
    assert curve(0.2, NEWS) == pytest.approx(0.1)


def test_acled_cues_are_features_with_whole_word_patterns() -> None:
    assert len(ACLED_CUES) >= 10
    assert acled_cues("A roadside bomb hit the convoy.") == ["Remote explosive/landmine/IED"]
    assert acled_cues("Prices skyrocketed.") == []


def test_shipped_model_loads_with_its_threshold_and_monotone_confidence() -> None:
    models = load_models()
    assert 0.0 < models.min_confidence < 1.0
    assert {"EVENT", "NONE"} == set(models.detector.classes)
    confidences = [models.calibration(x / 10, NEWS) for x in range(11)]
    assert confidences == sorted(confidences)
    from newsevents.events.classify import read_sentence
    from newsevents.nlp import load_language

    nlp = load_language()
    [event] = nlp("Soldiers killed four protesters in the capital.").sents
    [idle] = nlp("The weather was nice all week.").sents
    assert read_sentence(event, models).event_probability > 0.5
    assert read_sentence(idle, models).event_probability < 0.5


def test_dense_weights_read_the_vector_standardised() -> None:
    import numpy as np

    from newsevents.events.model import DenseWeights, LinearModel

    dense = DenseWeights(
        mean=np.array([1.0, 0.0]),
        scale=np.array([0.5, 1.0]),
        weights=np.array([[2.0, 0.0], [0.0, 0.0]]),
    )
    model = LinearModel(("A", "B"), (0.0, 0.0), {}, dense)
    assert list(dense.scores(np.array([3.0, 5.0]))) == pytest.approx([2.0, 0.0])
    assert model.probabilities([], np.array([1.0, 9.0]))["A"] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        model.probabilities(["w=x"])
    assert LinearModel.from_json(model.to_json()).dense is not None


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data" / "dev" / "wikievents").exists(), reason="no dev data")
def test_shipped_model_scores_the_held_out_wikievents_as_its_metrics_say() -> None:
    """The figures in model.json (and docs/model-card.md) for WikiEvents, a set never trained
    on, recomputed from the shipped model."""
    from newsevents.tools.train_events import event_label, load_examples, read, report

    recorded = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["metrics"]
    examples, sources = load_examples(SHARED, None, only=("wikievents",))
    models = load_models()
    readings = [(read(e, models), event_label(e, sources)) for e in examples]
    assert report(readings, models) == recorded["heldout/wikievents"]


def test_a_sentence_with_no_trigger_the_detector_rejects_is_not_typed() -> None:
    from newsevents.events.classify import principal_event, read_sentence
    from newsevents.nlp import load_language

    models = load_models()
    [quiet] = load_language()("The weather in the capital was mild and dry.").sents
    typing = read_sentence(quiet, models)
    assert typing.event_probability < 0.5 and not typing.probabilities
    assert principal_event(quiet, typing) is None
    [attack] = load_language()("Gunmen killed twelve villagers in Zamfara on Monday.").sents
    event = principal_event(attack, read_sentence(attack, models))
    assert event is not None and event[1] == "ASSAULT"
    assert models.calibration(event[2], NEWS) >= models.min_confidence


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("The two sides signed a peace deal in Doha.", "Agreement"),
        ("A ceasefire took effect at midnight.", "Agreement"),
        ("Police detained the opposition leader.", "Arrests"),
        ("The faction split and renamed itself.", "Change to group/activity"),
        ("Soldiers looted shops in the market.", "Looting/property destruction"),
        ("Militants burned down three houses.", "Looting/property destruction"),
        ("The rebels withdrew from the town overnight.", "Non-violent transfer of territory"),
        ("The militia set up a new base in the hills.", "Headquarters or base established"),
    ],
)
def test_strategic_development_cues_read_the_codebook_definitions(
    text: str, sub_event: str
) -> None:
    assert sub_event in acled_cues(text)


def test_strategic_development_cues_stay_off_ordinary_words() -> None:
    for text in ("The deal of the day.", "The building stood empty.", "He took over the shop."):
        assert not {"Agreement", "Looting/property destruction"} & set(acled_cues(text)), text
