"""The list's parameters as the API declares them (FastAPI reads, validates and documents them):
the filters the list, the map, the statistics and the export share, and their bounds."""

from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query

from newsevents.api.queries import ApiFilter, QueryError
from newsevents.store.query import parse_bbox

MAX_LIMIT = 1000
MAX_CURSOR = 500  # characters
MAX_WORDS = 200  # characters of a free-text parameter
NUMBER = r"-?\d+(\.\d+)?"
BBOX = f"^{NUMBER}(,{NUMBER}){{3}}$"


def words(description: str | None = None) -> Any:
    """A free-text query parameter, bounded."""
    return Query(description=description, max_length=MAX_WORDS)


def csv_list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def bbox_of(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        return parse_bbox(value)
    except ValueError as error:
        raise QueryError(str(error)) from None


async def event_filter(
    since: date | None = None,
    until: date | None = None,
    type: Annotated[str | None, words("PLOVER types, comma-separated")] = None,
    acled_type: Annotated[str | None, words("ACLED event types, comma-separated")] = None,
    sub_event_type: Annotated[str | None, words("ACLED sub-event types, comma-separated")] = None,
    country: Annotated[str | None, words("ISO 3166-1 alpha-3 codes, comma-separated")] = None,
    admin1: Annotated[str | None, words("first-level divisions, comma-separated")] = None,
    actor: Annotated[str | None, words("words in an actor's name")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north", pattern=BBOX)] = None,
    text: Annotated[str | None, words("words in the evidence")] = None,
    status: Annotated[str | None, words("reported, background")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    reviewed: bool | None = None,
    located: Annotated[bool | None, Query(description="only events with coordinates")] = None,
    main_only: Annotated[
        bool, Query(description="only events that some article is about (its main happening)")
    ] = False,
) -> ApiFilter:
    if since and until and since > until:
        raise HTTPException(400, "since is after until")
    try:
        return ApiFilter(
            since=since,
            until=until,
            types=csv_list(type),
            sub_event_types=csv_list(sub_event_type),
            countries=tuple(c.upper() for c in csv_list(country)),
            admin1=csv_list(admin1),
            actor=actor,
            bbox=bbox_of(bbox),
            text=text,
            statuses=csv_list(status),
            min_confidence=min_confidence,
            acled_types=csv_list(acled_type),
            reviewed=reviewed,
            located=located,
            main_only=main_only,
        )
    except QueryError as error:
        raise HTTPException(400, str(error)) from None


Filters = Annotated[ApiFilter, Depends(event_filter)]
