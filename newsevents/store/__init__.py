"""store: articles, their event mentions, and events grouped across articles, in a database.

One schema (``schema.py``, versioned migrations) behind :class:`Store`, on DuckDB (the default:
``newsevents.duckdb`` in the working folder) or PostgreSQL (``postgresql://...``). ``Store.write``
stores a batch of pipeline results in one transaction; the article id makes it idempotent.
``query.py`` holds the typed :class:`EventFilter` and the paged queries that ``newsevents
export`` and the REST API share. See docs/store.md.
"""

from __future__ import annotations

from newsevents.store.backends import DEFAULT_DB, StoreError
from newsevents.store.store import BatchOutcome, Store

__all__ = ["DEFAULT_DB", "BatchOutcome", "Store", "StoreError"]
