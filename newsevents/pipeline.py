"""The pipeline: documents in, readings out, one small component per stage.

Like spaCy, components are registered by name and composed by configuration: a component is a
callable that takes a :class:`Reading` and enriches it in place. Each stage declares, in its
:class:`StageSpec`, the :class:`Reading` fields it ``requires`` (an earlier stage must provide
them), those it ``provides`` and those it ``refines`` (writes into when present, so their
provider must run first: ``geo`` places the events, so it comes after ``events``). A pipeline
is checked when it is built: ``Pipeline(["nlp", "geo", "events"])`` raises
:class:`PipelineConfigError` instead of silently dropping every event's location.

``extract`` always runs first (it turns a :class:`Document` into the :class:`Article` a reading
is built around); the stages after it are named in ``Pipeline(stages=...)``. A failure in one
article becomes an :class:`InputError` for that article and the batch goes on: a ``StageError``
with its reason, or any other exception reported as an internal error. Every stage, extraction
included, runs each article under the pipeline's :class:`~newsevents.budget.Budget` (time and
memory per item): an article past it becomes its error ("took longer than 60 s").

``Pipeline.run`` reads articles in small batches, so that a component with a ``pipe`` method
(the ``nlp`` stage: spaCy is faster on several texts at once) gets them together. ``pipe``
returns, for each reading, None or the exception that stopped it.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from newsevents.budget import UNBOUNDED, Budget, OverBudget, within
from newsevents.records import Document, InputError, Reading

Component = Callable[[Reading], None]
BATCH_SIZE = 8  # spaCy gains little from larger batches; larger ones delay a stream's output
YOUNG_GC_THRESHOLD = 20_000  # new objects between the collector's passes (Python's: 700)
WARM_UP_ARTICLE = Document(
    input_id="warm-up",
    content=b"Police fired tear gas at protesters in Nairobi on Monday, officials said.",
    kind="article",
)


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: where its factory lives and the contract it keeps.

    ``factory`` is "module:callable", imported only when the stage is used, so that
    ``newsevents extract --stages ''`` never loads spaCy. Field names are :class:`Reading`'s.
    """

    factory: str
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    refines: tuple[str, ...] = ()


EXTRACT_PROVIDES = ("article",)

STAGES: dict[str, StageSpec] = {
    "nlp": StageSpec(
        "newsevents.nlp:NlpComponent",
        requires=("article",),
        provides=("doc", "entities", "numbers", "times"),
    ),
    "events": StageSpec(
        "newsevents.events:EventsComponent",
        requires=("article", "doc", "numbers", "times"),
        provides=("events",),
    ),
    "geo": StageSpec(
        "newsevents.geo:GeoComponent",
        requires=("article", "doc"),
        provides=("places", "geo_metonyms"),
        refines=("events",),
    ),
}

DEFAULT_STAGES: tuple[str, ...] = tuple(STAGES)


class PipelineConfigError(ValueError):
    """A pipeline whose stages are unknown or out of order; says what to change."""


class StageError(Exception):
    """Raised by a component for an article it cannot handle; names the reason."""


class NotCodable(StageError):
    """Raised for an article that was read but that this stage cannot code (not English, say):
    it is no error; the reading goes on, without events, the reason in ``Reading.uncoded``, and
    the later stages leave it alone."""


def check_stages(names: Sequence[str]) -> None:
    """Raise PipelineConfigError unless every stage is known, named once, and finds what it
    requires (and what it refines) already provided by the stages before it."""
    unknown = [name for name in names if name not in STAGES]
    if unknown:
        known = ", ".join(STAGES) or "none"
        raise PipelineConfigError(f"unknown pipeline stage {unknown[0]!r} (known: {known})")
    if len(set(names)) != len(names):
        raise PipelineConfigError(f"a stage is named twice in {', '.join(names)}")
    providers = {f: stage for stage in names for f in STAGES[stage].provides}
    provided = set(EXTRACT_PROVIDES)
    for name in names:
        spec = STAGES[name]
        for needed in spec.requires:
            if needed not in provided:
                raise PipelineConfigError(order_advice(name, needed, "needs", providers))
        for refined in spec.refines:
            if refined in providers and refined not in provided:
                raise PipelineConfigError(order_advice(name, refined, "fills in", providers))
        provided.update(spec.provides)


def order_advice(stage: str, field_name: str, verb: str, providers: dict[str, str]) -> str:
    provider = providers.get(field_name) or next(
        (name for name, spec in STAGES.items() if field_name in spec.provides), None
    )
    fix = f"put {provider!r} before {stage!r}" if provider else "no stage provides it"
    return f"stage {stage!r} {verb} {field_name!r}: {fix}"


def load_component(name: str) -> Component:
    module_name, factory_name = STAGES[name].factory.split(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    component: Component = factory()
    return component


@dataclass
class StageTimes:
    """Seconds spent per stage, wall and CPU (this process's), for `newsevents bench`;
    extraction's wall seconds also by document kind."""

    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    extract_by_kind: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, kind: str | None = None) -> Iterator[None]:
        """Counts the block's seconds as stage ``name``'s (and, given one, as ``kind``'s)."""
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed
            self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + cpu
            if kind is not None:
                self.extract_by_kind[kind] = self.extract_by_kind.get(kind, 0.0) + elapsed


