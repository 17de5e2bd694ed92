"""The in-memory event index (newsevents.api.index) answers every list request exactly as the SQL
path does: the same JSON, byte for byte (the same events in the same order with their reviews,
the same total and cursors), and after any write to the store, the store as it now is."""

from __future__ import annotations

import json
import operator
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.api.app import create_app
from newsevents.api.db import Database
from newsevents.api.index import EventIndex, snapshot
from newsevents.api.queries import SORT_CHOICES, ApiFilter, encode_cursor, event_page, page_json
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
    # some events are an article's main happening; some were stored before the store knew
    db.execute("UPDATE events SET main_count = CAST(hash(id) % 3 AS INTEGER) - 1")
    db.execute("UPDATE events SET main_count = NULL WHERE main_count < 0")
    for event_id in ids[::17]:
        add_review(db, event_id, ReviewIn(action="confirm"))
    add_review(
        db,
        ids[3],
        ReviewIn.model_validate({"action": "correct", "changes": {"admin1": "Elsewhere"}}),
    )
    add_review(db, ids[3], ReviewIn(action="reject"))
    for event_id, changes in (  # filters and sorts read the corrected values
        (ids[5], {"type": "PROTEST", "date": "2030-06-01", "fatalities": 1000}),
        (ids[8], {"country": "NGA", "admin1": "Kano", "status": "background"}),
    ):
        add_review(db, event_id, ReviewIn.model_validate({"action": "correct", "changes": changes}))
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
        "main_only": True,
    }
    chosen = rng.sample(sorted(choices), rng.randint(1, 4))
    return ApiFilter(**{name: choices[name] for name in chosen})  # type: ignore[arg-type]


def sql_json(db: Backend, *asked: Any) -> bytes:
    return page_json(event_page(db, *asked))


def walk(
    page_of: Callable[..., bytes | None], where: ApiFilter, sort: str, limit: int
) -> list[bytes | None]:
    pages: list[bytes | None] = []
    cursor = None
    while True:
        pages.append(page := page_of(where, sort, limit, cursor))
        if page is None or not (cursor := json.loads(page)["next_cursor"]):
            return pages


def test_every_page_is_the_sql_page(database: Database) -> None:
    db, index = database.main, EventIndex()
    rng = random.Random(12)
    wheres = [ApiFilter(), ApiFilter(main_only=True), *(random_filter(rng, db) for _ in range(25))]
    for i, where in enumerate(wheres):
        for sort in SORT_CHOICES if i < 3 else rng.sample(SORT_CHOICES, 2):
            limit = rng.choice((4, 25, 100))
            by_index = walk(lambda *a: index.page_json(db, *a), where, sort, limit)
            by_sql = walk(lambda *a: sql_json(db, *a), where, sort, limit)
            assert by_index == by_sql, (where, sort, limit)
    assert index.current is not None and index.current[1] is not None
    reviewed = json.loads(index.page_json(db, ApiFilter(reviewed=True), "-date", 100, None) or "")
    assert {"confirmed", "rejected"} <= {item["review"] for item in reviewed["items"]}


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
            assert index.page_json(db, ApiFilter(), sort, 5, cursor) == sql_json(
                db, ApiFilter(), sort, 5, cursor
            ), (sort, value, after)


def test_a_box_holds_its_edges(database: Database) -> None:
    """Narrow bands of latitude (found in latitude order) and wide ones (every row tested)."""
    db, index = database.main, EventIndex()
    where = "longitude BETWEEN 0 AND 170 ORDER BY latitude LIMIT 1"  # the southernmost
    event_id, lat, lon = db.fetch(f"SELECT id, latitude, longitude FROM events WHERE {where}")[0]
    boxes = [(lon, lat, lon, lat), (lon + 1, lat - 1, lon, lat)]  # the second crosses 180°
    boxes += [(lon, lat, lon, 90), (lon + 1, lat, lon, 90)]  # all the rows' latitudes
    for box in boxes:
        page = index.page_json(db, ApiFilter(bbox=box), "-date", 500, None)
        assert page == sql_json(db, ApiFilter(bbox=box), "-date", 500)
        assert page is not None and event_id in [item["id"] for item in json.loads(page)["items"]]


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
    assert EventIndex().page_json(database.main, where, sort, 10, cursor) is None


def page_of(index: EventIndex, db: Backend | None, where: ApiFilter, limit: int) -> Any:
    return json.loads(index.page_json(db, where, "-date", limit, None) or "null")


