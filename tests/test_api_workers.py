"""`newsevents serve --workers 2` on a DuckDB store: both processes open it read-only, answer
as one process does, and refuse writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from fastapi.testclient import TestClient
from test_loadtest import free_port

from newsevents.api.app import create_app
from newsevents.store.store import Store
from newsevents.tools.bench_store import STAGES, distinct_readings

HOST = "127.0.0.1"


def get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data, {"Authorization": "Bearer t0ken"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_two_read_only_workers(tmp_path: Path) -> None:
    path = str(tmp_path / "workers.duckdb")
    with Store.open(path) as store:
        store.write(list(distinct_readings(50, seed=4)), STAGES)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsevents", "serve", "--db", path, "--port", str(port)]
        + ["--workers", "2"],
        env={**os.environ, "NEWSEVENTS_TOKEN": "t0ken"},
    )
    try:
        base = f"http://{HOST}:{port}"
        for _ in range(150):
            try:
                status, _ = get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200
        query = "/api/events?limit=7&sort=-fatalities&country=NGA,SYR"
        answers = {get(base + query) for _ in range(6)}  # both processes, most likely
        app = create_app(path, read_only=True)  # a read-only open beside theirs
        with TestClient(app) as client:
            assert answers == {(200, client.get(query).content)}
        app.state.database.close()
        event_id = json.loads(answers.pop()[1])["items"][0]["id"]
        status, body = get(f"{base}/api/events/{event_id}/review", b'{"action": "confirm"}')
        assert status == 403 and b"read-only" in body
    finally:
        server.terminate()
        server.wait(timeout=30)
