"""Deduplication: the mentions of one real-world event, across articles and outlets, grouped
into one event, incrementally as news arrives (docs/dedup.md).

Entry points, for the store and for evaluation::

    from newsevents.dedup import EventIndex, mentions_of

    index = EventIndex.restore(stored)      # stored: (Mention, event id) pairs, founders first;
                                            # EventIndex() when the store is empty
    mentions = [m for reading in batch for m in mentions_of(reading)]
    for assignment in index.add(mentions):  # one Assignment per mention, in the order given
        assignment.mention, assignment.event_id, assignment.outcome  # founded | joined | known
    index.summary(event_id)                 # EventSummary: best estimates, count ranges,
                                            # sources, first/last reported, evidence

- ``Mention`` (``mention.py``): one event mention of one article, flat and storable; its id is
  ``<article id>/<event id>``. An event's id is its founding mention's id, so ids never change.
- ``EventIndex.reach(mention)``: the event dates a mention may join, so a store restores only
  the events of that window before ``add``.
- ``cluster_readings(readings)``: articles grouped by the events they share, what
  ``newsevents eval dedup`` scores against gold that groups articles (docs/dedup.md);
  ``group_readings`` gives the one event each article is about (``article_event``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from newsevents.dedup.groups import connected_components
from newsevents.dedup.index import Assignment, EventIndex
from newsevents.dedup.mention import Mention, mentions_of
from newsevents.dedup.summary import CountRange, EventSummary, MentionEvidence, Source, summarize
from newsevents.events.ontology import ACLED_CODED_TYPES
from newsevents.records import Reading

__all__ = [
    "ArticleEvent",
    "Assignment",
    "CountRange",
    "EventIndex",
    "EventSummary",
    "Mention",
    "MentionEvidence",
    "Source",
    "article_event",
    "cluster_readings",
    "group_readings",
    "mentions_of",
    "summarize",
]


@dataclass(frozen=True)
class ArticleEvent:
    """The event an article is about (``article_event``) and the article's mention of it; both
    None when the article reports no event."""

    event_id: str | None
    mention: Mention | None


def article_event(mentions: Sequence[Mention], index: EventIndex) -> ArticleEvent:
    """Of the events the article's mentions are in, one of a type event datasets count (ACLED's:
    not the quotes, calls and investigations around it), and of those the one the most articles
    report: a story that follows up a known shooting through its arrest is about the shooting.
    The main mention's event on a tie."""
    if not mentions:
        return ArticleEvent(None, None)
    best = max(
        mentions,
        key=lambda m: (
            m.type in ACLED_CODED_TYPES,
            len(index.articles_of[index.event_of[m.id]]),
            m.lead,
        ),
    )
    return ArticleEvent(index.event_of[best.id], best)


def add_readings(readings: Sequence[Reading], index: EventIndex) -> list[list[Mention]]:
    """Each article's mentions, once all of them are added to ``index`` as one batch."""
    mentions = [mentions_of(reading) for reading in readings]
    index.add([m for ms in mentions for m in ms])
    return mentions


def group_readings(readings: Sequence[Reading], index: EventIndex) -> list[ArticleEvent]:
    """Each article's event, after adding all their mentions to ``index`` as one batch."""
    return [article_event(ms, index) for ms in add_readings(readings, index)]


def cluster_readings(
    readings: Sequence[Reading], index: EventIndex | None = None
) -> list[Hashable]:
    """Articles grouped by the events they report, after adding all their mentions to
    ``index`` (a new one when not given) as one batch: two articles with a mention in one
    event are in one group, and so on transitively; an article that reports no event stays
    alone. The group id is its first article's position."""
    index = index if index is not None else EventIndex()
    mentions = add_readings(readings, index)
    first_article: dict[str, int] = {}
    links = [
        (first_article.setdefault(index.event_of[m.id], article), article)
        for article, ms in enumerate(mentions)
        for m in ms
    ]
    return connected_components(len(readings), links)
