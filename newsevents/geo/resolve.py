"""Toponym resolution: choose, for each place name in a text, the gazetteer entry it refers to.

Each candidate entry of a mention gets a feature vector (how populous it is, what kind of place
it is, whether the article's other names point at its country, its division or its
neighbourhood, whether the text itself says "X, Illinois"); a conditional-logit model, fitted
on the LGL and GeoVirus dev sets by :mod:`newsevents.tools.train_geo`, scores it, and a second
pass adds how well each candidate agrees with the first pass's choices for the other names, and
a name's forms in one text ("DeKalb", "DeKalb County") weigh each other's candidates. The best
candidate wins (of the kind its list is, where the other names of a list are all countries or
all divisions of one country; the names of a list of counties are counties of one state, the
state the scores favour for all of them together); the softmax share of the candidates within
161 km of it is the confidence. A place under the confidence cut (``CONFIDENT``) keeps no
point, only the division or country the mass agrees on; a name the gazetteer lacks stays
unresolved, and so does a guess abroad (a name known only as another place's, in a country the
text's other places are not in); a town the text puts in a first-level division where the
gazetteer has none of its name stays at that division. All keep their text.

Context is built without a model: every other mention votes for the countries and divisions of
its candidates, each vote weighted by that candidate's share of the mention's population, and
a country named outright (or by a demonym) votes with full weight.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from newsevents.geo.gazetteer import (
    DIVISION_WORDS,
    Gazetteer,
    GazetteerEntry,
    is_division_named,
    name_key,
)
from newsevents.records import Place
from newsevents.words import word_lists

MAX_CANDIDATES = 25
NEAR_KM = 200.0
FEATURES = (
    "log_population",
    "population_share",
    "most_populous",
    "country",
    "admin1",
    "admin2",
    "capital",
    "town",
    "curated",
    "primary_name",
    "country_support",
    "country_named",
    "admin1_support",
    "admin1_named",
    "contained",
    "alias_beside_primary",
    "division_alias",
    "near_support",
    "town_in_namesake",
    "county_support",
)
# Second pass: how well a candidate agrees with the first pass's choices for the other names.
AGREEMENT_FEATURES = ("agree_nearest", "agree_mean", "agree_admin1", "agree_country")
AGREEMENT_KM = 200.0
NAMESAKE_SHARE = 0.5
CONFIDENCE_KM = 161.0
# The score a place needs to keep its point; below it the place keeps only the division or
# country that as much of the mass agrees on. Chosen on the fit halves of LGL and GeoVirus
# only, by a rule stated first: of 0.30, 0.35, ..., 0.90, the cut with the best lower precision
# within 161 km of the two while both keep recall >= 0.80 (0.5: LGL 0.935 at 0.804, GeoVirus
# 0.942 at 0.921; 0.55 takes LGL's recall to 0.788).
CONFIDENT = 0.5
# The geoparser's word lists, with where each word came from (``data/recognition_words.tsv``;
# recognize reads most of them); here the heads of natural features' names ("gulf", "islands").
RECOGNITION_WORDS = word_lists(resources.files("newsevents.geo") / "data" / "recognition_words.tsv")
FEATURE_WORDS = RECOGNITION_WORDS["feature"]


@dataclass(frozen=True)
class Mention:
    """A place name in the text: its span, and the name to look up (without "the");
    ``inside`` when it opens a longer name the gazetteer lacks ("Henderson County" of
    "Henderson County Jail")."""

    text: str
    start: int
    end: int
    inside: bool = False


@dataclass
class Context:
    """What the whole text says about where it is: weighted country and division votes."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    named_countries: set[str] = field(default_factory=set)
    admin1s: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    named_admin1s: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class Linear:
    """A linear scorer: features (candidates x n) -> one score per candidate."""

    weights: tuple[float, ...]
    bias: float

    def scores(self, features: np.ndarray) -> np.ndarray:
        result: np.ndarray = features @ np.asarray(self.weights) + self.bias
        return result


@dataclass(frozen=True)
class Model:
    """Two passes: ``first`` over FEATURES, ``second`` over FEATURES + AGREEMENT_FEATURES."""

    first: Linear
    second: Linear

    @classmethod
    def load(cls) -> Model:
        return _load_model()

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "agreement_features": list(AGREEMENT_FEATURES),
            "first": {"weights": list(self.first.weights), "bias": self.first.bias},
            "second": {"weights": list(self.second.weights), "bias": self.second.bias},
        }


