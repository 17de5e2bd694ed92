"""`Mention`: one event mention of one article, flat enough for the store to keep and give back.

A mention is built from a :class:`Reading` (``mentions_of``) and carries everything the
grouping weighs: the event's type, date, place, actors, counts, confidence, and the terms of
its article's lead text. It never holds the parse, so an index of events can be rebuilt from
stored mentions alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from newsevents.events.ontology import ACLED_CODED_TYPES
from newsevents.records import DatePrecision, Event, EventActor, Evidence, Location, Reading
from newsevents.words import word_set

# The lead is what GDELT compares (its similarity graph reads an article's lead text); ours is
# the title and the text's first LEAD_WORDS words, so a long article's tail of background and
# boilerplate does not dilute what it reports.
LEAD_WORDS = 150
WORD = re.compile(r"[^\W_][\w'’-]*[^\W_]|\d+")
TERM = re.compile(r"\b\w\w+\b")
STOP_WORDS = word_set(
    "".join(
        line
        for line in (Path(__file__).parent / "stop_words.txt").read_text().splitlines(True)
        if not line.startswith("#")
    )
)
# Words too generic for a name ("a man", "the police"): an actor's name words are its
# capitalised words that are none of these.
NAME_STOP_WORDS = STOP_WORDS | {"police", "officers", "authorities", "man", "woman"}


@dataclass(frozen=True)
class Mention:
    """One event mention: the event as one article reports it.

    ``id`` is ``<article id>/<event id>``, unique and stable across runs. ``lead`` marks the
    article's main mention (``main_event``): the one an article-level grouping, like
    the GVA gold's, is scored on. ``terms`` are the content words of the article's lead
    (``lead_terms``).
    """

    id: str
    article_id: str
    outlet: str | None
    published: dt.date | None
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: dt.date | None
    date_precision: DatePrecision
    location: Location | None
    actors: tuple[EventActor, ...]
    recipients: tuple[EventActor, ...]
    fatalities: int | None
    injured: int | None
    displaced: int | None
    arrested: int | None
    confidence: float
    terms: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    lead: bool = False

    @property
    def when(self) -> dt.date | None:
        """The event's date, or, when the text gives none, the day the article came out."""
        return self.date or self.published

    @property
    def when_precision(self) -> DatePrecision:
        """How precise ``when`` is: news tells of what happened within the week it came out,
        so an undated mention is taken to the week of its article."""
        return self.date_precision if self.date else "week"

    @cached_property
    def term_set(self) -> frozenset[str]:
        return frozenset(self.terms)

    @cached_property
    def names(self) -> frozenset[str]:
        """The proper-name words of its actors and recipients ("Nygel", "Williams")."""
        return frozenset(
            word.lower()
            for actor in (*self.actors, *self.recipients)
            for word in WORD.findall(actor.text)
            if word[0].isupper() and word.lower() not in NAME_STOP_WORDS
        )


def lead_terms(title: str | None, text: str, words: int = LEAD_WORDS) -> tuple[str, ...]:
    """The content words of the title and the text's first ``words`` words, lower-cased, in
    order and with their repeats (tokens and stop words as scikit-learn's TF-IDF has them)."""
    lead = TERM.findall(f"{title or ''}\n{text}".lower())[: words + len(TERM.findall(title or ""))]
    return tuple(t for t in lead if t not in STOP_WORDS)


def is_dedupable(event: Event) -> bool:
    """Events that happened (reported or told as background); an expected one is no event."""
    return event.status != "hypothetical"


def first_offset(event: Event) -> int:
    return event.trigger.start if event.trigger else min(e.start for e in event.evidence)


def main_event(events: list[Event]) -> Event | None:
    """What the article reports: the main happening the events stage named (``Event.main``: the
    one the article's killed, injured and day were given to), else its first reported event of a
    type event datasets count (ACLED's: violence, protest, arrests, ...), else its first
    reported event, else its first. "A man was charged after a woman was shot" is a shooting
    story told through its charge."""
    reported = [e for e in events if e.status == "reported"]
    counted = [e for e in reported if e.type in ACLED_CODED_TYPES]
    return next((e for e in events if e.main), next(iter(counted or reported or events), None))


def mentions_of(reading: Reading) -> list[Mention]:
    """The article's event mentions in text order, its main one (``main_event``) marked
    ``lead``."""
    article = reading.article
    terms = lead_terms(article.title, article.text)
    events = sorted(filter(is_dedupable, reading.events), key=first_offset)
    lead = main_event(events)
    return [
        Mention(
            id=f"{article.id}/{event.id}",
            article_id=article.id,
            outlet=article.source,
            published=article.published,
            type=event.type,
            acled_event_type=event.acled_event_type,
            acled_sub_event_type=event.acled_sub_event_type,
            date=event.date,
            date_precision=event.date_precision,
            location=event.location,
            actors=tuple(event.actor),
            recipients=tuple(event.recipient),
            fatalities=event.fatalities,
            injured=event.injured,
            displaced=event.displaced,
            arrested=event.arrested,
            confidence=event.confidence,
            terms=terms,
            evidence=tuple(event.evidence),
            lead=event is lead,
        )
        for event in events
    ]
