"""The event-to-place link learned from event-location-syria (Halterman 2019, MIT).

For an event word and the places of its sentence, a logistic model over the pair's features
(the preposition that governs the place, its dependency role, the dependency path to the event
word, distance and order, whether it lies in the event's clause, how many places compete)
scores each place as "where this event happened"; the best one links when its probability
reaches the model's threshold, else the sentence does not say where. ``link_model.json`` is
fitted by ``newsevents train linker`` (``newsevents/tools/train_linker.py``), which also
reports it and the hand rules it replaced on a split held apart by document.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from newsevents.records import Place

MODEL_FILE = "link_model.json"
LOCATIVE_PREPOSITIONS = frozenset(
    ("in", "at", "near", "outside", "inside", "into", "across", "around", "along", "within")
    + ("throughout", "on", "over", "off", "towards", "toward", "through", "")
)
OTHER_CLAUSES = frozenset(("advcl", "ccomp", "parataxis", "relcl"))
# The dependency relations a place's phrase climbs to reach the word that attaches it.
NAME_PARTS = frozenset(("compound", "conj", "appos", "amod", "nmod", "nummod", "poss"))
PATH_STEPS = 4  # longer dependency paths are one feature, "long"


@dataclass(frozen=True)
class LinkModel:
    """Sparse logistic weights over named features, and the probability a link needs."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def to_json(self) -> dict[str, object]:
        weights = {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}
        return {"bias": round(self.bias, 5), "threshold": self.threshold, "weights": weights}

    @classmethod
    def load(cls) -> LinkModel:
        return _load_model()


@lru_cache(maxsize=1)
def _load_model() -> LinkModel:
    raw = json.loads((resources.files("newsevents.geo") / MODEL_FILE).read_text())
    return LinkModel(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]))


def best_link(
    trigger: Token, places: Sequence[Place], model: LinkModel
) -> tuple[float, Place] | None:
    """The likeliest of the places in ``trigger``'s sentence for its event, with its
    probability; None when the sentence names none."""
    scored = [(model.probability(features), place) for place, features in pairs(trigger, places)]
    return max(scored, key=lambda pair: pair[0], default=None)


def pairs(trigger: Token, places: Sequence[Place]) -> list[tuple[Place, list[str]]]:
    """Each place of ``trigger``'s sentence with the features of its pair with ``trigger``."""
    sentence = trigger.sent  # spaCy finds it anew on every access
    spans = [(p, place_span(sentence, p)) for p in places]
    own = [(p, s) for p, s in spans if s is not None]
    if not own:
        return []
    roots = [s.root for _, s in own]
    clause = clause_of(trigger)
    return [(p, pair_features(trigger, p, s, roots, clause)) for p, s in own]


def place_span(sentence: Span, place: Place) -> Span | None:
    if not (sentence.start_char <= place.start and place.end <= sentence.end_char):
        return None
    return sentence.doc.char_span(place.start, place.end, alignment_mode="expand")


def attachment(token: Token) -> Token:
    """The word the place's phrase hangs from: past the name's own parts ("Aleppo province",
    "Idlib and Hama", "the city of Nablus")."""
    while token.dep_ in NAME_PARTS and token.head != token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        outer = token.head.head  # "the city of Nablus", "the outskirts of Aleppo"
        if outer.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj"):
            return outer
    return token


def dependency_path(source: Token, target: Token) -> list[str]:
    """Relations from ``source`` up to the common ancestor, then down to ``target``."""
    up = [source, *source.ancestors]
    down = [target, *target.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return ["none"]
    rising = [f"{t.dep_}^" for t in up[: up.index(common)]]
    falling = [f"{t.dep_}v" for t in reversed(down[: down.index(common)])]
    return rising + falling


def bucket(value: int, edges: Sequence[int]) -> str:
    return next((f"<={edge}" for edge in edges if value <= edge), f">{edges[-1]}")


def pair_features(
    trigger: Token, place: Place, span: Span, roots: Sequence[Token], clause: set[int]
) -> list[str]:
    """The named features of an (event word, place) pair; ``roots`` are the roots of all the
    places of the sentence (this one among them), ``clause`` the token indices of the
    trigger's clause (``clause_of``)."""
    root = span.root
    anchor = attachment(root)
    governor = anchor.head.lower_ if anchor.dep_ == "pobj" else "-"
    path = dependency_path(root, trigger)
    distance = root.i - trigger.i
    nearest = min(roots, key=lambda r: abs(r.i - trigger.i))
    features = [
        f"prep={governor}",
        f"dep={anchor.dep_}",
        f"prep_dep={governor}|{anchor.head.dep_ if anchor.dep_ == 'pobj' else anchor.dep_}",
        f"precision={place.precision}",
        f"path_len={bucket(len(path), (1, 2, 3, 4, 6))}",
        f"path={'/'.join(path) if len(path) <= PATH_STEPS else 'long'}",
        f"distance={bucket(abs(distance), (2, 5, 10, 20))}",
        f"side={'before' if distance < 0 else 'after'}",
        f"candidates={bucket(len(roots), (1, 2, 3))}",
        f"trigger_pos={trigger.pos_}",
    ]
    if root == nearest:
        features.append("nearest")
    if root.is_ancestor(trigger) or root == trigger:
        features.append("above_trigger")
    if trigger.is_ancestor(root):
        features.append("in_trigger_subtree")
    if root.i in clause:
        features.append("in_clause")
        if anchor.dep_ == "pobj" and governor in LOCATIVE_PREPOSITIONS:
            features.append("locative_in_clause")
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        features.append("subject")
    if root.i - root.sent.start <= 2:
        features.append("sentence_start")
    return features


def clause_of(trigger: Token) -> set[int]:
    """Token indices of the trigger's own clause.

    A noun trigger ("a truce deal struck in September") keeps to its own phrase, a verb to its
    subtree; neither takes the clauses hung on them ("..., as the regime pushes on Latakia")
    nor, for a verb, a coordinated verb's clause.
    """
    token = trigger
    if token.pos_ not in ("NOUN", "PROPN"):
        while token.pos_ not in ("VERB", "AUX") and token.head != token:
            token = token.head
    is_verb = token.pos_ in ("VERB", "AUX")
    inside = {t.i for t in token.subtree}
    for t in token.subtree:
        coordinated_verb = is_verb and t.head == token and t.dep_ == "conj"
        if t != token and t.dep_ in OTHER_CLAUSES or coordinated_verb:
            inside -= {u.i for u in t.subtree}
    return inside
