"""The event list answered from memory: a columnar copy of the events table, so that a filtered,
sorted page of 100,000 events costs NumPy a fraction of a millisecond where DuckDB's scan and
top-N sort cost ~26 ms of CPU. Each event's summary is kept as the JSON the API sends (made
once per copy, through the same models as the SQL path), so a page is a join of 50 of them.

The SQL path (:func:`newsevents.api.queries.event_page`) stays the definition of every answer:
the copy's rows are the same columns, its sort keys are read through the same SQL expressions
(``queries.SORTS``), its filters read each column as the SQL filters do (``query.effective``:
the value an analyst corrected, else the machine's), and they are checked against the SQL path in
tests/test_api_index.py. What it cannot answer the same way (words in the actors or the evidence,
a cursor whose value is not of its sort's kind) goes to SQL.

The copy is never stale: each request has the store's fingerprint (how many events, their
latest update, how many reviews: events are only inserted or updated in place, reviews only
added) read after it arrived, and a copy of another fingerprint is not used. The request that
finds the copy out of date builds a new one (~5 s of CPU for 100,000 events, ~1 s when the
summaries of events and reviews as they were are kept) while concurrent requests answer
through SQL. A store opened read-only needs no fingerprint: DuckDB lets no process write a file
while any holds it read-only, so the copy made at start stays the store's. DuckDB only: the
fingerprint is a scan of 100,000 timestamps, which PostgreSQL makes cost more than the page it
would save, and a DuckDB file's only writer is the process that serves it.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from newsevents.api.models import summary
from newsevents.api.queries import SORTS, ApiFilter, decode_cursor, encode_cursor
from newsevents.review import Review, reviews_of, standing
from newsevents.store.backends import Backend, Row
from newsevents.store.events import EVENT_COLUMNS
from newsevents.store.query import EVENTS, effective, stored_event

FINGERPRINT = (
    "SELECT (SELECT count(*) FROM events), (SELECT max(updated_at) FROM events), "
    "(SELECT count(*) FROM reviews)"
)
EPOCH = dt.date(1970, 1, 1)
# ApiFilter's lists of values, by the column each is matched against (as EventFilter.where)
CATEGORIES = {
    "types": "type",
    "sub_event_types": "acled_sub_event_type",
    "countries": "country",
    "admin1": "admin1",
    "statuses": "status",
    "acled_types": "acled_event_type",
}
NUMBERS = ("event_date", "latitude", "longitude", "confidence")
SCAN_BLOCK = 4096
BAND_SHARE = 4  # a box whose latitudes hold over 1/4 of the rows is tested on every row
FEW_VALUES = 8  # up to this many values, a category is matched a comparison each, not a lookup
PAGE = b'{"items":[%b],"total":%d,"next_cursor":%b}'  # EventPage's JSON, as pydantic writes it


@dataclass(frozen=True)
class Categorical:
    codes: np.ndarray  # int32 code of each row's value, -1 for NULL
    code_of: dict[str, int]

    @classmethod
    def of(cls, column: pa.ChunkedArray) -> Categorical:
        codes, distinct = dictionary(column)
        return cls(codes, {value: i for i, value in enumerate(distinct)})

    def isin(self, values: tuple[str, ...]) -> np.ndarray:
        codes = {self.code_of[v] for v in values if v in self.code_of}
        if len(codes) > FEW_VALUES:  # a lookup costs ~10 comparisons over 100,000 rows
            wanted = np.zeros(len(self.code_of) + 1, dtype=bool)  # the last one: NULL's -1
            wanted[list(codes)] = True
            return np.take(wanted, self.codes)
        keep = np.zeros(len(self.codes), dtype=bool)
        for code in codes:
            keep |= self.codes == code
        return keep


@dataclass(frozen=True)
class Order:
    """One sort key: its values (as the SQL expression gives them), and the rows in ascending
    (key, id) order. Rows are held in id order, so a stable sort on the key alone breaks ties
    by id."""

    values: list[Any]  # the SQL sort key of each row, for the next cursor
    dates: bool  # whether the key is a date
    rows: np.ndarray  # row indices, ascending by (key, id)
    sorted_keys: np.ndarray  # the key of each of them, as float64: days for dates, rank for strings
    ranks: list[str] | None  # for a string key, its distinct values in order

    @classmethod
    def of(cls, values: pa.ChunkedArray) -> Order:
        ranks = None
        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            ranks = sorted(set(values.to_pylist()))
            keys = pc.index_in(values, pa.array(ranks)).to_numpy().astype(np.float64)
        else:
            keys = as_numbers(values)
        rows = np.argsort(keys, kind="stable")
        dates = pa.types.is_date(values.type)
        return cls(values.to_pylist(), dates, rows, keys[rows], ranks)

    def key(self, value: Any) -> float | None:
        """A cursor's value as this order's key; None when it is not of the key's kind."""
        if self.ranks is not None:
            if not isinstance(value, str):
                return None
            at = bisect_left(self.ranks, value)
            exact = at < len(self.ranks) and self.ranks[at] == value
            return float(at) if exact else at - 0.5
        if self.dates:
            try:
                return float((dt.date.fromisoformat(value) - EPOCH).days)
            except (TypeError, ValueError):
                return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def position(self, key: float, row: int) -> int:
        """The first position in ``rows`` whose (key, row index) is not below (key, row)."""
        low = int(np.searchsorted(self.sorted_keys, key, "left"))
        high = int(np.searchsorted(self.sorted_keys, key, "right"))
        return low + int(np.searchsorted(self.rows[low:high], row, "left"))


