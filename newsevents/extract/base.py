"""What every reader of the extract stage returns, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class ExtractionError(Exception):
    """The document holds no article text that can be read; the message says why."""


@dataclass(frozen=True)
class ExtractedPage:
    """The article found in a page: its body text and what the page says about it."""

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None  # the page's own address (its canonical link), when it gives one
    warnings: tuple[str, ...] = ()  # what was not read ("page too large to read whole")
