"""When to try again something that keeps failing: a watched source, or an item of one.

Shared by the watcher (``newsevents.scale.watch``), which decides, and the store
(``newsevents.store.watched``), which keeps an item's tries across restarts; neither layer
imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BACKOFF = 16  # polling intervals between tries of a source or an item that keeps failing


@dataclass
class Tries:
    """When to try a source or an item next: an interval after a success, and after failures
    in a row a wait that doubles with each, up to ``MAX_BACKOFF`` intervals."""

    due: float = 0.0  # clock time of the next try
    failures: int = 0  # in a row

    def failed(self, now: float, every: float) -> None:
        self.failures += 1
        self.due = now + every * min(2 ** (self.failures - 1), MAX_BACKOFF)

    def succeeded(self, now: float, every: float) -> None:
        self.failures, self.due = 0, now + every