@dataclass(frozen=True)
class Snapshot:
    ids: list[str]  # one row an event, in id order
    updated: list[int]  # each event's updated_at (microseconds), to keep a summary still true
    summaries: list[bytes]  # each event's summary as the API sends it, its reviews laid over
    categories: dict[str, Categorical]
    numbers: dict[str, np.ndarray]  # NaN for NULL; float64 but for event_date's float32 days
    orders: dict[str, Order]
    by_latitude: np.ndarray  # row indices in ascending latitude, NULLs last
    sorted_latitudes: np.ndarray  # their latitudes
    their_longitudes: np.ndarray  # and their longitudes, in that order
    reviewed: np.ndarray  # whether each event has a review
    main: np.ndarray  # whether each event is some article's main happening
    reviews: dict[str, list[Review]]

    def mask(self, where: ApiFilter) -> np.ndarray:
        """The rows ``where`` lets through, as EventFilter.where and ApiFilter.where say."""
        keep = np.ones(len(self.ids), dtype=bool)
        date = self.numbers["event_date"]
        if where.since:
            keep &= date >= (where.since - EPOCH).days
        if where.until:
            keep &= date <= (where.until - EPOCH).days
        for field, column in CATEGORIES.items():
            if values := getattr(where, field):
                keep &= self.categories[column].isin(values)
        if where.bbox:
            keep &= self.in_box(where.bbox)
        if where.min_confidence is not None:
            keep &= self.numbers["confidence"] >= where.min_confidence
        if where.reviewed is not None:
            keep &= self.reviewed if where.reviewed else ~self.reviewed
        if where.located is not None:
            located = ~np.isnan(self.numbers["latitude"])
            keep &= located if where.located else ~located
        if where.main_only:
            keep &= self.main
        return keep

    def in_box(self, box: tuple[float, float, float, float]) -> np.ndarray:
        """The rows inside ``box``: those of its band of latitudes (a slice of the rows in
        latitude order, found by bisection) whose longitude is inside; a wide band is tested
        on every row instead, which then costs less."""
        west, south, east, north = box
        latitude, longitude = self.numbers["latitude"], self.numbers["longitude"]
        low = int(np.searchsorted(self.sorted_latitudes, south, "left"))
        high = int(np.searchsorted(self.sorted_latitudes, north, "right"))
        if (high - low) * BAND_SHARE > len(self.ids):
            return (latitude >= south) & (latitude <= north) & within(longitude, west, east)
        band = self.by_latitude[low:high]
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[band[within(self.their_longitudes[low:high], west, east)]] = True
        return inside

    def page_json(
        self, where: ApiFilter, sort: str, limit: int, cursor: str | None
    ) -> bytes | None:
        """The page's JSON as the SQL path writes it (queries.page_json), or None: ask SQL."""
        order = self.orders.get(sort.removeprefix("-"))
        if order is None or where.actor or where.text:
            return None
        descending = sort.startswith("-")
        candidates = order.rows[::-1] if descending else order.rows
        if cursor:
            value, after = decode_cursor(cursor)
            key = order.key(value)
            if key is None:
                return None
            if descending:  # (key, id) below the cursor's
                candidates = order.rows[: order.position(key, bisect_left(self.ids, after))][::-1]
            else:  # (key, id) above the cursor's
                candidates = order.rows[order.position(key, bisect_right(self.ids, after)) :]
        keep = self.mask(where)
        total = int(np.count_nonzero(keep))
        chosen = first_kept(candidates, keep, min(limit + 1, total)).tolist()
        shown = chosen[:limit]
        next_cursor = None
        if len(chosen) > limit:
            next_cursor = encode_cursor(order.values[shown[-1]], self.ids[shown[-1]])
        items = b",".join([self.summaries[row] for row in shown])
        return PAGE % (items, total, orjson.dumps(next_cursor))


