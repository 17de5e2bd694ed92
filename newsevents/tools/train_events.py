"""Train the event classifiers and write ``newsevents/events/data/model.json``.

    newsevents train events --shared ../shared

Training data:
- ``newsevents/events/data/examples/*.jsonl``: labelled news-style sentences written for this
  project (PLOVER type, ACLED sub-event type; ``type: null`` for non-events).
- ``data/dev/plover-gsr-cameo``: 322 CAMEO-manual sentences in PLOVER 0.5 (old names mapped);
  PLOVER type only. Its accuracy is reported by 5-fold cross-validation (the fold held out is
  never trained on).

Two logistic regressions over the binary sentence features of ``features.py``: one for the
PLOVER type (``NONE`` = no event), one for the ACLED sub-event type (``NONE`` = not coded by
ACLED). The confidence calibration (Platt scaling of the top probability) is fitted on
cross-validated predictions, so it describes accuracy on unseen text.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import normalize
from spacy.tokens import Doc

from newsevents.events.classify import NONE, SentenceTyping, main_event_labels
from newsevents.events.features import sentence_features, triggers_by_salience
from newsevents.events.model import DATA, MODEL_FILE, LinearModel
from newsevents.events.ontology import ACLED_CODED_TYPES, OLD_PLOVER_NAMES, PLOVER_TYPES
from newsevents.nlp import load_language

PLOVER_GSR = "plover-gsr"
MIN_FEATURE_COUNT = 2
EXAMPLES = DATA / "examples"
# Regularisation chosen by cross-validation on the pooled data (see docs/events.md).
C_PLOVER = 4.0
C_ACLED = 128.0
# plover-gsr is the only data coded by others (the CAMEO manual's own sentences); counting each
# of its rows twice keeps the growing project examples, written mostly for ACLED coverage, from
# pulling PLOVER's boundaries away from it (chosen by the same cross-validation: 0.798 -> 0.804).
SOURCE_WEIGHTS = {PLOVER_GSR: 2.0}


@dataclass
class Example:
    text: str
    plover: str
    acled: str | None  # None: this source says nothing about ACLED
    source: str
    doc: Doc | None = None
    features: list[str] = field(default_factory=list)


def load_project_examples(folder: Path = EXAMPLES) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            plover = row.get("type") or NONE
            if plover != NONE and plover not in PLOVER_TYPES:
                continue
            examples.append(
                Example(row["text"], plover, row.get("acled_sub_event_type") or NONE, path.stem)
            )
    return examples


def load_plover_gsr(shared: Path) -> list[Example]:
    path = shared / "data" / "dev" / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json"
    examples = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        if "text" not in row or row["event"] == "DOCUMENT":
            continue
        plover = OLD_PLOVER_NAMES.get(row["event"], row["event"])
        # Only events ACLED would never code tell the ACLED model something (NONE).
        acled = None if plover in ACLED_CODED_TYPES else NONE
        examples.append(Example(row["text"].strip("{} "), plover, acled, PLOVER_GSR))
    return examples


def featurize(examples: Sequence[Example]) -> None:
    nlp = load_language()
    docs = nlp.pipe((e.text for e in examples), batch_size=64)
    for example, doc in zip(examples, docs, strict=True):
        example.doc = doc
        example.features = sentence_features(doc[:])


def fit(examples: Sequence[Example], label: str, c: float) -> LinearModel:
    """A logistic regression over the features seen at least twice, as JSON-ready weights."""
    frequency = Counter(f for e in examples for f in e.features)
    rows = [{f: 1 for f in e.features if frequency[f] >= MIN_FEATURE_COUNT} for e in examples]
    vectorizer = DictVectorizer()
    x = normalize(vectorizer.fit_transform(rows))
    model = LogisticRegression(C=c, max_iter=2000)
    weights = [SOURCE_WEIGHTS.get(e.source, 1.0) for e in examples]
    model.fit(x, [getattr(e, label) for e in examples], sample_weight=weights)
    return to_linear_model(model, vectorizer)


def to_linear_model(model: LogisticRegression, vectorizer: DictVectorizer) -> LinearModel:
    classes = tuple(str(c) for c in model.classes_)
    coef = model.coef_
    bias = tuple(float(b) for b in model.intercept_)
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = (-bias[0] / 2, bias[0] / 2)
    weights = {}
    for name, column in vectorizer.vocabulary_.items():
        row = {
            i: float(coef[i, column]) for i in range(len(classes)) if abs(coef[i, column]) > 0.01
        }
        if row:
            weights[name] = row
    return LinearModel(classes, bias, weights)


@dataclass
class HeldOut:
    example: Example
    plover: str
    probability: float
    acled: str | None


def folds(items: Sequence[Example], k: int, seed: int = 13) -> list[list[Example]]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def cross_validate(examples: Sequence[Example], k: int = 5) -> list[HeldOut]:
    """Held-out predictions for every example, k-fold, exactly as the pipeline types them."""
    held_out = []
    for fold in folds(examples, k):
        ids = {id(e) for e in fold}
        train = [e for e in examples if id(e) not in ids]
        plover = fit(train, "plover", C_PLOVER)
        acled = fit([e for e in train if e.acled is not None], "acled", C_ACLED)
        for example in fold:
            assert example.doc is not None
            typing = SentenceTyping(
                plover.probabilities(example.features),
                acled.probabilities(example.features),
                triggers_by_salience(example.doc[:]),
            )
            held_out.append(HeldOut(example, *main_event_labels(example.doc[:], typing)))
    return held_out


def fit_platt(scores: Sequence[float], correct: Sequence[bool]) -> dict[str, float]:
    platt = LogisticRegression(C=100.0)
    platt.fit(np.array(scores).reshape(-1, 1), np.array(correct, dtype=int))
    return {"a": float(platt.coef_[0, 0]), "b": float(platt.intercept_[0])}


def expected_calibration_error(
    confidences: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> float:
    total = len(confidences)
    error = 0.0
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        members = [(p, c) for p, c in zip(confidences, correct, strict=True) if lo < p <= hi]
        if members:
            mean_p = sum(p for p, _ in members) / len(members)
            accuracy = sum(c for _, c in members) / len(members)
            error += len(members) / total * abs(mean_p - accuracy)
    return error


def report(name: str, gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    scores = {
        "n": len(gold),
        "accuracy": round(accuracy_score(gold, predicted), 3),
        "weighted_f1": round(f1_score(gold, predicted, average="weighted", zero_division=0), 3),
    }
    print(f"{name}: {scores}")
    return scores


def print_recall_by_class(pairs: Sequence[tuple[str, str]]) -> None:
    """Per-class recall, weakest first: where more examples are needed."""
    gold_counts = Counter(gold for gold, _ in pairs)
    hits = Counter(gold for gold, predicted in pairs if gold == predicted)
    recalls = {label: hits[label] / n for label, n in gold_counts.items()}
    for label, recall in sorted(recalls.items(), key=lambda item: item[1]):
        print(f"  recall {recall:.2f}  {label} (n={gold_counts[label]})")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)

    project = load_project_examples()
    plover_gsr = load_plover_gsr(args.shared)
    everything = project + plover_gsr
    featurize(everything)
    print(f"examples: {len(project)} project, {len(plover_gsr)} plover-gsr")

    held_out = cross_validate(everything)
    metrics: dict[str, object] = {}
    for name, keep in (("plover_gsr_cv", PLOVER_GSR), ("examples_cv", None)):
        pairs = [
            (h.example.plover, h.plover)
            for h in held_out
            if (h.example.source == PLOVER_GSR) == (keep is not None)
        ]
        if pairs:
            metrics[name] = report(f"PLOVER type, {name}", *zip(*pairs, strict=True))
    coded = [
        (h.example.acled, h.acled or NONE) for h in held_out if h.example.acled not in (None, NONE)
    ]
    if coded:
        metrics["acled_cv"] = report(
            "ACLED sub-event (rules + model), CV", *zip(*coded, strict=True)
        )
        print_recall_by_class(coded)

    confidences = [h.probability for h in held_out]
    correct = [h.example.plover == h.plover for h in held_out]
    calibration = fit_platt(confidences, correct)
    calibrated = [1 / (1 + np.exp(-(calibration["a"] * p + calibration["b"]))) for p in confidences]
    ece_raw = round(expected_calibration_error(confidences, correct), 3)
    ece = round(expected_calibration_error(calibrated, correct), 3)
    metrics["ece_raw"], metrics["ece_calibrated"] = ece_raw, ece
    print(f"ECE: raw {ece_raw}, calibrated {ece}")

    plover = fit(everything, "plover", C_PLOVER)
    acled = fit([e for e in everything if e.acled is not None], "acled", C_ACLED)
    payload = {
        "plover": plover.to_json(),
        "acled": acled.to_json(),
        "calibration": calibration,
        "metrics": metrics,
    }
    args.output.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
