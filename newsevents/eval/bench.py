"""`newsevents bench`: articles per second, overall and per stage, and memory along the run.

Articles go through ``Pipeline.run`` as in ``newsevents extract`` (in its small batches). The
pipeline runs in one process on one core, so articles/s per core equals articles/s. With
``baseline="trafilatura"`` each HTML page is also given to ``trafilatura.extract`` with its
default options as it enters the pipeline, so that both see the same machine conditions; its
time is kept out of our figures.
"""

from __future__ import annotations

import platform
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.eval.metrics import ratio
from newsevents.eval.system import Progress, no_progress
from newsevents.pipeline import BATCH_SIZE, WARM_UP_ARTICLE, Pipeline
from newsevents.records import Document, InputError, Reading

CORES_USED = 1  # the pipeline is single-process
RSS_SAMPLES = 40  # about this many memory samples per run (more for runs longer than --limit)
WARM_UP = 100  # memory growth is measured from the sample after this many articles


def current_rss_mb() -> float | None:
    """Resident memory now, from /proc (Linux); None elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def per_second(count: int, seconds: float) -> float | None:
    return round(count / seconds, 2) if seconds > 0 else None


def memory_summary(samples: Sequence[tuple[int, float]]) -> dict[str, Any]:
    """First and last sampled RSS, the growth after the warm-up, and the samples as
    [articles done, MB] pairs."""
    if not samples:
        return {"rss_samples": []}
    after_warm_up = [mb for n, mb in samples if n >= WARM_UP] or [samples[0][1]]
    return {
        "rss_first_mb": round(samples[0][1], 1),
        "rss_last_mb": round(samples[-1][1], 1),
        "rss_growth_after_warm_up_mb": round(samples[-1][1] - after_warm_up[0], 1),
        "rss_samples": [[n, round(mb, 1)] for n, mb in samples],
    }


def run_bench(
    sources: Sequence[str],
    stages: Sequence[str],
    limit: int | None = None,
    baseline: str | None = None,
    progress: Progress = no_progress,
    db: str | None = None,
) -> dict[str, Any]:
    """With ``db``, every result is also written to that store (stage ``store``), as
    ``newsevents ingest`` writes it; with ``baseline="spacy"``, bare ``en_core_web_sm`` reads
    the same article texts, batch by batch as they come (see :class:`SpacyTimer`), twice: as it
    ships (``baseline``) and with the pipeline's matrix products (``baseline_same_blas``)."""
    from newsevents.ingest import read_sources

    pipeline = Pipeline(stages)
    pipeline.warm_up()  # like the models' loading, the one-time costs stay out of the figures
    sample_every = max(1, (limit or 1000) // RSS_SAMPLES)
    processed = 0
    failures: Counter[str] = Counter()
    samples: list[tuple[int, float]] = []
    baseline_label = baseline_name() if baseline == "trafilatura" else None  # imported first
    timed = BaselineTimer() if baseline == "trafilatura" else None
    spacy_timers = (  # by the summary's key
        {"baseline": SpacyTimer(), "baseline_same_blas": SpacyTimer(numpy_blas=True)}
        if baseline == "spacy"
        else {}
    )
    store_writer = StoreWriter(db, pipeline) if db else None
    documents = islice(read_sources(sources), limit)
    started, cpu_started = time.perf_counter(), time.process_time()
    for result in progress(pipeline.run(timed.each(documents) if timed else documents), "bench"):
        if store_writer:
            store_writer.take(result)
        if isinstance(result, InputError) and result.stage == "ingest":
            failures[result.stage] += 1
            continue
        processed += 1
        if isinstance(result, InputError):
            failures[result.stage] += 1
        else:
            for timer in spacy_timers.values():
                timer.take(result.article.text)
        due = processed == 1 or processed % sample_every == 0
        if due and (rss := current_rss_mb()) is not None:
            samples.append((processed, rss))
    for timer in spacy_timers.values():
        timer.flush()
    if store_writer:
        store_writer.close()
    if (rss := current_rss_mb()) is not None and (not samples or samples[-1][0] != processed):
        samples.append((processed, rss))
    baseline_seconds = timed.seconds if timed else sum(t.seconds for t in spacy_timers.values())
    wall = time.perf_counter() - started - baseline_seconds
    # CPU seconds are what a core gives, whatever else shares the machine: the per-core rate.
    cpu = time.process_time() - cpu_started - sum(t.cpu_seconds for t in spacy_timers.values())
    articles_per_second = per_second(processed, wall)
    summary: dict[str, Any] = {
        "task": "bench",
        "corpus": list(sources),
        "stages": ["extract", *stages, *(["store"] if db else [])],
        "articles": processed,
        "failed": sum(failures.values()),
        "failed_by_stage": dict(failures),
        "seconds": round(wall, 2),
        "articles_per_s": articles_per_second,
        "cores_used": CORES_USED,
        "articles_per_s_per_core": round(articles_per_second / CORES_USED, 2)
        if articles_per_second
        else None,
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_s": per_second(processed, cpu),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "per_stage": per_stage(pipeline, processed, spacy_timers.get("baseline")),
        **memory_summary(samples),
        "machine": f"{platform.machine()} {platform.system()}, Python {platform.python_version()}",
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    if timed:
        html_pages = timed.html_pages
        ours_html_seconds = pipeline.times.extract_by_kind.get("html", 0.0)
        summary["baseline"] = {
            "name": baseline_label,
            "html_pages": html_pages,
            "ours_extract_pages_per_s": per_second(html_pages, ours_html_seconds),
            "baseline_pages_per_s": per_second(html_pages, baseline_seconds),
            "speed_ratio": round(ratio(baseline_seconds, ours_html_seconds), 3)
            if html_pages
            else None,
        }
    for key, timer in spacy_timers.items():
        summary[key] = timer.summary(wall, cpu)
    if store_writer:  # what storing adds to the pipeline's own time, side by side
        seconds = pipeline.times.seconds
        coding = sum(s for stage, s in seconds.items() if stage != "store")
        summary["store_share_of_pipeline"] = round(ratio(seconds.get("store", 0.0), coding), 3)
    return summary


def per_stage(
    pipeline: Pipeline, articles: int, spacy_timer: SpacyTimer | None
) -> dict[str, dict[str, Any]]:
    """Each stage's wall and CPU seconds and articles/s; beside bare spaCy, its CPU seconds
    over bare spaCy's (CPU seconds, unlike wall ones, do not grow with other jobs' load)."""
    times = pipeline.times
    stages: dict[str, dict[str, Any]] = {}
    for stage, seconds in times.seconds.items():
        cpu = times.cpu_seconds.get(stage, 0.0)
        stages[stage] = {
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3),
            "articles_per_s": per_second(articles, seconds),
        }
        if spacy_timer:
            stages[stage]["cpu_ratio_to_spacy"] = round(ratio(cpu, spacy_timer.cpu_seconds), 3)
    return stages


class StoreWriter:
    """Writes results to a store in ingest's batches, through ingest's own write, and counts
    the time as the pipeline's stage ``store``."""

    def __init__(self, db: str, pipeline: Pipeline) -> None:
        from newsevents.store import Store

        self.store = Store.open(db)
        self.store.load_events()  # like the models, loaded before the clock starts
        warm_up_arrow()
        self.pipeline = pipeline
        self.batch: list[Reading | InputError] = []

    def take(self, result: Reading | InputError) -> None:
        from newsevents.store.ingest import INGEST_BATCH

        self.batch.append(result)
        if len(self.batch) >= INGEST_BATCH:
            self.flush()

    def flush(self) -> None:
        from newsevents.store.ingest import write

        with self.pipeline.times.stage("store"):
            write(self.store, self.batch, self.pipeline.stage_names)
        self.batch = []

    def close(self) -> None:
        if self.batch:
            self.flush()
        self.store.close()


def warm_up_arrow() -> None:
    """Build one Arrow table, as the store's writes do: pyarrow's first costs ~0.4 s of CPU
    (its kernels and type machinery), once per process, like loading a model."""
    import pyarrow as pa

    pa.Table.from_pydict({"warm_up": [0]})


class SpacyTimer:
    """Bare spaCy, as a user would run it: ``en_core_web_sm`` with all its components, through
    ``nlp.pipe``, on the article texts the pipeline read, in the pipeline's batches as they
    come, so that both see the same machine conditions; its seconds are kept out of ours.
    With ``numpy_blas``, its matrix products run as the pipeline's do
    (:mod:`newsevents.nlp.blas`): what the pipeline adds to spaCy, whatever makes spaCy faster."""

    def __init__(self, numpy_blas: bool = False) -> None:
        import spacy

        from newsevents.nlp import load_model_package
        from newsevents.nlp.blas import use_numpy_blas

        self.nlp = load_model_package()
        if numpy_blas:
            use_numpy_blas(self.nlp)
        list(self.nlp.pipe([WARM_UP_ARTICLE.content.decode()]))  # as the pipeline is warmed up
        self.label = f"spaCy {spacy.__version__} {self.nlp.meta['name']} "
        self.label += f"{self.nlp.meta['version']} ({', '.join(self.nlp.pipe_names)}; nlp.pipe"
        self.label += "; numpy's BLAS, as the pipeline's)" if numpy_blas else ")"
        self.seconds = self.cpu_seconds = 0.0
        self.articles = 0
        self.texts: list[str] = []

    def take(self, text: str) -> None:
        self.texts.append(text)
        if len(self.texts) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in self.nlp.pipe(self.texts):
            pass
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu_started
        self.articles += len(self.texts)
        self.texts = []

    def summary(self, ours_seconds: float, ours_cpu_seconds: float) -> dict[str, Any]:
        return {
            "name": self.label,
            "articles": self.articles,
            "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
            "articles_per_s": per_second(self.articles, self.seconds),
            "pipeline_time_ratio": round(ratio(ours_seconds, self.seconds), 3),
            "pipeline_cpu_ratio": round(ratio(ours_cpu_seconds, self.cpu_seconds), 3),
        }


class BaselineTimer:
    """Times ``trafilatura.extract`` on each HTML page as the pipeline takes it, so that both
    see the same machine conditions; its seconds are kept out of our figures."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.html_pages = 0

    def each(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        import trafilatura

        for item in items:
            if isinstance(item, Document) and item.kind == "html":
                started = time.perf_counter()
                trafilatura.extract(item.content, url=item.url)
                self.seconds += time.perf_counter() - started
                self.html_pages += 1
            yield item


def baseline_name() -> str:
    import trafilatura

    return f"trafilatura {trafilatura.__version__} extract() defaults"
