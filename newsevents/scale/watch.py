"""`newsevents watch`: poll feeds, URLs and folders, and read only what is new.

Every ``every`` seconds each source is read again. An item is new when its URL (or, without one,
its input id: a file path, a feed item's id) has not been read before, by this watcher or, with
a store as its memory (``newsevents.store.watched``), by one before a restart; once extracted,
when its article id has been neither seen nor stored (the same story under a second URL). Only
new items go through the pipeline stages and on to the sink (the store), and only once the sink
has taken them are they remembered as read. An item that fails (it cannot be read, extracted,
coded or stored) is not: it is tried again after a backoff, as a failing source is, kept with a
store (``watch_failures``) so that a restarted watcher honours it. A source that cannot be read
(a broken feed, a timeout, a missing folder) is reported, and polled again after a backoff that
doubles with each failure in a row, up to ``MAX_BACKOFF`` polling intervals
(``newsevents.backoff``); the other sources go on at their own pace. After each round a one-line
summary says what happened.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsevents.backoff import Tries
from newsevents.ingest.limits import Limits
from newsevents.ingest.sources import read_sources
from newsevents.pipeline import BATCH_SIZE, Pipeline
from newsevents.records import Document, InputError, Reading

# The input id ingest.formats gives a feed item with neither link nor id: its place in the feed,
# which the next item to arrive takes over. Such an item is told apart by its article id only.
PLACE_IN_FEED = re.compile(r"#item-\d+\Z")

# Takes a round's results; gives back the input ids of those it could not store.
Sink = Callable[[list[Reading | InputError]], Iterable[str]]


class ReadItems(Protocol):
    """The keys of the items read before (``item_key``), and when to try again those that
    failed."""

    def known(self, keys: Iterable[str]) -> set[str]: ...

    def remember(self, keys: Iterable[str]) -> None:
        """Keep ``keys`` as read, failing no longer."""

    def failing(self, keys: Iterable[str]) -> dict[str, Tries]:
        """Those of ``keys`` that failed before, with their tries."""

    def record_failures(self, tries: dict[str, Tries]) -> None: ...


class ReadInMemory:
    """Read and failed items remembered by this process only."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.tries: dict[str, Tries] = {}

    def known(self, keys: Iterable[str]) -> set[str]:
        return self.keys.intersection(keys)

    def remember(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.keys.add(key)
            self.tries.pop(key, None)

    def failing(self, keys: Iterable[str]) -> dict[str, Tries]:
        return {key: self.tries[key] for key in keys if key in self.tries}

    def record_failures(self, tries: dict[str, Tries]) -> None:
        self.tries.update(tries)


@dataclass
class WatchedSource:
    name: str
    tries: Tries = field(default_factory=Tries)
    last_error: str | None = None


@dataclass
class WatchTotals:
    rounds: int = 0
    new: int = 0  # items read through the pipeline
    known: int = 0  # items skipped: URL or article id seen before
    events: int = 0
    failed: int = 0  # items that could not be read, processed or stored
    source_failures: int = 0


@dataclass
class RoundReport:
    """What one round of polling did; ``Watcher.summary`` says it for a person."""

    polled: list[str] = field(default_factory=list)
    results: list[Reading | InputError] = field(default_factory=list)
    known: int = 0
    waiting: int = 0  # items that failed before, skipped until their backoff is over
    failing: list[WatchedSource] = field(default_factory=list)  # sources that could not be read
    keys: dict[str, str | None] = field(default_factory=dict)  # input id -> key, of items read
    unstored: set[str] = field(default_factory=set)  # input ids of readings the sink refused

    @property
    def stored(self) -> list[Reading]:
        return [
            r
            for r in self.results
            if isinstance(r, Reading) and r.article.input_id not in self.unstored
        ]

    @property
    def failed(self) -> int:
        return len(self.results) - len(self.stored)

    @property
    def events(self) -> int:
        return sum(len(r.events) for r in self.stored)


class Watcher:
    def __init__(
        self,
        sources: Sequence[str],
        pipeline: Pipeline,
        sink: Sink,
        every: float,
        known: Callable[[list[str]], set[str]] = lambda ids: set(),
        read_items: ReadItems | None = None,
        allow_private: bool = False,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.time,  # a wall clock: the store keeps the due times
    ) -> None:
        self.sources = [WatchedSource(name) for name in sources]
        self.pipeline = pipeline
        self.sink = sink
        self.known = known  # article ids already stored, of those given
        self.read_items = read_items or ReadInMemory()
        self.every = every
        self.allow_private = allow_private
        self.limits = limits or Limits.from_environment()
        self.clock = clock
        self.seen_articles: set[str] = set()
        self.totals = WatchTotals()

    def poll(self) -> RoundReport:
        """Read every source that is due, once; remember the items stored, back off the others."""
        report = RoundReport()
        now = self.clock()
        for source in self.sources:
            if source.tries.due <= now:
                report.polled.append(source.name)
                self.poll_source(source, report)
        report.unstored = set(self.sink(report.results))
        failed = report.unstored | {r.input_id for r in report.results if isinstance(r, InputError)}
        now = self.clock()
        keyed = {input_id: key for input_id, key in report.keys.items() if key is not None}
        failed_keys = dict.fromkeys(k for i, k in keyed.items() if i in failed)
        tries = self.read_items.failing(failed_keys)
        for key in failed_keys:
            tries.setdefault(key, Tries()).failed(now, self.every)
        self.read_items.record_failures(tries)
        self.read_items.remember(k for i, k in keyed.items() if i not in failed)
        self.seen_articles.update(r.article.id for r in report.stored)
        self.count(report)
        return report

    def poll_source(self, source: WatchedSource, report: RoundReport) -> None:
        items = list(read_sources([source.name], self.allow_private, self.limits))
        if broken := [i for i in items if isinstance(i, InputError) and i.input_id == source.name]:
            source.tries.failed(self.clock(), self.every)
            source.last_error = broken[0].message
            report.failing.append(source)
            return
        source.tries.succeeded(self.clock(), self.every)
        source.last_error = None
        keys = {item.input_id: item_key(item) for item in items}
        known = self.read_items.known(key for key in keys.values() if key is not None)
        failing = self.read_items.failing(k for k in keys.values() if k and k not in known)
        now = self.clock()
        fresh: list[Document | InputError] = []
        for item in items:
            key = keys[item.input_id]
            if key in known:
                report.known += 1
            elif key in failing and failing[key].due > now:
                report.waiting += 1
            elif item.input_id not in report.keys:  # not in an earlier source this round
                report.keys[item.input_id] = key
                fresh.append(item)
        for start in range(0, len(fresh), BATCH_SIZE):
            report.results.extend(self.read_new(fresh[start : start + BATCH_SIZE], report))

    def read_new(
        self, items: list[Document | InputError], report: RoundReport
    ) -> list[Reading | InputError]:
        """Extract ``items``, drop the articles seen or stored before, code the rest."""
        extracted = [item if isinstance(item, InputError) else self.pipeline.extract(item)
                     for item in items]  # fmt: skip
        ids = [r.article.id for r in extracted if isinstance(r, Reading)]
        this_round = {r.article.id for r in report.results if isinstance(r, Reading)}
        known = self.seen_articles | this_round | self.known(ids)
        new: list[Reading | InputError] = []
        for result in extracted:
            if isinstance(result, Reading):
                if result.article.id in known:
                    report.known += 1
                    continue
                known.add(result.article.id)
            new.append(result)
        return self.pipeline.code(new)

    def count(self, report: RoundReport) -> None:
        totals = self.totals
        totals.rounds += 1
        totals.new += len(report.stored)
        totals.failed += report.failed
        totals.known += report.known
        totals.events += report.events
        totals.source_failures += len(report.failing)

    def next_due(self) -> float:
        return min(source.tries.due for source in self.sources)

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
            f"source failed ({source.tries.failures} in a row, next try in "
            f"{max(0.0, source.tries.due - now):.0f}s): {source.name}: {source.last_error}"
            for source in report.failing
        ]
        t = self.totals
        waiting = f", {report.waiting} failed before, tried later" if report.waiting else ""
        lines.append(
            f"polled {len(report.polled)} source(s): {len(report.stored)} new article(s), "
            f"{report.events} event(s), {report.known} known{waiting}, {report.failed} failed "
            f"| total {t.new} articles, {t.events} events, "
            f"{t.failed} failed items, {t.source_failures} source failures"
        )
        return lines


def item_key(item: Document | InputError) -> str | None:
    """What makes an item the same on the next poll: its URL, else its input id; None for a
    feed item known only by its place in the feed."""
    key = item.input_id if isinstance(item, InputError) else item.url or item.input_id
    return None if PLACE_IN_FEED.search(key) else key
