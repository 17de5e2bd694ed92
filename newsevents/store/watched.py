"""The items `newsevents watch` has read, kept in the store (``watched_items``, migration 3), so
that a watcher started again on the same store reads none of them again; and those that failed,
with their failures in a row and when to try each next (``watch_failures``, migration 5), so
that it tries them no sooner than their backoff says.

An item is known by its key (its URL, else its input id: a file's path, a feed item's id). Only
items read through to the store are kept as read; one that failed stays out, to be tried again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from newsevents.backoff import Tries
from newsevents.store.backends import Backend
from newsevents.store.store import IN_LIST, utc_now

FAILURE_UPDATE = (
    "ON CONFLICT (item_key) DO UPDATE SET "
    "failures = excluded.failures, next_try_at = excluded.next_try_at"
)


class WatchedItems:
    """The keys of the items read, and the tries of those failing, in the store behind
    ``backend``. Due times are wall-clock seconds since the epoch, kept as UTC timestamps."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def known(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` read before."""
        asked = list(keys)
        if not asked:
            return set()
        rows = self.backend.fetch(
            f"SELECT item_key FROM watched_items WHERE item_key IN {IN_LIST}", [asked]
        )
        return {row[0] for row in rows}

    def remember(self, keys: Iterable[str]) -> None:
        now = utc_now()
        read = list(dict.fromkeys(keys))
        with self.backend.transaction():
            self.backend.insert(
                "watched_items",
                ("item_key", "read_at"),
                [(key, now) for key in read],
                "ON CONFLICT (item_key) DO NOTHING",
            )
            if read:
                self.backend.execute(
                    f"DELETE FROM watch_failures WHERE item_key IN {IN_LIST}", [read]
                )

    def failing(self, keys: Iterable[str]) -> dict[str, Tries]:
        asked = list(keys)
        if not asked:
            return {}
        rows = self.backend.fetch(
            "SELECT item_key, failures, next_try_at FROM watch_failures "
            f"WHERE item_key IN {IN_LIST}",
            [asked],
        )
        return {
            key: Tries(due=due.replace(tzinfo=UTC).timestamp(), failures=failures)
            for key, failures, due in rows
        }

    def record_failures(self, tries: dict[str, Tries]) -> None:
        rows = [
            (key, t.failures, datetime.fromtimestamp(t.due, UTC).replace(tzinfo=None))
            for key, t in tries.items()
        ]
        if not rows:
            return
        with self.backend.transaction():
            self.backend.insert(
                "watch_failures", ("item_key", "failures", "next_try_at"), rows, FAILURE_UPDATE
            )
