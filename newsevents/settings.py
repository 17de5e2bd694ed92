"""Settings read from NEWSEVENTS_* environment variables, and sizes written for people."""

from __future__ import annotations

import os
from typing import Any

MB = 1_000_000


def numbers_from_environment(defaults: Any, variables: dict[str, str]) -> dict[str, Any]:
    """The fields of the dataclass ``defaults`` that the environment sets, by ``variables``
    (environment variable -> field name), each converted to its default's type."""
    values: dict[str, Any] = {}
    for variable, name in variables.items():
        if (raw := os.environ.get(variable)) is None:
            continue
        convert = type(getattr(defaults, name))  # int or float, as the default is
        try:
            values[name] = convert(raw)
        except ValueError:
            raise ValueError(f"{variable} must be a number, not {raw!r}") from None
    return values


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
