"""Reading events back: one typed :class:`EventFilter` and paged queries over the store, shared
by ``newsevents export`` and the REST API.

Filters read an event's values as the analyst sees them: where a review corrected a value
(``review_standing``, newsevents.review), the corrected one (:func:`effective`), so every query
that filters reads ``FROM EVENTS``, the events with their standing joined (``events_from``:
only where it reads a corrected value).

Pages are ordered by event id and continue after a cursor (the last id of the page before), so
a page stays the same while events are added elsewhere in the order, and a client can walk the
whole store without offsets. An event comes back as a :class:`StoredEvent` with its actors, its
sources (the articles that reported it) and its evidence sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsevents.records import Location
from newsevents.review import CORRECTED_COLUMNS, reviews_of, standing
from newsevents.store.backends import Row
from newsevents.store.events import EVENT_COLUMNS
from newsevents.store.store import IN_LIST, Store

EVENTS = "events e LEFT JOIN review_standing c ON c.event_id = e.id"
READS_STANDING = re.compile(r"\bc\.")
PAGE_SIZE = 100
EXPORT_PAGE_SIZE = 5000
MAX_PAGE_SIZE = 10_000


@dataclass(frozen=True)
class EventFilter:
    """Which events: every field left at its default lets all through.

    ``bbox`` is (west, south, east, north) in degrees, as GeoJSON orders it; west > east crosses
    the antimeridian. ``actor`` and ``text`` match words case-insensitively anywhere in the
    actors' names and in the evidence sentences. Events without a date (or a place) fail a
    date (or bbox) condition.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    statuses: tuple[str, ...] = ()
    min_confidence: float | None = None
    main_only: bool = False  # only events that some article is about (its main happening)

    def where(self) -> tuple[str, list[Any]]:
        """A SQL condition on ``EVENTS`` and its parameters."""
        conditions: list[str] = []
        params: list[Any] = []

        def add(condition: str, *values: Any) -> None:
            conditions.append(condition)
            params.extend(values)

        if self.since:
            add(f"{effective('event_date')} >= ?", self.since)
        if self.until:
            add(f"{effective('event_date')} <= ?", self.until)
        for column, values in (
            ("type", self.types),
            ("acled_sub_event_type", self.sub_event_types),
            ("country", self.countries),
            ("admin1", self.admin1),
            ("status", self.statuses),
        ):
            if values:
                add(f"{effective(column)} IN {IN_LIST}", list(values))
        if self.actor:
            pattern = like_pattern(self.actor)
            actor1, actor2 = effective("actor1"), effective("actor2")
            add(
                f"({actor1} ILIKE ? ESCAPE '\\' OR {actor2} ILIKE ? ESCAPE '\\')",
                pattern,
                pattern,
            )
        if self.bbox:
            west, south, east, north = self.bbox
            add("e.latitude BETWEEN ? AND ?", south, north)
            if west <= east:
                add("e.longitude BETWEEN ? AND ?", west, east)
            else:
                add("(e.longitude >= ? OR e.longitude <= ?)", west, east)
        if self.text:
            add(
                "EXISTS (SELECT 1 FROM event_mentions m JOIN evidence v ON v.mention_id = m.id "
                "WHERE m.event_id = e.id AND v.kind = 'sentence' AND v.text ILIKE ? ESCAPE '\\')",
                like_pattern(self.text),
            )
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.main_only:
            add("e.main_count > 0")
        return (" AND ".join(conditions) or "TRUE"), params


def effective(column: str) -> str:
    """SQL for an events column (over ``EVENTS``) as the analyst sees it: corrected, or the
    machine's value where no review corrected it."""
    if column in CORRECTED_COLUMNS.values():
        return f"COALESCE(c.{column}, e.{column})"
    return f"e.{column}"


def events_from(*sql: str) -> str:
    """``EVENTS``, or the events alone where ``sql`` reads nothing of the standing: the join
    costs a count of 100,000 events ~20 ms of DuckDB even when no event was reviewed."""
    return EVENTS if any(READS_STANDING.search(part) for part in sql) else "events e"


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """An ``EventFilter.bbox`` from "WEST,SOUTH,EAST,NORTH" in degrees; ValueError saying what
    is wrong with it."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise ValueError("bbox is west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError("bbox needs -180 <= west, east <= 180 and -90 <= south <= north <= 90")
    return west, south, east, north


def like_pattern(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class CountRange:
    """A count as its reports give it (UCDP-style): the best estimate, the least and most."""

    best: int
    low: int
    high: int


@dataclass(frozen=True)
class EventActorName:
    text: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Source:
    """An article that reported the event."""

    id: str
    input_id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None


@dataclass
class StoredEvent:
    id: str
    type: str
    status: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo_root: str | None
    date: dt.date | None
    date_precision: str
    location: Location | None
    actor1: str | None
    actor2: str | None
    fatalities: CountRange | None
    injured: CountRange | None
    displaced: CountRange | None
    arrested: CountRange | None
    confidence: float
    mention_count: int
    source_count: int
    # of how many of its articles the event is the main happening (Event.main); None: stored
    # before the store kept it
    main_count: int | None
    first_reported: dt.date | None
    last_reported: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    actors: list[EventActorName] = field(default_factory=list)
    recipients: list[EventActorName] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    # the analyst's review (newsevents.review): confirmed, corrected or rejected, and the
    # corrected fields; the fields above stay the machine's
    review: str | None = None
    corrections: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    events: list[StoredEvent]
    next_cursor: str | None  # None on the last page


def count_events(store: Store, where: EventFilter = EventFilter()) -> int:
    condition, params = where.where()
    return int(
        store.backend.fetch(
            f"SELECT count(*) FROM {events_from(condition)} WHERE {condition}", params
        )[0][0]
    )


def events_page(
    store: Store,
    where: EventFilter = EventFilter(),
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """Up to ``limit`` events after the cursor ``after``, in event id order."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    condition, params = where.where()
    if after is not None:
        condition, params = f"{condition} AND e.id > ?", [*params, after]
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    rows = store.backend.fetch(
        f"SELECT {columns} FROM {events_from(condition)} WHERE {condition} ORDER BY e.id LIMIT ?",
        [*params, limit + 1],
    )
    events = with_details(store, [stored_event(row) for row in rows[:limit]])
    return Page(events, events[-1].id if len(rows) > limit else None)


