"""Exports of a 10,000-event store load back, with the same rows and values, where users load
them: CSV in pandas, GeoJSON in geopandas, Parquet in DuckDB and pandas; JSON Lines carries
each event's sources."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from newsevents.store import Store
from newsevents.store.export import FLAT_COLUMNS, export
from newsevents.store.query import EventFilter, StoredEvent, count_events, iter_events
from newsevents.tools.bench_store import distinct_readings

EVENTS = 10_000
BATCH = 1000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("export") / "store.duckdb"
    with Store.open(str(path)) as store:
        seed = 7
        while (missing := EVENTS - count_events(store)) > 0:  # dedup joins a few
            readings = list(distinct_readings(missing, seed=seed))
            for first in range(0, missing, BATCH):
                store.write(readings[first : first + BATCH], ["nlp", "events", "geo"])
            seed += 1
        yield store


@pytest.fixture(scope="module")
def expected(big_store: Store) -> list[tuple[Any, ...]]:
    rows = [normal_row(reference_row(event)) for event in iter_events(big_store)]
    assert len(rows) == EVENTS
    return rows


def reference_row(event: StoredEvent) -> dict[str, Any]:
    """The flat row of an event, made from the objects the queries (and the REST API) give,
    to check the database's own flat rows against."""
    place = event.location
    counts = {"fatalities": event.fatalities, "injured": event.injured}
    counts |= {"displaced": event.displaced, "arrested": event.arrested}
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
        **{name: count.best if count else None for name, count in counts.items()},
        "source_count": event.source_count,
        "main_count": event.main_count,
        "sources": "; ".join(sorted({s.outlet or s.url or s.input_id for s in event.sources})),
        "notes": " | ".join(sorted(set(event.evidence))),
        "review": event.review,
    }


def normal(value: Any) -> Any:
    """One value as every format can give it back: no value, text, or a rounded number."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # a pandas Timestamp
        return value.date().isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 6)
    return str(value)


def normal_row(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(normal(row[name]) for name in FLAT_COLUMNS)


def written(store: Store, fmt: str, path: Path) -> int:
    return export(store, EventFilter(), fmt, path, io.StringIO())


def test_csv_loads_back_in_pandas(big_store: Store, expected: list, tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "events.csv"
    assert written(big_store, "csv", path) == len(expected)
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(FLAT_COLUMNS)
    assert [normal_row(row) for row in frame.to_dict("records")] == expected


def test_geojson_loads_back_in_geopandas(big_store: Store, expected: list, tmp_path: Path) -> None:
    import geopandas as gpd

    path = tmp_path / "events.geojson"
    assert written(big_store, "geojson", path) == len(expected)
    frame = gpd.read_file(path)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    loaded = frame.to_dict("records")
    assert [normal_row(row) for row in loaded] == expected
    for row in loaded:
        point = row["geometry"]
        if row["latitude"] is None or math.isnan(row["latitude"]):
            assert point is None or point.is_empty
        else:  # RFC 7946: longitude first
            assert (point.x, point.y) == (row["longitude"], row["latitude"])
    document = json.loads(path.read_text())
    assert document["type"] == "FeatureCollection" and len(document["features"]) == len(expected)


def test_parquet_loads_back_in_duckdb_and_pandas(
    big_store: Store, expected: list, tmp_path: Path
) -> None:
    import duckdb
    import pandas as pd

    path = tmp_path / "events.parquet"
    assert written(big_store, "parquet", path) == len(expected)
    connection = duckdb.connect()
    rows = connection.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    assert connection.description is not None
    names = [d[0] for d in connection.description]
    assert names == list(FLAT_COLUMNS)
    assert [normal_row(dict(zip(names, row, strict=True))) for row in rows] == expected
    types = dict(
        connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()[i][:2]
        for i in range(len(names))
    )
    assert types["event_date"] == "DATE" and types["fatalities"] == "BIGINT"
    frame = pd.read_parquet(path)
    assert [normal_row(row) for row in frame.to_dict("records")] == expected


def test_jsonl_carries_each_event_whole_with_its_sources(big_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    where = EventFilter(countries=("SYR",))
    count = export(big_store, where, "jsonl", path, io.StringIO())
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == count > 0
    for event in lines:
        assert event["location"]["country"] == "SYR"
        assert event["source_count"] == len(event["sources"]) >= 1
        assert set(event["sources"][0]) == {"id", "input_id", "url", "title", "outlet", "published"}
        assert event["actor"][0]["text"].startswith("Group")
        assert event["evidence"] and event["fatalities"] is None or "best" in event["fatalities"]


def test_the_export_benchmark_times_every_format(tmp_path: Path) -> None:
    from newsevents.store.export import FORMATS
    from newsevents.tools.bench_store import bench_export

    figures = bench_export(300, tmp_path)
    assert figures["events"] <= 300 and figures["write_events_per_s"] > 0
    assert set(figures["export"]) == set(FORMATS)
    assert all(f["events"] == figures["events"] for f in figures["export"].values())
    assert list(tmp_path.iterdir()) == []  # the store and its exports are removed
