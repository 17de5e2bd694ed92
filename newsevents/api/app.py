"""The FastAPI app: the REST API under /api, its docs at /docs, and the dashboard's static files
at /. The docs page's Swagger UI is one of the dashboard's built files: nothing from a CDN.

Reads are open; writes (POST /api/ingest and the review endpoints) need the server's token, sent
as ``Authorization: Bearer <token>``. Every bad parameter is a 4xx with a message.
"""

import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
from collections.abc import AsyncIterator
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from newsevents.alerts import RECENT_WEEKS, YEAR_WEEKS, Observation, compute_alerts
from newsevents.api import queries
from newsevents.api.db import Database
from newsevents.api.index import EventIndex
from newsevents.api.lean import LeanEventList
from newsevents.api.models import (
    AlertOut,
    Alerts,
    ArticleOut,
    EventOut,
    EventPage,
    IngestIn,
    IngestSummary,
    Problem,
    StatRow,
    Stats,
    event_out,
)
from newsevents.api.params import MAX_CURSOR, MAX_LIMIT, Filters
from newsevents.api.queries import QueryError
from newsevents.ingest import read_sources
from newsevents.ingest.formats import jsonl_document
from newsevents.ingest.streams import IngestError
from newsevents.pipeline import DEFAULT_STAGES, Pipeline
from newsevents.records import Document, InputError
from newsevents.review import ReviewIn, add_review, reviews_of, standing
from newsevents.store.backends import Backend, DuckDBBackend, StoreError
from newsevents.store.export import FORMATS, export
from newsevents.store.ingest import ingest as ingest_documents
from newsevents.store.query import EVENTS, effective
from newsevents.store.store import Store

TOKEN_FILE = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "newsevents/token"
EXPORT_MEDIA_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no such id"}}
REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no token, or a wrong one"},
    403: {"model": Problem, "description": "the server has no token: writes are off"},
}


def configured_token() -> str | None:
    """NEWSEVENTS_TOKEN, or the first line of ~/.config/newsevents/token."""
    token = os.environ.get("NEWSEVENTS_TOKEN", "").strip()
    if not token and TOKEN_FILE.is_file():
        token = TOKEN_FILE.read_text().strip().split("\n")[0]
    return token or None