@lru_cache(maxsize=1)
def _load_model() -> Model:
    raw = json.loads((resources.files("newsevents.geo") / "model.json").read_text())
    if (tuple(raw["features"]), tuple(raw["agreement_features"])) != (
        FEATURES,
        AGREEMENT_FEATURES,
    ):
        raise RuntimeError("newsevents/geo/model.json is stale: run newsevents train geo")
    first, second = raw["first"], raw["second"]
    return Model(
        Linear(tuple(first["weights"]), first["bias"]),
        Linear(tuple(second["weights"]), second["bias"]),
    )


class Resolver:
    def __init__(self, gazetteer: Gazetteer | None = None, model: Model | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.model = model

    def resolve(
        self, text: str, mentions: Sequence[Mention], countries: Sequence[str] = ()
    ) -> list[Place]:
        """One Place per mention, in order; without a point where the gazetteer has no
        candidate or the best is unsure (under CONFIDENT). ``countries`` (ISO3) are where the
        article is from beyond what its text says: its outlet's country."""
        listed = listed_units(text, mentions)
        candidates = self.candidate_lists(text, mentions, listed)
        places = []
        all_scores = self.scores(text, mentions, candidates, countries)
        kinds = list_kinds(text, mentions, candidates, all_scores, listed)
        for mention, entries, scores, kind in zip(
            mentions, candidates, all_scores, kinds, strict=True
        ):
            if not entries:
                places.append(Place(text=mention.text, start=mention.start, end=mention.end))
                continue
            if kind is not None:  # listed among places of one kind: of that kind
                scores = np.where([kind.fits(e) for e in entries], scores, -np.inf)
            best = int(np.argmax(scores)) if kind is not None else choose(scores, entries)
            # A division yielding to its namesake (see choose) passes its mass on to it.
            confidence = round(confidence_near(scores, entries, best, int(np.argmax(scores))), 3)
            if confidence >= CONFIDENT:
                places.append(to_place(mention, entries[best], confidence))
            else:
                places.append(unsure_place(mention, scores, entries, best, confidence))
        guesses = [
            self.by_another_name(m, entries) or (m.inside and place.precision != "country")
            for m, entries, place in zip(mentions, candidates, places, strict=True)
        ]
        places = without_stray_guesses(places, guesses)
        return held_where_said(text, mentions, candidates, places)

    def by_another_name(self, mention: Mention, entries: Sequence[GazetteerEntry]) -> bool:
        """Whether the mention's candidates bear its name only as another place's: a core the
        name was cut to ("Midlands" of "West Midlands"), or an alternate name of places other
        than a country ("Somme" of Sémé, Senegal; not "Britain"); a demonym standing for its
        country is no guess."""
        if not entries or self.gazetteer.demonym(mention.text) is not None:
            return False
        found = self.gazetteer.lookup(mention.text)
        key = name_key(mention.text)
        return not found or not any(
            name_key(e.name) == key or e.precision == "country" for e in found
        )

    def at_its_level(self, place: Place) -> Place:
        """The place as an event may take it: an unsure one (no point, see :func:`unsure_place`)
        at its division or country, with that entry's name and point; any other as it is."""
        if place.lat is not None or place.country is None:
            return place
        if place.precision == "admin1" and place.admin1 is not None:
            entry = self.gazetteer.division(place.country, place.admin1)
        else:
            entry = self.gazetteer.country(place.country)
        if entry is None:
            return place
        return to_place(Mention(place.text, place.start, place.end), entry, place.score or 0.0)

    def scores(
        self,
        text: str,
        mentions: Sequence[Mention],
        candidates: Sequence[Sequence[GazetteerEntry]],
        countries: Sequence[str] = (),
    ) -> list[np.ndarray]:
        """Every candidate's score, after both passes."""
        model = self.model or Model.load()
        base = self.features(text, mentions, candidates, countries)
        keys = [name_key(m.text) for m in mentions]
        agreement = agreement_features(
            keys, candidates, first_choices(model.first, base, candidates)
        )
        second = [
            model.second.scores(np.hstack([b, a])) for b, a in zip(base, agreement, strict=True)
        ]
        return with_other_forms(keys, candidates, second)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """The entries a name may refer to; a demonym asked about stands for its country, and
        a name the gazetteer lacks falls back to its core ("North Texas", "Fargo City"). A bare
        feature word names no division: "the Gulf" is no Gulf Province of Papua New Guinea."""
        found = self.gazetteer.lookup(name)[:MAX_CANDIDATES]
        if name_key(name) in FEATURE_WORDS:
            found = [e for e in found if e.feature_class != "A" or e.precision == "country"]
        if not found:
            country = self.gazetteer.demonym(name)
            entry = self.gazetteer.country(country) if country else None
            found = [entry] if entry else []
        core = _EDGE_WORDS.sub("", name)
        if not found and core and core != name:
            found = self.gazetteer.lookup(core)[:MAX_CANDIDATES]
        return found

    def candidate_lists(
        self, text: str, mentions: Sequence[Mention], listed: Mapping[int, str] | None = None
    ) -> list[list[GazetteerEntry]]:
        """Each mention's candidates; only divisions for a name the text calls a province, and
        only the counties (or parishes) of its name for one in a list of counties: Washington
        County, Nebraska, of "Dakota, Otoe and Washington counties" is not among the most
        populous places named Washington. ``listed``: `listed_units` of the text, where the
        caller has it."""
        lists = [self.candidates(m.text) for m in mentions]
        if listed is None:
            listed = listed_units(text, mentions)
        for i, unit in listed.items():
            counties = self.gazetteer.lookup(f"{mentions[i].text} {unit}")
            counties = [e for e in counties if e.feature_code == "ADM2"]
            lists[i] = counties[:MAX_CANDIDATES] or lists[i]
        said = {
            name_key(m.text)
            for m, entries in zip(mentions, lists, strict=True)
            if division_said(text, m, entries)
        }
        return [
            [e for e in entries if is_division(e)] or entries
            if name_key(mention.text) in said
            else entries
            for mention, entries in zip(mentions, lists, strict=True)
        ]

    def features(
        self,
        text: str,
        mentions: Sequence[Mention],
        candidates: Sequence[Sequence[GazetteerEntry]],
        countries: Sequence[str] = (),
    ) -> list[np.ndarray]:
        """The feature matrix (candidates x FEATURES) of every mention."""
        context = self.context(text, mentions, candidates, countries)
        near = near_support(mentions, candidates)
        county = county_support(mentions, candidates)
        return [
            np.array(
                [
                    row + [near[m][i], float(in_namesake(entries[i], entries)), county[m][i]]
                    for i, row in enumerate(
                        candidate_features(text, mention, entries, context, self.gazetteer)
                    )
                ]
            ).reshape(len(entries), len(FEATURES))
            for m, (mention, entries) in enumerate(zip(mentions, candidates, strict=True))
        ]

    def context(
        self,
        text: str,
        mentions: Sequence[Mention],
        candidates: Sequence[Sequence[GazetteerEntry]],
        countries: Sequence[str] = (),
    ) -> Context:
        context = Context()
        seen: set[str] = set()
        for mention, entries in zip(mentions, candidates, strict=True):
            key = name_key(mention.text)
            if key in seen or not entries:
                continue
            seen.add(key)
            total = sum(e.population for e in entries) or 1
            for entry in entries:
                share = entry.population / total
                if entry.country:
                    context.countries[entry.country] += share
                if entry.country and entry.admin1:
                    context.admin1s[(entry.country, entry.admin1)] += share
            top = entries[0]
            if top.precision == "country" and top.country:
                context.named_countries.add(top.country)
            if top.feature_code == "ADM1" and top.country and top.admin1:
                context.named_admin1s.add((top.country, top.admin1))
        # The outlet's country counts as a country the text names, as a demonym does.
        for country in sorted({*self.demonym_countries(text), *countries}):
            context.countries[country] += 1
            context.named_countries.add(country)
        return context

    def demonym_countries(self, text: str) -> list[str]:
        """The country of every demonym in the text ("Syrian troops" -> SYR), once each."""
        words = set(_CAPITALISED.findall(text))
        found = (self.gazetteer.demonym(w) for w in words)
        return sorted({country for country in found if country})


def candidate_features(
    text: str,
    mention: Mention,
    entries: Sequence[GazetteerEntry],
    context: Context,
    gazetteer: Gazetteer,
) -> list[list[float]]:
    """The features of each of a mention's candidates but the last three of FEATURES."""
    # What every candidate of the mention shares, found once for all of them.
    total = sum(e.population for e in entries) or 1
    mentions_seen = max(sum(context.countries.values()), 1.0)
    key = name_key(mention.text)
    any_primary = any(name_key(e.name) == key for e in entries)
    rows = []
    for index, entry in enumerate(entries):
        own = entry.population / total
        country_votes = context.countries.get(entry.country or "", 0.0)
        admin1 = (entry.country or "", entry.admin1 or "")
        admin1_votes = context.admin1s.get(admin1, 0.0)
        # A mention votes for its own candidates too; take its share back out.
        country_support = max(country_votes - own, 0.0) / mentions_seen
        admin1_support = max(admin1_votes - own, 0.0) / mentions_seen
        primary = name_key(entry.name) == key
        # An alternate name ("Augusta" for Augsburg) where another place bears it as its own.
        alias_beside_primary = not primary and any_primary
        rows.append(
            [
                math.log10(entry.population + 1) / 7,
                own,
                float(index == 0),
                float(entry.precision == "country"),
                float(entry.feature_code == "ADM1"),
                float(entry.feature_code == "ADM2"),
                float(entry.feature_code == "PPLC"),
                float(entry.feature_class == "P"),
                float(not entry.source.startswith(("geonames", "derived"))),
                float(primary),
                min(country_support, 1.0),
                float(entry.country in context.named_countries and entry.precision != "country"),
                min(admin1_support, 1.0),
                float(admin1 in context.named_admin1s and entry.feature_code != "ADM1"),
                float(contained(text, mention, entry, gazetteer)),
                float(alias_beside_primary),
                float(is_division(entry) and not primary),
            ]
        )
    return rows


# A direction before a name, or "city" after it: the place is the name itself.
_EDGE_WORDS = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|greater)\s+"
    r"|\s+city$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# ", Illinois", ", Ill.", ", N.C."; a dateline's dash is not part of it ("NAPLES, Fla.- A").
