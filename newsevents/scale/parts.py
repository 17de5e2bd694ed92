"""Parquet parts: what one partition made, written atomically, read back as Readings.

A part has one row per item of its partition, in input order: the article's reading as the
JSON of ``newsevents extract --json``, or the item's error with its stage. Parquet keeps the
parts readable by pandas, DuckDB and Spark; the JSON column keeps every field of a reading
without a second schema to maintain. A part is written under a temporary name and renamed
into place, so a partition is either finished (its part exists, complete) or not; a retried
or repeated partition replaces its part with the same rows and never adds a second copy.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.records import InputError, Reading

PARTS_FOLDER = "parts"
PART_SUFFIX = ".parquet"
TEMP_PREFIX = ".tmp-"
REPORT_KEY = b"newsevents.part"


@dataclass(frozen=True)
class PartReport:
    """What a worker did with one partition."""

    partition: str
    items: int
    failed: int
    seconds: float
    worker: str
    peak_rss_mb: float
    stages: list[str]  # after extract, as the store records why an article has no events


def parts_folder(out: Path) -> Path:
    return out / PARTS_FOLDER


def part_path(out: Path, partition_id: str) -> Path:
    return parts_folder(out) / f"{partition_id}{PART_SUFFIX}"


def finished_partitions(out: Path) -> set[str]:
    folder = parts_folder(out)
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.glob(f"*{PART_SUFFIX}") if not is_temporary(path)}


def is_temporary(path: Path) -> bool:
    return path.name.startswith(TEMP_PREFIX)


def remove_temporary(out: Path) -> int:
    """Delete what writers that died left behind; the number removed."""
    folder = parts_folder(out)
    stale = [path for path in folder.glob(f"{TEMP_PREFIX}*")] if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def write_part(
    out: Path, partition_id: str, results: Sequence[Reading | InputError], report: PartReport
) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    readings = [r if isinstance(r, Reading) else None for r in results]
    errors = [r if isinstance(r, InputError) else None for r in results]
    table = pa.table(
        {
            "input_id": [input_id_of(result) for result in results],
            "article_id": [r.article.id if r else None for r in readings],
            "error_stage": [e.stage if e else None for e in errors],
            "error": [e.message if e else None for e in errors],
            "reading": [
                json.dumps(r.to_json(), ensure_ascii=False) if r else None for r in readings
            ],
        },
        schema=pa.schema(
            [
                ("input_id", pa.string()),
                ("article_id", pa.string()),
                ("error_stage", pa.string()),
                ("error", pa.string()),
                ("reading", pa.string()),
            ],
            metadata={REPORT_KEY: json.dumps(dataclasses.asdict(report)).encode()},
        ),
    )
    target = part_path(out, partition_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}-{target.name}")
    pq.write_table(table, temporary)
    with open(temporary, "rb") as written:
        os.fsync(written.fileno())  # the rename must not publish a part the disk does not hold
    os.replace(temporary, target)
    return target


def input_id_of(result: Reading | InputError) -> str:
    return result.article.input_id if isinstance(result, Reading) else result.input_id


def read_part(path: Path) -> Iterator[Reading | InputError]:
    import pyarrow.parquet as pq

    for row in pq.read_table(path).to_pylist():
        if row["reading"] is None:
            yield InputError(row["input_id"], row["error"], stage=row["error_stage"])
        else:
            yield Reading.from_json(json.loads(row["reading"]))


def part_report(path: Path) -> PartReport:
    import pyarrow.parquet as pq

    metadata = pq.read_schema(path).metadata or {}
    return PartReport(**json.loads(metadata[REPORT_KEY]))
