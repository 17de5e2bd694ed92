"""Readings made by hand for the store's tests: articles with events, without the pipeline."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import ClassVar

from newsevents.pipeline import StageSpec
from newsevents.records import Article, Event, EventActor, Evidence, Location, Reading

IDLIB = Location("Idlib", "point", 169389, "SYR", "Idlib", 35.93, 36.63)


def article(key: str, text: str, **fields: object) -> Article:
    """An article whose id is derived from ``key`` (as the real id is from the text)."""
    article_id = hashlib.sha256(key.encode()).hexdigest()
    return Article(article_id, f"input/{key}", text, **fields)  # type: ignore[arg-type]


def event(key: str, sentence: str, text: str, **fields: object) -> Event:
    start = text.index(sentence)
    values: dict[str, object] = {
        "type": "ASSAULT",
        "status": "reported",
        "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash",
        "cameo_root": "19",
        "date": date(2024, 5, 6),
        "date_precision": "day",
        "location": IDLIB,
        "confidence": 0.8,
    }
    values.update(fields)
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest()[:16],
        evidence=[Evidence(sentence, start, start + len(sentence))],
        **values,  # type: ignore[arg-type]
    )


def report(key: str, killed: int | None, outlet: str, published: date) -> Reading:
    """One report of the same raid on Idlib (as several outlets would tell it)."""
    sentence = f"Warplanes struck a market in Idlib on Monday, killing {killed} civilians."
    text = f"{sentence} Rescue workers searched the rubble of the market for survivors."
    actor = EventActor("Warplanes", 0, 9, None, "MIL")
    happened = event(key, sentence, text, fatalities=killed, actor=[actor])
    return Reading(
        article(key, text, source=outlet, published=published, title="Raid on Idlib market"),
        events=[happened],
    )


ORPHAN_CHECKS = {
    "mention without its article": "SELECT count(*) FROM event_mentions m "
    "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)",
    "mention pointing at a missing event": "SELECT count(*) FROM event_mentions m "
    "WHERE m.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)",
    "event mention without an event": "SELECT count(*) FROM event_mentions m "
    "WHERE m.event_id IS NULL AND m.status <> 'hypothetical'",
    "event without mentions": "SELECT count(*) FROM events e "
    "WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
    "event actor without its event": "SELECT count(*) FROM event_actors r "
    "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)",
    "actor without its mention": "SELECT count(*) FROM actors r "
    "WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.id = r.mention_id)",
    "evidence without its mention": "SELECT count(*) FROM evidence v "
    "WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.id = v.mention_id)",
    "place without its article": "SELECT count(*) FROM places p "
    "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id)",
    "event whose counts disagree with its mentions": "SELECT count(*) FROM events e "
    "WHERE e.mention_count <> (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)",
}


def orphan_rows(backend: object) -> dict[str, int]:
    """Rows that point at nothing, or events that disagree with their mentions, by kind."""
    found = {what: backend.fetch(sql)[0][0] for what, sql in ORPHAN_CHECKS.items()}  # type: ignore[attr-defined]
    return {what: n for what, n in found.items() if n}


class OneEventPerArticle:
    """A stand-in for the event stages, registered by tests that run ingest without spaCy: the
    article's first sentence as one reported attack, at a place and date of its own. It fails
    on a text with one of ``broken_words``."""

    broken_words: ClassVar[tuple[str, ...]] = ()

    def __call__(self, reading: Reading) -> None:
        text = reading.article.text
        if any(word in text for word in self.broken_words):
            raise RuntimeError("broken on purpose")
        sentence = text.split(".")[0] + "."
        number = int(hashlib.sha1(text.encode()).hexdigest()[:6], 16)
        place = Location(
            f"Town {number}", "point", None, "SYR", "Idlib", 35.0 + number % 97 / 50, 36.0
        )
        when = date(2024, 1, 1) + timedelta(days=number % 300)
        reading.events = [event(reading.article.id, sentence, text, location=place, date=when)]


FAKE_STAGE = StageSpec(
    "store_readings:OneEventPerArticle", requires=("article",), provides=("events",)
)