_CONTAINER = re.compile(r"\s*,\s*((?:[A-Z][\w.']*(?:-[A-Z][\w.']*)?)(?:\s+[A-Z][\w.'-]*\.?){0,2})")


def contained(text: str, mention: Mention, entry: GazetteerEntry, gazetteer: Gazetteer) -> bool:
    """True when the words after the name place it in the entry's division or country."""
    match = _CONTAINER.match(text, mention.end)
    if not match:
        return False
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        container = " ".join(words[:size])
        if (entry.country, entry.admin1) in gazetteer.admin1_abbreviation(container):
            return True
        for other in gazetteer.lookup(container)[:5]:
            if other.precision == "country" and other.country == entry.country:
                return True
            if other.feature_code == "ADM1" and (other.country, other.admin1) == (
                entry.country,
                entry.admin1,
            ):
                return True
    return False


_DIVISION_AFTER = re.compile(r"\s+(?:" + "|".join(DIVISION_WORDS) + r")\b", re.IGNORECASE)
_REGION_AFTER = re.compile(r"\s+region\b", re.IGNORECASE)
# "the province of Idlib", "the Department of Antioquia"; not "the Police Department of Oakland".
_DIVISION_BEFORE = re.compile(
    r"(?:\b(?:"
    + "|".join(DIVISION_WORDS)
    + r")|\b[Tt]he\s+(?:"
    + "|".join(word.capitalize() for word in DIVISION_WORDS)
    + r")) of\s+$"
)


