"""Readings to the rows of the store's tables (columns in the order of the ``*_COLUMNS``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsevents.records import Article, Event, EventActor, Evidence, Location, Place, Reading
from newsevents.store.backends import Row

COUNT_FIELDS = ("fatalities", "injured", "displaced", "arrested")
LOCATION_COLUMNS = (
    "location_name",
    "geonameid",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
)
ARTICLE_COLUMNS = (
    "id",
    "input_id",
    "url",
    "outlet_id",
    "title",
    "published",
    "language",
    "text",
    "stages",
    "no_events_reason",
    "warnings",
    "ingested_at",
)
PLACE_COLUMNS = (
    "article_id",
    "ordinal",
    "text",
    "start_char",
    "end_char",
    "feature",
    "score",
    *LOCATION_COLUMNS,
)
MENTION_COLUMNS = (
    "id",
    "article_id",
    "ordinal",
    "event_id",
    "type",
    "status",
    "mode",
    "context",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo_root",
    "event_date",
    "date_precision",
    "place_text",
    *LOCATION_COLUMNS,
    *COUNT_FIELDS,
    "count_qualifiers",
    "confidence",
    "main",
)
ACTOR_COLUMNS = (
    "mention_id",
    "role",
    "ordinal",
    "text",
    "start_char",
    "end_char",
    "country",
    "sector",
    "alternative",
)
EVIDENCE_COLUMNS = ("mention_id", "kind", "ordinal", "text", "start_char", "end_char")
ACTOR_ROLES = ("actor", "recipient", "claimed_by")

NO_EVENTS_FOUND = "no events found in the text"
ONLY_HYPOTHETICAL = "only hypothetical events (feared, planned or denied)"
NO_EVENT_STAGES = "not coded: the event stages were not run"


@dataclass
class ArticleRows:
    """Every row one reading adds to the store; ``mentions[i][3]`` (the event id) is filled in
    by the grouping."""

    outlet: Row | None
    article: Row
    places: list[Row]
    mentions: list[list[object]]
    actors: list[Row]
    evidence: list[Row]


def outlet_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def mention_id(article: Article, event: Event) -> str:
    """``<article id>/<event id>``: unique, the same on every run, and dedup's Mention.id."""
    return f"{article.id}/{event.id}"


def no_events_reason(reading: Reading, stages: Sequence[str], uncoded: str | None) -> str | None:
    if uncoded:
        return uncoded
    from newsevents.dedup.mention import is_dedupable  # scikit-learn: only when writing

    if any(is_dedupable(event) for event in reading.events):
        return None
    if reading.events:
        return ONLY_HYPOTHETICAL
    return NO_EVENTS_FOUND if "events" in stages else NO_EVENT_STAGES


def location_values(location: Location | Place | None) -> tuple[object, ...]:
    if location is None:
        return (None,) * len(LOCATION_COLUMNS)
    return (
        location.name,
        location.geonameid,
        location.country,
        location.admin1,
        location.lat,
        location.lon,
        location.precision,
    )


def article_rows(
    reading: Reading, stages: Sequence[str], now: datetime, uncoded: str | None = None
) -> ArticleRows:
    article = reading.article
    source = (article.source or "").strip()
    outlet = (outlet_key(source), source) if source else None
    mentions: list[list[object]] = []
    actors: list[Row] = []
    evidence: list[Row] = []
    for ordinal, event in enumerate(reading.events):
        key = mention_id(article, event)
        mentions.append(mention_row(key, article.id, ordinal, event))
        actors.extend(actor_rows(key, event))
        evidence.extend(evidence_rows(key, event))
    return ArticleRows(
        outlet=outlet,
        article=(
            article.id,
            article.input_id,
            article.url,
            outlet[0] if outlet else None,
            article.title,
            article.published,
            article.language,
            article.text,
            ",".join(stages),
            no_events_reason(reading, stages, uncoded),
            "\n".join(reading.warnings) or None,
            now,
        ),
        places=[
            (article.id, i, p.text, p.start, p.end, p.feature, p.score, *location_values(p))
            for i, p in enumerate(reading.places)
        ],
        mentions=mentions,
        actors=actors,
        evidence=evidence,
    )


def mention_row(key: str, article_id: str, ordinal: int, event: Event) -> list[object]:
    return [
        key,
        article_id,
        ordinal,
        None,  # event id: the grouping's
        event.type,
        event.status,
        event.mode,
        ",".join(event.context) or None,
        event.acled_event_type,
        event.acled_sub_event_type,
        event.cameo_root,
        event.date,
        event.date_precision,
        event.place_text,
        *location_values(event.location),
        *(getattr(event, name) for name in COUNT_FIELDS),
        json.dumps(event.count_qualifiers, sort_keys=True) if event.count_qualifiers else None,
        event.confidence,
        event.main,
    ]


def actor_rows(key: str, event: Event) -> list[Row]:
    roles: dict[str, list[EventActor]] = {
        "actor": event.actor,
        "recipient": event.recipient,
        "claimed_by": event.claimed_by,
    }
    return [
        (key, role, i, a.text, a.start, a.end, a.country, a.sector, a.alternative)
        for role, people in roles.items()
        for i, a in enumerate(people)
    ]


def evidence_rows(key: str, event: Event) -> list[Row]:
    # words read from the title ("title:fatalities"; a headline's event: "title:sentence",
    # "title:trigger", "title:mention") have offsets in the title
    kinds: dict[str, list[Evidence]] = {
        **parts_by_source("sentence", event.evidence),
        **parts_by_source("trigger", [event.trigger] if event.trigger else []),
        **parts_by_source("mention", event.mentions),
        **{
            f"{'title' if words.source == 'title' else 'field'}:{name}": [words]
            for name, words in sorted(event.field_evidence.items())
        },
    }
    return [
        (key, kind, i, e.sentence, e.start, e.end)
        for kind, items in kinds.items()
        for i, e in enumerate(items)
    ]


def parts_by_source(kind: str, items: list[Evidence]) -> dict[str, list[Evidence]]:
    """The evidence of a kind, those of the title under "title:<kind>"."""
    return {
        name: part
        for name, part in (
            (kind, [e for e in items if e.source == "text"]),
            (f"title:{kind}", [e for e in items if e.source == "title"]),
        )
        if part
    }
