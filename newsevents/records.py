"""Typed records passed between pipeline stages.

Every span carries character offsets (``start``/``end``) into ``Article.text`` (into
``Article.title`` for an ``Evidence`` whose ``source`` is "title") so that any field of any event
can be traced back to the words it came from. ``to_json`` gives the public JSON
contract of ``newsevents extract --json`` (see the README).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.nlp.dates import TimeMention
    from newsevents.nlp.numbers import NumberMention

DocumentKind = Literal["html", "text", "article"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["point", "admin2", "admin1", "country", "unknown"]
EventStatus = Literal["reported", "background", "hypothetical"]
EvidenceSource = Literal["text", "title"]


@dataclass(frozen=True)
class Document:
    """One item as it arrived, before extraction.

    ``kind`` says how to read ``content``: ``html`` (a web page), ``text`` (plain text that may
    still carry page chrome) or ``article`` (text that is already the article body, as in a
    JSON Lines ``text`` field or a feed item's summary).
    """

    input_id: str
    content: bytes
    kind: DocumentKind
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class InputError:
    """An item that could not be read or processed; the batch goes on without it."""

    input_id: str
    message: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.input_id}: {self.stage} error: {self.message}"


@dataclass
class Article:
    id: str
    input_id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass
class Actor:
    """An actor resolved against the actor knowledge base."""

    name: str
    country: str | None = None
    sector: str | None = None


@dataclass
class Entity:
    text: str
    start: int
    end: int
    label: str
    actor: Actor | None = None


@dataclass
class Place:
    """A toponym in the text and, when resolved, the gazetteer entry it refers to."""

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    feature: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "unknown"
    score: float | None = None


@dataclass
class EventActor:
    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    alternative: bool = False


@dataclass
class Location:
    name: str
    precision: PlacePrecision
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int
    # Where start/end point: the article's text, or its title (a count read from the headline
    # alone: "2 dead, 3 hurt in shooting").
    source: EvidenceSource = "text"
    # A count of people shot ("four people were shot"; not "4 injured in a shooting"): the dead
    # among them are killed, not injured, as GVA codes them (events.counts.survivors).
    shot: bool = False


@dataclass
class Event:
    id: str
    type: str
    status: EventStatus
    evidence: list[Evidence]
    trigger: Evidence | None = None
    # The word of every mention merged into this event ("an air raid", "The airstrike", "the
    # August 19 attack"), the trigger first; Evidence.sentence holds the word.
    mentions: list[Evidence] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    actor: list[EventActor] = field(default_factory=list)
    recipient: list[EventActor] = field(default_factory=list)
    claimed_by: list[EventActor] = field(default_factory=list)
    date: date | None = None
    date_precision: DatePrecision = "unknown"
    location: Location | None = None
    place_text: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    displaced: int | None = None
    arrested: int | None = None
    count_qualifiers: dict[str, str] = field(default_factory=dict)
    # The words each field was read from: "date" (the time expression), "fatalities",
    # "injured", "displaced", "arrested" (the number), "location" (the place name). A field
    # taken from the publication date or the article's focus has none.
    field_evidence: dict[str, Evidence] = field(default_factory=dict)
    confidence: float = 0.0
    # The article's main happening: the violent event its chosen killed, injured and day are of
    # (events.article_counts.main_happening).
    main: bool = False


@dataclass
class Reading:
    """What the pipeline made of one article: the unit every stage after ``extract`` enriches.

    Each field is provided by one stage (see ``newsevents.pipeline.STAGES``). ``doc``,
    ``numbers``, ``times`` and ``geo_metonyms`` are working data for later stages and are never
    serialised.
    """

    article: Article
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why no stage coded the article, naming the stage ("nlp: not English text ..."); None
    # when it was coded. Such an article is kept, without events (pipeline.NotCodable).
    uncoded: str | None = None
    # The parsed text (spaCy Doc, entities corrected): from "nlp".
    doc: Doc | None = field(default=None, repr=False)
    # Numbers with their qualifiers, and time expressions resolved against the publication
    # date: from "nlp".
    numbers: list[NumberMention] = field(default_factory=list, repr=False)
    times: list[TimeMention] = field(default_factory=list, repr=False)
    # Toponyms that are not places: capitals standing for their governments ("Ankara said")
    # and demonyms ("Syrian troops", resolved to their country); from "geo".
    geo_metonyms: list[Place] = field(default_factory=list, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        """The Reading whose ``to_json()`` is ``data``; the working data (``doc``, ``numbers``,
        ``times``, ``geo_metonyms``) is not serialised, so it stays empty."""
        return cls(
            article=from_jsonable(Article, data["article"]),
            entities=from_jsonable(list[Entity], data["entities"]),
            places=from_jsonable(list[Place], data["places"]),
            events=from_jsonable(list[Event], data["events"]),
            warnings=list(data.get("warnings", [])),
            uncoded=data.get("uncoded"),
        )

    def to_json(self) -> dict[str, Any]:
        out = {
            "article": to_jsonable(self.article),
            "entities": to_jsonable(self.entities),
            "places": to_jsonable(self.places),
            "events": to_jsonable(self.events),
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.uncoded:
            out["uncoded"] = self.uncoded
        return out


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, lists and dicts to plain JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(kind: Any, value: Any) -> Any:
    """The inverse of :func:`to_jsonable` for the type ``kind``."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return from_jsonable(options[0], value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [from_jsonable(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(kind)
        return {k: from_jsonable(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(**{name: from_jsonable(hints[name], v) for name, v in value.items()})
    if kind is date:
        return date.fromisoformat(value)
    return value  # str, int, float, bool and Literal values are JSON types already
