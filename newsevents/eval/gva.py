"""The Gun Violence Archive incidents file (``incidents_dev.jsonl.gz``), read once for every task.

One incident per line: ``incident_uri``, ``date`` ("April 1, 2017"), ``city_or_county``,
``state``, ``lat_long`` ([lat, lon]), ``num_killed``, ``num_injured`` and ``articles`` (each with
``id``, ``title``, ``dct`` (publication date) and ``content``, the full text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from newsevents.eval.gold import GoldError, LoadLog, parse_date, read_json_lines

Split = Literal["all", "fit", "heldout"]


def incident_hash(incident: str) -> int:
    return int(hashlib.sha1(incident.encode()).hexdigest(), 16)


def split_of(incident: str) -> Split:
    """Which half an incident (a gold cluster) falls in, by the parity of its id's hash: rules
    and weights are chosen or fitted on "fit" and reported on "heldout"."""
    return "fit" if incident_hash(incident) % 2 == 0 else "heldout"


@dataclass(frozen=True)
class GvaArticle:
    """One article and the incident it reports; incident fields are None where the file does
    not give them in the expected form."""

    id: str
    text: str
    incident: str
    title: str | None = None
    published: date | None = None
    killed: int | None = None
    injured: int | None = None
    date: date | None = None
    city: str | None = None
    state: str | None = None
    point: tuple[float, float] | None = None


def is_gva(path: Path) -> bool:
    """Whether a JSON Lines file is the GVA incidents file (its first object has an incident)."""
    first = next(read_json_lines(path), (0, {}))[1]
    return "incident_uri" in first


def count_of(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def point_of(value: Any) -> tuple[float, float] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
    ):
        return float(value[0]), float(value[1])
    return None


def text_of(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def incident_fields(incident: Mapping[str, Any], log: LoadLog) -> dict[str, Any]:
    """The scored fields of an incident; a value in an unexpected form is dropped and counted."""
    fields = {
        "killed": count_of(incident.get("num_killed")),
        "injured": count_of(incident.get("num_injured")),
        "date": parse_date(incident.get("date")),
        "city": text_of(incident.get("city_or_county")),
        "state": text_of(incident.get("state")),
        "point": point_of(incident.get("lat_long")),
    }
    sources = {"killed": "num_killed", "injured": "num_injured", "point": "lat_long"}
    for name, source in {**sources, "date": "date"}.items():
        if fields[name] is None and incident.get(source) is not None:
            log.adjust(f"{source} not understood: scored without it")
    return fields


def gva_articles(path: Path, log: LoadLog) -> list[GvaArticle]:
    """Every article with text, in file order, with its incident's fields. An article linked to
    several incidents stays with the first; incidents with no articles and articles with no
    text are skipped and counted."""
    articles: list[GvaArticle] = []
    seen: set[str] = set()
    for number, incident in read_json_lines(path):
        linked = incident.get("articles")
        if "incident_uri" not in incident or not isinstance(linked, list):
            raise GoldError(path, f"line {number}", 'needs "incident_uri" and a list "articles"')
        if not linked:
            log.skip("incident with no articles")
        fields = incident_fields(incident, log) if linked else {}
        for article in linked:
            if not isinstance(article, dict) or "id" not in article:
                raise GoldError(path, f"line {number}", "an article needs an id")
            if article["id"] in seen:
                log.adjust("article linked to several incidents: kept in the first")
                continue
            if not str(article.get("content") or "").strip():
                log.skip("article with no text")
                continue
            seen.add(article["id"])
            articles.append(
                GvaArticle(
                    id=str(article["id"]),
                    text=article["content"],
                    incident=str(incident["incident_uri"]),
                    title=article.get("title"),
                    published=parse_date(article.get("dct")),
                    **fields,
                )
            )
    return articles
