"""The API's response shapes (they make its OpenAPI schema), built from the store's rows with the
analyst's corrections laid over the machine's values."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsevents.api.queries import EventDetail, split_actors
from newsevents.api.review import Review, Standing
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
    kind: str  # sentence, trigger, mention, or field:<name>
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


def machine_values(row: dict[str, Any]) -> dict[str, Any]:
    """Summary fields from an events row (the store's column names)."""
    return {
        "id": row["id"],
        "type": row["type"],
        "acled_event_type": row["acled_event_type"],
        "acled_sub_event_type": row["acled_sub_event_type"],
        "status": row["status"],
        "date": row["event_date"],
        "date_precision": row["date_precision"],
        "country": row["country"],
        "admin1": row["admin1"],
        "location": row["location_name"],
        "lat": row["latitude"],
        "lon": row["longitude"],
        "geo_precision": row["geo_precision"],
        "actors": split_actors(row["actor1"]),
        "recipients": split_actors(row["actor2"]),
        "source_count": row["source_count"],
        "confidence": row["confidence"],
        **{name: row.get(f"{name}_best") for name in COUNT_FIELDS},
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


def summary(row: dict[str, Any], standing: Standing | None) -> EventSummary:
    values = reviewed(machine_values(row), standing)
    return EventSummary.model_validate({k: v for k, v in values.items() if k in SUMMARY_FIELDS})


SUMMARY_FIELDS = set(EventSummary.model_fields)


def event_out(detail: EventDetail, reviews: list[Review], standing: Standing | None) -> EventOut:
    row = detail.event
    values = reviewed(machine_values(row), standing)
    return EventOut(
        **values,
        mode=row["mode"],
        cameo_root=row["cameo_root"],
        ranges={
            name: Range(low=row[f"{name}_low"], high=row[f"{name}_high"])
            for name in COUNT_FIELDS
            if row[f"{name}_best"] is not None
        },
        actor_details=[Actor(**a) for a in detail.actors],
        evidence=[
            EvidenceSpan(
                article_id=e["article_id"],
                kind=e["kind"],
                sentence=e["text"],
                start=e["start"],
                end=e["end"],
            )
            for e in detail.evidence
        ],
        sources=[Source(**s) for s in detail.sources],
        mentions=[Mention(**m) for m in detail.mentions],
        first_reported=row["first_reported"],
        last_reported=row["last_reported"],
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
