"""Reading gold files: clear errors for malformed ones, and a count of everything skipped."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO


class GoldError(ValueError):
    """A gold file that cannot be read as its format says; names the file and the line or item."""

    def __init__(self, path: Path | str, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}")


@dataclass
class Skipped:
    """Gold items left out of the score, counted by reason so that nothing vanishes silently."""

    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, reason: str) -> None:
        self.reasons[reason] += 1

    @property
    def total(self) -> int:
        return sum(self.reasons.values())

    def to_json(self) -> dict[str, Any]:
        return {"n": self.total, "reasons": dict(self.reasons.most_common())}


@dataclass
class LoadLog:
    """What loading a gold file left out (``skipped``) and what it had to fix to keep an item
    (``adjusted``: offsets moved onto their phrase, say)."""

    skipped: Skipped = field(default_factory=Skipped)
    adjusted: Skipped = field(default_factory=Skipped)

    def skip(self, reason: str) -> None:
        self.skipped.add(reason)

    def adjust(self, reason: str) -> None:
        self.adjusted.add(reason)

    def to_json(self) -> dict[str, Any]:
        out = {"skipped": self.skipped.to_json()}
        if self.adjusted.total:
            out["adjusted"] = self.adjusted.to_json()
        return out


def open_binary(path: Path) -> BinaryIO:
    """A file, gunzipped on the fly when its name ends in .gz; one that cannot be opened (a
    folder where a file is expected, say) is a GoldError naming it."""
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as error:
        raise GoldError(path, "path", f"cannot read it ({error.strerror or error})") from None


def read_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object is an
    error naming its number."""
    with open_binary(path) as stream:
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            if not line:
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldError(path, f"line {number}", f"not valid JSON ({error.msg})") from None
            if not isinstance(value, dict):
                raise GoldError(path, f"line {number}", "expected a JSON object")
            yield number, value


def read_json(path: Path) -> Any:
    with open_binary(path) as stream:
        try:
            return json.load(stream)
        except json.JSONDecodeError as error:
            raise GoldError(path, f"line {error.lineno}", f"not valid JSON ({error.msg})") from None


def parse_date(value: Any) -> date | None:
    """An ISO date, or the date part of an ISO timestamp; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.strptime(text, "%B %d, %Y").date()
    except ValueError:
        return None
