"""Whether two mentions report one event: gates that rule a pair out, then a weighed score.

Gates (``rules.json``, from the ontologies and the literature) rule out pairs that cannot be one
event: types of different families, dates further apart than both precisions allow, places in
different countries or further apart than their precision allows. A pair that passes is
scored: a weighted sum of signals (``Signals.features``) through a logistic function, the
probability that both report one event. The weights and the threshold (``weights.json``) are
fitted on one split of the GVA incidents by ``newsevents train dedup``; both files say where
their numbers come from.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsevents.dedup.mention import Mention
from newsevents.events.merge import PRECISION_DAYS
from newsevents.records import DatePrecision, PlacePrecision

DATA = Path(__file__).parent


@dataclass(frozen=True, eq=False)
class Rules:
    """The gates: which types may be one event, how far apart dates and places may be."""

    type_families: tuple[frozenset[str], ...]
    date_tolerance_days: int
    place_radius_km: dict[PlacePrecision, float]
    min_shared_terms: int
    provenance: str

    @cache  # noqa: B019 (rules live as long as the program)
    def agreeing_types(self, event_type: str) -> frozenset[str]:
        """The types an event of this type may be reported as: itself and its families'."""
        return frozenset({event_type}).union(*(f for f in self.type_families if event_type in f))

    def date_slack(self, a: DatePrecision, b: DatePrecision) -> int:
        return max(PRECISION_DAYS[a], PRECISION_DAYS[b]) + self.date_tolerance_days


@dataclass(frozen=True)
class Weights:
    """A logistic model over ``Signals.features``: ``bias`` + sum of weight * feature."""

    bias: float
    weights: dict[str, float]
    threshold: float
    provenance: str

    def at(self, threshold: float) -> Weights:
        return Weights(self.bias, self.weights, threshold, self.provenance)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[name] * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_rules(path: Path = DATA / "rules.json") -> Rules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Rules(
        type_families=tuple(frozenset(f) for f in raw["type_families"]),
        date_tolerance_days=raw["date_tolerance_days"],
        place_radius_km=raw["place_radius_km"],
        min_shared_terms=raw["min_shared_terms"],
        provenance=raw["provenance"],
    )


@cache
def load_weights(path: Path = DATA / "weights.json") -> Weights:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Weights(raw["bias"], raw["weights"], raw["threshold"], raw["provenance"])


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from newsevents.eval.metrics import haversine_km

    return haversine_km(a[0], a[1], b[0], b[1])


class TermWeights:
    """How rare each lead-text word is among the articles seen so far (inverse document
    frequency, smoothed as scikit-learn's), so that "shooting" weighs less than "Jahnke"."""

    def __init__(self) -> None:
        self.documents = 0
        self.frequency: Counter[str] = Counter()
        # Squared idf of each word and squared norm of each term list, until the counts change.
        self.squared: dict[str, float] = {}
        self.norms: dict[str, float] = {}

    def add(self, terms: tuple[str, ...]) -> None:
        self.documents += 1
        self.frequency.update(terms)
        self.squared.clear()
        self.norms.clear()

    def idf_squared(self, term: str) -> float:
        if term not in self.squared:
            idf = math.log((1 + self.documents) / (1 + self.frequency[term])) + 1
            self.squared[term] = idf * idf
        return self.squared[term]

    def norm(self, mention: Mention) -> float:
        if mention.article_id not in self.norms:
            self.norms[mention.article_id] = math.sqrt(sum(map(self.idf_squared, mention.terms)))
        return self.norms[mention.article_id]

    def cosine(self, a: Mention, b: Mention, shared: frozenset[str]) -> float:
        if not shared:
            return 0.0
        return sum(map(self.idf_squared, shared)) / (self.norm(a) * self.norm(b))


def place_apart(a: Mention, b: Mention, rules: Rules) -> float | None:
    """How far apart the two places are, in units of the radius their precision allows (1 is
    at the edge); None when either has no place or no point."""
    if a.location is None or b.location is None:
        return None
    la, lb = a.location, b.location
    if la.country and lb.country and la.country != lb.country:
        return math.inf
    if la.lat is None or la.lon is None or lb.lat is None or lb.lon is None:
        return None
    radius = max(rules.place_radius_km[la.precision], rules.place_radius_km[lb.precision])
    return distance_km((la.lat, la.lon), (lb.lat, lb.lon)) / radius


def passes_gates(a: Mention, b: Mention, rules: Rules) -> bool:
    if a.article_id == b.article_id:  # one article's mentions were merged by the events stage
        return False
    if b.type not in rules.agreeing_types(a.type):
        return False
    if a.when and b.when:
        slack = rules.date_slack(a.when_precision, b.when_precision)
        if abs((a.when - b.when).days) > slack:
            return False
    return place_apart(a, b, rules) != math.inf


def count_agreement(a: Mention, b: Mention) -> tuple[int, int]:
    """(fields both give alike, fields both give differently) among killed and injured."""
    pairs = [(a.fatalities, b.fatalities), (a.injured, b.injured)]
    known = [(x, y) for x, y in pairs if x is not None and y is not None]
    same = sum(x == y for x, y in known)
    return same, len(known) - same


@dataclass(frozen=True)
class Signals:
    """The evidence one pair of mentions gives, before weighing."""

    text_cosine: float
    shared_terms: int
    same_type: bool
    same_sub_event: bool
    days_apart: int | None
    place_apart: float | None
    shared_names: int
    names_on_both: bool
    counts_agree: int
    counts_differ: int

    def features(self, rules: Rules) -> dict[str, float]:
        return {
            "text_cosine": self.text_cosine,
            "shared_terms": float(self.shared_terms >= rules.min_shared_terms),
            "same_type": float(self.same_type),
            "same_sub_event": float(self.same_sub_event),
            "same_day": float(self.days_apart == 0),
            "days_apart": min(self.days_apart, 7) / 7 if self.days_apart is not None else 0.0,
            "near_place": float(self.place_apart is not None and self.place_apart <= 1),
            "far_place": float(self.place_apart is not None and self.place_apart > 1),
            "shared_names": float(self.shared_names > 0),
            "other_names": float(self.names_on_both and self.shared_names == 0),
            "counts_agree": float(self.counts_agree),
            "counts_differ": float(self.counts_differ),
        }


def signals(a: Mention, b: Mention, terms: TermWeights, rules: Rules) -> Signals:
    shared = a.term_set & b.term_set
    names_a, names_b = a.names, b.names
    same, differ = count_agreement(a, b)
    return Signals(
        text_cosine=terms.cosine(a, b, shared),
        shared_terms=len(shared),
        same_type=a.type == b.type,
        same_sub_event=a.acled_sub_event_type is not None
        and a.acled_sub_event_type == b.acled_sub_event_type,
        days_apart=abs((a.when - b.when).days) if a.when and b.when else None,
        place_apart=place_apart(a, b, rules),
        shared_names=len(names_a & names_b),
        names_on_both=bool(names_a and names_b),
        counts_agree=same,
        counts_differ=differ,
    )


def pair_score(
    a: Mention, b: Mention, terms: TermWeights, rules: Rules, weights: Weights
) -> float | None:
    """The probability that the two mentions report one event; None when a gate rules it out."""
    if not passes_gates(a, b, rules):
        return None
    return weights.probability(signals(a, b, terms, rules).features(rules))
