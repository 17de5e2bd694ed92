"""Analyst review: confirm, correct or reject an event, kept apart from the machine's output.

Reviews live in their own table (the store's migration 2), keyed by the event's id (stable
across re-ingestion and re-clustering) and never referencing the events table, so a re-run
that rewrites an event's row leaves its review in place. Nothing of the machine's output is
overwritten: the API shows an event's machine values and lays the analyst's corrections over
them, each marked as such. Where each reviewed event stands after its reviews is kept in
``review_standing`` (migration 4), with each corrected value in the column of ``events`` it
replaces, written with each review: the store's queries filter, sort, count and export on
``COALESCE(c.column, e.column)`` (``newsevents.store.query.effective``), what the analyst sees.

An event's reviews are read in order: every correction adds its fields (a later one wins a
field), and the last action says where the event stands (a confirmation after a correction
confirms the corrected event).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsevents.store.backends import Backend
from newsevents.store.events import ACTOR_SEPARATOR
from newsevents.store.rows import COUNT_FIELDS
from newsevents.store.store import IN_LIST

Action = Literal["confirm", "correct", "reject"]
STATE = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}


class Changes(BaseModel):
    """The fields an analyst may correct; those left out keep the machine's value."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = Field(default=None, min_length=1, max_length=40)
    status: Literal["reported", "background"] | None = None
    date: dt.date | None = None
    actors: list[str] | None = Field(default=None, max_length=20)
    recipients: list[str] | None = Field(default=None, max_length=20)
    place: str | None = Field(default=None, min_length=1, max_length=200)
    country: str | None = Field(default=None, pattern="^[A-Z]{3}$")
    admin1: str | None = Field(default=None, min_length=1, max_length=200)
    fatalities: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    displaced: int | None = Field(default=None, ge=0)
    arrested: int | None = Field(default=None, ge=0)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Action
    changes: Changes = Changes()
    note: str | None = Field(default=None, max_length=2000)
    reviewer: str | None = Field(default=None, max_length=200)


@dataclass(frozen=True)
class Review:
    id: str
    event_id: str
    action: Action
    changes: dict[str, Any]
    note: str | None
    reviewer: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class Standing:
    """Where an event stands after its reviews: the state and the corrected fields."""

    state: str
    corrections: dict[str, Any]


REVIEW_COLUMNS = ("id", "event_id", "action", "changes", "note", "reviewer", "created_at")
# A correction's field -> the column of events (and of review_standing) that it replaces.
CORRECTED_COLUMNS = {
    "type": "type",
    "status": "status",
    "date": "event_date",
    "place": "location_name",
    "country": "country",
    "admin1": "admin1",
    "actors": "actor1",
    "recipients": "actor2",
    **{name: f"{name}_best" for name in COUNT_FIELDS},
}
STANDING_COLUMNS = ("event_id", "state", *CORRECTED_COLUMNS.values())


def add_review(db: Backend, event_id: str, review: ReviewIn) -> Review:
    changes = review.changes.model_dump(mode="json", exclude_none=True)
    if review.action != "correct" and changes:
        raise ValueError(f"only a correction carries changes, not {review.action!r}")
    if review.action == "correct" and not changes:
        raise ValueError("a correction needs at least one changed field")
    row = Review(
        uuid.uuid4().hex,
        event_id,
        review.action,
        changes,
        review.note,
        review.reviewer,
        dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )
    with db.transaction():
        db.execute(
            f"INSERT INTO reviews ({', '.join(REVIEW_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                row.id,
                event_id,
                row.action,
                json.dumps(changes),
                row.note,
                row.reviewer,
                row.created_at,
            ],
        )
        write_standings(db, [event_id])
    return row


def write_standings(db: Backend, event_ids: list[str]) -> None:
    """``review_standing``'s rows of the events, made again from all their reviews."""
    db.execute(f"DELETE FROM review_standing WHERE event_id IN {IN_LIST}", [event_ids])
    rows = []
    for event_id, reviews in reviews_of(db, event_ids).items():
        if judged := standing(reviews):
            values = dict.fromkeys(CORRECTED_COLUMNS.values())
            for name, value in judged.corrections.items():
                values[CORRECTED_COLUMNS[name]] = column_value(name, value)
            rows.append((event_id, judged.state, *values.values()))
    db.insert("review_standing", STANDING_COLUMNS, rows)


def fill_standings(db: Backend) -> None:
    """``review_standing`` from every review (the migration that makes it)."""
    write_standings(db, [row[0] for row in db.fetch("SELECT DISTINCT event_id FROM reviews")])


def column_value(field: str, value: Any) -> Any:
    """A corrected field's value (as the JSON of ``changes`` holds it) as its column holds it."""
    if field == "date":
        return dt.date.fromisoformat(value)
    if field in ("actors", "recipients"):
        return ACTOR_SEPARATOR.join(value) or None
    return value


def reviews_of(db: Backend, event_ids: list[str]) -> dict[str, list[Review]]:
    """Each event's reviews, oldest first."""
    if not event_ids:
        return {}
    rows = db.fetch(
        f"SELECT {', '.join(REVIEW_COLUMNS)} FROM reviews "
        f"WHERE event_id IN {IN_LIST} ORDER BY created_at, id",
        [list(event_ids)],
    )
    out: dict[str, list[Review]] = {}
    for rid, event_id, action, changes, note, reviewer, created in rows:
        out.setdefault(event_id, []).append(
            Review(rid, event_id, action, json.loads(changes), note, reviewer, created)
        )
    return out


def standing(reviews: list[Review]) -> Standing | None:
    if not reviews:
        return None
    corrections: dict[str, Any] = {}
    for review in reviews:
        corrections.update(review.changes)
    return Standing(STATE[reviews[-1].action], corrections)
