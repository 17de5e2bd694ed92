from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from newsevents.api.app import create_app
from newsevents.pipeline import Pipeline
from newsevents.records import Location, Reading
from newsevents.store.query import StoredEvent, iter_events
from newsevents.store.store import Store
from newsevents.tools.bench_store import STAGES, distinct_readings

TOKEN = "s3cret-token"
N_EVENTS = 240


@pytest.fixture(scope="module")
def readings() -> list[Reading]:
    made = list(distinct_readings(N_EVENTS, seed=7))
    for reading in made[::3]:  # articles about their event; the rest mention theirs in passing
        reading.events[0].main = True
    return made


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    readings: list[Reading],
) -> str:
    """The same events on each backend: every API test runs on DuckDB and on PostgreSQL."""
    if request.param == "duckdb":
        url = str(tmp_path_factory.mktemp("api") / "store.duckdb")
    else:
        from postgres_server import fresh_database

        url = fresh_database(
            request.getfixturevalue("postgres_server"), f"api_{uuid.uuid4().hex[:8]}"
        )
    with Store.open(url) as store:
        store.write(readings, STAGES)
    return url


@pytest.fixture(scope="module")
def stored(store: str) -> list[StoredEvent]:
    """The events as the store's own paging reads them back."""
    with Store.open(store) as opened:
        return list(iter_events(opened))


@pytest.fixture(scope="module")
def client(store: str, stored: list[StoredEvent]) -> Iterator[TestClient]:
    # after `stored`: the store is read (and closed) before the app opens it
    app = create_app(store, token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.database.close()


def all_pages(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        page = client.get("/api/events", params=query).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            assert len(items) == page["total"]
            return items


def loc(e: StoredEvent) -> Location:
    return e.location or Location("nowhere", "unknown")


def in_box(place: Location, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return (
        place.lat is not None
        and place.lon is not None
        and west <= place.lon <= east
        and south <= place.lat <= north
    )


def actor_words(e: StoredEvent) -> str:
    return f"{e.actor1} {e.actor2}".lower()


def test_health_and_list(client: TestClient, stored: list[StoredEvent]) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    page = client.get("/api/events").json()
    assert page["total"] == len(stored) > 200 and len(page["items"]) == 100
    dates = [item["date"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"since": "2024-01-01"}, lambda e: e.date >= date(2024, 1, 1)),
        ({"until": "2023-03-31"}, lambda e: e.date <= date(2023, 3, 31)),
        ({"type": "PROTEST,COERCE"}, lambda e: e.type in ("PROTEST", "COERCE")),
        ({"acled_type": "Battles"}, lambda e: e.acled_event_type == "Battles"),
        ({"country": "nga"}, lambda e: loc(e).country == "NGA"),
        ({"admin1": "Zamfara,Idlib"}, lambda e: loc(e).admin1 in ("Zamfara", "Idlib")),
        ({"sub_event_type": "Armed clash"}, lambda e: e.acled_sub_event_type == "Armed clash"),
        (
            {"actor": "Group 1"},
            lambda e: "group 1" in actor_words(e),
        ),
        (
            {"bbox": "30,-5,40,40"},
            lambda e: in_box(loc(e), (30, -5, 40, 40)),
        ),
        ({"text": "report 1"}, lambda e: any("Report 1" in t for t in e.evidence)),
        ({"status": "reported"}, lambda e: e.status == "reported"),
        ({"status": "background"}, lambda e: e.status == "background"),
        ({"min_confidence": 0.8}, lambda e: e.confidence >= 0.8),
        ({"located": "true"}, lambda e: loc(e).lat is not None),
        ({"main_only": "true"}, lambda e: bool(e.main_count)),
        ({"main_only": "false"}, lambda e: True),
        ({"reviewed": "true", "text": "no such words"}, lambda e: False),
    ],
)
def test_every_filter(client: TestClient, stored: list[StoredEvent], params: dict, keep) -> None:
    expected = sum(1 for e in stored if keep(e))
    assert client.get("/api/events", params=params).json()["total"] == expected
    stats = client.get("/api/stats", params=params).json()
    assert sum(row["events"] for row in stats["by_type"]) == expected


def test_an_event_says_how_many_articles_are_about_it(
    client: TestClient, stored: list[StoredEvent]
) -> None:
    about = {e.id for e in stored if e.main_count}
    assert 0 < len(about) < len(stored)
    page = client.get("/api/events", params={"main_only": "true", "limit": 1000}).json()
    assert {item["id"] for item in page["items"]} == about
    assert {item["main_count"] for item in page["items"]} == {1}
    event = client.get(f"/api/events/{page['items'][0]['id']}").json()
    assert event["main_count"] == 1
    spec = client.get("/openapi.json").json()
    asked = spec["paths"]["/api/events"]["get"]["parameters"]
    assert "main_only" in {parameter["name"] for parameter in asked}
    assert "main_count" in spec["components"]["schemas"]["EventSummary"]["properties"]


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "confidence", "type", "-sources"])
def test_pagination_walks_every_event_once(
    client: TestClient, stored: list[StoredEvent], sort: str
) -> None:
    items = all_pages(client, sort=sort, limit=37)
    assert {item["id"] for item in items} == {e.id for e in stored}
    key = sort.removeprefix("-")
    if key in ("date", "confidence", "type"):
        values = [item[key] or "" for item in items]
        assert values == sorted(values, reverse=sort.startswith("-"))


