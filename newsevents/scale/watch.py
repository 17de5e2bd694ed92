"""`newsevents watch`: poll feeds, URLs and folders, and read only what is new.

Every ``every`` seconds each source is read again. An item is new when its URL (or, without
one, its input id: a file path, a feed item's id) has not been seen, and once extracted when its
article id has been neither seen nor stored (the same story under a second URL, or read before
a restart); only new items go through the pipeline stages and on to the sink (the store). A
source that cannot be read (a broken feed, a timeout, a missing folder) is reported, and polled
again after a backoff that doubles with each failure in a row, up to ``MAX_BACKOFF`` polling
intervals; the other sources go on at their own pace. After each round a one-line summary says
what happened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from newsevents.ingest.limits import Limits
from newsevents.ingest.sources import read_sources
from newsevents.pipeline import BATCH_SIZE, Pipeline
from newsevents.records import Document, InputError, Reading

MAX_BACKOFF = 16  # polling intervals between tries of a source that keeps failing

Sink = Callable[[list[Reading | InputError]], object]  # what it returns is not used


@dataclass
class WatchedSource:
    name: str
    due: float = 0.0  # clock time of its next poll
    failures: int = 0  # in a row
    last_error: str | None = None

    def backoff(self, every: float) -> float:
        """Seconds to wait before the next poll after ``failures`` failures in a row."""
        return every * min(2 ** max(self.failures - 1, 0), MAX_BACKOFF)


@dataclass
class WatchTotals:
    rounds: int = 0
    new: int = 0  # items read through the pipeline
    known: int = 0  # items skipped: URL or article id seen before
    events: int = 0
    failed: int = 0  # items that could not be read or processed
    source_failures: int = 0


@dataclass
class RoundReport:
    """What one round of polling did; ``lines`` says it for a person."""

    polled: list[str] = field(default_factory=list)
    results: list[Reading | InputError] = field(default_factory=list)
    known: int = 0
    failing: list[WatchedSource] = field(default_factory=list)  # sources that could not be read

    @property
    def events(self) -> int:
        return sum(len(r.events) for r in self.results if isinstance(r, Reading))


class Watcher:
    def __init__(
        self,
        sources: Sequence[str],
        pipeline: Pipeline,
        sink: Sink,
        every: float,
        known: Callable[[list[str]], set[str]] = lambda ids: set(),
        allow_private: bool = False,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sources = [WatchedSource(name) for name in sources]
        self.pipeline = pipeline
        self.sink = sink
        self.known = known  # article ids already stored, of those given
        self.every = every
        self.allow_private = allow_private
        self.limits = limits or Limits.from_environment()
        self.clock = clock
        self.seen_keys: set[str] = set()
        self.seen_articles: set[str] = set()
        self.totals = WatchTotals()

    def poll(self) -> RoundReport:
        """Read every source that is due, once."""
        report = RoundReport()
        now = self.clock()
        for source in self.sources:
            if source.due <= now:
                report.polled.append(source.name)
                self.poll_source(source, report)
        self.sink(report.results)
        self.count(report)
        return report

    def poll_source(self, source: WatchedSource, report: RoundReport) -> None:
        items = read_sources([source.name], self.allow_private, self.limits)
        fresh: list[Document | InputError] = []
        for item in items:
            if isinstance(item, InputError) and item.input_id == source.name:
                source.failures += 1
                source.last_error = item.message
                source.due = self.clock() + source.backoff(self.every)
                report.failing.append(source)
                return
            if item_key(item) in self.seen_keys:
                report.known += 1
            else:
                fresh.append(item)
        source.failures, source.last_error = 0, None
        source.due = self.clock() + self.every
        for start in range(0, len(fresh), BATCH_SIZE):
            report.results.extend(self.read_new(fresh[start : start + BATCH_SIZE], report))
        # Failed items are remembered too: a broken item is not re-read on every round.
        self.seen_keys.update(item_key(item) for item in fresh)

    def read_new(
        self, items: list[Document | InputError], report: RoundReport
    ) -> list[Reading | InputError]:
        """Extract ``items``, drop the articles seen or stored before, code the rest."""
        extracted = [item if isinstance(item, InputError) else self.pipeline.extract(item)
                     for item in items]  # fmt: skip
        ids = [r.article.id for r in extracted if isinstance(r, Reading)]
        known = self.seen_articles | self.known(ids)
        new: list[Reading | InputError] = []
        for result in extracted:
            if isinstance(result, Reading):
                if result.article.id in known:
                    report.known += 1
                    continue
                known.add(result.article.id)
            new.append(result)
        self.seen_articles.update(ids)
        return self.pipeline.code(new)

    def count(self, report: RoundReport) -> None:
        totals = self.totals
        totals.rounds += 1
        totals.new += sum(isinstance(r, Reading) for r in report.results)
        totals.failed += sum(isinstance(r, InputError) for r in report.results)
        totals.known += report.known
        totals.events += report.events
        totals.source_failures += len(report.failing)

    def next_due(self) -> float:
        return min(source.due for source in self.sources)

    def rounds(self, limit: int | None = None) -> Iterator[RoundReport]:
        """Poll, sleep until a source is due, poll again: ``limit`` rounds, or for ever."""
        done = 0
        while limit is None or done < limit:
            yield self.poll()
            done += 1
            if limit is None or done < limit:
                time.sleep(max(0.0, self.next_due() - self.clock()))

    def summary(self, report: RoundReport) -> list[str]:
        """Lines for a person: each failing source, then the round and the running totals."""
        now = self.clock()
        lines = [
            f"source failed ({source.failures} in a row, next try in "
            f"{max(0.0, source.due - now):.0f}s): {source.name}: {source.last_error}"
            for source in report.failing
        ]
        new = sum(isinstance(r, Reading) for r in report.results)
        t = self.totals
        lines.append(
            f"polled {len(report.polled)} source(s): {new} new article(s), {report.events} "
            f"event(s), {report.known} known | total {t.new} articles, {t.events} events, "
            f"{t.failed} failed items, {t.source_failures} source failures"
        )
        return lines


def item_key(item: Document | InputError) -> str:
    """What makes an item the same on the next poll: its URL, else its input id."""
    return item.input_id if isinstance(item, InputError) else item.url or item.input_id
