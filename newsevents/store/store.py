"""`Store`: the event database behind one small interface, whichever backend holds it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType

from newsevents.records import InputError, Reading
from newsevents.store.backends import DEFAULT_DB, Backend, connect
from newsevents.store.events import (
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    MentionExtras,
    StoredEvents,
    event_actor_rows,
    event_row,
    restore,
)
from newsevents.store.rows import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    MENTION_COLUMNS,
    PLACE_COLUMNS,
    ArticleRows,
    article_rows,
    mention_id,
)
from newsevents.store.schema import check_readable, migrate

TABLES = (
    "outlets",
    "articles",
    "places",
    "events",
    "event_actors",
    "event_mentions",
    "actors",
    "evidence",
    "ingest_log",
    "reviews",
    "review_standing",
    "watched_items",
    "watch_failures",
    "article_aliases",
)
# A list of ids as one parameter: the same SQL on both backends, whatever the list's length.
IN_LIST = "(SELECT unnest(CAST(? AS TEXT[])))"
EVENT_UPDATE = "ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}" for c in EVENT_COLUMNS if c not in ("id", "created_at")
)


@dataclass
class BatchOutcome:
    """What one write did."""

    stored: int = 0
    already_known: int = 0
    without_events: dict[str, int] = field(default_factory=dict)
    failed: list[InputError] = field(default_factory=list)
    events_created: int = 0
    mentions_merged: int = 0
    retried: int = 0  # earlier failures stored this time

    def merge(self, other: BatchOutcome) -> None:
        self.stored += other.stored
        self.already_known += other.already_known
        for reason, n in other.without_events.items():
            self.without_events[reason] = self.without_events.get(reason, 0) + n
        self.failed.extend(other.failed)
        self.events_created += other.events_created
        self.mentions_merged += other.mentions_merged
        self.retried += other.retried


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """Articles, their event mentions and the events those group into, in DuckDB or PostgreSQL.

    ``Store.open(url)`` opens the database (for writing: creates and migrates it); ``write``
    stores one batch of pipeline results in one transaction. The index of stored events that
    new mentions are grouped against is restored once, at the first write, and kept up to date.
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.stored_events: StoredEvents | None = None

    @classmethod
    def open(cls, url: str = DEFAULT_DB, read_only: bool = False) -> Store:
        backend = connect(url, read_only=read_only)
        try:
            if read_only:
                check_readable(backend)
            else:
                migrate(backend)
        except BaseException:
            backend.close()
            raise
        return cls(backend)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    def load_events(self) -> StoredEvents:
        """The index of stored events that new mentions are grouped against: restored from the
        database the first time (a write does it when needed), kept up to date after."""
        if self.stored_events is None:
            self.stored_events = restore(self.backend)
        return self.stored_events

    def known_articles(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` stored: as an article's id, or as the id an article stored before
        its headline and outlet were part of its identity gets now (``article_aliases``)."""
        if not ids:
            return set()
        rows = self.backend.fetch(
            f"SELECT id FROM articles WHERE id IN {IN_LIST} "
            f"UNION SELECT alias FROM article_aliases WHERE alias IN {IN_LIST}",
            [list(ids), list(ids)],
        )
        return {row[0] for row in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self.backend.fetch(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}

    def pending_failures(self) -> list[tuple[str, str, str]]:
        """(input id, stage, reason) of the items whose last attempt failed."""
        rows = self.backend.fetch(
            "SELECT input_id, stage, reason FROM ingest_log WHERE resolved_at IS NULL "
            "ORDER BY input_id"
        )
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    def write(self, results: Sequence[Reading | InputError], stages: Sequence[str]) -> BatchOutcome:
        """Store a batch of pipeline results in one transaction: the new articles with their
        mentions, the events those join or found, and the failures in the ingest log. Articles
        already stored are left as they are. Nothing of the batch is kept when it fails."""
        outcome = BatchOutcome()
        now = utc_now()
        readings: dict[str, Reading] = {}
        for result in results:
            if isinstance(result, InputError):
                outcome.failed.append(result)
            elif result.article.id in readings:
                outcome.already_known += 1
            else:
                readings[result.article.id] = result
        stored_events = self.load_events()
        with self.backend.transaction():
            known = self.known_articles(list(readings))
            outcome.already_known += len(known)
            new = [r for article_id, r in readings.items() if article_id not in known]
            rows = [article_rows(r, stages, now, r.uncoded) for r in new]
            for article in rows:
                if reason := article.article[ARTICLE_COLUMNS.index("no_events_reason")]:
                    outcome.without_events[str(reason)] = outcome.without_events.get(reason, 0) + 1
            outcome.stored = len(rows)
            try:
                self.group(new, rows, stored_events, now, outcome)
                self.insert_articles(rows)
                self.log_attempts(readings.values(), outcome, now)
            except BaseException:
                self.stored_events = None  # the index took mentions that are not stored
                raise
        return outcome

    def group(
        self,
        readings: list[Reading],
        rows: list[ArticleRows],
        stored: StoredEvents,
        now: datetime,
        outcome: BatchOutcome,
    ) -> None:
        """Each new mention's event (joined or founded, by newsevents.dedup) into its row, and
        the rows of the events it touched, made again from all their mentions."""
        from newsevents.dedup import mentions_of  # scikit-learn: only when writing

        mentions = [m for reading in readings for m in mentions_of(reading)]
        for reading in readings:
            for event in reading.events:
                stored.extras[mention_id(reading.article, event)] = MentionExtras.of(event)
        assignments = stored.index.add(mentions)
        event_of = {a.mention.id: a.event_id for a in assignments}
        event_column = MENTION_COLUMNS.index("event_id")
        for article in rows:
            for mention in article.mentions:
                mention[event_column] = event_of.get(str(mention[0]))
        outcome.events_created += sum(a.outcome == "founded" for a in assignments)
        outcome.mentions_merged += sum(a.outcome == "joined" for a in assignments)
        touched = sorted({a.event_id for a in assignments})
        summaries = [stored.index.summary(event_id) for event_id in touched]
        for event_id in touched:
            stored.created.setdefault(event_id, now)
        self.backend.insert(
            "events",
            EVENT_COLUMNS,
            [
                event_row(s, [stored.extras[m] for m in s.mention_ids], stored.created[s.id], now)
                for s in summaries
            ],
            EVENT_UPDATE,
        )
        if touched:
            self.backend.execute(f"DELETE FROM event_actors WHERE event_id IN {IN_LIST}", [touched])
        self.backend.insert(
            "event_actors", EVENT_ACTOR_COLUMNS, [r for s in summaries for r in event_actor_rows(s)]
        )

    def insert_articles(self, rows: list[ArticleRows]) -> None:
        outlets = {article.outlet[0]: article.outlet for article in rows if article.outlet}
        self.backend.insert(
            "outlets", ("id", "name"), list(outlets.values()), "ON CONFLICT (id) DO NOTHING"
        )
        self.backend.insert("articles", ARTICLE_COLUMNS, [article.article for article in rows])
        self.backend.insert("places", PLACE_COLUMNS, [p for a in rows for p in a.places])
        self.backend.insert(
            "event_mentions", MENTION_COLUMNS, [tuple(m) for a in rows for m in a.mentions]
        )
        self.backend.insert("actors", ACTOR_COLUMNS, [r for a in rows for r in a.actors])
        self.backend.insert("evidence", EVIDENCE_COLUMNS, [e for a in rows for e in a.evidence])

    def log_attempts(
        self, readings: Iterable[Reading], outcome: BatchOutcome, now: datetime
    ) -> None:
        """Failures into the ingest log (attempts counted); earlier failures read this time
        marked resolved."""
        read = {r.article.input_id: r.article.id for r in readings}
        if read:
            pending = self.backend.fetch(
                "SELECT input_id FROM ingest_log WHERE resolved_at IS NULL "
                f"AND input_id IN {IN_LIST}",
                [list(read)],
            )
            for (input_id,) in pending:
                self.backend.execute(
                    "UPDATE ingest_log SET resolved_at = ?, article_id = ? WHERE input_id = ?",
                    [now, read[input_id], input_id],
                )
            outcome.retried = len(pending)
        latest = {error.input_id: error for error in outcome.failed}
        self.backend.insert(
            "ingest_log",
            ("input_id", "stage", "reason", "attempts", "first_failed", "last_failed"),
            [(e.input_id, e.stage, e.message, 1, now, now) for e in latest.values()],
            "ON CONFLICT (input_id) DO UPDATE SET stage = excluded.stage, "
            "reason = excluded.reason, attempts = ingest_log.attempts + 1, "
            "last_failed = excluded.last_failed, resolved_at = NULL, article_id = NULL",
        )
