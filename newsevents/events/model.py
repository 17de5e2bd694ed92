"""A linear classifier shipped as JSON weights (no pickle) and scored in plain Python.

``newsevents train events`` (:mod:`newsevents.tools.train_events`) writes the file; this
module reads it. Features are binary and the vector is
L2-normalised, so a score is the bias plus the sum of the present features' weights divided by
the square root of their count; a model may add dense features (the sentence's tok2vec
vectors), standardised with the fitting data's mean and scale and weighed by a matrix.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class DenseWeights:
    """Weights of dense features: x is read as (x - mean) * scale, then ``weights @ x``."""

    mean: np.ndarray  # (dimensions,)
    scale: np.ndarray  # (dimensions,): 1 / (standard deviation x sqrt(dimensions))
    weights: np.ndarray  # (classes, dimensions)
    _folded: np.ndarray = field(init=False, repr=False, compare=False)
    _offset: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The standardisation folded into the weights once: a score is one product per sentence.
        folded = self.weights * self.scale
        object.__setattr__(self, "_folded", folded)
        object.__setattr__(self, "_offset", -(folded @ self.mean))

    def scores(self, vector: np.ndarray) -> np.ndarray:
        return self._folded @ vector + self._offset

    def to_json(self) -> dict[str, object]:
        return {
            "mean": [round(float(x), 5) for x in self.mean],
            "scale": [round(float(x), 5) for x in self.scale],
            "weights": [[round(float(w), 5) for w in row] for row in self.weights],
        }

    @classmethod
    def from_json(cls, data: dict) -> DenseWeights:
        return cls(*(np.array(data[key], dtype=np.float32) for key in ("mean", "scale", "weights")))


def model_inputs(features: list[str], realis: list[str], reads_realis: bool) -> list[str]:
    """The binary features a model reads of a sentence: its ``sentence_features`` and, for a
    model that reads them, its realis features (``status.realis_features``)."""
    return [*features, *realis] if reads_realis else features


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[int, float]]  # feature -> {class index: weight}
    dense: DenseWeights | None = None
    reads_realis: bool = False  # whether it reads ``status.realis_features`` too
    # The bias and the weights as a matrix, the bias first, then a row per feature (zeros
    # where a class has no weight): a sentence's scores in a few array operations.
    _rows: dict[str, int] = field(init=False, repr=False, compare=False)
    _matrix: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        matrix = np.zeros((1 + len(self.weights), len(self.classes)))
        matrix[0] = self.bias
        for row, weights in enumerate(self.weights.values(), start=1):
            for index, weight in weights.items():
                matrix[row, index] = weight
        object.__setattr__(self, "_rows", {f: row for row, f in enumerate(self.weights, 1)})
        object.__setattr__(self, "_matrix", matrix)

    def inputs(self, features: list[str], realis: list[str]) -> list[str]:
        """The binary features this model reads of a sentence (:func:`model_inputs`)."""
        return model_inputs(features, realis, self.reads_realis)

    def probabilities(
        self, features: list[str], vector: np.ndarray | None = None
    ) -> dict[str, float]:
        """Class probabilities of binary features and, for a model with dense weights, the
        dense vector (``features.dense_features``)."""
        # The bias's row, then each known feature's (their rows start at 1: None is unknown).
        terms = self._matrix.take([0, *filter(None, map(self._rows.get, features))], 0)
        if features:
            terms[1:] *= 1.0 / math.sqrt(len(features))
        # The bias, then each feature's weights in the features' order: a running sum, so
        # that every score is the same float as one added up weight by weight.
        scores = np.add.accumulate(terms, axis=0)[-1]
        if self.dense is not None:
            if vector is None:
                raise ValueError("this model reads dense features: pass the sentence's vector")
            scores = self.dense.scores(vector) + scores
        values: list[float] = scores.tolist()
        top = max(values)
        exps = [math.exp(s - top) for s in values]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "classes": list(self.classes),
            "bias": [round(b, 5) for b in self.bias],
            "weights": {
                f: {str(i): round(w, 5) for i, w in row.items()} for f, row in self.weights.items()
            },
            "dense": self.dense.to_json() if self.dense is not None else None,
            "realis": self.reads_realis,
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        dense = data.get("dense")
        return cls(
            classes=tuple(data["classes"]),
            bias=tuple(data["bias"]),
            weights={f: {int(i): w for i, w in row.items()} for f, row in data["weights"].items()},
            dense=DenseWeights.from_json(dense) if dense else None,
            reads_realis=data.get("realis", False),
        )


@dataclass(frozen=True)
class ScoreContext:
    """What the confidence reads beside the score, known at run time (``events/confidence.py``):
    the detector's own probability for the sentence (the score is it times the type's); of the
    article, its length in words and the shares of its words that are sports' and markets'
    (``data/genre_words.tsv``); of the sentence, whether it is quoted or a question."""

    event_probability: float
    words: int
    sports: float
    markets: float
    quoted: bool
    question: bool

    def inputs(self) -> dict[str, float]:
        """The context as the calibration's named inputs."""
        return {
            "detector": logit(self.event_probability),
            "log_words": math.log1p(self.words),
            "sports": self.sports,
            "markets": self.markets,
            "quoted": float(self.quoted),
            "question": float(self.question),
        }


