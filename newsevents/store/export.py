"""`newsevents export`: stored events as CSV, JSON Lines, GeoJSON or Parquet.

CSV, GeoJSON and Parquet carry the same flat, ACLED-like row per event (``FLAT_COLUMNS``:
counts are the best estimates, ``sources`` the outlets, ``notes`` the evidence sentences);
GeoJSON (RFC 7946) puts it in a feature's properties with a point at (longitude, latitude), or
no geometry for an event without a place. JSON Lines writes each event whole: its fields, the
range of each count, its actors and its ``sources``, each article with its id, input id, URL,
title, outlet and date. Every format streams the events a page at a time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from newsevents.records import to_jsonable
from newsevents.store.query import StoredEvent, sources_label
from newsevents.store.rows import COUNT_FIELDS

FORMATS = ("csv", "jsonl", "geojson", "parquet")
NOTES_SEPARATOR = " | "
FLAT_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "plover_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injured",
    "displaced",
    "arrested",
    "source_count",
    "sources",
    "notes",
    "review",
)
PARQUET_BATCH = 10_000


def flat_row(event: StoredEvent) -> dict[str, Any]:
    place = event.location
    return {
        "event_id": event.id,
        "event_date": event.date,
        "time_precision": event.date_precision,
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "plover_type": event.type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        **{name: count.best if (count := getattr(event, name)) else None for name in COUNT_FIELDS},
        "source_count": event.source_count,
        "sources": sources_label(event.sources),
        "notes": NOTES_SEPARATOR.join(event.evidence),
        "review": event.review,
    }


def event_json(event: StoredEvent) -> dict[str, Any]:
    """The whole event: the shape of ``extract --json``'s events, plus its sources."""
    out: dict[str, Any] = to_jsonable(event)
    out["actor"], out["recipient"] = out.pop("actors"), out.pop("recipients")
    return out


def write_csv(events: Iterable[StoredEvent], out: IO[str]) -> int:
    writer = csv.DictWriter(out, FLAT_COLUMNS)
    writer.writeheader()
    written = 0
    for event in events:
        writer.writerow(flat_row(event))
        written += 1
    return written


def write_jsonl(events: Iterable[StoredEvent], out: IO[str]) -> int:
    written = 0
    for event in events:
        out.write(json.dumps(event_json(event), ensure_ascii=False) + "\n")
        written += 1
    return written


def write_geojson(events: Iterable[StoredEvent], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for event in events:
        row = flat_row(event)
        geometry = None
        if row["latitude"] is not None and row["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        feature = {
            "type": "Feature",
            "id": event.id,
            "geometry": geometry,
            "properties": to_jsonable(row),
        }
        out.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written


def write_parquet(events: Iterable[StoredEvent], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    integer, text, real = pa.int64(), pa.string(), pa.float64()
    types = {"event_date": pa.date32(), "latitude": real, "longitude": real}
    types |= dict.fromkeys((*COUNT_FIELDS, "source_count"), integer)
    schema = pa.schema([(name, types.get(name, text)) for name in FLAT_COLUMNS])
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(flat_row(event))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                written += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema))
        written += len(batch)
    return written


TextWriter = Callable[[Iterable[StoredEvent], IO[str]], int]
TEXT_WRITERS: dict[str, TextWriter] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
}


def export(events: Iterable[StoredEvent], fmt: str, path: Path | None, stdout: IO[str]) -> int:
    """Write ``events`` as ``fmt`` to ``path`` (stdout when None; Parquet needs a path); the
    number written."""
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet is written to a file: give -o FILE")
        return write_parquet(events, path)
    if path is None:
        return TEXT_WRITERS[fmt](events, stdout)
    with path.open("w", encoding="utf-8", newline="") as out:
        return TEXT_WRITERS[fmt](events, out)