# A list of counties, "Barrow, Clay and Jackson counties"; its tail after one of the names.
LIST_NAME = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)?"
_LIST_SEPARATOR = r"(?:, | and |, and | or )"
_LIST_END = r" (?:counties|parishes)\b"
DIVISION_LIST = re.compile(rf"((?:{LIST_NAME}{_LIST_SEPARATOR})+{LIST_NAME}){_LIST_END}")
DIVISION_LIST_TAIL = re.compile(rf"(?:{_LIST_SEPARATOR}{LIST_NAME})*{_LIST_END}")


def listed_units(text: str, mentions: Sequence[Mention]) -> dict[int, str]:
    """The mentions that are names of a list of counties or parishes ("Muscogee and Harris
    counties"), by index, each with its unit: "County" or "Parish"."""
    lists = [
        (m.start(1), m.end(1), "Parish" if m.group().endswith("parishes") else "County")
        for m in DIVISION_LIST.finditer(text)
    ]
    return {
        i: unit
        for i, mention in enumerate(mentions)
        for start, end, unit in lists
        if start <= mention.start and mention.end <= end
    }


def division_said(text: str, mention: Mention, entries: Sequence[GazetteerEntry]) -> bool:
    """ "Idlib province", "the province of Idlib", "Barrow and Jackson counties": the text calls
    this name a division; "X region" only a first-level one (see
    :func:`newsevents.geo.gazetteer.is_division_named`)."""
    if _REGION_AFTER.match(text, mention.end):
        return any(is_division_named(e, "region") for e in entries)
    return bool(
        _DIVISION_AFTER.match(text, mention.end)
        or _DIVISION_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        or DIVISION_LIST_TAIL.match(text, mention.end)
    )