def test_pagination_past_the_end(client: TestClient, stored: list[StoredEvent]) -> None:
    page = client.get("/api/events", params={"limit": 1000}).json()
    assert len(page["items"]) == len(stored) and page["next_cursor"] is None
    last = client.get("/api/events", params={"limit": len(stored) - 1}).json()
    rest = client.get("/api/events", params={"limit": 10, "cursor": last["next_cursor"]}).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/api/events", {"since": "yesterday"}, 422, "date"),
        ("/api/events", {"limit": 0}, 422, "greater than or equal to 1"),
        ("/api/events", {"limit": 5000}, 422, "less than or equal to 1000"),
        ("/api/events", {"sort": "price"}, 422, "-date"),
        ("/api/events", {"min_confidence": 2}, 422, "less than or equal to 1"),
        ("/api/events", {"bbox": "1,2,3"}, 422, "pattern"),
        ("/api/events", {"bbox": "0,50,10,40"}, 400, "south <= north"),
        ("/api/events", {"cursor": "not-a-cursor"}, 400, "cursor"),
        ("/api/events", {"since": "2024-02-01", "until": "2024-01-01"}, 400, "after until"),
        ("/api/events/nope", {}, 404, "no event nope"),
        ("/api/articles/nope", {}, 404, "no article nope"),
        ("/api/alerts", {"as_of": "2024-13-01"}, 422, "date"),
        ("/api/stats", {"reviewed": "perhaps"}, 422, "bool"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(
    client: TestClient, path: str, params: dict, status: int, says: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert says in str(response.json()["detail"])


def test_a_cursor_from_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 5, "sort": "type"}).json()["next_cursor"]
    response = client.get("/api/events", params={"cursor": cursor, "sort": "-date"})
    assert response.status_code == 400 and "cursor" in response.json()["detail"]


def test_event_detail_and_its_article(client: TestClient) -> None:
    params: dict[str, str | int] = {"type": "ASSAULT", "sort": "-fatalities", "limit": 1}
    item = client.get("/api/events", params=params).json()["items"][0]
    event = client.get(f"/api/events/{item['id']}").json()
    assert event["fatalities"] == item["fatalities"] == event["ranges"]["fatalities"]["low"]
    assert [s["source"] for s in event["sources"]] and event["actors"]
    sentence = next(e for e in event["evidence"] if e["kind"] == "sentence")
    article = client.get(f"/api/articles/{sentence['article_id']}").json()
    assert article["text"][sentence["start"] : sentence["end"]] == sentence["sentence"]


