"""``GET /api/events`` answered in front of FastAPI: the list from the event index without
FastAPI's machinery.

FastAPI spends ~2 ms of CPU on a list request (its middleware, solving the dependencies,
validating each parameter through pydantic, the thread pool) where the index's page costs ~0.1
ms. This ASGI layer sits in front of the app and answers a list request whose parameters are
all in their plainest form (ISO dates, ``true``/``false``, decimal numbers, the documented
bounds): it reads them as FastAPI reads them (Starlette's query parsing, the last of a repeated
name), builds the filter with the app's own ``event_filter`` and sends the index's JSON, which
is the SQL path's byte for byte (tests/test_api_index.py). Everything else goes on to FastAPI
unchanged: a parameter in another form or out of bounds (FastAPI answers it, with its own
4xx), and what the index does not answer (words in actors or evidence, a copy being made
again: SQL). FastAPI's route stays the one the OpenAPI spec documents. tests/test_api_lean.py
sends random requests, good and bad, to the app with and without this layer and requires the
same status and body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from newsevents.api.db import Database
from newsevents.api.index import EventIndex
from newsevents.api.params import BBOX, MAX_CURSOR, MAX_LIMIT, MAX_WORDS, event_filter
from newsevents.api.queries import SORT_CHOICES, ApiFilter, QueryError
from newsevents.store.backends import Backend

PATH = "/api/events"
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
UNIT = re.compile(r"[01](\.[0-9]+)?")
LIMIT = re.compile(r"[1-9][0-9]{0,3}")
PLAIN_BBOX = re.compile(BBOX, re.ASCII)  # FastAPI's pattern, ASCII digits only
BOOLEANS = {"true": True, "false": False}
CONTENT_TYPE = (b"content-type", b"application/json")  # as Starlette's Response sends it


def iso_date(value: str) -> date:
    if not DATE.fullmatch(value):
        raise ValueError(value)
    return date.fromisoformat(value)


def bounded_words(value: str) -> str:
    if len(value) > MAX_WORDS:
        raise ValueError(value)
    return value


def plain_bbox(value: str) -> str:
    if not PLAIN_BBOX.fullmatch(value):
        raise ValueError(value)
    return value


def unit_number(value: str) -> float:
    if not UNIT.fullmatch(value) or float(value) > 1:
        raise ValueError(value)
    return float(value)


def boolean(value: str) -> bool:
    if value not in BOOLEANS:
        raise ValueError(value)
    return BOOLEANS[value]


# event_filter's parameters, each read in its plainest form (ValueError: leave it to FastAPI)
FILTERS: dict[str, Callable[[str], Any]] = {
    "since": iso_date,
    "until": iso_date,
    **dict.fromkeys(
        ("type", "acled_type", "sub_event_type", "country", "admin1", "actor", "text", "status"),
        bounded_words,
    ),
    "bbox": plain_bbox,
    "min_confidence": unit_number,
    "reviewed": boolean,
    "located": boolean,
    "main_only": boolean,
}


@dataclass(frozen=True)
class ListRequest:
    filters: dict[str, Any]  # event_filter's keyword arguments
    sort: str
    limit: int
    cursor: str | None


def plain_request(query_string: bytes) -> ListRequest | None:
    """The list request's parameters, when every one is in its plainest form; else None."""
    params = QueryParams(query_string)
    sort, limit, cursor = (
        params.get("sort", "-date"),
        params.get("limit", "100"),
        params.get("cursor"),
    )
    if sort not in SORT_CHOICES or not LIMIT.fullmatch(limit) or int(limit) > MAX_LIMIT:
        return None
    if cursor is not None and len(cursor) > MAX_CURSOR:
        return None
    try:
        filters = {name: read(params[name]) for name, read in FILTERS.items() if name in params}
    except ValueError:
        return None
    return ListRequest(filters, sort, int(limit), cursor)


class LeanEventList:
    """ASGI middleware: answers plain list requests from ``index``, passes on the rest."""

    def __init__(self, app: ASGIApp, index: EventIndex, database: Database) -> None:
        self.app = app
        self.index = index
        self.database = database

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == PATH and scope["method"] == "GET":
            body = await self.answer(scope["query_string"])
            if body is not None:
                headers = [(b"content-length", str(len(body)).encode()), CONTENT_TYPE]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    async def answer(self, query_string: bytes) -> bytes | None:
        asked = plain_request(query_string)
        if asked is None:
            return None
        try:
            where = await event_filter(**asked.filters)
        except HTTPException:  # since after until, a box upside down: FastAPI says so
            return None
        if self.index.frozen:  # NumPy on memory: a fraction of a millisecond, no I/O
            return self.page(None, where, asked)
        return await run_in_threadpool(self.leased_page, where, asked)

    def leased_page(self, where: ApiFilter, asked: ListRequest) -> bytes | None:
        with self.database.lease() as backend:  # reads the store's fingerprint
            return self.page(backend, where, asked)

    def page(self, backend: Backend | None, where: ApiFilter, asked: ListRequest) -> bytes | None:
        try:
            return self.index.page_json(backend, where, asked.sort, asked.limit, asked.cursor)
        except QueryError:  # a cursor this API did not make: FastAPI's 400
            return None
