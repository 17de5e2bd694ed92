"""The list answered in front of FastAPI (newsevents.api.lean): any request, good or bad, gets
the status and body the app gives without it; plain requests are answered there, the rest
passed on."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.api.app import create_app
from newsevents.api.db import Database
from newsevents.api.index import EventIndex
from newsevents.api.lean import LeanEventList, plain_request
from newsevents.review import ReviewIn, add_review
from newsevents.store.store import Store
from newsevents.tools.bench_store import COUNTRIES, STAGES, TYPES, distinct_readings


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("lean") / "lean.duckdb")
    with Store.open(path) as opened:
        opened.write(list(distinct_readings(200, seed=8)), STAGES)
        ids = [row[0] for row in opened.backend.fetch("SELECT id FROM events ORDER BY id")]
        for event_id in ids[::13]:
            add_review(opened.backend, event_id, ReviewIn(action="confirm"))
        correction = {"action": "correct", "changes": {"fatalities": 3, "country": "KEN"}}
        add_review(opened.backend, ids[2], ReviewIn.model_validate(correction))
    return path


@pytest.fixture(params=[False, True], ids=["one-writer", "read-only"])
def clients(store: str, request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, TestClient]]:
    """The app with the lean list (and the index), and the app through SQL and FastAPI only;
    read-only: the index is frozen and the lean list answers on the event loop."""
    apps = [create_app(store, event_index=on, read_only=request.param) for on in (True, False)]
    with TestClient(apps[0]) as lean, TestClient(apps[1]) as plain:
        yield lean, plain
    for app in apps:
        app.state.database.close()


VALUES = {
    "since": ["2023-03-01", "2024-01-01", "2023-3-1", "20230301", "2023-02-30", "", "x"],
    "until": ["2024-06-30", "2023-01-01", "2024-06-30T00:00:00"],
    "type": [t for t, *_ in TYPES[:3]] + ["ASSAULT,PROTEST", " , ", "x" * 201],
    "country": [c for c, *_ in COUNTRIES[:3]] + ["nga,ken", ""],
    "admin1": [a for _, a, _ in COUNTRIES[:3]],
    "acled_type": ["Battles", "Protests"],
    "sub_event_type": ["Armed clash"],
    "status": ["reported", "background,reported"],
    "actor": ["group", ""],
    "text": ["killed"],
    "bbox": ["-20,-40,60,40", "170,-60,-170,70", "1,2,3", "10,20,0,10", "٣,1,2,3", "1,2,3,4\n"],
    "min_confidence": ["0.5", "0.80", "1", "1.5", "-0.1", "1e-1", " 0.5", "nan", ""],
    "reviewed": ["true", "false", "True", "1", "yes", ""],
    "located": ["true", "false", "0", "maybe"],
    "sort": ["-date", "fatalities", "-confidence", "type", "-reported", "sources", "size", ""],
    "limit": ["1", "7", "50", "1000", "1001", "0", "07", "-3", "1.5", ""],
    "cursor": ["", "not-a-cursor", "WyIyMDI0LTAxLTAxIiwgImEiXQ==", "WzMsICJhIl0=", "x" * 501],
    "unknown": ["1"],
}
PARAMS = st.lists(
    st.sampled_from(sorted(VALUES)).flatmap(
        lambda k: st.tuples(st.just(k), st.sampled_from(VALUES[k]))
    ),
    max_size=6,
)


@given(pairs=PARAMS)
@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def check_same(clients: tuple[TestClient, TestClient], pairs: list[tuple[str, str]]) -> None:
    query = urlencode(pairs)
    lean, plain = (client.get(f"/api/events?{query}") for client in clients)
    assert (lean.status_code, lean.content) == (plain.status_code, plain.content), query


def test_any_request_answers_as_without_it(clients: tuple[TestClient, TestClient]) -> None:
    check_same(clients)


def test_a_cursor_walk_is_the_same(clients: tuple[TestClient, TestClient]) -> None:
    lean, plain = clients
    cursors: list[str | None] = [None]
    while True:
        params = {"sort": "-fatalities", "limit": "9", "located": "true"}
        if cursors[-1]:
            params["cursor"] = cursors[-1]
        answers = [client.get("/api/events", params=params) for client in (lean, plain)]
        assert answers[0].content == answers[1].content
        if not (cursor := answers[0].json()["next_cursor"]):
            break
        cursors.append(cursor)
    assert len(cursors) > 3


@pytest.mark.parametrize(
    ("query", "answered"),
    [
        ("", True),
        ("country=NGA,KEN&sort=-confidence&limit=50&min_confidence=0.8", True),
        ("since=2023-01-01&until=2024-06-30&bbox=-20,-40,60,40&reviewed=false", True),
        ("located=true&type=ASSAULT&admin1=Lagos&unknown=1", True),
        ("reviewed=yes", False),  # FastAPI reads it as true: answered there
        ("since=2023-3-1", False),
        ("limit=1001", False),
        ("actor=group", False),  # SQL
        ("since=2024-01-01&until=2023-01-01", False),  # FastAPI's 400
        ("cursor=not-a-cursor", False),
    ],
)
def test_what_it_answers(store: str, query: str, answered: bool) -> None:
    database = Database(store, read_only=True)
    lean = LeanEventList(app=None, index=EventIndex(database.main, frozen=True), database=database)  # type: ignore[arg-type]
    body = asyncio.run(lean.answer(query.encode()))
    assert (body is not None) == answered
    assert plain_request(b"sort=size") is None and plain_request(b"limit=0") is None
    database.close()