def create_app(
    db_url: str, token: str | None = None, event_index: bool = True, read_only: bool = False
) -> FastAPI:
    """The app on the store at ``db_url``; ``token`` guards the writes (None: writes refused).
    ``event_index``: answer event lists from an in-memory copy of a DuckDB store (api.index).
    ``read_only``: open a DuckDB store read-only (so that several processes may serve it)."""
    database = Database(db_url, read_only)
    index = None
    if event_index and isinstance(database.main, DuckDBBackend):
        with database.lease() as backend:
            index = EventIndex(backend, frozen=read_only)
    app = FastAPI(
        title="newsevents",
        summary="Events read from the news: who did what to whom, where, when, how many.",
        version="1",
        docs_url=None,
        redoc_url=None,
        responses={
            400: {"model": Problem, "description": "a parameter the store cannot use"},
            503: {"model": Problem, "description": "the database cannot be reached"},
        },
    )
    bearer = HTTPBearer(auto_error=False, description="the server's NEWSEVENTS_TOKEN")

    # The dependencies are async (a sync one costs each request two more hops through the
    # thread pool); the one that may do I/O, opening a PostgreSQL connection, goes to a thread.
    async def db() -> AsyncIterator[Backend]:
        backend = database.take()
        if backend is None:
            backend = await run_in_threadpool(database.open)
        try:
            yield backend
        finally:
            database.idle.put(backend)

    Db = Annotated[Backend, Depends(db)]
    writes = threading.Lock()  # one ingest at a time: the store groups against its own index

    @cache
    def pipeline() -> Pipeline:
        return Pipeline.warmed_up(DEFAULT_STAGES)

    @cache
    def writer_store() -> Store:
        return Store(database.main)

    def writer(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        if read_only:
            raise HTTPException(
                403, "writes are off: the server's processes share the store read-only"
            )
        if token is None:
            raise HTTPException(403, "writes are off: start the server with NEWSEVENTS_TOKEN set")
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>")

    @app.exception_handler(QueryError)
    def bad_query(request: Request, error: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(StoreError)
    def store_down(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.get("/healthz")
    def healthz(backend: Db) -> dict[str, str]:
        backend.fetch("SELECT 1")
        return {"status": "ok"}

    @app.get("/api/events", response_model=EventPage)
    def list_events(
        backend: Db,
        where: Filters,
        sort: Annotated[Literal[queries.SORT_CHOICES], Query()] = "-date",  # type: ignore[valid-type]
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(max_length=MAX_CURSOR)] = None,
    ) -> Response:
        """The filtered events, a page at a time (``next_cursor`` asks for the next). Filters and
        sorts read each event as the analyst sees it: a value an analyst corrected (type,
        status, date, place, country, admin1, actors, counts) is the corrected one, as shown;
        ``machine`` holds the machine's value of each."""
        # Most are answered before they get here, by api.lean from the event index; what it
        # passes on is answered here, the same, from the index or through SQL.
        body = (index and index.page_json(backend, where, sort, limit, cursor)) or (
            queries.page_json(queries.event_page(backend, where, sort, limit, cursor))
        )
        # validated once, in page_json: FastAPI would validate a returned model again
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id:path}", response_model=EventOut, responses=NOT_FOUND)
    def get_event(backend: Db, event_id: str) -> EventOut:
        detail = queries.event_detail(backend, event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id}")
        reviews = reviews_of(backend, [event_id]).get(event_id, [])
        return event_out(detail, reviews, standing(reviews))

    @app.post(
        "/api/events/{event_id:path}/review",
        response_model=EventOut,
        status_code=201,
        responses=NOT_FOUND | REFUSED,
    )
    def review_event(
        backend: Db, event_id: str, review: ReviewIn, _: Annotated[None, Depends(writer)]
    ) -> EventOut:
        if not backend.fetch("SELECT 1 FROM events WHERE id = ?", [event_id]):
            raise HTTPException(404, f"no event {event_id}")
        try:
            add_review(backend, event_id, review)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return get_event(backend, event_id)

    @app.post("/api/ingest", response_model=IngestSummary, responses=REFUSED)
    def ingest(body: IngestIn, _: Annotated[None, Depends(writer)]) -> IngestSummary:
        """Read documents and URLs through the pipeline into the store, as `newsevents ingest`.
        Items that cannot be read are listed in ``failed``; the rest are stored."""
        documents: list[Document | InputError] = []
        for i, item in enumerate(body.documents):
            line = item.model_dump_json(exclude_none=True).encode()
            try:
                documents.append(jsonl_document(line, f"request/{i}"))
            except IngestError as error:
                documents.append(InputError(item.id or f"request/{i}", str(error)))
        documents.extend(read_sources(body.urls))
        with writes:
            outcome = ingest_documents(writer_store(), documents, pipeline()).outcome
        return IngestSummary(
            stored=outcome.stored,
            already_known=outcome.already_known,
            events_created=outcome.events_created,
            mentions_merged=outcome.mentions_merged,
            failed=[str(error) for error in outcome.failed],
        )

    @app.get("/api/articles/{article_id:path}", response_model=ArticleOut, responses=NOT_FOUND)
    def get_article(backend: Db, article_id: str) -> ArticleOut:
        found = queries.article(backend, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    @app.get("/api/stats", response_model=Stats)
    def get_stats(backend: Db, where: Filters) -> Stats:
        """Events and their fatalities by day, type, country and admin1 (first-level division),
        of the filtered events, with the values an analyst corrected as corrected. ``by_day`` is
        the timeline of what the news reported as it happened: it leaves out the events told as
        background (history an article retells: a massacre in 1875), unless the ``status``
        filter asks for them, and those dated after the last article that reported them (a
        misread "2030", a planned date); ``off_timeline`` counts the filtered events it leaves
        out, undated ones included. The other groups count every filtered event with a key."""
        found = queries.stats(backend, where)
        return Stats(
            **{
                name: [StatRow(key=k, events=n, fatalities=f) for k, n, f in rows]
                for name, rows in found.groups.items()
            },
            off_timeline=found.off_timeline,
        )

    @app.get("/api/alerts", response_model=Alerts)
    def get_alerts(
        backend: Db,
        as_of: Annotated[
            date | None, Query(description="default: the latest news in the store")
        ] = None,
        measure: Literal["events", "fatalities"] | None = None,
        flagged: bool = False,
    ) -> Alerts:
        as_of = as_of or latest_report(backend)
        if as_of is None:
            return Alerts(as_of=None, items=[])
        # the values as the analyst sees them, without the events an analyst rejected
        day, country, admin1, fatalities = (
            effective(c) for c in ("event_date", "country", "admin1", "fatalities_best")
        )
        rows = backend.fetch(
            f"SELECT {day}, {country}, {admin1}, COALESCE({fatalities}, 0) FROM {EVENTS} "
            f"WHERE {day} BETWEEN ? AND ? AND {country} IS NOT NULL "
            "AND c.state IS DISTINCT FROM 'rejected'",
            [earliest_needed(as_of), as_of],
        )
        covered_from = backend.fetch("SELECT min(event_date) FROM events")[0][0]
        alerts = compute_alerts(
            (Observation(d, c, a, f) for d, c, a, f in rows), as_of, covered_from
        )
        return Alerts(
            as_of=as_of,
            items=[
                AlertOut(
                    kind=a.area.kind,
                    country=a.area.country,
                    country_numeric=iso_numeric(a.area.country),
                    admin1=a.area.admin1,
                    measure=a.measure,
                    current=a.current,
                    recent_mean=a.recent_mean,
                    year_mean=a.year_mean,
                    change_recent=a.change_recent,
                    change_year=a.change_year,
                    level=a.level,
                )
                for a in alerts
                if (measure is None or a.measure == measure) and (a.flagged or not flagged)
            ],
        )

    @app.get(
        "/api/export",
        response_class=FileResponse,
        responses={
            200: {
                "description": "the events as a file",
                "content": {media: {} for media in EXPORT_MEDIA_TYPES.values()},
            }
        },
    )
    def export_events(
        backend: Db,
        where: Filters,
        format: Annotated[Literal[FORMATS], Query()] = "csv",  # type: ignore[valid-type]
    ) -> FileResponse:
        """The filtered events as `newsevents export` writes them, each with its review flag."""
        folder = Path(tempfile.mkdtemp(prefix="newsevents-export-"))
        path = folder / f"events.{format}"
        export(Store(backend), where, format, path, sys.stdout)
        return FileResponse(
            path,
            media_type=EXPORT_MEDIA_TYPES[format],
            filename=path.name,
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="newsevents API",
            swagger_js_url="/vendor/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-favicon-32x32.png",
        )

    app.mount("/", StaticFiles(directory=str(files("newsevents.web") / "static"), html=True))
    if index is not None:
        app.add_middleware(LeanEventList, index=index, database=database)
    app.state.database = database
    return app


SERVE_ENVIRONMENT = "NEWSEVENTS_SERVE"  # create_app's arguments, for `serve --workers`


def app_from_environment() -> FastAPI:
    """The app as `newsevents serve --workers N` has each of its processes make it."""
    settings = json.loads(os.environ[SERVE_ENVIRONMENT])
    return create_app(
        settings["db"], configured_token(), settings["event_index"], settings["read_only"]
    )


def earliest_needed(as_of: date) -> date:
    """The first day the alerts of ``as_of`` look at: a year and five weeks before."""
    span = timedelta(weeks=YEAR_WEEKS + RECENT_WEEKS + 2)
    return as_of - span if as_of - date.min > span else date.min


def latest_report(backend: Backend) -> date | None:
    """The date of the latest article that reported an event: "this week" is the week of the
    latest news, and an event dated after it (a misread "2030") is no part of it."""
    value: date | None = backend.fetch("SELECT max(last_reported) FROM events")[0][0]
    return value


def iso_numeric(alpha3: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.numeric if country else None
