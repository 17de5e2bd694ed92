"""A store of synthetic events for API tests and the load benchmark.

Readings are made from templates (a sentence per event, its evidence offsets exact) over a
fixed table of places, and written through ``Store.write`` (grouping included), so that a
100,000-event store needs no pipeline run. Seeded: the same arguments make the same store.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from newsevents.records import Article, Event, EventActor, Evidence, Location, Reading
from newsevents.store.store import Store


@dataclass(frozen=True)
class SyntheticPlace:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float


PLACES = (
    SyntheticPlace("Idlib", "SYR", "Idlib", 35.93, 36.63),
    SyntheticPlace("Aleppo", "SYR", "Aleppo", 36.20, 37.16),
    SyntheticPlace("Gusau", "NGA", "Zamfara", 12.16, 6.66),
    SyntheticPlace("Maiduguri", "NGA", "Borno", 11.85, 13.16),
    SyntheticPlace("Mopti", "MLI", "Mopti", 14.49, -4.20),
    SyntheticPlace("Kharkiv", "UKR", "Kharkivska", 49.99, 36.23),
    SyntheticPlace("Khartoum", "SDN", "Khartoum", 15.50, 32.56),
    SyntheticPlace("Goma", "COD", "North Kivu", -1.68, 29.23),
    SyntheticPlace("Mogadishu", "SOM", "Banaadir", 2.04, 45.34),
    SyntheticPlace("Culiacan", "MEX", "Sinaloa", 24.80, -107.39),
)
# type -> (ACLED event type, sub-event type, sentence with {actor}, {target}, {place}, {n})
TEMPLATES = {
    "ASSAULT": ("Battles", "Armed clash", "{actor} attacked {target} near {place}, killing {n}."),
    "PROTEST": ("Protests", "Peaceful protest", "Hundreds of {target} protested in {place}."),
    "COERCE": ("Strategic developments", "Arrests", "{actor} detained {n} {target} in {place}."),
    "DISPLACEMENT": (None, None, "Fighting by {actor} forced {n} families from {place}."),
    "AGREE": (None, None, "{actor} and {target} agreed to a ceasefire in {place}."),
}
ACTORS = ("government forces", "rebel fighters", "police", "militants", "villagers", "students")
STAGES = ("nlp", "events", "geo")
OUTLETS = ("Daily Wire Service", "Radio Example", "The Sample Times")


def synthetic_readings(
    n_events: int, seed: int = 0, end: date = date(2024, 6, 30), days: int = 730
) -> Iterator[Reading]:
    """``n_events`` articles, one event each, dated over ``days`` days up to ``end``."""
    rng = random.Random(seed)
    for i in range(n_events):
        kind = rng.choice(list(TEMPLATES))
        acled, sub_event, template = TEMPLATES[kind]
        place = rng.choice(PLACES)
        actor, target = rng.sample(ACTORS, 2)
        n = rng.choice((0, 1, 2, 3, 5, 8, 13, 40))
        day = end - timedelta(days=rng.randrange(days))
        sentence = template.format(actor=actor.capitalize(), target=target, place=place.name, n=n)
        text = f"{place.name.upper()} - {sentence} Officials gave no further details."
        start = text.index(sentence)
        article_id = hashlib.sha256(f"{seed}/{i}".encode()).hexdigest()
        event = Event(
            id=f"e{i}",
            type=kind,
            status="reported",
            evidence=[Evidence(sentence, start, start + len(sentence))],
            acled_event_type=acled,
            acled_sub_event_type=sub_event,
            actor=spans(text, actor.capitalize()),
            recipient=spans(text, target),
            date=day,
            date_precision="day",
            location=Location(
                place.name,
                "point",
                None,
                place.country,
                place.admin1,
                place.lat + rng.uniform(-0.2, 0.2),
                place.lon + rng.uniform(-0.2, 0.2),
            ),
            fatalities=n if kind == "ASSAULT" else None,
            arrested=n if kind == "COERCE" else None,
            displaced=n if kind == "DISPLACEMENT" else None,
            confidence=round(rng.uniform(0.3, 0.99), 2),
        )
        article = Article(
            article_id,
            f"synthetic/{i}",
            text,
            f"https://example.org/{i}",
            rng.choice(OUTLETS),
            f"{kind.title()} in {place.name}",
            day,
            "en",
        )
        yield Reading(article, events=[event])


def spans(text: str, words: str) -> list[EventActor]:
    """The actor ``words`` where the sentence names them."""
    start = text.find(words)
    return [EventActor(words, start, start + len(words))] if start >= 0 else []


def write_synthetic(store: Store, n_events: int, seed: int = 0, batch: int = 2000) -> int:
    """``n_events`` synthetic articles written through ``Store.write``; the events created."""
    created = 0
    readings = synthetic_readings(n_events, seed)
    while chunk := list(islice(readings, batch)):
        created += store.write(chunk, STAGES).events_created
    return created
