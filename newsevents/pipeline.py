"""The pipeline: documents in, readings out, one small component per stage.

Like spaCy, components are registered by name and composed by configuration: a component is a
callable that takes a :class:`Reading` and enriches it in place. ``extract`` always runs first
(it turns a :class:`Document` into the :class:`Article` a reading is built around); the stages
after it are named in ``Pipeline(stages=...)``. A failure in one article becomes an
:class:`InputError` for that article and the batch goes on: a ``StageError`` with its reason, or
any other exception reported as an internal error.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsevents.records import Document, InputError, Reading

Component = Callable[[Reading], None]

# name -> "module:factory"; a factory takes no arguments and returns a Component.
# Imported lazily so that `newsevents extract --stages ''` never loads spaCy.
COMPONENT_FACTORIES: dict[str, str] = {
    "nlp": "newsevents.nlp:NlpComponent",
    "events": "newsevents.events:EventsComponent",
    "geo": "newsevents.geo:GeoComponent",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(COMPONENT_FACTORIES)


class StageError(Exception):
    """Raised by a component for an article it cannot handle; names the reason."""


def load_component(name: str) -> Component:
    try:
        target = COMPONENT_FACTORIES[name]
    except KeyError:
        known = ", ".join(COMPONENT_FACTORIES) or "none"
        raise ValueError(f"unknown pipeline stage {name!r} (known: {known})") from None
    module_name, factory_name = target.split(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    component: Component = factory()
    return component


@dataclass
class StageTimes:
    """Seconds spent per stage, for `newsevents bench`."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, elapsed: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed


class Pipeline:
    def __init__(self, stages: Sequence[str] = DEFAULT_STAGES) -> None:
        self.stage_names = list(stages)
        self.components = [(name, load_component(name)) for name in self.stage_names]
        self.times = StageTimes()

    def read(self, document: Document) -> Reading | InputError:
        from newsevents.extract import ExtractionError, extract

        started = time.perf_counter()
        try:
            article = extract(document)
        except ExtractionError as error:
            return InputError(document.input_id, str(error), stage="extract")
        finally:
            self.times.add("extract", time.perf_counter() - started)
        reading = Reading(article=article)
        for name, component in self.components:
            started = time.perf_counter()
            try:
                component(reading)
            except StageError as error:
                return InputError(document.input_id, str(error), stage=name)
            except Exception as error:  # a bug on one article must not end the batch
                message = f"internal error ({type(error).__name__}: {error}); please report it"
                return InputError(document.input_id, message, stage=name)
            finally:
                self.times.add(name, time.perf_counter() - started)
        return reading

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Reading | InputError]:
        for item in items:
            yield item if isinstance(item, InputError) else self.read(item)
