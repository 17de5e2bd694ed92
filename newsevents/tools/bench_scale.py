"""Throughput of `newsevents batch` on 1, 2 ... local workers, and each worker's peak memory.

    python -m newsevents.tools.bench_scale /tmp/news1000.jsonl --limit 400 --workers 1 2

For each worker count, a fresh ``LocalCluster`` (one process and one thread per worker) runs
the whole pipeline over the first ``--limit`` articles into a temporary folder. Throughput is
counted from the first task submitted to the last part written, so the models' loading and
warm-up (once per worker, in the plugin) are left out, as they are in a long batch. Each worker
starts with empty caches (attributes, gazetteer names, actors), so short runs favour one
worker: 400 articles in partitions of 10 keep that and the last partitions' imbalance small.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.pipeline import DEFAULT_STAGES
from newsevents.scale.batch import run_batch
from newsevents.scale.cli import dask_client


def first_lines(corpus: Path, limit: int, out: Path) -> Path:
    with corpus.open(encoding="utf-8") as lines:
        out.write_text("".join(islice(lines, limit)), encoding="utf-8")
    return out


def measure(corpus: Path, workers: int, partition_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder, dask_client(None, workers) as client:
        report = run_batch([str(corpus)], Path(folder), client, DEFAULT_STAGES, partition_size)
    peaks = report.peak_rss_mb_by_worker()
    return {
        "workers": workers,
        "items": report.items,
        "failed_partitions": len(report.failed),
        "seconds": report.seconds,
        "articles_per_s": report.articles_per_s(),
        "peak_rss_mb_per_worker": max(peaks.values()) if peaks else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a JSON Lines file of articles")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-size", type=int, default=10)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        corpus = first_lines(options.corpus, options.limit, Path(folder) / "corpus.jsonl")
        runs = [measure(corpus, n, options.partition_size) for n in options.workers]
    base = runs[0]["articles_per_s"]
    for run in runs:
        run["speed_up"] = round(run["articles_per_s"] / base, 2) if base else None
    print(json.dumps({"corpus": str(options.corpus), "articles": options.limit, "runs": runs}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
