"""A throwaway PostgreSQL server for the store's tests.

``initdb`` and ``pg_ctl`` start a server on a free local port in a temporary folder, which is
removed with the server afterwards. PostgreSQL refuses to run as root, so as root (CI) the
server runs as the ``postgres`` user, in a folder given to that user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_USER = "postgres"
ROLE = "newsevents"


class NoServer(Exception):
    """PostgreSQL cannot be started here; says why."""


def server_binaries() -> Path:
    """The folder with initdb and pg_ctl: on the PATH, or Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise NoServer("no PostgreSQL server binaries (initdb, pg_ctl) on the PATH or in /usr/lib")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A running server for the life of the block; yields a URL to its ``postgres`` database."""
    binaries = server_binaries()
    as_root = os.geteuid() == 0
    run_as: list[str] = []
    if as_root:
        try:
            account = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise NoServer(f"running as root and there is no {SERVER_USER!r} user") from None
        run_as = ["runuser", "-u", SERVER_USER, "--"]
    folder = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
    data, log = folder / "data", folder / "server.log"
    if as_root:
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = free_port()
    try:
        subprocess.run(
            [*run_as, str(binaries / "initdb"), "-D", str(data), "-U", ROLE, "--auth=trust",
             "-E", "UTF8", "--no-sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log),
             "-w", "-t", "60", "start"],
            check=True, capture_output=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace").strip().splitlines()
        shutil.rmtree(folder, ignore_errors=True)
        raise NoServer(f"PostgreSQL did not start: {detail[-1] if detail else error}") from None
    try:
        yield f"postgresql://{ROLE}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """A new, empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
