"""The `newsevents` command line."""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from newsevents.budget import Budget
from newsevents.cli_options import PRIVATE_OPTION, STAGES_OPTION, item_timeout_option
from newsevents.pipeline import Pipeline, PipelineConfigError, check_stages
from newsevents.records import InputError, Reading
from newsevents.tools import TRAINERS

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsevents")
def main() -> None:
    """Read the news and turn it into event data."""


def parse_stages(value: str) -> list[str]:
    """The stages named by a ``--stages`` option, checked; a wrong list is a usage error."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    try:
        check_stages(names)
    except PipelineConfigError as error:
        raise click.BadParameter(str(error), param_hint="--stages") from None
    return names


def with_progress(
    items: Iterable[T], label: str, unit: str = " articles", total: int | None = None
) -> Iterator[T]:
    """A progress bar on stderr when a person is watching; silent in pipes and CI."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, unit=unit, total=total, file=sys.stderr)


def build_pipeline(stages: str, item_timeout: float | None) -> Pipeline:
    """The pipeline the options ask for, warmed up (``Pipeline.warm_up``: a reading command may
    run for hours, and its models then stay out of the garbage collector's passes); a bad
    option or environment value is one clear line."""
    budget = from_environment(Budget.from_environment)
    if item_timeout is not None:
        budget = dataclasses.replace(budget, seconds=item_timeout)
    return Pipeline.warmed_up(parse_stages(stages), budget)


def from_environment(read: Callable[[], T]) -> T:
    """Settings read by ``read`` from NEWSEVENTS_* variables; a malformed one as a usage error."""
    try:
        return read()
    except ValueError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article.")
@STAGES_OPTION
@PRIVATE_OPTION
@item_timeout_option
def extract(
    sources: tuple[str, ...],
    as_json: bool,
    stages: str,
    allow_private_urls: bool,
    item_timeout: float | None,
) -> None:
    """Read SOURCES (files, folders, URLs, '-' for stdin) and print what they say.

    Nothing is stored. Items that fail are reported one line each on stderr; the exit status
    is 1 when any failed. What was not read of an item (a text cut short) is said on stderr too.
    """
    from newsevents.ingest import Limits, read_sources

    pipeline = build_pipeline(stages, item_timeout)
    limits = from_environment(Limits.from_environment)
    documents = read_sources(sources, allow_private_urls, limits, pipeline.budget)
    failures = 0
    for result in with_progress(pipeline.run(documents), "extract"):
        if isinstance(result, InputError):
            failures += 1
            click.echo(f"error: {result}", err=True)
            continue
        for warning in result.warnings:
            click.echo(f"warning: {result.article.input_id}: {warning}", err=True)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            click.echo(summarise(result))
    if failures:
        click.echo(f"{failures} item(s) failed", err=True)
        sys.exit(1)


def summarise(reading: Reading) -> str:
    article = reading.article
    lines = [
        f"== {article.title or '(untitled)'}",
        f"   source: {article.source or '-'}   published: {article.published or '-'}   "
        f"language: {article.language or '-'}   id: {article.id[:12]}   input: {article.input_id}",
        f"   {len(article.text.split())} words, {len(reading.entities)} entities, "
        f"{len(reading.places)} places, {len(reading.events)} events",
    ]
    for event in reading.events:
        actors = ", ".join(a.text for a in event.actor) or "-"
        recipients = ", ".join(a.text for a in event.recipient) or "-"
        place = event.location.name if event.location else (event.place_text or "-")
        counts = ", ".join(
            f"{name} {value}"
            for name in ("fatalities", "injured", "displaced", "arrested")
            if (value := getattr(event, name)) is not None
        )
        lines.append(
            f"   - {event.type:<12} {event.status:<12} {event.date or '-'} "
            f"({event.date_precision}) {actors} -> {recipients} @ {place}"
            + (f" [{counts}]" if counts else "")
            + f" conf {event.confidence:.2f}"
        )
    for warning in reading.warnings:
        lines.append(f"   ! {warning}")
    if reading.uncoded:
        lines.append(f"   ! not coded: {reading.uncoded}")
    return "\n".join(lines)


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("model", type=click.Choice(sorted(TRAINERS)))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def train(model: str, args: tuple[str, ...]) -> None:
    """Rebuild a shipped MODEL from the dev data in ../shared, reporting its held-apart figures.

    ARGS go to the trainer: `newsevents train events --help` lists them.
    """
    trainer = importlib.import_module(TRAINERS[model])
    sys.exit(trainer.main(list(args)) or 0)


# Imported last: the eval commands load their scorers lazily and use with_progress from here.
from newsevents.eval.cli import bench, eval_command  # noqa: E402

main.add_command(eval_command)
main.add_command(bench)

from newsevents.scale.cli import batch, load, watch  # noqa: E402

main.add_command(batch)
main.add_command(load)
main.add_command(watch)

from newsevents.api.cli import serve  # noqa: E402

main.add_command(serve)

from newsevents.store.cli import export_command, ingest_command  # noqa: E402

main.add_command(ingest_command)
main.add_command(export_command)