def near_support(
    mentions: Sequence[Mention], candidates: Sequence[Sequence[GazetteerEntry]]
) -> list[list[float]]:
    """For each candidate, the share of the other names that have a candidate near it."""
    keys = [name_key(m.text) for m in mentions]
    distinct = {k for k, entries in zip(keys, candidates, strict=True) if entries}
    if len(distinct) < 2:
        return [[0.0] * len(entries) for entries in candidates]
    # Each name's candidates once: a name's other mentions add no name near anything.
    points: dict[tuple[str, int], int] = {}
    flat: list[tuple[str, GazetteerEntry]] = []
    for key, entries in zip(keys, candidates, strict=True):
        for entry in entries:
            if (key, id(entry)) not in points:
                points[key, id(entry)] = len(flat)
                flat.append((key, entry))
    lat = np.radians([e.lat for _, e in flat])
    lon = np.radians([e.lon for _, e in flat])
    close = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) < NEAR_KM
    owner_keys = np.array([key for key, _ in flat])
    near = [
        len(set(owner_keys[row]) - {key}) / (len(distinct) - 1)
        for (key, _), row in zip(flat, close, strict=True)
    ]
    return [
        [near[points[key, id(entry)]] for entry in entries]
        for key, entries in zip(keys, candidates, strict=True)
    ]


