"""The API's reads of the store: filtered event pages, one event with its sources, articles and
statistics. Plain SQL that DuckDB and PostgreSQL both run, on the store's backend interface.

Pages use keyset pagination: the cursor is the sort key and id of the last row sent, so a page
costs the same at any depth and rows inserted meanwhile neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsevents.store.backends import Backend, Row
from newsevents.store.events import ACTOR_SEPARATOR
from newsevents.store.rows import COUNT_FIELDS


class QueryError(ValueError):
    """A request the store cannot answer as asked (a bad cursor, an impossible box)."""


@dataclass(frozen=True)
class EventFilter:
    """What the list, the map, the statistics and the export all filter on. Lists are ORed."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    acled_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    text: str | None = None
    statuses: tuple[str, ...] = ()
    min_confidence: float | None = None
    reviewed: bool | None = None
    located: bool | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause on ``events e`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        def any_of(column: str, values: Sequence[str]) -> None:
            if values:
                add(f"{column} IN ({', '.join('?' * len(values))})", *values)

        if self.since:
            add("e.event_date >= ?", self.since)
        if self.until:
            add("e.event_date <= ?", self.until)
        any_of("e.type", self.types)
        any_of("e.acled_event_type", self.acled_types)
        any_of("e.country", self.countries)
        any_of("e.status", self.statuses)
        if self.admin1:
            add("lower(e.admin1) = lower(?)", self.admin1)
        if self.actor:
            pattern = f"%{like_escape(self.actor.lower())}%"
            add(
                "(lower(e.actor1) LIKE ? ESCAPE '\\' OR lower(e.actor2) LIKE ? ESCAPE '\\')",
                pattern,
                pattern,
            )
        if self.bbox:
            west, south, east, north = self.bbox
            add("e.latitude BETWEEN ? AND ?", south, north)
            if west <= east:
                add("e.longitude BETWEEN ? AND ?", west, east)
            else:  # a box across the antimeridian
                add("(e.longitude >= ? OR e.longitude <= ?)", west, east)
        if self.text:
            add(
                "EXISTS (SELECT 1 FROM event_mentions m JOIN evidence v ON v.mention_id = m.id "
                "WHERE m.event_id = e.id AND v.kind = 'sentence' "
                "AND lower(v.text) LIKE ? ESCAPE '\\')",
                f"%{like_escape(self.text.lower())}%",
            )
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.reviewed is not None:
            exists = "EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = e.id)"
            add(exists if self.reviewed else f"NOT {exists}")
        if self.located is not None:
            add("e.latitude IS NOT NULL" if self.located else "e.latitude IS NULL")
        return (" AND ".join(clauses) or "TRUE"), params


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class SortKey:
    """A sort column with a stand-in for NULL, so that keyset comparisons stay total."""

    sql: str
    is_date: bool = False


SORTS: dict[str, SortKey] = {
    "date": SortKey("COALESCE(e.event_date, DATE '0001-01-01')", is_date=True),
    "fatalities": SortKey("CAST(COALESCE(e.fatalities_best, -1) AS DOUBLE PRECISION)"),
    "confidence": SortKey("e.confidence"),
    "sources": SortKey("CAST(e.source_count AS DOUBLE PRECISION)"),
    "type": SortKey("e.type"),
    "reported": SortKey("COALESCE(e.last_reported, DATE '0001-01-01')", is_date=True),
}
SORT_CHOICES = tuple(f"{sign}{name}" for name in SORTS for sign in ("", "-"))

SUMMARY_COLUMNS = (
    "id",
    "type",
    "acled_event_type",
    "acled_sub_event_type",
    "status",
    "event_date",
    "date_precision",
    "country",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities_best",
    "source_count",
    "confidence",
)


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    next_cursor: str | None


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
    where: EventFilter,
    sort: str = "-date",
    limit: int = 100,
    cursor: str | None = None,
) -> Page:
    descending = sort.startswith("-")
    key = SORTS.get(sort.removeprefix("-"))
    if key is None:
        raise QueryError(f"sort must be one of {', '.join(SORT_CHOICES)}")
    clause, params = where.where()
    total = int(db.fetch(f"SELECT count(*) FROM events e WHERE {clause}", params)[0][0])
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
    rows = db.fetch(
        f"SELECT {', '.join('e.' + c for c in SUMMARY_COLUMNS)}, {key.sql} AS sort_key "
        f"FROM events e WHERE {page_clause} ORDER BY sort_key {order}, e.id {order} LIMIT ?",
        [*page_params, limit + 1],
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][-1], rows[-1][0]) if more else None
    return Page([dict(zip(SUMMARY_COLUMNS, r, strict=False)) for r in rows], total, next_cursor)


def split_actors(value: str | None) -> list[str]:
    return value.split(ACTOR_SEPARATOR) if value else []


@dataclass
class EventDetail:
    event: dict[str, Any]
    mentions: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    reviews: list[dict[str, Any]] = field(default_factory=list)


def records(rows: list[Row], columns: Sequence[str]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]


def event_detail(db: Backend, event_id: str) -> EventDetail | None:
    from newsevents.store.events import EVENT_COLUMNS

    found = db.fetch(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id])
    if not found:
        return None
    mention_columns = (
        "id",
        "article_id",
        "type",
        "status",
        "event_date",
        "place_text",
        "confidence",
        *COUNT_FIELDS,
    )
    mentions = records(
        db.fetch(
            f"SELECT {', '.join(mention_columns)} FROM event_mentions WHERE event_id = ? "
            "ORDER BY article_id, ordinal",
            [event_id],
        ),
        mention_columns,
    )
    actor_columns = ("article_id", "role", "text", "country", "sector", "alternative")
    actors = records(
        db.fetch(
            "SELECT m.article_id, a.role, a.text, a.country, a.sector, a.alternative "
            "FROM actors a JOIN event_mentions m ON m.id = a.mention_id WHERE m.event_id = ? "
            "ORDER BY m.article_id, m.ordinal, a.role, a.ordinal",
            [event_id],
        ),
        actor_columns,
    )
    evidence_columns = ("article_id", "kind", "text", "start", "end")
    evidence = records(
        db.fetch(
            "SELECT m.article_id, v.kind, v.text, v.start_char, v.end_char "
            "FROM evidence v JOIN event_mentions m ON m.id = v.mention_id "
            "WHERE m.event_id = ? ORDER BY m.article_id, m.ordinal, v.kind, v.ordinal",
            [event_id],
        ),
        evidence_columns,
    )
    source_columns = ("article_id", "input_id", "url", "title", "published", "source")
    sources = records(
        db.fetch(
            "SELECT a.id, a.input_id, a.url, a.title, a.published, o.name FROM articles a "
            "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN "
            "(SELECT article_id FROM event_mentions WHERE event_id = ?) "
            "ORDER BY a.published, a.id",
            [event_id],
        ),
        source_columns,
    )
    event = dict(zip(EVENT_COLUMNS, found[0], strict=True))
    return EventDetail(event, mentions, actors, evidence, sources)


ARTICLE_COLUMNS = (
    "id",
    "input_id",
    "url",
    "source",
    "title",
    "published",
    "language",
    "text",
    "no_events_reason",
)


def article(db: Backend, article_id: str) -> dict[str, Any] | None:
    rows = db.fetch(
        "SELECT a.id, a.input_id, a.url, o.name, a.title, a.published, a.language, a.text, "
        "a.no_events_reason FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.id = ?",
        [article_id],
    )
    return dict(zip(ARTICLE_COLUMNS, rows[0], strict=True)) if rows else None


STAT_GROUPS = {
    "by_day": "CAST(e.event_date AS TEXT)",
    "by_type": "e.type",
    "by_country": "e.country",
    "by_admin1": "e.country || '/' || e.admin1",
}


def stats(db: Backend, where: EventFilter) -> dict[str, list[tuple[str, int, int]]]:
    """Counts and fatalities (their best estimates) by day, type, country and admin1."""
    clause, params = where.where()
    out = {}
    for name, key in STAT_GROUPS.items():
        rows = db.fetch(
            f"SELECT {key} AS k, count(*), COALESCE(sum(e.fatalities_best), 0) FROM events e "
            f"WHERE {clause} AND {key} IS NOT NULL GROUP BY k ORDER BY k",
            params,
        )
        out[name] = [(str(k), int(n), int(f)) for k, n, f in rows]
    return out
