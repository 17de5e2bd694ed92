"""`newsevents load`: a batch's Parquet parts into the store, through ingest's own write.

Each part is one ingest batch written by :func:`newsevents.store.ingest.write` (one
transaction, the mentions grouped into events, a refused article logged without rolling back
the rest), so loading a batch and ingesting the same sources give the same store. Parts are
loaded in input order; articles already stored are counted and left alone, so loading twice
(or again after an interrupted load) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.scale.batch import finished_parts
from newsevents.scale.parts import part_report, read_part
from newsevents.store import Store
from newsevents.store.ingest import IngestSummary, write


@dataclass
class LoadReport:
    parts: int = 0
    unfinished: list[str] = field(default_factory=list)  # partitions the batch has not done
    summary: IngestSummary = field(default_factory=IngestSummary)


def load_batch(
    out: Path,
    store: Store,
    progress: Callable[[Iterable[Path], int], Iterator[Path]] = lambda parts, total: iter(parts),
) -> LoadReport:
    parts, unfinished = finished_parts(out)
    report = LoadReport(unfinished=unfinished)
    for path in progress(parts, len(parts)):
        results = list(read_part(path))
        report.summary.read += len(results)
        report.summary.outcome.merge(write(store, results, part_report(path).stages))
        report.parts += 1
    return report
