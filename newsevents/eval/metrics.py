"""The metrics behind `newsevents eval`, as plain functions of plain values.

Conventions: a ratio whose denominator is zero is reported as 0.0 (precision of a class never
predicted, recall of a class never in the gold), except where "no data" must stay visible, which
is reported as ``None``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

MILES_100_KM = 161.0  # the customary "within 100 miles" threshold of geoparsing evaluations
EARTH_RADIUS_KM = 6371.0088


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return ratio(2 * precision * recall, precision + recall)


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def classification(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-class precision/recall/F1, macro and weighted F1 and the confusion matrix.

    Macro F1 averages over the classes present in the gold; weighted F1 weights each gold class
    by its support. A predicted label that never occurs in the gold (an unknown label, or NONE
    for "no event found") gets its own row with precision 0 and counts as an error.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    pairs = Counter(zip(gold, predicted, strict=True))
    support = Counter(gold)
    predicted_counts = Counter(predicted)
    counts = {
        label: Counts(
            tp=pairs[label, label],
            fp=predicted_counts[label] - pairs[label, label],
            fn=support[label] - pairs[label, label],
        )
        for label in sorted(set(gold) | set(predicted))
    }
    gold_classes = sorted(support)
    correct = sum(counts[label].tp for label in gold_classes)
    return {
        "n": len(gold),
        "accuracy": round(ratio(correct, len(gold)), 4),
        "macro_f1": round(ratio(sum(counts[c].f1 for c in gold_classes), len(gold_classes)), 4),
        "weighted_f1": round(
            ratio(sum(counts[c].f1 * support[c] for c in gold_classes), len(gold)), 4
        ),
        "per_class": {
            label: {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "support": support[label],
            }
            for label, c in counts.items()
        },
        "confusion": confusion_matrix(pairs),
    }


def confusion_matrix(pairs: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count, over every predicted label (zeros included),
    both sorted."""
    predicted = sorted({guess for _, guess in pairs})
    return {
        truth: {guess: pairs[truth, guess] for guess in predicted}
        for truth in sorted({truth for truth, _ in pairs})
    }


Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], strict: bool) -> dict[int, int]:
    """A one-to-one matching, gold index -> predicted index: equal spans when ``strict``,
    otherwise overlapping ones (each gold span takes the first unused predicted span that
    overlaps it, exact matches first)."""
    matches: dict[int, int] = {}
    used: set[int] = set()
    position = {span: i for i, span in reversed(list(enumerate(predicted)))}
    for g, span in enumerate(gold):
        exact = position.get(span)
        if exact is not None and exact not in used:
            matches[g] = exact
            used.add(exact)
    if strict:
        return matches
    for g, span in enumerate(gold):
        if g in matches:
            continue
        for p, candidate in enumerate(predicted):
            if p not in used and overlaps(span, candidate):
                matches[g] = p
                used.add(p)
                break
    return matches


def span_counts(gold: Sequence[Span], predicted: Sequence[Span], strict: bool) -> Counts:
    matched = len(match_spans(gold, predicted, strict))
    return Counts(tp=matched, fp=len(predicted) - matched, fn=len(gold) - matched)


def calibration(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> dict:
    """Expected calibration error over ``bins`` equal-width confidence bins, and the table.

    ECE = sum over bins of (items in bin / all items) * |accuracy in bin - mean confidence in
    bin|. A confidence of exactly 1.0 falls in the top bin; values outside [0, 1] are clipped.
    """
    if len(confidences) != len(correct):
        raise ValueError(f"{len(confidences)} confidences but {len(correct)} outcomes")
    members: list[list[int]] = [[] for _ in range(bins)]
    clipped = [min(max(c, 0.0), 1.0) for c in confidences]
    for i, confidence in enumerate(clipped):
        members[min(int(confidence * bins), bins - 1)].append(i)
    table = []
    ece = 0.0
    for b, indices in enumerate(members):
        if not indices:
            continue
        mean_confidence = sum(clipped[i] for i in indices) / len(indices)
        accuracy = sum(correct[i] for i in indices) / len(indices)
        ece += len(indices) / len(clipped) * abs(accuracy - mean_confidence)
        table.append(
            {
                "bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                "n": len(indices),
                "confidence": round(mean_confidence, 4),
                "accuracy": round(accuracy, 4),
            }
        )
    return {"n": len(clipped), "ece": round(ece, 4) if clipped else None, "reliability": table}


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering: item i's precision is the share of its
    predicted cluster that shares its gold cluster, its recall the share of its gold cluster that
    shares its predicted cluster; both are averaged over items."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold cluster ids but {len(predicted)} predicted")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pair_counts = Counter(zip(gold, predicted, strict=True))
    gold_sizes = Counter(gold)
    predicted_sizes = Counter(predicted)
    precision = recall = 0.0
    for pair in zip(gold, predicted, strict=True):
        shared = pair_counts[pair]
        precision += shared / predicted_sizes[pair[1]]
        recall += shared / gold_sizes[pair[0]]
    precision /= len(gold)
    recall /= len(gold)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_summary(errors_km: Sequence[float]) -> dict[str, float | None]:
    """Mean and median error in km; None when there are none."""
    if not errors_km:
        return {"mean_km": None, "median_km": None}
    return {
        "mean_km": round(statistics.fmean(errors_km), 1),
        "median_km": round(statistics.median(errors_km), 1),
    }
