"""OpenAPI-driven fuzzing of the API (schemathesis): no request it can make gets a server error,
and every response matches the documented schema and status codes. Bounded: 25 cases per
operation. A schema-valid request may still be refused with a documented 400 (since after
until, a box with south above north), so schemathesis' positive-data check is left out."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import APIOperation, Case
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsevents.api.app import create_app
from newsevents.store.store import Store
from newsevents.tools.bench_store import STAGES, distinct_readings

TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = str(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    with Store.open(path) as store:
        store.write(list(distinct_readings(60, seed=3)), STAGES)
    return create_app(path, token=TOKEN)


def operations(app: FastAPI) -> list[APIOperation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), results  # the schema parses
    return [result.ok() for result in results if isinstance(result, Ok)]


def fuzz(operation: APIOperation, headers: dict[str, str] | None) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def call(case: Case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    call()


def test_no_server_error(app: FastAPI) -> None:
    checked = []
    for operation in operations(app):
        # Reviews are fuzzed with the token; ingest without it (with it, every generated
        # document would go through the NLP pipeline: test_web covers that path).
        authorized = operation.label.startswith("POST /api/events")
        fuzz(operation, {"Authorization": f"Bearer {TOKEN}"} if authorized else None)
        checked.append(operation.label)
    assert len(checked) >= 8, checked
