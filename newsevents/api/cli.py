"""`newsevents serve`: the REST API and the dashboard on one address."""

from __future__ import annotations

import sys

import click

from newsevents.store.backends import DEFAULT_DB, StoreError


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
def serve(db: str, host: str, port: int, event_index: bool) -> None:
    """Serve the dashboard at / and the REST API at /api (docs at /docs).

    Writes (POST /api/ingest, reviews) need NEWSEVENTS_TOKEN, or a token in
    ~/.config/newsevents/token; without one the server is read-only.
    """
    import uvicorn

    from newsevents.api.app import configured_token, create_app

    token = configured_token()
    try:
        app = create_app(db, token, event_index)
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    shown = "[::1]" if host == "::1" else host
    click.echo(f"newsevents: the dashboard is at http://{shown}:{port}/ (API docs at /docs)")
    if token is None:
        click.echo("  read-only: set NEWSEVENTS_TOKEN to allow ingest and review", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
