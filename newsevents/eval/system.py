"""The system under test: the newsevents pipeline, run on gold texts one at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from newsevents.pipeline import Pipeline
from newsevents.records import Document, InputError, Reading

Reader = Callable[[Document], Reading | InputError]
Progress = Callable[[Iterable[Any], str], Iterable[Any]]


def no_progress(items: Iterable[Any], label: str) -> Iterable[Any]:
    return items


def pipeline_reader(stages: Sequence[str]) -> Reader:
    """``Pipeline(stages).read``; PipelineConfigError names an unknown stage or a wrong order."""
    return Pipeline(stages).read


def article_document(
    input_id: str, text: str, title: str | None = None, published: date | None = None
) -> Document:
    """A gold text as the pipeline receives it: an article body that needs no extraction."""
    return Document(
        input_id=input_id, content=text.encode(), kind="article", title=title, published=published
    )