def test_writes_are_seen_at_once(database: Database) -> None:
    db, index = database.main, EventIndex()
    first = page_of(index, db, ApiFilter(reviewed=False), 50)
    event_id = first["items"][0]["id"]
    add_review(db, event_id, ReviewIn(action="reject"))
    after_review = page_of(index, db, ApiFilter(reviewed=False), 50)
    assert after_review["total"] == first["total"] - 1
    assert event_id not in [item["id"] for item in after_review["items"]]
    reviewed = page_of(index, db, ApiFilter(reviewed=True), 400)["items"]
    assert [item["review"] for item in reviewed if item["id"] == event_id] == ["rejected"]
    Store(db).write(list(distinct_readings(20, seed=99)), STAGES)
    for where in (ApiFilter(), ApiFilter(reviewed=True)):
        assert index.page_json(db, where, "-date", 400, None) == sql_json(db, where, "-date", 400)
    assert page_of(index, db, ApiFilter(), 1)["total"] == 320


def test_a_new_copy_keeps_the_summaries_that_still_hold(database: Database) -> None:
    db, index = database.main, EventIndex(database.main)
    assert index.current is not None and (before := index.current[1]) is not None
    event_id = before.ids[5]
    add_review(db, event_id, ReviewIn(action="confirm"))
    assert index.page_json(db, ApiFilter(), "-date", 1, None) is not None
    assert index.current is not None and (after := index.current[1]) is not None
    kept = [a is b for a, b in zip(before.summaries, after.summaries, strict=True)]
    assert kept.count(False) == 1 and not kept[5]
    again = snapshot(db, after)[1]  # nothing changed since: every summary kept
    assert again is not None and all(map(operator.is_, again.summaries, after.summaries))


def test_a_read_only_store_is_copied_once(database: Database) -> None:
    """Served read-only, the store cannot change: DuckDB lets no process open it for writing
    (so the frozen copy reads no fingerprint)."""
    path = database.url
    database.close()
    opened = Database(path, read_only=True)
    index = EventIndex(opened.main, frozen=True)
    writer = "import duckdb, sys; duckdb.connect(sys.argv[1]).execute('DELETE FROM reviews')"
    attempt = subprocess.run([sys.executable, "-c", writer, path], capture_output=True, text=True)
    assert attempt.returncode != 0 and "lock" in attempt.stderr.lower()
    asked = (ApiFilter(), "-date", 7, None)
    assert index.page_json(None, *asked) == sql_json(opened.main, *asked)
    opened.close()


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
    assert index.page_json(db, ApiFilter(), "-date", 10, None) is not None
    add_review(db, first_id(db), ReviewIn(action="confirm"))
    with index.building:  # another request is making the new copy
        assert index.page_json(db, ApiFilter(), "-date", 10, None) is None
    assert index.page_json(db, ApiFilter(), "-date", 10, None) == sql_json(
        db, ApiFilter(), "-date", 10
    )


def test_an_empty_store_is_read_through_sql_until_it_has_events(tmp_path: Path) -> None:
    database = Database(str(tmp_path / "empty.duckdb"))
    index = EventIndex(database.main)
    assert index.page_json(database.main, ApiFilter(), "-date", 10, None) is None
    Store(database.main).write(list(distinct_readings(3, seed=1)), STAGES)
    assert page_of(index, database.main, ApiFilter(), 10)["total"] == 3
    database.close()


def test_a_nan_keeps_the_index_off(database: Database) -> None:
    database.main.execute("UPDATE events SET latitude = 'NaN' WHERE hash(id) % 3 = 0")
    assert EventIndex().page_json(database.main, ApiFilter(), "-date", 10, None) is None


def test_the_app_answers_the_same_with_and_without_the_index(database: Database) -> None:
    path = database.url
    database.close()
    queries: tuple[dict[str, str | int], ...] = (
        {"limit": 30, "sort": "-fatalities", "located": "true"},
        {"country": "NGA,KEN", "sort": "type", "reviewed": "false"},
        {"bbox": "170,-60,-170,70", "sort": "-reported"},
    )
    answers = []
    for event_index in (True, False):
        app = create_app(path, event_index=event_index)
        with TestClient(app) as client:
            answers.append([client.get("/api/events", params=q).json() for q in queries])
        app.state.database.close()
    assert answers[0] == answers[1]
    assert all(page["items"] for page in answers[0])
