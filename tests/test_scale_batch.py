"""`newsevents batch` on a real 2-worker LocalCluster (worker processes, as in production)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from newsevents.cli import main
from newsevents.ingest import read_sources
from newsevents.pipeline import DEFAULT_STAGES, Pipeline
from newsevents.records import InputError, Reading
from newsevents.scale.batch import finished_parts, run_batch
from newsevents.scale.parts import input_id_of, part_path, read_part

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = str(REPO / "examples")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def batch_output(out: Path) -> tuple[list[Reading | InputError], list[str]]:
    parts, missing = finished_parts(out)
    return [item for part in parts for item in read_part(part)], missing


def as_json(results: list[Reading | InputError]) -> list[object]:
    return [r.to_json() if isinstance(r, Reading) else r for r in results]


def test_two_workers_give_the_events_of_one_process(client: Client, tmp_path: Path) -> None:
    report = run_batch([EXAMPLES], tmp_path, client, DEFAULT_STAGES, partition_size=2)
    assert not report.failed and report.planned >= 3  # several partitions, on both workers
    items, missing = batch_output(tmp_path)
    single = as_json(list(Pipeline(DEFAULT_STAGES).run(read_sources([EXAMPLES]))))
    assert missing == []
    assert as_json(items) == single
    assert sum(len(r["events"]) for r in single if isinstance(r, dict)) > 0


def test_a_rerun_does_only_the_unfinished_partitions(client: Client, tmp_path: Path) -> None:
    first = run_batch([EXAMPLES], tmp_path, client, [], partition_size=1)
    assert first.skipped == 0 and len(first.done) == first.planned >= 4
    part_path(tmp_path, first.done[0].partition).unlink()  # as if Ctrl-C had come before it
    _, missing = batch_output(tmp_path)
    assert len(missing) == 1
    second = run_batch([EXAMPLES], tmp_path, client, [], partition_size=1)
    assert (second.skipped, [p.partition for p in second.done]) == (
        first.planned - 1,
        [first.done[0].partition],
    )
    items, missing = batch_output(tmp_path)
    assert missing == [] and len(items) == first.items


def test_the_command_reports_and_skips(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(REPO / "examples" / "articles.jsonl"), "--out", str(out)]
    args += ["--workers", "1", "--stages", "", "--partition-size", "2"]
    runner = CliRunner()
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "2 partitions: 2 done now, 0 done before, 0 failed; 3 items" in first.output
    second = runner.invoke(main, args)
    assert "0 done now, 2 done before" in second.output


def test_a_killed_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    story = (REPO / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record = json.loads(story)
    lines = [json.dumps({**record, "id": f"story-{n}"}) for n in range(16)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        killed: list[str] = []

        def kill_a_busy_worker() -> None:
            while not finished.is_set():
                busy = [address for address, keys in client.processing().items() if keys]
                if busy and any(part_path(out, "").parent.glob("*.parquet")):
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                    return
                time.sleep(0.01)

        finished = threading.Event()
        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        try:
            report = run_batch([str(corpus)], out, client, ["nlp"], partition_size=2)
        finally:
            finished.set()
            killer.join()
    assert killed, "no worker was busy to be killed"
    assert not report.failed and len(report.done) == report.planned == 8
    items, missing = batch_output(out)
    counts = Counter(input_id_of(item) for item in items)
    assert missing == [] and counts == {f"story-{n}": 1 for n in range(16)}


def test_loading_the_parts_makes_the_store_that_ingest_makes(
    client: Client, tmp_path: Path
) -> None:
    from newsevents.scale.load import load_batch
    from newsevents.store import Store
    from newsevents.store.ingest import ingest

    stages = ["nlp", "events"]
    run_batch([EXAMPLES], tmp_path / "out", client, stages, partition_size=2)
    with Store.open(str(tmp_path / "loaded.duckdb")) as loaded:
        first = load_batch(tmp_path / "out", loaded)
        again = load_batch(tmp_path / "out", loaded)
        loaded_counts = loaded.counts()
    with Store.open(str(tmp_path / "ingested.duckdb")) as ingested:
        ingest(ingested, read_sources([EXAMPLES]), Pipeline(stages))
        assert loaded_counts == ingested.counts()
    assert first.summary.outcome.stored == loaded_counts["articles"] > 0
    assert first.summary.outcome.events_created > 0
    assert (again.summary.outcome.stored, again.summary.outcome.already_known) == (
        0,
        first.summary.outcome.stored,
    )


def test_a_failing_partition_is_retried_reported_and_done_by_the_next_run(
    client: Client, tmp_path: Path
) -> None:
    jsonl = str(REPO / "examples" / "articles.jsonl")
    tmp_path.joinpath("parts").write_text("not a folder: no part can be written")
    failed = run_batch([jsonl], tmp_path, client, [], partition_size=2)
    assert failed.done == [] and len(failed.failed) == failed.planned == 2
    assert all("Error" in reason for reason in failed.failed.values())
    tmp_path.joinpath("parts").unlink()
    again = run_batch([jsonl], tmp_path, client, [], partition_size=2)
    assert (again.skipped, len(again.done), again.failed) == (0, 2, {})
