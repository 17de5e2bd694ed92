"""The load benchmark end to end, small: a store, a server of its own, two runs (two think
times) against it, with and without the event index, with each load generator."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from newsevents.tools import loadtest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((loadtest.HOST, 0))
        return int(probe.getsockname()[1])


GENERATOR_OPTIONS = [
    pytest.param(["--generator", "python"], id="python"),
    pytest.param(["--generator", "python", "--no-event-index"], id="python-sql"),
    pytest.param(
        ["--generator", "wrk", "--workers", "2"],
        id="wrk-two-workers",
        marks=pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed"),
    ),
]


@pytest.mark.parametrize("options", GENERATOR_OPTIONS)
def test_two_runs_against_one_server(tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "load.json"
    argv = ["--events", "40", "--clients", "4", "--seconds", "1", "--think", "0.05", "0"]
    argv += ["--db", str(tmp_path / "load.duckdb"), "--port", str(free_port())]
    assert loadtest.main([*argv, "--json", str(out), *options]) == 0
    runs = json.loads(out.read_text())
    assert [run["think"] for run in runs] == [0.05, 0.0]
    assert {run["generator"] for run in runs} == {options[1]}
    assert all(run["events"] == 40 and run["requests"] > 4 and not run["errors"] for run in runs)
    assert all(run["p50_ms"] <= run["p99_ms"] <= run["max_ms"] for run in runs)


def test_wrk_is_chosen_only_where_it_can_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert loadtest.generator_for("auto", 1) == "wrk"
    assert loadtest.generator_for("auto", 10) == "python"  # pauses outlast the keep-alive
    assert loadtest.generator_for("python", 0) == "python"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert loadtest.generator_for("auto", 0) == "python"
    with pytest.raises(SystemExit, match="apt-get install wrk"):
        loadtest.generator_for("wrk", 0)


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_wrk_counts_answers_that_are_not_2xx(tmp_path: Path) -> None:
    """A path the API refuses (limit=0: a 422) is an error, as a socket error is."""
    port = free_port()
    db = tmp_path / "load.duckdb"
    loadtest.ensure_store(db, 10)
    server = loadtest.start_server(db, port, [])
    try:
        paths = tmp_path / "paths.txt"
        paths.write_text("/api/events?limit=0\n/api/events?limit=1\n")
        load = loadtest.wrk_load(port, 2, 1, 0, paths)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert load.requests > 10 and load.errors >= load.requests // 2 - 1