def test_writes_need_the_token(client: TestClient, store: str) -> None:
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    url = f"/api/events/{event_id}/review"
    body = {"action": "confirm"}
    assert client.post(url, json=body).status_code == 401
    wrong = client.post(url, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "token" in wrong.json()["detail"]
    for path in ("/api/ingest", url):
        assert client.post(path, json={}).status_code == 401


def test_a_server_without_a_token_refuses_every_write(store: str) -> None:
    app = create_app(store, token=None)
    with TestClient(app) as client:
        event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
        response = client.post(
            f"/api/events/{event_id}/review",
            json={"action": "confirm"},
            headers={"Authorization": "Bearer anything"},
        )
        assert response.status_code == 403 and "NEWSEVENTS_TOKEN" in response.json()["detail"]
    app.state.database.close()


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_review_is_kept_apart_and_shown_as_such(client: TestClient) -> None:
    item = client.get("/api/events", params={"type": "PROTEST", "limit": 1}).json()["items"][0]
    url = f"/api/events/{item['id']}/review"
    correction = {
        "action": "correct",
        "changes": {"type": "COERCE", "fatalities": 2},
        "note": "police fired on the crowd",
        "reviewer": "ana",
    }
    reviewed = client.post(url, json=correction, headers=auth())
    assert reviewed.status_code == 201
    event = reviewed.json()
    assert event["type"] == "COERCE" and event["review"] == "corrected"
    assert event["machine"] == {"type": "PROTEST", "fatalities": item["fatalities"]}
    assert client.post(url, json={"action": "confirm"}, headers=auth()).status_code == 201
    event = client.get(f"/api/events/{item['id']}").json()
    assert event["review"] == "confirmed" and event["type"] == "COERCE"
    assert [r["action"] for r in event["review_history"]] == ["correct", "confirm"]
    listed = client.get("/api/events", params={"reviewed": "true"}).json()["items"]
    assert [e["id"] for e in listed] == [item["id"]] and listed[0]["machine"]["type"] == "PROTEST"


@pytest.mark.parametrize(
    "body",
    [
        {"action": "correct"},
        {"action": "confirm", "changes": {"type": "ASSAULT"}},
        {"action": "correct", "changes": {"fatalities": -1}},
        {"action": "correct", "changes": {"colour": "red"}},
        {"action": "delete"},
    ],
)
def test_bad_reviews_are_refused(client: TestClient, body: dict) -> None:
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    response = client.post(f"/api/events/{event_id}/review", json=body, headers=auth())
    assert response.status_code in (400, 422) and response.json()["detail"]


def on_timeline(e: StoredEvent, statuses: tuple[str, ...] = ("reported",)) -> bool:
    return (
        e.date is not None
        and (e.last_reported is None or e.date <= e.last_reported)
        and e.status in statuses
    )


def test_stats_add_up(client: TestClient, stored: list[StoredEvent]) -> None:
    stats = client.get("/api/stats").json()
    events = [e for e in stored if e.location]
    timeline = sum(on_timeline(e) for e in stored)
    assert sum(r["events"] for r in stats["by_day"]) == timeline
    assert timeline + stats["off_timeline"] == len(stored) and stats["off_timeline"] > 0
    assert sum(r["events"] for r in stats["by_type"]) == len(stored)
    by_country = {r["key"]: r["events"] for r in stats["by_country"]}
    assert by_country["SYR"] == sum(1 for e in events if loc(e).country == "SYR")
    assert all("/" in r["key"] for r in stats["by_admin1"])


def test_by_day_leaves_out_background_unless_asked(
    client: TestClient, stored: list[StoredEvent]
) -> None:
    background = [e for e in stored if e.status == "background"]
    asked = client.get("/api/stats", params={"status": "background"}).json()
    assert (
        sum(r["events"] for r in asked["by_day"])
        == sum(on_timeline(e, ("background",)) for e in background)
        > 0
    )
    spec = client.get("/openapi.json").json()
    assert "off_timeline" in spec["components"]["schemas"]["Stats"]["properties"]
    assert "background" in spec["paths"]["/api/stats"]["get"]["description"]


def test_alerts(client: TestClient, stored: list[StoredEvent]) -> None:
    alerts = client.get("/api/alerts", params={"measure": "events"}).json()
    latest_news = max(e.last_reported for e in stored if e.last_reported)
    assert alerts["as_of"] == latest_news.isoformat()
    countries = [a for a in alerts["items"] if a["kind"] == "country"]
    numeric = {"SYR": "760", "NGA": "566", "UKR": "804", "MEX": "484", "SOM": "706"}
    assert countries and all(a["measure"] == "events" for a in alerts["items"])
    assert all(a["country_numeric"] == numeric.get(a["country"]) for a in countries)
    flagged = client.get("/api/alerts", params={"flagged": "true"}).json()["items"]
    assert all(a["level"] for a in flagged)


def test_docs_and_dashboard_are_served_from_the_package(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/vendor/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/alerts"} <= set(
        spec["paths"]
    )
    page = client.get("/")
    assert page.status_code == 200 and "app.js" in page.text
    assert client.get("/vendor/leaflet.js").status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_export_takes_the_list_filters(client: TestClient, fmt: str) -> None:
    params = {"country": "SYR", "type": "ASSAULT"}
    total = client.get("/api/events", params=params).json()["total"]
    response = client.get("/api/export", params={**params, "format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in response.text.splitlines()]
    elif fmt == "geojson":
        rows = [f["properties"] for f in response.json()["features"]]
    else:
        rows = pq.read_table(io.BytesIO(response.content)).to_pylist()
    assert len(rows) == total > 0
    assert {row["country"] for row in rows if "country" in row} <= {"SYR"}
    assert all("review" in row for row in rows)


def test_export_flags_reviewed_events(client: TestClient) -> None:
    item = client.get("/api/events", params={"type": "DISPLACEMENT", "limit": 1}).json()["items"][0]
    url = f"/api/events/{item['id']}/review"
    assert client.post(url, json={"action": "reject"}, headers=auth()).status_code == 201
    rows = csv.DictReader(
        io.StringIO(client.get("/api/export", params={"type": "DISPLACEMENT"}).text)
    )
    flags = {row["event_id"]: row["review"] for row in rows}
    assert flags[item["id"]] == "rejected"
    assert {flag for event_id, flag in flags.items() if event_id != item["id"]} <= {""}
    exported = client.get("/api/export", params={"format": "jsonl", "reviewed": "true"}).text
    reviews = {row["id"]: row["review"] for row in map(json.loads, exported.splitlines())}
    assert reviews[item["id"]] == "rejected"


def test_a_review_survives_reingestion_and_regrouping(tmp_path: Path) -> None:
    first = next(distinct_readings(1, seed=11))
    path = str(tmp_path / "regroup.duckdb")
    with Store.open(path) as opened:
        opened.write([first], STAGES)
    app = create_app(path, token=TOKEN)
    with TestClient(app) as client:
        event_id = client.get("/api/events").json()["items"][0]["id"]
        correction = {"action": "correct", "changes": {"admin1": "Corrected Province"}}
        client.post(f"/api/events/{event_id}/review", json=correction, headers=auth())
        # the same article again, and a second outlet's report of the same event
        article = first.article
        again = Reading(dataclasses.replace(article), events=list(first.events))
        text = f"{article.text} Residents confirmed it."
        second = Reading(
            dataclasses.replace(
                article, id="second-report", input_id="second", text=text, source="Other Wire"
            ),
            events=[dataclasses.replace(e) for e in first.events],
        )
        outcome = Store(app.state.database.main).write([again, second], STAGES)
        assert outcome.already_known == 1 and outcome.mentions_merged == 1
        event = client.get(f"/api/events/{event_id}").json()
        assert event["source_count"] == 2
        assert event["review"] == "corrected" and event["admin1"] == "Corrected Province"
        location = first.events[0].location
        assert location is not None and event["machine"]["admin1"] == location.admin1
    app.state.database.close()


def test_filters_stats_and_exports_read_the_corrected_values(
    client: TestClient, stored: list[StoredEvent]
) -> None:
    """An assault in Syria corrected into a protest in Nigeria, dated 2031 (after the news that
    told it) with 99 dead: listed, sorted, counted and exported as the analyst sees it."""
    target = next(
        e
        for e in stored
        if e.type == "ASSAULT" and loc(e).country == "SYR" and on_timeline(e) and not e.review
    )
    before = client.get("/api/stats").json()
    was = {"type": "ASSAULT", "country": "SYR"}
    now = {"type": "PROTEST", "country": "NGA"}
    listed_before = client.get("/api/events", params=was).json()["total"]
    correction = {
        "action": "correct",
        "changes": {"type": "PROTEST", "country": "NGA", "date": "2031-01-01", "fatalities": 99},
    }
    url = f"/api/events/{target.id}/review"
    assert client.post(url, json=correction, headers=auth()).status_code == 201

    assert client.get("/api/events", params=was).json()["total"] == listed_before - 1
    assert target.id in [e["id"] for e in all_pages(client, **now)]
    assert [e["id"] for e in all_pages(client, since="2031-01-01")] == [target.id]
    latest = client.get("/api/events", params={"sort": "-date", "limit": 1}).json()["items"]
    assert latest[0]["id"] == target.id and latest[0]["date"] == "2031-01-01"
    most = client.get("/api/events", params={"sort": "-fatalities", "limit": 1}).json()
    assert most["items"][0]["id"] == target.id

    after = client.get("/api/stats").json()

    def by(stats: dict[str, Any], group: str) -> dict[str, tuple[int, int]]:
        return {r["key"]: (r["events"], r["fatalities"]) for r in stats[group]}

    machine_dead = target.fatalities.best if target.fatalities else 0
    assert by(after, "by_type")["ASSAULT"] == (
        by(before, "by_type")["ASSAULT"][0] - 1,
        by(before, "by_type")["ASSAULT"][1] - machine_dead,
    )
    assert by(after, "by_type")["PROTEST"] == (
        by(before, "by_type")["PROTEST"][0] + 1,
        by(before, "by_type")["PROTEST"][1] + 99,
    )
    assert by(after, "by_country")["NGA"][0] == by(before, "by_country")["NGA"][0] + 1
    day = target.date.isoformat() if target.date else ""
    assert by(after, "by_day").get(day, (0, 0))[0] == by(before, "by_day")[day][0] - 1
    assert "2031-01-01" not in by(after, "by_day")  # after the last report: off the timeline
    assert after["off_timeline"] == before["off_timeline"] + 1

    exported = client.get("/api/export", params={**now, "format": "csv"}).text
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["event_id"] == target.id)
    assert (row["plover_type"], row["country"], row["event_date"], row["fatalities"]) == (
        "PROTEST",
        "NGA",
        "2031-01-01",
        "99",
    )
    assert row["review"] == "corrected"


def test_the_ingest_pipeline_is_warmed_up_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server reads for long, like every reading command: its pipeline is warmed up
    (``Pipeline.warm_up``) when it is built, on the first ingest, and not again."""
    warmed: list[Pipeline] = []
    monkeypatch.setattr(Pipeline, "warm_up", lambda pipeline: warmed.append(pipeline))
    app = create_app(str(tmp_path / "warm.duckdb"), token=TOKEN)
    with TestClient(app) as client:
        for place in ("Kaduna", "Zamfara"):
            document = {"id": place, "text": f"Gunmen killed three villagers in {place} on Monday."}
            reply = client.post("/api/ingest", json={"documents": [document]}, headers=auth())
            assert reply.status_code == 200 and reply.json()["stored"] == 1
    app.state.database.close()
    assert len(warmed) == 1
