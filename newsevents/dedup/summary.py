"""`EventSummary`: one real-world event made of all the mentions that report it.

Each field takes the best estimate its reports give: the type, sub-event, date and place most
reports agree on (the most precise first), the actors named most often, and for every count the
range reported, UCDP-style (``CountRange``: best, low, high). The event keeps its distinct
sources, when it was first and last reported, and every mention's evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsevents.dedup.mention import Mention
from newsevents.events.merge import PRECISION_ORDER
from newsevents.records import EventActor, Evidence, Location, PlacePrecision

T = TypeVar("T")
PLACE_ORDER: tuple[PlacePrecision, ...] = ("point", "admin2", "admin1", "country", "unknown")


@dataclass(frozen=True)
class CountRange:
    """A count as its reports give it: ``best`` is the figure most reports give (the larger
    on a tie: later reports tend to count the wounded who died), ``low`` and ``high`` the
    least and most any report gives, ``reports`` how many give one."""

    best: int
    low: int
    high: int
    reports: int


@dataclass(frozen=True)
class Source:
    """A distinct article reporting the event."""

    article_id: str
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True)
class MentionEvidence:
    """The sentences one mention was read from."""

    mention_id: str
    article_id: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class EventSummary:
    id: str
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: dt.date | None
    date_precision: str
    location: Location | None
    actors: tuple[EventActor, ...]
    recipients: tuple[EventActor, ...]
    fatalities: CountRange | None
    injured: CountRange | None
    displaced: CountRange | None
    arrested: CountRange | None
    confidence: float
    sources: tuple[Source, ...]
    outlets: tuple[str, ...]
    first_reported: dt.date | None
    last_reported: dt.date | None
    mention_ids: tuple[str, ...]
    evidence: tuple[MentionEvidence, ...]


def most_reported(values: Sequence[T], key: Callable[[T], Hashable] = lambda v: v) -> T:
    """The value most reports give; on a tie, the one reported first."""
    counts = Counter(key(v) for v in values)
    return max(values, key=lambda v: counts[key(v)])


def count_range(values: Sequence[int | None]) -> CountRange | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    counts = Counter(known)
    best = max(known, key=lambda v: (counts[v], v))
    return CountRange(best=best, low=min(known), high=max(known), reports=len(known))


def best_date(mentions: Sequence[Mention]) -> tuple[dt.date | None, str]:
    dated = [m for m in mentions if m.date is not None]
    if not dated:
        return None, "unknown"
    finest = min(PRECISION_ORDER.index(m.date_precision) for m in dated)
    chosen = most_reported([m for m in dated if PRECISION_ORDER.index(m.date_precision) == finest],
                           key=lambda m: m.date)  # fmt: skip
    return chosen.date, chosen.date_precision


def best_location(mentions: Sequence[Mention]) -> Location | None:
    located = [m.location for m in mentions if m.location is not None]
    if not located:
        return None
    finest = min(PLACE_ORDER.index(loc.precision) for loc in located)
    candidates = [loc for loc in located if PLACE_ORDER.index(loc.precision) == finest]
    return most_reported(candidates, key=lambda loc: (loc.geonameid, loc.name))


def most_named(actors: Sequence[EventActor]) -> tuple[EventActor, ...]:
    """Distinct actors (by lower-cased text), the most often named first."""
    counts = Counter(a.text.lower() for a in actors)
    first: dict[str, EventActor] = {}
    for actor in actors:
        first.setdefault(actor.text.lower(), actor)
    return tuple(sorted(first.values(), key=lambda a: -counts[a.text.lower()]))


def summarize(event_id: str, mentions: Sequence[Mention]) -> EventSummary:
    """The event made of ``mentions`` (in the order they joined it, the founder first)."""
    articles: dict[str, Source] = {}
    for m in mentions:
        articles.setdefault(m.article_id, Source(m.article_id, m.outlet, m.published))
    published = [m.published for m in mentions if m.published]
    typed = most_reported(mentions, key=lambda m: m.type)
    sub_events = [m for m in mentions if m.type == typed.type and m.acled_sub_event_type]
    sub_event = (
        most_reported(sub_events, key=lambda m: m.acled_sub_event_type) if sub_events else None
    )
    when, precision = best_date(mentions)
    return EventSummary(
        id=event_id,
        type=typed.type,
        acled_event_type=sub_event.acled_event_type if sub_event else None,
        acled_sub_event_type=sub_event.acled_sub_event_type if sub_event else None,
        date=when,
        date_precision=precision,
        location=best_location(mentions),
        actors=most_named([a for m in mentions for a in m.actors]),
        recipients=most_named([a for m in mentions for a in m.recipients]),
        fatalities=count_range([m.fatalities for m in mentions]),
        injured=count_range([m.injured for m in mentions]),
        displaced=count_range([m.displaced for m in mentions]),
        arrested=count_range([m.arrested for m in mentions]),
        confidence=max(m.confidence for m in mentions),
        sources=tuple(articles.values()),
        outlets=tuple(dict.fromkeys(m.outlet for m in mentions if m.outlet)),
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        mention_ids=tuple(m.id for m in mentions),
        evidence=tuple(MentionEvidence(m.id, m.article_id, m.evidence) for m in mentions),
    )
