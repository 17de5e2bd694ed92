"""`newsevents ingest` and `newsevents export`: the store from the command line.

A database that cannot be opened or used (locked, read-only, a wrong URL, no server) gives one
line on stderr and exit status 2; ``ingest`` exits 1 when some item failed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from newsevents.cli_options import DB_OPTION, PRIVATE_OPTION, STAGES_OPTION, item_timeout_option
from newsevents.pipeline import PipelineConfigError
from newsevents.store.backends import StoreError


@contextmanager
def store_errors_in_one_line() -> Iterator[None]:
    try:
        yield
    except (StoreError, PipelineConfigError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@STAGES_OPTION
@PRIVATE_OPTION
@item_timeout_option
def ingest_command(
    sources: tuple[str, ...],
    db: str,
    stages: str,
    allow_private_urls: bool,
    item_timeout: float | None,
) -> None:
    """Read SOURCES (files, folders, URLs, '-' for stdin) into the event store.

    Articles already stored are skipped; items that fail are logged in the store and read
    again on the next run. Prints a summary; the exit status is 1 when any item failed.
    """
    from newsevents.cli import build_pipeline, with_progress
    from newsevents.ingest import read_sources
    from newsevents.store.ingest import ingest
    from newsevents.store.store import Store

    with store_errors_in_one_line():
        pipeline = build_pipeline(stages, item_timeout)
        with Store.open(db) as store:
            documents = read_sources(sources, allow_private=allow_private_urls)
            summary = ingest(store, with_progress(documents, "ingest"), pipeline)
    for line in summary.lines():
        click.echo(line, err=True)
    if summary.outcome.failed:
        sys.exit(1)


def bbox_option(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    from newsevents.store.query import parse_bbox

    if value is None:
        return None
    try:
        return parse_bbox(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson", "parquet"]), required=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@DB_OPTION
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this day.")
@click.option("--type", "types", multiple=True, help="PLOVER type (ASSAULT, PROTEST...); repeat.")
@click.option("--sub-event-type", multiple=True, help="ACLED sub-event type; repeat.")
@click.option("--country", multiple=True, help="ISO 3166-1 alpha-3 code; repeat.")
@click.option("--admin1", multiple=True, help="First-level division name; repeat.")
@click.option("--actor", help="Words in an actor's or recipient's name.")
@click.option("--text", help="Words in the evidence.")
@click.option("--status", multiple=True, type=click.Choice(["reported", "background"]))
@click.option("--bbox", callback=bbox_option, help="WEST,SOUTH,EAST,NORTH in degrees.")
@click.option("--min-confidence", type=click.FloatRange(0, 1))
@click.option(
    "--main-only", is_flag=True, help="Only events that some article is about (its main happening)."
)
def export_command(
    fmt: str,
    output: Path | None,
    db: str,
    since: datetime | None,
    until: datetime | None,
    types: tuple[str, ...],
    sub_event_type: tuple[str, ...],
    country: tuple[str, ...],
    admin1: tuple[str, ...],
    actor: str | None,
    text: str | None,
    status: tuple[str, ...],
    bbox: tuple[float, float, float, float] | None,
    min_confidence: float | None,
    main_only: bool,
) -> None:
    """Write the stored events as CSV, JSON Lines, GeoJSON or Parquet (to stdout, or -o FILE;
    Parquet needs -o)."""
    from newsevents.store.export import export
    from newsevents.store.query import EventFilter
    from newsevents.store.store import Store

    if fmt == "parquet" and output is None:
        raise click.UsageError("Parquet is written to a file: give -o FILE")
    where = EventFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        types=tuple(t.upper() for t in types),
        sub_event_types=sub_event_type,
        countries=tuple(c.upper() for c in country),
        admin1=admin1,
        actor=actor,
        bbox=bbox,
        text=text,
        statuses=status,
        min_confidence=min_confidence,
        main_only=main_only,
    )
    with store_errors_in_one_line(), Store.open(db, read_only=True) as store:
        written = export(store, where, fmt, output, sys.stdout)
    click.echo(f"export: {written} events", err=True)
