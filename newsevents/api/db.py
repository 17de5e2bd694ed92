"""The store as the API reads it: a pool of backends, one lent to each request.

A DuckDB connection must not run two queries at once, but its cursors may (each is a
connection to the same database); a PostgreSQL server takes one connection per client. The web
server answers requests on a pool of threads, and a request's dependencies and its handler may
run on different ones, so a backend is lent to a request for its whole life rather than tied
to a thread.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

from newsevents.store.backends import Backend, DuckDBBackend, connect
from newsevents.store.schema import check_readable, migrate


class DuckDBCursor(DuckDBBackend):
    """A thread's own cursor on an open DuckDB database, with the backend's calls."""

    def __init__(self, parent: DuckDBBackend) -> None:  # noqa: D107 - no database is opened
        self.label = parent.label
        self.errors = parent.errors
        self.connection = parent.connection.cursor()


class Database:
    def __init__(self, url: str, read_only: bool = False) -> None:
        """``read_only``: a DuckDB file several processes may open at once, never written."""
        self.url = url
        self.read_only = read_only
        self.main = connect(url, read_only)
        (check_readable if read_only else migrate)(self.main)
        self.idle: queue.SimpleQueue[Backend] = queue.SimpleQueue()

    @contextmanager
    def lease(self) -> Iterator[Backend]:
        """A backend of the pool for one request (a new one when all are lent)."""
        backend = self.take() or self.open()
        try:
            yield backend
        finally:
            self.idle.put(backend)

    def take(self) -> Backend | None:
        """An idle backend of the pool, if there is one (no I/O)."""
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return None

    def open(self) -> Backend:
        """A new backend for the pool: a DuckDB cursor, or a PostgreSQL connection (I/O)."""
        if isinstance(self.main, DuckDBBackend):
            return DuckDBCursor(self.main)
        return connect(self.url)

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()
        self.main.close()
