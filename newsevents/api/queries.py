"""The API's reads of the store: filtered event pages, one event with its sources, articles and
statistics. Plain SQL that DuckDB and PostgreSQL both run, on the store's backend interface.

Pages use keyset pagination: the cursor is the sort key and id of the last row sent, so a page
costs the same at any depth and rows inserted meanwhile neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from newsevents.api.models import (
    Actor,
    ArticleOut,
    EventDetail,
    EventPage,
    EvidenceSpan,
    Mention,
    summary,
)
from newsevents.review import Review, reviews_of, standing
from newsevents.store.backends import Backend, Row
from newsevents.store.events import EVENT_COLUMNS
from newsevents.store.query import (
    EVENTS,
    EventFilter,
    StoredEvent,
    effective,
    events_from,
    get_event,
    stored_event,
)
from newsevents.store.store import IN_LIST, Store

M = TypeVar("M", bound=BaseModel)


class QueryError(ValueError):
    """A request the store cannot answer as asked (a bad cursor, an impossible box)."""


@dataclass(frozen=True)
class ApiFilter(EventFilter):
    """The store's :class:`EventFilter` and what only the API filters on: ACLED event types,
    the analyst's review, and whether an event has coordinates (the map asks for those)."""

    acled_types: tuple[str, ...] = ()
    reviewed: bool | None = None
    located: bool | None = None

    def where(self) -> tuple[str, list[Any]]:
        clause, params = super().where()
        clauses = [clause]
        if self.acled_types:
            clauses.append(f"e.acled_event_type IN {IN_LIST}")
            params = [*params, list(self.acled_types)]
        if self.reviewed is not None:
            exists = "EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = e.id)"
            clauses.append(exists if self.reviewed else f"NOT {exists}")
        if self.located is not None:
            clauses.append(f"e.latitude IS {'NOT ' if self.located else ''}NULL")
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class SortKey:
    """A sort column (as the analyst sees it, over ``EVENTS``) with a stand-in for NULL, so
    that keyset comparisons stay total."""

    sql: str
    is_date: bool = False


SORTS: dict[str, SortKey] = {
    "date": SortKey(f"COALESCE({effective('event_date')}, DATE '0001-01-01')", is_date=True),
    "fatalities": SortKey(
        f"CAST(COALESCE({effective('fatalities_best')}, -1) AS DOUBLE PRECISION)"
    ),
    "confidence": SortKey("e.confidence"),
    "sources": SortKey("CAST(e.source_count AS DOUBLE PRECISION)"),
    "type": SortKey(effective("type")),
    "reported": SortKey("COALESCE(e.last_reported, DATE '0001-01-01')", is_date=True),
}
SORT_CHOICES = tuple(f"{sign}{name}" for name in SORTS for sign in ("", "-"))


@dataclass
class Page:
    events: list[StoredEvent]  # without the details (actors are actor1/actor2's words)
    total: int
    next_cursor: str | None
    reviews: dict[str, list[Review]]  # the page's reviewed events' reviews


