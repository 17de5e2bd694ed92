"""Tools that build and measure the shipped models; never imported by the runtime stages.

Each trainer is a module with ``main(argv)`` that rebuilds one model from the dev data in
``../shared`` and reports its held-apart figures; ``newsevents train NAME ...`` runs it. The
``bench_*`` and ``profile_*`` modules measure one stage alone (``python -m newsevents.tools.X``);
``newsevents bench`` measures the whole pipeline.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

# name -> module with main(argv); the model each rebuilds is named in the module's docstring.
TRAINERS: dict[str, str] = {
    "events": "newsevents.tools.train_events",
    "geo": "newsevents.tools.train_geo",
    "boilerplate": "newsevents.tools.train_boilerplate",
    "linker": "newsevents.tools.train_linker",
    "dedup": "newsevents.tools.train_dedup",
    "counts": "newsevents.tools.train_counts",
}


def gva_trainer_arguments(
    description: str, cached: str, argv: Sequence[str] | None
) -> argparse.Namespace:
    """The command line of a trainer fitted on GVA's fit half: the gold file, a pickle cache of
    what the pipeline read (``cached``), and ``--no-write``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("gold", type=Path, help="GVA incidents_dev.jsonl.gz")
    parser.add_argument("--cache", type=Path, help=f"pickle file of {cached}")
    parser.add_argument("--no-write", action="store_true", help="report without writing")
    return parser.parse_args(argv)
