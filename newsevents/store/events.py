"""The store's side of :mod:`newsevents.dedup`: an index of the stored events, restored from the
database, which each batch's mentions join or add to, and the event rows made from its
summaries.

Dedup's :class:`~newsevents.dedup.Mention` carries what grouping weighs; the few fields of a
stored mention that an event row needs besides (status, mode, CAMEO root, whether it is its
article's main happening) travel beside it as :class:`MentionExtras`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsevents.records import Event, EventActor, Evidence, Location
from newsevents.store.backends import Backend, Row
from newsevents.store.rows import COUNT_FIELDS, LOCATION_COLUMNS, location_values

# Imported where used: dedup loads scikit-learn (seconds), and readers (export, the REST API)
# never group.
if TYPE_CHECKING:
    from newsevents.dedup import CountRange, EventIndex, EventSummary

EVENT_COLUMNS = (
    "id",
    "type",
    "status",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo_root",
    "event_date",
    "date_precision",
    *LOCATION_COLUMNS,
    "actor1",
    "actor2",
    *(f"{name}_{bound}" for name in COUNT_FIELDS for bound in ("best", "low", "high")),
    "confidence",
    "mention_count",
    "source_count",
    "main_count",
    "first_reported",
    "last_reported",
    "created_at",
    "updated_at",
)
EVENT_ACTOR_COLUMNS = ("event_id", "role", "ordinal", "text", "country", "sector")
ACTOR_SEPARATOR = "; "
# The lead words dedup compares are the title and the text's first words: this many characters
# hold them (150 words), so restoring an index need not read whole articles.
LEAD_CHARS = 4000


@dataclass(frozen=True)
class MentionExtras:
    status: str
    mode: str | None
    cameo_root: str | None
    type: str
    confidence: float
    main: bool | None  # None: stored before the store kept it (schema migration 7)

    @classmethod
    def of(cls, event: Event) -> MentionExtras:
        return cls(
            event.status, event.mode, event.cameo_root, event.type, event.confidence, event.main
        )


@dataclass
class StoredEvents:
    """The dedup index of every stored event, and the extras of every mention in it."""

    index: EventIndex
    extras: dict[str, MentionExtras]
    created: dict[str, datetime]


def restore(backend: Backend) -> StoredEvents:
    """The index of the events stored so far (founders first within each event)."""
    from newsevents.dedup import EventIndex, Mention
    from newsevents.dedup.mention import lead_terms

    location = ", ".join(f"m.{c}" for c in LOCATION_COLUMNS)
    figures = ", ".join(f"m.{c}" for c in COUNT_FIELDS)
    rows = backend.fetch(
        "SELECT m.id, m.article_id, o.name, a.published, m.type, m.acled_event_type, "
        f"m.acled_sub_event_type, m.event_date, m.date_precision, {location}, {figures}, "
        f"m.confidence, a.title, substr(a.text, 1, {LEAD_CHARS}), m.event_id, m.status, m.mode, "
        "m.cameo_root, m.main FROM event_mentions m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE m.event_id IS NOT NULL "
        "ORDER BY m.event_id, m.id <> m.event_id, a.published, m.id"
    )
    actors: dict[str, dict[str, list[EventActor]]] = defaultdict(lambda: defaultdict(list))
    for key, role, text, start, end, country, sector, alternative in backend.fetch(
        "SELECT mention_id, role, text, start_char, end_char, country, sector, alternative "
        "FROM actors ORDER BY mention_id, role, ordinal"
    ):
        actors[key][role].append(EventActor(text, start, end, country, sector, alternative))
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for key, text, start, end in backend.fetch(
        "SELECT mention_id, text, start_char, end_char FROM evidence "
        "WHERE kind = 'sentence' ORDER BY mention_id, ordinal"
    ):
        evidence[key].append(Evidence(text, start, end))
    extras: dict[str, MentionExtras] = {}
    assigned: list[tuple[Mention, str]] = []
    places = slice(9, 9 + len(LOCATION_COLUMNS))
    numbers = slice(places.stop, places.stop + len(COUNT_FIELDS))
    for row in rows:
        key, article_id, outlet, published, kind, acled_type, sub_event, when, precision = row[:9]
        place, counts = row[places], row[numbers]
        confidence, title, lead, event_id, status, mode, cameo, main = row[numbers.stop :]
        mention = Mention(
            id=key,
            article_id=article_id,
            outlet=outlet,
            published=published,
            type=kind,
            acled_event_type=acled_type,
            acled_sub_event_type=sub_event,
            date=when,
            date_precision=precision,
            location=stored_location(place),
            actors=tuple(actors[key]["actor"]),
            recipients=tuple(actors[key]["recipient"]),
            fatalities=counts[0],
            injured=counts[1],
            displaced=counts[2],
            arrested=counts[3],
            confidence=confidence,
            terms=lead_terms(title, lead),
            evidence=tuple(evidence[key]),
        )
        assigned.append((mention, event_id))
        extras[key] = MentionExtras(status, mode, cameo, kind, confidence, main)
    created = {event_id: at for event_id, at in backend.fetch("SELECT id, created_at FROM events")}
    return StoredEvents(EventIndex.restore(assigned), extras, created)


def stored_location(values: Sequence[Any]) -> Location | None:
    name, geonameid, country, admin1, lat, lon, precision = values
    if name is None:
        return None
    return Location(str(name), precision, geonameid, country, admin1, lat, lon)


def event_row(
    summary: EventSummary, extras: Sequence[MentionExtras], created: datetime, now: datetime
) -> Row:
    """The events row (EVENT_COLUMNS) of a dedup summary; ``extras`` of all its mentions."""
    typed = max(
        (e for e in extras if e.type == summary.type), key=lambda e: e.confidence, default=None
    )
    return (
        summary.id,
        summary.type,
        "reported" if any(e.status == "reported" for e in extras) else "background",
        typed.mode if typed else None,
        summary.acled_event_type,
        summary.acled_sub_event_type,
        typed.cameo_root if typed else None,
        summary.date,
        summary.date_precision,
        *location_values(summary.location),
        ACTOR_SEPARATOR.join(a.text for a in summary.actors) or None,
        ACTOR_SEPARATOR.join(a.text for a in summary.recipients) or None,
        *(bound for name in COUNT_FIELDS for bound in count_bounds(getattr(summary, name))),
        summary.confidence,
        len(summary.mention_ids),
        len(summary.sources),
        main_count(extras),
        summary.first_reported,
        summary.last_reported,
        created,
        now,
    )


def main_count(extras: Sequence[MentionExtras]) -> int | None:
    """Of how many of its articles the event is the main happening (an article has one): of
    those whose mentions were stored knowing it; None when none were."""
    known = [e.main for e in extras if e.main is not None]
    return sum(known) if known else None


def count_bounds(reported: CountRange | None) -> tuple[int | None, int | None, int | None]:
    return (reported.best, reported.low, reported.high) if reported else (None, None, None)


def event_actor_rows(summary: EventSummary) -> list[Row]:
    roles = {"actor": summary.actors, "recipient": summary.recipients}
    return [
        (summary.id, role, i, a.text, a.country, a.sector)
        for role, people in roles.items()
        for i, a in enumerate(people)
    ]