def within(longitude: np.ndarray, west: float, east: float) -> np.ndarray:
    """Which longitudes are from west to east, across the antimeridian when west > east."""
    if west <= east:
        return (longitude >= west) & (longitude <= east)
    return (longitude >= west) | (longitude <= east)


def first_kept(candidates: np.ndarray, keep: np.ndarray, count: int) -> np.ndarray:
    """The first ``count`` of ``candidates`` that ``keep`` lets through, looking at a block at a
    time, each twice the one before: a page seldom needs more than the first block, and a
    filter that few rows pass costs at most two passes over them all."""
    found: list[np.ndarray] = []
    wanted, start, block = count, 0, SCAN_BLOCK
    while wanted and start < len(candidates):
        chunk = candidates[start : start + block]
        found.append(chunk[keep[chunk]][:wanted])
        wanted -= len(found[-1])
        start, block = start + block, 2 * block
    return np.concatenate(found) if found else candidates[:0]


def dictionary(column: pa.ChunkedArray) -> tuple[np.ndarray, list[Any]]:
    """Each row's code (-1 for NULL) and the distinct values the codes name."""
    encoded = pc.dictionary_encode(column).combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, encoded.dictionary.to_pylist()


def as_numbers(column: pa.ChunkedArray) -> np.ndarray:
    """A date or number column as float64 (dates as days since 1970), NaN for NULL."""
    if pa.types.is_date(column.type):
        column = pc.cast(column, pa.date32()).cast(pa.int32())
    return np.asarray(pc.cast(column, pa.float64()).fill_null(np.nan).to_numpy(), np.float64)


def summaries(
    table: pa.Table,
    ids: list[str],
    updated: list[int],
    reviews: dict[str, list[Review]],
    previous: Snapshot | None,
) -> list[bytes]:
    """Each event's summary JSON (models.summary, as the SQL path makes it), taken from the
    ``previous`` snapshot where the event and its reviews are as they were then: a review or a
    few new events re-make those summaries, not 100,000 (~35 us each)."""
    made = [b""] * len(ids)
    if previous is not None:
        row_of = {event_id: row for row, event_id in enumerate(previous.ids)}
        for row, event_id in enumerate(ids):
            before = row_of.get(event_id)
            if (
                before is not None
                and previous.updated[before] == updated[row]
                and previous.reviews.get(event_id) == reviews.get(event_id)
            ):
                made[row] = previous.summaries[before]
    missing = [row for row, json in enumerate(made) if not json]
    rows = table.select(list(EVENT_COLUMNS)).take(pa.array(missing, pa.int64()))
    columns = [rows[name].to_pylist() for name in EVENT_COLUMNS]
    for row, values in zip(missing, zip(*columns, strict=True), strict=True):
        event = stored_event(values)
        judged = standing(reviews.get(event.id, []))
        made[row] = summary(event, judged).model_dump_json().encode()
    return made


