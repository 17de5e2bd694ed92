"""`newsevents watch` against feeds on a local HTTP server (127.0.0.1 only, bounded rounds)."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.ingest import Limits
from newsevents.pipeline import Pipeline
from newsevents.records import InputError, Reading
from newsevents.scale.cli import parse_interval
from newsevents.scale.watch import Watcher

REPO = Path(__file__).resolve().parents[1]
FEED = (REPO / "examples" / "feed.xml").read_text(encoding="utf-8")
HEAD, *ITEMS = re.split(r"(?=<item>)", FEED.split("</channel>")[0])
TAIL = "</channel>\n</rss>\n"
EVERY = 0.6  # seconds between polls
LIMITS = Limits(connect_timeout=1.0, read_timeout=0.3, fetch_deadline=1.0)


class Feeds(ThreadingHTTPServer):
    """``/news.xml`` serves the items in ``news``; ``/broken.xml`` answers 503 ``broken``
    times, then a feed; ``/slow.xml`` answers after the client has given up."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.news = [ITEMS[0]]
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


def test_new_items_become_events_within_one_interval_and_failing_feeds_are_retried(
    feeds: Feeds, pipeline: Pipeline
) -> None:
    news, broken, slow = (feeds.url(p) for p in ("/news.xml", "/broken.xml", "/slow.xml"))
    stored: list[Reading | InputError] = []
    watcher = Watcher(
        [news, broken, slow], pipeline, stored.extend, EVERY, allow_private=True, limits=LIMITS
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
    assert "Police fire tear gas as protesters march on Kenya's parliament" in titles(stored)
    assert len(titles(stored)) == 3  # each item once, however often it was polled
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
    args = ["watch", feeds.url("/news.xml"), "--every", "0.2s", "--rounds", "2", "--db", db]
    args += ["--stages", "", "--allow-private-urls"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "1 new article(s)" in result.output and "0 new article(s), 0 event(s), 1 known" in (
        result.output
    )
    from newsevents.store import Store

    with Store.open(db, read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_intervals() -> None:
    assert [parse_interval(v) for v in ("90", "30s", "15m", "1h", "0.5s")] == [
        90, 30, 900, 3600, 0.5,
    ]  # fmt: skip
    with pytest.raises(Exception, match="not a duration"):
        parse_interval("soon")
