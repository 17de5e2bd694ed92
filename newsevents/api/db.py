"""The store as the API reads it: one backend per worker thread.

A DuckDB connection must not be shared by threads running queries at once, but its cursors may
be (each is a connection to the same database); a PostgreSQL server takes one connection per
thread. The web server answers from a pool of threads, so each gets its own.
"""

from __future__ import annotations

import threading

from newsevents.store.backends import Backend, DuckDBBackend, connect
from newsevents.store.schema import migrate


class DuckDBCursor(DuckDBBackend):
    """A thread's own cursor on an open DuckDB database, with the backend's calls."""

    def __init__(self, parent: DuckDBBackend) -> None:  # noqa: D107 - no database is opened
        self.label = parent.label
        self.errors = parent.errors
        self.connection = parent.connection.cursor()


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.main = connect(url)
        migrate(self.main)
        self.local = threading.local()

    def backend(self) -> Backend:
        """This thread's backend."""
        backend: Backend | None = getattr(self.local, "backend", None)
        if backend is None:
            if isinstance(self.main, DuckDBBackend):
                backend = DuckDBCursor(self.main)
            else:
                backend = connect(self.url)
            self.local.backend = backend
        return backend

    def close(self) -> None:
        self.main.close()