def snapshot(backend: Backend, previous: Snapshot | None = None) -> tuple[Row, Snapshot | None]:
    """The store's fingerprint, and its events and reviews, as one read transaction sees them;
    no snapshot of no events, or when a number column holds NaN (SQL orders and compares it
    unlike NumPy). ``previous``: a snapshot whose summaries may be kept."""
    keys = ", ".join(f"{key.sql} AS sort_{name}" for name, key in SORTS.items())
    filtered = ", ".join(
        f"{effective(column)} AS filter_{column}" for column in (*CATEGORIES.values(), *NUMBERS)
    )
    with backend.transaction(write=False):
        fingerprint = backend.fetch(FINGERPRINT)[0]
        batches = list(
            backend.arrow_stream(
                f"SELECT {', '.join('e.' + c for c in EVENT_COLUMNS)}, {keys}, {filtered} "
                f"FROM {EVENTS} ORDER BY e.id"
            )
        )
        reviewed_ids = [row[0] for row in backend.fetch("SELECT DISTINCT event_id FROM reviews")]
        reviews = reviews_of(backend, reviewed_ids)
    if not batches:  # no events: SQL answers at no cost
        return fingerprint, None
    table = pa.Table.from_batches(batches)
    numbers = {name: as_numbers(table[f"filter_{name}"]) for name in NUMBERS}
    # days are whole numbers well below 2**24, so float32 holds them exactly in half the bytes
    numbers["event_date"] = numbers["event_date"].astype(np.float32)
    if any(pc.any(pc.is_nan(table[f"filter_{n}"])).as_py() for n in NUMBERS if n != "event_date"):
        return fingerprint, None
    ids: list[str] = table["id"].to_pylist()
    updated: list[int] = pc.cast(table["updated_at"], pa.int64()).to_pylist()
    by_latitude = np.argsort(numbers["latitude"], kind="stable")  # NaN last
    reviewed = np.zeros(len(ids), dtype=bool)
    for event_id in reviews:
        at = bisect_left(ids, event_id)
        if at < len(ids) and ids[at] == event_id:
            reviewed[at] = True
    return fingerprint, Snapshot(
        ids=ids,
        updated=updated,
        summaries=summaries(table, ids, updated, reviews, previous),
        categories={c: Categorical.of(table[f"filter_{c}"]) for c in CATEGORIES.values()},
        numbers=numbers,
        orders={name: Order.of(table[f"sort_{name}"]) for name in SORTS},
        by_latitude=by_latitude,
        sorted_latitudes=numbers["latitude"][by_latitude],
        their_longitudes=numbers["longitude"][by_latitude],
        reviewed=reviewed,
        main=as_numbers(table["main_count"]) > 0,  # NULL, NaN, is not
        reviews=reviews,
    )


class EventIndex:
    """The current snapshot of one store, made again when the store has changed."""

    def __init__(self, backend: Backend | None = None, frozen: bool = False) -> None:
        """``backend``: make the first snapshot now rather than on the first request.
        ``frozen``: the store cannot change while it is served (a DuckDB file opened read-only,
        which DuckDB lets no process write meanwhile), so the snapshot made now is never
        checked against the store (a backend is then needed)."""
        self.current: tuple[Row, Snapshot | None] | None = None  # one object: swapped at once
        self.frozen = frozen
        self.building = threading.Lock()
        self.checking = threading.Lock()
        self.checked: tuple[float, Row] = (-math.inf, ())  # when the last check began, its answer
        if backend is not None:
            self.current = snapshot(backend)
        elif frozen:
            raise ValueError("a frozen index is made from a backend")

    def fingerprint(self, backend: Backend, arrived: float) -> Row:
        """The store's fingerprint as of a moment after ``arrived``. A check that began after
        a request arrived saw every write before it, so requests that arrive together share one
        (one check at a time): under load most requests need none of their own."""
        with self.checking:
            began, found = self.checked
            if began < arrived:
                began = time.monotonic()
                found = backend.fetch(FINGERPRINT)[0]
                self.checked = began, found
            return found

    def page_json(
        self, backend: Backend | None, where: ApiFilter, sort: str, limit: int, cursor: str | None
    ) -> bytes | None:
        """The page as queries.page_json writes it, or None: the caller asks SQL. ``backend``
        reads the store's fingerprint (None: only a frozen index answers)."""
        found = self.current
        if not self.frozen:
            if backend is None:
                return None
            found = self.fresh(backend, time.monotonic())
        return found[1].page_json(where, sort, limit, cursor) if found and found[1] else None

    def fresh(self, backend: Backend, arrived: float) -> tuple[Row, Snapshot | None] | None:
        """The snapshot of the store as it is after ``arrived``, made again if it has changed;
        None while another request makes it."""
        found = self.current
        if found is not None and found[0] == self.fingerprint(backend, arrived):
            return found
        if not self.building.acquire(blocking=False):
            return None  # another request is making the new one
        try:
            self.current = snapshot(backend, found[1] if found else None)
            return self.current
        finally:
            self.building.release()
