"""The `newsevents batch`, `load` and `watch` commands."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from newsevents.cli_options import DB_OPTION, PRIVATE_OPTION, STAGES_OPTION, item_timeout_option
from newsevents.scale.partitions import DEFAULT_PARTITION_SIZE
from newsevents.store.cli import store_errors_in_one_line


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of ``workers`` local worker processes
    (one thread each: the pipeline is CPU-bound and holds the GIL most of the time)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the Parquet parts (one per partition) and the partition plan.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="A running Dask scheduler; its workers must see SOURCES and --out at the same paths.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="one per core",
    help="Local worker processes, without --scheduler.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    help="Articles (JSON Lines lines, or files) per partition.",
)
@STAGES_OPTION
@PRIVATE_OPTION
def batch(
    sources: tuple[str, ...],
    out: Path,
    scheduler: str | None,
    workers: int,
    partition_size: int,
    stages: str,
    allow_private_urls: bool,
) -> None:  # fmt: skip
    """Run the pipeline over SOURCES on a Dask cluster, one Parquet part per partition in OUT.

    Finished partitions are kept: run it again after a crash or Ctrl-C and only the rest is
    done. `newsevents load OUT` then brings the parts into the store. The exit status is 1
    when a partition failed (each is named on stderr, with its reason).
    """
    from newsevents.cli import parse_stages, with_progress
    from newsevents.scale.batch import WorkerSetupError, run_batch

    stage_names = parse_stages(stages)

    def progress(items: Iterable[Any], total: int) -> Iterator[Any]:
        return with_progress(items, "batch", unit=" partitions", total=total)

    try:
        with dask_client(scheduler, workers) as client:
            report = run_batch(
                sources, out, client, stage_names, partition_size, allow_private_urls, progress
            )
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except WorkerSetupError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot use the cluster or {out}: {error}") from None
    for description, reason in report.failed.items():
        click.echo(f"error: partition {description}: {reason}", err=True)
    rate = report.articles_per_s()
    peaks = report.peak_rss_mb_by_worker()
    click.echo(
        f"{report.planned} partitions: {len(report.done)} done now, {report.skipped} done "
        f"before, {len(report.failed)} failed; {report.items} items in {report.seconds}s"
        + (f" ({rate} items/s)" if rate else "")
        + (f"; peak RSS per worker {max(peaks.values()):.0f} MB" if peaks else ""),
        err=True,
    )
    if report.failed:
        sys.exit(1)


def parse_interval(value: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m`` or ``1h``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not match or float(match.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a duration such as 90, 30s, 15m or 1h")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


@click.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@DB_OPTION
def load(out: Path, db: str) -> None:
    """Bring the Parquet parts of `newsevents batch --out OUT` into the store.

    Each part is stored as one ingest batch, its mentions grouped into events as `newsevents
    ingest` does; articles already stored are left alone, so loading again changes nothing.
    Prints ingest's summary; the exit status is 1 when any item failed.
    """
    from newsevents.cli import with_progress
    from newsevents.scale.batch import PLAN_FILE
    from newsevents.scale.load import load_batch
    from newsevents.store import Store

    def progress(parts: Iterable[Path], total: int) -> Iterator[Path]:
        return with_progress(parts, "load", unit=" parts", total=total)

    if not (out / PLAN_FILE).is_file():
        raise click.UsageError(f"{out} holds no output of newsevents batch (no {PLAN_FILE})")
    with store_errors_in_one_line(), Store.open(db) as store:
        report = load_batch(out, store, progress)
    for description in report.unfinished:
        click.echo(f"warning: partition {description} is not finished: run batch again", err=True)
    click.echo(f"load: {report.parts} parts", err=True)
    for line in report.summary.lines():
        click.echo(line, err=True)
    if report.summary.outcome.failed:
        sys.exit(1)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--every",
    default="15m",
    show_default=True,
    metavar="DURATION",
    help="Polling interval: 90, 30s, 15m, 1h.",
)
@click.option(
    "--rounds",
    type=click.IntRange(min=1),
    default=None,
    help="Stop after this many rounds of polling (default: run until Ctrl-C).",
)
@DB_OPTION
@STAGES_OPTION
@PRIVATE_OPTION
@item_timeout_option
def watch(
    sources: tuple[str, ...],
    every: str,
    rounds: int | None,
    db: str,
    stages: str,
    allow_private_urls: bool,
    item_timeout: float | None,
) -> None:  # fmt: skip
    """Poll SOURCES (feeds, URLs, folders) and store what is new, until Ctrl-C.

    Only new items are read: a URL (or file) read before, by this watcher or by one before it on
    the same store, or an article already stored, is skipped. A source or an item that fails is
    reported and tried again later, waiting longer after each failure in a row; the others go
    on. Each round prints a one-line summary on stderr.
    """
    from newsevents.cli import build_pipeline
    from newsevents.scale.watch import Watcher
    from newsevents.store import Store
    from newsevents.store.ingest import write
    from newsevents.store.watched import WatchedItems

    interval = parse_interval(every)
    pipeline = build_pipeline(stages, item_timeout)
    with store_errors_in_one_line(), Store.open(db) as store:
        watcher = Watcher(
            sources,
            pipeline,
            sink=lambda results: (
                e.input_id for e in write(store, results, pipeline.stage_names).failed
            ),
            every=interval,
            known=store.known_articles,
            read_items=WatchedItems(store.backend),
            allow_private=allow_private_urls,
        )
        try:
            for report in watcher.rounds(rounds):
                for line in watcher.summary(report):
                    click.echo(line, err=True)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
