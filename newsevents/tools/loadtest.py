"""Load benchmark: concurrent clients against `newsevents serve` on loopback.

    python -m newsevents.tools.loadtest [--events 100000] [--clients 200] [--seconds 60]
        [--think S [S ...]] [--no-event-index]

Builds (once, then reuses) a store of distinct synthetic events (newsevents.tools.bench_store),
starts the server in its own process, and runs ``--clients`` keep-alive HTTP/1.1 clients for
``--seconds``, each sending filtered ``/api/events`` requests (country, type, dates, a box, a
confidence floor, a sort) one after another, with ``--think`` seconds between a client's
requests (0: as fast as it is answered; several values: one run each against the same server).
Prints requests per second, errors, latency percentiles and the server's CPU time a request;
--json writes them to a file. Only loopback is ever addressed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode

from newsevents.tools.bench_store import (
    COUNTRIES,
    STAGES,
    TYPES,
    WRITE_BATCH,
    distinct_readings,
)

HOST = "127.0.0.1"


def random_query(rng: random.Random) -> str:
    """A filtered list request as the dashboard makes them: one to three filters, a sort."""
    country, admin1, _ = rng.choice(COUNTRIES)
    lat, lon = rng.uniform(-50, 60), rng.uniform(-170, 170)
    filters = [
        {"country": country},
        {"type": rng.choice(TYPES)[0]},
        {"since": f"2023-{rng.randint(1, 12):02d}-01", "until": "2024-06-30"},
        {"bbox": f"{lon - 10:.2f},{lat - 10:.2f},{lon + 10:.2f},{lat + 10:.2f}"},
        {"min_confidence": rng.choice(("0.5", "0.8", "0.9"))},
        {"admin1": admin1},
    ]
    params: dict[str, str] = {}
    for chosen in rng.sample(filters, rng.randint(1, 3)):
        params |= chosen
    params["sort"] = rng.choice(("-date", "-fatalities", "-confidence"))
    params["limit"] = "50"
    return f"/api/events?{urlencode(params)}"


@dataclass
class Result:
    clients: int
    seconds: float
    think: float
    events: int
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    # the server's CPU time (user + system) per request: its cost apart from the machine's load
    server_cpu_ms_per_request: float | None
    # the clients' (this process's), which share the machine's cores with the server
    client_cpu_ms_per_request: float | None


async def client(
    port: int, deadline: float, think: float, seed: int, latencies: list[float], errors: list[str]
) -> None:
    """One user: requests one after another, ``think`` seconds apart on average. Users arrive
    spread over the first think time, and, as a browser does, open a new connection when the
    server has closed an idle one (uvicorn keeps one open 5 s)."""
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think))
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while time.perf_counter() < deadline:
        path = random_query(rng)
        request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                if connection is None:
                    connection = await asyncio.open_connection(HOST, port)
                connection[1].write(request)
                status, _ = await read_response(connection[0])
                break
            except (OSError, asyncio.IncompleteReadError) as error:
                if connection:
                    connection[1].close()
                connection = None
                if attempt == 2:
                    errors.append(f"connection: {error}")
                    return
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(f"{status} {path}")
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
    if connection:
        connection[1].close()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    return status, await reader.readexactly(length)


async def run_load(port: int, clients: int, seconds: float, think: float) -> tuple[list, list]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(client(port, deadline, think, i, latencies, errors) for i in range(clients))
    )
    return latencies, errors


def ensure_store(path: Path, events: int) -> int:
    """A store of ``events`` distinct synthetic events at ``path``, made once and then reused."""
    from newsevents.store.query import count_events
    from newsevents.store.store import Store

    with Store.open(str(path)) as store:
        stored = count_events(store)
        if stored < events:
            readings = distinct_readings(events - stored, seed=stored)
            while batch := list(islice(readings, WRITE_BATCH)):
                store.write(batch, STAGES)
            stored = count_events(store)
    return stored


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a running process and its children that still run (the
    workers of `serve --workers`; Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) or 0.0 for child in children)


def start_server(db: Path, port: int, options: list[str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)]
        + options,
        env={**os.environ, "NEWSEVENTS_TOKEN": ""},
        stdout=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            asyncio.run(asyncio.wait_for(asyncio.open_connection(HOST, port), 1))
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def measure(port: int, pid: int, clients: int, seconds: float, think: float, events: int) -> Result:
    """One run of ``clients`` for ``seconds`` against the server ``pid`` listening on ``port``."""
    cpu_before, client_before = cpu_seconds(pid), time.process_time()
    latencies, errors = asyncio.run(run_load(port, clients, seconds, think))
    cpu_after, client_cpu = cpu_seconds(pid), time.process_time() - client_before
    cuts = quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    for error in errors[:5]:
        print(f"error: {error}", file=sys.stderr)
    return Result(
        clients=clients,
        seconds=seconds,
        think=think,
        events=events,
        requests=len(latencies),
        errors=len(errors),
        requests_per_second=round(len(latencies) / seconds, 1),
        p50_ms=round(cuts[49] * 1000, 1),
        p95_ms=round(cuts[94] * 1000, 1),
        p99_ms=round(cuts[98] * 1000, 1),
        max_ms=round(max(latencies, default=0) * 1000, 1),
        server_cpu_ms_per_request=(
            round((cpu_after - cpu_before) * 1000 / len(latencies), 2)
            if cpu_before is not None and cpu_after is not None and latencies
            else None
        ),
        client_cpu_ms_per_request=(
            round(client_cpu * 1000 / len(latencies), 2) if latencies else None
        ),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[0.0],
        help="mean seconds between a client's requests; several: one run each, in turn",
    )
    parser.add_argument("--db", type=Path, default=Path(".cache/loadtest.duckdb"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="write the figures here too (a list)")
    parser.add_argument(
        "--no-event-index",
        action="store_true",
        help="the server reads every page through SQL (newsevents serve --no-event-index)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (newsevents serve --workers)"
    )
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    events = ensure_store(args.db, args.events)
    options = ["--workers", str(args.workers)] + (["--no-event-index"] * args.no_event_index)
    server = start_server(args.db, args.port, options)
    results = []
    try:
        for think in args.think:
            result = measure(args.port, server.pid, args.clients, args.seconds, think, events)
            print(json.dumps(asdict(result), indent=2), flush=True)
            results.append(asdict(result))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if any(result["errors"] for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
