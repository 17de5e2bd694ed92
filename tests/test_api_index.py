"""The in-memory event index (newsevents.api.index) answers every list request exactly as the SQL
path does: the same events in the same order, the same total and cursors, and after any write
to the store, the store as it now is."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.api.app import create_app
from newsevents.api.db import Database
from newsevents.api.index import EventIndex
from newsevents.api.queries import SORT_CHOICES, ApiFilter, Page, encode_cursor, event_page
from newsevents.review import ReviewIn, add_review
from newsevents.store.backends import Backend, Row
from newsevents.store.store import Store
from newsevents.tools.bench_store import STAGES, distinct_readings


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """300 events with what the SQL keys make of NULLs and ties: events without a date, a
    place, a count or a report date, shared dates and counts, and some reviews."""
    path = str(tmp_path / "index.duckdb")
    with Store.open(path) as store:
        store.write(list(distinct_readings(300, seed=5)), STAGES)
    opened = Database(path)
    db = opened.main
    ids = [row[0] for row in db.fetch("SELECT id FROM events ORDER BY id")]
    for column, every in (("event_date", 7), ("fatalities_best", 5), ("last_reported", 11)):
        db.execute(f"UPDATE events SET {column} = NULL WHERE hash(id) % ? = 0", [every])
    db.execute("UPDATE events SET latitude = NULL, longitude = NULL WHERE hash(id) % 13 = 0")
    db.execute("UPDATE events SET confidence = 0.5 WHERE hash(id) % 9 = 0")
    for event_id in ids[::17]:
        add_review(db, event_id, ReviewIn(action="confirm"))
    add_review(
        db,
        ids[3],
        ReviewIn.model_validate({"action": "correct", "changes": {"admin1": "Elsewhere"}}),
    )
    add_review(db, ids[3], ReviewIn(action="reject"))
    yield opened
    opened.close()


def values(db: Backend, column: str) -> list[str]:
    rows = db.fetch(f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL ORDER BY 1")
    return [row[0] for row in rows]


def random_filter(rng: random.Random, db: Backend) -> ApiFilter:
    """One to four of the filters the index answers, with values the store holds and some it
    does not."""
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    west, south = rng.uniform(-180, 180), rng.uniform(-90, 60)
    choices = {
        "since": day,
        "until": day + timedelta(days=rng.randrange(400)),
        "types": tuple(rng.sample(values(db, "type"), 2)),
        "sub_event_types": (rng.choice(values(db, "acled_sub_event_type")), "no such type"),
        "countries": tuple(rng.sample(values(db, "country"), 3)),
        "admin1": (rng.choice(values(db, "admin1")),),
        "statuses": (rng.choice(("reported", "background")),),
        "acled_types": (rng.choice(values(db, "acled_event_type")),),
        "bbox": (west, south, rng.uniform(-180, 180), south + rng.uniform(0, 30)),
        "min_confidence": rng.choice((0.5, 0.8, rng.random())),
        "reviewed": rng.random() < 0.5,
        "located": rng.random() < 0.5,
    }
    chosen = rng.sample(sorted(choices), rng.randint(1, 4))
    return ApiFilter(**{name: choices[name] for name in chosen})  # type: ignore[arg-type]


def walk(
    page_of: Callable[..., Page | None], where: ApiFilter, sort: str, limit: int
) -> list[Page | None]:
    pages: list[Page | None] = []
    cursor = None
    while True:
        pages.append(page := page_of(where, sort, limit, cursor))
        if page is None or not (cursor := page.next_cursor):
            return pages


def test_every_page_is_the_sql_page(database: Database) -> None:
    db, index = database.main, EventIndex()
    rng = random.Random(12)
    wheres = [ApiFilter(), *(random_filter(rng, db) for _ in range(25))]
    for i, where in enumerate(wheres):
        for sort in SORT_CHOICES if i < 3 else rng.sample(SORT_CHOICES, 2):
            limit = rng.choice((4, 25, 100))
            by_index = walk(lambda *a: index.page(db, *a), where, sort, limit)
            by_sql = walk(lambda *a: event_page(db, *a), where, sort, limit)
            assert by_index == by_sql, (where, sort, limit)
    assert index.current is not None and index.current[1] is not None


def test_cursors_between_and_beyond_the_keys(database: Database) -> None:
    """A cursor need not name a stored row: the index places any key and id as SQL does."""
    db, index = database.main, EventIndex()
    for sort, value in (
        ("type", "Fight"),
        ("-type", "zz"),
        ("type", ""),
        ("fatalities", 2.5),
        ("-confidence", 0.5),
        ("-date", "2021-06-01"),
        ("reported", "0001-01-01"),
    ):
        for after in ("", "7", "zzzz"):
            cursor = encode_cursor(value, after)
            assert index.page(db, ApiFilter(), sort, 5, cursor) == event_page(
                db, ApiFilter(), sort, 5, cursor
            ), (sort, value, after)


def test_a_box_holds_its_edges(database: Database) -> None:
    db, index = database.main, EventIndex()
    where = "longitude BETWEEN 0 AND 170"
    event_id, lat, lon = db.fetch(f"SELECT id, latitude, longitude FROM events WHERE {where}")[0]
    for box in ((lon, lat, lon, lat), (lon + 1, lat - 1, lon, lat)):  # the second crosses 180°
        page = index.page(db, ApiFilter(bbox=box), "-date", 10, None)
        assert page == event_page(db, ApiFilter(bbox=box), "-date", 10)
        assert page is not None and event_id in [event.id for event in page.events]


@pytest.mark.parametrize(
    ("where", "sort", "value"),
    [
        (ApiFilter(actor="group 1"), "-date", None),
        (ApiFilter(text="report"), "-date", None),
        (ApiFilter(), "type", 3),
        (ApiFilter(), "-fatalities", "three"),
        (ApiFilter(), "confidence", True),
        (ApiFilter(), "-date", 20200101),
    ],
)
def test_what_the_index_cannot_answer_goes_to_sql(
    database: Database, where: ApiFilter, sort: str, value: object
) -> None:
    cursor = None if value is None else encode_cursor(value, "a")
    assert EventIndex().page(database.main, where, sort, 10, cursor) is None


def test_writes_are_seen_at_once(database: Database) -> None:
    db, index = database.main, EventIndex()
    first = index.page(db, ApiFilter(reviewed=False), "-date", 50, None)
    assert first is not None
    event_id = first.events[0].id
    add_review(db, event_id, ReviewIn(action="reject"))
    after_review = index.page(db, ApiFilter(reviewed=False), "-date", 50, None)
    assert after_review is not None and after_review.total == first.total - 1
    assert event_id not in [e.id for e in after_review.events]
    Store(db).write(list(distinct_readings(20, seed=99)), STAGES)
    for where in (ApiFilter(), ApiFilter(reviewed=True)):
        assert index.page(db, where, "-date", 400, None) == event_page(db, where, "-date", 400)
    assert index.page(db, ApiFilter(), "-date", 1, None).total == 320  # type: ignore[union-attr]


def test_requests_share_a_fingerprint_read_after_they_arrived(database: Database) -> None:
    reads: list[str] = []

    class Counting:
        def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
            reads.append(sql)
            return database.main.fetch(sql, params)

    index, arrived = EventIndex(), time.monotonic()
    first = index.fingerprint(Counting(), arrived)  # type: ignore[arg-type]
    assert index.fingerprint(Counting(), arrived) == first and len(reads) == 1  # type: ignore[arg-type]
    add_review(database.main, first_id(database.main), ReviewIn(action="confirm"))
    later = index.fingerprint(Counting(), time.monotonic())  # type: ignore[arg-type]
    assert later != first and len(reads) == 2


def first_id(db: Backend) -> str:
    return str(db.fetch("SELECT min(id) FROM events")[0][0])


def test_requests_during_a_rebuild_go_to_sql(database: Database) -> None:
    db, index = database.main, EventIndex()
    assert index.page(db, ApiFilter(), "-date", 10, None) is not None
    add_review(db, first_id(db), ReviewIn(action="confirm"))
    with index.building:  # another request is making the new copy
        assert index.page(db, ApiFilter(), "-date", 10, None) is None
    assert index.page(db, ApiFilter(), "-date", 10, None) == event_page(
        db, ApiFilter(), "-date", 10
    )


def test_an_empty_store_is_read_through_sql_until_it_has_events(tmp_path: Path) -> None:
    database = Database(str(tmp_path / "empty.duckdb"))
    index = EventIndex(database.main)
    assert index.page(database.main, ApiFilter(), "-date", 10, None) is None
    Store(database.main).write(list(distinct_readings(3, seed=1)), STAGES)
    page = index.page(database.main, ApiFilter(), "-date", 10, None)
    assert page is not None and page.total == 3
    database.close()


def test_a_nan_keeps_the_index_off(database: Database) -> None:
    database.main.execute("UPDATE events SET latitude = 'NaN' WHERE hash(id) % 3 = 0")
    assert EventIndex().page(database.main, ApiFilter(), "-date", 10, None) is None


def test_the_app_answers_the_same_with_and_without_the_index(database: Database) -> None:
    path = database.url
    database.close()
    answers = []
    for event_index in (True, False):
        app = create_app(path, event_index=event_index)
        with TestClient(app) as client:
            answers.append(
                [
                    client.get("/api/events", params=params).json()
                    for params in (
                        {"limit": 30, "sort": "-fatalities", "located": "true"},
                        {"country": "NGA,KEN", "sort": "type", "reviewed": "false"},
                        {"bbox": "170,-60,-170,70", "sort": "-reported"},
                    )
                ]
            )
        app.state.database.close()
    assert answers[0] == answers[1]
    assert all(page["items"] for page in answers[0])
