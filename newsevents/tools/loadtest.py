"""Load benchmark: concurrent clients against `newsevents serve` on loopback.

    python -m newsevents.tools.loadtest [--events 100000] [--clients 200] [--seconds 60]
        [--think S [S ...]] [--workers N] [--no-event-index] [--generator auto|wrk|python]

Builds (once, then reuses) a store of distinct synthetic events (newsevents.tools.bench_store),
starts the server in its own process and waits until it answers and its processes are idle
(each worker has made its copy of the store), then runs ``--clients`` keep-alive HTTP/1.1
clients for ``--seconds``, each sending filtered ``/api/events`` requests (country, type, dates,
a box, a confidence floor, a sort: :func:`random_query`) one after another, with ``--think``
seconds between a client's requests (0: as fast as it is answered; several values: one run
each against the same server). Prints requests per second, errors (any status but 2xx, and
socket errors), latency percentiles and the CPU time a request of the server and of the load
generator; --json writes them to a file. Only loopback is ever addressed.

The load comes from wrk (Debian: ``apt-get install wrk``) when it is installed: C on one
thread, ~0.1 ms of CPU a request, where the Python clients cost ~1 ms of the cores the server
needs. It sends 100,000 paths drawn beforehand by :func:`random_query` (loadtest.lua, in turn;
the server keeps no answers, so a path sent twice costs it as much the second time). Without
wrk, or with pauses that outlast the server's keep-alive (wrk counts a closed idle connection
as an error; the Python clients reconnect, as a browser does), the Python clients run; each
result names its generator.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib.resources import files
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
KEEP_ALIVE = 5.0  # seconds uvicorn keeps an idle connection open
WRK_PATHS = 100_000  # paths drawn for wrk to send in turn


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
class Load:
    """What one run of a load generator measured."""

    requests: int
    seconds: float
    errors: int
    percentiles_ms: tuple[float, ...]  # p50, p95, p99, max
    cpu_seconds: float  # the generator's own


@dataclass
class Result:
    generator: str  # wrk or python
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
    # the load generator's, which shares the machine's cores with the server
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


async def run_clients(
    port: int, clients: int, seconds: float, think: float
) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(client(port, deadline, think, i, latencies, errors) for i in range(clients))
    )
    return latencies, errors


def python_load(port: int, clients: int, seconds: float, think: float, _: Path) -> Load:
    """The Python clients, in this process."""
    cpu_before = time.process_time()
    latencies, errors = asyncio.run(run_clients(port, clients, seconds, think))
    cpu = time.process_time() - cpu_before
    for error in errors[:5]:
        print(f"error: {error}", file=sys.stderr)
    cuts = quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    ms = tuple(round(s * 1000, 1) for s in (cuts[49], cuts[94], cuts[98], max(latencies or [0])))
    return Load(len(latencies), seconds, len(errors), ms, cpu)


def wrk_load(port: int, clients: int, seconds: float, think: float, paths: Path) -> Load:
    """wrk on one thread, sending ``paths`` in turn (loadtest.lua). Its timeout is 30 s, so
    that a slow answer is a latency, not an error."""
    script = files("newsevents.tools") / "loadtest.lua"
    command = ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s"]
    command += ["-s", str(script), f"http://{HOST}:{port}", "--", str(paths), str(think * 1000)]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = [line for line in run.stdout.splitlines() if line.startswith("loadtest ")]
    if run.returncode or not found:
        raise SystemExit(f"wrk failed: {run.stdout[-2000:]}{run.stderr[-2000:]}")
    out = json.loads(found[-1].removeprefix("loadtest "))
    errors = sum(out[kind] for kind in ("not_2xx", "connect", "read", "write", "timeout"))
    ms = tuple(round(out[key] / 1000, 1) for key in ("p50_us", "p95_us", "p99_us", "max_us"))
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return Load(out["requests"], out["microseconds"] / 1e6, errors, ms, cpu)


GENERATORS = {"wrk": wrk_load, "python": python_load}


def generator_for(asked: str, think: float) -> str:
    """wrk where it is installed and the pauses are shorter than the keep-alive; else Python.
    ``asked``: auto, wrk or python."""
    if asked == "python":
        return "python"
    why = None
    if shutil.which("wrk") is None:
        why = "wrk is not installed (Debian: apt-get install wrk)"
    elif 2 * think >= KEEP_ALIVE:
        why = f"pauses up to {2 * think:g} s outlast the server's {KEEP_ALIVE:g} s keep-alive"
    if why and asked == "wrk":
        raise SystemExit(f"--generator wrk: {why}")
    if why:
        print(f"think {think:g} s: {why}: the Python clients generate the load", file=sys.stderr)
        return "python"
    return "wrk"


def draw_paths(path: Path, count: int, seed: int = 0) -> Path:
    """``count`` request paths by :func:`random_query`, a line each, for wrk."""
    rng = random.Random(seed)
    path.write_text("".join(random_query(rng) + "\n" for _ in range(count)))
    return path


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
    """`newsevents serve`, once it answers and its processes are idle: with --workers, the
    port answers as soon as one worker is up, while the others may still be making their
    copies of the store."""
    server = subprocess.Popen(
        [sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)]
        + options,
        env={**os.environ, "NEWSEVENTS_TOKEN": ""},
        stdout=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            asyncio.run(asyncio.wait_for(asyncio.open_connection(HOST, port), 1))
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise SystemExit("the server did not start")
    busy = cpu_seconds(server.pid)
    for _ in range(600):  # idle: under 5% of a core for half a second
        time.sleep(0.5)
        before, busy = busy, cpu_seconds(server.pid)
        if busy is None or before is None or busy - before < 0.025:
            break
    return server


def measure(
    generator: str, port: int, pid: int, clients: int, seconds: float, think: float, events: int
) -> Result:
    """One run of ``clients`` for ``seconds`` against the server ``pid`` listening on ``port``."""
    with tempfile.TemporaryDirectory(prefix="loadtest-") as folder:
        paths = Path(folder) / "paths.txt"
        if generator == "wrk":
            draw_paths(paths, WRK_PATHS)
        cpu_before = cpu_seconds(pid)
        load = GENERATORS[generator](port, clients, seconds, think, paths)
        cpu_after = cpu_seconds(pid)
    p50, p95, p99, most = load.percentiles_ms
    return Result(
        generator=generator,
        clients=clients,
        seconds=round(load.seconds, 1),
        think=think,
        events=events,
        requests=load.requests,
        errors=load.errors,
        requests_per_second=round(load.requests / load.seconds, 1),
        p50_ms=p50,
        p95_ms=p95,
        p99_ms=p99,
        max_ms=most,
        server_cpu_ms_per_request=(
            round((cpu_after - cpu_before) * 1000 / load.requests, 2)
            if cpu_before is not None and cpu_after is not None and load.requests
            else None
        ),
        client_cpu_ms_per_request=(
            round(load.cpu_seconds * 1000 / load.requests, 2) if load.requests else None
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
    parser.add_argument(
        "--generator",
        choices=("auto", *GENERATORS),
        default="auto",
        help="the load generator (auto: wrk where installed and the pauses allow, else Python)",
    )
    args = parser.parse_args(argv)
    generators = [generator_for(args.generator, think) for think in args.think]
    args.db.parent.mkdir(parents=True, exist_ok=True)
    events = ensure_store(args.db, args.events)
    options = ["--workers", str(args.workers)] + (["--no-event-index"] * args.no_event_index)
    server = start_server(args.db, args.port, options)
    results = []
    try:
        for think, generator in zip(args.think, generators, strict=True):
            result = measure(
                generator, args.port, server.pid, args.clients, args.seconds, think, events
            )
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
