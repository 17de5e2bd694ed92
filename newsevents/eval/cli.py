"""`newsevents eval TASK GOLD` and `newsevents bench CORPUS`.

Scorers load lazily inside each command, so registering these commands costs the rest of the
CLI nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from newsevents.eval.gva import Split

F = TypeVar("F", bound=Callable[..., Any])

GOLD = click.argument("gold", type=click.Path(exists=True, path_type=Path))


def output_options(command: F) -> F:
    """--limit, --json and --out, shared by every eval task and bench."""
    command = click.option("--limit", type=click.IntRange(min=1), help="Score the first N items.")(
        command
    )
    command = click.option("--json", "as_json", is_flag=True, help="Print the JSON summary.")(
        command
    )
    return click.option(
        "--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write it to FILE."
    )(command)


def baselines_only_option(command: F) -> F:
    return click.option(
        "--baselines-only",
        is_flag=True,
        help="Score the baselines without running the pipeline.",
    )(command)


def split_option(command: F) -> F:
    return click.option(
        "--split",
        type=click.Choice(["all", "fit", "heldout"]),
        default="all",
        show_default=True,
        help="Score one half of the GVA incidents, or of the LGL/GeoVirus articles (by the hash "
        "of their id): rules and weights are chosen on 'fit', reported on 'heldout'.",
    )(command)


def progress(items: Iterable[Any], label: str) -> Iterable[Any]:
    from newsevents.cli import with_progress

    return with_progress(items, label)


def emit(summary: dict[str, Any], as_json: bool, out: Path | None) -> None:
    from newsevents.eval.report import render

    text = json.dumps(summary, indent=2, ensure_ascii=False)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    click.echo(text if as_json else render(summary))


def run_task(evaluate: Callable[[], dict[str, Any]], as_json: bool, out: Path | None) -> None:
    """Run a scorer; gold-file and stage-list problems become one-line errors (exit 1)."""
    from newsevents.eval.gold import GoldError
    from newsevents.pipeline import PipelineConfigError

    try:
        summary = evaluate()
    except (GoldError, PipelineConfigError) as error:
        raise click.ClickException(str(error)) from None
    emit(summary, as_json, out)


@click.group("eval")
def eval_command() -> None:
    """Measure accuracy against gold files (see docs/eval.md for the formats)."""


@eval_command.command("text")
@GOLD
@output_options
def eval_text(gold: Path, limit: int | None, as_json: bool, out: Path | None) -> None:
    """Main-text extraction, newsevents beside trafilatura's defaults.

    GOLD is a trafilatura-eval folder (evaldata.json + html/) or an L3S-GN1 folder.
    """
    from newsevents.eval.text import evaluate_text

    run_task(lambda: evaluate_text(gold, limit), as_json, out)


@eval_command.command("events")
@GOLD
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help='JSON {"OUR_TYPE[/mode]": "gold label"}, or a built-in: "acled" (ACLED sub-event '
    'type), "acled-event-type", "cameo" (CAMEO root). Default: the one for the format.',
)
@split_option
@baselines_only_option
@output_options
def eval_events(
    gold: Path,
    mapping: Path | None,
    split: Split,
    baselines_only: bool,
    limit: int | None,
    as_json: bool,
    out: Path | None,
) -> None:
    """Event type of each text (and actor country, place, date, deaths where the gold has them).

    GOLD is generic JSON Lines, PLOVER_GSR_CAMEO.json, cameo_class/train.tsv, hrdsattack/dev.json
    or the folder of one of those sets.
    """
    from newsevents.eval.events import evaluate_events

    run_task(
        lambda: evaluate_events(
            gold, mapping, limit, with_system=not baselines_only, progress=progress, split=split
        ),
        as_json,
        out,
    )


@eval_command.command("acled")
@click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="The folder holding data/dev.",
)
@click.option("--set", "sets", multiple=True, help="Only this set of sources.tsv (repeatable).")
@output_options
def eval_acled(
    shared: Path, sets: tuple[str, ...], limit: int | None, as_json: bool, out: Path | None
) -> None:
    """ACLED sub-event and event type, and coverage, on others' labelled text mapped to ACLED
    (label_map.tsv), held-apart parts only (limit counts each set's texts)."""
    from newsevents.eval.acled import evaluate_acled

    run_task(lambda: evaluate_acled(shared, sets or None, limit, progress=progress), as_json, out)


@eval_command.command("geo")
@GOLD
@split_option
@baselines_only_option
@output_options
def eval_geo(
    gold: Path,
    split: Split,
    baselines_only: bool,
    limit: int | None,
    as_json: bool,
    out: Path | None,
) -> None:
    """Toponym recognition and resolution on LGL/GeoVirus XML (limit counts articles)."""
    from newsevents.eval.geo import evaluate_geo

    run_task(
        lambda: evaluate_geo(
            gold, limit, with_system=not baselines_only, progress=progress, split=split
        ),
        as_json,
        out,
    )


@eval_command.command("dedup")
@GOLD
@click.option(
    "--stages",
    help="Pipeline stages to run before clustering (default: nlp,events,geo; with "
    "--baselines-only, extraction only).",
)
@split_option
@baselines_only_option
@output_options
def eval_dedup(
    gold: Path,
    stages: str | None,
    split: Split,
    baselines_only: bool,
    limit: int | None,
    as_json: bool,
    out: Path | None,
) -> None:
    """Grouping reports of one incident: B-cubed P/R/F1 of newsevents.dedup and the baselines,
    and the merged killed/injured against the gold's (GVA incidents or generic JSONL)."""
    from newsevents.cli import parse_stages
    from newsevents.eval.dedup import evaluate_dedup

    run_task(
        lambda: evaluate_dedup(
            gold,
            limit,
            parse_stages(stages) if stages is not None else None,
            progress=progress,
            split=split,
            with_system=not baselines_only,
        ),
        as_json,
        out,
    )


@eval_command.command("mentions")
@GOLD
@output_options
@click.option(
    "--half",
    type=click.Choice(["inspect", "report"]),
    help="only that half of the documents (sha1 of the doc_id even: inspect; odd: report)",
)
def eval_mentions(
    gold: Path, limit: int | None, as_json: bool, out: Path | None, half: str | None
) -> None:
    """Event mentions on KAIROS (WikiEvents) JSON Lines: triggers, PLOVER types, arguments,
    beside a trigger-lexicon baseline (limit counts documents)."""
    from newsevents.eval.mentions import evaluate_mentions

    run_task(lambda: evaluate_mentions(gold, limit, progress=progress, half=half), as_json, out)


@click.command("bench")
@click.argument("corpus", nargs=-1, required=True)
@click.option(
    "--stages",
    default="nlp,events,geo",
    show_default=True,
    help="Pipeline stages after extraction.",
)
@click.option(
    "--baseline",
    type=click.Choice(["trafilatura", "spacy"]),
    help="Also time trafilatura.extract (defaults) on the same HTML pages, or bare spaCy "
    "en_core_web_sm (all components, nlp.pipe) on the same article texts, as it ships and "
    "with the pipeline's matrix products (numpy's BLAS).",
)
@click.option("--db", help="Also write every result to this store, as `newsevents ingest` does.")
@click.option(
    "--export-events",
    type=click.IntRange(min=1),
    help="Also write N synthetic events into a new DuckDB store and time their export in "
    "every format.",
)
@click.option("--json-out", type=click.Path(dir_okay=False, path_type=Path), help="Write JSON.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON summary.")
def bench(
    corpus: tuple[str, ...],
    stages: str,
    baseline: str | None,
    db: str | None,
    export_events: int | None,
    json_out: Path | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Speed and memory on CORPUS (files, folders, JSONL, WARC...): articles/s overall, per
    stage and per core, peak and sampled RSS."""
    from newsevents.cli import parse_stages
    from newsevents.eval.bench import run_bench

    summary = run_bench(corpus, parse_stages(stages), limit, baseline, progress, db)
    if export_events:
        import tempfile

        from newsevents.tools.bench_store import bench_export

        with tempfile.TemporaryDirectory() as folder:
            summary["store_export"] = bench_export(export_events, Path(folder))
    emit(summary, as_json, json_out)
