"""`newsevents watch` against feeds on a local HTTP server (127.0.0.1 only, bounded rounds)."""

from __future__ import annotations

import ast
import contextlib
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsevents.store
from newsevents.backoff import MAX_BACKOFF
from newsevents.cli import main
from newsevents.ingest import Limits
from newsevents.pipeline import Pipeline
from newsevents.records import Document, InputError, Reading
from newsevents.scale.cli import parse_interval
from newsevents.scale.watch import Watcher
from newsevents.store import Store
from newsevents.store.ingest import write
from newsevents.store.watched import WatchedItems

REPO = Path(__file__).resolve().parents[1]
FEED = (REPO / "examples" / "feed.xml").read_text(encoding="utf-8")
HEAD, *ITEMS = re.split(r"(?=<item>)", FEED.split("</channel>")[0])
TAIL = "</channel>\n</rss>\n"
EVERY = 0.6  # seconds between polls
LIMITS = Limits(connect_timeout=1.0, read_timeout=0.3, fetch_deadline=1.0)


class Feeds(ThreadingHTTPServer):
    """``/news.xml`` serves the items in ``news``; ``/unlinked.xml`` those in ``unlinked``
    without their links and ids; ``/broken.xml`` answers 503 ``broken`` times, then a feed;
    ``/slow.xml`` answers after the client has given up."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.news = [ITEMS[0]]
        self.unlinked = [ITEMS[0]]
        self.broken = 2
        self.requests: dict[str, list[float]] = {}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Feeds

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.server.requests.setdefault(self.path, []).append(time.monotonic())
        if self.path == "/slow.xml":
            time.sleep(LIMITS.read_timeout * 3)
        if self.path == "/broken.xml" and self.server.broken > 0:
            self.server.broken -= 1
            self.send_error(503, "down for maintenance")
            return
        items = self.server.news if self.path == "/news.xml" else [ITEMS[1]]
        if self.path == "/unlinked.xml":
            items = [re.sub(r"<(link|guid)\b.*?</\1>", "", i) for i in self.server.unlinked]
        body = (HEAD + "".join(items) + TAIL).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the slow feed's client has given up by now, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feeds() -> Iterator[Feeds]:
    server = Feeds()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["nlp", "events"])


def titles(results: list[Reading | InputError]) -> list[str | None]:
    return [r.article.title for r in results if isinstance(r, Reading)]


class Collect:
    """A sink that keeps what it is given and refuses the input ids in ``refuse``."""

    def __init__(self) -> None:
        self.results: list[Reading | InputError] = []
        self.refuse: set[str] = set()

    def __call__(self, results: list[Reading | InputError]) -> set[str]:
        self.results.extend(results)
        return {r.article.input_id for r in results if isinstance(r, Reading)} & self.refuse


class CountingPipeline(Pipeline):
    """Extracts as a pipeline without stages does, and keeps the input id of every item."""

    def __init__(self) -> None:
        super().__init__([])
        self.extracted: list[str] = []

    def extract(self, document: Document) -> Reading | InputError:
        self.extracted.append(document.input_id)
        return super().extract(document)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_new_items_become_events_within_one_interval_and_failing_feeds_are_retried(
    feeds: Feeds, pipeline: Pipeline
) -> None:
    news, broken, slow = (feeds.url(p) for p in ("/news.xml", "/broken.xml", "/slow.xml"))
    sink = Collect()
    watcher = Watcher(
        [news, broken, slow], pipeline, sink, EVERY, allow_private=True, limits=LIMITS
    )
    rounds = watcher.rounds(limit=10)

    first = next(rounds)
    assert titles(first.results) == ["Floods displace tens of thousands in northeastern Bangladesh"]
    assert {source.name for source in first.failing} == {broken, slow}
    assert "503" in watcher.summary(first)[0] and "timed out" in " ".join(watcher.summary(first))

    feeds.news.append(ITEMS[2])
    added = time.monotonic()
    second = next(rounds)
    (new,) = [r for r in second.results if isinstance(r, Reading)]
    assert new.article.title == "Gunmen kill 12 villagers in northwest Nigeria"
    assert any(event.type == "ASSAULT" and event.fatalities == 12 for event in new.events)
    polled_at = next(t for t in feeds.requests["/news.xml"] if t > added)
    assert polled_at - added <= EVERY + 0.2  # picked up at the next poll

    later = list(rounds)
    assert all(report.known >= 2 for report in later if news in report.polled)
    assert "Police fire tear gas as protesters march on Kenya's parliament" in titles(sink.results)
    assert len(titles(sink.results)) == 3  # each item once, however often it was polled
    # The slow feed fails every time and is tried less and less often (the wait doubles),
    # while the news feed is polled at its own pace throughout.
    polled_slow = [report for report in later if slow in report.polled]
    assert all(slow in [source.name for source in report.failing] for report in polled_slow)
    tries = feeds.requests["/slow.xml"]
    gaps = [after - before for before, after in zip(tries, tries[1:], strict=False)]
    assert len(gaps) >= 2 and all(gap >= EVERY * 2**n for n, gap in enumerate(gaps))
    assert len(feeds.requests["/news.xml"]) > len(tries)
    assert watcher.totals.source_failures == len(tries) + 2


def test_the_command_stores_what_is_new(feeds: Feeds, tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")

    def watch(rounds: int) -> str:
        args = ["watch", feeds.url("/news.xml"), "--every", "0.2s", "--rounds", str(rounds)]
        args += ["--db", db, "--stages", "", "--allow-private-urls"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return result.output

    output = watch(rounds=2)
    assert "1 new article(s)" in output and "0 new article(s), 0 event(s), 1 known" in output
    with Store.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
    # started again on the same store: the item was read before the restart
    assert "0 new article(s), 0 event(s), 1 known" in watch(rounds=1)


def test_a_watcher_started_again_on_the_store_reads_nothing_it_has_read(
    feeds: Feeds, store_url: str
) -> None:
    news = feeds.url("/news.xml")

    def watch_once(pipeline: CountingPipeline) -> tuple[Store, Watcher]:
        store = Store.open(store_url)
        watcher = Watcher(
            [news],
            pipeline,
            lambda results: (e.input_id for e in write(store, results, []).failed),
            EVERY,
            known=store.known_articles,
            read_items=WatchedItems(store.backend),
            allow_private=True,
            limits=LIMITS,
        )
        return store, watcher

    first = CountingPipeline()
    store, watcher = watch_once(first)
    with store:
        assert len(watcher.poll().stored) == 1
    feeds.news.append(ITEMS[2])
    again = CountingPipeline()
    store, watcher = watch_once(again)
    with store:
        report = watcher.poll()
        assert store.counts()["articles"] == 2
    assert len(feeds.requests["/news.xml"]) == 2  # the feed itself is read on each poll
    assert len(first.extracted) == 1
    assert again.extracted == [item_link(ITEMS[2])]  # of its items, only the one added
    assert (report.known, len(report.stored)) == (1, 1)


def test_an_item_that_fails_is_not_remembered_and_is_tried_again_later(feeds: Feeds) -> None:
    clock, sink, pipeline = Clock(), Collect(), CountingPipeline()
    watcher = Watcher(
        [feeds.url("/news.xml")], pipeline, sink, 1.0, allow_private=True, limits=LIMITS,
        clock=clock,
    )  # fmt: skip
    item = item_link(ITEMS[0])
    sink.refuse = {item}  # the store refuses it (say, the database is full)
    tries: list[int] = []
    for second in range(40):
        clock.now = float(second)
        report = watcher.poll()
        if item in pipeline.extracted[len(tries) :]:
            tries.append(second)
        if second == 15:  # its fifth try, refused again
            assert report.failed == 1 and "1 failed" in watcher.summary(report)[-1]
        if second == 20:
            assert report.waiting == 1 and "1 failed before" in watcher.summary(report)[-1]
            sink.refuse = set()
    # a try at 0, then waits of 1, 2, 4, 8 and 16 intervals (MAX_BACKOFF), and it is stored
    assert tries == [0, 1, 3, 7, 15, 31]
    assert MAX_BACKOFF == 16
    assert watcher.read_items.known([item]) == {item}
    assert titles(sink.results).count(titles(sink.results)[0]) == len(tries)
    assert watcher.totals.new == 1 and watcher.totals.failed == len(tries) - 1


def test_a_restarted_watcher_honours_the_backoff_of_items_that_failed(
    feeds: Feeds, store_url: str
) -> None:
    clock, sink, item = Clock(), Collect(), item_link(ITEMS[0])
    sink.refuse = {item}
    start = clock.now = 1_700_000_000.0  # wall-clock seconds, as the store keeps them

    def watcher(store: Store) -> tuple[Watcher, CountingPipeline]:
        pipeline = CountingPipeline()
        watching = Watcher(
            [feeds.url("/news.xml")], pipeline, sink, 1.0, read_items=WatchedItems(store.backend),
            allow_private=True, limits=LIMITS, clock=clock,
        )  # fmt: skip
        return watching, pipeline

    with Store.open(store_url) as store:
        first, _ = watcher(store)
        first.poll()  # fails: next try an interval later
        clock.now = start + 1
        first.poll()  # fails again: next try two intervals later
    with Store.open(store_url) as store:  # a new process on the same store
        second, pipeline = watcher(store)
        clock.now = start + 2
        assert second.poll().waiting == 1 and pipeline.extracted == []
        clock.now = start + 3
        assert second.poll().failed == 1 and pipeline.extracted == [item]
        (tries,) = WatchedItems(store.backend).failing([item]).values()
        assert (tries.failures, tries.due) == (3, start + 7)  # the count went on from two
        sink.refuse = set()
        clock.now = start + 7
        assert len(second.poll().stored) == 1
        assert WatchedItems(store.backend).failing([item]) == {}
        assert store.counts()["watched_items"] == 1 and store.counts()["watch_failures"] == 0


def test_feed_items_without_link_or_id_are_told_apart_by_their_article(feeds: Feeds) -> None:
    """Such an item's id is its place in the feed, which a newer item takes over."""
    clock = Clock()
    watcher = Watcher(
        [feeds.url("/unlinked.xml")], CountingPipeline(), Collect(), 1.0, allow_private=True,
        limits=LIMITS, clock=clock,
    )  # fmt: skip
    assert len(watcher.poll().stored) == 1
    feeds.unlinked.insert(0, ITEMS[2])  # the newest first, as feeds list them
    clock.now = 1.0
    report = watcher.poll()
    assert titles(report.results) == ["Gunmen kill 12 villagers in northwest Nigeria"]
    assert report.known == 1  # the first, now item 2, by its article id


def item_link(item: str) -> str:
    link = re.search(r"<link>(.*?)</link>", item)
    assert link
    return link.group(1)


def test_intervals() -> None:
    assert [parse_interval(v) for v in ("90", "30s", "15m", "1h", "0.5s")] == [
        90, 30, 900, 3600, 0.5,
    ]  # fmt: skip
    with pytest.raises(Exception, match="not a duration"):
        parse_interval("soon")


def test_the_store_imports_nothing_of_scale() -> None:
    # The store keeps what the watcher decides (Tries, in newsevents.backoff): the lower layer
    # never imports the one above it.
    store = Path(newsevents.store.__file__).parent
    for module in store.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not any(n.startswith("newsevents.scale") for n in names), module.name
