"""The store, on DuckDB and on PostgreSQL alike (the ``store_url`` fixture runs each test on
both): migrations, idempotent writes, events grouped across articles, nothing lost, the ingest
log, and the queries export and the REST API share."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_readings import (
    IDLIB,
    article,
    event,
    orphan_rows,
    report,
)

from newsevents.cli import main as cli
from newsevents.records import InputError, Location, Reading
from newsevents.store import Store
from newsevents.store.ingest import write
from newsevents.store.query import EventFilter, count_events, events_page, get_event, iter_events
from newsevents.store.rows import NO_EVENT_STAGES, ONLY_HYPOTHETICAL
from newsevents.store.schema import LATEST, migrate
from newsevents.tools.bench_store import distinct_readings

STAGES = ["nlp", "events", "geo"]


def test_a_new_store_is_migrated_once(store_url: str) -> None:
    with Store.open(store_url) as store:
        assert store.backend.fetch("SELECT max(version) FROM schema_migrations")[0][0] == LATEST
        assert migrate(store.backend) == []
        assert set(store.counts().values()) == {0}


def test_writing_the_same_batch_twice_changes_nothing(store_url: str) -> None:
    readings = list(distinct_readings(40))
    with Store.open(store_url) as store:
        first = store.write(readings, STAGES)
        counts = store.counts()
        ids = [e.id for e in iter_events(store)]
        again = store.write(readings, STAGES)
        assert (first.stored, again.stored, again.already_known) == (40, 0, 40)
        assert (again.events_created, again.mentions_merged) == (0, 0)
        assert store.counts() == counts
    with Store.open(store_url) as reopened:  # the dedup index restored from the database
        reopened.write(readings, STAGES)
        assert reopened.counts() == counts
        assert [e.id for e in iter_events(reopened)] == ids
        assert orphan_rows(reopened.backend) == {}


def test_reports_of_one_raid_are_one_event_with_the_range_and_every_source(
    store_url: str,
) -> None:
    first = report("a", 3, "Wire One", date(2024, 5, 6))
    with Store.open(store_url) as store:
        founded = store.write([first], STAGES)
        assert (founded.events_created, founded.mentions_merged) == (1, 0)
    later = [
        report("b", 5, "Wire Two", date(2024, 5, 7)),
        report("c", 3, "Wire Three", date(2024, 5, 8)),
    ]
    with Store.open(store_url) as store:
        joined = store.write(later, STAGES)
        assert (joined.events_created, joined.mentions_merged) == (0, 2)
        [raid] = list(iter_events(store))
    assert raid.id == f"{first.article.id}/{first.events[0].id}"  # the founding mention's
    assert raid.fatalities is not None
    assert (raid.fatalities.best, raid.fatalities.low, raid.fatalities.high) == (3, 3, 5)
    assert (raid.mention_count, raid.source_count) == (3, 3)
    assert [s.outlet for s in raid.sources] == ["Wire One", "Wire Two", "Wire Three"]
    assert (raid.first_reported, raid.last_reported) == (date(2024, 5, 6), date(2024, 5, 8))
    assert raid.location == IDLIB and raid.date == date(2024, 5, 6)
    assert [a.text for a in raid.actors] == ["Warplanes"]
    assert raid.evidence[0].startswith("Warplanes struck a market in Idlib")


def test_every_article_is_kept_even_when_nothing_in_it_makes_an_event(store_url: str) -> None:
    german = Reading(article("de", "Das ist ein deutscher Text.", language="de"))
    german.uncoded = "nlp: not English text (looks like 'de'): 0% English stopwords"
    text = "Officials fear an attack on Idlib."
    feared = Reading(
        article("feared", text), events=[event("f", text, text, status="hypothetical")]
    )
    with Store.open(store_url) as store:
        outcome = store.write([german, feared], STAGES)
        text_only = store.write([Reading(article("plain", "Nothing happened."))], [])
        reasons: dict[str, str | None] = dict(
            store.backend.fetch("SELECT input_id, no_events_reason FROM articles")
        )
        assert store.counts()["events"] == 0 and store.counts()["event_mentions"] == 1
        assert orphan_rows(store.backend) == {}
    assert outcome.stored == 2 and text_only.stored == 1
    assert reasons == {
        "input/de": german.uncoded,
        "input/feared": ONLY_HYPOTHETICAL,
        "input/plain": NO_EVENT_STAGES,
    }


def test_failures_are_logged_and_resolved_when_a_later_run_reads_them(store_url: str) -> None:
    failed = InputError("input/late", "internal error (KeyError: 'x'); please report it", "events")
    with Store.open(store_url) as store:
        store.write([failed], STAGES)
        store.write([failed], STAGES)
        assert store.pending_failures() == [("input/late", "events", failed.message)]
        assert store.backend.fetch("SELECT attempts FROM ingest_log")[0][0] == 2
        outcome = store.write([Reading(article("late", "It worked this time."))], STAGES)
        assert outcome.retried == 1 and store.pending_failures() == []


def test_an_article_the_database_refuses_rolls_back_nothing_else(store_url: str) -> None:
    good = list(distinct_readings(2))
    bad = report("bad", 10**12, "Wire", date(2024, 5, 6))  # more dead than an INTEGER holds
    with Store.open(store_url) as store:
        outcome = write(store, [good[0], bad, good[1]], STAGES)
        assert outcome.stored == 2 and [e.input_id for e in outcome.failed] == ["input/bad"]
        assert outcome.failed[0].stage == "store"
        assert store.known_articles([r.article.id for r in (*good, bad)]) == {
            r.article.id for r in good
        }
        assert [f[0] for f in store.pending_failures()] == ["input/bad"]
        assert orphan_rows(store.backend) == {}


FILTERS = [
    EventFilter(since=date(2021, 1, 1), until=date(2022, 6, 30)),
    EventFilter(types=("PROTEST", "COERCE")),
    EventFilter(sub_event_types=("Armed clash",)),
    EventFilter(countries=("NGA", "MEX")),
    EventFilter(admin1=("Sinaloa",)),
    EventFilter(actor="group 1"),
    EventFilter(bbox=(30.0, 0.0, 50.0, 40.0)),
    EventFilter(bbox=(170.0, -30.0, -100.0, 30.0)),  # across the antimeridian
    EventFilter(text="culiacán"),
    EventFilter(statuses=("background",)),
    EventFilter(min_confidence=0.9),
    EventFilter(text="100%_"),  # LIKE's wildcards are taken literally
]


def expected(where: EventFilter, event: object) -> bool:
    from newsevents.store.query import StoredEvent

    assert isinstance(event, StoredEvent)
    place = event.location
    checks = [
        where.since is None or (event.date is not None and event.date >= where.since),
        where.until is None or (event.date is not None and event.date <= where.until),
        not where.types or event.type in where.types,
        not where.sub_event_types or event.acled_sub_event_type in where.sub_event_types,
        not where.countries or (place is not None and place.country in where.countries),
        not where.admin1 or (place is not None and place.admin1 in where.admin1),
        not where.actor
        or any(where.actor.lower() in (t or "").lower() for t in (event.actor1, event.actor2)),
        not where.text or any(where.text.lower() in s.lower() for s in event.evidence),
        not where.statuses or event.status in where.statuses,
        where.min_confidence is None or event.confidence >= where.min_confidence,
    ]
    if where.bbox:
        west, south, east, north = where.bbox
        lat, lon = (place.lat, place.lon) if place else (None, None)
        inside = lat is not None and lon is not None and south <= lat <= north
        across = west > east
        checks.append(
            inside and ((lon >= west or lon <= east) if across else west <= lon <= east)  # type: ignore[operator]
        )
    return all(checks)


def test_filters_select_what_they_say_and_pages_walk_every_event_once(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.write(list(distinct_readings(150, seed=3)), STAGES)
        everything = list(iter_events(store))
        for where in FILTERS:
            wanted = [e.id for e in everything if expected(where, e)]
            assert [e.id for e in iter_events(store, where, page_size=7)] == wanted, where
            assert count_events(store, where) == len(wanted)
            assert 0 < len(wanted) < len(everything) or where.text == "100%_", where
        page = events_page(store, limit=40)
        seen = [e.id for e in page.events]
        while page.next_cursor:
            page = events_page(store, after=page.next_cursor, limit=40)
            seen += [e.id for e in page.events]
        assert seen == sorted({e.id for e in everything}) and len(seen) == len(everything)
        assert get_event(store, everything[5].id) == everything[5]
        assert get_event(store, "no such event") is None


@pytest.mark.parametrize("url", ["mysql://localhost/x", "ftp://host/file"])
def test_an_unknown_url_scheme_is_refused(url: str) -> None:
    from newsevents.store import StoreError

    with pytest.raises(StoreError, match="unknown database URL scheme"):
        Store.open(url)


def test_every_export_format_is_written_from_either_backend(store_url: str, tmp_path: Path) -> None:
    import csv
    import io
    import json

    import pyarrow.parquet as pq

    from newsevents.store.export import FLAT_COLUMNS, FORMATS, export

    with Store.open(store_url) as store:
        store.write(list(distinct_readings(60, seed=5)), STAGES)
        where = EventFilter(min_confidence=0.5)
        wanted = count_events(store, where)
        paths = {fmt: tmp_path / f"events.{fmt}" for fmt in FORMATS}
        assert all(
            export(store, where, fmt, paths[fmt], io.StringIO()) == wanted for fmt in FORMATS
        )
    rows = list(csv.DictReader(paths["csv"].open(encoding="utf-8", newline="")))
    assert len(rows) == wanted > 0 and list(rows[0]) == list(FLAT_COLUMNS)
    assert all(float(row["source_count"]) >= 1 and row["notes"] for row in rows)
    features = json.loads(paths["geojson"].read_text())["features"]
    assert [f["id"] for f in features] == [row["event_id"] for row in rows]
    table = pq.read_table(paths["parquet"])
    assert table.column_names == list(FLAT_COLUMNS)
    assert table.column("event_id").to_pylist() == [row["event_id"] for row in rows]
    assert len(paths["jsonl"].read_text().splitlines()) == wanted


def test_an_event_counts_the_articles_it_is_the_main_happening_of(store_url: str) -> None:
    told = [report(key, 3, f"Wire {key}", date(2024, 5, 6)) for key in ("a", "b", "c")]
    for reading, main in zip(told, (True, True, False), strict=True):
        reading.events[0].main = main  # the third article is about something else
    aside = report("d", 2, "Wire d", date(2024, 5, 6))
    aside.events[0].location = Location("Kano", "point", 2335204, "NGA", "Kano", 12.0, 8.52)
    with Store.open(store_url) as store:
        store.write([*told, aside], STAGES)
        stored: dict[str, bool | None] = dict(
            store.backend.fetch("SELECT article_id, main FROM event_mentions")
        )
        raid, other = sorted(iter_events(store), key=lambda e: e.mention_count, reverse=True)
        assert stored[told[0].article.id] is True and stored[told[2].article.id] is False
        assert (raid.mention_count, raid.main_count, other.main_count) == (3, 2, 0)
        assert [e.id for e in iter_events(store, EventFilter(main_only=True))] == [raid.id]
        assert count_events(store, EventFilter(main_only=True)) == 1
    exported = CliRunner().invoke(
        cli, ["export", "--format", "csv", "--db", store_url, "--main-only"]
    )
    assert exported.exit_code == 0, exported.output
    [row] = csv.DictReader(io.StringIO(exported.stdout))
    assert (row["event_id"], row["main_count"]) == (raid.id, "2")


def test_a_version_6_store_catches_up_and_does_not_know_its_main_happenings(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsevents.store import StoreError, schema
    from newsevents.store.backends import connect

    with monkeypatch.context() as before:
        before.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:6])
        backend = connect(store_url)
        schema.migrate(backend)
        stamp = "TIMESTAMP '2024-05-01'"
        for table, columns, values in (
            (
                "articles",
                "id, input_id, text, stages, ingested_at",
                f"'old', 'input/old', 'Shots were fired.', 'events', {stamp}",
            ),
            (
                "events",
                "id, type, status, date_precision, confidence, mention_count, "
                "source_count, created_at, updated_at",
                f"'old/e', 'ASSAULT', 'reported', 'day', 0.9, 1, 1, {stamp}, {stamp}",
            ),
            (
                "event_mentions",
                "id, article_id, ordinal, event_id, type, status, date_precision, confidence",
                "'old/e', 'old', 0, 'old/e', 'ASSAULT', 'reported', 'day', 0.9",
            ),
        ):
            backend.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})")
        backend.close()
    with pytest.raises(StoreError, match="has schema v6"):
        Store.open(store_url, read_only=True)
    new = report("new", 3, "Wire", date(2024, 5, 6))
    new.events[0].main = True
    with Store.open(store_url) as store:
        store.write([new], STAGES)
        assert store.backend.fetch("SELECT main FROM event_mentions WHERE id = 'old/e'") == [
            (None,)
        ]
        events = {e.id: e.main_count for e in iter_events(store)}
        assert events.pop("old/e") is None and list(events.values()) == [1]
        assert [e.id for e in iter_events(store, EventFilter(main_only=True))] == list(events)
    with Store.open(store_url) as again:  # re-opened and re-read: nothing changes
        again.write([new], STAGES)
        assert {e.id: e.main_count for e in iter_events(again)} == {"old/e": None, **events}


def test_the_main_count_is_of_the_articles_stored_knowing_it() -> None:
    from newsevents.store.events import MentionExtras, main_count

    def extras(main: bool | None) -> MentionExtras:
        return MentionExtras("reported", None, None, "ASSAULT", 0.9, main)

    assert main_count([extras(None), extras(None)]) is None
    assert main_count([extras(None), extras(True), extras(False)]) == 1
