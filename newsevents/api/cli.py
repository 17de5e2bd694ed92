"""`newsevents serve`: the REST API and the dashboard on one address."""

from __future__ import annotations

import json
import os
import sys

import click

from newsevents.store.backends import DEFAULT_DB, POSTGRES_SCHEMES, StoreError


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file or postgresql://...")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--event-index/--no-event-index",
    default=True,
    show_default=True,
    help="answer event lists from an in-memory copy of a DuckDB store (SQL each time without)",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="server processes; with more than one, a DuckDB store is served read-only",
)
def serve(db: str, host: str, port: int, event_index: bool, workers: int) -> None:
    """Serve the dashboard at / and the REST API at /api (docs at /docs).

    Writes (POST /api/ingest, reviews) need NEWSEVENTS_TOKEN, or a token in
    ~/.config/newsevents/token; without one the server is read-only. Several --workers share
    a PostgreSQL store as one does; a DuckDB file only one process may write, so they open it
    read-only and refuse writes.
    """
    import uvicorn

    from newsevents.api.app import SERVE_ENVIRONMENT, configured_token, create_app

    token = configured_token()
    read_only = workers > 1 and not db.startswith(POSTGRES_SCHEMES)
    try:
        # with several workers, each makes its own: this one only checks the store opens
        app = create_app(db, token, event_index and workers == 1, read_only)
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    shown = "[::1]" if host == "::1" else host
    click.echo(f"newsevents: the dashboard is at http://{shown}:{port}/ (API docs at /docs)")
    if read_only:
        click.echo(f"  read-only: {workers} processes share {db}", err=True)
    elif token is None:
        click.echo("  read-only: set NEWSEVENTS_TOKEN to allow ingest and review", err=True)
    # no access log (a line a request costs more CPU than the event index's page); uvicorn's
    # backlog of 2,048 connections, keep-alive and, where installed, httptools and uvloop
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    app.state.database.close()
    settings = {"db": db, "event_index": event_index, "read_only": read_only}
    os.environ[SERVE_ENVIRONMENT] = json.dumps(settings)
    uvicorn.run(
        "newsevents.api.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
