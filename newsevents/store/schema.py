"""The store's schema, as numbered migrations applied in order and recorded in
``schema_migrations``.

A migration is a list of statements in the SQL both backends read, and where a new table is made
from what the store holds, a Python step that fills it. To change the schema, append a
:class:`Migration` with the next number (never edit one that has shipped): every store catches
up the next time it is opened for writing. ``events`` holds the grouped real-world events with
each field's best estimate and the range of counts reported (``*_best``, ``*_low``, ``*_high``),
``event_actors`` their actors as merged (rewritten when an event grows); ``event_mentions`` the
events as each article told them, each pointing at its event (hypothetical mentions make no
event); ``actors`` and ``evidence`` hang off the mentions, ``places`` off the articles. Nothing
declares a foreign key to ``events``: DuckDB cannot update a row that one references, and an
event's row is rewritten whenever a mention joins it (the store's tests check that no mention or
actor points at a missing event). ``ingest_log`` keeps the items that failed, until a later run
reads them; ``watched_items`` the items ``newsevents watch`` has read, so that a restarted
watcher reads none of them again, and ``watch_failures`` those that failed, with when to try
each again, so that it honours their backoff. ``reviews`` holds the analysts' reviews as they
were made, ``review_standing`` where each reviewed event stands after them (kept by
newsevents.review), so that queries filter on the values the analyst corrected.
``article_aliases`` gives an article stored under the id of its text alone (before migration 6)
the id its text, headline and outlet give it now, so that its input read again is known.
``event_mentions.main`` says whether a mention is its article's main happening (the violent
event the article's killed, injured and day are of: newsevents.events.article_counts) and
``events.main_count`` of how many of its articles an event is that; both NULL where stored
before migration 7 (not known), the count then of the mentions stored since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsevents.store.backends import Backend, StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    fill: Callable[[Backend], None] | None = None  # fills the new tables from the old, after


def fill_review_standing(backend: Backend) -> None:
    from newsevents.review import fill_standings  # review reads the store: imported when run

    fill_standings(backend)


def fill_article_aliases(backend: Backend) -> None:
    """Each stored article's id as its text, headline and outlet give it now, where that is not
    its id: an article stored before the headline and the outlet were part of its identity
    (newsevents.extract.identity) is then known by the id its input gets now."""
    from newsevents.extract.identity import article_id

    aliases = [
        (alias, stored)
        for rows in backend.stream(
            "SELECT a.id, a.text, a.title, o.name FROM articles a "
            "LEFT JOIN outlets o ON o.id = a.outlet_id"
        )
        for stored, text, title, outlet in rows
        if (alias := article_id(text, title, outlet)) != stored
    ]
    backend.insert("article_aliases", ("alias", "article_id"), aliases)


LOCATION_COLUMNS = """
    location_name TEXT,
    geonameid BIGINT,
    country TEXT,
    admin1 TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    geo_precision TEXT"""


def count_columns(suffixes: tuple[str, ...]) -> str:
    return ",".join(
        f"\n    {name}{suffix} INTEGER"
        for name in ("fatalities", "injured", "displaced", "arrested")
        for suffix in suffixes
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, outlets, places, events and their actors, mentions, actors, evidence, "
        "ingest log",
        (
            """CREATE TABLE outlets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
)""",
            """CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    input_id TEXT NOT NULL,
    url TEXT,
    outlet_id TEXT REFERENCES outlets (id),
    title TEXT,
    published DATE,
    language TEXT,
    text TEXT NOT NULL,
    stages TEXT NOT NULL,
    no_events_reason TEXT,
    warnings TEXT,
    ingested_at TIMESTAMP NOT NULL
)""",
            """CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    feature TEXT,
    score DOUBLE PRECISION,"""
            + LOCATION_COLUMNS
            + """,
    PRIMARY KEY (article_id, ordinal)
)""",
            """CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    cameo_root TEXT,
    event_date DATE,
    date_precision TEXT NOT NULL,"""
            + LOCATION_COLUMNS
            + """,
    actor1 TEXT,
    actor2 TEXT,"""
            + count_columns(("_best", "_low", "_high"))
            + """,
    confidence DOUBLE PRECISION NOT NULL,
    mention_count INTEGER NOT NULL,
    source_count INTEGER NOT NULL,
    first_reported DATE,
    last_reported DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
)""",
            """CREATE TABLE event_actors (
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    country TEXT,
    sector TEXT
)""",
            """CREATE TABLE event_mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    ordinal INTEGER NOT NULL,
    event_id TEXT,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT,
    context TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    cameo_root TEXT,
    event_date DATE,
    date_precision TEXT NOT NULL,
    place_text TEXT,"""
            + LOCATION_COLUMNS
            + ","
            + count_columns(("",))
            + """,
    count_qualifiers TEXT,
    confidence DOUBLE PRECISION NOT NULL
)""",
            """CREATE TABLE actors (
    mention_id TEXT NOT NULL REFERENCES event_mentions (id),
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    country TEXT,
    sector TEXT,
    alternative BOOLEAN NOT NULL,
    PRIMARY KEY (mention_id, role, ordinal)
)""",
            """CREATE TABLE evidence (
    mention_id TEXT NOT NULL REFERENCES event_mentions (id),
    kind TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (mention_id, kind, ordinal)
)""",
            """CREATE TABLE ingest_log (
    input_id TEXT PRIMARY KEY,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_failed TIMESTAMP NOT NULL,
    last_failed TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    article_id TEXT
)""",
            "CREATE INDEX event_mentions_article ON event_mentions (article_id)",
            "CREATE INDEX event_mentions_event ON event_mentions (event_id)",
            "CREATE INDEX events_date ON events (event_date)",
            "CREATE INDEX event_actors_event ON event_actors (event_id)",
        ),
    ),
    Migration(
        2,
        "analyst reviews (newsevents.review), apart from machine output",
        (
            # No foreign key to events: a re-run that rewrites an event keeps its reviews.
            """CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    note TEXT,
    reviewer TEXT,
    created_at TIMESTAMP NOT NULL
)""",
            "CREATE INDEX reviews_event ON reviews (event_id)",
        ),
    ),
    Migration(
        3,
        "the items `newsevents watch` has read (newsevents.store.watched)",
        (
            """CREATE TABLE watched_items (
    item_key TEXT PRIMARY KEY,
    read_at TIMESTAMP NOT NULL
)""",
        ),
    ),
    Migration(
        4,
        "where each reviewed event stands: its state and corrected values (newsevents.review)",
        (
            # The columns of events an analyst may correct, named as there; NULL: not corrected.
            """CREATE TABLE review_standing (
    event_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    type TEXT,
    status TEXT,
    event_date DATE,
    location_name TEXT,
    country TEXT,
    admin1 TEXT,
    actor1 TEXT,
    actor2 TEXT,"""
            + count_columns(("_best",))
            + """
)""",
        ),
        fill_review_standing,
    ),
    Migration(
        5,
        "the items `newsevents watch` failed to read, and when to try each again",
        (
            """CREATE TABLE watch_failures (
    item_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    next_try_at TIMESTAMP NOT NULL
)""",
        ),
    ),
    Migration(
        6,
        "the ids the articles stored before get now, their headline and outlet in their identity",
        (
            """CREATE TABLE article_aliases (
    alias TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
)""",
        ),
        fill_article_aliases,
    ),
    Migration(
        7,
        "whether each mention is its article's main happening, and of how many articles each "
        "event is: NULL for those stored before, not known",
        (
            # IF NOT EXISTS: a store rolled back to an older version by dropping that version's
            # tables (the tests do) keeps these columns.
            "ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS main BOOLEAN",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS main_count INTEGER",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


def applied_version(backend: Backend) -> int | None:
    """The last migration applied, or None for a database without the store's tables."""
    if not backend.fetch(
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
    ):
        return None
    rows = backend.fetch("SELECT max(version) FROM schema_migrations")
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def migrate(backend: Backend) -> list[int]:
    """Apply the pending migrations in one transaction (so two processes opening a new store
    at once cannot both apply one); the versions applied."""
    applied = []
    with backend.transaction():
        backend.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        current = applied_version(backend) or 0
        check_not_newer(backend, current)
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            for statement in migration.statements:
                backend.execute(statement)
            if migration.fill:
                migration.fill(backend)
            backend.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
            )
            applied.append(migration.version)
    return applied


def check_readable(backend: Backend) -> None:
    """Raise StoreError unless the database holds a store this code can read."""
    version = applied_version(backend)
    if version is None:
        raise StoreError(f"{backend.label} holds no newsevents store: run `newsevents ingest`")
    check_not_newer(backend, version)
    if version < LATEST:
        raise StoreError(
            f"{backend.label} has schema v{version}, this newsevents needs v{LATEST}: "
            "run `newsevents ingest` once to upgrade it"
        )


def check_not_newer(backend: Backend, version: int) -> None:
    if version > LATEST:
        raise StoreError(
            f"{backend.label} has schema v{version}, newer than this newsevents (v{LATEST}): "
            "upgrade newsevents"
        )