def run_component(
    component: Component, readings: list[Reading], budget: Budget = UNBOUNDED
) -> list[Exception | None]:
    """Apply a component to readings: through its ``pipe`` method when it has one, under
    ``budget`` per reading. A batch that runs over its budget is read again one reading at a
    time, so that only the reading that costs too much fails."""
    pipe = getattr(component, "pipe", None)
    if pipe is not None:
        try:
            with within(budget.times(len(readings))):
                outcomes: list[Exception | None] = pipe(readings)
            return outcomes
        except OverBudget as error:
            if len(readings) == 1:
                return [StageError(str(error))]
    return [call_safely(component, reading, budget) for reading in readings]


def call_safely(
    component: Component, reading: Reading, budget: Budget = UNBOUNDED
) -> Exception | None:
    try:
        with within(budget):
            component(reading)
    except OverBudget as error:
        return StageError(str(error))
    except Exception as error:  # a bug on one article must not end the batch
        return error
    return None


def stage_error(input_id: str, stage: str, error: Exception) -> InputError:
    if isinstance(error, StageError):
        return InputError(input_id, str(error), stage=stage)
    message = f"internal error ({type(error).__name__}: {error}); please report it"
    return InputError(input_id, message, stage=stage)


class Pipeline:
    def __init__(
        self, stages: Sequence[str] = DEFAULT_STAGES, budget: Budget | None = None
    ) -> None:
        self.stage_names = list(stages)
        # What one item may cost at each stage (newsevents.budget); from the environment.
        self.budget = budget or Budget.from_environment()
        check_stages(self.stage_names)
        self.components = [(name, load_component(name)) for name in self.stage_names]
        self.times = StageTimes()

    @classmethod
    def warmed_up(
        cls, stages: Sequence[str] = DEFAULT_STAGES, budget: Budget | None = None
    ) -> Pipeline:
        """A pipeline for a process that reads for long (a reading command, the API server's
        ingest), built and warmed up (``warm_up``)."""
        pipeline = cls(stages, budget)
        pipeline.warm_up()
        return pipeline

    def warm_up(self) -> None:
        """Read one short article and forget its times: the first article through a fresh
        pipeline pays one-time costs (lazy imports, the language identifier's model, tables:
        about 1 s of CPU), which a worker or a benchmark pays here, before its clock. Then what
        is alive (the models, tables and indexes, kept for the whole process) is moved out of
        the cyclic garbage collector's reach: its full collections walked all of it, though
        none of it is ever garbage (0.78 -> 0.39 CPU s of collections in 200 articles). And the
        collector waits for more new objects before a pass (``YOUNG_GC_THRESHOLD``): an article
        makes and drops hundreds of thousands, nearly all freed by their counts, and with
        Python's 700 a pass ran every few hundred words, moving the survivors of the moment to
        older generations, later walked again (0.42 -> 0.08 CPU s of collections in 200 bench
        articles, the same peak memory)."""
        list(self.run([WARM_UP_ARTICLE]))
        self.times = StageTimes()
        gc.freeze()
        gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])

    def read(self, document: Document) -> Reading | InputError:
        return self.read_batch([document])[0]

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Reading | InputError]:
        remaining = iter(items)
        while batch := list(islice(remaining, BATCH_SIZE)):
            yield from self.read_batch(batch)

    def read_batch(self, items: list[Document | InputError]) -> list[Reading | InputError]:
        return self.code(
            [item if isinstance(item, InputError) else self.extract(item) for item in items]
        )

    def code(self, extracted: list[Reading | InputError]) -> list[Reading | InputError]:
        """The stages after ``extract``, over extracted readings (errors pass through): for a
        caller that looks at the articles before coding them, as ``newsevents ingest`` skips
        those already stored."""
        results = list(extracted)
        for name, component in self.components:
            live = [
                (i, r) for i, r in enumerate(results) if isinstance(r, Reading) and not r.uncoded
            ]
            if not live:
                break
            with self.times.stage(name):
                outcomes = run_component(component, [r for _, r in live], self.budget)
            for (i, reading), outcome in zip(live, outcomes, strict=True):
                if isinstance(outcome, NotCodable):
                    reading.uncoded = f"{name}: {outcome}"
                elif outcome is not None:
                    results[i] = stage_error(reading.article.input_id, name, outcome)
        return results

    def extract(self, document: Document) -> Reading | InputError:
        from newsevents.extract import ExtractionError, read_document

        with self.times.stage("extract", kind=document.kind):
            try:
                with within(self.budget):
                    extraction = read_document(document)
                return Reading(article=extraction.article, warnings=list(extraction.warnings))
            except (ExtractionError, OverBudget) as error:
                return InputError(document.input_id, str(error), stage="extract")
