"""Whether two mentions report one event: gates that rule a pair out, then a weighed score.

Gates (``rules.json``, from the ontologies and the literature) rule out pairs that cannot be one
event: two mentions of one article, types of different families, dates further apart than both
precisions allow, places in different countries. A pair that passes is scored: a weighted sum
of signals (``Signals.features``; how far apart the places are, against the radius their
precision allows, is one of them) through a logistic function, the probability that both report
one event. The weights and the threshold (``weights.json``) are fitted on one split of the GVA
incidents by ``newsevents train dedup``; both files say where their numbers come from.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from newsevents.dedup.mention import Mention
from newsevents.events.merge import PRECISION_DAYS
from newsevents.geo.build import distance_km
from newsevents.records import DatePrecision, PlacePrecision

DATA = Path(__file__).parent


@dataclass(frozen=True, eq=False)
class Rules:
    """The gates (which types may be one event, how far apart dates may be) and the measures
    some signals use (the radius a place's precision allows, GDELT's text rule)."""

    type_families: tuple[frozenset[str], ...]
    date_tolerance_days: int
    place_radius_km: dict[PlacePrecision, float]
    min_cosine: float
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
        min_cosine=raw["min_cosine"],
        min_shared_terms=raw["min_shared_terms"],
        provenance=raw["provenance"],
    )


@cache
def load_weights(path: Path = DATA / "weights.json") -> Weights:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Weights(raw["bias"], raw["weights"], raw["threshold"], raw["provenance"])


class TermWeights:
    """Lead-text vectors as scikit-learn's TF-IDF makes them (sublinear term frequency times
    smoothed inverse document frequency, cosine), with word rarity counted over the articles
    seen so far, so that "shooting" weighs less than "Jahnke"."""

    def __init__(self) -> None:
        self.documents = 0
        self.frequency: Counter[str] = Counter()
        # Each lead text's vector and norm, until the counts change; by the terms themselves,
        # all the vector is made of.
        self.vectors: dict[tuple[str, ...], tuple[dict[str, float], float]] = {}

    def add(self, terms: tuple[str, ...]) -> None:
        self.documents += 1
        self.frequency.update(set(terms))
        self.vectors.clear()

    def vector(self, mention: Mention) -> tuple[dict[str, float], float]:
        if mention.terms not in self.vectors:
            vector = {
                term: (1 + math.log(count))
                * (math.log((1 + self.documents) / (1 + self.frequency[term])) + 1)
                for term, count in Counter(mention.terms).items()
            }
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors[mention.terms] = vector, norm
        return self.vectors[mention.terms]

    def cosine(self, a: Mention, b: Mention, shared: frozenset[str]) -> float:
        if not shared:
            return 0.0
        (va, na), (vb, nb) = self.vector(a), self.vector(b)
        return sum(va[t] * vb[t] for t in shared) / (na * nb)


PlaceRelation = Literal["near", "region", "far", "elsewhere", "unknown"]
FINE_PLACES: frozenset[PlacePrecision] = frozenset({"point", "admin2"})


def place_relation(a: Mention, b: Mention, rules: Rules) -> PlaceRelation:
    """How the two places stand: "elsewhere" (other countries), "far" (other first-level
    divisions, or further apart than the vaguer precision allows), "near" (within that
    distance, both a town or district), "region" (within it, one no finer than a state), or
    "unknown" (a place or its point missing)."""
    if a.location is None or b.location is None:
        return "unknown"
    la, lb = a.location, b.location
    if la.country and lb.country and la.country != lb.country:
        return "elsewhere"
    if la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return "far"
    if la.lat is None or la.lon is None or lb.lat is None or lb.lon is None:
        return "unknown"
    radius = max(rules.place_radius_km[la.precision], rules.place_radius_km[lb.precision])
    if distance_km((la.lat, la.lon), (lb.lat, lb.lon)) > radius:
        return "far"
    return "near" if {la.precision, lb.precision} <= FINE_PLACES else "region"


def dates_agree(a: Mention, b: Mention, rules: Rules) -> bool:
    if a.when is None or b.when is None:
        return True
    return abs((a.when - b.when).days) <= rules.date_slack(a.when_precision, b.when_precision)


def passes_gates(a: Mention, b: Mention, rules: Rules) -> bool:
    return (
        a.article_id != b.article_id  # one article's mentions were merged by the events stage
        and b.type in rules.agreeing_types(a.type)
        and dates_agree(a, b, rules)
        and place_relation(a, b, rules) != "elsewhere"
    )


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
    place: PlaceRelation
    shared_names: int
    names_on_both: bool
    counts_agree: int
    counts_differ: int

    def features(self, rules: Rules) -> dict[str, float]:
        return {
            "text_cosine": self.text_cosine,
            "gdelt_similar": float(
                self.text_cosine >= rules.min_cosine and self.shared_terms >= rules.min_shared_terms
            ),
            "same_type": float(self.same_type),
            "same_sub_event": float(self.same_sub_event),
            "same_day": float(self.days_apart == 0),
            "days_apart": min(self.days_apart, 7) / 7 if self.days_apart is not None else 0.0,
            "near_place": float(self.place == "near"),
            "same_region": float(self.place == "region"),
            "far_place": float(self.place == "far"),
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
        place=place_relation(a, b, rules),
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
