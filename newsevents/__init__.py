"""newsevents: read the world's news and turn it into event data.

The Python API in two calls::

    import newsevents

    for reading in newsevents.read("page.html", "feed.xml"):   # Reading or InputError
        ...
    reading = newsevents.read_text("Troops shelled the town on Monday.", published=date(2024, 5, 7))
    reading.to_json()
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from newsevents.pipeline import DEFAULT_STAGES, Pipeline, StageError
from newsevents.records import Document, InputError, Reading

__version__ = "0.1.0"
__all__ = ["InputError", "Pipeline", "Reading", "read", "read_text"]


def read(
    *sources: str, stages: Sequence[str] = DEFAULT_STAGES, allow_private: bool = False
) -> Iterator[Reading | InputError]:
    """Read files, folders, feeds, WARCs, JSON Lines or URLs; one result per article."""
    from newsevents.ingest import read_sources

    return Pipeline(stages).run(read_sources(sources, allow_private=allow_private))


def read_text(
    text: str,
    published: date | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    input_id: str = "text",
) -> Reading:
    """Read one article body given as a string. Raises StageError when it cannot be read."""
    document = Document(
        input_id=input_id, content=text.encode("utf-8"), kind="article", published=published
    )
    result = Pipeline(stages).read(document)
    if isinstance(result, InputError):
        raise StageError(str(result))
    return result
