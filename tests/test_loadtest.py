"""The load benchmark end to end, small: a store, a server of its own, two runs (two think
times) against it, with and without the event index."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from newsevents.tools import loadtest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((loadtest.HOST, 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("options", [[], ["--no-event-index"]])
def test_two_runs_against_one_server(tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "load.json"
    argv = ["--events", "40", "--clients", "4", "--seconds", "1", "--think", "0.05", "0"]
    argv += ["--db", str(tmp_path / "load.duckdb"), "--port", str(free_port())]
    assert loadtest.main([*argv, "--json", str(out), *options]) == 0
    runs = json.loads(out.read_text())
    assert [run["think"] for run in runs] == [0.05, 0.0]
    assert all(run["events"] == 40 and run["requests"] > 4 and not run["errors"] for run in runs)
