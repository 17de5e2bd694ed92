"""The safety limits of ingestion, and how a user changes them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from newsevents.settings import MB, format_size, numbers_from_environment

__all__ = ["ENVIRONMENT", "MB", "Limits", "format_size"]

# Environment variable -> Limits field. Values are numbers (bytes, seconds or a count).
ENVIRONMENT = {
    "NEWSEVENTS_MAX_BYTES": "max_bytes",
    "NEWSEVENTS_MAX_GZIP_RATIO": "max_gzip_ratio",
    "NEWSEVENTS_CONNECT_TIMEOUT": "connect_timeout",
    "NEWSEVENTS_READ_TIMEOUT": "read_timeout",
    "NEWSEVENTS_FETCH_DEADLINE": "fetch_deadline",
    "NEWSEVENTS_MAX_REDIRECTS": "max_redirects",
}


@dataclass(frozen=True)
class Limits:
    """How much one input may cost before it is refused.

    ``max_bytes`` bounds one document (a page, a text file, a feed, one JSON Lines line, one WARC
    record) after decompression, and the body of one HTTP response. Collections (JSON Lines,
    WARC) are streamed, so their total size is not bounded; compressed data that expands more
    than ``max_gzip_ratio`` times (past its first megabyte) is taken for a gzip bomb.
    """

    max_bytes: int = 10 * MB
    max_gzip_ratio: int = 200
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    fetch_deadline: float = 60.0
    max_redirects: int = 5

    @classmethod
    def from_environment(cls) -> Limits:
        """The defaults, with any ``NEWSEVENTS_*`` variable of :data:`ENVIRONMENT` applied."""
        return dataclasses.replace(cls(), **numbers_from_environment(cls(), ENVIRONMENT))
