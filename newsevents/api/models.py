"""The API's response shapes (they make its OpenAPI schema), built from the store's rows with the
analyst's corrections laid over the machine's values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsevents.review import Review, Standing
from newsevents.store.events import ACTOR_SEPARATOR
from newsevents.store.query import StoredEvent
from newsevents.store.rows import COUNT_FIELDS


class Problem(BaseModel):
    detail: str


class EventSummary(BaseModel):
    id: str
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    date: dt.date | None
    date_precision: str
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    actors: list[str]
    recipients: list[str]
    fatalities: int | None
    source_count: int
    # of how many of its articles the event is the main happening; None: stored before the
    # store kept it
    main_count: int | None
    confidence: float
    review: Literal["confirmed", "corrected", "rejected"] | None = None
    # the machine's value of each field the analyst corrected
    machine: dict[str, Any] = {}


class EventPage(BaseModel):
    items: list[EventSummary]
    total: int
    next_cursor: str | None


class Range(BaseModel):
    low: int | None
    high: int | None


class Actor(BaseModel):
    article_id: str
    role: str
    text: str
    country: str | None
    sector: str | None
    alternative: bool


class EvidenceSpan(BaseModel):
    article_id: str
    kind: str  # sentence, trigger, mention, field:<name>, or title:<name> (offsets in the title)
    sentence: str
    start: int
    end: int


class Source(BaseModel):
    article_id: str
    input_id: str
    url: str | None
    title: str | None
    published: dt.date | None
    source: str | None


class Mention(BaseModel):
    id: str
    article_id: str
    type: str
    status: str
    event_date: dt.date | None
    place_text: str | None
    confidence: float
    fatalities: int | None
    injured: int | None
    displaced: int | None
    arrested: int | None


class ReviewOut(BaseModel):
    id: str
    action: str
    changes: dict[str, Any]
    note: str | None
    reviewer: str | None
    created_at: dt.datetime


class EventOut(EventSummary):
    mode: str | None
    cameo_root: str | None
    injured: int | None
    displaced: int | None
    arrested: int | None
    ranges: dict[str, Range]
    actor_details: list[Actor]
    evidence: list[EvidenceSpan]
    sources: list[Source]
    mentions: list[Mention]
    first_reported: dt.date | None
    last_reported: dt.date | None
    review_history: list[ReviewOut]


class ArticleOut(BaseModel):
    id: str
    input_id: str
    url: str | None
    source: str | None
    title: str | None
    published: dt.date | None
    language: str | None
    text: str
    no_events_reason: str | None


class StatRow(BaseModel):
    key: str
    events: int
    fatalities: int


class Stats(BaseModel):
    by_day: list[StatRow]
    by_type: list[StatRow]
    by_country: list[StatRow]
    by_admin1: list[StatRow]
    off_timeline: int = Field(
        description="filtered events by_day leaves out: undated, told as background (unless "
        "the status filter asks for it), or dated after the last article that reported them"
    )


class AlertOut(BaseModel):
    kind: Literal["country", "admin1"]
    country: str
    country_numeric: str | None  # ISO 3166-1 numeric, the id of world-atlas's shapes
    admin1: str | None
    measure: Literal["events", "fatalities"]
    current: int
    recent_mean: float
    year_mean: float
    change_recent: float | None
    change_year: float | None
    level: Literal["large", "moderate"] | None


class Alerts(BaseModel):
    as_of: dt.date | None
    items: list[AlertOut]


class DocumentIn(BaseModel):
    """One document, as a line of a JSON Lines file for `newsevents ingest`."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=500)
    text: str | None = Field(default=None, max_length=2_000_000)
    html: str | None = Field(default=None, max_length=10_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=200)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(default=[], max_length=100)
    urls: list[str] = Field(default=[], max_length=20)


class IngestSummary(BaseModel):
    stored: int
    already_known: int
    events_created: int
    mentions_merged: int
    failed: list[str]


@dataclass
class EventDetail:
    """An event as the store gives it, with what the panel adds: every evidence span with its
    article and offsets (to highlight it in the article's text), every mention, and every
    actor as each mention names it."""

    event: StoredEvent
    spans: list[EvidenceSpan]
    mentions: list[Mention]
    actors: list[Actor]


# A correction's field -> the summary fields it replaces.
CORRECTED_FIELDS = {
    "type": "type",
    "status": "status",
    "date": "date",
    "actors": "actors",
    "recipients": "recipients",
    "place": "location",
    "country": "country",
    "admin1": "admin1",
    **{name: name for name in COUNT_FIELDS},
}


def split_actors(value: str | None) -> list[str]:
    return value.split(ACTOR_SEPARATOR) if value else []


def machine_values(event: StoredEvent) -> dict[str, Any]:
    """The summary fields of a stored event, as the machine made them."""
    place = event.location
    return {
        "id": event.id,
        "type": event.type,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "status": event.status,
        "date": event.date,
        "date_precision": event.date_precision,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "actors": [a.text for a in event.actors] or split_actors(event.actor1),
        "recipients": [a.text for a in event.recipients] or split_actors(event.actor2),
        "source_count": event.source_count,
        "main_count": event.main_count,
        "confidence": event.confidence,
        **{name: count.best if (count := getattr(event, name)) else None for name in COUNT_FIELDS},
    }


def reviewed(values: dict[str, Any], standing: Standing | None) -> dict[str, Any]:
    """``values`` with the analyst's corrections laid over them, the machine's kept aside."""
    if standing is None:
        return values
    out = dict(values)
    out["review"] = standing.state
    out["machine"] = {}
    for name, value in standing.corrections.items():
        target = CORRECTED_FIELDS[name]
        out["machine"][target] = values.get(target)
        out[target] = value
    return out


def summary(event: StoredEvent, standing: Standing | None) -> EventSummary:
    values = reviewed(machine_values(event), standing)
    return EventSummary.model_validate({k: v for k, v in values.items() if k in SUMMARY_FIELDS})


SUMMARY_FIELDS = set(EventSummary.model_fields)


def event_out(detail: EventDetail, reviews: list[Review], standing: Standing | None) -> EventOut:
    event = detail.event
    return EventOut(
        **reviewed(machine_values(event), standing),
        mode=event.mode,
        cameo_root=event.cameo_root,
        ranges={
            name: Range(low=count.low, high=count.high)
            for name in COUNT_FIELDS
            if (count := getattr(event, name))
        },
        actor_details=detail.actors,
        evidence=detail.spans,
        sources=[
            Source(
                article_id=s.id,
                input_id=s.input_id,
                url=s.url,
                title=s.title,
                published=s.published,
                source=s.outlet,
            )
            for s in event.sources
        ],
        mentions=detail.mentions,
        first_reported=event.first_reported,
        last_reported=event.last_reported,
        review_history=[
            ReviewOut(
                id=r.id,
                action=r.action,
                changes=r.changes,
                note=r.note,
                reviewer=r.reviewer,
                created_at=r.created_at,
            )
            for r in reviews
        ],
    )
