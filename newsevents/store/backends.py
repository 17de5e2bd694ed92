"""The two databases behind the store: DuckDB (a file, the default) and PostgreSQL.

Both take the same SQL, written with ``?`` placeholders (PostgreSQL's ``%s`` is made from them),
and the same three calls: ``fetch`` rows, ``execute`` one statement, ``insert`` many rows in one
round trip (DuckDB through an Arrow table, PostgreSQL through psycopg's pipelined
``executemany``). ``transaction()`` makes a block atomic. Every driver error that reaches the
user becomes a :class:`StoreError`: one line that says what is wrong with which database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal, Protocol

DEFAULT_DB = "newsevents.duckdb"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
DUCKDB_SCHEME = "duckdb://"
# Serialises writers on a shared PostgreSQL store (two ingests at once would race on the same
# event); any constant the store alone uses.
POSTGRES_WRITE_LOCK = 7_110_923

STREAM_BATCH = 10_000  # rows a streamed query hands over at once
READ_ONLY_SIGNS = ("permission denied", "operation not permitted", "read-only")
BATCH_VIEW = "newsevents_batch"  # the Arrow table of rows being inserted, as DuckDB sees it

Row = tuple[Any, ...]
Dialect = Literal["duckdb", "postgresql"]


class StoreError(Exception):
    """A database that cannot be opened or used, in one line for the user."""


class Backend(Protocol):
    dialect: Dialect
    label: str  # the database as the user named it, passwords left out

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[Row]]: ...

    def arrow_stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Row], conflict: str = ""
    ) -> None: ...

    def transaction(self, write: bool = True) -> Any: ...

    def close(self) -> None: ...


def connect(url: str, read_only: bool = False) -> Backend:
    """The database named by ``url``: ``postgresql://...``, ``duckdb:///path``, a path, or
    ``:memory:``. Read-only opens never create a database."""
    if url.startswith(POSTGRES_SCHEMES):
        return PostgresBackend(url)
    if url.startswith(DUCKDB_SCHEME):
        url = url.removeprefix(DUCKDB_SCHEME)
    elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"unknown database URL scheme {scheme!r}: use a DuckDB file path or postgresql://..."
        )
    return DuckDBBackend(url, read_only)


def one_line(error: BaseException) -> str:
    """The first meaningful line of a driver's message, without its error-class prefix."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return re.sub(r"^[A-Za-z ]*Error: ", "", text)


class DuckDBBackend:
    dialect: Dialect = "duckdb"

    def __init__(self, path: str, read_only: bool) -> None:
        import duckdb

        self.label = path
        self.errors: tuple[type[Exception], ...] = (duckdb.Error,)
        if path != ":memory:" and read_only and not Path(path).is_file():
            raise StoreError(f"no database at {path}: run `newsevents ingest` first")
        try:
            self.connection = duckdb.connect(path, read_only=read_only)
            # DuckDB draws a progress bar on stdout for long queries: not into an export.
            self.connection.execute("SET enable_progress_bar = false")
        except duckdb.Error as error:
            raise StoreError(duckdb_open_message(path, error)) from None

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.errors_as_store_errors():
            return self.connection.execute(sql, list(params)).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[Row]]:
        """The rows of a query, a batch at a time (for results too large to hold)."""
        with self.errors_as_store_errors():
            cursor = self.connection.execute(sql, list(params))
            while batch := cursor.fetchmany(STREAM_BATCH):
                yield batch

    def arrow_stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """The result as Arrow record batches, straight from DuckDB's columns."""
        with self.errors_as_store_errors():
            reader: Any = self.connection.sql(sql, params=list(params)).to_arrow_reader(
                STREAM_BATCH
            )
            yield from reader

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.errors_as_store_errors():
            self.connection.execute(sql, list(params))

    def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Row], conflict: str = ""
    ) -> None:
        if not rows:
            return
        import pyarrow as pa

        batch = pa.Table.from_pydict(
            {name: [row[i] for row in rows] for i, name in enumerate(columns)}
        )
        with self.errors_as_store_errors():
            self.connection.register(BATCH_VIEW, batch)
            try:
                self.connection.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"SELECT {', '.join(columns)} FROM {BATCH_VIEW} {conflict}"
                )
            finally:
                with suppress(*self.errors):  # an aborted transaction refuses even this
                    self.connection.unregister(BATCH_VIEW)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        with self.errors_as_store_errors():
            self.connection.begin()
            try:
                yield
            except BaseException:
                self.connection.rollback()
                raise
            self.connection.commit()

    @contextmanager
    def errors_as_store_errors(self) -> Iterator[None]:
        try:
            yield
        except self.errors as error:
            raise StoreError(f"{self.label}: {one_line(error)}") from error

    def close(self) -> None:
        self.connection.close()


def duckdb_open_message(path: str, error: Exception) -> str:
    text = str(error)
    if any(sign in text.lower() for sign in READ_ONLY_SIGNS):
        return f"{path} cannot be written (permission denied or read-only file system)"
    if "lock" in text.lower():
        holder = re.search(r"PID (\d+)", text)
        by = f" (process {holder.group(1)})" if holder else ""
        return f"{path} is in use by another process{by}: wait for it to finish"
    return f"cannot open {path}: {one_line(error)}"


class PostgresBackend:
    dialect: Dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        self.label = re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", url)
        self.last_description: list[Any] = []  # the columns of the last streamed query
        self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to {self.label}: {postgres_reason(error)}") from None

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.errors_as_store_errors(), self.connection.cursor() as cursor:
            cursor.execute(postgres_sql(sql), list(params))
            return cursor.fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[Row]]:
        """The rows of a query, a batch at a time, through a server-side cursor."""
        with (
            self.errors_as_store_errors(),
            self.connection.transaction(),
            self.connection.cursor(name="newsevents_stream") as cursor,
        ):
            cursor.execute(postgres_sql(sql), list(params))
            while batch := cursor.fetchmany(STREAM_BATCH):
                self.last_description = cursor.description or []
                yield batch

    def arrow_stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """The result as Arrow record batches, made from the streamed rows."""
        import pyarrow as pa

        names: list[str] = []
        for batch in self.stream(sql, params):
            if not names:
                names = [column.name for column in self.last_description]
            yield pa.RecordBatch.from_pydict(
                {
                    name: list(values)
                    for name, values in zip(names, zip(*batch, strict=True), strict=True)
                }
            )

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.errors_as_store_errors():
            self.connection.execute(postgres_sql(sql), list(params))

    def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Row], conflict: str = ""
    ) -> None:
        if not rows:
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) {conflict}"
        with self.errors_as_store_errors(), self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        with self.errors_as_store_errors(), self.connection.transaction():
            if write:
                self.connection.execute("SELECT pg_advisory_xact_lock(%s)", [POSTGRES_WRITE_LOCK])
            yield

    @contextmanager
    def errors_as_store_errors(self) -> Iterator[None]:
        try:
            yield
        except self.errors as error:
            raise StoreError(f"{self.label}: {postgres_reason(error)}") from error

    def close(self) -> None:
        self.connection.close()


def postgres_sql(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def postgres_reason(error: Exception) -> str:
    text = str(error)
    if "Connection refused" in text or "No such file or directory" in text:
        return "no PostgreSQL server answers there (connection refused)"
    if "does not exist" in text and "database" in text:
        return one_line(error).split(":")[-1].strip()
    return one_line(error).removeprefix("connection failed: ")
