"""`newsevents batch`: the pipeline over a Dask cluster, one Parquet part per partition.

The client plans the partitions (:mod:`newsevents.scale.partitions`), registers a
:class:`PipelinePlugin` so that every worker loads the pipeline (spaCy, the gazetteer, the
classifiers) once, when it starts, and submits one task per unfinished partition. A task reads
its partition, runs the pipeline and writes the part atomically (:mod:`newsevents.scale.parts`):
the part on disk is the record that the partition is finished, so a rerun after a crash or
Ctrl-C skips it. When a worker dies, Dask gives its tasks to the others; a task that raises is
retried ``RETRIES`` times, then reported with its reason, and a rerun tries it again.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import Client, WorkerPlugin, as_completed, get_worker

from newsevents.pipeline import Pipeline
from newsevents.records import InputError
from newsevents.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions
from newsevents.scale.parts import (
    PartReport,
    finished_partitions,
    part_path,
    remove_temporary,
    write_part,
)

PLUGIN_NAME = "newsevents-pipeline"
PLAN_FILE = "partitions.json"
RETRIES = 2  # a task that raises (a full disk, say) is tried this many more times

Progress = Callable[[Iterable[Any], int], Iterator[Any]]


class WorkerSetupError(RuntimeError):
    """The workers could not load the pipeline: nothing can be processed."""


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker, before the worker takes any task."""

    name = PLUGIN_NAME

    def __init__(self, stages: Sequence[str]) -> None:
        self.stages = tuple(stages)
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self.pipeline = Pipeline(self.stages)
        self.pipeline.warm_up()  # once per worker, not inside its first partition


def worker_pipeline(stages: tuple[str, ...]) -> Pipeline:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin) or plugin.pipeline is None:
        raise RuntimeError("the worker has no pipeline: register PipelinePlugin first")
    if plugin.stages != stages:
        raise RuntimeError(f"the worker's pipeline runs {plugin.stages}, not {stages}")
    return plugin.pipeline


def run_partition(
    partition: Partition, out: str, stages: tuple[str, ...], allow_private: bool
) -> PartReport:
    """A Dask task: read one partition, run the pipeline, write its part."""
    from newsevents.eval.bench import peak_rss_mb

    pipeline = worker_pipeline(stages)
    started = time.perf_counter()
    results = list(pipeline.run(partition.documents(allow_private)))
    report = PartReport(
        partition=partition.id,
        items=len(results),
        failed=sum(isinstance(result, InputError) for result in results),
        seconds=round(time.perf_counter() - started, 3),
        worker=f"{get_worker().address} pid {os.getpid()}",
        peak_rss_mb=round(peak_rss_mb(), 1),
        stages=list(stages),
    )
    write_part(Path(out), partition.id, results, report)
    return report


@dataclass
class BatchReport:
    planned: int
    skipped: int  # finished by an earlier run
    done: list[PartReport] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # partition description -> reason
    seconds: float = 0.0  # from the first task submitted to the last one finished

    @property
    def items(self) -> int:
        return sum(part.items for part in self.done)

    def articles_per_s(self) -> float | None:
        return round(self.items / self.seconds, 2) if self.seconds > 0 else None

    def peak_rss_mb_by_worker(self) -> dict[str, float]:
        peaks: dict[str, float] = {}
        for part in self.done:
            peaks[part.worker] = max(peaks.get(part.worker, 0.0), part.peak_rss_mb)
        return peaks


def no_progress(items: Iterable[Any], total: int) -> Iterator[Any]:
    return iter(items)


def run_batch(
    sources: Sequence[str],
    out: Path,
    client: Client,
    stages: Sequence[str],
    partition_size: int = DEFAULT_PARTITION_SIZE,
    allow_private: bool = False,
    progress: Progress = no_progress,
) -> BatchReport:
    """Process every unfinished partition of ``sources`` on ``client``'s workers into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    remove_temporary(out)
    partitions = plan_partitions(list(sources), partition_size)
    write_plan(out, partitions)
    finished = finished_partitions(out)
    todo = [partition for partition in partitions if partition.id not in finished]
    report = BatchReport(planned=len(partitions), skipped=len(partitions) - len(todo))
    if not todo:
        return report
    stage_tuple = tuple(stages)
    try:
        client.register_plugin(PipelinePlugin(stage_tuple))
    except Exception as error:  # raised in a worker's setup, handed back by Dask
        reason = f"{type(error).__name__}: {error}"
        raise WorkerSetupError(f"the workers could not load the pipeline ({reason})") from error
    run = uuid.uuid4().hex[:8]  # a key of an earlier run may still name its old result
    started = time.perf_counter()
    futures = {
        client.submit(
            run_partition,
            partition,
            str(out.resolve()),
            stage_tuple,
            allow_private,
            key=f"partition-{partition.id}-{run}",
            retries=RETRIES,
            pure=False,
        ): partition
        for partition in todo
    }
    try:
        for future in progress(as_completed(futures), len(futures)):
            partition = futures[future]
            if future.status == "finished":
                report.done.append(future.result())
            else:
                report.failed[partition.describe()] = describe_failure(future.exception())
    finally:
        client.cancel(list(futures))  # on Ctrl-C: nothing keeps running for a gone client
        report.seconds = round(time.perf_counter() - started, 2)
    return report


def describe_failure(error: BaseException | None) -> str:
    if error is None:
        return "cancelled"
    return f"{type(error).__name__}: {error}"


def write_plan(out: Path, partitions: Sequence[Partition]) -> None:
    """The partitions in input order, so that ``load`` stores articles in that order."""
    plan = [{"id": p.id, "describe": p.describe()} for p in partitions]
    temporary = out / f".{PLAN_FILE}.tmp"
    temporary.write_text(json.dumps(plan, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, out / PLAN_FILE)


def finished_parts(out: Path) -> tuple[list[Path], list[str]]:
    """The parts of a batch in input order, and the partitions not finished yet."""
    plan = json.loads((out / PLAN_FILE).read_text(encoding="utf-8"))
    paths = [(part_path(out, entry["id"]), entry["describe"]) for entry in plan]
    return [path for path, _ in paths if path.exists()], [
        describe for path, describe in paths if not path.exists()
    ]
