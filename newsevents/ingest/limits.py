"""The safety limits of ingestion, and how a user changes them."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

MB = 1_000_000

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
        defaults = cls()
        values: dict[str, Any] = {}
        for variable, name in ENVIRONMENT.items():
            if (raw := os.environ.get(variable)) is None:
                continue
            convert = type(getattr(defaults, name))  # int or float, as the default is
            try:
                values[name] = convert(raw)
            except ValueError:
                raise ValueError(f"{variable} must be a number, not {raw!r}") from None
        return dataclasses.replace(defaults, **values)


def format_size(size: int) -> str:
    """Bytes for people: 512 bytes, 1.5 KB, 50 MB, 2.1 GB."""
    if size < 1000:
        return f"{size} bytes"
    scale, unit = next(
        (scale, unit)
        for scale, unit in ((1e3, "KB"), (1e6, "MB"), (1e9, "GB"))
        if size < scale * 1000 or unit == "GB"
    )
    return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