def logit(probability: float) -> float:
    p = min(max(probability, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """Isotonic calibration of a raw score into the probability that the event is real and
    its type right: a non-decreasing step curve through (score, probability) knots, read
    between knots by linear interpolation; then, where ``context`` holds weights, a logistic
    over the curve's logit and the context's inputs (``ScoreContext.inputs``; "curve" weighs
    the logit, "bias" the constant), so that a score means less where, in the select split,
    such text held fewer real events (long sports and business articles). For a given context
    the confidence still rises with the score (the curve's weight is kept positive)."""

    scores: tuple[float, ...]
    probabilities: tuple[float, ...]
    context: dict[str, float] = field(default_factory=dict)

    def curve(self, score: float) -> float:
        index = bisect.bisect_left(self.scores, score)
        if index == 0:
            return self.probabilities[0]
        if index == len(self.scores):
            return self.probabilities[-1]
        lo, hi = self.scores[index - 1], self.scores[index]
        share = (score - lo) / (hi - lo) if hi > lo else 1.0
        low, high = self.probabilities[index - 1], self.probabilities[index]
        return low + share * (high - low)

    def __call__(self, score: float, context: ScoreContext) -> float:
        probability = self.curve(score)
        if not self.context:
            return probability
        inputs = context.inputs()
        z = self.context["bias"] + self.context["curve"] * logit(probability)
        z += sum(w * inputs[name] for name, w in self.context.items() if name in inputs)
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "scores": [round(x, 5) for x in self.scores],
            "probabilities": [round(y, 5) for y in self.probabilities],
            "context": {name: round(w, 5) for name, w in self.context.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        return cls(tuple(data["scores"]), tuple(data["probabilities"]), data.get("context", {}))


@dataclass(frozen=True)
class EventModels:
    """The detector (is a real event told here: classes EVENT, NONE), the PLOVER typer, the
    ACLED sub-event typer (NONE: not ACLED's), the calibration of detector x typer, and the
    calibrated confidence below which a mention is dropped (chosen on a held-apart split)."""

    detector: LinearModel
    plover: LinearModel
    acled: LinearModel
    calibration: Calibration
    min_confidence: float

    @property
    def reads_vectors(self) -> bool:
        """Whether any of the three models reads the dense tok2vec vectors."""
        return any(m.dense is not None for m in (self.detector, self.plover, self.acled))

    @property
    def reads_realis(self) -> bool:
        """Whether any of the three models reads the realis features."""
        return any(m.reads_realis for m in (self.detector, self.plover, self.acled))


MODEL_FILE = DATA / "model.json"


@lru_cache(maxsize=1)
def load_models(path: Path = MODEL_FILE) -> EventModels:
    data = json.loads(path.read_text(encoding="utf-8"))
    return EventModels(
        detector=LinearModel.from_json(data["detector"]),
        plover=LinearModel.from_json(data["plover"]),
        acled=LinearModel.from_json(data["acled"]),
        calibration=Calibration.from_json(data["calibration"]),
        min_confidence=data["min_confidence"],
    )