def iter_events(
    store: Store, where: EventFilter = EventFilter(), page_size: int = EXPORT_PAGE_SIZE
) -> Iterator[StoredEvent]:
    """Every event the filter lets through, a page at a time."""
    cursor: str | None = None
    while True:
        page = events_page(store, where, cursor, page_size)
        yield from page.events
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def get_event(store: Store, event_id: str) -> StoredEvent | None:
    columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    rows = store.backend.fetch(f"SELECT {columns} FROM events e WHERE e.id = ?", [event_id])
    return with_details(store, [stored_event(rows[0])])[0] if rows else None


def stored_event(row: Row) -> StoredEvent:
    values = dict(zip(EVENT_COLUMNS, row, strict=True))
    location = None
    if values["location_name"] is not None:
        location = Location(
            values["location_name"],
            values["geo_precision"] or "unknown",
            values["geonameid"],
            values["country"],
            values["admin1"],
            values["latitude"],
            values["longitude"],
        )
    return StoredEvent(
        id=values["id"],
        type=values["type"],
        status=values["status"],
        mode=values["mode"],
        acled_event_type=values["acled_event_type"],
        acled_sub_event_type=values["acled_sub_event_type"],
        cameo_root=values["cameo_root"],
        date=values["event_date"],
        date_precision=values["date_precision"],
        location=location,
        actor1=values["actor1"],
        actor2=values["actor2"],
        fatalities=count_range(values, "fatalities"),
        injured=count_range(values, "injured"),
        displaced=count_range(values, "displaced"),
        arrested=count_range(values, "arrested"),
        confidence=float(values["confidence"]),
        mention_count=int(values["mention_count"]),
        source_count=int(values["source_count"]),
        main_count=values["main_count"],
        first_reported=values["first_reported"],
        last_reported=values["last_reported"],
        created_at=values["created_at"],
        updated_at=values["updated_at"],
    )


def count_range(values: dict[str, Any], name: str) -> CountRange | None:
    best = values[f"{name}_best"]
    if best is None:
        return None
    return CountRange(int(best), int(values[f"{name}_low"]), int(values[f"{name}_high"]))


def with_details(store: Store, events: list[StoredEvent]) -> list[StoredEvent]:
    """Fill in the events' actors, sources, evidence and reviews (four queries for the whole
    page)."""
    if not events:
        return events
    ids = [event.id for event in events]
    by_id = {event.id: event for event in events}
    for event_id, role, text, country, sector in store.backend.fetch(
        "SELECT event_id, role, text, country, sector FROM event_actors "
        f"WHERE event_id IN {IN_LIST} ORDER BY event_id, role, ordinal",
        [ids],
    ):
        named = EventActorName(text, country, sector)
        event = by_id[event_id]
        (event.actors if role == "actor" else event.recipients).append(named)
    for event_id, *source in store.backend.fetch(
        "SELECT DISTINCT m.event_id, a.id, a.input_id, a.url, a.title, o.name, a.published "
        "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
        f"LEFT JOIN outlets o ON o.id = a.outlet_id WHERE m.event_id IN {IN_LIST} "
        "ORDER BY m.event_id, a.published, a.id",
        [ids],
    ):
        by_id[event_id].sources.append(Source(*source))
    sentences: dict[str, dict[str, None]] = defaultdict(dict)
    for event_id, text in store.backend.fetch(
        "SELECT m.event_id, v.text FROM event_mentions m JOIN evidence v ON v.mention_id = m.id "
        f"WHERE v.kind = 'sentence' AND m.event_id IN {IN_LIST} "
        "ORDER BY m.event_id, m.id, v.ordinal",
        [ids],
    ):
        sentences[event_id][text] = None
    for event_id, texts in sentences.items():
        by_id[event_id].evidence = list(texts)
    for event_id, reviews in reviews_of(store.backend, ids).items():
        if judged := standing(reviews):
            by_id[event_id].review, by_id[event_id].corrections = judged.state, judged.corrections
    return events
