"""Extraction speed on HTML pages: newsevents' extract beside trafilatura's own, same pages.

    python -m newsevents.tools.bench_extract ../shared/data/dev/l3s-gn1-googlenews/input --repeat 2

Pages (``*.html`` or ``*.html.gz`` under the folders given) are read into memory first, then
each page goes through both extractors in turn (who goes first alternates), so that both see
the same machine load. Prints
pages per second for each, their ratio, and the peak resident memory, sampled every 100 pages
so that growth across a long run shows.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsevents.eval.bench import peak_rss_mb
from newsevents.extract import ExtractionError, extract
from newsevents.records import Document


def load_pages(folders: Sequence[Path], limit: int | None) -> list[bytes]:
    paths = sorted(p for f in folders for p in f.rglob("*") if p.name.endswith((".html", ".gz")))
    pages = [
        gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in paths
    ]
    return pages[:limit]


def newsevents_extract(page: bytes) -> None:
    with contextlib.suppress(ExtractionError):
        extract(Document(input_id="page", content=page, kind="html"))


def trafilatura_extract(page: bytes) -> None:
    import trafilatura

    trafilatura.extract(page)


def bench(pages: Sequence[bytes], repeat: int) -> dict[str, object]:
    runners: dict[str, Callable[[bytes], None]] = {
        "newsevents": newsevents_extract,
        "trafilatura": trafilatura_extract,
    }
    for run in runners.values():  # load models and caches outside the clock
        run(pages[0])
    seconds = dict.fromkeys(runners, 0.0)
    rss = []
    done = 0
    for _ in range(repeat):
        for number, page in enumerate(pages):
            # alternate who goes first: the second to see a page finds it warm in the caches
            order = list(runners.items())
            for name, run in order if number % 2 else reversed(order):
                started = time.perf_counter()
                run(page)
                seconds[name] += time.perf_counter() - started
            done += 1
            if done % 100 == 0:
                rss.append(round(peak_rss_mb(), 1))
    rates = {name: round(done / s, 1) for name, s in seconds.items()}
    return {
        "pages": done,
        "pages_per_second": rates,
        "ratio": round(rates["newsevents"] / rates["trafilatura"], 3),
        "peak_rss_mb_every_100_pages": rss,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="use the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages")
    args = parser.parse_args(argv)
    print(json.dumps(bench(load_pages(args.folders, args.limit), args.repeat), indent=1))


if __name__ == "__main__":
    main()
