"""`newsevents export`: stored events as CSV, JSON Lines, GeoJSON or Parquet.

CSV, GeoJSON and Parquet carry the same flat, ACLED-like row per event (``FLAT``: counts are
the best estimates, ``sources`` the distinct outlets, ``notes`` the distinct evidence
sentences, ``main_count`` of how many of its articles the event is the main happening (empty:
stored before the store kept it), ``review`` where an analyst's review left the event; the
values an analyst corrected are the corrected ones, as the API shows them), made by the
database in one query and streamed in batches: no per-event Python objects, so 100,000 events
take seconds.
GeoJSON (RFC 7946) puts the row in a feature's properties with a point at (longitude,
latitude), or no geometry for an event without a place. JSON Lines writes each event whole
(``query.StoredEvent``): its fields as the machine made them, the range of each count, its
actors, its ``sources`` (each article with its id, input id, URL, title, outlet and date), and
its ``review`` with the analyst's ``corrections``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import IO, Any

import orjson

from newsevents.store.backends import Row
from newsevents.store.query import EVENTS, EventFilter, effective, iter_events
from newsevents.store.rows import COUNT_FIELDS
from newsevents.store.store import Store

FORMATS = ("csv", "jsonl", "geojson", "parquet")
SOURCES_SEPARATOR = "; "
NOTES_SEPARATOR = " | "
SOURCE_NAME = "coalesce(o.name, a.url, a.input_id)"  # an article's outlet, or where it came from
FLAT: tuple[tuple[str, str], ...] = (  # (column, SQL over EVENTS, sources s, notes n)
    ("event_id", "e.id"),
    ("event_date", effective("event_date")),
    ("time_precision", "e.date_precision"),
    ("event_type", "e.acled_event_type"),
    ("sub_event_type", "e.acled_sub_event_type"),
    ("plover_type", effective("type")),
    ("actor1", effective("actor1")),
    ("actor2", effective("actor2")),
    ("country", effective("country")),
    ("admin1", effective("admin1")),
    ("location", effective("location_name")),
    ("latitude", "e.latitude"),
    ("longitude", "e.longitude"),
    ("geo_precision", "e.geo_precision"),
    *((name, effective(f"{name}_best")) for name in COUNT_FIELDS),
    ("source_count", "e.source_count"),
    ("main_count", "e.main_count"),
    ("sources", "s.sources"),
    ("notes", "n.notes"),
    ("review", "c.state"),
)
FLAT_COLUMNS = tuple(name for name, _ in FLAT)


def flat_query(where: EventFilter) -> tuple[str, list[Any]]:
    """The flat rows (FLAT_COLUMNS) of the events ``where`` lets through, in event id order."""
    condition, params = where.where()
    columns = ", ".join(f"{sql} AS {name}" for name, sql in FLAT)
    sources = (
        f"SELECT m.event_id, string_agg(DISTINCT {SOURCE_NAME}, '{SOURCES_SEPARATOR}' "
        f"ORDER BY {SOURCE_NAME}) AS sources FROM event_mentions m "
        "JOIN articles a ON a.id = m.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE m.event_id IS NOT NULL GROUP BY m.event_id"
    )
    notes = (
        f"SELECT m.event_id, string_agg(DISTINCT v.text, '{NOTES_SEPARATOR}' ORDER BY v.text) "
        "AS notes FROM event_mentions m JOIN evidence v ON v.mention_id = m.id "
        "WHERE m.event_id IS NOT NULL AND v.kind = 'sentence' GROUP BY m.event_id"
    )
    sql = (
        f"SELECT {columns} FROM {EVENTS} LEFT JOIN ({sources}) s ON s.event_id = e.id "
        f"LEFT JOIN ({notes}) n ON n.event_id = e.id WHERE {condition} ORDER BY e.id"
    )
    return sql, params


def write_csv(batches: Iterable[list[Row]], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(FLAT_COLUMNS)
    written = 0
    for batch in batches:
        writer.writerows(batch)
        written += len(batch)
    return written


LATITUDE, LONGITUDE = FLAT_COLUMNS.index("latitude"), FLAT_COLUMNS.index("longitude")


def write_geojson(batches: Iterable[list[Row]], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = 0
    for batch in batches:
        for row in batch:
            lat, lon = row[LATITUDE], row[LONGITUDE]
            feature = {
                "type": "Feature",
                "id": row[0],
                "geometry": None
                if lat is None or lon is None
                else {"type": "Point", "coordinates": [lon, lat]},
                "properties": dict(zip(FLAT_COLUMNS, row, strict=True)),
            }
            text = json.dumps(feature, ensure_ascii=False, default=date.isoformat)
            out.write((",\n" if written else "") + text)
            written += 1
    out.write("\n]}\n")
    return written


def write_parquet(batches: Iterable[Any], path: Path) -> int:
    """Arrow record batches (FLAT_COLUMNS) into a Parquet file, typed by ``schema``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    integer, real = pa.int64(), pa.float64()
    types = {"event_date": pa.date32(), "latitude": real, "longitude": real}
    types |= dict.fromkeys((*COUNT_FIELDS, "source_count", "main_count"), integer)
    schema = pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS])
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            written += batch.num_rows
        if not written:
            writer.write_table(schema.empty_table())
    return written


def write_jsonl(store: Store, where: EventFilter, out: IO[str]) -> int:
    """Whole events, nested as the API gives them; orjson writes the dataclasses and dates an
    event holds itself (json.dumps through a ``default`` hook took over a third of an export)."""
    written = 0
    for event in iter_events(store, where):
        whole = dict(vars(event))
        whole["actor"], whole["recipient"] = whole.pop("actors"), whole.pop("recipients")
        out.write(orjson.dumps(whole, option=orjson.OPT_APPEND_NEWLINE).decode())
        written += 1
    return written


def flat_batches(store: Store, where: EventFilter) -> Iterator[list[Row]]:
    sql, params = flat_query(where)
    return store.backend.stream(sql, params)


def export(store: Store, where: EventFilter, fmt: str, path: Path | None, stdout: IO[str]) -> int:
    """Write the events ``where`` lets through as ``fmt`` to ``path`` (stdout when None;
    Parquet needs a path); the number written."""
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet is written to a file: give -o FILE")
        sql, params = flat_query(where)
        return write_parquet(store.backend.arrow_stream(sql, params), path)
    with path.open("w", encoding="utf-8", newline="") if path else nullcontext(stdout) as out:
        if fmt == "jsonl":
            return write_jsonl(store, where, out)
        writer = write_csv if fmt == "csv" else write_geojson
        return writer(flat_batches(store, where), out)
