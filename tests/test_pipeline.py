import dataclasses
import re

import pytest

from newsevents.pipeline import (
    BATCH_SIZE,
    DEFAULT_STAGES,
    STAGES,
    Pipeline,
    PipelineConfigError,
    check_stages,
)
from newsevents.records import Document, InputError, Reading


def test_nlp_stage_parses_and_lists_entities() -> None:
    text = "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Moscow on Tuesday."
    result = Pipeline(["nlp"]).read(Document(input_id="t", content=text.encode(), kind="article"))
    assert isinstance(result, Reading)
    assert result.doc is not None
    assert any(e.text == "Moscow" for e in result.entities)
    for entity in result.entities:
        assert result.article.text[entity.start : entity.end] == entity.text


def test_unreadable_document_becomes_an_error_and_the_batch_goes_on() -> None:
    good = Document(input_id="good", content=b"Troops advanced on the town.", kind="article")
    empty = Document(input_id="empty", content=b"   ", kind="article")
    results = list(Pipeline([]).run([empty, good]))
    assert isinstance(results[0], InputError) and results[0].input_id == "empty"
    assert isinstance(results[1], Reading)


def test_python_api_reads_a_text_with_its_publication_date() -> None:
    import datetime

    import newsevents

    reading = newsevents.read_text(
        "Police arrested 12 protesters in Lagos.", published=datetime.date(2024, 5, 7)
    )
    assert reading.article.published == datetime.date(2024, 5, 7)
    assert reading.article.text.startswith("Police arrested")


def test_a_component_bug_on_one_article_is_reported_and_the_batch_goes_on() -> None:
    def fragile(reading: Reading) -> None:
        if "boom" in reading.article.text:
            raise KeyError("announce")

    pipeline = Pipeline([])
    pipeline.components = [("fragile", fragile)]
    documents = [
        Document(input_id="bad", content=b"This article goes boom.", kind="article"),
        Document(input_id="good", content=b"Troops advanced on the town.", kind="article"),
    ]
    results = list(pipeline.run(documents))
    assert isinstance(results[0], InputError)
    assert results[0].stage == "fragile" and "KeyError" in results[0].message
    assert isinstance(results[1], Reading)


def test_verbless_sentences_with_event_nouns_finish() -> None:
    """Climbing the parse from a noun to its verb once looped forever at a verbless root."""
    import signal

    text = "Three air strikes in western Mosul. The report. Dozens of casualties in Aleppo."
    signal.alarm(60)
    try:
        result = Pipeline().read(Document(input_id="t", content=text.encode(), kind="article"))
    finally:
        signal.alarm(0)
    assert isinstance(result, Reading)


class BatchRecorder:
    """A component with a ``pipe`` method: records the batches it is given."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, reading: Reading) -> None:
        raise AssertionError("run() must use pipe()")

    def pipe(self, readings: list[Reading]) -> list[Exception | None]:
        self.batches.append([r.article.input_id for r in readings])
        return [ValueError("odd") if r.article.input_id == "3" else None for r in readings]


def test_run_hands_batches_to_components_that_pipe_and_keeps_order_and_errors() -> None:
    recorder = BatchRecorder()
    pipeline = Pipeline([])
    pipeline.components = [("recorder", recorder)]
    documents = [
        Document(input_id=str(i), content=b"Troops advanced." if i != 1 else b" ", kind="article")
        for i in range(BATCH_SIZE + 2)
    ]
    results = list(pipeline.run(documents))
    assert [r.input_id if isinstance(r, InputError) else r.article.input_id for r in results] == [
        str(i) for i in range(BATCH_SIZE + 2)
    ]
    assert [type(r).__name__ for r in results[:4]] == [
        "Reading",
        "InputError",  # empty: never reaches the component
        "Reading",
        "InputError",  # the component's error for this one article
    ]
    assert recorder.batches[0] == [str(i) for i in range(BATCH_SIZE) if i != 1]
    assert recorder.batches[1] == [str(BATCH_SIZE), str(BATCH_SIZE + 1)]
    assert pipeline.times.extract_by_kind["article"] > 0
    assert set(pipeline.times.cpu_seconds) == set(pipeline.times.seconds) == {"extract", "recorder"}


def test_every_stage_declares_fields_a_reading_has() -> None:
    fields = {f.name for f in dataclasses.fields(Reading)}
    for name, spec in STAGES.items():
        declared = {*spec.requires, *spec.provides, *spec.refines}
        assert declared <= fields, f"{name} declares {declared - fields}"


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (["nlp", "geo", "events"], "stage 'geo' fills in 'events': put 'events' before 'geo'"),
        (["events"], "stage 'events' needs 'doc': put 'nlp' before 'events'"),
        (["geo", "nlp"], "stage 'geo' needs 'doc': put 'nlp' before 'geo'"),
        (["nlp", "nlp"], "named twice"),
        (["nlp", "sentiment"], "unknown pipeline stage 'sentiment'"),
    ],
)
def test_a_pipeline_out_of_order_is_refused_when_built(stages: list[str], message: str) -> None:
    with pytest.raises(PipelineConfigError, match=re.escape(message)):
        Pipeline(stages)


@pytest.mark.parametrize("stages", [[], ["nlp"], ["nlp", "events"], ["nlp", "geo"], DEFAULT_STAGES])
def test_pipelines_in_order_are_accepted(stages: list[str]) -> None:
    check_stages(stages)


def test_the_cli_names_a_misordered_stage_in_one_line() -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    result = CliRunner().invoke(main, ["extract", "--stages", "nlp,geo,events", "-"], input="x")
    assert result.exit_code == 2
    assert "put 'events' before 'geo'" in result.output
    assert "Traceback" not in result.output


def test_a_warm_up_reads_an_article_but_keeps_no_times() -> None:
    pipeline = Pipeline(stages=[])
    pipeline.warm_up()
    assert pipeline.times.seconds == {}
    pipeline.read(Document(input_id="a", content=b"Rain fell on the coast.", kind="article"))
    assert set(pipeline.times.seconds) == {"extract"}


def test_a_warm_up_lets_more_objects_pass_between_collections() -> None:
    import gc

    from newsevents.pipeline import YOUNG_GC_THRESHOLD

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        Pipeline(stages=[]).warm_up()
        assert gc.get_threshold() == (YOUNG_GC_THRESHOLD, 10, 10)
    finally:
        gc.set_threshold(*before)
