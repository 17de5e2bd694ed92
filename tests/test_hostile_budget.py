"""The per-item budget: a pathological item fails alone, in the main thread and in others."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.budget import UNBOUNDED, Budget, OverBudget, within
from newsevents.ingest import Limits, read_sources
from newsevents.ingest.formats import Payload
from newsevents.pipeline import Pipeline, run_component
from newsevents.records import Article, Document, InputError, Reading

SHORT = Budget(seconds=0.3, memory=0)


def spin(seconds: float) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        pass


def test_work_past_its_time_is_interrupted_in_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget, match=r"took longer than 0\.3 s"), within(SHORT):
        spin(5)
    assert time.monotonic() - started < 2


def test_work_past_its_time_is_interrupted_in_another_thread() -> None:
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with within(SHORT):
                spin(5)
        except OverBudget as error:
            caught.append(error)

    started = time.monotonic()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert time.monotonic() - started < 2
    assert [str(error) for error in caught] == ["took longer than 0.3 s (the item time budget)"]


@pytest.mark.parametrize("in_thread", [False, True])
def test_work_within_its_budget_is_left_alone_and_nothing_fires_later(in_thread: bool) -> None:
    outcome: list[str] = []

    def work() -> None:
        with within(SHORT):
            spin(0.05)
        spin(0.6)  # an alarm left behind would interrupt this
        outcome.append("done")

    if in_thread:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join(10)
    else:
        work()
    assert outcome == ["done"]


def test_memory_growth_past_the_budget_is_interrupted() -> None:
    kept = []
    budget = Budget(seconds=0, memory=50_000_000)
    with pytest.raises(OverBudget, match="more than 50 MB of memory"), within(budget):  # noqa: PT012
        for _ in range(100):  # 1 GB at most, in 10 MB steps that the checks see
            kept.append(b"x" * 10_000_000)
            time.sleep(0.02)
    kept.clear()


def test_a_nested_budget_runs_under_the_outer_one() -> None:
    with pytest.raises(OverBudget), within(SHORT), within(Budget(seconds=100, memory=0)):
        spin(5)


def test_budget_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_ITEM_TIMEOUT", "2.5")
    assert Budget.from_environment().seconds == 2.5
    monkeypatch.setenv("NEWSEVENTS_ITEM_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="NEWSEVENTS_ITEM_TIMEOUT must be a number"):
        Budget.from_environment()


def reading(text: str) -> Reading:
    return Reading(article=Article(id=text, input_id=text, text=text))


class SlowOn:
    """A component that hangs on the article whose text is ``slow``."""

    def __init__(self, slow: str) -> None:
        self.slow = slow

    def __call__(self, reading: Reading) -> None:
        if reading.article.text == self.slow:
            spin(30)
        reading.warnings.append("seen")


class SlowBatchOn(SlowOn):
    def pipe(self, readings: list[Reading]) -> list[Exception | None]:
        for each in readings:
            self(each)
        return [None] * len(readings)


@pytest.mark.parametrize("component", [SlowOn("b"), SlowBatchOn("b")])
def test_a_stage_fails_only_the_item_past_its_budget(component: SlowOn) -> None:
    readings = [reading("a"), reading("b"), reading("c")]
    started = time.monotonic()
    outcomes = run_component(component, readings, SHORT)
    assert time.monotonic() - started < 5
    assert [str(o) if o else None for o in outcomes] == [
        None,
        "took longer than 0.3 s (the item time budget)",
        None,
    ]
    assert readings[2].warnings[-1] == "seen"


def test_unbounded_runs_to_the_end() -> None:
    assert run_component(SlowOn("x"), [reading("a")], UNBOUNDED) == [None]


def test_extraction_past_its_budget_is_that_items_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsevents.extract as extract

    real = extract.read_document

    def slow_on_b(document: Document) -> extract.Extraction:
        if document.input_id == "b":
            spin(30)
        return real(document)

    monkeypatch.setattr(extract, "read_document", slow_on_b)
    text = b"Floods forced thousands of people from their homes in the valley on Monday."
    documents = [Document(name, text, "article") for name in "abc"]
    real(documents[0])  # loads the language identifier's model: not part of any item's budget
    results = list(Pipeline([], budget=SHORT).run(documents))
    assert [type(r).__name__ for r in results] == ["Reading", "InputError", "Reading"]
    assert isinstance(results[1], InputError)
    assert str(results[1]) == "b: extract error: took longer than 0.3 s (the item time budget)"


def test_reading_an_input_past_its_budget_is_that_inputs_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsevents.ingest.sources as sources

    real = sources.read_payload

    def slow_on_b(payload: Payload, limits: Limits) -> Iterator[Document | InputError]:
        if payload.input_id.endswith("b.txt"):
            spin(30)
        yield from real(payload, limits)

    monkeypatch.setattr(sources, "read_payload", slow_on_b)
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        paths.append(tmp_path / name)
        paths[-1].write_text("Floods forced thousands from their homes on Monday.")
    results = list(read_sources(map(str, paths), budget=SHORT))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    assert (
        str(results[1])
        == f"{paths[1]}: ingest error: took longer than 0.3 s (the item time budget)"
    )
