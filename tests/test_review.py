"""Where a reviewed event stands (``review_standing``), on DuckDB and PostgreSQL: written with
each review, and filled from the reviews by the migration that makes it, for a store reviewed
before it."""

from __future__ import annotations

import re
from datetime import date

from newsevents.review import STANDING_COLUMNS, ReviewIn, add_review
from newsevents.store import Store
from newsevents.store.backends import Backend
from newsevents.store.query import EVENTS, EventFilter, events_from
from newsevents.store.schema import LATEST, MIGRATIONS, fill_review_standing
from newsevents.tools.bench_store import STAGES, distinct_readings

# The migration that makes the standing and fills it from the reviews.
STANDING = next(m for m in MIGRATIONS if m.fill is fill_review_standing)


def review(db: Backend, event_id: str, action: str, **changes: object) -> None:
    body = {"action": action, "changes": changes} if changes else {"action": action}
    add_review(db, event_id, ReviewIn.model_validate(body))


def standings(db: Backend) -> dict[str, dict[str, object]]:
    rows = db.fetch(f"SELECT {', '.join(STANDING_COLUMNS)} FROM review_standing")
    return {
        row[0]: {c: v for c, v in zip(STANDING_COLUMNS[1:], row[1:], strict=True) if v is not None}
        for row in rows
    }


def test_each_review_leaves_the_event_standing_with_its_corrections(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.write(list(distinct_readings(6, seed=3)), STAGES)
        db = store.backend
        first, second, third = (row[0] for row in db.fetch("SELECT id FROM events ORDER BY id")[:3])
        review(db, first, "correct", type="PROTEST", actors=["Students", "Teachers"])
        review(db, first, "correct", date="2024-02-03", fatalities=0, type="COERCE")
        review(db, first, "confirm")
        review(db, second, "reject")
        review(db, third, "correct", place="Kano", country="NGA")
        expected = {
            first: {
                "state": "confirmed",  # the corrected event, confirmed: a later field wins
                "type": "COERCE",
                "actor1": "Students; Teachers",
                "event_date": date(2024, 2, 3),
                "fatalities_best": 0,
            },
            second: {"state": "rejected"},
            third: {"state": "corrected", "location_name": "Kano", "country": "NGA"},
        }
        assert standings(db) == expected

        # A store reviewed before the standing's migration: opened for writing, it fills the table
        # (the tables of that migration and those after it dropped, to come back).
        for later in (m for m in MIGRATIONS if m.version >= STANDING.version):
            for table in re.findall(r"CREATE TABLE (\w+)", " ".join(later.statements)):
                db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM schema_migrations WHERE version >= ?", [STANDING.version])
    with Store.open(store_url) as store:
        assert store.backend.fetch("SELECT max(version) FROM schema_migrations")[0][0] == LATEST
        assert standings(store.backend) == expected


def test_the_standing_is_joined_only_where_a_corrected_value_is_read() -> None:
    def joined(where: EventFilter) -> bool:
        return events_from(where.where()[0]) == EVENTS

    assert joined(EventFilter(types=("PROTEST",))) and joined(EventFilter(since=date(2024, 1, 1)))
    assert joined(EventFilter(actor="police"))
    assert not joined(EventFilter()) and not joined(EventFilter(min_confidence=0.5))
    assert not joined(EventFilter(sub_event_types=("Armed clash",), bbox=(0, 0, 10, 10)))