def county_support(
    mentions: Sequence[Mention], candidates: Sequence[Sequence[GazetteerEntry]]
) -> list[list[float]]:
    """For each candidate, the share of the other names with a candidate in the same county:
    the county holding it, or a town it holds ("Huntsville" and "Walker County" are in Texas
    together, though Alabama has both names too)."""
    keys = [name_key(m.text) for m in mentions]
    distinct = {k for k, entries in zip(keys, candidates, strict=True) if entries}
    if len(distinct) < 2:
        return [[0.0] * len(entries) for entries in candidates]
    counties: defaultdict[tuple[str | None, str | None, str | None], set[str]] = defaultdict(set)
    for key, entries in zip(keys, candidates, strict=True):
        for entry in entries:
            if entry.admin2 and (entry.feature_class == "P" or entry.feature_code == "ADM2"):
                counties[(entry.country, entry.admin1, entry.admin2)].add(key)
    return [
        [
            len(counties.get((e.country, e.admin1, e.admin2), set()) - {key}) / (len(distinct) - 1)
            if e.admin2
            else 0.0
            for e in entries
        ]
        for key, entries in zip(keys, candidates, strict=True)
    ]


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km between points given in radians (broadcasting)."""
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    distance: np.ndarray = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return distance


def confidence_near(scores: np.ndarray, entries: Sequence[GazetteerEntry], *chosen: int) -> float:
    """The softmax share of the candidates within 161 km of the chosen ones: how likely the
    point is right by the usual measure (a city and its namesake province share the mass; so
    do a country and the division of its name that yielded to it, "Mexico" beside "Mexico
    City", 500 km apart, where the country alone held 0.15)."""
    shares = np.exp(scores - scores.max())
    lat = np.radians([e.lat for e in entries])
    lon = np.radians([e.lon for e in entries])
    near = np.zeros(len(entries), dtype=bool)
    for i in chosen:
        near |= haversine_km(lat, lon, lat[i], lon[i]) < CONFIDENCE_KM
    return float(shares[near].sum() / shares.sum())


def first_choices(
    first: Linear, base: Sequence[np.ndarray], candidates: Sequence[Sequence[GazetteerEntry]]
) -> list[GazetteerEntry | None]:
    return [
        entries[choose(first.scores(matrix), entries)] if entries else None
        for matrix, entries in zip(base, candidates, strict=True)
    ]


def agreement_features(
    keys: Sequence[str],
    candidates: Sequence[Sequence[GazetteerEntry]],
    choices: Sequence[GazetteerEntry | None],
) -> list[np.ndarray]:
    """For each candidate: closeness to the other names' first-pass choices, and the share of
    those choices in its division and in its country."""
    chosen: dict[str, GazetteerEntry] = {}
    for key, choice in zip(keys, choices, strict=True):
        if choice is not None:
            chosen.setdefault(key, choice)
    result = []
    # A name's mentions with the same candidates agree alike: each such matrix is made once.
    made: dict[tuple[str, tuple[int, ...]], np.ndarray] = {}
    for key, entries in zip(keys, candidates, strict=True):
        name = (key, tuple(map(id, entries)))
        if name in made:
            result.append(made[name])
            continue
        others = [entry for other, entry in chosen.items() if other != key]
        matrix = made[name] = np.zeros((len(entries), len(AGREEMENT_FEATURES)))
        if others and entries:
            distances = haversine_km(
                np.radians([e.lat for e in entries])[:, None],
                np.radians([e.lon for e in entries])[:, None],
                np.radians([o.lat for o in others])[None, :],
                np.radians([o.lon for o in others])[None, :],
            )
            closeness = np.exp(-distances / AGREEMENT_KM)
            matrix[:, 0] = closeness.max(axis=1)
            matrix[:, 1] = closeness.mean(axis=1)
            # Shares as sums over a count, not np.mean: the same floats, without numpy's cost
            # on lists this short (it was 8% of the geo stage).
            for i, entry in enumerate(entries):
                matrix[i, 2] = sum(
                    bool(entry.admin1) and same_admin1(o, entry) for o in others
                ) / len(others)
                matrix[i, 3] = sum(o.country == entry.country for o in others) / len(others)
        result.append(matrix)
    return result


# A name's forms that qualify it as a division or a township: "DeKalb" and "DeKalb County".
# Not "X City": "Mexico", "Kansas" beside "Mexico City", "Kansas City" are the country, the state.
_QUALIFIER = re.compile(r"\s+(?:county|parish|township|borough)$")
# The least another form's share weighs a candidate by: none nested in it rules none out.
FORM_SHARE_FLOOR = 0.01


def with_other_forms(
    keys: Sequence[str],
    candidates: Sequence[Sequence[GazetteerEntry]],
    scores: Sequence[np.ndarray],
) -> list[np.ndarray]:
    """The scores, each candidate's weighed by the share the text's other forms of its name
    give the same place, the county holding it or a town it holds: "DeKalb" and "DeKalb
    County" in one text are one DeKalb (in a DeKalb, Illinois, paper the county was Illinois'
    at 0.94, the bare name Georgia's county at 0.82). As probabilities: each form's own times
    the others'. Repeats of one form share their features, hence their choice, already."""
    forms: defaultdict[str, set[str]] = defaultdict(set)
    for key in keys:
        forms[_QUALIFIER.sub("", key)].add(key)
    shares: dict[str, tuple[Sequence[GazetteerEntry], np.ndarray]] = {}
    for key, entries, score in zip(keys, candidates, scores, strict=True):
        if entries and key not in shares and len(forms[_QUALIFIER.sub("", key)]) > 1:
            share = np.exp(score - score.max())
            shares[key] = entries, share / share.sum()
    result = []
    for key, entries, score in zip(keys, candidates, scores, strict=True):
        others = sorted(forms[_QUALIFIER.sub("", key)] - {key})
        for found, share in (shares[other] for other in others if other in shares):
            nested = np.array([[same_or_nested(e, f) for f in found] for e in entries])
            score = score + np.log(nested @ share + FORM_SHARE_FLOOR)
        result.append(score)
    return result


# What joins the names of a list: "Alberta, Manitoba, Ontario and New Brunswick".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)")


@dataclass(frozen=True)
class Kind:
    """The kind of place the other names of a list all are: countries, or the first- or
    second-level divisions of one country (and, for counties, of one state)."""

    level: str
    country: str | None = None
    admin1: str | None = None

    def fits(self, entry: GazetteerEntry) -> bool:
        return (
            level_of(entry) == self.level
            and self.country in (None, entry.country)
            and self.admin1 in (None, entry.admin1)
        )


def level_of(entry: GazetteerEntry) -> str | None:
    if entry.precision == "country":
        return "country"
    return entry.feature_code if is_division(entry) else None


def list_kinds(
    text: str,
    mentions: Sequence[Mention],
    candidates: Sequence[Sequence[GazetteerEntry]],
    scores: Sequence[np.ndarray],
    listed: Mapping[int, str],
) -> list[Kind | None]:
    """For each name listed with two or more others that are all countries, or all divisions
    of one country, that kind when the name has a candidate of it and its best is another:
    "Washington" among "Oregon, Tennessee, Utah" is the state, not the capital; "Georgia"
    between "Armenia" and "Azerbaijan" the country. Most of the others will do where the rest
    could be of that kind too (`most_kind`). The names of a list of counties, two or more, are
    counties of one state (`counties_state`); ``listed`` are they, by `listed_units`."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    groups: list[list[int]] = []
    for i in order:
        previous = groups[-1][-1] if groups else None
        if previous is not None and _LIST_JOIN.fullmatch(
            text, mentions[previous].end, mentions[i].start
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    chosen = [
        entries[choose(s, entries)] if entries else None
        for entries, s in zip(candidates, scores, strict=True)
    ]
    kinds: list[Kind | None] = [None] * len(mentions)
    for group in (g for g in groups if len(g) >= 2 and all(i in listed for i in g)):
        state = counties_state([candidates[i] for i in group], [scores[i] for i in group])
        for i in group:
            if state is not None and any(state.fits(e) for e in candidates[i]):
                kinds[i] = state
    for group in (g for g in groups if len(g) >= 3 and not all(i in listed for i in g)):
        for i in group:
            peers = [chosen[j] for j in group if j != i]
            kind = shared_kind(peers) or most_kind(peers, [candidates[j] for j in group if j != i])
            entries = candidates[i]
            if kind is None or not any(kind.fits(e) for e in entries):
                continue
            best = chosen[i]
            if best is None or not kind.fits(best):
                kinds[i] = kind
    return kinds


def counties_state(
    candidates: Sequence[Sequence[GazetteerEntry]], scores: Sequence[np.ndarray]
) -> Kind | None:
    """The state a list of counties lies in ("Talbot and Harris counties": Georgia's, not
    Texas' Harris County): of the states with a county of every name, the one whose counties of
    these names hold the most probability summed over the names (each name's best county
    there); None where no state has them all."""
    totals: Counter[tuple[str, str]] = Counter()
    states: set[tuple[str, str]] | None = None
    for entries, name_scores in zip(candidates, scores, strict=True):
        shares = np.exp(name_scores - name_scores.max())
        best: dict[tuple[str, str], float] = {}
        for entry, share in zip(entries, shares / shares.sum(), strict=True):
            if entry.feature_code == "ADM2" and entry.country and entry.admin1:
                state = (entry.country, entry.admin1)
                best[state] = max(best.get(state, 0.0), float(share))
        totals.update(best)
        states = set(best) if states is None else states & set(best)
    if not states:
        return None
    country, admin1 = max(sorted(states), key=totals.__getitem__)
    return Kind("ADM2", country, admin1)


def shared_kind(peers: Sequence[GazetteerEntry | None]) -> Kind | None:
    levels = {level_of(p) if p else None for p in peers}
    level = levels.pop() if len(levels) == 1 else None
    if level is None:
        return None
    if level == "country":
        return Kind("country")
    countries = {p.country for p in peers if p}
    if len(countries) != 1:
        return None
    admin1s = {p.admin1 for p in peers if p}
    admin1 = admin1s.pop() if level == "ADM2" and len(admin1s) == 1 else None
    return Kind(level, countries.pop(), admin1)


def most_kind(
    peers: Sequence[GazetteerEntry | None], candidates: Sequence[Sequence[GazetteerEntry]]
) -> Kind | None:
    """The kind more than half of a list's other names are, where each of the rest has a
    candidate of it: a text on the United States read "Ontario" and "New Brunswick" as American
    towns beside "British Columbia, Alberta, Manitoba", each outvoting the other's province."""
    counts = Counter(kind for p in peers if p and (kind := shared_kind([p])))
    if not counts:
        return None
    kind, n = counts.most_common(1)[0]
    if 2 * n <= len(peers) or not all(any(kind.fits(e) for e in c) for c in candidates):
        return None
    return kind


def same_or_nested(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    """One place, or a county and a town in it."""
    return a == b or contains_in_county(a, b) or contains_in_county(b, a)


def contains_in_county(county: GazetteerEntry, entry: GazetteerEntry) -> bool:
    return county.feature_code == "ADM2" and contains(county, entry)


def same_admin1(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    return (a.country, a.admin1) == (b.country, b.admin1)


def choose(scores: np.ndarray, entries: Sequence[GazetteerEntry]) -> int:
    """The best-scoring candidate; when a division wins, its namesake country, capital or town.

    A bare "Aleppo" or "Moscow" names the city more often than the province around it, and
    the two lie close enough that the fitted scores cannot tell them apart. Only where the town
    holds most of the division's people: "Quebec" alone is the province.
    """
    best = int(np.argmax(scores))
    division = entries[best]
    if not is_division(division):
        return best
    for code in ("country", "PPLC"):
        for i, entry in enumerate(entries):
            if entry.country == division.country and code in (entry.precision, entry.feature_code):
                # "Mexico" is the country, not the state of México; "Washington" the capital
                return i
    towns = [
        i
        for i, e in enumerate(entries)
        if in_namesake(e, [division]) and e.population >= division.population * NAMESAKE_SHARE
    ]
    return max(towns, key=lambda i: scores[i]) if towns else best


def in_namesake(entry: GazetteerEntry, entries: Sequence[GazetteerEntry]) -> bool:
    """A town inside a division that is a candidate for the same name (Aleppo in Aleppo)."""
    return entry.feature_class == "P" and any(contains(other, entry) for other in entries)


def contains(division: GazetteerEntry, entry: GazetteerEntry) -> bool:
    if division.feature_code == "ADM1":
        return same_admin1(division, entry)
    if division.feature_code == "ADM2":
        return same_admin1(division, entry) and division.admin2 == entry.admin2
    return False


def is_division(entry: GazetteerEntry) -> bool:
    return entry.feature_code in ("ADM1", "ADM2")


def unsure_place(
    mention: Mention,
    scores: np.ndarray,
    entries: Sequence[GazetteerEntry],
    best: int,
    confidence: float,
) -> Place:
    """A place resolved with less than CONFIDENT of the mass near its best candidate: no point
    (a wrong point on a map misleads more than a name without one), only the division, else
    the country, holding CONFIDENT of the mass with the best candidate ("Athens" in a text
    with no other place: in the United States, not where). ``score`` stays the point's."""
    shares = np.exp(scores - scores.max())
    shares /= shares.sum()
    entry = entries[best]
    place = Place(text=mention.text, start=mention.start, end=mention.end, score=confidence)
    if entry.admin1 and entry.precision != "country":
        share = sum(s for s, e in zip(shares, entries, strict=True) if same_admin1(e, entry))
        if share >= CONFIDENT:
            return replace(place, country=entry.country, admin1=entry.admin1, precision="admin1")
    share = sum(s for s, e in zip(shares, entries, strict=True) if e.country == entry.country)
    if entry.country and share >= CONFIDENT:
        return replace(place, country=entry.country, precision="country")
    return place


def without_stray_guesses(places: list[Place], guesses: Sequence[bool]) -> list[Place]:
    """The places, a guess (see :meth:`Resolver.by_another_name`) left unresolved when it lies
    in a country none of the text's other placed names is in while they lie elsewhere: "Central
    Plateau" of a Haitian story is no Plateau of Nigeria. On the fit halves of LGL and GeoVirus
    (stage of 04aa89c) all 8 such guesses were more than 161 km off. A town or division read
    at the opening of a longer name (``Mention.inside``) is a guess too: "Bab" of "Bab el-Oued
    hospital" in an Algerian story is no Al Bab of Syria; a country so read is not ("U.S." of
    an American agency's name in a story abroad)."""
    countries = [p.country for p in places if p.lat is not None and p.country]
    return [
        Place(text=place.text, start=place.start, end=place.end)
        if guess and place.lat is not None and place.country and stray(place.country, countries)
        else place
        for place, guess in zip(places, guesses, strict=True)
    ]


# "Stroud, Ontario": the name, then the first-level division the text puts it in.
_SAID_IN = re.compile(r"\s*,\s*")
# A list goes on after it: "Crockett, Palestine and Houston" names three towns.
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+")


def held_where_said(
    text: str,
    mentions: Sequence[Mention],
    candidates: Sequence[Sequence[GazetteerEntry]],
    places: list[Place],
) -> list[Place]:
    """The places, a town the text puts in a first-level division ("Grantville, Pennsylvania",
    "Stroud, Ontario") where the gazetteer has no place of its name, at that division with no
    point: the namesake it has is another place (Grantville, Georgia; Stroud, England). The
    name's other mentions in the text go with it. Not after a country: news writes a country's
    name loosely ("Goma, Congo" for the Democratic Republic, "Newry, Ireland" for the island)."""
    at = {m.start: i for i, m in enumerate(mentions)}
    held: dict[str, Place] = {}
    for mention, entries, place in zip(mentions, candidates, places, strict=True):
        said = _SAID_IN.match(text, mention.end)
        j = at.get(said.end()) if said else None
        # Only a point below a division: "Alberta, Manitoba" and "Russia, Romania" are lists.
        if (
            j is None
            or place.lat is None
            or place.feature == "ADM1"
            or place.precision == "country"
            or places[j].feature != "ADM1"
        ):
            continue
        goes_on = _LIST_GOES_ON.match(text, mentions[j].end)
        if goes_on and goes_on.end() in at:
            continue
        division = places[j]
        if not any((e.country, e.admin1) == (division.country, division.admin1) for e in entries):
            held[name_key(mention.text)] = division
    return [
        Place(
            text=place.text,
            start=place.start,
            end=place.end,
            country=there.country,
            admin1=there.admin1,
            precision="admin1",
        )
        if (there := held.get(name_key(place.text))) is not None
        else place
        for place in places
    ]


def stray(country: str, countries: Sequence[str]) -> bool:
    """A guess's country that none of the other placed names share, while some lie elsewhere."""
    others = list(countries)
    if country in others:
        others.remove(country)
    return bool(others) and country not in others


def to_place(mention: Mention, entry: GazetteerEntry, score: float) -> Place:
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        name=entry.name,
        geonameid=entry.geonameid,
        feature=entry.feature_code,
        country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        precision=entry.precision,  # type: ignore[arg-type]
        score=score,
    )
