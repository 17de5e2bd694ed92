"""Tools that build and measure the shipped models; never imported by the runtime stages.

Each trainer is a module with ``main(argv)`` that rebuilds one model from the dev data in
``../shared`` and reports its held-apart figures; ``newsevents train NAME ...`` runs it. The
``bench_*`` and ``profile_*`` modules measure one stage alone (``python -m newsevents.tools.X``);
``newsevents bench`` measures the whole pipeline.
"""

from __future__ import annotations

# name -> module with main(argv); the model each rebuilds is named in the module's docstring.
TRAINERS: dict[str, str] = {
    "events": "newsevents.tools.train_events",
    "geo": "newsevents.tools.train_geo",
    "boilerplate": "newsevents.tools.train_boilerplate",
    "linker": "newsevents.tools.train_linker",
    "dedup": "newsevents.tools.train_dedup",
    "counts": "newsevents.tools.train_counts",
}