def encode_cursor(value: Any, event_id: str) -> str:
    key = value.isoformat() if isinstance(value, date) else value
    return base64.urlsafe_b64encode(json.dumps([key, event_id]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        value, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as error:
        raise QueryError("cursor is not one this API gave out") from error
    if not isinstance(event_id, str) or not isinstance(value, str | int | float):
        raise QueryError("cursor is not one this API gave out")
    return value, event_id


def event_page(
    db: Backend,
    where: ApiFilter,
    sort: str = "-date",
    limit: int = 100,
    cursor: str | None = None,
) -> Page:
    descending = sort.startswith("-")
    key = SORTS.get(sort.removeprefix("-"))
    if key is None:
        raise QueryError(f"sort must be one of {', '.join(SORT_CHOICES)}")
    clause, params = where.where()
    page_clause, page_params = clause, list(params)
    if cursor:
        value, after = decode_cursor(cursor)
        op = "<" if descending else ">"
        try:
            value = date.fromisoformat(value) if key.is_date else value
        except (TypeError, ValueError) as error:
            raise QueryError("cursor does not match the sort") from error
        page_clause += f" AND ({key.sql} {op} ? OR ({key.sql} = ? AND e.id {op} ?))"
        page_params += [value, value, after]
    order = "DESC" if descending else "ASC"
    # Counted apart: a count in the page's query (a window) would keep the sort from stopping
    # at the page's end (4x slower on 100,000 events).
    counted = f"SELECT count(*) FROM {events_from(clause)} WHERE {clause}"
    total = int(db.fetch(counted, params)[0][0])
    rows = db.fetch(
        f"SELECT {', '.join('e.' + c for c in EVENT_COLUMNS)}, {key.sql} AS sort_key "
        f"FROM {events_from(page_clause, key.sql)} WHERE {page_clause} "
        f"ORDER BY sort_key {order}, e.id {order} LIMIT ?",
        [*page_params, limit + 1],
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][-1], rows[-1][0]) if more else None
    events = [stored_event(row[:-1]) for row in rows]
    return Page(events, total, next_cursor, reviews_of(db, [event.id for event in events]))


def page_json(page: Page) -> bytes:
    """A page as the API sends it: each event's summary with its reviews laid over."""
    items = [summary(e, standing(page.reviews.get(e.id, []))) for e in page.events]
    body = EventPage(items=items, total=page.total, next_cursor=page.next_cursor)
    return body.model_dump_json().encode()


def rows_as(model: type[M], rows: list[Row]) -> list[M]:
    """Rows whose columns are ``model``'s fields, in order, as instances of it."""
    return [model(**dict(zip(model.model_fields, row, strict=True))) for row in rows]


def event_detail(db: Backend, event_id: str) -> EventDetail | None:
    event = get_event(Store(db), event_id)
    if event is None:
        return None
    spans = db.fetch(
        "SELECT m.article_id, v.kind, v.text, v.start_char, v.end_char "
        "FROM evidence v JOIN event_mentions m ON m.id = v.mention_id "
        "WHERE m.event_id = ? ORDER BY m.article_id, m.ordinal, v.kind, v.ordinal",
        [event_id],
    )
    mentions = db.fetch(
        f"SELECT {', '.join('m.' + f for f in Mention.model_fields)} FROM event_mentions m "
        "WHERE m.event_id = ? ORDER BY m.article_id, m.ordinal",
        [event_id],
    )
    actors = db.fetch(
        "SELECT m.article_id, a.role, a.text, a.country, a.sector, a.alternative "
        "FROM actors a JOIN event_mentions m ON m.id = a.mention_id WHERE m.event_id = ? "
        "ORDER BY m.article_id, m.ordinal, a.role, a.ordinal",
        [event_id],
    )
    return EventDetail(
        event, rows_as(EvidenceSpan, spans), rows_as(Mention, mentions), rows_as(Actor, actors)
    )


def article(db: Backend, article_id: str) -> ArticleOut | None:
    found = rows_as(
        ArticleOut,
        db.fetch(
            "SELECT a.id, a.input_id, a.url, o.name, a.title, a.published, a.language, a.text, "
            "a.no_events_reason FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
            "WHERE a.id = ?",
            [article_id],
        ),
    )
    return found[0] if found else None


STAT_GROUPS = {
    "by_day": f"CAST({effective('event_date')} AS TEXT)",
    "by_type": effective("type"),
    "by_country": effective("country"),
    "by_admin1": f"{effective('country')} || '/' || {effective('admin1')}",
}


@dataclass
class Statistics:
    groups: dict[str, list[tuple[str, int, int]]]  # STAT_GROUPS' (key, events, fatalities)
    off_timeline: int  # events left out of by_day (on_timeline)


def on_timeline(where: ApiFilter) -> str:
    """Which events ``by_day`` counts: those dated, and not after the last article that reported
    them (a misread "2030", a date planned), and unless the filter asks for statuses, not told
    as background (the history an article retells: a massacre in 1875)."""
    day = effective("event_date")
    condition = f"{day} IS NOT NULL AND ({day} <= e.last_reported OR e.last_reported IS NULL)"
    if not where.statuses:
        condition += f" AND {effective('status')} <> 'background'"
    return condition


def stats(db: Backend, where: ApiFilter) -> Statistics:
    """Counts and fatalities (their best estimates) by day, type, country and admin1, of the
    values as the analyst sees them (corrected where reviewed)."""
    clause, params = where.where()
    groups = {}
    for name, key in STAT_GROUPS.items():
        condition = f"{key} IS NOT NULL"
        if name == "by_day":
            condition = on_timeline(where)
        rows = db.fetch(
            f"SELECT {key} AS k, count(*), COALESCE(sum({effective('fatalities_best')}), 0) "
            f"FROM {EVENTS} WHERE {clause} AND {condition} GROUP BY k ORDER BY k",
            params,
        )
        groups[name] = [(str(k), int(n), int(f)) for k, n, f in rows]
    off = db.fetch(
        f"SELECT count(*) FROM {EVENTS} WHERE {clause} AND NOT ({on_timeline(where)})", params
    )
    return Statistics(groups, int(off[0][0]))
