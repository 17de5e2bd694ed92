"""The store's speed: N distinct synthetic events written through ``Store.write``, then exported
to every format, each timed (the issue's bar: 100,000 events exported in under 10 s).

``distinct_readings`` makes one article per event, each event at a place of its own and most
in made-up countries, so that grouping keeps them apart and looks at few candidates; their
text carries what CSV and JSON must escape (commas, quotes, line breaks, accents). The store's
round-trip tests use the same readings.
"""

from __future__ import annotations

import hashlib
import io
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from newsevents.records import Article, Event, EventActor, Evidence, Location, Reading

COUNTRIES = (  # (country, admin1, place name): real ones, for filters to find
    ("SYR", "Idlib", "Idlib"),
    ("NGA", "Zamfara", "Gusau"),
    ("UKR", "Kharkivska", "Kharkiv"),
    ("MEX", "Sinaloa", "Culiacán"),
    ("SOM", "Banaadir", "Mogadishu"),
)
TYPES = (  # (PLOVER type, ACLED event type, ACLED sub-event type)
    ("ASSAULT", "Battles", "Armed clash"),
    ("PROTEST", "Protests", "Peaceful protest"),
    ("COERCE", "Violence against civilians", "Abduction/forced disappearance"),
    ("DISPLACEMENT", None, None),
)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STAGES = ("nlp", "events", "geo")
WRITE_BATCH = 2000


def distinct_readings(count: int, seed: int = 0) -> Iterator[Reading]:
    """``count`` articles, one event each, of varied type, place, date, status and counts; every
    hundredth event has no place."""
    rng = random.Random(seed)
    for i in range(count):
        kind, acled, sub_event = rng.choice(TYPES)
        country, admin1, town = rng.choice(COUNTRIES)
        code = country if i % 4 == 0 else "Q" + "".join(rng.choices(LETTERS, k=2))
        lat, lon = round(rng.uniform(-60, 70), 5), round(rng.uniform(-180, 180), 5)
        place = Location(f"{town} {i}", "point", 100_000 + i, code, admin1, lat, lon)
        when = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        words = " ".join(f"w{rng.randrange(10**6):x}" for _ in range(12))
        sentence = f'Report {i}, "{place.name}": {words} — {rng.randrange(90)} touchés.'
        text = f'{sentence}\nLine {i}, with a comma; and a quote " here.'
        key = f"synthetic/{seed}/{i}"
        happened = Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16],
            type=kind,
            status="background" if rng.random() < 0.1 else "reported",
            evidence=[Evidence(sentence, 0, len(sentence))],
            acled_event_type=acled,
            acled_sub_event_type=sub_event,
            date=when,
            date_precision=rng.choice(("day", "day", "month")),
            location=None if i % 100 == 1 else place,
            actor=[EventActor(f"Group {i % 97}", 0, 5, code, "REB")],
            recipient=[EventActor("civilians", 0, 5, None, "CVL")],
            fatalities=rng.choice((None, 0, 1, 3, 12)),
            injured=rng.choice((None, 2, 40)),
            confidence=round(rng.uniform(0.2, 0.99), 3),
        )
        article = Article(
            id=hashlib.sha256(key.encode()).hexdigest(),
            input_id=key,
            text=text,
            url=f"https://example.org/{seed}/{i}",
            source=f"Outlet {i % 13}",
            title=f"Story {i}",
            published=when + timedelta(days=1),
            language="en",
        )
        yield Reading(article, events=[happened])


def bench_export(n_events: int, folder: Path) -> dict[str, Any]:
    """Write ``n_events`` distinct events into a new DuckDB store in ``folder``, then export
    them to each format there; the seconds of each step."""
    from newsevents.store import Store
    from newsevents.store.export import FORMATS, export
    from newsevents.store.query import EventFilter

    path = folder / "bench-export.duckdb"
    path.unlink(missing_ok=True)
    readings = distinct_readings(n_events)
    with Store.open(str(path)) as store:
        started = time.perf_counter()
        while batch := list(islice(readings, WRITE_BATCH)):
            store.write(batch, STAGES)
        written_seconds = time.perf_counter() - started
        events = store.counts()["events"]
        exports: dict[str, dict[str, float]] = {}
        for fmt in FORMATS:
            target = folder / f"bench-export.{fmt}"
            started, cpu_started = time.perf_counter(), time.process_time()
            exported = export(store, EventFilter(), fmt, target, io.StringIO())
            seconds = time.perf_counter() - started
            exports[fmt] = {
                "events": exported,
                "seconds": round(seconds, 2),
                # all of this process's threads (DuckDB's too): what the export costs however
                # busy the machine is
                "cpu_seconds": round(time.process_time() - cpu_started, 2),
                "events_per_s": round(exported / seconds),
                "mb": round(target.stat().st_size / 2**20, 1),
            }
            target.unlink()
    path.unlink()
    return {
        "events": events,
        "write_seconds": round(written_seconds, 1),
        "write_events_per_s": round(n_events / written_seconds),
        "export": exports,
    }
