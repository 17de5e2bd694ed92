"""The items `newsevents watch` has read, kept in the store (``watched_items``, migration 3), so
that a watcher started again on the same store reads none of them again.

An item is known by its key (its URL, else its input id: a file's path, a feed item's id). Only
items read through to the store are kept here; one that failed stays out, to be tried again.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsevents.store.backends import Backend
from newsevents.store.store import IN_LIST, utc_now


class WatchedItems:
    """The keys of the items read, in the store behind ``backend``."""

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
        rows = [(key, now) for key in dict.fromkeys(keys)]
        with self.backend.transaction():
            self.backend.insert(
                "watched_items", ("item_key", "read_at"), rows, "ON CONFLICT (item_key) DO NOTHING"
            )
